"""What a table's columns hold, as its header row names them: "| Country | Represented by |
Title | Notes |", "| Participating State / body | Head of delegation | Notes |". A row's
cells are read by their column, not by their place: a "Notes" cell is no title ("Chairman-
in-Office" noted beside a foreign minister), though a post it names with its body is one
("Chair of the African Union", "ASEAN chair"); a person column headed by a post ("Head of
delegation") gives that post to each person of it. Header words: data/table_columns.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from graph.extract.data_files import data_file

# a Markdown table's rule under its header: "|---|:---:|"
_RULE = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*\|?\s*$")


@dataclass(frozen=True)
class Columns:
    """The columns of one table, by index (the first cell is 0)."""

    person: int  # the row's person ("Represented by", "Head of delegation")
    title: int | None  # the person's title ("Title", "Position")
    notes: tuple[int, ...]  # remarks ("Notes"): a post there counts only with its body
    header_role: str | None  # the person column's header when it names a post


@dataclass(frozen=True)
class _Words:
    person: frozenset[str]
    title: frozenset[str]
    notes: frozenset[str]
    header_roles: frozenset[str]


@cache
def _words() -> _Words:
    raw = data_file("table_columns")
    return _Words(
        frozenset(raw["person_columns"]),
        frozenset(raw["title_columns"]),
        frozenset(raw["notes_columns"]),
        frozenset(raw["post_columns"]),
    )


def row_cells(line: str) -> list[str]:
    """The cells of a table row, stripped, the empty ones kept ("| | X |" -> ["", "X"])."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def cell_spans(raw: str, raw_start: int) -> list[tuple[int, int, str]]:
    """The cells of a Markdown table row (the line `raw`, starting at `raw_start` in the
    text), each with where it stands, the blank ones kept: a row's columns are its
    header's ("| Germany | Annalena Baerbock | |")."""
    out = []
    at = raw_start + raw.index("|") + 1 if raw.lstrip().startswith("|") else raw_start
    for piece in raw[at - raw_start :].split("|")[: len(row_cells(raw))]:
        lead = len(piece) - len(piece.lstrip())
        out.append((at + lead, at + lead + len(piece.strip()), piece.strip()))
        at += len(piece) + 1
    return out


def header_of(text: str, line_start: int) -> list[str] | None:
    """The header cells of the Markdown table a row (starting at `line_start`) belongs to:
    the line above the table's |---| rule. None for a line of no such table, or for the
    header and the rule themselves."""
    headers = _headers_by_line(text)
    if line_start in headers:
        return headers[line_start]
    return _walk_up_to_header(text, line_start)


@lru_cache(maxsize=8)
def _headers_by_line(text: str) -> dict[int, list[str] | None]:
    """header_of for every line start, in one pass down the text: a row's header is its
    upper neighbour's unless that neighbour is the rule (then the line above the rule) or
    no table line (then none). Each row of an annex of thousands walked up to its rule
    made the rules' reading quadratic in the table's length."""
    out: dict[int, list[str] | None] = {}
    lines = text.split("\n")
    at = 0
    for i, line in enumerate(lines):
        out[at] = _from_neighbour(lines, i, out, at)
        at += len(line) + 1
    return out


def _from_neighbour(
    lines: list[str], i: int, out: dict[int, list[str] | None], at: int
) -> list[str] | None:
    if i == 0:
        return None
    above = lines[i - 1]
    if not above.lstrip().startswith("|"):
        return None
    if _RULE.match(above):
        header = lines[i - 2] if i >= 2 else ""
        return row_cells(header) if header.lstrip().startswith("|") else None
    return out[at - len(above) - 1]


def _walk_up_to_header(text: str, line_start: int) -> list[str] | None:
    """header_of for a position inside a line, by walking up from it."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if not line.lstrip().startswith("|"):
            return None
        if _RULE.match(line):
            above_end = start - 1
            above = text[text.rfind("\n", 0, above_end) + 1 : above_end] if above_end > 0 else ""
            return row_cells(above) if above.lstrip().startswith("|") else None
        end = start - 1
    return None


def _label(cell: str) -> str:
    return re.sub(r"[*_]", "", cell).strip().lower()


def columns(header: list[str]) -> Columns | None:
    """What each column of a header holds; None when no column names a person (an
    infobox, a list of members alone)."""
    words = _words()
    labels = [_label(c) for c in header]
    person = next((i for i, w in enumerate(labels) if w in words.person), None)
    if person is None:
        return None
    title = next((i for i, w in enumerate(labels) if w in words.title), None)
    notes = tuple(i for i, w in enumerate(labels) if w in words.notes)
    post = labels[person] in words.header_roles and title is None
    role = re.sub(r"[*_]", "", header[person]).strip() if post else None
    return Columns(person, title, notes, role)
