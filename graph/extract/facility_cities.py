"""A city named by a facility of it, as news writes a strike or a project: "struck Sanaa
airport", "the Tindouf refugee camps", "the development of Gwadar Port". A capitalised name
of one or two words right before a facility word (data/facility_cities.toml) is a City where
GeoNames knows it as a city of any size, the gazetteer knows it as no other kind of place or
body ("Hamad International Airport" is no city), and no other layer took its words."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.extract.settlement_names import NAME_WORD, add_cities_named

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found


@cache
def _pattern() -> re.Pattern[str]:
    kinds = sorted(data_file("facility_cities")["facilities"], key=len, reverse=True)
    kind = phrase_alternatives(kinds)
    word = NAME_WORD
    # case-sensitive: a facility written in capitals but "Port" is a body's or a place's name
    return re.compile(rf"\b(?P<name>{word}(?:\s+{word})?)\s+(?:{kind})\b")


def add_facility_cities(finder: MentionFinder, found: _Found) -> None:
    """Each "<Name> <facility>" whose name GeoNames knows as a city, as a City."""
    add_cities_named(finder, found, _pattern(), "facility-city", geonames_city=True)
