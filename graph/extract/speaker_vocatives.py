"""The speakers of a transcript called by their given name as they take and hand over the
floor: "PRESIDENT BIDEN: Thank you, Justin." thanks the speaker of the turn before
(Trudeau), "Joe, over to you." at the end of a turn hands it to the speaker of the next
(Biden). The model reads such a lone given name as a person or a body of its own, and the
document had one more actor than it names; the gazetteer and a full name elsewhere cannot
tell who "Joe" is, the turns can.

One end check on the turns ("LABEL IN CAPITALS: ...", each line opening one) whose label
holds a Person mention: a lone-word Person or body mention without an identity key that the
turn's opening thanks, or its closing hands the floor to, is the speaker next to it.
Cue words: data/speaker_vocatives.toml."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from functools import cache

from graph.extract.cue_words import phrase_alternatives
from graph.extract.data_files import data_file
from graph.extract.given_names import given_names_of_named_people
from graph.extract.mentions import Mention

# "PRESIDENT BIDEN: ", "QUESTION (Reuters): " at a line's start
_TURN = re.compile(r"^[ \t]*(?P<label>[A-Z][A-Z .'’-]{1,60})(?:\s*\([^)\n]{1,60}\))?:[ \t]*", re.M)
_NAME = r"[A-Z][a-z][\w'’-]*"  # a given name: "Joe", "Justin", "Jean-Yves"


@dataclass(frozen=True)
class _Turn:
    label_start: int
    body_start: int
    end: int
    speaker: str | None  # the name of the Person mention in the label


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The turn's thanks (at its start) and its hand-over (at its end)."""
    raw = data_file("speaker_vocatives")

    def words(key: str) -> str:
        return phrase_alternatives(raw[key])

    thanks = re.compile(
        rf"(?:well,\s+)?(?:{words('thanks')})(?:\s+very\s+much)?,\s+(?P<name>{_NAME})\s*[.!]",
        re.I,
    )
    hand = words("handovers")
    handover = re.compile(
        rf"(?:(?P<name>{_NAME}),\s+(?:{hand})|(?:{hand}),\s+(?P<name2>{_NAME}))\s*[.!]?$", re.I
    )
    return thanks, handover


def _turns(text: str, people: list[Mention]) -> list[_Turn]:
    labels = list(_TURN.finditer(text))
    turns = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(text)
        speaker = next(
            (p.name for p in people if m.start("label") <= p.start and p.end <= m.end("label")),
            None,
        )
        turns.append(_Turn(m.start(), m.end(), end, speaker))
    return turns


def _rename(mentions: list[Mention], start: int, end: int, speaker: str | None) -> None:
    if speaker is None:
        return
    for m in mentions:
        at = m.start == start and m.end == end
        if at and m.type in ("Person", "Institution") and not m.key and " " not in m.name:
            m.type, m.name = "Person", speaker


def speakers_called_by_name(mentions: list[Mention], text: str, titles: Set[str]) -> None:
    """Renames each thanked or handed-over given name to the speaker next to its turn, then
    (spoken text: people call each other by the given name) any other lone given name to
    the one person named in full with it (given_names.py; `titles`: role words and
    honorifics, lower case)."""
    if ":" not in text:
        return
    people = [m for m in mentions if m.type == "Person"]
    turns = _turns(text, people)
    if len(turns) < 2:
        return
    thanks, handover = _cues()
    for before, turn, after in zip([None, *turns], turns, [*turns[1:], None], strict=False):
        opening = thanks.match(text, turn.body_start, turn.end)
        if opening and before is not None:
            _rename(mentions, opening.start("name"), opening.end("name"), before.speaker)
        closing = handover.search(text[turn.body_start : turn.end].rstrip())
        if closing and after is not None:
            group = "name" if closing.group("name") else "name2"
            s, e = (turn.body_start + closing.start(group), turn.body_start + closing.end(group))
            _rename(mentions, s, e, after.speaker)
    given_names_of_named_people(mentions, text, titles)
