"""HOLDS_ROLE shapes where the body is not written next to the title, read from the parse:
the body a possessive word points back to ("the OAS and its Secretary General, X", "Angola,
whose President X") and the post a relative clause on the name states ("X, who chairs
SADC"). Their words are data: holds_role.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

from graph.extract.cue_words import phrase_alternatives
from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import ORG_TYPES, Sentence

DATA = Path(__file__).with_name("holds_role.toml")
SUBJECTS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class RoleShapes:
    state_title_words: frozenset[str]
    owner_words: frozenset[str]
    relative_verbs: dict[str, str]
    relative_nouns: dict[str, str]
    delegation_verbs: frozenset[str]
    delegation_nouns: frozenset[str]
    copulas: frozenset[str]
    implied_bodies: dict[str, str]
    # titles only one state's government gives (holds_role.toml [single_state_titles])
    single_state_titles: dict[str, str]
    # the words before a title that make its name a visitor's host (holds_role.toml host_cues)
    received_by: re.Pattern[str]

    @classmethod
    def load(cls, path: Path = DATA) -> RoleShapes:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(
            state_title_words=frozenset(raw["state_title_words"]),
            owner_words=frozenset(raw["owner_words"]),
            relative_verbs=dict(raw["relative_verbs"]),
            relative_nouns=dict(raw["relative_nouns"]),
            delegation_verbs=frozenset(raw["delegations"]["verbs"]),
            delegation_nouns=frozenset(raw["delegations"]["nouns"]),
            copulas=frozenset(raw["copulas"]),
            implied_bodies=dict(raw["implied_bodies"]),
            single_state_titles=dict(raw["single_state_titles"]),
            received_by=re.compile(
                rf"\b(?:{phrase_alternatives(raw['host_cues'])})\s+(?:the\s+)?$", re.I
            ),
        )

    def receives_visitor(self, text: str, lo: int, role_start: int) -> bool:
        """Whether the words right before a title (from `lo` on) make its name the host a
        visitor is received by ("was received by President X")."""
        return self.received_by.search(text[lo:role_start]) is not None

    def is_state_title(self, title: str) -> bool:
        """ "public safety minister", "minister for trade": a cabinet post is a state's."""
        words = title.split()
        # a bare "Minister X" (a transcript's speaker) names no post
        return len(words) > 1 and (
            words[0] in self.state_title_words or words[-1] in self.state_title_words
        )


def _mention_at(s: Sentence, token: Token) -> Mention | None:
    return next(
        (
            m
            for m in s.mentions
            if m.type in ORG_TYPES and not m.demonym and m.start <= token.idx < m.end
        ),
        None,
    )


def pronoun_owner(
    doc: Doc, text: str, role_start: int, s: Sentence, shapes: RoleShapes
) -> tuple[Mention, int] | None:
    """The body that "its"/"whose" before a title points back to, and where the title's
    words start ("its foreign minister, X": lower-case words between are the title's).

    "Angola, whose President X": the body just before ", whose". "its": the subject of the
    clause the title stands in (or of a clause it hangs from), or the body the title's noun
    phrase is joined to ("the OAS and its Secretary General, X"); never a body after it."""
    before = text[max(s.span.start_char, role_start - 40) : role_start]
    owners = "|".join(sorted(shapes.owner_words))
    word = re.search(rf"\b({owners})\s+((?:[a-z][\w-]*\s+){{0,2}})$", before, re.I)
    if word is None:
        return None
    at = role_start - len(word.group(0))
    title_start = role_start - len(word.group(2))
    owner = _owner(doc, text, at, word.group(1), s)
    return (owner, title_start) if owner is not None else None


def _owner(doc: Doc, text: str, at: int, word: str, s: Sentence) -> Mention | None:
    if word.lower() == "whose":
        return next(
            (
                m
                for m in s.mentions
                if m.type in ORG_TYPES
                and not m.demonym
                and re.fullmatch(r"\s*,\s*", text[m.end : at])
            ),
            None,
        )
    span = doc.char_span(at, at + len(word))
    if span is None:
        return None
    node: Token = span[0]
    while node.head != node:
        head = node.head
        if node.dep_ == "conj" and head.idx < at and (owner := _mention_at(s, head)):
            return owner
        for child in head.children:
            if child.dep_ in SUBJECTS and child.idx < at and (owner := _mention_at(s, child)):
                return owner
        node = head
    return None


