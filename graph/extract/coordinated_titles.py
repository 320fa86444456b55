"""Two titles joined by "and" are two posts: "Crown Prince and Prime Minister", "Prime
Minister and Minister of Foreign Affairs", "the beneficial owner and a former director".

A conjunct counts as a title only when a role noun ends its run of words, alone or before
"of"/"for"/"to"/"in" ("Deputy Emergency Relief Coordinator", "Minister of Foreign Affairs"),
so a post named by a pair of fields stays one post: "Minister of Trade and Industry",
"Minister for Foreign Affairs and Regional Integration", "Commerce and General Affairs".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CONJUNCTION = re.compile(r"\s+(?:and|&)\s+")
# words before a title that are not the title's own ("a former director")
_LEAD = re.compile(r"^(?:(?:a|an|the)\s+)?", re.I)


class TitleSplitter:
    """Splits a role written as coordinated titles into its titles, in order."""

    def __init__(self, role_nouns: Iterable[str]) -> None:
        nouns = "|".join(re.escape(r) for r in sorted(set(role_nouns), key=len, reverse=True))
        # a run of up to four words whose last is a role noun, then the end or a preposition
        self._title = re.compile(
            rf"^(?:[\w’'-]+\s+){{0,4}}?(?:{nouns})(?:\s+(?:of|for|to|in)\b.*)?$", re.I | re.S
        )

    def split(self, role: str) -> list[str]:
        """["Crown Prince", "Prime Minister"] for "Crown Prince and Prime Minister"; the role
        itself, in a list of one, when it is one post."""
        parts = _CONJUNCTION.split(role.strip())
        if len(parts) < 2:
            return [role]
        titles = [_LEAD.sub("", p).strip(" ,") for p in parts]
        if not all(t and self._title.match(t) for t in titles):
            return [role]
        # the earlier titles end before any "of": "Minister of Trade and Head of Delegation"
        return [t[0].upper() + t[1:] for t in titles]
