"""A forum the text shows to be a standing body, not a meeting (data/forum_bodies.toml).

"Forum" heads the names of meetings ("BRICS Business Forum") and of bodies alike ("Horn
Policy Forum", "Net-Zero Producers Forum"); the layers read a title-case name with it as an
Event. Where one mention of the name has a body's context, people working at it ("a
researcher at the X Forum", "Senior Fellow, X Forum"), states as its members ("membership in
the X Forum") or an apposition calling it a body ("X Forum, a Nairobi-based think tank"),
every mention of that name is the Institution: a meeting has no staff and no members. An
end check, after every layer: a byline's affiliation read as a person is retyped with it."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.model import fold

if TYPE_CHECKING:
    from graph.extract.mentions import Mention

_BEFORE = 60  # characters before a name where its staff or membership cue is written
_AFTER = 80  # characters after it where the apposition is


@cache
def _cues() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    raw = data_file("forum_bodies")
    staff = phrase_alternatives(raw["staff_words"])
    member = phrase_alternatives(raw["member_phrases"])
    kinds = phrase_alternatives(raw["body_kinds"])
    before = re.compile(
        rf"\b(?i:{staff})s?(?:\s+(?:at|of|with)\s+(?:the\s+)?|\s*,\s*)$"
        rf"|\b(?i:{member})\s+(?:the\s+)?$"
    )
    # the apposition closes at the first comma, stop or semicolon: no later clause is read
    after = re.compile(rf"\s*,\s+an?\s+[^,.;:\n]{{0,40}}?\b(?i:{kinds})\b")
    return frozenset(raw["heads"]), before, after


def _headed(m: Mention, heads: frozenset[str]) -> bool:
    """Whether the mention is an Event (or a person a byline read) named by a forum word."""
    return m.type in ("Event", "Person") and bool(heads & set(m.name.split()[1:]))


def _body_context(m: Mention, text: str) -> bool:
    _, before, after = _cues()
    head = text[max(0, m.start - _BEFORE) : m.start]
    return bool(before.search(head) or after.match(text, m.end, m.end + _AFTER))


def forums_that_are_bodies(mentions: list[Mention], text: str) -> None:
    """Retypes every mention of a forum's name as the Institution once one of its mentions
    is written in a body's context."""
    heads = _cues()[0]
    named = [m for m in mentions if _headed(m, heads)]
    bodies = {fold(m.name) for m in named if m.type == "Event" and _body_context(m, text)}
    for m in named:
        if fold(m.name) in bodies:
            m.type, m.key = "Institution", None
            m.props.pop("kind", None)


def bylines_naming_bodies(bylines: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """The byline's people without the body the text names as such: "By X, Senior Fellow,
    Caribbean Policy Forum" gives the author's affiliation after the name, no second
    author (the byline reader splits the line at commas). A body only the model's reading
    names (ner-org) may be a person it mislabels, and does not count."""
    bodies = {fold(m.name) for m in mentions if m.type == "Institution" and m.source != "ner-org"}
    return [b for b in bylines if fold(b.name) not in bodies]
