"""COOPERATES_WITH of one actor joining another in an act: "New Zealand has joined Australia
in endorsing a call to action" (the joiner works with each actor joined). The words are in
joined_acts.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.cooperation import bodies_of_phrases
from graph.extract.doc_cache import tokens_with
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class JoinedActs(StatelessRule):
    name = "joined-in-act"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.verbs = frozenset(data["join_verbs"])
        self.preps = frozenset(data["act_preps"])
        self.future = frozenset(data["future_aux"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out: list[Candidate] = []
        for verb in tokens_with(s.span, (), self.verbs):
            if verb.pos_ != "VERB" or not self._act_done(verb):
                continue
            joined = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            joiners = [c for c in verb.children if c.dep_ == "nsubj"]
            a = bodies_of_phrases(joiners, s.mentions, ctx.states)
            b = bodies_of_phrases(joined, s.mentions, ctx.states)
            out += [
                Candidate("COOPERATES_WITH", x, y, s.index)
                for x in a
                for y in b
                if x.name != y.name
            ]
        return out

    def _act_done(self, verb: Token) -> bool:
        """ "joined X in endorsing": an "in" phrase with a gerund, asserted, not to come."""
        acts = [
            g
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ in self.preps
            for g in p.children
            if g.dep_ == "pcomp" and g.tag_ == "VBG"
        ]
        if not acts:
            return False
        if any(c.dep_ == "aux" and c.lower_ in self.future for c in verb.children):
            return False
        return asserted(verb, self.rules)
