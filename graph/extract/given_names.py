"""A person called by the given name alone, after the document has named them in full, as
speakers do in a transcript ("Thanks, Andrew." to the questioner the moderator named
"Andrew Keane", "the fact that Lloyd and I are both here"). The model reads the lone given
name as a person or, as often, a body, and it became an actor of its own. Written prose
names people by the surname, so this is read in transcripts only (speaker_vocatives.py
calls it): in an encyclopedia a lone "Xi" or "Azali" is a surname written first.

The check: a one-word Person or body mention without an identity key whose word is the
first name of exactly one person the document names in two words or more, and no one's
surname, is that person. A word the text also writes after a title ("President Xi",
"Minister Cho") is a surname written first ("Xi Jinping", "Cho Tae-yul"), which resolution
already joins: it is left alone."""

from __future__ import annotations

import re
from collections.abc import Set

from graph.extract.mentions import Mention

_FROM = ("Person", "Institution")
_SOURCES = frozenset({"person", "ner-org"})  # the model's names, not a pattern's or a list's


def _full_names(mentions: list[Mention]) -> tuple[dict[str, set[str]], set[str]]:
    """First word -> the full names it opens, and every full name's last word."""
    firsts: dict[str, set[str]] = {}
    lasts: set[str] = set()
    for m in mentions:
        words = m.name.split()
        if m.type != "Person" or len(words) < 2:
            continue
        firsts.setdefault(words[0], set()).add(m.name)
        lasts.add(words[-1])
    return firsts, lasts


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")


def _titled(mentions: list[Mention], text: str, titles: Set[str]) -> set[str]:
    """The one-word names the text writes after a title ("President Xi")."""
    out = set()
    for m in mentions:
        if m.type == "Person" and " " not in m.name:
            before = _WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
            if before and before.group(1).lower() in titles:
                out.add(m.name)
    return out


def given_names_of_named_people(mentions: list[Mention], text: str, titles: Set[str]) -> None:
    """Renames each lone given name to the one person the document names in full with it;
    `titles` are the role words and honorifics, lower case."""
    firsts, lasts = _full_names(mentions)
    if not firsts:
        return
    lasts |= _titled(mentions, text, titles)
    for m in mentions:
        word = m.name
        if m.type not in _FROM or m.source not in _SOURCES or m.key or " " in word:
            continue
        if not word.isalpha() or not word[:1].isupper() or word.isupper() or word in lasts:
            continue
        owners = firsts.get(word)
        if owners and len(owners) == 1:
            m.type, m.name = "Person", next(iter(owners))
