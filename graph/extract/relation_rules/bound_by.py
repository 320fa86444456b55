"""COOPERATES_WITH of actors tied by a partnership: "Germany and Kazakhstan are linked by a
comprehensive partnership", "Turkey is bound to the EU by a customs union". The words are in
bound_by.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

BODIES = ("Country", "Institution")


class BoundBy(StatelessRule):
    name = "bound-by"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.verbs = frozenset(data["verbs"])
        self.nouns = frozenset(data["nouns"])
        self.preps = frozenset(data["preps"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out: list[Candidate] = []
        for verb in tokens_with(s.span, (), self.verbs):
            if verb.tag_ != "VBN" or not self._by_a_partnership(verb):
                continue
            if not asserted(verb, self.rules):
                continue
            heads = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
            if not heads and verb.dep_ == "conj":
                # "Turkey is a NATO member, is bound to the EU by ...": the first verb's subject
                heads = [c for c in verb.head.children if c.dep_ == "nsubj"]
            heads += [
                o
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ in self.preps
                for o in p.children
                if o.dep_ == "pobj"
            ]
            group = _named(heads, s.mentions)
            out += [
                Candidate("COOPERATES_WITH", a, b, s.index)
                for i, a in enumerate(group)
                for b in group[i + 1 :]
                if a.name != b.name
            ]
        return out

    def _by_a_partnership(self, verb: Token) -> bool:
        """The verb's "by" phrase names a partnership, itself asserted."""
        return any(
            o.lower_ in self.nouns and asserted(o, self.rules)
            for a in verb.children
            if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ == "by")
            for o in a.children
            if o.dep_ == "pobj"
        )


def _named(heads: list[Token], mentions: list[Mention]) -> list[Mention]:
    """The bodies the phrases' head words and their conjuncts stand in."""
    bodies = [m for m in mentions if m.type in BODIES and not m.demonym]
    listed = [k for h in heads for k in (h, *h.conjuncts)]
    return unique_by_name([m for h in listed for m in bodies if m.start <= h.idx < m.end])
