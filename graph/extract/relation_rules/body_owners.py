"""PART_OF for a body written with what it belongs to: a possessive owner ("Iran's Islamic
Revolutionary Guard Corps", "the Treasury's Office of Foreign Assets Control") or an
apposition ("OFSI, part of HM Treasury"). A state owns its state bodies only: before a
company, a group or a role ("Spain's Repsol", "Brazil's BRICS presidency") a country's
possessive asserts no PART_OF (read as LOCATED_IN it was right 3 times in 11 on tune).
The words between the two mentions are patterns in body_owners.toml."""

from __future__ import annotations

import re

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class BodyOwners(StatelessRule):
    name = "body-owner"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        data = rule_data(__file__)
        self.possessive = re.compile(data["possessive"])
        self.apposition = re.compile(data["part_of_apposition"], re.IGNORECASE)
        self.of_owner = re.compile(data["of_owner"])
        self.unit_heads = set(data["unit_heads"])
        self.state_heads = set(rules.state_body_heads) | set(data["state_body_heads"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        ms = sorted(
            (m for m in s.mentions if m.type in ("Country", "Institution") and not m.demonym),
            key=lambda m: m.start,
        )
        out = []
        for a, b in zip(ms, ms[1:], strict=False):
            between = ctx.text[a.end : b.start]
            if b.type == "Institution" and self.possessive.fullmatch(between):
                out.extend(self._owned(a, b, s.index))
            elif a.type == "Institution" and self.apposition.fullmatch(between):
                out.append(Candidate("PART_OF", a, b, s.index))
            elif self._unit_of(a, b, between):
                out.append(Candidate("PART_OF", a, b, s.index, rule="body-of"))
        return out

    def _unit_of(self, unit: Mention, owner: Mention, between: str) -> bool:
        """ "Department 53 of the Ministry of the People's Armed Forces", "the Permanent
        Council of the OAS": a body named by a unit's head word, then "of" and another body
        (written as two mentions: one would have been read from its name)."""
        if unit.type != "Institution" or owner.type != "Institution":
            return False
        if unit.name == owner.name or not self.of_owner.fullmatch(between):
            return False
        return any(w in self.unit_heads for w in re.split(r"[\s-]+", unit.name))

    def _owned(self, owner: Mention, body: Mention, sent: int) -> list[Candidate]:
        """ "Iran's IRGC" is Iran's, "the Treasury's OFAC" the Treasury's."""
        if owner.name == body.name:
            return []
        if owner.type == "Institution" or self._state_body(body):
            return [Candidate("PART_OF", body, owner, sent)]
        return []  # "Spain's Repsol", "Brazil's BRICS presidency": not the state's own

    def _state_body(self, body: Mention) -> bool:
        words = re.split(r"[\s-]+", body.name)
        return any(w in self.state_heads for w in words)
