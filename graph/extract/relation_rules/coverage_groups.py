"""ATTENDED on a page of meeting coverage: the members of a group that a speaker speaks
for, listed between dashes or in brackets after the group's name ("Speaking for the A3+ —
Algeria, Mozambique, Sierra Leone and Guyana — X said", "on behalf of the A3 (Gabon, Ghana
and Mozambique)"). A group of a council's own members speaks for members that sit there;
the list names them, so each took part. A group spoken for without its members listed
("speaking on behalf of the Caribbean Community") gives nothing (represented.py). Cue words
are in coverage_groups.toml."""

from __future__ import annotations

import re
from functools import cached_property

from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class CoverageGroups(StatelessRule):
    name = "coverage-group"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.leads: list[str] = data["speaking_for"]
        self.max_group = int(data["max_group_chars"])

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        leads = "|".join(re.escape(w) for w in self.leads)
        return re.compile(
            rf"\b(?:{leads})\s+(?:the\s+)?[^—–()\n]{{1,{self.max_group}}}?\s*"
            r"(?:[—–]\s*(?P<dashed>[^—–()\n]{3,300}?)\s*[—–]|\((?P<bracketed>[^()\n]{3,300})\))",
            re.I,
        )

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        event = ctx.event_of.get(s.index)
        if event is None or event.props.get("coverage") != "yes":
            return []
        out = []
        base = s.span.start_char
        for found in self.pattern.finditer(s.text):
            group = "dashed" if found.group("dashed") else "bracketed"
            start, end = base + found.start(group), base + found.end(group)
            members = [m for m in s.mentions if start <= m.start and m.end <= end]
            if len(members) < 2 or any(m.type != "Country" for m in members):
                continue  # a list of states, not a speaker's bracket ("(Algeria)")
            out += [Candidate("ATTENDED", m, event, s.index) for m in members]
        return out
