"""COOPERATES_WITH of a state called another's partner or ally: "Indonesia is a
comprehensive strategic partner of China", "Turkey calls itself a strategic partner of
Ukraine", "Belarus, Russia's closest ally", "Japan, a close ally of the United States";
and states called partners or allies of each other: "Russia and Kazakhstan are allies".
The nouns and the modifiers that deny a present tie are in partner_of.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules

BODIES = ("Country", "Institution")


class PartnerOf(StatelessRule):
    name = "partner-of"
    confidence = 0.6

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.nouns = frozenset(data["nouns"])
        self.not_now = frozenset(data["not_now"])
        self.mutual = frozenset(data["mutual_nouns"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        bodies = [m for m in s.mentions if m.type in BODIES and not m.demonym]
        if len(bodies) < 2:
            return []
        out: list[Candidate] = []
        for noun in tokens_with(s.span, self.nouns):
            if noun.pos_ != "NOUN" or not self._present(noun):
                continue
            others = self._others(noun, bodies)
            if not others:
                out += self._mutual(noun, bodies, s.index)
                continue
            ones = self._ones(noun, bodies)
            out += [
                Candidate("COOPERATES_WITH", a, b, s.index)
                for a in ones
                for b in others
                if a.name != b.name
            ]
        return out

    def _present(self, noun: Token) -> bool:
        """The tie is asserted and present: not "is not an ally of", "a former partner of"."""
        if any(c.dep_ in ("amod", "advmod") and c.lower_ in self.not_now for c in noun.children):
            return False
        if noun.dep_ == "oprd":
            # "Turkey calls itself a partner of", "Japan considers Australia a partner": the
            # verb names the tie ("call" or "consider" reverses a sanction, not this), so
            # only its own negation or hedge denies it
            verb = noun.head
            return not any(
                c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in self.rules.hedges)
                for c in verb.children
            )
        return asserted(noun, self.rules)

    def _mutual(self, noun: Token, bodies: list[Mention], sent: int) -> list[Candidate]:
        """ "Russia and Kazakhstan are allies", "A, B and C are close partners": a plural
        noun of the tie, the predicate of a subject naming two actors or more, makes each
        pair of them partners; not "were once allies" (a tie of the past)."""
        if noun.lower_ not in self.mutual or noun.dep_ != "attr":
            return []
        if any(c.dep_ == "advmod" and c.lower_ in self.not_now for c in noun.head.children):
            return []
        ones = self._ones(noun, bodies)
        return [
            Candidate("COOPERATES_WITH", a, b, sent)
            for i, a in enumerate(ones)
            for b in ones[i + 1 :]
            if a.name != b.name
        ]

    @staticmethod
    def _others(noun: Token, bodies: list[Mention]) -> list[Mention]:
        """Whose partner: the "of" phrase ("a partner of China") or the owner ("Russia's ally")."""
        heads = [
            o
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        heads += [c for c in noun.children if c.dep_ == "poss"]
        return _headed(heads, bodies)

    @staticmethod
    def _ones(noun: Token, bodies: list[Mention]) -> list[Mention]:
        """Who is the partner: the subject of the clause the noun is the predicate of ("A is",
        "A calls itself"), or the actor the noun stands in apposition to ("A, an ally of B")."""
        if noun.dep_ in ("attr", "oprd"):
            verb = noun.head
            # "Turkey is a NATO member, is bound to ... and calls itself a partner of Ukraine"
            while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
                verb = verb.head
            return _headed([c for c in verb.children if c.dep_ == "nsubj"], bodies)
        if noun.dep_ == "appos":
            return _headed([noun.head], bodies)
        return []


def _headed(heads: list[Token], bodies: list[Mention]) -> list[Mention]:
    """The actors the phrases' head words (or their conjuncts) stand in."""
    tokens = [k for h in heads for k in (h, *h.conjuncts)]
    return unique_by_name([m for m in bodies for t in tokens if m.start <= t.idx < m.end])
