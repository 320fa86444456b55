"""A body's two-word name without the matter it works on: "the Core Group" after "Core Group
on Sri Lanka", "the Contact Group" after "Contact Group on Libya", "the Supreme Court"
after "Supreme Court of Justice". The prefix join
(resolve.institution_contains) wants three words, since two ("Supreme Court", "Security
Council") are shared by too many bodies across documents; inside one document, after a
link word that opens the body's matter, the two words name that body again."""

from __future__ import annotations

from functools import cache

from graph.extract.data_files import data_file
from graph.extract.tables import load_rules
from graph.model import fold


@cache
def _links() -> frozenset[str]:
    return frozenset(data_file("topic_bodies")["links"])


def topic_prefix(short: str, long: str) -> bool:
    """ "Core Group" of "Core Group on Sri Lanka": two words that open the long name, then a
    link word ("on", "for", "of") and the matter. Not an organ named after the matter ("Working
    Group on Haiti Committee"): the long name must not end in an organ's head."""
    s, lg = fold(short).split(), fold(long).split()
    if len(s) != 2 or len(lg) < 4 or lg[:2] != s or lg[2] not in _links():
        return False
    return lg[-1] not in load_rules().part_heads
