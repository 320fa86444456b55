"""A transcript's stage directions in brackets, "(Laughter.)", "[Inaudible]", "(Applause.)",
"[Speaks French.]": no actor, whatever the model read in them (it made a person of
"Laughter" and a body of "Inaudible"). A mention layer that runs first, with the
identifiers: it takes the direction's tokens so that no later layer reads them. Words:
data/stage_directions.toml."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.extract.mentions import MentionFinder, _Found


@cache
def _direction() -> re.Pattern[str]:
    """A bracket holding a direction word and at most three words more."""
    words = data_file("stage_directions")["words"]
    first = phrase_alternatives(words)
    return re.compile(rf"[(\[](?:{first})(?:\s+[\w'’-]+){{0,3}}\s*\.?\s*[)\]]", re.I)


def block_stage_directions(finder: MentionFinder, found: _Found) -> None:
    """Takes every stage direction's characters: no mention is read in them."""
    text = doc_text(found.doc)
    if "(" not in text and "[" not in text:
        return
    for m in _direction().finditer(text):
        finder._block(found, m.start(), m.end())
