"""A part of a larger event named by a title in quotes before its kind word: an expanded
"SCO Plus" session, a "BRICS–Africa Outreach" and "BRICS Plus" dialogue, the annual
"Balikatan" exercises (data/quoted_sub_events.toml). Each quoted title becomes an Event
named by the first title of its phrase (two titles before one kind word name one event),
in place of the mentions inside it ("SCO"). Only after the document has named an event of
its own: a quoted name in passing in a story about no event would become the page's own
event, and its quotes speeches at it. Runs after the generic references: "a restricted
session" stays a reference to the larger event, not to the part named in quotes; and no
sentence's context event is such a part (the passage stays the larger event's)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.relations import Sentence

QUOTED_SUB_EVENT = "quoted-sub-event"  # the mentions' source
_TITLE = r"[\"“](?P<t>[A-Z][^\"“”\n.;:!?]*?)[\"”]"


@dataclass(frozen=True)
class _Cues:
    phrase: re.Pattern[str]  # the quoted titles, then the kind word
    title: re.Pattern[str]
    max_words: int


@cache
def _cues() -> _Cues:
    raw = data_file("quoted_sub_events")
    kinds = phrase_alternatives(sorted(raw["kinds"], key=len, reverse=True))
    titles = rf"{_TITLE}(?:\s*(?:,|and|or)\s*{_TITLE.replace('?P<t>', '')})*"
    return _Cues(
        re.compile(rf"(?P<titles>{titles})\s+(?P<kind>{kinds})\b"),
        re.compile(_TITLE),
        int(raw["max_title_words"]),
    )


def add_quoted_sub_events(sentences: list[Sentence]) -> None:
    """Each phrase of quoted titles before a kind word, after the first event the document
    names (not another of its series), as one Event per title, keyed by the first title."""
    events = [m for s in sentences for m in s.mentions if m.type == "Event"]
    first = min((m.start for m in events if "other" not in m.props), default=None)
    if first is None:
        return
    cues = _cues()
    for s in sentences:
        for found in cues.phrase.finditer(s.text):
            start = s.span.start_char + found.start()
            titles = list(cues.title.finditer(found.group("titles")))
            if start < first or any(len(t.group("t").split()) > cues.max_words for t in titles):
                continue
            name = " ".join(titles[0].group("t").split())
            kind = found.group("kind").lower()
            for t in titles:
                _add(s, start + t.start("t"), start + t.end("t"), name, kind)


def _add(s: Sentence, start: int, end: int, name: str, kind: str) -> None:
    """The title's Event, in place of the mentions inside it; none over an event already
    read there or a mention that runs past it."""
    from graph.extract.mentions import Mention

    overlapping = [m for m in s.mentions if m.start < end and start < m.end]
    if any(m.type == "Event" or m.start < start or m.end > end for m in overlapping):
        return
    text = doc_text(s.span.doc)[start:end]
    ref = Mention(
        "Event", text, name, start, end, s.index, QUOTED_SUB_EVENT, fold(name), {"kind": kind}
    )
    s.mentions[:] = [m for m in s.mentions if m not in overlapping] + [ref]
    s.mentions.sort(key=lambda m: m.start)
