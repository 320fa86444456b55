"""A person named without the surname, by given name and patronymic ("Sergey Viktorovich,
please", as Russian speakers address each other; "Vitaliy Aleksandrovich" in a list's
a.k.a.) or by the patronymic alone (a list's field "2: Nikolaevna"): the one full name of
the document that holds that given name and patronymic ("Vitaly Aleksandrovich Belitsky",
in another spelling). A full name without the patronymic is joined by nothing here: many
surnames end as patronymics do. The endings are
graph/extract/data/patronymics.toml."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from graph.blocking import name_tokens
from graph.extract.data_files import data_file

if TYPE_CHECKING:
    from graph.resolve import Cluster


@cache
def _endings() -> tuple[tuple[str, ...], int]:
    table = data_file("patronymics")
    return tuple(table["endings"]), int(table["stem_letters"])


def is_patronymic(word: str) -> bool:
    """Whether a folded name word has a patronymic's ending after a stem."""
    endings, stem = _endings()
    return any(word.endswith(e) and len(word) >= len(e) + stem for e in endings)


def join_patronymic_forms(items: list[Cluster], same: Callable[[str, str], bool]) -> list[Cluster]:
    """Each person named by a patronymic without the surname joins the one person whose
    name it fits; the short form may be as long as the name ("Sergey Viktorovich" for
    "Sergey Viktorovich Lavrov" in another spelling), so this is no short-into-long pass of
    the resolver's."""
    people = [c for c in items if c.type == "Person"]
    for short in people:
        if not short.mentions:
            continue
        fits = [
            c
            for c in people
            if c is not short and c.mentions and patronymic_for(short.name, c.name, same)
        ]
        if len(fits) == 1:
            fits[0].mentions += short.mentions
            fits[0].rules.add(f"patronymic: {short.name} → {fits[0].name}")
            short.mentions = []
    return [c for c in items if c.mentions]


def patronymic_for(short: str, long: str, same: Callable[[str, str], bool]) -> bool:
    """Whether `short` (a patronymic, or a given name and patronymic, with no surname)
    names the person `long` names; `same` says whether two words are one in two
    spellings."""
    s, lg = name_tokens(short), name_tokens(long)
    if not 1 <= len(s) <= 2 or len(lg) < 2 or not is_patronymic(s[-1]) or s == lg:
        return False
    if is_patronymic(lg[-1]):
        return False  # "Danila Yuryevich" is no full name to join
    middle = lg[1:-1]
    if len(s) == 1:
        return any(_alike(s[0], w, same) for w in middle)
    # the patronymic written in the long name too: a full name that leaves it out ("Sergey
    # Lavrov") cannot tell a patronymic from a surname of the same ending ("Alexander
    # Lukashevich" is no "Alexander Lukashenko")
    return same(s[0], lg[0]) and any(_alike(s[1], w, same) for w in middle)


def _alike(patronymic: str, word: str, same: Callable[[str, str], bool]) -> bool:
    """A patronymic and a name word in two spellings: "Yuryevich" / "Yurievich" (a long
    word's letters mostly shared, where the sound keys may part over a "y")."""
    return same(patronymic, word) or fuzz.ratio(patronymic, word) >= _RATIO


_RATIO = 85
