"""MET_WITH from readouts, wires and tours, read from the dependency parse:

- "A met B and C", "A held talks with B", "A was received by B": the subject meets each
  person of the object, the "with" phrase or the agent;
- "A and B held a meeting": the subjects meet each other; "talks between A and B" too;
- "She also met B", "the Assistant Secretary met B": a subject that names nobody is the
  visitor the document follows (the last person who met someone).
Cue words are rules.toml's meeting_cues; negated or hedged cues assert nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.extract.mentions import Mention
from graph.extract.negation import asserted, governing_verb
from graph.extract.tables import Rules

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Sentence

MEET_VERBS = frozenset({"meet", "receive", "host", "visit", "greet", "welcome"})
MEET_NOUNS = frozenset({"talks", "meeting", "meetings", "talk", "exchange", "call", "audience"})


def _persons(
    tok: Token, people: list[Mention], titles: frozenset[str] = frozenset()
) -> list[Mention]:
    """The people a phrase names: its head word, the head's conjuncts and appositions, and
    the name a title heads ("the President of the National Congress, Luis Redondo")."""
    heads = [tok, *tok.conjuncts]
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "appos"]
    found = [m for m in people for h in heads if m.start <= h.idx < m.end]
    for h in heads:
        if h.lower_ in titles and not any(m.start <= h.idx < m.end for m in people):
            lo, hi = h.left_edge.idx, h.right_edge.idx + len(h.right_edge)
            found += [m for m in people if lo <= m.start and m.end <= hi][:1]
    return list({id(m): m for m in found}.values())


class Meetings:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.titles = frozenset(r for r in rules.role_nouns if " " not in r)
        self.visitor: Mention | None = None
        self.following: Mention | None = None

    def reset(self) -> None:
        self.visitor = self.following = None

    def find(self, s: Sentence) -> list[tuple[Mention, Mention]]:
        people = [m for m in s.mentions if m.type == "Person"]
        if not people:
            return []
        if self.visitor is None:
            # before any meeting, the person the story follows is its first named subject
            subject = next(
                (
                    m
                    for m in people
                    for t in s.span
                    if t.dep_ == "nsubj" and m.start <= t.idx < m.end
                ),
                None,
            )
            self.following = self.following or subject
        pairs: list[tuple[Mention, Mention]] = []
        for tok in s.span:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in MEET_VERBS and asserted(tok, self.rules):
                pairs += self._verb(tok, people)
            elif tok.lower_ in MEET_NOUNS and tok.pos_ == "NOUN" and asserted(tok, self.rules):
                pairs += self._noun(tok, people)
        out = [(a, b) for a, b in pairs if a.name != b.name]
        if out:
            self.visitor = out[-1][0]
        return out

    def _subjects(self, verb: Token, people: list[Mention]) -> list[Mention]:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj",)]
        found = [m for c in subjects for m in _persons(c, people, self.titles)]
        nobody = subjects and not found and subjects[0].pos_ in ("PRON", "NOUN", "PROPN")
        visitor = self.visitor or self.following
        if nobody and visitor is not None:
            return [visitor]  # "She also met ...", "the Assistant Secretary met ..."
        return found

    def _verb(self, verb: Token, people: list[Mention]) -> list[tuple[Mention, Mention]]:
        objects: list[Mention] = []
        for c in verb.children:
            if c.dep_ in ("dobj", "obj"):
                objects += _persons(c, people)
            elif (c.dep_ == "prep" and c.lower_ in ("with", "alongside")) or c.dep_ == "agent":
                # "met with X", "was received by President X"
                objects += [
                    m
                    for o in c.children
                    if o.dep_ == "pobj"
                    for m in _persons(o, people, self.titles)
                ]
        if verb.lemma_.lower() in ("host", "visit", "welcome") and not objects:
            return []
        subjects = self._subjects(verb, people)
        subjects += [m for c in verb.children if c.dep_ == "nsubjpass" for m in _persons(c, people)]
        return [(a, b) for a in subjects for b in objects]

    def _noun(self, noun: Token, people: list[Mention]) -> list[tuple[Mention, Mention]]:
        partners: list[Mention] = []
        between: list[Mention] = []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                partners += [
                    m
                    for o in c.children
                    if o.dep_ == "pobj"
                    for m in _persons(o, people, self.titles)
                ]
            if c.dep_ == "prep" and c.lower_ == "between":
                between += [m for o in c.children if o.dep_ == "pobj" for m in _persons(o, people)]
        pairs = [(a, b) for i, a in enumerate(between) for b in between[i + 1 :]]
        verb = governing_verb(noun)
        at = noun.dep_ == "pobj" and noun.head.lower_ in ("at", "during", "after", "in")
        if verb is noun or (noun.dep_ not in ("dobj", "obj", "nsubjpass", "attr") and not at):
            return pairs
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "with":
                partners += [m for o in c.children if o.dep_ == "pobj" for m in _persons(o, people)]
        subjects = self._subjects(verb, people)
        if not partners and subjects:
            # "held a bilateral meeting the President of ... X": the met person stands in
            # the meeting's own phrase even where the "with" fell out
            lo, hi = noun.idx, noun.right_edge.idx + len(noun.right_edge)
            partners = [m for m in people if lo <= m.start and m.end <= hi][:1]
        if partners:
            pairs += [(a, b) for a in subjects for b in partners]
        elif len(subjects) >= 2:  # "A and B held a meeting"
            pairs += [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1 :]]
        return pairs
