"""Meetings named by the city they met in: "the Niamey summit", "the Jeddah talks", "the
Luanda discussions". The article, a city of GeoNames' table (a known place's name is the
org-event layer's: "the 2023 BRICS summit"), and a kind word of a meeting (rules.toml
[events] city_event_kinds) name one event; "the Nairobi process" (a mediation) or "the
Paris agreement" (a text) name none. The city stays a place of its own, the event's
written form is its kind word: the event met in the city (LOCATED_IN, event_places.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.extract.cue_words import phrase_alternatives
from graph.extract.doc_cache import doc_text
from graph.extract.mentions import MentionFinder, _Found
from graph.model import fold


@lru_cache(maxsize=4)
def _pattern(kinds: tuple[str, ...], leads: tuple[str, ...]) -> re.Pattern[str]:
    kind = "|".join(map(re.escape, kinds))
    lead = phrase_alternatives(leads)
    return re.compile(
        rf"\b(?:{lead})\s+(?P<city>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})\s+(?P<kind>{kind})\b"
    )


def add_city_events(finder: MentionFinder, found: _Found) -> None:
    """Each "the <city> <kind>" (or, in a headline that drops the article, "at <city>
    <kind>": rules.toml [events] city_event_leads) as an Event named so, keyed by its words."""
    text = doc_text(found.doc)
    rules = finder.rules
    for m in _pattern(rules.city_event_kinds, rules.city_event_leads).finditer(text):
        city = re.sub(r"\s+", " ", m["city"])
        if finder.gaz.lookup(city) is not None or finder.gaz.city_code(city) is None:
            continue
        place = found.doc.char_span(m.start("city"), m.end("city"), alignment_mode="expand")
        span = found.doc.char_span(m.start("kind"), m.end(), alignment_mode="expand")
        if span is None or place is None or not found.free(place.start, span.end):
            continue
        name = f"{city} {m['kind']}"
        # the city stays a place of its own: the event met there (LOCATED_IN, event_places)
        found.add(place, "City", city, "city-event")
        event = found.add(span, "Event", name, "city-event", fold(name), props={"kind": m["kind"]})
        event.text = name  # written as the whole phrase: "summit" alone is no name of it
