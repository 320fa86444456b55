"""Entries of the UN Security Council's sanctions lists, as its committees' press releases
print them: "MLi.008 Name: 1: AHMED 2: AG 3: ALBACHAR 4: na", then "Good quality a.k.a.: a)
Ahmed Ag Albachar b) Ahmed Ag Al Bachar  Low quality a.k.a.: "Cheikh Houka"". The numbered
parts are one person ("Ahmed Ag Albachar"), and every name the entry's a.k.a. fields give
is that person, not another (the model reads each as a person of its own)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found

# the label of the field after an a.k.a. field's names: "Low quality a.k.a.:", "Nationality:"
_NEXT_LABEL = re.compile(r"\s+[A-Z]\w*(?: [\w.]+){0,2}:")


@dataclass(frozen=True)
class _Patterns:
    entry: re.Pattern[str]
    alias_field: re.Pattern[str]
    empty: str


@cache
def _patterns() -> _Patterns:
    raw = data_file("un_list_entries")
    part = r"[A-ZÀ-Þ][A-ZÀ-Þ'’ -]*[A-ZÀ-Þ]|[A-ZÀ-Þ]"
    entry = re.compile(
        re.escape(raw["name_field"])
        + rf"[ \t]*(?P<parts>(?:\d[:.][ \t]*(?:{part}|{re.escape(raw['empty'])})[ \t]*){{1,6}})"
    )
    fields = "|".join(re.escape(f) for f in sorted(raw["alias_fields"], key=len, reverse=True))
    alias_field = re.compile(rf"(?:{fields})[ \t]*(?P<value>(?:(?!{fields})[^\n])*)")
    return _Patterns(entry, alias_field, str(raw["empty"]))


@cache
def entry_code() -> re.Pattern[str]:
    """An entry's reference ("MLi.004") and the blanks after it, at a line's start."""
    code = data_file("un_list_entries")["entry_code"]
    return re.compile(rf"^(?:{code})\s+")


def add_un_list_entries(finder: MentionFinder, found: _Found) -> None:
    """Each entry's person, and its other names as that person."""
    text, pats = doc_text(found.doc), _patterns()
    entries = list(pats.entry.finditer(text))
    for k, entry in enumerate(entries):
        parts = [
            (entry.start("parts") + p.start(1), entry.start("parts") + p.end(1))
            for p in re.finditer(
                r"\d[:.][ \t]*(\S(?:.*?\S)?)(?=[ \t]*(?:\d[:.]|$))", entry["parts"]
            )
        ]
        named = [(s, e) for s, e in parts if text[s:e] != pats.empty]
        if not named:
            continue
        name = finder._tidy_person(" ".join(text[s:e].title() for s, e in named))
        _person(found, named[0][0], named[-1][1], name, "listed-person")
        end = entries[k + 1].start() if k + 1 < len(entries) else _entry_end(text, entry.end())
        for field in pats.alias_field.finditer(text, entry.end(), end):
            for a_start, a_end in _aliases(field["value"], field.start("value"), pats.empty):
                _person(found, a_start, a_end, name, "defined-alias")


def _aliases(value: str, offset: int, empty: str) -> list[tuple[int, int]]:
    """Where the names of one a.k.a. field stand: "a) Izo b) Izo 5 Segond", up to the next
    field's label ("Low quality a.k.a.:", "Nationality:"), quotes left out."""
    label = _NEXT_LABEL.search(value)
    value = value[: label.start()] if label else value
    out = []
    for item in re.finditer(r"(?:^|(?<=\s))(?:[a-z]\)[ \t]*)?([^\s].*?)(?=\s+[a-z]\)|\s*$)", value):
        written = item.group(1).strip().strip('"“”').strip()
        if written and written != empty:
            at = value.index(written, item.start(1))
            out.append((offset + at, offset + at + len(written)))
    return out


def _entry_end(text: str, start: int) -> int:
    """Where an entry without a next one ends: the first blank line after it."""
    blank = text.find("\n\n", start)
    return blank if blank >= 0 else len(text)


def _person(found: _Found, start: int, end: int, name: str, source: str) -> None:
    span = found.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return
    found.release(span)
    found.add(span, "Person", name, source)
