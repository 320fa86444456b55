"""Dates and date ranges as the news writes them: "September 29 – October 2", "October 02,
2023", "March 2023", "between September 29 and October 2"."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<{n}>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>(?:19|20)\d\d)"
_DASH = r"\s*(?:–|—|-|to|until|till|and|through)\s*"

_MD = _MONTH.format(n="m1") + r"\s+" + _DAY.format(n="d1")
_RANGE = re.compile(
    r"(?:between\s+)?"
    + _MD
    + r"(?:,?\s*"
    + _YEAR.format(n="y1")
    + r")?"
    + _DASH
    + r"(?:"
    + _MONTH.format(n="m2")
    + r"\s+)?"
    + _DAY.format(n="d2")
    + r"(?!\d)(?:,?\s*"
    + _YEAR.format(n="y2")
    + r")?",
)
_SINGLE = re.compile(
    r"(?:"
    + _MD
    + r"(?!\d)(?:,?\s*"
    + _YEAR.format(n="y1")
    + r")?"
    + r"|"
    + _DAY.format(n="d0")
    + r"\s+"
    + _MONTH.format(n="m0")
    + r"(?:,?\s*"
    + _YEAR.format(n="y0")
    + r")?"
    + r"|"
    + _MONTH.format(n="m3")
    + r",?\s+"
    + _YEAR.format(n="y3")
    + r"|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d))",
)
_YEAR_ALONE = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class DateMatch:
    start: str  # ISO date, or YYYY-MM when no day is given
    end: str | None  # for ranges
    char_start: int
    char_end: int
    year_given: bool


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if day is not None and not 1 <= day <= 31:
        return None
    y = f"{year:04d}" if year else "????"
    return f"{y}-{month:02d}" + (f"-{day:02d}" if day else "")


def _fill(iso: str | None, year: int | None) -> str | None:
    if iso is None:
        return None
    if iso.startswith("????"):
        return None if year is None else f"{year:04d}" + iso[4:]
    return iso


def find_dates(text: str, default_year: int | None) -> list[DateMatch]:
    """All dates in `text`, ranges first; a date without a year takes `default_year`."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        m1 = MONTHS[m["m1"].lower().rstrip(".")]
        m2 = MONTHS[m["m2"].lower().rstrip(".")] if m["m2"] else m1
        year2 = int(m["y2"]) if m["y2"] else None
        year1 = int(m["y1"]) if m["y1"] else year2
        year = year1 or default_year
        start = _fill(_iso(year1, m1, int(m["d1"])), year)
        end = _fill(_iso(year2 or year1, m2, int(m["d2"])), year)
        if start and end and m2 >= m1:
            found.append(DateMatch(start, end, m.start(), m.end(), bool(year1)))
            taken.append((m.start(), m.end()))
    for m in _SINGLE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if m["iso"]:
            found.append(DateMatch(m["iso"], None, m.start(), m.end(), True))
            continue
        for mk, dk, yk in (("m1", "d1", "y1"), ("m0", "d0", "y0"), ("m3", None, "y3")):
            if m[mk]:
                year = int(m[yk]) if m[yk] else None
                iso = _fill(
                    _iso(year, MONTHS[m[mk].lower().rstrip(".")], int(m[dk]) if dk else None),
                    year or default_year,
                )
                if iso:
                    found.append(DateMatch(iso, None, m.start(), m.end(), bool(year)))
                break
    return sorted(found, key=lambda d: d.char_start)


def dominant_year(text: str) -> int | None:
    """The year a text speaks of most, to date the "September 29" that carries none."""
    years = [int(y) for y in _YEAR_ALONE.findall(text)]
    if not years:
        return None
    return max(set(years), key=lambda y: (years.count(y), y))
