"""A region's name that is no mention of the region: inside a unit's or programme's name
("Senior Fellow, Middle East Programme", "the Americas Program"), a portfolio ("Minister for
Europe"), or a compass word that is only the first word of a longer name ("the West Bank",
"the West Philippine Sea", "West African": "the West" alone is the region)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.portfolio_names import portfolio_after_for

if TYPE_CHECKING:
    from graph.extract.mentions import Mention
    from graph.extract.name_rules import NameRules

_ARTICLE = re.compile(r"\b[Tt]he\s+$")
_NAME_GOES_ON = re.compile(r"[ \t]*[-–]?[ \t]*[A-Z]")  # "the West Bank", "West-Africa"


def compass_word_in_name(text: str, start: int, end: int, compass: frozenset[str]) -> bool:
    """Whether a region written as a compass word ("West") is no region here: without its
    article, or a longer name goes on after it ("the West Bank", "West African")."""
    return text[start:end] in compass and (
        not _ARTICLE.search(text, max(0, start - 5), start) or bool(_NAME_GOES_ON.match(text, end))
    )


@cache
def _unit_after(heads: frozenset[str]) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, heads)))
    return re.compile(rf"[ \t]+(?:{words})\b")


def _not_the_region(m: Mention, text: str, rules: NameRules) -> bool:
    if m.type != "Region":
        return False
    if rules.region_unit_heads and _unit_after(rules.region_unit_heads).match(text, m.end):
        return True  # "Middle East Programme"
    return portfolio_after_for(text, m.start, rules.portfolio_roles)  # "Minister for Europe"


def regions_inside_names(mentions: list[Mention], text: str, rules: NameRules) -> list[Mention]:
    return [m for m in mentions if not _not_the_region(m, text, rules)]
