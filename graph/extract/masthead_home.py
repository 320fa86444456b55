"""The state a release is written from, as its masthead says it: "Ministry of Foreign
Affairs of Japan", "Embassy of India in Washington", "Government of India" (a body of the
state its name ends with, the seat it is named with aside), or the capital alone on a line
under the sender's name ("Ministry of Foreign Affairs" / "Islamabad")."""

from __future__ import annotations

import re

from graph.extract.tables import Gazetteer, Place
from graph.model import fold

_SEAT = re.compile(r"\s+(?:in|at|to)\s+(?:the\s+)?[A-Z][^,]*$")  # "... in Washington"
_OF = re.compile(r"\bof\s+(?:the\s+)?")
_LINE = re.compile(r"^[ \t]*([A-Z][^\n]{1,40}?)[ \t]*$", re.M)


def state_of_body_name(name: str, gaz: Gazetteer) -> Place | None:
    """The country a body's name ends with after "of" ("Ministry of Foreign Affairs of
    Japan", "Embassy of the Republic of Korea in Manila"), the longest such tail."""
    name = _SEAT.sub("", name)
    for of in _OF.finditer(name):
        place = gaz.lookup(name[of.end() :])
        if place is not None:
            return place if place.type == "Country" else None
    return None


def capital_lines(head: str, gaz: Gazetteer) -> list[tuple[int, Place]]:
    """The lines of a document's head that are a capital city and nothing else, with the
    country each stands for: a masthead's seat ("Islamabad" under "Ministry of Foreign
    Affairs")."""
    found = []
    for line in _LINE.finditer(head):
        code = gaz.capitals.get(fold(line.group(1)))
        country = gaz.countries_by_code.get(code) if code else None
        if country is not None:
            found.append((line.start(1), country))
    return found
