"""The UN Security Council's sanctions committees by their whole names: "the Security Council
Committee established pursuant to resolution 2374 (2017) concerning Mali" is one body, not a
"Security Council Committee" and a resolution; the headline's "Security Council 2374
Sanctions Committee" is the same body (the same resolution's number). The name patterns are
data/committee_names.toml."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    raw = data_file("committee_names")
    return re.compile(raw["full_name"]), re.compile(raw["short_name"])


def add_committee_names(finder: MentionFinder, found: _Found) -> None:
    """Each committee's full name, and its short form where the full one names it."""
    text = doc_text(found.doc)
    full, short = _patterns()
    if "pursuant to resolution" not in text:
        return
    names: dict[str, str] = {}
    for m in full.finditer(text):
        name = re.sub(r"\s+", " ", m.group(0))
        if not name.startswith("Security Council"):
            name = "Security Council " + name  # "the Committee established pursuant to ..."
        names.setdefault(m["number"], name)
        _add(found, m.start(), m.end(), name)
    for m in short.finditer(text):
        if m["number"] in names:
            _add(found, m.start(), m.end(), names[m["number"]])


def _add(found: _Found, start: int, end: int, name: str) -> None:
    span = found.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return
    found.release(span)
    found.add(span, "Institution", name, "committee-name")
