"""A surname after an office title, when two people of the document bear that surname: a
readout names the leader "the Prime Minister of Australia, the Hon Scott Morrison MP" and,
at the dinner, "Mrs Jenny Morrison"; its "Prime Minister Morrison" is then the leader, not
the spouse the text only ever names with a courtesy honorific (Mrs, Ms, Mr, First Lady:
data/titled_forms.toml `courtesy`). Without this the surname fits both full names and joins
neither, and the leader is two nodes.

A surname written with no title at all ("Biden announced ...") chooses the same way, when one
full name it fits was written after an office title ("U.S. President Joe Biden") and every
other was written only after a courtesy one ("First Lady Jill Biden"): news names the spouse
in full and the office holder by the surname. A courtesy honorific may stack an academic one
("First Lady Dr. Jill Biden", "Mrs. Dr. ..."; data/titled_forms.toml `academic`).

The title only chooses between full names the surname already fits: resolution still keys on
the name (`person_contains`), never on a title."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Protocol, TypeVar

from graph.extract.data_files import data_file
from graph.extract.mentions import Mention
from graph.extract.tables import load_rules
from graph.extract.titled_forms import TITLE_BEFORE


class _Named(Protocol):
    name: str
    mentions: list[Mention]


N = TypeVar("N", bound=_Named)


@cache
def _courtesy() -> frozenset[str]:
    return frozenset(data_file("titled_forms")["courtesy"])


@cache
def _academic() -> frozenset[str]:
    return frozenset(data_file("titled_forms")["academic"])


def _is_courtesy(title: str | None) -> bool:
    """A courtesy honorific, alone or with academic ones after it: "mrs", "first lady dr"."""
    if not title:
        return False
    courtesy = next((c for c in _courtesy() if title == c or title.startswith(c + " ")), None)
    return courtesy is not None and set(title[len(courtesy) :].split()) <= _academic()


def _office_titled(person: _Named) -> bool:
    """Written after a title at least once, and never after a courtesy honorific alone."""
    titles = [m.props.get(TITLE_BEFORE) for m in person.mentions]
    return any(titles) and not any(_is_courtesy(t) for t in titles)


def _untitled(person: _Named) -> bool:
    """Never written after a title: "Biden announced ..."."""
    return not any(m.props.get(TITLE_BEFORE) for m in person.mentions)


def _courtesy_only(person: _Named) -> bool:
    """Every mention written after a courtesy honorific: "Mrs Jenny Morrison"."""
    return all(_is_courtesy(m.props.get(TITLE_BEFORE)) for m in person.mentions)


def office_holders(
    short: _Named, fits: Sequence[N], same: Callable[[str, str], bool] | None = None
) -> list[N]:
    """The full names a surname may stand for: all it fits, or, when it fits several, the one
    left once those named only with a courtesy honorific are set aside; for a surname never
    titled, only when that one was itself written after an office title. Full names that
    `same` finds one person's ("Joe Biden", "Joseph R. Biden", joined later) count once."""
    if len(fits) < 2 or not (_office_titled(short) or _untitled(short)):
        return list(fits)
    holders = _one_person([f for f in fits if not _courtesy_only(f)], same)
    if len(holders) != 1 or (_untitled(short) and not _office_titled(holders[0])):
        return list(fits)
    return holders


def _one_person(holders: list[N], same: Callable[[str, str], bool] | None) -> list[N]:
    """The longest full name alone, when every other is a shorter writing of it."""
    if len(holders) < 2 or same is None:
        return holders
    longest = max(holders, key=lambda h: len(h.name))
    others = [h for h in holders if h is not longest]
    return [longest] if all(same(h.name, longest.name) for h in others) else holders


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
