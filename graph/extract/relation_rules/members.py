"""PART_OF for members of a bloc: "BRICS, the grouping of Brazil, Russia, ..."."""

from __future__ import annotations

from graph.extract.mentions import unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule
from graph.extract.tables import Gazetteer, Rules


class Members(StatelessRule):
    name = "membership"
    confidence = 0.6

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        return self.members(s)

    def members(self, s: Sentence) -> list[Candidate]:
        cues = [t for t in s.span if t.lower_ in self.rules.membership_cues]
        if not cues or not all(asserted(c, self.rules) for c in cues):
            return []
        blocs = [m for m in s.mentions if m.type == "Institution" and not m.demonym]
        countries = [m for m in s.mentions if m.type == "Country" and not m.demonym]
        if not blocs or len(countries) < 2:
            return []
        cue = cues[0]
        bloc = min(blocs, key=lambda b: abs(b.start - cue.idx))
        doc = s.span.doc
        listed = []
        for c in countries:
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            root = span.root if span is not None else None
            # a list: the country is a conjunct of another, or has one
            if root is not None and (
                root.dep_ == "conj" or any(k.dep_ == "conj" for k in root.children)
            ):
                listed.append(c)
        if len(listed) < 2:
            return []
        return [Candidate("PART_OF", c, bloc, s.index) for c in unique_by_name(listed)]
