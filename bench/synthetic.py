"""Seeded synthetic graphs in the interchange format, for the scale benchmarks.

Shape (issue 11): about one node per ten edges, one evidence item per edge. A tenth of the
nodes are documents; every entity is mentioned by at least one document; edge ends follow
the schema's allowed endpoint types; entities are picked with a Zipf-like skew, so there
are hubs (a few actors on thousands of edges) as in a real news corpus. Names are made of
syllables, so search has prefixes, typos and shared words to work on. The same (edges,
seed) always gives the same graph.

    python -m bench.synthetic 100000 > graph-100k.json
"""

from __future__ import annotations

import itertools
import random
import sys
from collections.abc import Sequence

from graph.model import Edge, Evidence, GraphData, Node, edge_id, node_id
from graph.schema import DOCUMENT, MENTIONS, load_schema

SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "na",
    "vel",
    "to",
    "sa",
    "lin",
    "gor",
    "ber",
    "an",
    "dre",
    "mo",
    "ri",
    "sta",
    "nov",
    "ev",
    "ich",
    "ma",
    "du",
    "ar",
    "te",
    "po",
    "lu",
    "zi",
    "han",
    "sen",
    "fe",
    "li",
    "ox",
    "us",
    "ra",
    "bel",
    "tin",
    "dor",
]
ENTITY_SHARE = {"Person": 40, "Institution": 20, "Event": 15, "City": 12, "Country": 5, "Region": 8}
MENTION_SHARE = 0.4  # of the edges; the rest are relations between entities
SKEW = 0.8  # Zipf exponent of how often an entity is picked


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _name(rng: random.Random, node_type: str) -> str:
    if node_type == "Person":
        return f"{_word(rng)} {_word(rng)}"
    if node_type == "Institution":
        return rng.choice(["Ministry of", "Bank of", "Council of", "Agency for"]) + f" {_word(rng)}"
    if node_type == "Event":
        return f"{_word(rng)} {rng.choice(['Summit', 'Forum', 'Talks'])} {rng.randint(2000, 2025)}"
    return _word(rng)


class _Picker:
    """Entities of one type, the first ones far more often than the last."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.ids = list(ids)
        self.cum = list(itertools.accumulate(1.0 / (i + 1) ** SKEW for i in range(len(ids))))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.ids, cum_weights=self.cum)[0]


def generate(edges: int, seed: int = 11) -> GraphData:
    rng = random.Random(seed)
    schema = load_schema()
    n_docs = max(1, edges // 100)
    n_entities = max(len(ENTITY_SHARE), edges // 10 - n_docs)
    docs = [
        Node(id=f"doc:{i:07d}", type=DOCUMENT, name=f"Article {i}", chars=8000, sha256=f"{i:064x}")
        for i in range(n_docs)
    ]
    nodes: list[Node] = list(docs)
    by_type: dict[str, list[str]] = {}
    total = sum(ENTITY_SHARE.values())
    for node_type, share in ENTITY_SHARE.items():
        for _ in range(max(1, n_entities * share // total)):
            name = _name(rng, node_type)
            nid = node_id(node_type, f"{name} {len(nodes)}")
            nodes.append(Node(id=nid, type=node_type, name=name))
            by_type.setdefault(node_type, []).append(nid)
    pickers = {t: _Picker(ids) for t, ids in by_type.items()}
    names = {n.id: n.name for n in nodes}
    out: dict[str, Edge] = {}

    def add(rel: str, source: str, target: str, doc: str) -> None:
        eid = edge_id(rel, source, target, schema.relation(rel).symmetric, None)
        if eid in out:
            return
        start = rng.randint(0, 7000)
        text = names[target] if rel == MENTIONS else None
        sentence = f"{names[source]} and {names[target]} ({rel.lower()}) in a synthetic sentence."
        date = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        evidence = Evidence(
            document=doc, sentence=sentence, start=start, end=start + 40, date=date, text=text
        )
        out[eid] = Edge(id=eid, source=source, target=target, type=rel, evidence=[evidence])

    entities = [n for n in nodes if n.type != DOCUMENT]
    for n in entities:  # every entity is mentioned somewhere
        doc = rng.choice(docs).id
        add(MENTIONS, doc, n.id, doc)
    mentions_wanted = int(edges * MENTION_SHARE)
    relations = [r for r in schema.relation_types if r != MENTIONS]
    while len(out) < edges:
        doc = rng.choice(docs).id
        if len(out) < mentions_wanted:
            add(MENTIONS, doc, pickers[rng.choice(list(pickers))].pick(rng), doc)
            continue
        rel = schema.relation(rng.choice(relations))
        sources = [t for t in rel.sources if t in pickers]
        targets = [t for t in rel.targets if t in pickers]
        source = pickers[rng.choice(sources)].pick(rng)
        target = pickers[rng.choice(targets)].pick(rng)
        if source != target:
            add(rel.name, source, target, doc)
    return GraphData(nodes=nodes, edges=list(out.values()))


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 11
    sys.stdout.write(generate(size, seed).model_dump_json(exclude_none=True))
