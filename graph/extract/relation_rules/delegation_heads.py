"""ATTENDED of a delegation's head: "Finance Minister X headed the Russian delegation for the
remaining sessions", "his foreign minister, X, led the delegation instead", "the Russian
delegation was led by X" (the one named was there: analysts record the person). The event
is the one a "to" phrase names ("led her country's delegation to the 2031 Forum"), else the
passage's; a delegation led "to" a place ("led a delegation to Kyiv") made a trip, no event
is said, and a negated or future verb says nothing. Words in delegation_heads.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class DelegationHeads(StatelessRule):
    name = "delegation-head"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.verbs = frozenset(data["lead_verbs"])
        self.nouns = frozenset(data["delegation_nouns"])
        self.to = frozenset(data["destination_preps"])
        self.event_words = frozenset(data["event_words"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out = []
        for verb in tokens_with(s.span, (), self.verbs):
            if verb.pos_ != "VERB" or not asserted(verb, self.rules) or _future(verb):
                continue
            led = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            led = [c for c in led if c.lower_ in self.nouns]
            if not led:
                continue
            event = self._event(verb, led[0], s, ctx.event_of.get(s.index))
            if event is None:
                continue
            heads = _head_words(verb, led[0])
            people = [m for t in heads for m in _person_at(t, s)]
            out += [Candidate("ATTENDED", m, event, s.index) for m in unique_by_name(people)]
        return out

    def _event(
        self, verb: Token, led: Token, s: Sentence, passage: Mention | None
    ) -> Mention | None:
        """The event a "to" phrase names, the passage's when there is none; None for a trip
        to a place."""
        events = [m for m in s.mentions if m.type == "Event"]
        for prep in (c for t in (verb, led) for c in t.children if c.dep_ == "prep"):
            if prep.lower_ not in self.to:
                continue
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                named = [e for e in events if e.start <= obj.idx < e.end]
                if named:
                    return named[0]
                if obj.lemma_.lower() not in self.event_words:
                    return None  # "led a delegation to Kyiv": a trip
        return passage


def _head_words(verb: Token, led: Token) -> list[Token]:
    """The words naming the head: the subject and a name in apposition to it ("his foreign
    minister, X, led"), or the "by" phrase of the passive ("was led by X")."""
    if led.dep_ == "nsubjpass":
        return [o for a in verb.children if a.dep_ == "agent" for o in a.children]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return [t for c in subjects for t in (c, *(a for a in c.children if a.dep_ == "appos"))]


def _person_at(tok: Token, s: Sentence) -> list[Mention]:
    m = s.mention_at.get(tok.i)
    return [m] if m is not None and m.type == "Person" else []


def _future(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "to") for c in verb.children)
