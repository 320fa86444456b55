"""has_word: one pattern per cue list finds what a search per word found; phrase_alternatives:
the group a rule puts in its own pattern."""

import re

import pytest

from graph.extract.cue_words import has_word, phrase_alternatives

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


def test_phrase_alternatives_escape_and_let_words_break_across_lines() -> None:
    group = phrase_alternatives(["received in audience by", "U.S. envoy"])
    pattern = re.compile(rf"(?:{group})$")
    assert pattern.search("was received in\naudience  by")
    assert pattern.search("the U.S. envoy")
    assert not pattern.search("the UXS envoy")  # the point is escaped, no wildcard
    assert group.split("|")[0].startswith("received")  # the order given is kept
