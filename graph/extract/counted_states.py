"""The states a counted plural stands for: "Moscow has signed defence cooperation agreements
with all three governments", "signed accords with both countries". The phrase names the
last list of exactly that many states the document wrote before it ("Mali, Burkina Faso and
Niger", "in Mali in 2020, in Burkina Faso in 2022 and in Niger in 2023"). The counted
nouns and numbers are in actor_pairs.toml [counted_states]."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.extract.mentions import Mention, unique_by_name
from graph.extract.pair_rules import load_pair_rules

if TYPE_CHECKING:  # relations.py imports cooperation.py, which imports this module
    from graph.extract.relations import Sentence


def state_lists(sentences: Sequence[Sentence]) -> list[tuple[int, list[Mention]]]:
    """Every list of two or more states the document writes, with its sentence's index, in
    order: the states whose words are conjuncts of one another, directly ("A, B and C") or
    through their prepositions ("in A ..., in B ... and in C")."""
    out: list[tuple[int, list[Mention]]] = []
    for s in sentences:
        groups: dict[int, list[Mention]] = {}
        for m in s.mentions:
            if m.type != "Country" or m.demonym:
                continue
            tok = next((t for t in s.span if m.start <= t.idx < m.end), None)
            if tok is not None:
                groups.setdefault(_list_head(tok).i, []).append(m)
        out += [
            (s.index, unique_by_name(g)) for g in groups.values() if len(unique_by_name(g)) >= 2
        ]
    return out


def _list_head(tok: Token) -> Token:
    """The first conjunct of the list a word stands in (through its preposition)."""
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "conj"):
        prep = tok.head
        if prep.dep_ == "conj" or any(c.dep_ == "conj" for c in prep.children):
            tok = prep
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def counted(obj: Token, sent: int, lists: list[tuple[int, list[Mention]]]) -> list[Mention]:
    """The states "all three governments", "both countries", "the two states" stand for:
    the last list of that many states written up to this sentence; none when the noun is
    not counted or no list fits."""
    words = load_pair_rules()
    if obj.lower_ not in words.counted_nouns:
        return []
    numbers = [
        words.counted_numbers[c.lower_] for c in obj.children if c.lower_ in words.counted_numbers
    ]
    if len(numbers) != 1:
        return []
    fitting = [g for i, g in lists if i <= sent and len(g) == numbers[0]]
    return fitting[-1] if fitting else []
