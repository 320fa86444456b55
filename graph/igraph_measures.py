"""Louvain communities and betweenness in igraph's compiled core, over the actor graph
that graph.analytics builds with networkx.

Why: at 1M ties networkx's Louvain (pure Python) ran for more than 48 minutes and its
sampled betweenness for minutes, holding the interpreter lock the whole time, so every
page request of the same process waited behind them. igraph does the same work in C.
networkx stays the graph every other measure and the snapshot read.

igraph's C core is not thread-safe and its random numbers come from one global
generator: every call here runs under _LOCK with a generator seeded for that call, so
the answers are the same on every run and in any thread.
"""

from __future__ import annotations

import random
import threading

import igraph as ig
import networkx as nx

_LOCK = threading.Lock()


def to_igraph(g: nx.Graph) -> tuple[ig.Graph, list[str]]:
    """The undirected weighted igraph twin of `g` and its actor ids by vertex index
    (networkx's node order, so a seeded sample picks the same actors in both)."""
    ids = list(g)
    index = {u: i for i, u in enumerate(ids)}
    edges = [(index[u], index[v]) for u, v in g.edges()]
    twin = ig.Graph(n=len(ids), edges=edges, directed=False)
    twin.es["weight"] = [w for _, _, w in g.edges(data="weight", default=1)]
    return twin, ids


def louvain(g: nx.Graph, seed: int) -> list[set[str]]:
    """Louvain (igraph's multilevel, modularity resolution 1, the level of best
    modularity) over the ties' weights."""
    twin, ids = to_igraph(g)
    with _LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            membership = twin.community_multilevel(weights="weight").membership
        finally:
            ig.set_random_number_generator(random)  # igraph's default generator
    groups: dict[int, set[str]] = {}
    for i, group in enumerate(membership):
        groups.setdefault(group, set()).add(ids[i])
    return list(groups.values())


def betweenness(g: nx.Graph, k: int | None, seed: int) -> dict[str, float]:
    """Betweenness of unweighted shortest paths, normalised as networkx's
    betweenness_centrality(g, k, normalized=True, seed=seed) normalises it: exact when `k`
    is None; else from the k source actors networkx's own seeded sample would pick
    (`random.Random(seed).sample`), so the estimates agree with networkx's up to rounding."""
    n = g.number_of_nodes()
    twin, ids = to_igraph(g)
    # the positions networkx's sample of the same node list takes (sample draws by index)
    sources = None if k is None else random.Random(seed).sample(range(n), k)
    with _LOCK:
        raw = twin.betweenness(directed=False, sources=sources)
    if n <= 2:
        return dict.fromkeys(ids, 0.0)
    # igraph counts each pair once on an undirected graph (a sampled source's pairs
    # halved); networkx sums ordered pairs (s, t), hence the 2
    if k is None or sources is None:
        scale = 2.0 / ((n - 1) * (n - 2))
        return {u: b * scale for u, b in zip(ids, raw, strict=True)}
    sampled = {ids[i] for i in sources}
    of_source = 2.0 / ((k - 1) * (n - 2)) if k > 1 else float("nan")
    of_other = 2.0 / (k * (n - 2))
    return {u: b * (of_source if u in sampled else of_other) for u, b in zip(ids, raw, strict=True)}
