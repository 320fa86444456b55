"""Two bodies of one state are no partners of each other: "cooperation between the
Australian Border Force, the Australian Federal Police and their Fijian counterparts", "the
Federal Department of Economic Affairs acted in agreement with the Federal Department of
Foreign Affairs". A partnership rule reads every pair of a list or of a "with" phrase; the
pairs inside one government are dropped here, once, for every rule (data/
same_state_partners.toml)."""

from __future__ import annotations

from functools import cache

from graph.extract.data_files import data_file
from graph.extract.masthead_home import state_of_body_name
from graph.extract.mentions import Mention
from graph.extract.relation_rules.context import Candidate, DocumentContext, Sentence
from graph.extract.tables import Gazetteer, Rules


@cache
def _data() -> tuple[frozenset[str], frozenset[str]]:
    raw = data_file("same_state_partners")
    return frozenset(raw["home_organ_heads"]), frozenset(raw["home_organ_openers"])


def same_state_partners(candidates: list[Candidate], ctx: DocumentContext) -> list[Candidate]:
    """The candidates without the COOPERATES_WITH of two bodies whose state is one."""
    by_index = {s.index: s for s in ctx.sentences}
    kept = []
    for c in candidates:
        s = by_index.get(c.sent)
        if c.type == "COOPERATES_WITH" and s is not None:
            home = ctx.home.name if ctx.home else None
            a = body_state(c.source, s, ctx.gaz, ctx.rules, home)
            if a is not None and a == body_state(c.target, s, ctx.gaz, ctx.rules, home):
                continue
        kept.append(c)
    return kept


def body_state(
    m: Mention, s: Sentence, gaz: Gazetteer, rules: Rules, home: str | None
) -> str | None:
    """The state a body is an organ of, by its name, else (a ministry named bare) the
    document's home when the sentence names no other country; None for a state itself, a
    body of no state ("the African Union") or one whose state the text does not give."""
    if m.type != "Institution":
        return None
    tail = state_of_body_name(m.name, gaz)
    if tail is not None:
        return tail.name
    words = m.name.split()
    for k in (2, 1):
        first = " ".join(words[:k])
        place = gaz.lookup(first) if len(words) > k else None
        place = place or (gaz.demonyms.get(first) if len(words) > k else None)
        if place is not None and place.type == "Country":
            return place.name if rules.state_body_heads & set(words[k:]) else None
    heads, openers = _data()
    bare = words[1:] if words and words[0] in openers else words
    if home is None or len(bare) < 3 or bare[0] not in heads or bare[1] != "of":
        return None
    foreign = any(x.type == "Country" and x.name != home for x in s.mentions)
    return None if foreign else home
