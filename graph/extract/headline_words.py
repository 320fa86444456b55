"""Headlines and headings read as names. A headline is written in Title Case or in capitals,
and the model reads its verbs and common nouns as names: "President Jokowi Departs for First
Visit to Africa" gives the person "Jokowi Departs", "Committee Places Five Individuals on ..."
the person "Places Five Individuals", "## Boycott" and "... Question 897: Delisting" people,
"SOMALI PRESIDENT ALLEGES OBSTRUCTION" the person "Alleges Obstruction", "X, Y Hold Talks in
Z" the event "Y Hold Talks". The story's prose writes the same words in sentence case: a word
it writes only in lower case ("talks were held", "the boycott", "five individuals") is a
common word, and a name a heading line makes of it is none (unless the prose writes that
name too). A heading line is known by its layout: a line of its own, no full stop, every
word but the small ones capitalised (data/headline_words.toml). An end check, before the
headline check of mentions.py, which asks the story to name a headline's people again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_MARKER = re.compile(r"(?:#+|[-*•]|\d{1,3}[.)])\s+")  # a heading's or list item's marker
_SENTENCE_OPENERS = '.!?:;"“‘(\n'
_FIELD = re.compile(r"[^\W\d_][\w.-]*:\s")  # a one-word label opening a list entry's field


@dataclass(frozen=True)
class HeadlineRules:
    small_words: frozenset[str]
    max_words: int
    misled_sources: frozenset[str]
    types: frozenset[str]
    irregular_pasts: dict[str, str]


@cache
def headline_rules() -> HeadlineRules:
    data = data_file("headline_words")
    return HeadlineRules(
        frozenset(data["small_words"]),
        int(data["max_words"]),
        frozenset(data["misled_sources"]),
        frozenset(data["types"]),
        dict(data["irregular_pasts"]),
    )


def heading_lines(text: str, rules: HeadlineRules) -> list[tuple[int, int]]:
    """The spans of the lines laid out as headlines or headings: a line of its own, no
    sentence's end, every word but the small ones capitalised ("## Boycott", "- President X
    Departs for First Visit to Africa", "SOMALI PRESIDENT ALLEGES OBSTRUCTION")."""
    out = []
    at = 0
    for line in text.splitlines(keepends=True):
        start, at = at, at + len(line)
        body = line.strip()
        marker = _MARKER.match(body)
        body = body[marker.end() :] if marker else body
        if not body or "|" in body or body[-1] in ".!?;,:" or _FIELD.match(body):
            continue  # a sentence, a table's row, an entry's field ("Function: Head of ...")
        words = _WORD.findall(body)
        if not 1 <= len(words) <= rules.max_words:
            continue
        if all(w[0].isupper() or w.lower() in rules.small_words for w in words):
            out.append((start, at))
    return out


def _prose_words(
    text: str, skip: list[tuple[int, int]], pasts: dict[str, str]
) -> tuple[set[str], set[str]]:
    """The words the prose (every line but the heading lines) writes in lower case, and those
    it writes capitalised inside a sentence (not its first word), folded to lower case."""
    lower: set[str] = set()
    capital: set[str] = set()
    spans = iter(skip)
    nxt = next(spans, None)
    for m in _WORD.finditer(text):
        while nxt is not None and nxt[1] <= m.start():
            nxt = next(spans, None)
        if nxt is not None and nxt[0] <= m.start():
            continue  # in a heading line
        word = m.group()
        if word[0].islower():
            lower.add(word.lower())
            lower.add(pasts.get(word.lower(), word.lower()))  # "were held": "Hold"'s evidence
        elif not _opens_sentence(text, m.start()):
            capital.add(word.lower())
    return lower, capital


def _opens_sentence(text: str, at: int) -> bool:
    """Whether the word at `at` opens a sentence or a line (its capital says nothing)."""
    k = at - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_OPENERS


def _forms(word: str) -> set[str]:
    """A word's inflected forms, crudely: "departs" -> depart, departed, departing ..."""
    w = word.lower().strip("'’.-")
    bases = {w}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            bases.add(w[: -len(suffix)])
    return {b + s for b in bases for s in ("", "s", "es", "ed", "d", "ing")}


def _common_words(
    m: Mention, lower: set[str], capital: set[str], rules: HeadlineRules, heads: frozenset[str]
) -> Iterator[str]:
    """The words of a name the prose writes only in lower case. A body's or an event's head
    word, last, is written in lower case when the prose names it short ("the committee", "the
    summit"): it is not asked."""
    words = _WORD.findall(m.name)
    if m.type != "Person" and words and words[-1] in heads:
        words = words[:-1]
    for w in words:
        if len(w) < 3 or w.lower() in rules.small_words:
            continue
        forms = _forms(w)
        if forms & lower and not forms & capital:
            yield w


def drop_headline_common_words(
    mentions: list[Mention], text: str, heads: frozenset[str]
) -> list[Mention]:
    """Drops the names a heading line makes of words its story writes in lower case; `heads`
    are the head words of bodies' and events' names (rules.toml)."""
    rules = headline_rules()
    lines = heading_lines(text, rules)
    if not lines:
        return mentions

    def in_head(m: Mention) -> bool:
        return any(s <= m.start < e for s, e in lines)

    lower, capital = _prose_words(text, lines, rules.irregular_pasts)
    prose_names = {fold(m.name) for m in mentions if not in_head(m)}
    prose = _prose_text(text, lines)
    return [
        m
        for m in mentions
        if not (
            m.type in rules.types
            and m.source in rules.misled_sources
            and in_head(m)
            and fold(m.name) not in prose_names
            and not (m.type != "Person" and _written_in(fold(m.name), prose))
            and any(_common_words(m, lower, capital, rules, heads))
        )
    ]


def _prose_text(text: str, lines: list[tuple[int, int]]) -> str:
    """The folded text between the heading lines."""
    ends = [0, *(e for _, e in lines)]
    starts = [*(s for s, _ in lines), len(text)]
    return fold(" ".join(text[e:s] for e, s in zip(ends, starts, strict=True)))


def _written_in(name: str, prose: str) -> bool:
    """Whether the prose writes the whole name, in any case: "the seventy-ninth session" is
    the heading's "Seventy-Ninth Session", a name in lower case, not a common word's misreading."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", prose) is not None


def drop_orphan_surnames(mentions: list[Mention]) -> list[Mention]:
    """A surname read alone is a person only as a later word of a person named in full: once
    that name is dropped (a headline's "Places Five Individuals"), its echo ("Individuals")
    is none."""
    later_words = {
        w for m in mentions if m.type == "Person" for w in m.name.split()[1:] if " " in m.name
    }
    return [m for m in mentions if m.source != "surname-again" or m.name in later_words]
