"""COOPERATES_WITH between partners: support, "partners with", joint acts, co-action,
"A-B ties", and "the two sides" after a paragraph names two states (graph/extract/
cooperation.py reads them; it keeps the paragraph's states between sentences)."""

from __future__ import annotations

from graph.extract.cooperation import Partners
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence, named
from graph.extract.tables import Gazetteer, Rules


class PartnerRule:
    name = "partners"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.partners = Partners(rules)

    def start(self, ctx: DocumentContext) -> None:
        self.partners.reset(ctx.sentences, ctx.states)

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        found = named(self.partners.find(s, ctx.home, ctx.states), self.name, self.confidence)
        return found + self.partners.two_sides(s, ctx.states, ctx.home)
