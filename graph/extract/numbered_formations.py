"""Military formations named by a number after their kind ("Combined Task Force 153",
"Task Force 59", "Military Unit 26165"): one body, the number included. The model ends its
span on the kind ("Combined Task Force"), which names no one formation, or misses the name.
The kinds and the words that may open such a name are data/numbered_formations.toml."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found


@cache
def _pattern() -> re.Pattern[str]:
    raw = data_file("numbered_formations")
    kinds = phrase_alternatives(raw["kinds"])
    modifiers = phrase_alternatives(raw["modifiers"])
    # a number of one to five digits that no letter, digit or further number part follows
    # ("Task Force 59", not the "59" of "59-B" or "59.5")
    return re.compile(rf"\b(?:(?:{modifiers})[ \t]+){{0,2}}(?:{kinds})[ \t]+\d{{1,5}}(?![\w.,-]\d|[\w-])")


def add_numbered_formations(finder: MentionFinder, found: _Found) -> None:
    """Each numbered formation the text names, before the model's bodies take its words."""
    for m in _pattern().finditer(doc_text(found.doc)):
        span = found.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not found.free(span.start, span.end):
            continue
        name = " ".join(m.group(0).split())
        found.add(span, "Institution", name, "numbered-formation")
