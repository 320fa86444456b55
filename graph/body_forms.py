"""A body's name written two ways in one document, one of them shorter:

- the other word order: "Secretariat of the African Continental Free Trade Area" and
  "AfCFTA Secretariat", "Secretariat of the Commonwealth" and "Commonwealth Secretariat":
  the owner (its name or an acronym its words spell) before the head words, for the head
  words, "of (the)" and the owner.

Within one document only, and only when one body of the document fits (the resolver's
join loop)."""

from __future__ import annotations

from functools import cache

from graph.blocking import spells
from graph.extract.data_files import data_file
from graph.model import fold


@cache
def _links(key: str) -> tuple[str, ...]:
    return tuple(sorted(data_file("body_forms")[key], key=len, reverse=True))  # "of the" first


def owner_first(short: str, long: str) -> bool:
    """ "AfCFTA Secretariat" of "Secretariat of the African Continental Free Trade Area":
    one word before the head words, which is the owner's name or an acronym (two capitals
    or more) that the owner's words spell."""
    words = short.split()
    if len(words) < 2:
        return False
    owner, head = words[0], fold(" ".join(words[1:]))
    fl = fold(long)
    rest = next(
        (
            fl[len(head) + len(link) + 2 :]
            for link in _links("owner_links")
            if fl.startswith(f"{head} {link} ")
        ),
        None,
    )
    if not rest:
        return False
    if fold(owner) == rest:
        return True
    capitals = sum(ch.isupper() for ch in owner)
    return capitals >= 2 and len(rest.split()) >= 2 and spells(fold(owner), rest)
