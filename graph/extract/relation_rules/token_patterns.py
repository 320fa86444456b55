"""A relation family's token patterns, read from the TOML file beside its module and run
with spaCy's `Matcher` (patterns in spaCy's own format, so they read as its docs describe).

The matcher is built for the vocabulary of the documents it sees (the model's, or a blank
one in tests), once, and rebuilt only if that vocabulary changes.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left
from pathlib import Path
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from graph.extract.doc_cache import token_ends, token_starts


class TokenPatterns:
    def __init__(self, path: Path) -> None:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        self.patterns: dict[str, list[list[dict[str, Any]]]] = data["patterns"]
        self._vocab: Vocab | None = None
        self._matcher: Matcher | None = None

    def _for(self, vocab: Vocab) -> Matcher:
        if self._matcher is None or self._vocab is not vocab:
            matcher = Matcher(vocab)
            for label, patterns in self.patterns.items():
                matcher.add(label, patterns)
            self._vocab, self._matcher = vocab, matcher
        return self._matcher

    def matches(self, span: Span) -> dict[str, set[tuple[int, int]]]:
        """(start, end) document token offsets of every match in the span, by pattern name:
        every extent a pattern with optional tokens can take, not only the longest."""
        out: dict[str, set[tuple[int, int]]] = {label: set() for label in self.patterns}
        for hit in self._for(span.doc.vocab)(span, as_spans=True):
            out[hit.label_].add((hit.start, hit.end))
        return out


def spaced(doc: Doc, start: int, end: int) -> bool:
    """Whether blanks separate every two neighbouring tokens of doc[start:end] (a pattern
    of words means words apart, as "\\s+" between them did: not "and" glued to a name by a
    tokenizer split)."""
    return all(
        doc[i].whitespace_ or doc[i].is_space or doc[i + 1].is_space
        for i in range(max(start, 0), min(end, len(doc)) - 1)
    )


def token_ending_at(span: Span, char: int) -> int | None:
    """The document index of the span's token that ends at that character offset."""
    return _at(token_ends(span.doc), span, char)


def token_starting_at(span: Span, char: int) -> int | None:
    return _at(token_starts(span.doc), span, char)


def _at(offsets: list[int], span: Span, char: int) -> int | None:
    """The index in the span of the token whose offset (rising per token) is `char`."""
    i = bisect_left(offsets, char, span.start, span.end)
    return i if i < span.end and offsets[i] == char else None
