"""People named with the surname in capitals inside running text ("Major General Bayardo
Ramón RODRÍGUEZ RUIZ is Chief of ...", "Nahima Janett DÍAZ FLORES is Director ..."), as
sanctions releases and official lists write them: the model cuts such a name at the
capitals, so one person becomes a given name here and a surname there. The layer reads the
whole name (given names in Title Case, maybe particles, the capitalised surname words) as
one person, named in ordinary case ("Bayardo de Jesús Pulido Ortiz")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"


@dataclass(frozen=True)
class _Table:
    joiners: frozenset[str]
    min_letters: int
    not_given: frozenset[str]


@cache
def _table() -> _Table:
    raw = data_file("capital_surnames")
    return _Table(
        frozenset(raw["surname_joiners"]),
        int(raw["min_surname_letters"]),
        frozenset(raw["not_given"]),
    )


@cache
def _pattern(particles: frozenset[str]) -> re.Pattern[str]:
    joiners = sorted(particles | _table().joiners, key=len, reverse=True)
    low = "|".join(re.escape(p) for p in joiners)
    up = "|".join(re.escape(p.upper()) for p in joiners)
    given = rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}'’]+)?"
    caps = rf"[{_UPPER}][{_UPPER}'’]+(?:-[{_UPPER}][{_UPPER}'’]+)?"
    return re.compile(
        rf"(?<![\w.-])(?P<given>(?:{given}[ \t]+(?:(?:{low})[ \t]+)?){{1,6}})"
        rf"(?P<surname>{caps}(?:[ \t]+(?:(?:{up})[ \t]+)?{caps}){{0,3}})(?![\w-])"
    )


def add_capital_surnames(finder: MentionFinder, found: _Found) -> None:
    """Adds each such name as a person, where nothing has read its words yet."""
    doc, rules = found.doc, finder.rules
    text = doc_text(doc)
    for hit in _pattern(frozenset(rules.name_particles)).finditer(text):
        surname = hit.group("surname")
        start = _given_start(finder, hit.group("given"), hit.start("given"))
        if start is None or not _is_surname(finder, surname):
            continue
        span = doc.char_span(start, hit.end("surname"), alignment_mode="contract")
        if span is None or not found.free(span.start, span.end):
            continue
        name = text[start : hit.end("surname")]
        found.add(span, "Person", finder._tidy_person(name), "capital-surname")


def _given_start(finder: MentionFinder, given: str, offset: int) -> int | None:
    """Where the given names start: the last words before the capitals that are no title,
    role, place or common word ("Major General Bayardo Ramón" → "Bayardo Ramón"); None when
    no given name is left."""
    rules, table = finder.rules, _table()
    words = list(re.finditer(r"\S+", given))
    start = None
    for w in reversed(words):
        word = w.group()
        low = word.lower()
        if low in rules.name_particles or low in table.joiners:
            continue
        if (
            low in table.not_given
            or finder._role_word(word)
            or low in rules.honorifics
            or fold(word) in rules.never
            or finder.gaz.lookup(word) is not None
            or word in finder.gaz.demonyms
        ):
            break
        start = offset + w.start()
    return start


def _is_surname(finder: MentionFinder, surname: str) -> bool:
    """Capitals that are a surname: enough letters, no roman numeral, company form, letters
    after a name, place or known body ("Chapter VII", "Tankers FZE", "KCB KC MP", "The EU")."""
    words = surname.split()
    letters = sum(ch.isalpha() for ch in surname)
    if letters < _table().min_letters:
        return False
    rules = finder.rules
    return (
        not any(
            re.fullmatch(r"[IVXLC]+", w)
            or w in rules.company_suffixes
            or w in rules.company_prefixes
            or fold(w) in rules.never
            or fold(w) in finder.names.post_nominals  # "Alan Pembury KCB KC MP"
            or (len(w) <= 4 and finder.gaz.lookup(w) is not None)
            for w in words
        )
        and finder.gaz.lookup(surname) is None
    )
