"""Cities written right before their country, which the model leaves unnamed: "born in
Kursk, Russia", "POB: Rostov-on-Don, Russia", "headquartered in Larissa, Greece", "Address:
Village de Dieu, Port-au-Prince, Haiti". How addresses, places of birth, datelines and
wire stories write a smaller place: its name, a comma, its country.

A name the GeoNames table knows must lie in that country ("Paris, Kenya" is a list of two
places, not a place); a name the table does not know counts only after a word that makes it
a place ("in", "near", a sanctions entry's "POB:" or "Address:"; rules.toml [places]
city_lead_words). The city stays a mention of its own; the LOCATED_IN is read by
place_appositions.py from the same words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from graph.extract.doc_cache import doc_text
from graph.extract.mentions import CALENDAR_WORDS, MentionFinder, _Found
from graph.model import fold

# one to three capitalised words (hyphens inside: "Rostov-on-Don", "Croix-des-Bouquets"),
# then a comma, right before the country's name
_NAME = r"(?P<name>\b[A-Z][\w'’]*(?:-[\w'’]+)*(?:\s[A-Z][\w'’]*(?:-[\w'’]+)*){0,2}),[ \t]*"
_NAME_BEFORE = re.compile(_NAME + "$")


@lru_cache(maxsize=4)
def _name_before_unit(units: frozenset[str]) -> re.Pattern[str]:
    """The name, then an administrative unit, before the country: "Zouera, Timbuktu Region,
    Mali" (rules.toml [places] admin_units)."""
    unit = "|".join(sorted(map(re.escape, units)))
    return re.compile(_NAME + rf"(?:[A-Z][\w'’-]*[ \t]+){{1,3}}(?:{unit}),[ \t]*$")


@lru_cache(maxsize=4)
def _name_before_area(particles: frozenset[str]) -> re.Pattern[str]:
    """A place of birth's province written without a unit word: "POB: Alagir, North Ossetia,
    Russian Federation", "POB Um al-Qura, South Darfur, Sudan" (the town's words may open
    with a lower-case article, rules.toml [places] name_particles; the province is one to
    three capitalised words)."""
    lead = "|".join(sorted(map(re.escape, particles)))
    word = rf"(?:(?:{lead})-)?[A-Z][\w'’]*(?:-[\w'’]+)*" if lead else r"[A-Z][\w'’]*(?:-[\w'’]+)*"
    name = rf"(?P<name>\b[A-Z][\w'’]*(?:-[\w'’]+)*(?:\s{word}){{0,2}}),[ \t]*"
    return re.compile(name + r"(?:[A-Z][\w'’-]*[ \t]+){0,2}[A-Z][\w'’-]*,[ \t]*$")
_WINDOW = 60
# the model's own names, which a place's address overrides
_MODEL_SOURCES = frozenset({"person", "ner-org"})


def add_cities_before_country(finder: MentionFinder, found: _Found) -> None:
    """Each "<city>, <Country>" where the city is no mention yet, as a City."""
    text = doc_text(found.doc)
    places = finder.rules.place_words
    leads, never = places.get("city_lead_words", frozenset()), finder.rules.never
    units = places.get("admin_units", frozenset())
    for country in [m for m in found.mentions if m.type == "Country" and not m.demonym]:
        state = finder.gaz.lookup(country.text)
        if state is None or text[country.end : country.end + 2] in ("'s", "’s"):
            continue  # "Kenya's": the country owns what follows, it closes no address
        lo = max(0, country.start - _WINDOW)
        m = _name_before_unit(units).search(text, lo, country.start)
        m = m or _birthplace(text, lo, country.start, places) or _NAME_BEFORE.search(
            text, lo, country.start
        )
        if m is None or "\n" in m.group(0):
            continue
        start, end = m.start("name"), m.end("name")
        # "POB Esteli, Nicaragua": the label written in capitals is no word of the name
        lead = re.match(r"(\S+)\s+", m["name"])
        if lead and lead[1].lower() in leads:
            start += lead.end()
        name = re.sub(r"\s+", " ", text[start:end])
        words = {fold(w) for w in name.split()}
        if fold(name) in never or words & CALENDAR_WORDS:
            continue  # "In May, Kenya", "On Monday, Kenya": a date, no place
        known = finder.gaz.lookup(name)
        if known is not None and known.type != "City":
            continue  # a country, a region, a body named before the country
        code = finder.gaz.city_code(name, 0)
        if code is not None:
            if code != state.code:
                continue  # "Paris, Kenya": two places of a list
        elif not _placed(text[max(0, start - 20) : start], leads):
            continue
        span = found.doc.char_span(start, end, alignment_mode="contract")
        if span is None or span[0].pos_ != "PROPN":
            continue
        if not found.free(span.start, span.end) and not _model_name_only(
            found, span, (m.start("name"), country.start)
        ):
            continue
        found.release(span)
        found.add(span, "City", name, "city-country")


def _model_name_only(found: _Found, span: Span, chain: tuple[int, int]) -> bool:
    """Whether what holds the span is only the model's reading of the same words as a
    person or a body ("POB: Bourem, Gao Region, Mali" read as a person), with the label
    before them or the province after them ("POB Um al-Qura" read as a person, "Krasnoye,
    Vologda Oblast" as a body), inside the chain before the country: the address knows
    better."""
    lo, country = chain
    held = [m for m in found.mentions if m.start < span.end_char and span.start_char < m.end]
    return bool(held) and all(
        m.source in _MODEL_SOURCES
        and lo <= m.start <= span.start_char
        and span.end_char <= m.end <= country
        for m in held
    )


def _birthplace(
    text: str, lo: int, at: int, places: dict[str, frozenset[str]]
) -> re.Match[str] | None:
    """ "POB: Alagir, North Ossetia, Russian Federation": after a place-of-birth label
    (rules.toml [places] birthplace_labels) the first name of a chain of three is the town,
    the second its province, whatever the province is called; an address's chain may
    open with a street or a district, so only a birthplace reads so."""
    labels = places.get("birthplace_labels", frozenset())
    m = _name_before_area(places.get("name_particles", frozenset())).search(text, lo, at)
    if m is None:
        return None
    first = m["name"].split()[0].lower()  # "POB Saharanpur": the label read into the name
    before = text[max(0, m.start("name") - 20) : m.start("name")]
    return m if first in labels or _placed(before, labels) else None


def _placed(before: str, leads: frozenset[str]) -> bool:
    """Whether the words before a name make it a place: "in", "near", "POB:", "Address:"
    (the last word before it, a label's colon or a listed place's comma aside)."""
    words = re.findall(r"[\w.]+:?", before)
    return bool(words) and words[-1].lower() in leads
