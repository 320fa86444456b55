"""Attendance tables: rows of cells ("Brazil — Luiz Inácio Lula da Silva — President",
"| Kenya | William Ruto | President |") list who came to the document's event and in what
capacity: the person and the body ATTENDED it, the person HOLDS_ROLE the role in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from graph.extract.coordinated_titles import TitleSplitter
from graph.extract.cue_words import has_word
from graph.extract.mentions import Mention, doc_text
from graph.extract.table_columns import cell_spans, columns, header_of
from graph.extract.tables import load_rules
from graph.model import fold

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Sentence

CELL_BREAK = re.compile(r"\s+[—–]\s+|\s*\|\s*|\t+")
ITEM_LEAD = re.compile(r"^[-•*]\s+([^:]{2,40}):\s+")  # "- Sweden: Ulf Kristersson (...)"
TITLE_BREAK = re.compile(r",\s+|\s*\(")
# "- Abiy Ahmed, Prime Minister of Ethiopia": a name, then a title that starts upper-case
ITEM_PERSON_TITLE = re.compile(r"\s*[-•*]\s+([^,;:()]{3,60}?),\s+([A-Z][^;:]{2,150})$")
# "- **Netherlands** – Prime Minister Mark Rutte": a body, a dash, a title then the name
ITEM_BODY_TITLED = re.compile(r"\s*[-•*]\s+([^–—:|;]{2,60}?)\s+[–—-]\s+([A-Z][^;|]{3,200})$")
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
            facts = _listed_item(s, line, at, event, headings) or _titled_item(
                s, line, at, event, headings
            )
        if headings is not None and "|" not in line and headings.absent(line):
            # a list item's own words; a table's notes cell speaks of others ("| Cook
            # Islands | Tepaeru Herrmann | ... | Prime Minister Mark Brown did not attend |")
            facts = [f for f in facts if f[0] == "HOLDS_ROLE"]
        if headings is not None and facts and headings.represented(s, at):
            facts = _heads_only(facts)
        out += facts
        at += len(line) + 1
    return out


@dataclass(frozen=True)
class ListHeadings:
    """Words of a heading over a list of those who came ("## Participants", "Heads of state
    and government:") and of those who hosted ("### Co-chairs"): rules.toml [attendance]."""

    attended: tuple[str, ...]
    hosted: tuple[str, ...]
    # words of an item that says the one listed did not come after all ("cancelled his
    # participation", "withdrew"): no attendance is read from it
    absences: tuple[str, ...] = ()

    # words of a section heading over bodies that came through their named heads
    # ("### International organisations") and of one that names members too
    represented_bodies: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    # folded names of the gazetteer's states: a body named "... of <state>" is its organ
    states: frozenset[str] = frozenset()

    def state_organ(self, body: Mention) -> bool:
        """Whether a body is named as an organ of a state ("Presidential Council of Libya",
        "Transitional Sovereignty Council of the Sudan"): the name's tail after an "of" is
        a state the gazetteer knows. A bloc's name ("League of Arab States") is none."""
        if body.type != "Institution":
            return False
        tails = re.finditer(r"\bof\s+(?:the\s+)?", body.name)
        return any(fold(body.name[t.end() :]) in self.states for t in tails)

    def absent(self, line: str) -> bool:
        low = line.lower()
        return has_word(self.absences, low)

    def represented(self, s: Sentence, line_start: int) -> bool:
        """Whether the row at line_start stands in a section whose heading names bodies
        represented by their heads ("International organizations and observers"), not
        members ("Member states and organisations")."""
        heading = _section_heading(doc_text(s.span.doc), line_start).lower()
        return has_word(self.represented_bodies, heading) and not has_word(self.members, heading)


def _heads_only(
    facts: list[tuple[str, Mention, Mention, str | None]],
) -> list[tuple[str, Mention, Mention, str | None]]:
    """A row of a body represented through its named head ("| United Nations | António
    Guterres | Secretary-General |"): the head attended and holds the post; the body did not
    attend as a participant itself. A row with no person keeps its body."""
    if not any(rel == "ATTENDED" and a.type == "Person" for rel, a, _, _ in facts):
        return facts
    return [f for f in facts if not (f[0] == "ATTENDED" and f[1].type == "Institution")]


def _section_heading(text: str, line_start: int) -> str:
    """The heading of the section a row stands in: the nearest line above that is a
    Markdown heading, or a short line that is no row, item or sentence ("Invited leaders
    and organisations"), over the rows, a table's header and any paragraph between; "" if
    none within 40 lines."""
    end = line_start - 1
    for _ in range(40):
        if end <= 0:
            return ""
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        end = start - 1
        if line.startswith("#"):
            return line.lstrip("#").strip()
        row = not line or line[:1] in "-•*|" or CELL_BREAK.search(line) is not None
        if not row and len(line) < 60 and line[-1] not in ".;,":
            return line
    return ""


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
        named = [
            m
            for m in s.mentions
            if m.type in BODIES and not m.demonym and title_lo <= m.start < title_hi
        ]
        # "Chairman of the Presidential Council of Libya": the state the title serves came
        body = next((m for m in named if m.type == "Country"), next(iter(named), None))
        # "Chairman of the Presidential Council of Libya": the officer came for the state,
        # not the organ (ANNOTATION: the state attends through its leader; the organ is
        # only PART_OF it, read from its name)
        if body is not None and not headings.state_organ(body):
            out.append(("ATTENDED", body, event, None))
    return out


def _titled_item(
    s: Sentence, raw: str, raw_start: int, event: Mention, headings: ListHeadings
) -> list[tuple[str, Mention, Mention, str | None]]:
    """A list item "- **Netherlands** – Prime Minister Mark Rutte" under a heading that says
    who the list holds: the body the item opens with and the person its title names came
    (or the person hosted), and the person holds the title in the body. Such items under
    any other heading (a cabinet, a sanctions list) are left to the role rules."""
    item = ITEM_BODY_TITLED.match(raw)
    if item is None:
        return []
    relation = _heading_relation(doc_text(s.span.doc), raw_start, headings)
    if relation is None:
        return []
    body_lo, body_hi = raw_start + item.start(1), raw_start + item.end(1)
    lo, hi = raw_start + item.start(2), raw_start + item.end(2)
    body = _cell_body(
        [m for m in s.mentions if m.type in BODIES and not m.demonym and body_lo <= m.start]
    )
    # the title comes first: "- Kenya – William Ruto, President" is a row of cells
    person = min((m for m in s.mentions if lo <= m.start < hi), key=lambda m: m.start, default=None)
    if body is None or body.end > body_hi or person is None or person.type != "Person":
        return []
    title = doc_text(s.span.doc)[lo : person.start].strip()
    if not title[:1].isupper():
        return []
    if relation == "HOSTED":
        return [("HOSTED", person, event, None)]
    return [
        ("ATTENDED", person, event, None),
        ("ATTENDED", body, event, None),
        ("HOLDS_ROLE", person, body, title),
    ]


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
            if has_word(words, heading):
                return relation
        return None
    return None


def _line_facts(
    s: Sentence, raw: str, raw_start: int, event: Mention | None
) -> list[tuple[str, Mention, Mention, str | None]]:
    """The facts of one row: "Body | Person | Role", "Body — Person — Role", or a list item
    "- Body – Person, Role" / "Body: Person (Role)"; a Markdown table's row by the columns
    its header names (table_columns.py)."""
    text = doc_text(s.span.doc)
    header = header_of(text, raw_start) if raw.lstrip().startswith("|") else None
    cols = columns(header) if header else None
    if cols is not None:
        bounds = cell_spans(raw, raw_start)
        person_at, title_at, notes = cols.person, cols.title, cols.notes
    else:
        found = _cell_bounds(text, raw, raw_start)
        if found is None:
            return []
        bounds, person_at, title_at, notes = found, 1, 2, ()
    if person_at >= len(bounds):
        return []

    def in_cell(i: int, types: tuple[str, ...]) -> list[Mention]:
        lo, hi, _ = bounds[i]
        return [m for m in s.mentions if lo <= m.start and m.end <= hi and m.type in types]

    body = _cell_body(in_cell(0, BODIES)) if bounds else None
    person = next(iter(in_cell(person_at, ("Person",))), None)
    if person is None:
        return []
    out: list[tuple[str, Mention, Mention, str | None]] = []
    if event is not None:
        out.append(("ATTENDED", person, event, None))
        if body is not None:
            out.append(("ATTENDED", body, event, None))
        if HOST_MARK.search(raw):
            out.append(("HOSTED", person, event, None))
    if title_at is not None and title_at < len(bounds):
        out += _title_roles(s, person, body, bounds[title_at])
    for i in (i for i in notes if i < len(bounds)):
        out += [("HOLDS_ROLE", person, b, r) for b, r in _noted_posts(s, bounds[i])]
    return out


def _cell_bounds(text: str, raw: str, raw_start: int) -> list[tuple[int, int, str]] | None:
    """The cells of a row with no header, each with where it stands in the text: the
    blank cells left out, so the person is the second and the title the third."""
    line = raw.strip().strip("|").strip()
    cells = [c for c in CELL_BREAK.split(line) if c.strip()]
    if re.match(r"\s*\|\s*\|", raw) and cells:
        # "| | Charles Michel | President of the European Council |": a row that goes on
        # from the one above keeps its blank first cell, so the name stays the second
        line = raw[raw.index("|") + 1 :].strip().strip("|").strip()
        cells = ["", *cells]
    lead = ITEM_LEAD.match(line)
    if len(cells) == 1 and lead:
        cells = [lead.group(1), line[lead.end() :]]
    if len(cells) == 2 and raw.lstrip()[:1] in "-•*":
        # "- Ukraine – Volodymyr Zelenskyy, President": the title after the name
        cells = [cells[0], *[c for c in TITLE_BREAK.split(cells[1], maxsplit=1) if c.strip()]]
    if len(cells) < 3 or len(line) > 300:
        return None
    bounds = []
    at = raw_start + raw.find(line)
    for cell in cells:
        found = text.find(cell, at)
        bounds.append((found, found + len(cell), cell))
        at = found + len(cell)
    return bounds


def _cell_body(named: list[Mention]) -> Mention | None:
    """The body a row's first cell names: its last one when one body's name runs into the
    next ("SCO Regional Anti-Terrorist Structure": the structure, not the SCO)."""
    out = next(iter(named), None)
    for m in named[1:]:
        if out is not None and m.start - out.end <= 1:
            out = m
    return out


def _title_roles(
    s: Sentence, person: Mention, body: Mention | None, cell: tuple[int, int, str]
) -> list[tuple[str, Mention, Mention, str | None]]:
    """The posts of a row's title cell, each in the body it names, else the row's."""
    out: list[tuple[str, Mention, Mention, str | None]] = []
    for part, lo in _role_parts(cell[2], cell[0]):
        role_text = re.sub(r"\([^)]*\)", "", part).strip()
        if not role_text or not role_text[0].isupper():
            continue
        named = [m for m in s.mentions if lo <= m.start < lo + len(part) and m.type in BODIES]
        target = named[0] if named else body
        role = re.split(r"\s+(?:of|for)\s+(?:the\s+)?$", role_text)[0]
        if named:
            role = re.sub(r"\([^)]*\)", "", part[: named[0].start - lo]).strip()
            role = re.sub(r"\s+(?:of|for|to)(?:\s+the)?$", "", role)
        # "- Rwanda – President X (NEPAD)": the bracket after the name holds a body, and
        # "NEPAD)" is no post (a title cell's own words are: "Taoiseach")
        bracketed = part.rstrip().endswith(")") and "(" not in part
        if target is not None and role and (not bracketed or _names_a_post(role)):
            out.append(("HOLDS_ROLE", person, target, role))
    return out


def _noted_posts(s: Sentence, cell: tuple[int, int, str]) -> list[tuple[Mention, str]]:
    """A post a notes cell names with its body, the whole cell: "Chair of the African
    Union", "ASEAN chair"; not "incoming Chair (2024)" (no body), nor a sentence about
    someone ("Prime Minister X did not attend")."""
    lo, hi, text = cell
    named = [m for m in s.mentions if lo <= m.start and m.end <= hi]
    if len(named) != 1 or named[0].type not in BODIES or named[0].demonym:
        return []
    body = named[0]
    before, after = text[: body.start - lo], text[body.end - lo :]
    role = None
    of = re.fullmatch(r"\s*([A-Z][\w-]*(?:\s+[\w-]+){0,3}?)\s+(?:of|for)\s+(?:the\s+)?", before)
    if of is not None and not after.strip():
        role = of.group(1)
    elif not before.strip() and re.fullmatch(r"\s+[\w-]+(?:\s+[\w-]+)?\s*", after):
        role = after.strip()
    if role is None or not _post_words().fullmatch(role.split()[-1]):
        return []
    return [(body, role[0].upper() + role[1:])]


@lru_cache(maxsize=1)
def _post_words() -> re.Pattern[str]:
    nouns = sorted(load_rules().role_nouns, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in nouns) + r")\b", re.I)


def _names_a_post(role: str) -> bool:
    """Whether a text holds a role noun (rules.toml [roles] nouns)."""
    return _post_words().search(role) is not None


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
