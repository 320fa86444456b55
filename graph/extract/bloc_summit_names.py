"""One summit of a bloc under two names in one story (data/bloc_summit_names.toml).

- "the 37th ordinary session of the AU Assembly of Heads of State and Government" and "the
  AU summit": a body's numbered sitting and the bloc's common name for it are one event, when
  the sitting's name holds the bloc (by name or a short form the gazetteer knows) and it is
  the one numbered sitting of that bloc the story names. The sitting's name is the event's.
- "Mercosur seals pact at Montevideo summit ... attending his first Mercosur summit": a story
  whose own event is the meeting named by its city, and which names the bloc's summit with no
  year or number of its own, speaks of one summit; its bloc-and-city form ("Mercosur summit
  in Montevideo") is a name of it, the way analysts name the meetings of a series. A summit
  the story marks as another ("the previous Mercosur summit") or dates is left alone.
- "the XXIX summit", "the 7th Summit": a numbered short title is the one event of the story
  whose fuller title opens with the same number ("XXIX Ibero-American Summit", "7th Summit
  of the Americas"); none when two fit or none does.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.extract.event_variants import PLACE_FORM
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.tables import Gazetteer, Rules

_NUMBERED = re.compile(r"^(?:\d+(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?(?:st|nd|rd|th))\b", re.I)


@cache
def _kinds() -> tuple[frozenset[str], frozenset[str]]:
    raw = data_file("bloc_summit_names")
    return frozenset(raw["sitting_kinds"]), frozenset(raw["summit_kinds"])


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_NTH = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.I)


def _number(word: str, rules: Rules) -> int | None:
    """The number an ordinal word writes: "XXIX" (as written, upper case), "7th", "Seventh"."""
    if word and word.isupper() and set(word) <= set(_ROMAN):
        values = [_ROMAN[c] for c in word]
        return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))
    nth = _NTH.match(word)
    if nth:
        return int(nth.group(1))
    return rules.ordinal_words.get(fold(word))


def join_numbered_short_titles(events: list[Mention], rules: Rules) -> None:
    """ "XXIX summit" takes the key and name of the one longer title numbered XXIX."""
    kinds = _kinds()[1]
    titled = [m for m in events if m.source != "generic-event" and "other" not in m.props]
    for m in titled:
        words = m.text.split()
        if len(words) != 2 or fold(words[1]) not in kinds:
            continue
        number = _number(words[0], rules)
        if number is None:
            continue
        fits = {
            (o.key or fold(o.name)): o
            for o in titled
            if len(o.name.split()) > 2
            and _number(o.name.split()[0], rules) == number
            and kinds & set(fold(o.name).split())
        }
        if len(fits) == 1:
            target = next(iter(fits.values()))
            m.key, m.name = target.key, target.name


def _bloc_summit(m: Mention) -> str | None:
    """The bloc of an undated, unnumbered "<bloc>|summit" event: "african union"."""
    parts = (m.key or "").split("|")
    if len(parts) != 2 or "other" in m.props or m.source == "generic-event":
        return None
    return parts[0] if parts[1] in _kinds()[1] else None


def _blocs_in(name: str, gaz: Gazetteer) -> set[str]:
    """The bodies a sitting's name holds, by any form the gazetteer knows ("AU")."""
    words = name.split()
    found = set()
    for i in range(len(words)):
        for j in range(i + 1, min(i + 5, len(words)) + 1):
            found.add(fold(" ".join(words[i:j])))
            place = gaz.lookup(" ".join(words[i:j]))
            if place is not None:
                found.add(fold(place.name))
    return found


def join_numbered_sittings(events: list[Mention], gaz: Gazetteer) -> None:
    """The bloc's summit takes the key and name of the one numbered sitting naming the bloc."""
    sittings = {
        m.key: m
        for m in events
        if m.key
        and str(m.props.get("kind", "")) in _kinds()[0]
        and "other" not in m.props
        and _NUMBERED.match(m.name)
    }
    if not sittings:
        return
    for bloc in {b for m in events if (b := _bloc_summit(m))}:
        fits = [s for s in sittings.values() if bloc in _blocs_in(s.name, gaz)]
        if len(fits) != 1:
            continue
        for m in events:
            if (m.key or "").split("|")[0] == bloc and (m.key or "").count("|") == 1:
                m.key, m.name = fits[0].key, fits[0].name


def join_city_summit(events: list[Mention], own: Mention | None) -> None:
    """The one undated bloc summit of a story about "the <city> summit" is that summit."""
    if own is None or own.source != "city-event" or not own.key:
        return
    kind = str(own.props.get("kind", ""))
    if kind not in _kinds()[1] or not own.name.lower().endswith(" " + kind):
        return
    city = own.name[: -len(kind) - 1]
    blocs = {b for m in events if (b := _bloc_summit(m))}
    if len(blocs) != 1:
        return
    bloc = blocs.pop()
    for m in events:
        if (m.key or "") == f"{bloc}|{kind}":
            if m.source != "generic-event":
                m.props[PLACE_FORM] = f"{m.text} in {city}"
            m.key, m.name = own.key, own.name