def _clauses(person: Token) -> list[tuple[Token, bool]]:
    """The verbs a name is the subject of, each with whether it is the sentence's own clause
    (not a relative clause on the name): "X heads Y and chairs Z", "X, who chairs Z"."""
    verbs: list[tuple[Token, bool]] = [
        (c, False)
        for c in person.children
        if c.dep_ == "relcl" and any(w.dep_ in SUBJECTS and w.tag_ == "WP" for w in c.children)
    ]
    if person.dep_ in SUBJECTS and person.head.pos_ in ("VERB", "AUX"):
        verbs.append((person.head, True))
    for verb, main in list(verbs):
        # "X is the regime's spokesperson and heads the Information Team": the shared subject
        verbs += [
            (c, main)
            for c in verb.children
            if c.dep_ == "conj"
            and c.pos_ == "VERB"
            and not any(w.dep_ in SUBJECTS for w in c.children)
        ]
    return verbs


def _asserted(verb: Token) -> bool:
    return not any(
        c.dep_ == "neg" or c.lower_ in ("will", "would", "may", "might", "could")
        for c in verb.children
    )


def _of_body(noun: Token, s: Sentence) -> Mention | None:
    """The body a post's noun names: "director of Y", "Y's director"."""
    for c in noun.children:
        if c.dep_ == "poss" and (body := _mention_at(s, c)):
            return body
        if c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and (body := _mention_at(s, p)):
                    return body
    return None


def _predicate_role(
    verb: Token, s: Sentence, shapes: RoleShapes, role_words: frozenset[str]
) -> tuple[Mention, str] | None:
    """ "X is the general manager of Y", "X serves as a director of Y": the post a copula
    (or "serve as") gives the name, held in the body after "of" or before "'s"."""
    if verb.lemma_.lower() not in shapes.copulas:
        return None
    posts = [c for c in verb.children if c.dep_ == "attr"] + [
        p for c in verb.children if c.lower_ == "as" for p in c.children if p.dep_ == "pobj"
    ]
    for post in posts:
        if post.lower_ not in role_words:
            continue
        body = _of_body(post, s)
        if body is None:
            continue
        words = [
            c for c in post.lefts if c.dep_ in ("compound", "amod") and c.ent_type_ != "ORDINAL"
        ]
        start = words[0].i if words else post.i
        role = post.doc[start : post.i + 1].text
        return body, role[0].upper() + role[1:]
    return None


def clause_roles(
    doc: Doc, person: Mention, s: Sentence, shapes: RoleShapes, role_words: frozenset[str]
) -> list[tuple[Mention, str]]:
    """(body, role) from a clause the name is the subject of: "X, who chairs SADC" and "X
    heads the Information Team of the SAC" (the verb is the post), "X, who took over the
    rotating chair of the AU" (its object noun is), "X is the director of Y" (a copula's
    post); not when the clause is negated or only planned ("who will chair")."""
    span = doc.char_span(person.start, person.end, alignment_mode="expand")
    if span is None:
        return []
    node = span.root
    while node.dep_ == "appos" and node.head != node:
        node = node.head  # "Omar Haddad (Haddad) is": the name the alias stands beside
    out: list[tuple[Mention, str]] = []
    for verb, main in _clauses(node):
        if not _asserted(verb):
            continue
        if main and (found := _predicate_role(verb, s, shapes, role_words)):
            out.append(found)
        role = shapes.relative_verbs.get(verb.lemma_.lower())
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            if role is not None and (body := _mention_at(s, obj) or _of_body(obj, s)):
                out.append((body, role))
            noun_role = shapes.relative_nouns.get(obj.lemma_.lower())
            if noun_role is not None and (body := _of_body(obj, s)):
                out.append((body, noun_role))
    return out


def represented_body(doc: Doc, person: Mention, s: Sentence, shapes: RoleShapes) -> Mention | None:
    """The body a titled name stands for as the agent of a passive "represented by"/"led by":
    "Kenya was represented by Foreign Minister X and Trade Minister Y" (each conjunct),
    "Kenya's delegation was led by X"; None when the clause is not of that shape."""
    span = doc.char_span(person.start, person.end, alignment_mode="expand")
    if span is None:
        return None
    node = span.root
    while node.dep_ in ("conj", "appos") and node.head != node:
        node = node.head
    by = node.head
    if node.dep_ != "pobj" or by.lower_ != "by" or by.dep_ not in ("agent", "prep"):
        return None
    verb = by.head
    if verb.lemma_.lower() not in shapes.delegation_verbs or verb.tag_ != "VBN":
        return None
    for subject in (c for c in verb.children if c.dep_ == "nsubjpass"):
        if body := _mention_at(s, subject):
            return body
        if subject.lemma_.lower() in shapes.delegation_nouns:
            owner = next((c for c in subject.children if c.dep_ == "poss"), None)
            return _mention_at(s, owner) if owner is not None else None
    return None
