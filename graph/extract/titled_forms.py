"""The title written right before a person's name: "President Macri", "Secretary Ross",
"MS. NULAND:", "Prime Minister Morrison", "Mrs Jenny Morrison".

A person the text calls only by a title and the surname keeps that written form as an alias
of their node (the resolver reads TITLED_FORM), so search and the entity page show the form
the text used, and an analyst's record of the full name with its written form meets it. The
title before any name (TITLE_BEFORE) also tells a spouse ("Mrs Jenny Morrison") from the
office holder ("Prime Minister Morrison") of one surname (graph/titled_names.py). Neither is
a key of resolution: a name is still joined by its name, never by a title.

Titles are data: rules.toml [roles] and data/titled_forms.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.mentions import Mention
from graph.extract.tables import load_rules

TITLED_FORM = "titled_form"  # the prop with "<title> <surname>" as written
TITLE_BEFORE = "title_before"  # the prop with the title words before a name, folded
_LONGEST_TITLE = 4  # words
_LOOK_BACK = 12  # words before a name that may hold its title
_SOURCES_SKIPPED = frozenset({"byline"})  # a byline's offsets are not the body's


@dataclass(frozen=True)
class _Titles:
    phrases: frozenset[str]  # folded titles: "prime minister", "mr", "secretary of state"
    modifiers: frozenset[str]  # words before a title: "foreign", "deputy"
    joining: frozenset[str]  # lower-case words inside a title: "of"


@cache
def _titles() -> _Titles:
    data = data_file("titled_forms")
    rules = load_rules()
    phrases = {r.lower() for r in rules.role_nouns} | {t.lower() for t in rules.state_titles}
    return _Titles(
        frozenset(phrases | set(data["honorifics"])),
        frozenset(data["modifiers"]),
        frozenset(data["joining"]),
    )


def _word(word: str) -> str:
    return word.rstrip(".").lower()


def _written_as_title(words: list[str], titles: _Titles) -> bool:
    """Capitalised as a title is, or a lower-case joining word inside one."""
    return all(w[:1].isupper() or w in titles.joining for w in words)


def _phrase_at(words: list[str], end: int, titles: _Titles) -> int:
    """How many words ending at `end` (exclusive) make one title, longest first; 0: none."""
    for width in range(min(_LONGEST_TITLE, end), 0, -1):
        part = words[end - width : end]
        if " ".join(map(_word, part)) in titles.phrases and _written_as_title(part, titles):
            return width
    return 0


def title_before(text: str, start: int) -> str | None:
    """The title written right before `start` on its line, as written ("Prime Minister",
    "MS."), or None. Words are read back from the name while each is a title, a modifier
    of one before it ("Foreign Minister") or a joining word inside one; a comma, a
    possessive or any other word ends the title."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    if not line or not line[-1].isspace() or line[-1] == "\n":
        return None
    titles = _titles()
    words = line.split()[-_LOOK_BACK:]
    end = len(words)
    while end:
        width = _phrase_at(words, end, titles)
        if not width and end < len(words):  # a modifier only before a title already read
            last = words[end - 1]
            modifier = _word(last) in titles.modifiers and last[:1].isupper()
            width = 1 if modifier or (last in titles.joining and end > 1) else 0
        if not width:
            break
        end -= width
    kept = words[end:]
    while kept and kept[0] in titles.joining:
        kept = kept[1:]
    if not kept or re.search(r"[,;:()]", " ".join(kept)):
        return None
    return " ".join(kept)


def mark_titled_forms(mentions: Iterable[Mention], text: str) -> None:
    """Each person's mention with the title written before it: the title words (folded), and
    for a name of one word, the written form with its title as well."""
    for m in mentions:
        if m.type != "Person" or m.source in _SOURCES_SKIPPED:
            continue
        if text[m.start : m.end] != m.text:
            continue  # a mention whose offsets are not this text's
        title = title_before(text, m.start)
        if title is None:
            continue
        m.props[TITLE_BEFORE] = " ".join(_word(w) for w in title.split())
        if len(m.text.split()) == 1:
            m.props[TITLED_FORM] = f"{title} {m.text}"
