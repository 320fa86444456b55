"""Cities named only inside a text's or a process's name: "the Paris Agreement", "the Vienna
Convention", "the Jeddah Declaration", "the Havana process". The gazetteer finds the city's
name, but the document speaks of the text (or the mediation), not of the place: such a
mention is no City. A city the document names elsewhere ("talks in Vienna") keeps those
mentions and stays a City (the gold's convention: "X occurs only inside those names, so no
City")."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.mentions import Mention


@cache
def _head_after() -> re.Pattern[str]:
    """A text's head right after the city's name ("[Paris] Agreement"); the name's own
    words end there, so "Paris Agreements" and "Luanda processes" count too."""
    heads = data_file("cities_in_text_names")["text_heads"]
    words = "|".join(sorted(map(re.escape, heads), key=len, reverse=True))
    return re.compile(rf"[ \t]+(?:{words})\b")


def cities_inside_text_names(mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions without the cities that open a text's or a process's name."""
    after = _head_after()
    return [m for m in mentions if m.type != "City" or not after.match(text, m.end)]
