"""Name forms of one event that the name layers read apart, and title-case names that are
no event (data/event_variants.toml).

- A session with the press ("Press Conference", "Regular Press Conference") is no event an
  analyst records.
- A headline writes the event after a lead phrase ("... on the Sidelines of G20 Foreign
  Ministers' Meeting"): the event is what follows it.
- A short title of an event the document names in full is that event: "the Annual Leaders'
  Meeting" of the "Australia-New Zealand Annual Leaders' Meeting", "the Ministerial Meeting"
  of the "India-GCC Ministerial Meeting", and "the G20 Leaders' Summit" of "the G20 summit"
  (office-holders' words tell no two events apart), when exactly one event fits.
- "the G20 summit in Bali": an event written with the city it met in keeps that written
  form as a name of its own (props "place_form"), the way analysts name the meetings of a
  series ("SADC summit in Luanda").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.model import fold

if TYPE_CHECKING:  # mentions.py imports the pipeline's helpers
    from graph.extract.mentions import Mention
    from graph.extract.relation_rules.context import Candidate
    from graph.extract.relations import Sentence

PLACE_FORM = "place_form"  # the prop that carries "<event as written> in <city>"


@dataclass(frozen=True)
class _Words:
    press_words: frozenset[str]
    press_kinds: frozenset[str]
    lead_phrases: tuple[str, ...]
    holder_words: tuple[str, ...]


@cache
def _words() -> _Words:
    raw = data_file("event_variants")
    return _Words(
        press_words=frozenset(fold(w) for w in raw["press_words"]),
        press_kinds=frozenset(fold(w) for w in raw["press_kinds"]),
        lead_phrases=tuple(fold(w) + " " for w in raw["lead_phrases"]),
        holder_words=tuple(sorted({fold(w) for w in raw["holder_words"]}, key=len, reverse=True)),
    )


def press_session(name: str) -> bool:
    """ "Press Conference", "Joint News Conference": a session with the press."""
    words = fold(name).split()
    w = _words()
    return bool(words) and words[-1] in w.press_kinds and bool(w.press_words & set(words))


def drop_press_sessions(sentences: list[Sentence], candidates: list[Candidate]) -> list[Candidate]:
    """The press sessions' mentions go, and the relations that end at them. Run after the
    relation rules: while they read, such a session still stands as the page's own event,
    so that a transcript titled by its press conference gets no other event of its own (the
    next summit its spokesperson speaks of, with hosts and places the page never states)."""
    press = {
        id(m) for s in sentences for m in s.mentions if m.type == "Event" and press_session(m.name)
    }
    if not press:
        return candidates
    for s in sentences:
        s.mentions[:] = [m for m in s.mentions if id(m) not in press]
    return [c for c in candidates if id(c.source) not in press and id(c.target) not in press]


def past_press_session(sentences: list[Sentence], own: Mention | None) -> Mention | None:
    """The event a page's other name forms are read against: its own, but on a transcript
    titled by its press conference ("Regular Press Conference") the first event it speaks of
    ("will travel to Kazan for the 16th BRICS Summit"), whose city-named form ("the Kazan
    summit") is then that event; the press session still keeps other events from being the
    page's own for the relation rules (drop_press_sessions)."""
    if own is None or not press_session(own.name):
        return own
    events = (m for s in sentences for m in s.mentions if m.type == "Event")
    return next((m for m in events if "other" not in m.props and not press_session(m.name)), None)


def strip_lead_phrase(name: str) -> str:
    """ "Sidelines of G20 Foreign Ministers' Meeting" → "G20 Foreign Ministers' Meeting"."""
    folded = fold(name)
    for lead in _words().lead_phrases:
        if folded.startswith(lead):
            words = name.split()
            return " ".join(words[len(lead.split()) :])
    return name


def _core(name: str) -> str:
    """The folded name without office-holders' words: "G20 Leaders' Summit" → "g20 summit"."""
    core = f" {fold(name)} "
    for words in _words().holder_words:
        core = core.replace(f" {words} ", " ")
    return " ".join(core.split())


def _fits(short: Mention, long: Mention) -> bool:
    """Whether the short title names the longer event: its words end the other's name, or
    both are one name once office-holders' words are left out."""
    a, b = fold(short.name).split(), fold(long.name).split()
    if not a or not b or a == b or a[-1] != b[-1]:
        return False
    if 2 <= len(a) < len(b) and b[-len(a) :] == a:
        return True
    return _core(short.name) == _core(long.name)


def join_short_titles(events: list[Mention]) -> None:
    """A title-case event with no key (no ordinal, no body, no year read) takes the name and
    key of the one other event of the document it is a short title of; when two fit, of the
    one written before it (a short title points back: "held a Summit Meeting" after the
    title "Japan-Ukraine Summit Meeting", before a related link to another); none else."""
    for m in events:
        if m.type == "Event" and m.source == "title-event":
            short = strip_lead_phrase(m.name)
            if short and short != m.name:
                m.name = short
    for m in [m for m in events if m.source == "title-event" and not m.key]:
        fitting = {
            (o.key or fold(o.name)): o
            for o in events
            if o is not m and o.source != "generic-event" and "other" not in o.props and _fits(m, o)
        }
        if len(fitting) > 1:
            fitting = {k: o for k, o in fitting.items() if _written_before(o, m, events)}
        if len(fitting) == 1:
            target = next(iter(fitting.values()))
            m.name, m.key = target.name, target.key


def _written_before(event: Mention, short: Mention, events: list[Mention]) -> bool:
    """Whether the event (any mention of its key or name) is written before the short title."""
    same = event.key or fold(event.name)
    return any((o.key or fold(o.name)) == same and o.start < short.start for o in events)


_IN = re.compile(r"\s+in\s+")


def place_forms(sentences: list[Sentence], text: str) -> None:
    """ "the G20 summit in Bali": the event's written form with the city after "in"."""
    for s in sentences:
        cities = {m.start: m for m in s.mentions if m.type == "City"}
        if not cities:
            continue
        for m in s.mentions:
            if m.type != "Event" or m.source == "generic-event":
                continue
            gap = _IN.match(text, m.end)
            city = cities.get(gap.end()) if gap else None
            if city is not None:
                m.props[PLACE_FORM] = re.sub(r"\s+", " ", text[m.start : city.end])
