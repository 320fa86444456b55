"""Whether a text holds one of a list of cue words as a whole word: one compiled pattern per
list, asked once per text, instead of one search (and one pattern built) per word."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache


@lru_cache(maxsize=256)
def _pattern(words: frozenset[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    # longest first, though any order finds the same: the question is whether one occurs
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"\b(?:{alternatives})\b")


def has_word(words: Collection[str], text: str) -> bool:
    """True when one of the words occurs in the text between word boundaries (the same as
    `any(re.search(rf"\\b{re.escape(w)}\\b", text) for w in words)`)."""
    pattern = _pattern(words if isinstance(words, frozenset) else frozenset(words))
    return pattern is not None and pattern.search(text) is not None


def phrase_alternatives(phrases: Iterable[str]) -> str:
    """A regex alternation of the phrases in the order given, each escaped and its words
    joined by any run of whitespace ("received by" matches "received\\nby"): the group a
    caller puts inside its own pattern."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
