"""A settlement named by its kind, as news writes a small place: "the port of Hodeidah",
"the Polish village of Przewodów", "the border town of Kasindi". The kind word in lower
case, "of", then a capitalised name of one to three words: the name is a City, where no
other layer took its words and the gazetteer knows it as no other kind of place or body
("the city of Europe" is no city). The kind words: data/settlement_names.toml."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found


# a capitalised name word, hyphenated parts allowed ("Al-Hudaydah")
NAME_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"


@cache
def _pattern() -> re.Pattern[str]:
    kinds = sorted(data_file("settlement_names")["kinds"], key=len, reverse=True)
    kind = phrase_alternatives(kinds)
    word = NAME_WORD
    # case-sensitive: "the Port of Rotterdam" (a body) has its kind in capitals
    return re.compile(rf"\b(?:{kind})\s+of\s+(?P<name>{word}(?:\s+{word}){{0,2}})")


def add_settlement_names(finder: MentionFinder, found: _Found) -> None:
    """Each "<kind> of <Name>" whose name no layer took, as a City."""
    add_cities_named(finder, found, _pattern(), "settlement-name")


def add_cities_named(
    finder: MentionFinder,
    found: _Found,
    pattern: re.Pattern[str],
    rule: str,
    *,
    geonames_city: bool = False,
) -> None:
    """Each match's `name` that no layer took, as a City. A name the gazetteer knows as
    another kind of place or body is none ("the city of Europe", "Djibouti port"); with
    `geonames_city`, a name the gazetteer does not know must be a GeoNames city ("Hamad
    airport" is no city)."""
    text = doc_text(found.doc)
    for m in pattern.finditer(text):
        name = re.sub(r"\s+", " ", m["name"])
        known = finder.gaz.lookup(name)
        if known is not None and known.type != "City":
            continue
        if known is None and geonames_city and finder.gaz.city_code(name, 0) is None:
            continue
        span = found.doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        if span is None or not found.free(span.start, span.end):
            continue
        if any(t.pos_ != "PROPN" for t in span):
            continue  # "the town of Many" (an adjective), "port of Call"
        found.add(span, "City", known.name if known else name, rule)
