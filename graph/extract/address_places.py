"""Places inside an address read as bodies: "HALEEL TRADING LTD, Eastleigh, Nairobi, Kenya",
"Address: Tarkint, Gao Region, Mali", "POB: Croix-des-Bouquets, Ouest Department, Haiti".
A sanctions list or a register writes a smaller place (a neighbourhood, a village, a
province) between commas before its country; the model reads the unknown name as a body and
the name patterns read an administrative unit ("Ouest Department") as one.

An end check: a body that no list or gazetteer named, standing after a comma or an address
label and before a comma chain that ends on a country on the same line, is a place of the
address, no actor. The first name of an entry ("ACME LTD, Moscow, Russia") opens its line or
follows a list number, not a comma, and stays the body."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.tables import Gazetteer

# the rest of the chain: up to two more names, each after a comma, then what may be the
# country (its words are tried one to four long: "Haiti Listed on: ..." is Haiti)
_CHAIN = re.compile(
    r",[ \t]*(?:[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3},[ \t]*){0,2}"
    r"(?P<rest>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
)
_BEFORE = re.compile(r"(?:,|(?i:\b(?:address|pob|place of birth|location))\s*:)[ \t]*$")


def places_of_addresses(mentions: list[Mention], text: str, gaz: Gazetteer) -> list[Mention]:
    return [m for m in mentions if not _address_place(m, text, gaz)]


def _address_place(m: Mention, text: str, gaz: Gazetteer) -> bool:
    if m.type != "Institution" or m.key:
        return False
    if not _BEFORE.search(text, max(0, m.start - 30), m.start):
        return False
    chain = _CHAIN.match(text, m.end)
    if chain is None:
        return False
    words = chain.group("rest").split()
    for width in range(len(words), 0, -1):
        place = gaz.lookup(" ".join(words[:width]).rstrip("."))
        if place is not None:
            return place.type == "Country" and fold(m.name) != fold(place.name)
    return False
