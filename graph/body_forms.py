"""A body's name written two ways in one document, one of them shorter:

- the other word order: "Secretariat of the African Continental Free Trade Area" and
  "AfCFTA Secretariat", "Secretariat of the Commonwealth" and "Commonwealth Secretariat":
  the owner (its name or an acronym its words spell) before the head words, for the head
  words, "of (the)" and the owner;
- the tail left out: "Core Group on Sri Lanka", then "the Core Group" (a body named for
  what it is about or for, later called by the words before "on" / "for").

Within one document only, and only when one body of the document fits (the resolver's
join loop and `join_dropped_tails`): "the Working Group" after two working groups on two
subjects stays apart from both."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from graph.blocking import spells
from graph.extract.data_files import data_file
from graph.extract.tables import load_gazetteer
from graph.model import fold

if TYPE_CHECKING:
    from graph.resolve import Cluster


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


def _tail_dropped(short: str, long: str) -> bool:
    """ "Core Group" of "Core Group on Sri Lanka": two words or more, then a tail."""
    fs, fl = fold(short), fold(long)
    return len(fs.split()) >= 2 and any(
        fl.startswith(f"{fs} {link} ") for link in _links("tail_links")
    )


def _placed(name: str) -> bool:
    """Whether a word of the name is a place or a place's adjective ("European", "Kenyan")."""
    gaz = load_gazetteer()
    return any(gaz.lookup(w) is not None or w in gaz.demonyms for w in name.split())


def join_dropped_tails(items: list[Cluster]) -> list[Cluster]:
    """ "the Core Group" after "Core Group on Sri Lanka": a body written without its tail
    after the document named it whole is that body, when one body fits. A short name with
    a place or its adjective is a body's own name ("European Council" beside "European
    Council on Foreign Relations"), and a short form written before the long name is left
    alone."""
    bodies = [c for c in items if c.type == "Institution" and c.mentions]
    for short in bodies:
        if _placed(short.name):
            continue
        first = min(m.start for m in short.mentions)
        fits = [
            c
            for c in bodies
            if c is not short
            and c.mentions
            and min(m.start for m in c.mentions) < first
            and _tail_dropped(short.name, c.name)
        ]
        if len(fits) == 1:
            fits[0].mentions += short.mentions
            fits[0].rules.add(f"tail dropped: {short.name} → {fits[0].name}")
            short.mentions = []
    return [c for c in items if c.mentions]
