"""An infobox's motto row names nothing (data/infobox_mottos.toml): "| Motto | "Strengthening
Multilateral Dialogue – Striving Towards ..." |" is a slogan, and the title-case words a layer
reads in it as an event ("Strengthening Multilateral Dialogue") or a body are no mention of
an actor or event of the page."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file

if TYPE_CHECKING:
    from graph.extract.relations import Sentence


@cache
def _motto_row() -> re.Pattern[str]:
    """A line that opens with a motto label: "Motto: ...", "| **Motto** | ...". Blanks are
    spaces and tabs only: any-blank at every line start runs over the newlines after it,
    quadratic on a text of many blank lines."""
    labels = sorted(data_file("infobox_mottos")["labels"], key=len, reverse=True)
    alts = "|".join(re.escape(x) for x in labels)
    return re.compile(rf"^[ \t]*\|?[ \t]*\**(?:{alts})\**[ \t]*(?:\||:)[^\n]*", re.I | re.M)


def drop_motto_mentions(sentences: list[Sentence], text: str) -> None:
    """Every mention on a motto row goes, before any rule reads it."""
    rows = [(m.start(), m.end()) for m in _motto_row().finditer(text)]
    if not rows:
        return
    for s in sentences:
        s.mentions[:] = [
            m for m in s.mentions if not any(a <= m.start and m.end <= b for a, b in rows)
        ]
