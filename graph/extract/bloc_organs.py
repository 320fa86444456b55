"""A bloc's organs written by their head word alone, and a chamber written "the House".

A page of the European Parliament or a story about the EU writes "Parliament adopted",
"the Commission declined", "for the Council to agree": the Union's organs, which it may never
name in full. The model reads no body in a bare head word (and the name checks drop one it
does read), so these organs went missing, or stood apart from the full name the document
gives elsewhere. In a document that names the bloc, such a word standing alone is the organ
(data/bloc_organs.toml), unless the document names another body with that word.

"He told the House" in a debate is the chamber: the one chamber the document names, or the
one it names far more often than any other (the House's own name first: "the House of
Representatives" beside "the Senate").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.extract.data_files import data_file
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention, MentionFinder, _Found

SOURCE = "bloc-organ"
# words after the head that make it part of a longer name or a title ("Council of Europe")
_NAME_GOES_ON = frozenset({"of", "for", "on"})


@dataclass(frozen=True)
class _Bloc:
    name: str
    short: tuple[str, ...]
    organs: tuple[tuple[str, str], ...]  # head word, organ's full name
    bare: frozenset[str]


@cache
def _table() -> tuple[tuple[_Bloc, ...], str, tuple[str, ...]]:
    raw = data_file("bloc_organs")
    blocs = tuple(
        _Bloc(b["name"], tuple(b["short"]), tuple(b["organs"].items()), frozenset(b["bare"]))
        for b in raw["bloc"]
    )
    return blocs, raw["house"], tuple(raw["house_names"])


def add_bloc_organs(finder: MentionFinder, found: _Found) -> None:
    """Each bloc's organs by their head words, then "the House" as the one chamber named."""
    blocs, house, house_names = _table()
    for bloc in blocs:
        if not any(m.type == "Institution" and m.name == bloc.name for m in found.mentions):
            continue
        for head, organ in bloc.organs:
            if _another_body_with(found.mentions, head, organ, bloc):
                continue  # "the Joint Commission", "the European Council": which is meant?
            if any(_same_organ(m.name, organ, bloc) for m in found.mentions):
                continue  # named in full: the rules read the word through that name ("The Council decided")
            for tok in found.doc:
                if (
                    tok.text == head
                    and found.free(tok.i, tok.i + 1)
                    and _standing_alone(tok, head in bloc.bare)
                ):
                    found.add(found.doc[tok.i : tok.i + 1], "Institution", organ, SOURCE)
    _the_house(found, house, house_names, finder.rules.chamber_heads)


def _same_organ(name: str, organ: str, bloc: _Bloc) -> bool:
    """ "Council of the EU" is the Council of the European Union."""
    for short in bloc.short:
        name = name.replace(f"the {short}", f"the {bloc.name}")
    return fold(name) == fold(organ)


def _another_body_with(mentions: list[Mention], head: str, organ: str, bloc: _Bloc) -> bool:
    word = fold(head)
    return any(
        m.type == "Institution"
        and word in fold(m.name).split()
        and not _same_organ(m.name, organ, bloc)
        for m in mentions
    )


def _standing_alone(tok: Token, bare: bool) -> bool:
    """ "the Commission declined", "Parliament adopted" (a bare head word where `bare`), not
    "the European Council", "Council of Europe", "Commission President Ursula von der Leyen"."""
    doc = tok.doc
    before = doc[tok.i - 1] if tok.i > 0 else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if after is not None and (after.lower_ in _NAME_GOES_ON or after.text[:1].isupper()):
        return False
    if before is not None and before.lower_ == "the":
        return True
    return bare and (before is None or not before.text[:1].isupper())


def _the_house(
    found: _Found, house: str, house_names: tuple[str, ...], chamber_heads: frozenset[str]
) -> None:
    chamber = _one_chamber(found.mentions, house_names, chamber_heads)
    if chamber is None:
        return
    doc = found.doc
    for tok in doc:
        if tok.text != house or not _standing_alone(tok, bare=False):
            continue
        span = doc[tok.i : tok.i + 1]
        held = [m for m in found.mentions if m.start < span.end_char and span.start_char < m.end]
        if any(m.name != house for m in held):
            continue  # a name the token is part of ("White House"), not the nickname
        found.release(span)
        found.add(span, "Institution", chamber, SOURCE)


def _one_chamber(
    mentions: list[Mention], house_names: tuple[str, ...], chamber_heads: frozenset[str]
) -> str | None:
    """The chamber the document is about: a House by its own name first, else a body whose
    name ends with a chamber's head word ("European Parliament", "National Assembly"); of
    two or more, the one named at least twice as often as any other (a debate's page names
    its own chamber throughout and a national one in passing)."""
    bodies = Counter(m.name for m in mentions if m.type == "Institution")
    houses = {b: n for b, n in bodies.items() if b.startswith(house_names)}
    chambers = houses or {
        b: n for b, n in bodies.items() if b.split() and fold(b.split()[-1]) in chamber_heads
    }
    ranked = sorted(chambers.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]
