"""One state's organ under two names in one document: "Swiss Federal Department of Foreign
Affairs" and "the Swiss foreign ministry" (read as "Ministry of Foreign Affairs of
Switzerland"); "the Ministry of Foreign Affairs" and "the Foreign Office" of a Pakistani
briefing. Two bodies named as organs (a ministry, a department, an office) of one
portfolio ("foreign") and one state (the state their name says, or the document's home
when it says none) are one body, when no third body of that state and portfolio makes it
unclear which."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from graph.extract.data_files import data_file
from graph.model import fold

if TYPE_CHECKING:
    from graph.resolve import Cluster

StateOf = Callable[[str], "str | None"]
Score = Callable[[str, str], float]


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    raw = data_file("cross_document_names")
    return frozenset(raw["portfolio_heads"]), frozenset(raw["portfolio_fillers"])


def portfolio(name: str, state_words: set[str]) -> frozenset[str] | None:
    """ "foreign" of "Ministry of Foreign Affairs of Japan", "Foreign Office", "Swiss
    Federal Department of Foreign Affairs"; None for a name that is no organ's."""
    heads, fillers = _words()
    words = name.split()
    if not heads & set(words):
        return None
    rest = frozenset(fold(w) for w in words if fold(w) not in fillers) - state_words
    return rest or None


def join_state_organs(
    items: list[Cluster], state_of: StateOf, home: str | None, score: Score
) -> None:
    """Joins each pair of a state's organs of one portfolio written two ways (see above),
    into the body named by its own name rather than the one read from a common noun
    ("state-organ")."""
    groups: dict[tuple[str, frozenset[str]], list[Cluster]] = {}
    for c in items:
        if c.type != "Institution" or not c.mentions:
            continue
        state = state_of(c.name) or home
        key = portfolio(c.name, _state_words(c.name, state, state_of)) if state else None
        if state and key:
            groups.setdefault((state, key), []).append(c)
    for (state, _), group in groups.items():
        if len(group) != 2:
            continue
        read = [c for c in group if all(m.source == "state-organ" for m in c.mentions)]
        target = next((c for c in group if c not in read), group[0])
        other = group[1] if target is group[0] else group[0]
        target.mentions += other.mentions
        alike = score(other.name, target.name)
        target.rules.add(f"one organ of {state}: {other.name} → {target.name} ({alike:.2f})")
        other.mentions = []


def _state_words(name: str, state: str | None, state_of: StateOf) -> set[str]:
    """The words of a name that say its state, left out of its portfolio: the words of the
    state's name ("japan" of "... of Japan") and a first word naming a state ("Swiss")."""
    out = set(fold(state or "").split())
    words = name.split()
    if words and state_of(words[0]) is not None:
        out.add(fold(words[0]))
    return out
