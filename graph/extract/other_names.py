"""Another name a text gives an actor in passing: "Unit 74455, widely known as Sandworm",
"GRU Unit 26165, also tracked by industry as APT28 or Fancy Bear", "the IRGC, known in
Persian as ... or simply Sepah". One end check, read from rules.toml [names]
`other_name_cues` (the verbs of "known as"): the names right after the cue, in the same
sentence, are the actor's (a person's or a body's)."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.mentions import Mention

_TYPES = ("Person", "Institution")
_PLACES = ("Country", "City", "Region")
# "APT28 or Fancy Bear": a second name after the first one the cue gave
_NEXT = re.compile(r"\s*(?:,|\bor\b)\s*(?:(?:the|simply)\s+)?[\"“']?")


@cache
def _cue(verbs: frozenset[str]) -> re.Pattern[str]:
    """ ", widely known as ", ", also tracked by industry as ", " (known in Persian as "; after
    a name closed by an abbreviation's full stop, which the name leaves out ("Haleel
    Commodities L.L.C., also known as Haleel Group"), or by the bracket of its short form
    ("Northwind Maritime FZE (Northwind), a company formerly known as")."""
    words = "|".join(sorted(map(re.escape, verbs), key=len, reverse=True))
    return re.compile(
        rf"\.?\)?\s*[,(]\s*{_apposition()}(?:\w+\s+){{0,2}}(?:{words})\s+"
        r"(?:(?:by|in)\s+[\w-]+\s+)?as\s+"
        r"(?:(?:the|simply)\s+)?[\"“']?"
        r"(?:[\w-]+\s+or\s+)?"  # "as APT28 or Fancy Bear": a code the model found no name in
    )


@cache
def _apposition() -> str:
    """ "a UAE-registered company ", "an armed network ": an apposition of up to three words
    after the article, ending with an organisation's noun (data/other_names.toml), which
    describes the actor before it (optional)."""
    nouns = "|".join(map(re.escape, data_file("other_names")["descriptors"]))
    return rf"(?:(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}(?:{nouns})\s+)?"


def other_names_given(mentions: list[Mention], text: str, verbs: frozenset[str]) -> None:
    """Gives each name after the cue the actor's type and name."""
    if not verbs:
        return
    cue = _cue(verbs)
    ordered = sorted(mentions, key=lambda m: m.start)
    # a place inside an apposition ("a Dubai-registered company") stands between no names
    named = [m for m in ordered if m.type not in _PLACES]
    renamed: dict[str, tuple[str, str]] = {}  # the other name -> the actor's type and name
    given: set[int] = set()  # names the cue gave: the next one after "or" is the actor's too
    for actor, other in zip(named, named[1:], strict=False):
        if actor.type not in _TYPES or other.sent != actor.sent or other.key:
            continue
        between = text[actor.end : other.start]
        if cue.fullmatch(between) or id(actor) in given and _NEXT.fullmatch(between):
            renamed[other.name] = (actor.type, actor.name)
            other.type, other.name = actor.type, actor.name
            given.add(id(other))
    _same_name_elsewhere(ordered, renamed)


def _same_name_elsewhere(mentions: list[Mention], renamed: dict[str, tuple[str, str]]) -> None:
    """The other name, once given, names the actor wherever the text uses it again ("OFAC
    assesses that Haleel Group plays a central role")."""
    for m in mentions:
        if m.name in renamed and m.type in _TYPES and not m.key:
            m.type, m.name = renamed[m.name]
