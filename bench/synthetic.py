"""A seeded synthetic actor graph in the interchange format, for the scale benchmarks.

About one actor per ten relations, one evidence item per relation (from one of about one
document per 200 relations), relation types and actor types drawn from the schema, names
made of syllables (so prefixes and typos find something), and endpoints drawn with a
preferential bias (a few hubs, many actors with a handful of ties), as in news networks.
Documents do not MENTION their actors here: the graph is the relations alone.

    .venv/bin/python bench/synthetic.py 100000 > /tmp/g100k.json
"""

from __future__ import annotations

import random
import sys

from graph.model import Edge, Evidence, GraphData, Node, edge_id, node_id

ACTOR_TYPES = ["Person"] * 5 + ["Institution"] * 3 + ["Country", "Event", "City", "Region"]
RELATIONS = ["MET_WITH", "COOPERATES_WITH", "SANCTIONED", "SPOKE_AT", "ATTENDED", "HOLDS_ROLE"]
SYLLABLES = [
    "ka", "lo", "mi", "ra", "ten", "vo", "su", "an", "dre", "be", "ni", "gor", "sha", "el",
    "tu", "mar", "fi", "os", "ze", "lin", "pa", "vek", "do", "ri",
]  # fmt: skip


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()


def generate(edges: int, seed: int = 7) -> GraphData:
    rng = random.Random(seed)
    n_actors = max(10, edges // 10)
    n_docs = max(1, edges // 200)
    docs = [
        Node(id=f"doc:{i:07d}", type="Document", name=f"Report {i}", sha256=f"{i:064x}")
        for i in range(n_docs)
    ]
    actors: list[Node] = []
    seen: set[str] = set()
    while len(actors) < n_actors:
        kind = rng.choice(ACTOR_TYPES)
        name = f"{_word(rng)} {_word(rng)}" if kind == "Person" else _word(rng)
        nid = node_id(kind, name)
        if nid not in seen:
            seen.add(nid)
            actors.append(Node(id=nid, type=kind, name=name))
    out: dict[str, Edge] = {}
    while len(out) < edges:
        # squaring a uniform draw favours low indexes: a few hubs, a long tail
        a = actors[int(rng.random() ** 2 * n_actors)]
        b = actors[rng.randrange(n_actors)]
        if a.id == b.id:
            continue
        rel = rng.choice(RELATIONS)
        eid = edge_id(rel, a.id, b.id, rel in ("MET_WITH", "COOPERATES_WITH"), None)
        if eid in out:
            continue
        doc = docs[rng.randrange(n_docs)]
        day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        start = rng.randrange(0, 5000)
        ev = Evidence(
            document=doc.id,
            sentence=f"{a.name} and {b.name} ({rel.lower()}).",
            start=start,
            end=start + 40,
            date=day,
            rule="synthetic",
            confidence=round(rng.uniform(0.5, 1.0), 2),
        )
        out[eid] = Edge(id=eid, source=a.id, target=b.id, type=rel, evidence=[ev])
    return GraphData(nodes=[*docs, *actors], edges=list(out.values()))


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    sys.stdout.write(generate(size).model_dump_json(exclude_none=True))
