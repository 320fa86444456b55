"""Meetings named by the day they met: "the 13 March summit", "its 3 July summit", "the Nov.
15 meeting" (data/dated_events.toml). The event is named as written, day and kind word
("13 March summit"), and keyed by those words, so each form of it in the document is one."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.extract.mentions import MentionFinder, _Found
from graph.model import fold

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.|Feb\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.)"
)
# "13 March", "March 13", "Nov. 15"
_DAY = rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})"


@cache
def _pattern() -> re.Pattern[str]:
    table = data_file("dated_events")
    leads = "|".join(map(re.escape, table["leads"]))
    kinds = "|".join(map(re.escape, table["kinds"]))
    return re.compile(rf"\b(?:{leads})\s+(?P<day>{_DAY})\s+(?P<kind>{kinds})\b")


def add_dated_events(finder: MentionFinder, found: _Found) -> None:
    """Each "the <day> <kind>" as an Event named "<day> <kind>" where no other layer read
    those words; the words after the kind word (a place, "of the bloc") stay the other
    layers' and the passage's."""
    for m in _pattern().finditer(doc_text(found.doc)):
        span = found.doc.char_span(m.start("day"), m.end("kind"), alignment_mode="expand")
        if span is None or not found.free(span.start, span.end):
            continue
        name = re.sub(r"\s+", " ", f"{m['day']} {m['kind']}")
        found.add(span, "Event", name, "dated-event", fold(name), props={"kind": m["kind"]})
