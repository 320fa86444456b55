"""An armed service written by its common noun alone ("the Navy", "navy patrol boats",
"General of the Army") names no body: every state has one, and the word does not say whose
(data/service_words.toml). The model reads the capitalised noun as an organisation, and
resolution then joined it to whichever navy the story named in full, a second node for that
body or the wrong one. An end check: a service named in full keeps its name, and the noun
alone after it stays its short form ("the Bolivian Army ... the Army")."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention


@cache
def _words() -> tuple[frozenset[str], tuple[str, ...]]:
    raw = data_file("service_words")
    return frozenset(fold(w) for w in raw["words"]), tuple(f"{a} " for a in raw["articles"])


def _lone_noun(m: Mention) -> str | None:
    """The service's common noun the mention is written as, folded, after an article at most
    and without a possessive ("the Navy's"); None for any other mention."""
    if m.type != "Institution":
        return None
    words, articles = _words()
    text = m.text.strip()
    for article in articles:
        text = text.removeprefix(article)
    for mark in ("'s", "’s"):
        text = text.removesuffix(mark)
    noun = fold(text.strip())
    return noun if noun in words else None


def drop_lone_services(mentions: list[Mention]) -> list[Mention]:
    """Drops each lone service noun, unless a body named in full with it came before: "the
    Army" after "the Bolivian Army" is that army's short form, left to resolution."""
    dropped: set[int] = set()
    named: set[str] = set()  # service nouns that end a full name written so far
    for m in sorted(mentions, key=lambda x: x.start):
        noun = _lone_noun(m)
        if noun is None:
            words = fold(m.name).split() if m.type == "Institution" else []
            if len(words) > 1:
                named.add(words[-1])
        elif noun not in named:
            dropped.add(id(m))
    return [m for m in mentions if id(m) not in dropped]
