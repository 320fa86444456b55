"""HOLDS_ROLE of names coordinated after a plural title: "the Alfa Group founders X and Y",
"the foreign ministers of **Estonia** (X), **Latvia** (Y) and **Lithuania** (Z)".

Each name holds the title in the singular: in the body named right before the title, or
in the country whose brackets hold the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import ORG_TYPES, Candidate, Sentence

# names joined in a list: "X, Y and Z", "X and Y"
_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")
_SPACE = re.compile(r"\s*")
# a body's name right before the title: "Alfa Group founders", "the EU's foreign ministers"
_OWNED = re.compile(r"(?:['’]s?)?\s+$")
# a name in brackets after its country, the country perhaps in bold: "**Latvia** (X)"
_BRACKET_OPEN = re.compile(r"[*_]*\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_BOLD = re.compile(r"[\s*_]*")
# between one bracketed name and the next country: ", **", " and **"
_LIST_GAP = re.compile(r"[\s*_]*(?:,\s*(?:and\s+)?|and\s+)[\s*_]*")


def _title_case(title: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in title.split())


class PluralHolders:
    """Finds names listed after a plural title and the body each holds the title in."""

    def __init__(self, role_nouns: Iterable[str], tenure_words: str) -> None:
        plurals = {f"{n}s": n for n in role_nouns if not n.endswith("s")}
        self.singular = plurals
        alternatives = "|".join(re.escape(p) for p in sorted(plurals, key=len, reverse=True))
        self.plural_rx = re.compile(rf"\b(?:({tenure_words})\s+)?({alternatives})\b", re.I)

    def after_body(self, text: str, s: Sentence) -> list[Candidate]:
        """ "the Alfa Group founders Mikhail Fridman and Petr Aven": two or more names
        right after a plural title, the body's name right before it."""
        lo = s.span.start_char
        found: list[Candidate] = []
        for m in self.plural_rx.finditer(text, lo, s.span.end_char):
            body = next(
                (
                    o
                    for o in s.mentions
                    if o.type in ORG_TYPES
                    and o.end <= m.start()
                    and _OWNED.fullmatch(text, o.end, m.start())
                ),
                None,
            )
            names = _listed_names(text, m.end(), s)
            if body is None or len(names) < 2:
                continue
            role = _title_case(self.singular[m.group(2).lower()])
            if m.group(1):
                role = f"{m.group(1).capitalize()} {role}"
            found += [
                Candidate("HOLDS_ROLE", p, body, s.index, role, "plural-title", 0.7)
                for p in names
            ]
        return found


def _listed_names(text: str, at: int, s: Sentence) -> list[Mention]:
    """The person names listed from `at` on ("X, Y and Z"), each joined to the one before
    by a comma or "and" only."""
    people = sorted(
        (m for m in s.mentions if m.type == "Person" and m.start >= at), key=lambda m: m.start
    )
    names: list[Mention] = []
    pos = at
    for p in people:
        if not (_JOINT if names else _SPACE).fullmatch(text, pos, p.start):
            break
        names.append(p)
        pos = p.end
    return names


def bracketed_holders(
    text: str, start: int, end: int, s: Sentence, role: str
) -> list[Candidate]:
    """ "the foreign ministers of **Estonia** (X), **Latvia** (Y) and **Lithuania** (Z)":
    from `start` (after "of"), countries each followed by a name in brackets; each name
    holds the role in its country. Two such pairs at least."""
    found: list[Candidate] = []
    pos = start
    countries = sorted(
        (m for m in s.mentions if m.type == "Country" and start <= m.start < end),
        key=lambda m: m.start,
    )
    for c in countries:
        if not (_LIST_GAP if found else _BOLD).fullmatch(text, pos, c.start):
            break
        opened = _BRACKET_OPEN.match(text, c.end)
        person = next(
            (q for q in s.mentions if q.type == "Person" and opened and q.start == opened.end()),
            None,
        )
        closed = _BRACKET_CLOSE.match(text, person.end) if person else None
        if person is None or closed is None:
            break
        found.append(Candidate("HOLDS_ROLE", person, c, s.index, role, "title-list", 0.7))
        pos = closed.end()
    return found if len(found) >= 2 else []
