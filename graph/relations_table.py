"""The relations table as a spreadsheet: one evidence item per line, with names, in CSV
(UTF-8 with a byte-order mark, so spreadsheet programs read accents right) or XLSX (openpyxl).

Names and sentences come from untrusted documents: a cell that begins with = + - @, a tab
or a carriage return would be read as a formula by a spreadsheet program, so it gets a
leading apostrophe (OWASP's advice on CSV injection), in both formats.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

from graph.relations import RelationRow

COLUMNS = [
    "relation_id",
    "source_id",
    "source_name",
    "source_type",
    "relation",
    "target_id",
    "target_name",
    "target_type",
    "role",
    "relation_documents",
    "document_id",
    "document_title",
    "evidence_date",
    "date_from",
    "sentence",
    "start",
    "end",
    "confidence",
    "rule",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def evidence_lines(
    rows: Iterable[RelationRow], titles: Mapping[str, str]
) -> Iterable[list[str | int | float | None]]:
    """One line per evidence item of each row, in the table's order."""
    for r in rows:
        for ev, date in zip(r.edge.evidence, r.dates, strict=True):
            yield [
                r.edge.id,
                r.source.id,
                r.source.name,
                r.source.type,
                r.edge.type,
                r.target.id,
                r.target.name,
                r.target.type,
                r.role,
                r.documents,
                ev.document,
                titles.get(ev.document),
                date,
                "sentence" if ev.date else ("document" if date else None),
                ev.sentence,
                ev.start,
                ev.end,
                1.0 if ev.confidence is None else ev.confidence,
                ev.rule,
            ]


def _cell(value: str | int | float | None) -> str | int | float | None:
    return neutralise(value) if isinstance(value, str) else value


def to_csv(lines: Iterable[list[str | int | float | None]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in lines:
        writer.writerow(["" if v is None else _cell(v) for v in line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(lines: Iterable[list[str | int | float | None]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet("relations")
    sheet.append(COLUMNS)
    for line in lines:
        sheet.append(
            [_cell(ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str) else v for v in line]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
