"""Bodies named with the pair of states they join: "the India-Kuwait Joint Commission",
"the Egypt–Turkey High-Level Strategic Cooperation Council". The name pattern finds the
body's own words ("Joint Commission") after the gazetteer took the two states; one end
check puts the pair back into the body's name (its states, written inside it, are no
mentions there), and the body's words alone elsewhere in the document are that body when
only one pair names them. The joiners and member types are data
(data/paired_bodies.toml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graph.extract.data_files import data_file
from graph.extract.mentions import Mention
from graph.model import fold

PAIRED_BODY = "paired_body"  # the source of a body named with its pair


@dataclass(frozen=True)
class _PairData:
    joiners: frozenset[str]
    member_types: frozenset[str]


@cache
def _data() -> _PairData:
    raw = data_file("paired_bodies")
    return _PairData(frozenset(raw["joiners"]), frozenset(raw["member_types"]))


def bodies_named_with_their_pair(mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions with each paired body's name in full. The pair's own mentions stay,
    before the body (the dashed-pair cooperation rule reads them: "the India-Kuwait Joint
    Commission" is India's and Kuwait's); the body covers them."""
    data = _data()
    ordered = sorted(mentions, key=lambda m: m.start)
    full: dict[str, set[str]] = {}  # the body's own words, folded -> its full names
    for i, body in enumerate(ordered):
        if body.type != "Institution" or body.key or body.demonym:
            continue
        pair = _pair_before(ordered, i, text, data)
        if not pair:
            continue
        bare = body.name
        body.start = pair[0].start
        body.text = text[body.start : body.end]
        body.name = " ".join(body.text.split())
        body.source = PAIRED_BODY
        full.setdefault(fold(bare), set()).add(body.name)
    if not full:
        return mentions
    # the body after the pair it now opens with, where the rules read mentions in order
    mentions.sort(key=lambda m: (m.start, m.source == PAIRED_BODY))
    for m in mentions:
        names = full.get(fold(m.name)) if m.type == "Institution" and not m.key else None
        if names is not None and len(names) == 1:
            m.name = next(iter(names))  # "the Joint Commission" later: the one named in full
    return mentions


def _pair_before(
    ordered: list[Mention], i: int, text: str, data: _PairData
) -> list[Mention]:
    """The two (or more) names joined by dashes right before the body ("India-Kuwait "),
    one space from it, in its sentence; [] when the body has no such pair."""
    body = ordered[i]
    pair: list[Mention] = []
    j = i - 1
    gap = " "  # the space between the pair and the body
    end = body.start
    while j >= 0:
        m = ordered[j]
        if m.sent != body.sent or m.type not in data.member_types or m.demonym:
            break
        if text[m.end : end] != gap:
            break
        pair.insert(0, m)
        end, j = m.start, j - 1
        if end < 1 or text[end - 1] not in data.joiners:
            break
        gap = text[end - 1]
    if len(pair) < 2 or not any(m.type == "Country" for m in pair):
        return []
    if pair[0].start > 0 and text[pair[0].start - 1] in data.joiners:
        return []  # a longer chain than the mentions found: not read
    return pair
