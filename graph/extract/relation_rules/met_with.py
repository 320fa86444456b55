"""MET_WITH: "A held a meeting with B", "A met B", "... And also with C" (a sentence that
opens with "with" continues the meeting of the one before)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.meetings import Meetings
from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.tables import Gazetteer, Rules
from graph.extract.title_short_forms import title_holders


class MetWith:
    name = "meeting"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.meetings = Meetings(rules)
        self.previous_meeting: Mention | None = None

    def start(self, ctx: DocumentContext) -> None:
        # a readout's principal: the first person it names ("The Prime Minister met ...")
        self.meetings.reset(
            next((m for s in ctx.sentences for m in s.mentions if m.type == "Person"), None)
        )
        self.previous_meeting = None
        people = [m for s in ctx.sentences for m in s.mentions if m.type == "Person"]
        self.meetings.short_titles = title_holders(
            ctx.doc, people, self.meetings.pairs.title_acronyms, self.meetings.pairs.title_skips
        )

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        met = self.met_with(ctx.doc, s, self.previous_meeting)
        if met:
            self.previous_meeting = met[0].source
        elif not re.match(r"\s*(and\s+)?(also\s+)?with\b", s.text, re.I):
            self.previous_meeting = None
        return met

    def met_with(self, doc: Doc, s: Sentence, previous: Mention | None) -> list[Candidate]:
        people = [m for m in s.mentions if m.type == "Person"]
        text = s.text
        continuation = re.match(r"\s*(?:and\s+)?(?:also\s+)?with\b", text, re.I)
        if continuation and previous is not None:
            return [
                Candidate("MET_WITH", previous, p, s.index)
                for p in people
                if p.name != previous.name
            ]
        return [Candidate("MET_WITH", a, b, s.index) for a, b in self.meetings.find(s)]
