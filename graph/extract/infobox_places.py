"""The city an infobox row gives: "Cities: Kigali", "| Cities | Belém, Pará |",
"Location: Port Moresby, Papua New Guinea". The row says its first value is a place, so a
value the city table knows (any size) is a City, where no other layer took its words; the
model often reads no entity in such a row at all. The page's own event met there
(hosting.py infobox_places). Row labels: data/infobox_places.toml."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found

# a value of the row: the words between its separators
_VALUE = re.compile(r"[^,;|*\n]+")


@cache
def _row() -> re.Pattern[str]:
    labels = data_file("infobox_places")["labels"]
    alts = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^[ \t]*\|?[ \t]*\**(?:{alts})\**[ \t]*(?:\||:)(?P<value>[^\n]*)", re.M)


def add_infobox_places(finder: MentionFinder, found: _Found) -> None:
    """The known city opening each infobox place row, as a City."""
    text = doc_text(found.doc)
    for row in _row().finditer(text):
        # the row's first value: what follows is the city's province or country ("Belém,
        # Pará", "Xi'an, Shaanxi"), which a small town's name elsewhere may match
        value = _VALUE.search(text, row.start("value"), row.end("value"))
        name = value.group(0).strip() if value else ""
        if value is None or not name or finder.gaz.city_code(name, 0) is None:
            continue
        start = value.start() + value.group(0).index(name)
        span = found.doc.char_span(start, start + len(name), alignment_mode="contract")
        if span is None or not found.free(span.start, span.end):
            continue
        known = finder.gaz.lookup(name)
        found.add(span, "City", known.name if known else name, "infobox-place")
