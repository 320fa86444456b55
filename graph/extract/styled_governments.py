"""A state's government written by its style alone: "support the Federal Government",
"between the National Government and the Autonomous Bougainville Government". The name
says whose government it is only where the document writes it in full ("the Federal
Government of Somalia"): then the short form is that state. Without the full form the
style fits every federal (or any) state of the story, and a join to the wrong one is worse
than none: the short form is dropped, not a body of its own. The styles are rules.toml
[names] `government_styles`."""

from __future__ import annotations

import re
from functools import cache

from graph.extract.mentions import Mention


@cache
def _short_form(styles: frozenset[str]) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, styles)))
    return re.compile(rf"(?:[Tt]he\s+)?(?P<style>{words})\s+Government")


def governments_by_their_style(mentions: list[Mention], styles: frozenset[str]) -> list[Mention]:
    """Each short form becomes the one state the document names with that style in full, or
    is dropped."""
    if not styles:
        return mentions
    short = _short_form(styles)
    full: dict[str, set[str]] = {}  # style -> the states written "<style> Government of X"
    for m in mentions:
        if m.type == "Country":
            written = short.match(m.text)
            if written is not None and m.text[written.end() :].lstrip().startswith("of"):
                full.setdefault(written["style"], set()).add(m.name)
    out = []
    for m in mentions:
        written = short.fullmatch(m.name) if m.type == "Institution" and not m.key else None
        if written is None:
            out.append(m)
            continue
        states = full.get(written["style"], set())
        if len(states) == 1:
            m.type, m.name = "Country", next(iter(states))
            out.append(m)
    return out
