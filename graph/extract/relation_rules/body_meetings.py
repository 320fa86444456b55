"""HOSTED by the body whose meeting a sentence names with "its": coverage and analysis recall a
body's own summit or ministerial meeting through the body, "the appeal made by the League of
Arab States at its extraordinary ministerial meeting in Cairo", "the decision taken by the
bloc at its 3 July summit in Accra". The meeting is a named event (not "the summit" alone);
"its" stands for the nearest body the sentence names before it, with no other actor between
(body_meetings.toml). A meeting still to come or only asked for ("to present a report at its
next session", "will decide at its summit") or denied is hosted by no one yet.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from graph.extract.mentions import Mention, doc_text
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class BodyMeetings(StatelessRule):
    name = "body-meeting"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.cue = re.compile(data["cue_before_event"] + r"$", re.IGNORECASE)
        self.between = frozenset(data["actors_between"])
        self.other = frozenset(data["other_occasion"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        text = doc_text(ctx.doc)
        out = []
        for ev in s.mentions:
            if ev.type != "Event" or ev.source == "generic-event":
                continue
            cue = self.cue.search(text, max(s.span.start_char, ev.start - 40), ev.start)
            if cue is None or not self._held(s.span, cue.start(), ev):
                continue
            body = self._body(s, cue.start())
            if body is not None:
                out.append(Candidate("HOSTED", body, ev, s.index))
        return out

    def _body(self, s: Sentence, before: int) -> Mention | None:
        """The nearest mention before "its", when it is a body: another actor nearer ("the
        Council asked Kenya to report at its session") leaves "its" unresolved."""
        prior = [m for m in s.mentions if m.end <= before and m.type in self.between]
        if not prior:
            return None
        last = max(prior, key=lambda m: m.end)
        return last if last.type == "Institution" and not last.demonym else None

    def _held(self, span: Span, cue_start: int, ev: Mention) -> bool:
        """The meeting is a done and asserted one: the preposition's verb is no infinitive or
        future ("to present ... at its session"), and no word makes it another occasion."""
        if any(w in self.other for w in ev.text.lower().split()):
            return False
        prep = next((t for t in span if t.idx == cue_start), None)
        if prep is None:
            return False
        verb = _verb_above(prep)
        if verb is None:
            return True  # "the appeal of the League at its meeting": a noun's, done
        if any(c.dep_ == "aux" and c.lower_ in self.rules.future_aux for c in verb.children):
            return False
        return asserted(verb, self.rules)


def _verb_above(tok: Token) -> Token | None:
    """The verb the preposition hangs on, if any, within a few steps up."""
    head = tok.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.head == head:
            return None
        head = head.head
    return None
