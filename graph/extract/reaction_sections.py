"""A section of reactions: what a page about an event quotes under a heading such as
"## Reactions" was said of the event afterwards, not at it (data/reaction_sections.toml).
A SPOKE_AT read from such a section is dropped unless its sentence places the statement at
a meeting ("said at the closing", "told the plenary", "addressed the summit"); naming the
event is not enough ("X said the summit had achieved little" is a reaction to it)."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.extract.tables import Rules
from graph.model import fold

# a section heading: a Markdown heading line, or a short line standing alone between blank
# lines with no stop, comma, colon or table cell in it ("Reactions", "International reaction")
_HEADING = re.compile(r"^(?P<line>#+[ \t].*|(?<=\n\n)[A-Z][^\n.!?:;,|]{0,60}(?=\n[ \t]*\n))$", re.M)

if TYPE_CHECKING:  # relations.py imports this module
    from graph.extract.relations import Candidate, Sentence


def said_in_reactions(
    candidates: list[Candidate], sentences: list[Sentence], rules: Rules
) -> list[Candidate]:
    """The candidates without the SPOKE_AT edges read from a section of reactions from a
    sentence that does not place the statement at a meeting."""
    if not sentences or not any(c.type == "SPOKE_AT" for c in candidates):
        return candidates
    text = doc_text(sentences[0].span.doc)
    heads = list(_HEADING.finditer(text))
    starts = [h.start() for h in heads]
    reacting = [_reaction_heading(h.group("line")) for h in heads]
    by_index = {s.index: s for s in sentences}
    data = data_file("reaction_sections")
    words = "|".join(re.escape(w) for w in [*data["meeting_words"], *sorted(rules.event_kinds)])
    at_meeting = re.compile(rf"\b(?:at|to|told|addressed) the (?:\w+ )?(?:{words})\b", re.I)
    kept = []
    for c in candidates:
        s = by_index.get(c.sent)
        said_there = s is not None and at_meeting.search(s.text) is not None
        if c.type == "SPOKE_AT" and s is not None and not said_there:
            # the nearest heading above the sentence is the section it stands in
            at = bisect.bisect_right(starts, s.span.start_char) - 1
            if at >= 0 and reacting[at]:
                continue
        kept.append(c)
    return kept


def _reaction_heading(line: str) -> bool:
    """Whether a heading line is short and names reactions ("## Reactions")."""
    data = data_file("reaction_sections")
    words = fold(line.strip().lstrip("#")).split()
    return len(words) <= data["max_words"] and any(w in data["heading_words"] for w in words)
