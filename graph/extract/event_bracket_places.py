"""The place a named event met, in the brackets after its name, as infoboxes' "Follows /
Precedes" rows and lists of a series write it: "48th G7 summit (Elmau, 2022)", "4th EPC
summit (Woodstock, United Kingdom)", "XXVII Ibero-American Summit (Andorra la Vella,
2021)". The layout says the bracket's first value is where the event met: a City, though
neither the model nor the gazetteer knows a resort or a small town. A value the gazetteer
knows as another kind of place or body ("(Malta, 2024)": a country) is not read here; a
generic event ("the summit (Reuters, 2022)", a citation) names no place, nor does a role
or a word the document writes in lower case ("(Chair, Kenya)", "(Annual Report, 2021)"). The event's
LOCATED_IN is read by place_appositions.py from the same bracket. Words:
data/event_bracket_places.toml."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.extract.doc_cache import doc_text

if TYPE_CHECKING:
    from graph.extract.mentions import MentionFinder, _Found

# events no layer named: "the summit", "the meeting" (a citation may follow them)
_GENERIC = frozenset({"generic-event"})


@cache
def _bracket() -> re.Pattern[str]:
    """ "(Name, <close>)" right after the event: the name, its comma, what closes it."""
    data = data_file("event_bracket_places")
    joiner = "|".join(map(re.escape, data["name_joiners"]))
    word = r"[A-Z][\w'’.-]*"
    name = rf"{word}(?:[ \t]+(?:(?:{joiner})[ \t]+)?{word}){{0,3}}"
    return re.compile(
        rf"[ \t]*\([ \t]*(?P<name>{name}),[ \t]*(?P<close>(?P<year>{data['year']})|[^(),\n]{{2,40}}?)[ \t]*\)"
    )


def add_event_bracket_places(finder: MentionFinder, found: _Found) -> None:
    """The first value of each named event's "(Name, year or country)" as a City."""
    text = doc_text(found.doc)
    for event in [m for m in found.mentions if m.type == "Event" and m.source not in _GENERIC]:
        m = _bracket().match(text, event.end)
        if m is None or not _closes(finder, m):
            continue
        name = re.sub(r"\s+", " ", m["name"])
        if _common_words(finder, text, name):
            continue  # "(Chair, Kenya)", "(Annual Report, 2021)": a label, a title
        known = finder.gaz.lookup(name)
        if known is not None and known.type != "City":
            continue  # "(Malta, 2024)": the country, a body or a region, named by its layer
        span = found.doc.char_span(m.start("name"), m.end("name"), alignment_mode="contract")
        if span is None:
            continue
        if not found.free(span.start, span.end):
            if not _outranks(finder, found, span.start_char, span.end_char, name):
                continue
            found.release(span)
        found.add(span, "City", known.name if known else name, "event-bracket")


def _outranks(finder: MentionFinder, found: _Found, start: int, end: int, name: str) -> bool:
    """Whether the bracket's place replaces what holds its words: for a city the GeoNames
    table knows (any size) by the whole name, shorter names inside it ("(Andorra la Vella,
    2021)" where a layer took "Andorra"). The model's own reading of the same words as a
    person or a body stays: "(Apulia, 2024)" is a region, no city, and is often read so."""
    held = [m for m in found.mentions if m.start < end and start < m.end]
    inside = all(start <= m.start and m.end <= end and m.end - m.start < end - start for m in held)
    return inside and finder.gaz.city_code(name, 0) is not None


def _common_words(finder: MentionFinder, text: str, name: str) -> bool:
    """Whether a capitalised word of the name is a role or a host's noun ("Chair", "Host":
    rules.toml [roles], [hosting] host_nouns) or a word the
    document also writes in lower case ("report" for "(Annual Report, 2021)"): a place's
    name ("Elmau", "Woodstock", "Andorra la Vella") is written capitalised throughout."""
    words = [w for w in name.split() if w[:1].isupper()]
    hosts = {h.lower() for h in finder.rules.host_nouns}
    return any(
        finder._role_word(w)
        or w.lower() in hosts
        or re.search(rf"\b{re.escape(w.lower())}\b", text)
        for w in words
    )


def _closes(finder: MentionFinder, m: re.Match[str]) -> bool:
    """A year or a country closes the bracket: "(Elmau, 2022)", "(Woodstock, United
    Kingdom)"; anything else ("(Reuters, p. 4)", "(Chair, Ecuador)") is no event's place."""
    if m["year"]:
        return True
    place = finder.gaz.lookup(m["close"].strip())
    return place is not None and place.type == "Country"
