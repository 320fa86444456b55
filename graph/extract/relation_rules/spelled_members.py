"""PART_OF for the states a grouping is spelled out as, right after its name: "Speaking for
the A3 — Gabon, Ghana and Kenya — the representative said", "The E3, that is France,
Germany and the United Kingdom, argued", "the Quad (Australia, India, Japan and the United
States)". The list is the grouping's membership, as an apposition says it: two or more
states and nothing else between the dashes, brackets or "that is" and the list's end.
Patterns in spelled_members.toml."""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class SpelledMembers(StatelessRule):
    name = "spelled-members"
    confidence = 0.75

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.opening = re.compile(data["opening"])
        self.between = re.compile(data["between"])
        self.closing = re.compile(data["closing"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        mentions = sorted(s.mentions, key=lambda m: m.start)
        out: list[Candidate] = []
        for i, group in enumerate(mentions):
            if group.type != "Institution":
                continue
            listed = self._listed(s, mentions[i + 1 :], group)
            out.extend(Candidate("PART_OF", state, group, s.index) for state in listed)
        return out

    def _listed(self, s: Sentence, after: list[Mention], group: Mention) -> list[Mention]:
        """The states listed right after the grouping, or none if anything else stands in
        the list or it holds fewer than two."""
        sent, base = s.text, s.span.start_char
        at = group.end
        states: list[Mention] = []
        for m in after:
            gap = sent[at - base : m.start - base]
            pattern = self.between if states else self.opening
            if m.type != "Country" or m.demonym or not pattern.match(gap):
                break
            states.append(m)
            at = m.end
        if len(states) < 2 or not self.closing.match(sent[at - base :]):
            return []
        return states
