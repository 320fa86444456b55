"""has_word: one pattern per cue list finds what a search per word found."""

import re

import pytest

from graph.extract.cue_words import has_word

WORDS = ("withdrew", "did not attend", "cancelled", "u.s.")


def per_word(words: tuple[str, ...], text: str) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)


@pytest.mark.parametrize(
    "text",
    [
        "the minister withdrew his participation",
        "she did not attend the summit",
        "he did not attendee",  # a longer word: no cue
        "an uncancelled trip",  # the cue inside a word: none
        "the u.s. delegation",
        "the u.s.a",
        "cancelled.",
        "",
    ],
)
def test_same_answer_as_a_search_per_word(text: str) -> None:
    assert has_word(WORDS, text) == per_word(WORDS, text)


def test_an_empty_list_holds_no_word() -> None:
    assert not has_word((), "anything at all")
    assert not has_word(frozenset(), "")
