"""A meeting named only as the next one of its series is no event of record
(data/future_events.toml): "ahead of the next South Africa-EU Summit", "for the next Annual
Leaders' Meeting". The future word marks the mention as another session than the page's
own (event_names.mark_other_events); when every mention of that event is so written and its
name carries no year nor ordinal, it is dropped: the gold notes such plans and records no
Event for them. A name that dates or numbers the session stays (a page's infobox names the
next summit by its year), and so does an event the page also names without the word."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.extract.event_names import ordinal_of
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.relations import Sentence
    from graph.extract.tables import Rules

_BEFORE = 60  # characters before a mention where its future word is written


@cache
def _future_before() -> re.Pattern[str]:
    raw = data_file("future_events")
    words = phrase_alternatives(raw["future_words"])
    between = int(raw["name_words_between"])
    return re.compile(rf"\b(?i:{words})\s+(?:[A-Z][\w'’.-]*\s+){{0,{between}}}$")


def _event_id(m: Mention) -> str:
    return m.key or fold(m.name)


def _numbered(m: Mention, rules: Rules) -> bool:
    """Whether the name dates or numbers the session: a figure or an ordinal word."""
    return any(c.isdigit() for c in m.name) or any(
        ordinal_of(w, rules) is not None for w in m.name.split()
    )


def drop_future_undated(sentences: list[Sentence], text: str, rules: Rules) -> None:
    """Drops each named event every mention of which follows a future word, unless its name
    dates or numbers it."""
    pattern = _future_before()
    events = [m for s in sentences for m in s.mentions if m.type == "Event"]
    named = [m for m in events if m.source != "generic-event"]
    written_plainly = {
        _event_id(m)
        for m in named
        if not pattern.search(text, max(0, m.start - _BEFORE), m.start) or _numbered(m, rules)
    }
    future = {_event_id(m) for m in named} - written_plainly
    for s in sentences:
        s.mentions[:] = [
            m for m in s.mentions if not (m.type == "Event" and _event_id(m) in future)
        ]
