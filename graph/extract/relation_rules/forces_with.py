"""COOPERATES_WITH of a state whose forces serve or act with another actor: "the 4,000
Kenyan troops serving with AMISOM", "abuses committed by Malian forces alongside personnel
of the Wagner Group". The words are in forces_with.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

BODIES = ("Country", "Institution")


class ForcesWith(StatelessRule):
    name = "forces-with"
    confidence = 0.6

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.forces = frozenset(data["force_nouns"])
        self.alongside = frozenset(data["alongside"])
        self.with_verbs = frozenset(data["with_verbs"])
        self.members = frozenset(data["member_nouns"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out: list[Candidate] = []
        for noun in tokens_with(s.span, self.forces):
            if noun.lower_ not in self.forces or noun.pos_ != "NOUN":
                continue
            states = self._states(noun, s.mentions)
            if not states:
                continue
            partners = [m for h in self._acts(noun) for m in self._partners(h, s.mentions)]
            out += [
                Candidate("COOPERATES_WITH", a, b, s.index)
                for a in states
                for b in unique_by_name(partners)
                if a.name != b.name
            ]
        return out

    @staticmethod
    def _states(noun: Token, mentions: list[Mention]) -> list[Mention]:
        """The state the forces are of: their adjective ("Kenyan troops") or owner ("Kenya's
        troops")."""
        owners = [c for c in noun.children if c.dep_ in ("amod", "poss", "compound")]
        return unique_by_name(
            [
                m
                for c in owners
                for m in mentions
                if m.type == "Country" and m.start <= c.idx < m.end
            ]
        )

    def _acts(self, noun: Token) -> list[Token]:
        """The words whose "alongside" / "with" phrase says who the forces act with: the
        noun itself, its participle ("troops serving with"), and the verb it is the subject
        or agent of ("committed by Malian forces alongside ..."), if asserted."""
        verbs = [c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"]
        if noun.dep_ in ("nsubj", "nsubjpass"):
            verbs.append(noun.head)
        elif noun.dep_ == "pobj" and noun.head.dep_ == "agent":
            verbs.append(noun.head.head)
        heads = [noun] + [v for v in verbs if asserted(v, self.rules)]
        out = []
        for h in heads:
            for p in (c for c in h.children if c.dep_ == "prep"):
                with_ok = h.pos_ == "VERB" and h.lemma_.lower() in self.with_verbs
                if p.lower_ in self.alongside or (p.lower_ == "with" and with_ok):
                    out += [o for o in p.children if o.dep_ == "pobj"]
        return out

    def _partners(self, obj: Token, mentions: list[Mention]) -> list[Mention]:
        """The actors an object names (with its conjuncts), or whose personnel it names."""
        heads = [obj, *obj.conjuncts]
        heads += [
            o
            for h in heads
            if h.lower_ in self.members
            for p in h.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        return [
            m
            for m in mentions
            if m.type in BODIES and not m.demonym
            for h in heads
            if m.start <= h.idx < m.end
        ]
