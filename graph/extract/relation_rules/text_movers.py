"""COOPERATES_WITH of a text moved by several actors together: "the draft, put forward by
the United States and the United Kingdom", "a resolution ..., presented by the Colombian and
Bolivian delegations", "Chile and Peru submitted a draft resolution". Every two movers work
together. Verbs, text nouns and the words that part the movers are in text_movers.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.cooperation import BODIES, cooperation_pairs, headed
from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.pair_rules import load_pair_rules
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class TextMovers(StatelessRule):
    name = "text-movers"
    confidence = 0.6

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.verbs = frozenset(v for v in data["verbs"] if " " not in v)
        self.phrasal = {tuple(v.split()) for v in data["verbs"] if " " in v}
        self.texts = frozenset(data["text_nouns"])
        self.delegations = frozenset(data["delegation_nouns"])
        self.apart = frozenset(data["apart_words"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        lemmas = self.verbs | {v for v, _ in self.phrasal}
        out: list[Candidate] = []
        for verb in tokens_with(s.span, (), lemmas):
            if verb.pos_ != "VERB" or not self._moves_text(verb) or not self._done(verb):
                continue
            out += cooperation_pairs(self._movers(verb, s.mentions), s.index, self.name, 0.6)
        return out

    def _moves_text(self, verb: Token) -> bool:
        """The verb moves a text: "put" only with "forward"; the text is its object, its
        passive subject, or the noun (or the head clause's object) a participle hangs on."""
        lemma = verb.lemma_.lower()
        if lemma not in self.verbs and not any(
            (lemma, c.lower_) in self.phrasal for c in verb.children
        ):
            return False
        things = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        if verb.dep_ in ("acl", "advcl"):
            things += [verb.head] + [c for c in verb.head.children if c.dep_ in ("dobj", "obj")]
        return any(
            t.lower_ in self.texts and not any(a.lower_ in self.apart for a in t.children)
            for t in things
        )

    def _done(self, verb: Token) -> bool:
        """Asserted and not to come ("will submit a draft")."""
        future = load_pair_rules().future_aux
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in future for c in verb.children):
            return False
        return asserted(verb, self.rules)

    def _movers(self, verb: Token, mentions: list[Mention]) -> list[Mention]:
        """The passive's agents, else the subjects, with their conjuncts; "the Colombian and
        Bolivian delegations" are the states of the adjectives. A person moves no state's
        text here (persons are read by other rules)."""
        bodies = [m for m in mentions if m.type in BODIES and not m.demonym]
        adjectives = [m for m in mentions if m.type == "Country" and m.demonym]
        heads = [p for a in verb.children if a.dep_ == "agent" for p in a.children]
        heads = [p for p in heads if p.dep_ == "pobj"] or [
            c for c in verb.children if c.dep_ == "nsubj"
        ]
        found: list[Mention] = []
        for h in [k for head in heads for k in (head, *head.conjuncts)]:
            found += headed(h, bodies)
            if h.lower_ in self.delegations:
                amods = [a for c in h.children if c.dep_ == "amod" for a in (c, *c.conjuncts)]
                found += [m for a in amods for m in adjectives if m.start <= a.idx < m.end]
        group = unique_by_name(found)
        return group if len(group) >= 2 else []
