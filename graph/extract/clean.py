"""Cleaning that keeps offsets: furniture is blanked, never cut, so every offset the
extractor reports points into the document exactly as the user supplied it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.dates import find_dates
from graph.extract.name_rules import load_name_rules
from graph.extract.tables import Rules

LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")
MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)")


@dataclass(frozen=True)
class CleanText:
    text: str  # same length as the original: furniture replaced by spaces
    title: str | None
    author: str | None
    publisher: str | None
    date: str | None
    body_start: int
    title_end: int = 0  # where the title line ends: what comes before is the headline
    # each person the byline names ("By A and B Associated Press" → A, B), as written
    authors: tuple[str, ...] = ()


def _blank(text: str) -> str:
    return "".join(ch if ch == "\n" else " " for ch in text)


def _unlink(line: str) -> str:
    """`[text](#)` → `text` followed by blanks, so offsets stay put."""

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1)
        return " " + inner + " " * (len(m.group(0)) - len(inner) - 1)

    line = LINK.sub(repl, line)
    return MARKDOWN_EMPHASIS.sub(lambda m: " " * len(m.group(0)), line)


def _metadata(lines: list[str]) -> tuple[str | None, str | None, str | None, str | None, set[int]]:
    """Title, author, publisher, date, and the lines that held them (blanked later: a
    dateline's "Reuters" is the publisher, not an actor of the story)."""
    title = author = publisher = date = None
    used: set[int] = set()
    for i, raw in enumerate(lines[:15]):
        line = _unlink(raw).strip()
        if not line:
            continue
        if title is None:
            title = re.sub(r"\s+", " ", line.lstrip("#").strip())
            continue
        m = re.match(r"^\W*(?:published|posted)\s+by\s+(.+?)\s+on\s+(.+?)\W*$", line, re.I)
        if m:  # "*Published by TASS on July 4, 2024*"
            found = find_dates(m.group(2), default_year=None)
            publisher = publisher or m.group(1).strip()
            date = date or (found[0].start if found and found[0].year_given else None)
            used.add(i)
            continue
        m = re.match(r"^[*_]*by\s+(.+?)[*_]*$", line, re.I)
        if m and author is None and len(m.group(1).split()) <= 5:
            author = re.sub(r"\s+", " ", m.group(1)).strip()
            used.add(i)
            continue
        if m and author is None and re.fullmatch(r"[A-Z][^.!?;:]*", m.group(1)):
            author = re.sub(r"\s+", " ", m.group(1)).strip()  # "By A and B Associated Press"
            used.add(i)
            continue
        m = re.match(r"^publication\s*:\s*(.+?)(?:\s+volume\s*:.*)?$", line, re.I)
        if m and publisher is None:
            publisher = m.group(1).strip()
            used.add(i)
            continue
        # "Reuters, 12 March 2024"; not a body paragraph that only ends with a date ("The
        # SADC Mission in the DRC, known as ..., left in December 2023.")
        m = re.match(r"^([A-Z][\w .&'-]{1,60}),\s+(.{1,40})$", line)
        if m and date is None:
            found = find_dates(m.group(2), default_year=None)
            if found and found[0].year_given and len(m.group(2)) - found[0].char_end < 3:
                publisher = publisher or m.group(1).strip()
                date = found[0].start
                used.add(i)
    return title, author, publisher, date, used


def byline_authors(author: str | None) -> tuple[str, ...]:
    """The people a byline names: "Dawit Endeshaw and Giulia Paravicini", "CHINEDU ASADU and
    SAM MEDNICK Associated Press" (the agency after the names is no author's name), never
    "Staff Reporters" or "the Africa desk"."""
    if not author:
        return ()
    rules = load_name_rules()
    text = author.strip("*_ ")
    for agency in sorted(rules.byline_agencies, key=len, reverse=True):
        text = re.sub(rf"(?<!\w)\(?{re.escape(agency)}\)?(?!\w)", ",", text, flags=re.I)
    out = []
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", text, flags=re.I):
        words = part.split()
        if not 2 <= len(words) <= 4 or any(
            w.lower() in rules.byline_not_people or not w[:1].isupper() for w in words
        ):
            continue  # "Senior Fellow", "Research Associate": a title after the name
        out.append(part.strip())
    return tuple(out)


def clean(text: str, rules: Rules) -> CleanText:
    lines = text.splitlines(keepends=True)
    title, author, publisher, date, meta_lines = _metadata(lines)
    out: list[str] = []
    ended = resumed = False
    seen_title = False
    body_start = title_end = 0
    offset = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:  # no rule matches a blank line: skip ~30 regexes per line
            out.append(_blank(line) if ended else line)
        elif i in meta_lines:
            out.append(_blank(line))
        elif not seen_title and stripped:
            seen_title = True
            out.append(_unlink(line))  # the title stays: it names the story's actors
            title_end = offset + len(line.rstrip("\r\n"))
        elif ended and rules.resumes_body(stripped):
            # "See also: ... Contacts ... ANNEX": the listing a release prints after its
            # closing sections is read again (its heading is no actor)
            ended, resumed = False, True
            out.append(_blank(line))
        elif resumed and rules.ends_annex(stripped):
            ended = True  # the rule under the annex: its closing notes are furniture again
            out.append(_blank(line))
        elif ended or rules.ends_body(stripped):
            ended = True
            out.append(_blank(line))
        elif rules.is_furniture(stripped):
            out.append(_blank(line))
        else:
            if stripped and not body_start:
                body_start = offset
            out.append(_unlink(line))
        offset += len(line)
    cleaned = "".join(out)
    assert len(cleaned) == len(text)
    authors = byline_authors(author)
    return CleanText(cleaned, title, author, publisher, date, body_start, title_end, authors)
