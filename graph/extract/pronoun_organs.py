"""A state's organ named by a possessive pronoun ("Hungary has said that its parliament will
vote", "subject to approval by its Parliament"): the organ of the state the pronoun refers
back to, when the sentence names one state before it and no body between that state and the
pronoun (a body there may be what "its" means: "Kenya asked the Commission to ... its
members"). Named as "Hungary's parliament" is ("Parliament of Hungary"); a legislature the
gazetteer knows by its own name in the text leaves the common noun alone, as for
"Hungary's parliament". The pronouns are data/pronoun_organs.toml."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text
from graph.extract.mentions import _LEGISLATURES

if TYPE_CHECKING:
    from graph.extract.mentions import Mention, MentionFinder, _Found


@cache
def _pattern(organs: tuple[str, ...]) -> re.Pattern[str]:
    pronouns = phrase_alternatives(data_file("pronoun_organs")["pronouns"])
    alternatives = phrase_alternatives(sorted(organs, key=len, reverse=True))
    return re.compile(rf"\b(?i:{pronouns})\s+(?P<organ>(?i:{alternatives}))\b")


def add_pronoun_organs(finder: MentionFinder, found: _Found) -> None:
    """Each "its <organ>" whose sentence names one state before it, as that state's organ."""
    text = doc_text(found.doc)
    organs = finder.names.state_organs
    known_legislature = finder.known_legislatures.search(text) is not None
    for m in _pattern(tuple(organs)).finditer(text):
        canonical = organs[" ".join(m["organ"].lower().split())]
        if known_legislature and canonical in _LEGISLATURES:
            continue
        span = found.doc.char_span(m.start("organ"), m.end("organ"), alignment_mode="expand")
        if span is None or not found.free(span.start, span.end):
            continue
        state = _referred_state(found.mentions, span.sent.start_char, m.start())
        place = finder.gaz.lookup(state.name) if state else None
        if place is None or place.type != "Country":
            continue
        name = f"{canonical} of {finder._after_of(place)}"
        found.add(span, "Institution", name, "pronoun-organ", name)


def _referred_state(mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The one state named between start and end, when no body follows it there."""
    before = sorted(
        (x for x in mentions if start <= x.start and x.end <= end), key=lambda x: x.start
    )
    states = {x.name for x in before if x.type == "Country"}
    if len(states) != 1:
        return None
    last = max(i for i, x in enumerate(before) if x.type == "Country")
    if any(x.type == "Institution" for x in before[last + 1 :]):
        return None
    return before[last]
