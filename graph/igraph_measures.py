"""Louvain communities and betweenness in igraph's compiled core, over the actor graph
that graph.analytics builds with networkx.

Why: at 1M ties networkx's Louvain (pure Python) ran for more than 48 minutes and its
sampled betweenness for minutes, holding the interpreter lock the whole time, so every
page request of the same process waited behind them. igraph does the same work in C.
networkx stays the graph every other measure and the snapshot read.

igraph holds the interpreter lock for the whole of a call (Louvain: ≈ 100 s at 1M ties on
this machine), which would stall every request of the server meanwhile; above APART_TIES
ties the call runs in a child process, fed the ties as numpy arrays (a copy of 24 MB at
1M ties, where pickling the networkx graph held the lock for seconds). Below, in this
process: a child's start (≈ 1 s) would cost more than the call.

igraph's C core is not thread-safe and its random numbers come from one global
generator: every call in this process runs under _LOCK with a generator seeded for that
call, so the answers are the same on every run, in any thread and in a child.
"""

from __future__ import annotations

import multiprocessing
import random
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np

APART_TIES = 200_000
_LOCK = threading.Lock()


def _arrays(g: nx.Graph) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Actor ids by vertex index (networkx's node order, so a seeded sample picks the same
    actors in both), the ties as an (m, 2) array of indexes and their weights."""
    ids = list(g)
    index = {u: i for i, u in enumerate(ids)}
    m = g.number_of_edges()
    ends = (index[x] for tie in g.edges() for x in tie)
    edges = np.fromiter(ends, dtype=np.int64, count=2 * m).reshape(m, 2)
    weights = np.fromiter(
        (w for _, _, w in g.edges(data="weight", default=1)), dtype=np.float64, count=m
    )
    return ids, edges, weights


def _membership(n: int, edges: np.ndarray, weights: np.ndarray, seed: int) -> list[int]:
    twin = ig.Graph(n=n, edges=edges, directed=False)
    twin.es["weight"] = weights.tolist()
    ig.set_random_number_generator(random.Random(seed))
    try:
        return list(twin.community_multilevel(weights="weight").membership)
    finally:
        ig.set_random_number_generator(random)  # igraph's default generator


def _betweenness(n: int, edges: np.ndarray, sources: list[int] | None) -> list[float]:
    twin = ig.Graph(n=n, edges=edges, directed=False)
    return list(twin.betweenness(directed=False, sources=sources))


def _call(fn: Callable[..., Any], apart: bool, *args: Any) -> Any:
    if not apart:
        with _LOCK:
            return fn(*args)
    # spawn, not fork: forking a process with running threads (the server's) can copy a
    # lock another thread holds
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        return child.submit(fn, *args).result()


def louvain(g: nx.Graph, seed: int, apart_ties: int = APART_TIES) -> list[set[str]]:
    """Louvain (igraph's multilevel, modularity resolution 1, the level of best
    modularity) over the ties' weights."""
    ids, edges, weights = _arrays(g)
    membership = _call(_membership, len(edges) > apart_ties, len(ids), edges, weights, seed)
    groups: dict[int, set[str]] = {}
    for i, group in enumerate(membership):
        groups.setdefault(group, set()).add(ids[i])
    return list(groups.values())


def betweenness(
    g: nx.Graph, k: int | None, seed: int, apart_ties: int = APART_TIES
) -> dict[str, float]:
    """Betweenness of unweighted shortest paths, normalised as networkx's
    betweenness_centrality(g, k, normalized=True, seed=seed) normalises it: exact when `k`
    is None; else from the k source actors networkx's own seeded sample would pick
    (`random.Random(seed).sample`), so the estimates agree with networkx's up to rounding."""
    ids, edges, _ = _arrays(g)
    n = len(ids)
    # the positions networkx's sample of the same node list takes (sample draws by index)
    sources = None if k is None else random.Random(seed).sample(range(n), k)
    raw = _call(_betweenness, len(edges) > apart_ties, n, edges, sources)
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
