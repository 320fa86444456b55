"""Bodies whose name opens with their country's name: "the Kenya Defence Forces", "the
Canada Border Services Agency", "the Pakistan Cricket Board". The gazetteer takes the
country, so the body was cut to its other words ("Border Services Agency"), read as a
person ("Cricket Board") or not read at all ("Defence Forces"). One end check: a country,
one space, then capitalised words up to a body's head word (and the head words right after
it: "Police Force") is one body; the country stays an actor of its own (the body covers
it, after it in order). Not in a headline's Title Case, not after a dash (a pair:
paired_bodies.py), not over a mention of another kind, not when capitalised words go on
after the head ("U.S. Forces Japan": a name longer than this reads). Data: data/country_first_bodies.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.mentions import Mention
from graph.model import fold

SOURCE = "country_first_body"
_WORD = re.compile(r"[A-Z][\w’'&-]*,?|[a-z&]+")


@dataclass(frozen=True)
class _Data:
    extra_heads: frozenset[str]
    inner: frozenset[str]
    min_words: int


@cache
def _data() -> _Data:
    raw = data_file("country_first_bodies")
    return _Data(frozenset(raw["extra_heads"]), frozenset(raw["inner_words"]), raw["min_words"])


def bodies_opening_with_their_country(
    mentions: list[Mention], text: str, institution_heads: frozenset[str], title_end: int
) -> list[Mention]:
    """The mentions with each such body named in full (a cut body's mention grown over its
    country, or a new one); a "person" that was the body's words is gone."""
    data = _data()
    heads = institution_heads | data.extra_heads
    gone: set[int] = set()
    added: list[Mention] = []
    for c in [m for m in mentions if m.type == "Country" and not m.demonym]:
        if c.start < title_end or text[c.end : c.end + 1] != " ":
            continue
        if c.start > 0 and text[c.start - 1] in "-–—/":
            continue  # "India-Kuwait Joint Commission": a pair's
        end = _name_end(text, c.end + 1, heads, data)
        if end is None:
            continue
        inside = [m for m in mentions if m is not c and m.start < end and m.end > c.end]
        if not all(_absorbed(m, c.end + 1, end, heads) for m in inside):
            continue
        bodies = [m for m in inside if m.type == "Institution"]
        body = bodies[0] if bodies else Mention("Institution", "", "", c.start, end, c.sent, SOURCE)
        body.start, body.end, body.source = c.start, end, SOURCE
        body.text = text[c.start : end]
        body.name = " ".join(body.text.split())
        gone.update(id(m) for m in inside if m is not body)
        if not bodies:
            added.append(body)
    if not gone and not added:
        return mentions
    out = [m for m in mentions if id(m) not in gone] + added
    out.sort(key=lambda m: (m.start, m.source == SOURCE))
    return out


def _name_end(text: str, start: int, heads: frozenset[str], data: _Data) -> int | None:
    """Where a body's name ends in the words from `start`: at its first head word and the
    head words right after it; None without one, or with too few words."""
    at, words, seen_head = start, 0, False
    end = None
    for m in _WORD.finditer(text, start):
        if m.start() != at:
            break  # words are one space apart
        word = m.group(0)
        bare = word.rstrip(",")
        if not word[:1].isupper() and (word not in data.inner or words == 0):
            break
        words += 1
        if bare in heads and word[:1].isupper():
            seen_head, end = True, m.start() + len(bare)
            if bare != word:
                break  # "Forces, Uganda ...": the comma ends the name
        elif seen_head:
            if word[:1].isupper():
                return None  # "U.S. Forces Japan": the name goes on past what is read
            break
        at = m.end() + 1
    if end is None or words < data.min_words:
        return None
    return end


def _absorbed(m: Mention, start: int, end: int, heads: frozenset[str]) -> bool:
    """A mention inside the body's words that is part of its name: the cut body (as the
    pattern named it) or a "person" ending in a head word."""
    if m.start < start or m.end > end:
        return False
    if m.type == "Institution":
        return not m.key and fold(m.name) == fold(m.text)
    return m.type == "Person" and m.text.split()[-1] in heads
