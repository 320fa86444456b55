"""SANCTIONED as governments write it, read over the whole document (graph/extract/
designations.py): designation lists, "pursuant to", "remains under sanctions"."""

from __future__ import annotations

from graph.extract.designations import Designations
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.tables import Gazetteer, Rules


class SanctionDesignations:
    name = "designation"

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.designations = Designations(rules, gaz.parents)

    def find(self, ctx: DocumentContext, found: list[Candidate]) -> list[Candidate]:
        return [
            Candidate("SANCTIONED", src, dst, si, rule=rule, confidence=conf)
            for src, dst, si, rule, conf in self.designations.find(
                ctx.doc, ctx.body, ctx.head, _title(ctx), ctx.states, ctx.home
            )
        ]


def _title(ctx: DocumentContext) -> list[Sentence]:
    """The sentences before the body: the headline and header lines."""
    first = ctx.body[0].index if ctx.body else len(ctx.sentences)
    return [s for s in ctx.sentences if s.index < first]
