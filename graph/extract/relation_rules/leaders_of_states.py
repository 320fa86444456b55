"""ATTENDED of the states (and bodies) whose unnamed leaders the text says met: "The leaders
of China, Japan and South Korea agreed on Monday ..., as they held their first trilateral
summit", "a side meeting ..., joined by the leaders of Albania and France and the President
of the European Commission", "Delegations from A and B gathered for the talks". The title
phrase ("leaders of", "heads of state of", "delegations from"; leaders_of_states.toml) is
the subject of a verb of meeting or the "by" phrase of "joined by"; the clause must name
the meeting (an event, or "summit" / "talks"), its own words or a clause under it, not a
clause joined on with its own subject ("first met in 2006, and the first summit took place
..."). Negated and future verbs, and titles elsewhere ("the absence of the presidents of
A and B", "the leaders of A were not present") say nothing."""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract.doc_cache import tokens_with
from graph.extract.mentions import Mention, unique_by_name
from graph.extract.negation import asserted
from graph.extract.relation_rules.context import (
    ORG_TYPES,
    Candidate,
    DocumentContext,
    Sentence,
)
from graph.extract.relation_rules.registry import StatelessRule, rule_data
from graph.extract.tables import Gazetteer, Rules


class LeadersOfStates(StatelessRule):
    name = "leaders-of-states"
    confidence = 0.65

    def __init__(self, rules: Rules, gaz: Gazetteer) -> None:
        self.rules = rules
        data = rule_data(__file__)
        self.titles = frozenset(data["titles"])
        self.preps = frozenset(data["title_preps"])
        self.verbs = frozenset(data["meeting_verbs"])
        self.joined = frozenset(data["joined_verbs"])
        self.event_words = frozenset(data["event_words"])
        self.other_meetings = frozenset(data["other_meeting_words"])

    def find(self, ctx: DocumentContext, s: Sentence) -> list[Candidate]:
        out: list[Candidate] = []
        for title in tokens_with(s.span, (), self.titles):
            verb = self._meeting_verb(_first_conjunct(title))
            if verb is None:
                continue
            # a lead names the meeting before the story does: the document's own event
            event = self._event(verb, s, ctx.event_of.get(s.index) or ctx.main_event)
            if event is None:
                continue
            states = [m for t in self._state_words(title) for m in _body_at(t, s)]
            out += [Candidate("ATTENDED", m, event, s.index) for m in unique_by_name(states)]
        return out

    def _meeting_verb(self, title: Token) -> Token | None:
        """The asserted verb of meeting the title phrase is the subject (or "by" phrase) of."""
        verb = title.head
        if title.dep_ == "nsubj" and verb.lemma_.lower() in self.verbs:
            pass
        elif title.dep_ == "pobj" and verb.dep_ == "agent" and verb.head.lemma_.lower() in self.joined:
            verb = verb.head
        else:
            return None
        if verb.pos_ != "VERB" or not asserted(verb, self.rules):
            return None
        if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "to") for c in verb.children):
            return None
        return verb

    def _event(self, verb: Token, s: Sentence, passage: Mention | None) -> Mention | None:
        """The event the verb's clause names; the passage's when it only says "summit"."""
        words = _clause(verb)
        events = [m for m in s.mentions if m.type == "Event"]
        for e in events:
            if any(e.start <= t.idx < e.end for t in words):
                return e
        # "held their first summit", "met at the summit": the passage's event; not "a
        # meeting", nor a meeting beside it ("a side meeting", "the bilateral meeting")
        if any(self._the_meeting(t) for t in words):
            return passage
        return None

    def _the_meeting(self, tok: Token) -> bool:
        if tok.lower_ not in self.event_words:
            return False
        kids = list(tok.children)
        if any(c.lower_ in self.other_meetings for c in kids):
            return False
        return any(c.dep_ == "poss" or c.lower_ in ("the", "this") for c in kids)

    def _state_words(self, title: Token) -> list[Token]:
        """The words after the title's "of" / "from", of it and of the titles coordinated
        with it ("the leaders of A and B and the President of C")."""
        out = []
        for t in (title, *title.conjuncts):
            for prep in (c for c in t.children if c.dep_ == "prep" and c.lower_ in self.preps):
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    out += [obj, *obj.conjuncts]
        return out


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    return tok


def _clause(verb: Token) -> list[Token]:
    """The verb's words and those of the clauses under it, but not of a clause joined on
    with its own subject ("..., and the first summit took place in 2009")."""
    out = [verb]
    todo = list(verb.children)
    while todo:
        tok = todo.pop()
        if tok.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue
        out.append(tok)
        todo += list(tok.children)
    return out


def _body_at(tok: Token, s: Sentence) -> list[Mention]:
    m = s.mention_at.get(tok.i)
    return [m] if m is not None and m.type in ORG_TYPES and not m.demonym else []
