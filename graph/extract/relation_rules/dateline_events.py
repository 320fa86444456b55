"""LOCATED_IN of the document's own event in its dateline's city: a wire story or a
parliament report filed from where its summit or debate is held says so in its lead, "ADDIS
ABABA, Feb 18 (Reuters) - ... at a two-day summit in the Ethiopian capital", "STRASBOURG, 17
January 2024 – Members ... debating ...; the resolution that follows from the debate". The
dateline says where the story was filed; it says where the event met only when the lead
paragraph (the dateline's own) names the event. A dateline of two cities ("KIGALI/BRUSSELS"),
an event the text already places elsewhere, or one only planned is left alone."""

from __future__ import annotations

from graph.extract.hosting import same_event
from graph.extract.mentions import Mention
from graph.extract.planned_events import only_planned
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.tables import Gazetteer, Rules


class DatelineEvents:
    name = "dateline-event"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        main = ctx.main_event
        lines = [
            (s, m)
            for s in ctx.sentences
            for m in s.mentions
            if m.type == "City" and m.source == "dateline"
        ]
        if main is None or len(lines) != 1:
            return []  # no event, or filed from two places at once
        where, city = lines[0]
        if any(c.type == "LOCATED_IN" and same_event(c.source, main) for c in found):
            return []  # the text places the event itself
        mentions = [
            (s, m)
            for s in ctx.sentences
            for m in s.mentions
            if m.type == "Event" and same_event(m, main)
        ]
        if only_planned(ctx.sentences, mentions):
            return []
        lead = _in_lead(mentions, where)
        if lead is None:
            return []
        return [Candidate("LOCATED_IN", lead, city, where.index, None, self.name, self.confidence)]


def _in_lead(mentions: list[tuple[Sentence, Mention]], where: Sentence) -> Mention | None:
    """The event's first mention in the dateline's paragraph, from the dateline on."""
    return next(
        (m for s, m in mentions if s.paragraph == where.paragraph and s.index >= where.index),
        None,
    )
