"""Designations laid out as a table, as annexes to a release or a legal act print them:
a header row that names a column of names and a column only a listing has ("| | Name |
Identifying information | Reasons | Date of listing |"), then one row per designated person
or body. Each row's name cell holds one listed actor; the document's designator lists it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.extract.mentions import Mention
from graph.extract.table_columns import cell_spans
from graph.extract.tables import Rules

LISTED = ("Institution", "Country", "Person")
# a Markdown table's rule under its header: "|---|:---:|"
RULE_ROW = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")


def _name_column(cells: list[tuple[int, int, str]], rules: Rules) -> int | None:
    """Which column of a header row holds the names, if the header is a listing's."""
    words = [re.sub(r"[*_:]", "", c[2]).strip().lower() for c in cells]
    if not any(w in rules.table_listing_columns for w in words):
        return None
    # "Name (and possible aliases)", "Names and aliases": a column of names named first
    return next(
        (
            i
            for i, w in enumerate(words)
            if w in rules.table_name_columns or re.match(r"names?\b(?! of)", w)
        ),
        None,
    )


def table_designations(
    text: str, mentions: Iterable[Mention], designator: list[Mention], rules: Rules
) -> list[tuple[Mention, Mention, int, str, float]]:
    """(source, target, sentence index, rule, confidence) for each row of a designation
    table: the first actor in its name cell, listed by every designator."""
    if not designator:
        return []
    actors = sorted(
        (m for m in mentions if m.type in LISTED and not m.demonym), key=lambda m: m.start
    )
    out = []
    column: int | None = None
    at = 0
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        if "|" not in line:
            column = None  # a table ends at its first line that is no row
            continue
        cells = cell_spans(line, start)
        if column is None:
            column = _name_column(cells, rules)
            continue
        if RULE_ROW.match(line) or column >= len(cells):
            continue
        lo, hi, _ = cells[column]
        first = next((m for m in actors if lo <= m.start < hi), None)
        if first is None:
            continue
        out += [
            (src, first, first.sent, "designation-table", 0.8)
            for src in designator
            if src.name != first.name
        ]
    return out
