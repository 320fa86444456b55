"""Ships named in a sanctions release are property, not actors: "the Panama-flagged tanker
NOOR AL HUDA (IMO 9251628)", "the vessels ADRIATIC SUN (IMO 9158842) and MIRA STAR". The model
reads a ship's name in capitals as a body or a person. A name the text marks as a ship once
(its IMO number after it, a flag or a ship word before it) is a ship wherever the document
writes it again ("the DIJLA", a list of the vessels blocked). An end check."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention

_TYPES = ("Institution", "Person")


@cache
def _ship_before(words: frozenset[str]) -> str:
    """A ship word or a flag right before the name: "tanker X", "the Comoros-flagged X"."""
    ship = "|".join(sorted(map(re.escape, words)))
    return rf"(?:\b(?:{ship})|-flagged)[ \t]+"


def _marked_as_ship(name: str, text: str, words: frozenset[str]) -> bool:
    """Whether the document writes the name with an IMO number after it ("X (IMO 9251628)")
    or a ship word or flag before it, anywhere."""
    written = re.escape(name)
    return bool(
        re.search(rf"\b{written}[ \t]*\(IMO\b", text)
        or re.search(rf"{_ship_before(words)}{written}\b", text, re.I)
    )


def drop_vessel_names(mentions: list[Mention], text: str, words: frozenset[str]) -> list[Mention]:
    written = {m.text for m in mentions if m.type in _TYPES and not m.key}
    ships = {fold(w) for w in written if _marked_as_ship(w, text, words)}
    return [m for m in mentions if not (m.type in _TYPES and not m.key and fold(m.text) in ships)]
