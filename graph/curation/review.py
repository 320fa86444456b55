"""Review queues: candidate duplicates (pairs the resolver almost joined) and noise.

Duplicates are found by blocking, never by comparing every pair: each actor gets the keys
of graph/blocking.py (name, surname, body prefix) plus review keys (each long word of its
name, its initials as an acronym), and only actors sharing a key are compared. A pair's
score adds up its reasons; pairs already marked not-same are left out.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from graph.blocking import name_tokens, node_keys
from graph.curation.decisions import Decision, NotSamePayload
from graph.extract.tables import name_particles
from graph.model import Node, fold
from graph.schema import MENTIONS
from graph.store.base import GraphStore

NOISE_FILE = Path(__file__).with_name("noise.toml")
MAX_BLOCK = 60  # a key shared by more actors than this says nothing about any pair
MIN_SCORE = 0.45
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "on", "in"})  # with name particles


@dataclass
class Candidate:
    a: Node
    b: Node
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class NoiseItem:
    node: Node
    degree: int
    mentions: int
    reasons: list[str] = field(default_factory=list)


@cache
def noise_words() -> tuple[frozenset[str], frozenset[str]]:
    raw = tomllib.loads(NOISE_FILE.read_text(encoding="utf-8"))
    return frozenset(raw["furniture"]), frozenset(raw["roles"])


def acronym(name: str) -> str:
    skip = ACRONYM_SKIP | name_particles()
    words = [w for w in fold(name).split() if w not in skip]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def review_keys(node: Node) -> set[str]:
    keys = set(node_keys(node))
    for name in [node.name, *node.aliases]:
        keys.update(f"t:{t}" for t in name_tokens(name) if len(t) >= 4)
        short = fold(name).replace(" ", "")
        if 2 <= len(short) <= 6 and " " not in fold(name):
            keys.add(f"a:{short}")
        if acr := acronym(name):
            keys.add(f"a:{acr}")
    return keys


def _similarity(a: Node, b: Node) -> float:
    names_a = {fold(x) for x in [a.name, *a.aliases]}
    names_b = {fold(x) for x in [b.name, *b.aliases]}
    return max(SequenceMatcher(None, x, y).ratio() for x in names_a for y in names_b)


def _score(a: Node, b: Node, neighbours: dict[str, set[str]]) -> Candidate:
    c = Candidate(a, b, 0.0)
    sim = _similarity(a, b)
    if sim >= 0.6:
        c.score += sim * 0.6
        c.reasons.append(f"similar names ({sim:.0%} after folding)")
    if a.type == b.type == "Person":
        ta, tb = name_tokens(a.name), name_tokens(b.name)
        if ta and tb and ta[-1] == tb[-1]:
            c.score += 0.25
            c.reasons.append(f"same surname ({ta[-1]})")
    acr_a, acr_b = acronym(a.name), acronym(b.name)
    fa, fb = fold(a.name).replace(" ", ""), fold(b.name).replace(" ", "")
    if (acr_a and acr_a == fb) or (acr_b and acr_b == fa):
        c.score += 0.5
        c.reasons.append("acronym and expansion")
    if a.type == b.type:
        c.score += 0.1
        c.reasons.append(f"same type ({a.type})")
    else:
        c.score -= 0.15
    shared = neighbours.get(a.id, set()) & neighbours.get(b.id, set())
    if shared:
        c.score += min(0.3, 0.1 * len(shared))
        c.reasons.append(f"{len(shared)} shared neighbour{'s' * (len(shared) > 1)}")
    c.score = round(min(c.score, 1.0), 3)
    return c


def duplicates(
    store: GraphStore,
    log: list[Decision],
    types: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[int, list[Candidate]]:
    """(total, one page) of candidate pairs, best first."""
    nodes = store.entity_index()
    by_id = {n.id: n for n in nodes}
    _, ties = store.actor_ties()
    neighbours: dict[str, set[str]] = defaultdict(set)
    for s, t, _type in ties:
        neighbours[s].add(t)
        neighbours[t].add(s)
    apart = {
        frozenset((d.payload.a, d.payload.b)) for d in log if isinstance(d.payload, NotSamePayload)
    }
    blocks: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        for key in review_keys(n):
            blocks[key].append(n.id)
    pairs: set[tuple[str, str]] = set()
    for ids in blocks.values():
        if 1 < len(ids) <= MAX_BLOCK:
            pairs.update((x, y) for i, x in enumerate(ids) for y in ids[i + 1 :])
    found = []
    for x, y in pairs:
        a, b = by_id[x], by_id[y]
        if types and a.type not in types and b.type not in types:
            continue
        if frozenset((x, y)) in apart:
            continue
        c = _score(a, b, neighbours)
        if c.score >= MIN_SCORE:
            found.append(c)
    found.sort(key=lambda c: (-c.score, c.a.id, c.b.id))
    return len(found), found[offset : offset + limit]


def _looks_like_noise(name: str) -> str | None:
    furniture, roles = noise_words()
    folded = fold(name)
    if folded in furniture:
        return "page furniture"
    if folded in roles:
        return "a role word, not a name"
    if not re.match(r"\w", name.strip()) or len(folded) <= 1:
        return "starts with a symbol or is too short"
    if folded.replace(" ", "").isdigit():
        return "a number"
    return None


def noise(
    store: GraphStore, types: list[str] | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[NoiseItem]]:
    """(total, one page) of actors that look like noise: no relation, one mention, or a
    name like furniture or a role word. Mentions are counted for the page only."""
    nodes, ties = store.actor_ties()
    degree: dict[str, int] = defaultdict(int)
    for s, t, _type in ties:
        degree[s] += 1
        degree[t] += 1
    items: list[tuple[int, str, str, list[str]]] = []
    for node_id, name, node_type in nodes:
        if types and node_type not in types:
            continue
        reasons = []
        if why := _looks_like_noise(name):
            reasons.append(why)
        if degree[node_id] == 0:
            reasons.append("no relation")
        if reasons:
            items.append((len(reasons), node_id, name, reasons))
    items.sort(key=lambda x: (-x[0], fold(x[2]), x[1]))
    page = []
    for _, node_id, _name, reasons in items[offset : offset + limit]:
        node = store.get_node(node_id)
        if node is None:
            continue
        mentions = sum(len(e.evidence) for e in store.node_edges(node_id) if e.type == MENTIONS)
        if mentions == 1:
            reasons = [*reasons, "one mention"]
        page.append(NoiseItem(node, degree[node_id], mentions, reasons))
    return len(items), page


@dataclass
class Card:
    """What an analyst needs to judge an actor: names, type, mentions, neighbours and a
    few sentences it was read in."""

    id: str
    type: str
    name: str
    aliases: list[str]
    mentions: int
    documents: int
    neighbours: list[dict[str, str]]
    evidence: list[str]


def card(store: GraphStore, node: Node, max_items: int = 6) -> Card:
    edges = store.node_edges(node.id)
    mentions = [ev for e in edges if e.type == MENTIONS for ev in e.evidence]
    others = [e for e in edges if e.type != MENTIONS]
    ids = list(dict.fromkeys(e.target if e.source == node.id else e.source for e in others))
    names = {n.id: n for n in (store.get_node(i) for i in ids[:max_items]) if n is not None}
    neighbours = [
        {"id": e.target if e.source == node.id else e.source, "relation": e.type} for e in others
    ]
    seen: set[str] = set()
    shown = []
    for nb in neighbours:
        if nb["id"] in names and nb["id"] not in seen:
            seen.add(nb["id"])
            shown.append({**nb, "name": names[nb["id"]].name, "type": names[nb["id"]].type})
    sentences = list(dict.fromkeys(ev.sentence for ev in mentions))[:3]
    return Card(
        id=node.id,
        type=node.type,
        name=node.name,
        aliases=list(node.aliases),
        mentions=len(mentions),
        documents=len({ev.document for ev in mentions}),
        neighbours=shown,
        evidence=sentences,
    )
