"""Whole-graph work done once per store version, off the request path.

A snapshot holds the actor graph of one store version with its measures (degree, PageRank,
betweenness, Louvain communities) and the overview the home page and the explorer show
without a focus: the OVERVIEW_NODES actors of highest PageRank and the strongest relations
among them (at most OVERVIEW_EDGES), never the whole graph.

`SnapshotCache` computes snapshots in one background thread, started by the first request.
Policy: a request after a write is answered at once from the previous snapshot, marked
stale, while the new one is computed; only when there is no snapshot at all (the first
request) does it wait, up to FIRST_WAIT_S, then answers 503 (retry) while the work goes on. With a store that tells its version (GraphStore.version), the thread
also checks every POLL_S seconds and recomputes after writes of any process.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import networkx as nx
from pydantic import BaseModel, Field

from graph.analytics import (
    METRICS,
    AnalyticsResult,
    Community,
    ranked,
    ranking,
    scores_of,
    ties_graph,
)
from graph.model import Edge, GraphData, Node
from graph.query import GraphFilter
from graph.schema import DOCUMENT
from graph.store.base import GraphStore, StoreError, StoreUnavailable

OVERVIEW_NODES = 300
OVERVIEW_EDGES = 1_500
OVERVIEW_COMMUNITIES = 12
COMMUNITY_MEMBERS = 10  # members an overview names per community (best-connected first)
POLL_S = 2.0
FIRST_WAIT_S = 60.0  # how long the very first request waits for the first snapshot


class Overview(BaseModel):
    """The capped picture of the whole graph (JSON twin of the home page and /explore)."""

    version: int = Field(description="Store version the overview was computed on.")
    stale: bool = Field(description="The store changed since; a new overview is on its way.")
    actors: int = Field(description="Actors in the whole graph.")
    ties: int = Field(description="Distinct ties between actors in the whole graph.")
    nodes: list[Node] = Field(description=f"At most {OVERVIEW_NODES} actors, by PageRank.")
    edges: list[Edge] = Field(description="The strongest relations among them (most evidence).")
    communities: list[Community] = Field(description="The largest communities (Louvain).")


class SnapshotPending(StoreUnavailable):
    """The first snapshot is still being computed: a 503, retry later. The store itself is
    fine, so this must not mark it unreachable: that reopened the store, and with it came a
    new cache that started the whole computation again beside the running one, every
    minute (at 1M edges four computations ran side by side and none ever finished)."""


@dataclass
class Snapshot:
    version: int
    graph: nx.Graph
    scores: dict[str, dict[str, float]]
    groups: list[list[str]]
    approximate: bool
    overview: GraphData
    # the date rule's second source for the overview's evidence: its documents' dates
    document_dates: dict[str, str | None] = field(default_factory=dict)
    seconds: float = 0.0
    communities: list[Community] = field(default_factory=list)
    orders: dict[str, list[str]] = field(default_factory=dict)

    def result(self, metric: str, limit: int, offset: int, stale: bool) -> AnalyticsResult:
        groups = self.groups if metric == "communities" else None
        if metric not in self.orders:  # sorted once per snapshot, sliced per request
            self.orders[metric] = ranking(self.graph, self.scores[metric], groups)
        answer = ranked(
            self.graph, metric, self.scores[metric], groups, limit, offset, self.orders[metric]
        )
        answer.version, answer.stale = self.version, stale
        answer.approximate = metric == "betweenness" and self.approximate
        return answer

    def view(self, flt: GraphFilter | None, stale: bool) -> Overview:
        data = self.overview
        if flt is not None and flt.dated():
            flt = flt.with_document_dates(self.document_dates)
        if flt is not None:
            keep = {n.id for n in data.nodes if flt.keeps_node(n)}
            edges = [
                e for e in data.edges if e.source in keep and e.target in keep and flt.keeps_edge(e)
            ]
            if flt.documents is not None:
                edges = [
                    e.model_copy(
                        update={"evidence": [v for v in e.evidence if v.document in flt.documents]}
                    )
                    for e in edges
                ]
            data = GraphData(nodes=[n for n in data.nodes if n.id in keep], edges=edges)
        return Overview(
            version=self.version,
            stale=stale,
            actors=self.graph.number_of_nodes(),
            ties=self.graph.number_of_edges(),
            nodes=data.nodes,
            edges=data.edges,
            communities=self.communities[:OVERVIEW_COMMUNITIES],
        )


def compute(store: GraphStore, version: int) -> Snapshot:
    started = time.perf_counter()
    nodes, ties = store.actor_ties()
    g = ties_graph(nodes, ties)
    scores: dict[str, dict[str, float]] = {}
    groups: list[list[str]] = []
    approximate = False
    for metric in METRICS:
        values, found, approx = scores_of(g, metric)
        scores[metric] = values
        groups = found if found is not None else groups
        approximate = approximate or approx
    pr = scores["pagerank"]
    top = sorted(g.nodes, key=lambda n: (-pr[n], g.nodes[n]["name"].lower(), n))
    top = top[:OVERVIEW_NODES]
    around = store.subgraph(top, 0, GraphFilter(), OVERVIEW_NODES)
    strongest = sorted(around.edges, key=lambda e: (-len(e.evidence), e.id))[:OVERVIEW_EDGES]
    docs = sorted({ev.document for e in strongest for ev in e.evidence if not ev.date})
    dated = store.subgraph(docs, 0, GraphFilter(types=[DOCUMENT]), len(docs) or 1)
    snap = Snapshot(
        version=version,
        graph=g,
        scores=scores,
        groups=groups,
        approximate=approximate,
        overview=GraphData(nodes=around.nodes, edges=sorted(strongest, key=lambda e: e.id)),
        document_dates={n.id: n.properties.get("date") for n in dated.nodes},
    )
    comms = snap.result("communities", 1, 0, False).communities or []
    snap.communities = [
        c.model_copy(update={"members": c.members[:COMMUNITY_MEMBERS]})
        for c in comms[:OVERVIEW_COMMUNITIES]
    ]
    snap.seconds = time.perf_counter() - started
    return snap


class SnapshotCache:
    """The latest snapshot of one store and the thread that keeps it current."""

    def __init__(self, store: GraphStore, poll_s: float | None = POLL_S) -> None:
        """poll_s: how often to look for writes (None: only when a request asks)."""
        self.store = store
        self._snapshot: Snapshot | None = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._fresh = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # a store without a version of its own changes "version" on every call: no polling
        self._poll_s = poll_s if type(store).version is not GraphStore.version else None

    def get(self, wait_s: float = FIRST_WAIT_S) -> tuple[Snapshot, bool]:
        """(snapshot, stale). Waits only when there is none yet, at most `wait_s`; then
        StoreUnavailable (a 503: retry), while the computation goes on."""
        version = self.store.version()
        with self._lock:
            snap = self._snapshot
            if snap is not None and snap.version == version:
                return snap, False
            self._start()
            self._wake.set()
            if snap is not None:
                return snap, True
            if not self._fresh.wait_for(
                lambda: self._snapshot is not None or self._error is not None, wait_s
            ):
                raise SnapshotPending(
                    "the graph's overview and measures are still being computed for the"
                    " first time; retry in a minute"
                )
            if self._snapshot is None:
                error, self._error = self._error, None
                raise StoreError(f"computing the graph's measures failed: {error}")
            return self._snapshot, self._snapshot.version != version

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="snapshots", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            version = self.store.version()
            current = self._snapshot
            if current is None or current.version != version:
                try:
                    snap = compute(self.store, version)
                except Exception as exc:  # noqa: BLE001 - reported to the waiting request
                    with self._lock:
                        self._error = exc
                        self._fresh.notify_all()
                    return
                with self._lock:
                    self._snapshot = snap
                    self._fresh.notify_all()
                if self._poll_s is not None:  # a write may have come meanwhile: look again
                    continue
            self._wake.wait(self._poll_s)
            self._wake.clear()

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
