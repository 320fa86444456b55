"""HOSTED and LOCATED_IN for the events a sentence names: "the G7 summit in Hiroshima",
"hosted by X", "Russia hosted an inter-parliamentary conference"."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.mentions import Mention, doc_text
from graph.extract.relation_rules.clauses import clause_end
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class EventPlaces(StatelessRule):
    name = "event-place"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        self.not_in_object = frozenset(rule_data(__file__)["not_in_object"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.hosted_and_located(ctx.doc, s)

    def hosted_and_located(self, doc: Doc, s: Sentence) -> list[Candidate]:
        events = [m for m in s.mentions if m.type == "Event"]
        if not events:
            return []
        text = doc_text(doc)
        out = []
        for ev in events:
            if ev.source == "generic-event":
                # "Russia hosted an inter-parliamentary conference": only the host is read
                head = text[s.span.start_char : ev.start]
                m = re.search(r"(?P<verb>hosted|held|organi[sz]ed|convened)\s*$", head)
                who = [
                    x
                    for x in s.mentions
                    if x.end <= ev.start and x.type in ("Country", "Institution")
                ]
                if m and who and not text[who[-1].end : s.span.start_char + m.start()].strip():
                    out.append(Candidate("HOSTED", who[-1], ev, s.index))
                continue
            named_by = _city_naming(s, ev)
            if named_by is not None:
                out.append(Candidate("LOCATED_IN", ev, named_by, s.index))
            tail = text[ev.end : clause_end(text, ev.end, s.span.end_char, stop_at_comma=False)]
            # "the G7 summit in Hiroshima", "... was held in Moscow"
            # "an emergency summit of the Economic Community of West African States in Abuja"
            of_body = r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of|and|the|[A-Z][\w'’-]*))*)?"
            m = re.match(of_body + r",?\s+in\s+(?:the\s+)?", tail) or re.search(
                r"\b(?:was held|took place|occurred|held|convened|opened)\b[^.]*?\bin\s+", tail
            )
            if m:
                place = next(
                    (
                        x
                        for x in s.mentions
                        if x.start == ev.end + m.end() and x.type in ("City", "Country", "Region")
                    ),
                    None,
                )
                if place is not None:
                    out.append(Candidate("LOCATED_IN", ev, place, s.index))
            m = re.search(
                r"\b(?:at the initiative of|hosted by|organi[sz]ed by|convened by)\s+(?:the\s+)?",
                tail,
            )
            if m:
                host = next(
                    (
                        x
                        for x in s.mentions
                        if x.start == ev.end + m.end()
                        and x.type in ("Country", "Institution", "City", "Person")
                    ),
                    None,
                )
                if host is not None:
                    out.append(Candidate("HOSTED", host, ev, s.index))
            head = text[s.span.start_char : ev.start]
            m = re.search(
                r"(?:^|\s)(?P<who>\S.*?)\s+(?:hosted|held|organi[sz]ed|convened)\s+(?:the\s+|an?\s+)?(?P<gap>[\w\s-]*)$",
                head,
            )
            if m and self._object_gap(m.group("gap")):
                who = [
                    x
                    for x in s.mentions
                    if x.end <= ev.start
                    and x.type in ("Country", "Institution")
                    and x.start >= s.span.start_char + m.start("who")
                ]
                if who:
                    out.append(Candidate("HOSTED", who[-1], ev, s.index))
        return out

    def _object_gap(self, gap: str) -> bool:
        """Whether the words between "held" and the event leave the event the verb's object
        ("held its annual summit"), not a phrase after it: "a summit held on the sidelines of
        the APEC meeting", "to be held entirely in person since the XXVI summit"."""
        return not any(w in self.not_in_object for w in gap.lower().split())


def _city_naming(s: Sentence, ev: Mention) -> Mention | None:
    """The city an event is named by ("the Niamey summit", city_events.py): it met there."""
    if ev.source != "city-event":
        return None
    return next(
        (
            x
            for x in s.mentions
            if x.type == "City" and x.source == "city-event" and 0 <= ev.start - x.end <= 1
        ),
        None,
    )
