"""PART_OF: "the State Duma, the lower house of the Federal Assembly"."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.mentions import doc_text
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.tables import Gazetteer, Rules


class Chambers(StatelessRule):
    name = "chamber-of"
    confidence = 0.8

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.chambers(ctx.doc, s)

    def chambers(self, doc: Doc, s: Sentence) -> list[Candidate]:
        text = doc_text(doc)
        bodies = [m for m in s.mentions if m.type in ("Institution", "Country")]
        out = []
        for a in (m for m in bodies if m.type == "Institution"):
            m = re.match(
                r"\s*,\s*(?:the|a|an)\s+(?:lower|upper|second|first)?\s*(?:house|chamber|body|branch|arm|wing|committee|agency|unit|part|member)\s+of\s+(?:the\s+)?",
                text[a.end : a.end + 80],
                re.I,
            )
            if m:
                whole = next((b for b in bodies if b.start == a.end + m.end()), None)
                if whole is not None and whole.name != a.name:
                    out.append(Candidate("PART_OF", a, whole, s.index))
        return out
