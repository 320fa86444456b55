"""HOLDS_ROLE of a speaker in meeting coverage: "NAME (Country) said"."""

from __future__ import annotations

import re

from graph.extract.mentions import doc_text
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.tables import Gazetteer, Rules


class Delegates(StatelessRule):
    name = "delegate"
    confidence = 0.6

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.delegates(s)

    def delegates(self, s: Sentence) -> list[Candidate]:
        out = []
        text = doc_text(s.span.doc)
        for p in (m for m in s.mentions if m.source == "speaker"):
            bracket = re.match(r"\s*\(", text[p.end : p.end + 3])
            country = next(
                (
                    m
                    for m in s.mentions
                    if bracket and m.type == "Country" and m.start == p.end + bracket.end()
                ),
                None,
            )
            if country is not None:
                out.append(
                    Candidate("HOLDS_ROLE", p, country, s.index, "Representative", "delegate", 0.6)
                )
        return out
