"""ATTENDED on a page of meeting coverage: the states listed in a recorded vote ("adopted by
a recorded vote of 9 in favour to 4 against (Argentina, Hungary, Israel, United States)",
"The 25 States abstaining were: Albania, Austria, ...", "Voting against the resolution were
Belarus, China and Cuba"). A state that votes, for, against or abstaining, is at the meeting
that votes; a list is two or more states joined by nothing but commas, "and" and a bracketed
qualifier of the name as UN records write it ("Micronesia (Federated States of)"). A
sentence listing who took no part ("Absent: ...") gives nothing (coverage_votes.toml), nor
does a vote away from a coverage page (the states that voted on a text a story recalls
need not be at any meeting it reports)."""

from __future__ import annotations

import re

from graph.extract.mentions import doc_text
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

# between two states of one list: "A, B", "A and B", "A, and the B", "A (Kingdom of the), B"
_LISTED = re.compile(r"\s*(?:\([^()]{1,40}\))?\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?")


class CoverageVotes(StatelessRule):
    name = "coverage-vote"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.cues = tuple(data["vote_cues"])
        self.away = tuple(data["away_cues"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        event = ctx.event_of.get(s.index)
        if event is None or event.props.get("coverage") != "yes":
            return []
        low = s.text.lower()
        if not any(c in low for c in self.cues) or any(a in low for a in self.away):
            return []
        states = [m for m in s.mentions if m.type == "Country" and not m.demonym]
        text = doc_text(ctx.doc)
        listed: set[int] = set()
        for a, b in zip(states, states[1:], strict=False):
            if _LISTED.fullmatch(text, a.end, b.start):
                listed |= {id(a), id(b)}
        return [Candidate("ATTENDED", m, event, s.index) for m in states if id(m) in listed]
