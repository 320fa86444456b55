"""A header's place block that the story never names again is page furniture: "Camp
Aguinaldo / Quezon City, Philippines / July 30, 2024" over a transcript, "Washington, D.C. /
February 20, 2024" over a briefing. The line holds the place alone ("<city>, <country or
state>"), a date follows within a line or two; it says where the page was filed, not a place
of its story (the annotation's convention: "Quezon City occurs only in the dateline: no
City"). A city the text names again ("Buenos Aires, Argentina" over a press availability
that speaks of the Buenos Aires summit) keeps every mention and stays a City.

Unlike the wire dateline ("GENEVA, March 3 (Reuters) -", lone_datelines.py), the block is
dropped before relations are read, so "Quezon City, Philippines" gives no LOCATED_IN either."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.mentions import Mention

# the place line: a name, a comma, one to four capitalised words (or "D.C."), nothing else
_PLACE_LINE = re.compile(r"[ \t]*(?P<city>[^\n,]+),[ \t]*[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3}[ \t]*")


@cache
def _date_line() -> tuple[re.Pattern[str], int]:
    data = data_file("dateline_blocks")
    months = "|".join(sorted(map(re.escape, data["months"]), key=len, reverse=True))
    date = re.compile(rf"^[ \t]*(?:(?:{months})[ \t]+\d{{1,2}}|\d{{1,2}}[ \t]+(?:{months})|\d{{4}}-\d\d-\d\d)", re.M)
    return date, int(data["date_within_lines"])


def drop_dateline_blocks(mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions without the cities of a header's place block named nowhere else."""
    blocks = [m for m in mentions if m.type == "City" and _in_place_block(m, text)]
    if not blocks:
        return mentions
    drop = set()
    for m in blocks:
        elsewhere = [o for o in mentions if o.type == "City" and o.name == m.name and o is not m]
        if not any(o not in blocks for o in elsewhere):
            drop.add(id(m))
    return [m for m in mentions if id(m) not in drop]


def _in_place_block(m: Mention, text: str) -> bool:
    """Whether the city opens a line that holds only the place, with a date right below."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    line = _PLACE_LINE.fullmatch(text, line_start, line_end)
    if line is None or line.start("city") != m.start or text[line_start : m.start].strip():
        return False
    date, within = _date_line()
    below = text[line_end:].split("\n", within + 1)[: within + 1]
    return any(date.match(b) for b in below)
