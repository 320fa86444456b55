"""A country's state, province or region read as an actor: "fighting in Rakhine State" as a
city, "Balochistan" or "Kachin State" as a body, "the Shan and Chin states" as people. An
analyst records none of them (ANNOTATION.md's types: no sub-national unit), so whatever layer
found one, the name of a first-level unit of ISO 3166-2 (pycountry, data/places.toml
[subdivisions]) alone or with its kind is no mention.

What keeps it: a name the gazetteer knows (a country, a curated city, region or body:
"Georgia", "Mexico", "ALBA"); a city of the same name, of any size GeoNames lists ("Tehran",
"Santa Fe", "Kidal": a unit is often named after its seat); and, for a person, any sign of
a person: a title before it, or a word of the name of someone the document names in full
("Duarte" after "Juan Pablo Duarte", "Victoria" after "Victoria Nuland"). A body named
after its unit is another name ("Government of Balochistan") and stays."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.tables import Gazetteer

_READ_AS = ("City", "Region", "Institution", "Person")
# the word right before a name, up to the name: "President Duarte", "Mr. Santander"
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.]*)\s*$")
# the honorifics' words that open a sentence as often ("The Rt Hon", "His Excellency")
_NO_TITLES = frozenset(("the", "his", "her"))


def drop_subdivisions(
    mentions: list[Mention], text: str, gaz: Gazetteer, title_words: frozenset[str]
) -> list[Mention]:
    # the words of the people named in full: "Victoria" after "Victoria Nuland", "Duarte"
    named = {w for m in mentions if m.type == "Person" and " " in m.name for w in m.name.split()}
    return [m for m in mentions if not _subdivision(m, text, gaz, title_words, named)]


def _subdivision(
    m: Mention, text: str, gaz: Gazetteer, title_words: frozenset[str], named: set[str]
) -> bool:
    if m.type not in _READ_AS or m.key:
        return False
    name = re.sub(r"^the\s+", "", m.name, flags=re.I)
    if fold(name) not in gaz.subdivisions or gaz.lookup(name) is not None:
        return False
    if gaz.city_code(name, 0) is not None:
        return False  # "Kidal", "Gao": the unit's seat, a city of any size GeoNames lists
    return m.type != "Person" or not _reads_as_person(m, name, text, title_words, named)


def _reads_as_person(
    m: Mention, name: str, text: str, title_words: frozenset[str], named: set[str]
) -> bool:
    """A sign that a one-word name is a person's: a title before it, or a word of the name
    of a person the document names in full."""
    if name in named:
        return True
    before = _WORD_BEFORE.search(text, max(0, m.start - 30), m.start)
    if before is None or not before.group(1)[:1].isupper():
        return False  # a title is written capitalised: "across the Shan and Chin states"
    word = before.group(1).lower().rstrip(".")
    return word in title_words and word not in _NO_TITLES
