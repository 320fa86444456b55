"""A release's sender named only where it signs the page: the masthead line it opens with
("Ministry of External Affairs" over "Government of India", "Cabinet Secretariat of the
Republic of Indonesia" over the site's menu) or its issuing line ("Issued by the Department of
International Relations and Cooperation" above the postal address). Both are page furniture
(ANNOTATION.md): the office publishes the story, it does not act in it, and a masthead read
as a body gave it an actor and a PART_OF to its state in every release it sent.

The body stays an actor when the story speaks of it again: its name written anywhere else
(the "United Nations" heading a meeting's coverage, whose Charter and Council the text names),
"the Ministry" or "this Department" on its own ("the Ministry of Culture" is another body), or
a relation read on the mention itself."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate


@cache
def _issuing_line() -> re.Pattern[str]:
    cues = "|".join(map(re.escape, data_file("publisher_lines")["issuing_cues"]))
    return re.compile(rf"^[ \t]*(?:{cues})\s+(?:the\s+)?$", re.M | re.I)


def _signing_line(m: Mention, text: str, title_end: int) -> bool:
    """The mention is the whole masthead (the document's first line) or the body an issuing
    line names, nothing after it on the line."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[m.end : line_end].strip():
        return False
    if m.end <= title_end:
        return not text[line_start : m.start].strip(" \t#*")
    return _issuing_line().match(text, line_start, m.start) is not None


def _named_again(m: Mention, text: str) -> bool:
    """The name elsewhere in the text, or its head word after "the" / "this" / "our" and no
    "of" ("the Ministry", not "the Ministry of Culture")."""
    rest = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
    if m.name in rest or m.text in rest:
        return True
    head = re.split(r"\s+of\s+", m.name)[0].split()[-1]
    refs = "|".join(map(re.escape, data_file("publisher_lines")["referring_words"]))
    back = re.compile(rf"\b(?i:{refs})\s+{re.escape(head)}\b(?!\s+of\b)")
    return back.search(rest) is not None


def drop_publisher_lines(
    mentions: list[Mention], candidates: list[Candidate], text: str, title_end: int
) -> list[Mention]:
    related = {id(m) for c in candidates for m in (c.source, c.target)}
    return [
        m
        for m in mentions
        if not (
            m.type == "Institution"
            and id(m) not in related
            and _signing_line(m, text, title_end)
            and not _named_again(m, text)
        )
    ]
