"""ATTENDED stated in running text in the shapes wire stories and readouts use beside "X
attended" (relations.py attended), cue words in rules.toml [attendance]:

- a list after a lead: "Attending Thursday's summit were the presidents of Senegal, Macky
  Sall; Ghana, Nana Akufo-Addo"; a state followed by its leader's name is carried by the
  leader (analysts record the person), a state named alone attended itself;
- representation: "Liberia and Gambia were represented by their foreign ministers",
  "El Salvador's Nayib Bukele was represented by Foreign Minister Y" (the state and Y, not
  the leader who stayed away), "Y represented Russia";
- sending: "Chad and Burundi sent lower-level delegations", "Honduran President X sent
  Foreign Minister Y" (the state and Y);
- talks "on the margins of the summit": the people holding them were there.
A negated, hedged or future cue ("were not represented", "will meet on the sidelines") says
nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.extract.cue_words import has_word
from graph.extract.doc_cache import doc_text
from graph.extract.mentions import Mention
from graph.extract.negation import asserted
from graph.extract.tables import Rules
from graph.extract.turn_labels import in_turn_label

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Sentence

BODIES = ("Country", "Institution")
# a state and its leader's name in a list: "Senegal, Macky Sall", "Angola's President X"
_CARRIED = re.compile(r"(?:'s|’s)?\s*,?\s*(?:[A-Z][\w.-]*\s+){0,3}$")
# a state followed by a name the model did not tag: "Benin, Patrice Talon;"
_NAME_AFTER = re.compile(r"\s*,\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+\s*(?:[;,.]|and\b|$)")
_FUTURE = re.compile(
    r"\b(?:will|would|'ll|shall|plans? to|(?:is|are) (?:expected|due|scheduled) to)\b", re.I
)


class Attendance:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        leads = "|".join(re.escape(x) for x in rules.inverted_leads)
        self.inverted = re.compile(rf"\s*(?:{leads})\b[^.;:]*?\b(?:were|was|are|included)\b", re.I)

    def find(self, s: Sentence) -> list[Mention]:
        """The actors the sentence says were at the event it is about."""
        found = self.listed(s)
        for tok in s.span:
            if tok.pos_ != "VERB" or not asserted(tok, self.rules):
                continue
            lemma = tok.lemma_.lower()
            if lemma in self.rules.represent_verbs:
                found += self._represented(tok, s)
            elif lemma == "send":
                found += self._sent(tok, s)
        return found

    def listed(self, s: Sentence) -> list[Mention]:
        lead = self.inverted.match(s.text)
        if lead is None:
            return []
        after = [m for m in s.mentions if m.start >= s.span.start_char + lead.end()]
        text = doc_text(s.span.doc)
        out = []
        for i, m in enumerate(after):
            if m.type == "Person":
                out.append(m)
            elif m.type in BODIES and not m.demonym:
                nxt = after[i + 1] if i + 1 < len(after) else None
                person = nxt if nxt is not None and nxt.type == "Person" else None
                if person is not None and _CARRIED.fullmatch(text, m.end, person.start):
                    continue  # "Senegal, Macky Sall": the leader carries the state
                if not _NAME_AFTER.match(text, m.end, s.span.end_char):
                    out.append(m)
        return out

    def _represented(self, verb: Token, s: Sentence) -> list[Mention]:
        """ "X was represented by Y" (the body X and the person Y), "Y represented X"."""
        out = []
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects and verb.dep_ == "conj":  # "X did not travel and was represented by"
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        envoys = [m for c in verb.children if c.dep_ == "agent" for m in _within(c, s)]
        envoys = [m for m in envoys if m.type == "Person"]
        # a state; a body is carried by its envoy, a leader stayed away; a body spoken for by
        # no one named ("represented by the Belgian Presidency", "by its delegation") was there
        kinds = ("Country",) if envoys else BODIES
        if not subjects and verb.dep_ == "acl":  # "The Council, represented by X, ..."
            out += [m for m in s.mentions if m.start <= verb.head.idx < m.end and m.type in kinds]
        for c in subjects:
            out += [m for m in _within(c, s) if m.type in kinds]
        out += envoys
        states = [m for c in verb.children if c.dep_ == "dobj" for m in _within(c, s)]
        states = [m for m in states if m.type == "Country" and not m.demonym]
        if states:  # "Lavrov represented Russia": a state represented, not a client
            out += states
            out += [m for c in verb.children if c.dep_ == "nsubj" for m in _within(c, s)]
        return [m for m in out if m.type in ("Person", *BODIES) and not _future(verb)]

    def _sent(self, verb: Token, s: Sentence) -> list[Mention]:
        """ "Chad sent a delegation", "Honduran President X sent Foreign Minister Y"."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        # the object itself, not a name further down it ("sent a message to General X")
        people = [m for o in objects for m in s.mentions if m.start <= o.idx < m.end]
        people = [m for m in people if m.type == "Person"]
        delegations = [o for o in objects if o.lemma_.lower() in self.rules.sent_objects]
        if not (people or delegations) or _future(verb):
            return []
        senders = [m for c in verb.children if c.dep_ == "nsubj" for m in _within(c, s)]
        return [m for m in senders if m.type == "Country"] + people

    def at_the_margins(self, s: Sentence) -> list[Mention]:
        """ "Biden met Bolsonaro on the margins of the summit", "met X at the summit",
        "talks on the second day of the forum": both were there."""
        lower = s.text.lower()
        if _FUTURE.search(s.text):
            return []
        if not any(cue in lower for cue in self.rules.margin_cues) and not self._at_event(s):
            return []
        if not has_word(self.rules.meeting_cues, lower):
            return []
        out = []
        text = doc_text(s.span.doc)
        for m in (m for m in s.mentions if m.type == "Person"):
            if in_turn_label(text, m.start, m.end):
                continue  # "MR MILLER: The Secretary met X on the margins": the one reporting
            span = s.span.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and _in_the_talks(span.root):
                out.append(m)
        return out

    def _at_event(self, s: Sentence) -> bool:
        """Whether a meeting of the sentence is placed at "the" event: a meeting verb or
        noun with an "at" / "during" / "on" phrase whose object is the event named, or "the
        summit" (maybe through a part of it: "on the opening day of the summit")."""
        events = [m for m in s.mentions if m.type == "Event"]
        kinds = self.rules.event_kinds - {"talks"}
        for cue in s.span:
            if cue.lemma_.lower() not in ("meet", "receive", "talk", "meeting"):
                continue
            if not asserted(cue, self.rules):
                continue
            for prep in (c for c in cue.children if c.dep_ == "prep"):
                if prep.lower_ not in self.rules.event_preps:
                    continue
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    if obj.lower_ in self.rules.event_parts:
                        obj = next(
                            (
                                o
                                for p in obj.children
                                if p.dep_ == "prep" and p.lower_ == "of"
                                for o in p.children
                                if o.dep_ == "pobj"
                            ),
                            obj,
                        )
                    if any(e.start <= obj.idx < e.end for e in events):
                        return True
                    the = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in obj.children)
                    if obj.lower_ in kinds and the:
                        return True
        return False


def _in_the_talks(tok: Token) -> bool:
    """Whether a name is a party to the talks its sentence tells of: the one who met or held
    them, the one met, the one they were with or between; not a reporter of them ("Kenya's
    ministry said ...") nor a name further down ("after a visit by X")."""
    for _ in range(4):
        if tok.dep_ in ("appos", "compound", "flat", "conj") and tok.head != tok:
            tok = tok.head
    if tok.dep_ == "nsubj":
        return tok.head.lemma_.lower() not in ("say", "tell", "announce", "report", "add")
    if tok.dep_ == "pobj":
        return tok.head.lower_ in ("with", "between")
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in ("meet", "receive", "see")


def _within(tok: Token, s: Sentence) -> list[Mention]:
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    return [m for m in s.mentions if lo <= m.start and m.end <= hi]


def _future(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in verb.children)
