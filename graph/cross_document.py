"""Checks that keep a name from joining another actor of another document: the store holds
every document a user ingests, so a wrong join there puts a wrong node in each of them.

- "Peter" is a given name: it is no transliteration of the surname "Petro".
- "Peter O'Neill" and "Jim O'Neill" are two people: full names whose given names disagree
  are never one actor, whatever short form ("O'Neill") each document also wrote.
- "the Foreign Office" of a Pakistani briefing is not the UK's Foreign, Commonwealth &
  Development Office: a state organ written short joins only a body of the same state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from graph.blocking import name_tokens
from graph.extract.data_files import data_file
from graph.model import fold

if TYPE_CHECKING:
    from nicknames import NickNamer

SameWord = Callable[[str, str], bool]


@dataclass(frozen=True)
class CrossDocumentNames:
    state_organ_heads: frozenset[str]
    short_organ_words: int
    sound_alike_letters: int
    sound_alike_ratio: int


@cache
def load_cross_document_names() -> CrossDocumentNames:
    raw = data_file("cross_document_names")
    return CrossDocumentNames(
        state_organ_heads=frozenset(raw["state_organ_heads"]),
        short_organ_words=int(raw["short_organ_words"]),
        sound_alike_letters=int(raw["sound_alike_letters"]),
        sound_alike_ratio=int(raw["sound_alike_ratio"]),
    )


@cache
def known_given_name(word: str) -> bool:
    """Whether a folded word is an English given name the nicknames table lists ("peter",
    "jim", "thomas"), one a writer calls a person by alone."""
    if len(word) < 3:
        return False
    return bool(_namer().nicknames_of(word) or _namer().canonicals_of(word))


@cache
def _namer() -> NickNamer:
    from nicknames import NickNamer  # reads its table of names: only when a name asks

    return NickNamer()


def given_names_disagree(a: list[str], b: list[str], same: SameWord) -> bool:
    """Two full names (folded words, surname last) of one surname whose given names share
    no word, in any spelling, initial or usual short form: "Peter O'Neill" / "Jim
    O'Neill". Unknown (a name of one word) is no disagreement, nor a name written in the
    other order ("Kishida Fumio" / "Fumio Kishida")."""
    if len(a) < 2 or len(b) < 2 or not same(a[-1], b[-1]):
        return False
    given_a, given_b = a[:-1], b[:-1]
    if a[-1] in given_b or b[-1] in given_a:
        return False
    for x in given_a:
        for y in given_b:
            if _given_agree(x, y, same):
                return False
    return True


def _given_agree(x: str, y: str, same: SameWord) -> bool:
    if x[:1] == y[:1] and (len(x.rstrip(".")) == 1 or len(y.rstrip(".")) == 1):
        return True  # "J." / "James"
    if same(x, y):
        return True
    fx = {x} | set(_namer().canonicals_of(x))  # "Jim" / "James", "Joe" / "Joseph"
    fy = {y} | set(_namer().canonicals_of(y))
    return bool(fx & fy)


def sound_alike_only(a: str, b: str) -> bool:
    """ "Assad" (of "the Assad regime") / "Chinedu Asadu": a person of one word that is no
    word of another document's full name, only a word of like sound, and short or spelled
    apart. A document that writes the full name beside it says which person it is; across
    documents one word is weak evidence, so it takes a long word spelled nearly the same
    ("Zelensky" / "Volodymyr Zelenskyy")."""
    ta, tb = name_tokens(a), name_tokens(b)
    if len(ta) > len(tb):
        ta, tb = tb, ta
    if len(ta) != 1 or len(tb) < 2 or ta[0] in tb:
        return False
    data = load_cross_document_names()
    near = max(fuzz.ratio(ta[0], w) for w in tb)
    return len(ta[0]) < data.sound_alike_letters or near < data.sound_alike_ratio


def short_state_organ(name: str) -> bool:
    """ "Foreign Office", "Interior Ministry", "Ministry of Foreign Affairs", "the Army": a
    state organ's name as every state has one, a few words opening or ending with an
    organ's head word (whose state, if the name said one, the caller has already read)."""
    data = load_cross_document_names()
    words = [w for w in name.split() if fold(w) != "the"]
    return 1 <= len(words) <= data.short_organ_words and _organ_head(words)


def organ_state_kept(name: str) -> bool:
    """Whether a new body's node keeps the state it was found of: a body whose name opens
    or ends with a state organ's head word ("Foreign, Commonwealth & Development Office",
    "Ministry of Foreign Affairs and Trade")."""
    return _organ_head([w for w in name.split() if fold(w) != "the"])


def _organ_head(words: list[str]) -> bool:
    heads = load_cross_document_names().state_organ_heads
    return bool(words) and (words[-1] in heads or words[0] in heads)
