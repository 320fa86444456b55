"""One measure of a big actor graph computed in a child process.

networkx's betweenness and Louvain are pure Python: in the server's own process they hold
the interpreter lock for minutes at a million ties, and every page request waits behind
them (home p95 1.8 s at 1M while betweenness ran in the snapshot thread). A child process
has its own interpreter (and the second core, when there is one); the snapshot thread
only waits for its answer. The graph goes over as plain lists in the order of the
parent's graph, so the child builds the same graph and the seeded algorithms give the
same answer as in the parent.
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection
from typing import Any

import networkx as nx

from graph.analytics import scores_of

Measured = tuple[dict[str, float], list[list[str]] | None, bool]
POLL_S = 0.5


class Stopped(Exception):
    """The cache was closed while a measure was being computed: its child was ended."""


def _child(
    out: Connection, nodes: list[tuple[str, dict[str, Any]]], ties: list[Any], metric: str
) -> None:
    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from(ties)
    out.send(scores_of(g, metric))
    out.close()


def measure_apart(g: nx.Graph, metric: str, stop: threading.Event) -> Measured:
    """scores_of(g, metric) computed in a child process; Stopped when `stop` is set
    meanwhile (the child is ended), RuntimeError when the child dies without answering."""
    ctx = multiprocessing.get_context("spawn")  # no fork of a threaded server
    answer, out = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child,
        args=(out, list(g.nodes(data=True)), list(g.edges(data=True)), metric),
        name=f"measure-{metric}",
        daemon=True,
    )
    proc.start()
    out.close()
    try:
        while True:
            if stop.is_set():
                raise Stopped(metric)
            if answer.poll(POLL_S):
                break
            if not proc.is_alive() and not answer.poll(0):
                raise RuntimeError(f"the process computing {metric} ended with {proc.exitcode}")
        measured: Measured = answer.recv()
        return measured
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(10)
        answer.close()
