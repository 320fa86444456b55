"""ATTENDED written as a participle clause with no subject of its own: "US Vice President X,
attending the East Asia Summit, confronted Y", "X arrived in Hiroshima after attending the
Arab League summit", "Taking part in the forum, X said ...". relations' `attended` reads a
verb of attending with its own subject ("X attended", "X, who attended"); here the one who
attended is the name the participle hangs on, or the subject of the verb its clause belongs
to. The event is the one the participle's object names, or, for "the summit" unnamed, the
event of the passage. Infinitives ("invited to attend", "plans to attend", "to attend next
week") and "instead of" / "without attending" say nothing. Words in attending_clauses.toml."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import (
    ACTOR_TYPES,
    Candidate,
    DocumentContext,
    Sentence,
)
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class AttendingClauses(StatelessRule):
    name = "attending-clause"
    confidence = 0.7

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.verbs = frozenset(data["verbs"])
        self.particles = frozenset(data["take_particles"])
        self.deps = frozenset(data["clause_deps"])
        self.preps = frozenset(data["preps"])
        self.event_words = frozenset(data["event_words"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out = []
        for verb in tokens_with(s.span, (), self.verbs):
            if not self._participle(verb):
                continue
            event = self._event(verb, s, ctx.event_of.get(s.index))
            if event is None:
                continue
            attendees = [m for t in _attendee_words(verb) for m in _covering(t, s)]
            out += [Candidate("ATTENDED", m, event, s.index) for m in unique_by_name(attendees)]
        return out

    def _participle(self, verb: Token) -> bool:
        """A gerund or present participle of attending, in a clause of a shape read here,
        asserted, with no subject of its own."""
        if verb.tag_ != "VBG" or verb.dep_ not in self.deps:
            return False
        if verb.lemma_.lower() == "take" and not any(
            c.lower_ in self.particles for c in verb.children
        ):
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return False  # "while X was attending": `attended` reads its subject
        if verb.dep_ == "pcomp" and verb.head.lower_ not in self.preps:
            return False  # "instead of attending", "without attending"
        marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
        if any(m not in self.preps for m in marks):
            return False  # "rather than attending"
        return asserted(verb, self.rules)

    def _event(self, verb: Token, s: Sentence, passage: Mention | None) -> Mention | None:
        """The event the participle's object names, or the passage's for "the summit"."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [o for p in verb.children if p.dep_ == "prep" for o in p.children]
        events = [m for m in s.mentions if m.type == "Event"]
        for o in objects:
            lo, hi = o.left_edge.idx, o.idx + len(o)
            named = [e for e in events if lo <= e.start < hi or e.start <= o.idx < e.end]
            if named:
                return named[0]
            if o.lemma_.lower() in self.event_words and any(
                c.lower_ in ("the", "this") for c in o.children if c.dep_ == "det"
            ):
                return passage
        return None


def _attendee_words(verb: Token) -> list[Token]:
    """The words naming who attended: the name an "acl" participle hangs on ("X,
    attending ..."), else the subject of the verb the clause belongs to ("X arrived after
    attending ...", "Attending the summit, X said ...")."""
    if verb.dep_ == "acl":
        return [verb.head]
    governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
    subjects = [c for c in governor.children if c.dep_ == "nsubj"]
    return [t for c in subjects for t in (c, *c.conjuncts)]


def _covering(tok: Token, s: Sentence) -> list[Mention]:
    m = s.mention_at.get(tok.i)
    return [m] if m is not None and m.type in ACTOR_TYPES and not m.demonym else []
