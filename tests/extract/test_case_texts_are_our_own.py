"""The texts of the rule cases (tests/extract/cases/*.toml, and the hand-parsed sentences of
tests/extract/rule_cases/*.toml) are written for the tests, never copied from a document of
the development corpus: a case that repeats a corpus sentence is a rule fitted to one text,
and it lets a held-out document's wording into the rules.

A case fails when its `text` (or the `known` document it ingests first) shares a run of 12 or
more consecutive words (lower-cased `\\w+` tokens) with one or two corpus documents. A 12-word
run found in 3 or more documents is genre language (the wording of an executive order, a
release's standard close) and is allowed.

The failure names the case file, the case's index, the document's file name and the run's
length, and nothing else: the index keeps only hashes of the corpus's 12-word runs, so neither
a failure message nor a traceback's locals can show a word of a document, held out or not.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
CASES = HERE / "cases"
RULE_CASES = HERE / "rule_cases"
DOCS = HERE.parent / "data" / "corpus" / "docs"
RUN = 12  # words: shorter shared runs are names, titles and set phrases
GENRE = 3  # documents: a run in this many is the genre's wording, not one document's
WORD = re.compile(r"\w+")


class ShingleIndex:
    """Each corpus document's 12-word runs, as hashes, with the documents holding each."""

    def __init__(self, docs: dict[str, set[int]]) -> None:
        # most runs are in one document: a name each, a list only for the shared ones
        # (a set per run would take most of the index's build time)
        self._first: dict[int, str] = {}
        self._shared: dict[int, list[str]] = {}
        for name, shingles in docs.items():
            seen = shingles & self._first.keys()
            for h in seen:
                self._shared.setdefault(h, [self._first[h]]).append(name)
            self._first.update(dict.fromkeys(shingles - seen, name))

    def __repr__(self) -> str:  # never the corpus, even under --showlocals
        return f"ShingleIndex({len(self._first)} runs)"

    def holders(self, h: int) -> set[str]:
        if h in self._shared:
            return set(self._shared[h])
        return {self._first[h]} if h in self._first else set()


def _shingles(text: str) -> list[int]:
    words = WORD.findall(text.lower())
    return [hash(tuple(words[i : i + RUN])) for i in range(len(words) - RUN + 1)]


@pytest.fixture(scope="module")
def corpus() -> ShingleIndex:
    return ShingleIndex(
        {
            path.name: set(_shingles(path.read_text(encoding="utf-8")))
            for path in sorted(DOCS.iterdir())
            if path.is_file()
        }
    )


def _cases() -> list[Any]:
    """Each case's text, and the document a case ingests first (`known`), written the same way."""
    fields = (("text", ""), ("known", "-known"))
    out = []
    for path in [*sorted(CASES.glob("*.toml")), *sorted(RULE_CASES.glob("*.toml"))]:
        file = f"{path.parent.name}/{path.name}"
        for i, case in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["case"]):
            for field, tail in fields:
                if field in case:
                    where = f"{path.parent.name}/{path.stem}-{i}{tail}"
                    out.append(pytest.param(file, f"{i}{tail}", case[field], id=where))
    return out


def _copied_runs(text: str, corpus: ShingleIndex) -> dict[str, int]:
    """The longest run of the text each document shares, for the documents (fewer than
    GENRE) that hold a 12-word run of it alone: consecutive shared shingles make one run."""
    longest: dict[str, int] = {}
    current: dict[str, int] = {}
    for h in _shingles(text):
        holders = corpus.holders(h)
        own = holders if 0 < len(holders) < GENRE else set()
        current = {doc: current.get(doc, RUN - 1) + 1 for doc in own}
        for doc, length in current.items():
            longest[doc] = max(longest.get(doc, 0), length)
    return longest


@pytest.mark.parametrize(("file", "index", "text"), _cases())
def test_case_text_is_our_own(file: str, index: str, text: str, corpus: ShingleIndex) -> None:
    copied = _copied_runs(text, corpus)
    if copied:
        # names and lengths only: the shared words would show the document
        found = ", ".join(f"{doc} ({n} words)" for doc, n in sorted(copied.items()))
        pytest.fail(f"{file} case {index} shares a run of words with {found}", pytrace=False)


def test_the_index_finds_a_copied_run() -> None:
    """The check itself: a run is found however it is cased or punctuated, a shorter one is
    not, and a run in GENRE documents is genre language."""
    doc = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi."
    index = ShingleIndex({"a.txt": set(_shingles(doc))})
    copied = "Then ALPHA, beta gamma delta epsilon zeta - eta theta iota kappa lambda mu; fin."
    assert _copied_runs(copied, index) == {"a.txt": 12}
    assert _copied_runs(doc, index) == {"a.txt": 14}
    eleven = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda"
    assert _copied_runs(eleven, index) == {}
    genre = ShingleIndex({f"{n}.txt": set(_shingles(doc)) for n in "abc"})
    assert _copied_runs(doc, genre) == {}
