"""A surname after an office title, when two people of the document bear that surname: a
readout names the leader "the Prime Minister of Australia, the Hon Scott Morrison MP" and,
at the dinner, "Mrs Jenny Morrison"; its "Prime Minister Morrison" is then the leader, not
the spouse the text only ever names with a courtesy honorific (Mrs, Ms, Mr, First Lady:
data/titled_forms.toml `courtesy`). Without this the surname fits both full names and joins
neither, and the leader is two nodes.

The title only chooses between full names the surname already fits: resolution still keys on
the name (`person_contains`), never on a title."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol, TypeVar

from graph.extract.data_files import data_file
from graph.extract.mentions import Mention
from graph.extract.tables import load_rules
from graph.extract.titled_forms import TITLE_BEFORE


class _Named(Protocol):
    mentions: list[Mention]


N = TypeVar("N", bound=_Named)


@cache
def _courtesy() -> frozenset[str]:
    return frozenset(data_file("titled_forms")["courtesy"])


def _office_titled(person: _Named) -> bool:
    """Written after a title at least once, and never after a courtesy honorific alone."""
    titles = [m.props.get(TITLE_BEFORE) for m in person.mentions]
    return any(titles) and not any(t in _courtesy() for t in titles if t)


def _courtesy_only(person: _Named) -> bool:
    """Every mention written after a courtesy honorific: "Mrs Jenny Morrison"."""
    return all(m.props.get(TITLE_BEFORE) in _courtesy() for m in person.mentions)


def office_holders(short: _Named, fits: Sequence[N]) -> list[N]:
    """The full names a titled surname may stand for: all it fits, or, when it fits several,
    the one left once those named only with a courtesy honorific are set aside."""
    if len(fits) < 2 or not _office_titled(short):
        return list(fits)
    holders = [f for f in fits if not _courtesy_only(f)]
    return holders if len(holders) == 1 else list(fits)


def without_honorifics(name: str) -> str:
    """A name without the honorifics that lead it ("Honorable Rex Tillerson" → "Rex
    Tillerson", rules.toml `honorifics`), as the model reads them into a body's name; the
    name itself when nothing else is left."""
    words = name.split()
    honorifics = load_rules().honorifics
    k = 0
    while k < len(words) - 1 and words[k].lower().rstrip(".") in honorifics:
        k += 1
    return " ".join(words[k:])
