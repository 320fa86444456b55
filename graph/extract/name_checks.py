"""End checks that drop names which are no actors, whatever layer found them: a name cut
before its end, left ending on a connector ("the Chair of the Group of", "the Expoforum
Convention and"), and a territory that is neither a state, a city nor a multi-country region
("Gaza", "the West Bank"), read from rules.toml [names] `territories`."""

from __future__ import annotations

from graph.extract.mentions import Mention
from graph.model import fold

_KEPT_TYPES = ("Event",)  # events are named by their own layers


def _cut_at_a_connector(m: Mention, connectors: frozenset[str]) -> bool:
    """ "Chargé d'Affaires of" (the name went on past a line or a title), "Los Angeles
    Declaration on": no name of a body, place or person ends on "of", "and", "for"."""
    if m.key or m.type in _KEPT_TYPES:
        return False
    words = m.text.split()
    return len(words) > 1 and words[-1] in connectors


def drop_names_that_are_no_actors(
    mentions: list[Mention], connectors: frozenset[str], territories: frozenset[str]
) -> list[Mention]:
    return [
        m
        for m in mentions
        if not _cut_at_a_connector(m, connectors) and not {fold(m.text), fold(m.name)} & territories
    ]
