"""Meetings described by their kind and the city they met in: "an extraordinary summit in
Windhoek", "the defense ministers' meeting in Tokyo", "its extraordinary ministerial meeting
in Cairo" (data/placed_events.toml). A lead word, one to three lower-case words, a kind word
and "in" before a city the layers read: an Event named "<words> <kind> in <city>", written
"<words> <kind>" (an alias). No words ("their meeting in Laos") is no description; a year
or ordinal ("the 2018 meeting in London", "the first summit in Sochi") or a word of series
position ("the previous meeting") is the series' own name forms' to read, not this rule's.
Runs after the generic references, so "the summit" keeps the event it referred to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.extract.event_names import ordinal_of
from graph.extract.event_variants import PLACE_FORM
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.relations import Sentence
    from graph.extract.tables import Rules


PLACED_EVENT = "placed-event"  # the mentions' source


@dataclass(frozen=True)
class _Cues:
    pattern: re.Pattern[str]
    non_naming: frozenset[str]


@cache
def _cues() -> _Cues:
    raw = data_file("placed_events")
    leads = phrase_alternatives(raw["leads"])
    kinds = phrase_alternatives(raw["kinds"])
    word = r"[a-z][\w'’-]*"
    return _Cues(
        re.compile(
            rf"\b(?i:{leads})\s+(?P<words>(?:{word}\s+){{1,{int(raw['max_words'])}}})"
            rf"(?P<kind>{kinds})\s+in\s+(?=[A-Z])"
        ),
        frozenset(fold(w) for w in (*raw["non_naming"], *raw["function_words"])),
    )


def _names_it(words: list[str], rules: Rules) -> bool:
    """Whether the description's words make a meeting of record (see the module's doc)."""
    cues = _cues()
    for w in words:
        bare = w.strip("'’")
        if fold(bare) in cues.non_naming or fold(bare) in rules.other_event_words:
            return False
        if any(c.isdigit() for c in bare) or ordinal_of(bare, rules) is not None:
            return False
    return True


def add_placed_events(sentences: list[Sentence], rules: Rules) -> None:
    """Each description of a meeting before "in <city>" (a City mention) that no mention
    overlaps becomes an Event of its own, keyed by its name."""
    for s in sentences:
        cities = {m.start: m for m in s.mentions if m.type == "City"}
        for found in _cues().pattern.finditer(s.text):
            city = cities.get(s.span.start_char + found.end())
            words = found.group("words").split()
            if city is None or not _names_it(words, rules):
                continue
            _add(s, found, city, words)


def _add(s: Sentence, found: re.Match[str], city: Mention, words: list[str]) -> None:
    from graph.extract.mentions import Mention

    start = s.span.start_char + found.start("words")
    end = s.span.start_char + found.end("kind")
    if any(m.start < end and start < m.end for m in s.mentions):
        return
    written = f"{' '.join(words)} {found.group('kind')}"
    name = f"{written} in {city.name}"
    # "other": a meeting described in passing is never the page's own event, nor what "the
    # summit" refers to (event_names.mark_other_events)
    props = {"kind": found.group("kind").lower(), PLACE_FORM: name, "other": "yes"}
    ref = Mention("Event", written, name, start, end, s.index, PLACED_EVENT, fold(name), props)
    s.mentions.append(ref)
    s.mentions.sort(key=lambda m: m.start)
