"""Attendance tables: rows of cells ("Brazil — Luiz Inácio Lula da Silva — President",
"| Kenya | William Ruto | President |") list who came to the document's event and in what
capacity: the person and the body ATTENDED it, the person HOLDS_ROLE the role in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.extract.coordinated_titles import TitleSplitter
from graph.extract.mentions import Mention, doc_text
from graph.extract.tables import load_rules

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Sentence

CELL_BREAK = re.compile(r"\s+[—–]\s+|\s*\|\s*|\t+")
ITEM_LEAD = re.compile(r"^[-•*]\s+([^:]{2,40}):\s+")  # "- Sweden: Ulf Kristersson (...)"
TITLE_BREAK = re.compile(r",\s+|\s*\(")
# "- Abiy Ahmed, Prime Minister of Ethiopia": a name, then a title that starts upper-case
ITEM_PERSON_TITLE = re.compile(r"\s*[-•*]\s+([^,;:()]{3,60}?),\s+([A-Z][^;:]{2,150})$")
BODIES = ("Country", "Institution")
# a row marked as the host's or the chair's: "Fiji (host)", "President (host and incoming
# Chair-in-Office)", "President (chair)"; not "(host of the next meeting)"
HOST_MARK = re.compile(r"\((?:the\s+)?(?:host|chair)\b(?!\s+of\b)(?!-in-)", re.I)


def row_facts(
    s: Sentence, event: Mention | None, headings: ListHeadings | None = None
) -> list[tuple[str, Mention, Mention, str | None]]:
    """(relation, source, target, role) read from the table rows of a sentence (the parser
    may run several rows of a table into one sentence); nothing from prose."""
    out: list[tuple[str, Mention, Mention, str | None]] = []
    at = s.span.start_char
    for line in s.text.split("\n"):
        facts = _line_facts(s, line, at, event)
        if not facts and event is not None and headings is not None:
            facts = _listed_item(s, line, at, event, headings)
        out += facts
        at += len(line) + 1
    return out


@dataclass(frozen=True)
class ListHeadings:
    """Words of a heading over a list of those who came ("## Participants", "Heads of state
    and government:") and of those who hosted ("### Co-chairs"): rules.toml [attendance]."""

    attended: tuple[str, ...]
    hosted: tuple[str, ...]


def _listed_item(
    s: Sentence, raw: str, raw_start: int, event: Mention, headings: ListHeadings
) -> list[tuple[str, Mention, Mention, str | None]]:
    """A list item "- Abiy Ahmed, Prime Minister of Ethiopia" under a heading that says
    who the list holds: the person (and the body their title names) attended the
    document's event, or the person hosted it. Anywhere else such items are only roles
    (a sanctions list, a cabinet)."""
    item = ITEM_PERSON_TITLE.match(raw)
    if item is None:
        return []
    relation = _heading_relation(doc_text(s.span.doc), raw_start, headings)
    if relation is None:
        return []
    name_lo, name_hi = raw_start + item.start(1), raw_start + item.end(1)
    person = next(
        (m for m in s.mentions if m.type == "Person" and name_lo <= m.start and m.end <= name_hi),
        None,
    )
    if person is None:
        return []
    out: list[tuple[str, Mention, Mention, str | None]] = [(relation, person, event, None)]
    if relation == "ATTENDED":
        title_lo, title_hi = raw_start + item.start(2), raw_start + item.end(2)
        body = next(
            (
                m
                for m in s.mentions
                if m.type in BODIES and not m.demonym and title_lo <= m.start < title_hi
            ),
            None,
        )
        if body is not None:
            out.append(("ATTENDED", body, event, None))
    return out


def _heading_relation(text: str, line_start: int, headings: ListHeadings) -> str | None:
    """What the nearest heading above a list item says its items did, if anything: the
    first line above that is not an item, blank or a sub-list, when it reads as a heading
    (a Markdown heading, a line ending with a colon, or a short line with no full stop)."""
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        end = start - 1
        if not line or line[:1] in "-•*":
            continue
        heading = line.lstrip("#").strip().rstrip(":").lower()
        if not (line.startswith("#") or line.endswith(":") or len(line) < 60 and line[-1] != "."):
            return None
        for relation, words in (("HOSTED", headings.hosted), ("ATTENDED", headings.attended)):
            if any(re.search(rf"\b{re.escape(w)}\b", heading) for w in words):
                return relation
        return None
    return None


def _line_facts(
    s: Sentence, raw: str, raw_start: int, event: Mention | None
) -> list[tuple[str, Mention, Mention, str | None]]:
    """The facts of one row: "Body | Person | Role", "Body — Person — Role", or a list item
    "- Body – Person, Role" / "Body: Person (Role)"."""
    line = raw.strip().strip("|").strip()
    cells = [c for c in CELL_BREAK.split(line) if c.strip()]
    lead = ITEM_LEAD.match(line)
    if len(cells) == 1 and lead:
        cells = [lead.group(1), line[lead.end() :]]
    if len(cells) == 2 and raw.lstrip()[:1] in "-•*":
        # "- Ukraine – Volodymyr Zelenskyy, President": the title after the name
        cells = [cells[0], *[c for c in TITLE_BREAK.split(cells[1], maxsplit=1) if c.strip()]]
    if len(cells) < 3 or len(line) > 300:
        return []
    start = raw_start + raw.find(line)
    bounds = []
    at = start
    for cell in cells:
        found = doc_text(s.span.doc).find(cell, at)
        bounds.append((found, found + len(cell), cell))
        at = found + len(cell)

    def in_cell(i: int, types: tuple[str, ...]) -> list[Mention]:
        lo, hi, _ = bounds[i]
        return [m for m in s.mentions if lo <= m.start and m.end <= hi and m.type in types]

    body = next(iter(in_cell(0, BODIES)), None)
    person = next(iter(in_cell(1, ("Person",))), None)
    if person is None:
        return []
    out: list[tuple[str, Mention, Mention, str | None]] = []
    if event is not None:
        out.append(("ATTENDED", person, event, None))
        if body is not None:
            out.append(("ATTENDED", body, event, None))
        if HOST_MARK.search(line):
            out.append(("HOSTED", person, event, None))
    for part, lo in _role_parts(bounds[2][2], bounds[2][0]):
        role_text = re.sub(r"\([^)]*\)", "", part).strip()
        if not role_text or not role_text[0].isupper():
            continue
        named = [m for m in s.mentions if lo <= m.start < lo + len(part) and m.type in BODIES]
        target = named[0] if named else body
        role = re.split(r"\s+(?:of|for)\s+(?:the\s+)?$", role_text)[0]
        if named:
            role = re.sub(r"\([^)]*\)", "", part[: named[0].start - lo]).strip()
            role = re.sub(r"\s+(?:of|for|to)(?:\s+the)?$", "", role)
        if target is not None and role:
            out.append(("HOLDS_ROLE", person, target, role))
    return out


def _role_parts(cell: str, cell_start: int) -> list[tuple[str, int]]:
    """The posts a role cell lists, each with where it starts: "Prime Minister; Chair of
    the Forum", and coordinated titles, "Crown Prince and Prime Minister", "President and
    General Secretary of the Party" (each part then finds its own body, or the row's)."""
    splitter = TitleSplitter(load_rules().role_nouns)
    out: list[tuple[str, int]] = []
    at = 0
    for part in cell.split(";"):
        at = cell.find(part, at)
        sub_at = at
        for title in splitter.split(part) if part.strip() else [part]:
            word = title[:1].lower() + title[1:]
            found = cell.find(title, sub_at)
            found = found if found >= 0 else cell.find(word, sub_at)
            sub_at = found if found >= 0 else sub_at
            out.append((cell[sub_at : sub_at + len(title)], cell_start + sub_at))
            sub_at += len(title)
        at += len(part)
    return out
