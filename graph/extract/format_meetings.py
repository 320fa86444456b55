"""Meetings named by their format after the pair of their parties: "the U.S.-Japan "2+2"",
"the Australia-Japan 2+2 Foreign and Defence Ministerial Consultations"
(data/format_meetings.toml). The pair's states stay actors of their own (the event's written
form is the format and what follows it); the event is named by the whole phrase."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.extract.mentions import MentionFinder, _Found
from graph.model import fold

# the capitalised words that may carry a pair's format name on: "Foreign and Defence
# Ministerial Consultations"
_TITLE = r"(?:\s+[A-Z][\w-]*(?:\s+(?:and|of|on)\s+[A-Z][\w-]*)*)*"


@cache
def _pattern() -> re.Pattern[str]:
    table = data_file("format_meetings")
    formats = "|".join(re.escape(f) for f in table["formats"])
    kinds = "|".join(map(re.escape, table["kinds"]))
    return re.compile(
        r"(?:\b(?P<pair>[A-Z][\w.]*(?:[-–][A-Z][\w.]*)+)\s+)?"
        rf"[\"“]?(?P<format>{formats})[\"”]?"
        rf"(?P<title>{_TITLE})(?:\s+(?P<kind>{kinds})\b)?"
    )


def add_format_meetings(finder: MentionFinder, found: _Found) -> None:
    """Each format named with the pair of its parties (each side a known state or body) as
    one Event, keyed by the format and the pair. Without a pair ("the 2+2 talks", "a new
    "2+2" dialogue") the format is no name: a story that mentions a "2+2" in passing would
    make it the page's own event, and every quote there a speech at it."""
    for m in _pattern().finditer(doc_text(found.doc)):
        if not m["pair"] or not finder._parties_pair(m["pair"]):
            continue
        span = found.doc.char_span(m.start("format"), m.end(), alignment_mode="expand")
        if span is None or not found.free(span.start, span.end):
            continue
        name = re.sub(r"\s+", " ", m.group(0).replace("“", '"').replace("”", '"')).strip()
        key = f"{fold(m['format'])}|{fold(m['pair'])}"
        event = found.add(span, "Event", name, "format-meeting", key, props={"kind": "meeting"})
        event.text = name  # written as the whole phrase: "2+2" alone is no name of it
