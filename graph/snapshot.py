"""Whole-graph work done once per store version, off the request path, in tiers.

A snapshot holds the actor graph of one store version with its measures and the overview
the home page and the explorer show without a focus: the OVERVIEW_NODES actors of highest
PageRank and the strongest relations among them (at most OVERVIEW_EDGES), never the whole
graph.

Tiers, because the measures differ by orders of magnitude in cost (1M ties, one core: the
first tier ≈ 10 s, sampled betweenness ≈ 10 s, Louvain ≈ 2 min, both in igraph): the first
tier (degree, PageRank, the overview) is published as soon as it is ready, so the home page
and the explorer answer; the LATER_METRICS follow one by one, each published when done.
A snapshot's `pending` names the measures not computed yet for its version.

`SnapshotCache` computes snapshots in one background thread, started by the first request.
Policy: a request after a write is answered at once from the previous snapshot, marked
stale, while the new one is computed; only when there is nothing to answer with (no
snapshot at all, or a measure never computed yet) does it wait, up to FIRST_WAIT_S, then
answers 503 (retry) while the work goes on. A measure the newest snapshot has not reached
yet is answered from the newest snapshot that has it, marked stale. With a store that
tells its version (GraphStore.version), the thread also checks every POLL_S seconds and
recomputes after writes of any process; a write's first tier comes before the later
measures of the version before it.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx
from pydantic import BaseModel, Field

from graph.analytics import (
    METRICS,
    AnalyticsResult,
    Community,
    community_list,
    membership,
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
MAX_CUTS = 16  # rankings cut down to node types a snapshot keeps for the next pages
POLL_S = 2.0
FIRST_WAIT_S = 60.0  # how long a request waits for what nothing can answer yet
FIRST_METRICS: tuple[str, ...] = ("degree", "pagerank")
# cheapest first: sampled betweenness is bounded work, Louvain grows with the graph
LATER_METRICS: tuple[str, ...] = ("betweenness", "communities")


class Overview(BaseModel):
    """The capped picture of the whole graph (JSON twin of the home page and /explore)."""

    version: int = Field(description="Store version the overview was computed on.")
    stale: bool = Field(description="The store changed since; a new overview is on its way.")
    pending: list[str] = Field(
        default_factory=list,
        description="Measures still being computed for this version (`communities` among "
        "them: the communities shown are the previous version's, or none yet).",
    )
    actors: int = Field(description="Actors in the whole graph.")
    ties: int = Field(description="Distinct ties between actors in the whole graph.")
    nodes: list[Node] = Field(description=f"At most {OVERVIEW_NODES} actors, by PageRank.")
    edges: list[Edge] = Field(description="The strongest relations among them (most evidence).")
    communities: list[Community] = Field(description="The largest communities (Louvain).")


class SnapshotPending(StoreUnavailable):
    """What a request needs of the snapshot is still being computed: a 503, retry later.
    The store itself is fine, so this must not mark it unreachable: that reopened the store,
    and with it came a new cache that started the whole computation again beside the
    running one, every minute (at 1M edges four computations ran side by side and none ever
    finished)."""

    def __init__(self, message: str, pending: list[str] | None = None) -> None:
        super().__init__(message)
        self.pending = pending or []


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
    # the overview's communities: this version's once computed, until then the previous one's
    communities: list[Community] = field(default_factory=list)
    # every community with all its members, built once (communities metric)
    all_communities: list[Community] = field(default_factory=list)
    member_of: dict[str, int] = field(default_factory=dict)  # actor → its community's index
    orders: dict[str, list[str]] = field(default_factory=dict)
    # rankings and communities cut down to some node types: (metric, types) → (order, comms)
    cuts: dict[tuple[str, frozenset[str]], tuple[list[str], list[Community] | None]] = field(
        default_factory=dict
    )
    pending: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)  # seconds per tier (benches)
    # actors and ties, counted once: networkx counts ties by walking every actor (90 ms at 1M)
    size: tuple[int, int] = (0, 0)

    def has(self, metric: str) -> bool:
        return metric in self.scores

    def result(
        self,
        metric: str,
        limit: int,
        offset: int,
        stale: bool,
        types: list[str] | None = None,
    ) -> AnalyticsResult:
        """One page of a measure's ranking; with `types`, of the actors of those types only,
        ranked by their measure over the whole graph."""
        groups = self.groups if metric == "communities" else None
        if metric not in self.orders:  # sorted once per snapshot, sliced per request
            self.orders[metric] = ranking(self.graph, self.scores[metric], groups)
        order, comms = self.orders[metric], self.all_communities if groups is not None else None
        if types is not None:
            order, comms = self._of_types(metric, frozenset(types))
        answer = ranked(
            self.graph,
            metric,
            self.scores[metric],
            groups,
            limit,
            offset,
            order,
            comms,
            self.member_of if groups is not None else {},
            self.size,
        )
        answer.version, answer.stale = self.version, stale
        answer.approximate = metric == "betweenness" and self.approximate
        return answer

    def _of_types(
        self, metric: str, types: frozenset[str]
    ) -> tuple[list[str], list[Community] | None]:
        """The ranking and communities cut down to actors of `types`: one pass over the
        ranking, then kept for the next pages (a few cuts at most)."""
        key = (metric, types)
        if key not in self.cuts:
            node = self.graph.nodes
            order = [n for n in self.orders[metric] if node[n]["type"] in types]
            comms = None
            if metric == "communities":
                cut = [
                    c.model_copy(
                        update={"members": [m for m in c.members if node[m]["type"] in types]}
                    )
                    for c in self.all_communities
                ]
                comms = [c for c in cut if c.members]
            for old in list(self.cuts)[: max(0, len(self.cuts) - MAX_CUTS + 1)]:
                self.cuts.pop(old, None)  # the oldest cuts; another request may drop one too
            self.cuts[key] = (order, comms)
        return self.cuts[key]

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
            pending=list(self.pending),
            actors=self.size[0],
            ties=self.size[1],
            nodes=data.nodes,
            edges=data.edges,
            communities=self.communities[:OVERVIEW_COMMUNITIES],
        )


def first_tier(store: GraphStore, version: int, previous: Snapshot | None = None) -> Snapshot:
    """The actor graph, degree, PageRank and the overview: what the home page and the
    explorer need. `previous`: the newest snapshot with communities, whose communities the
    overview shows until this version's are computed."""
    started = time.perf_counter()
    nodes, ties = store.actor_ties()
    g = ties_graph(nodes, ties)
    scores = {metric: scores_of(g, metric)[0] for metric in FIRST_METRICS}
    pr = scores["pagerank"]
    top = sorted(g.nodes, key=lambda n: (-pr[n], g.nodes[n]["name"].lower(), n))
    top = top[:OVERVIEW_NODES]
    around = store.subgraph(top, 0, GraphFilter(), OVERVIEW_NODES)
    strongest = sorted(around.edges, key=lambda e: (-len(e.evidence), e.id))[:OVERVIEW_EDGES]
    docs = sorted({ev.document for e in strongest for ev in e.evidence if not ev.date})
    dated = store.subgraph(docs, 0, GraphFilter(types=[DOCUMENT]), len(docs) or 1)
    return Snapshot(
        version=version,
        graph=g,
        scores=scores,
        groups=[],
        approximate=False,
        overview=GraphData(nodes=around.nodes, edges=sorted(strongest, key=lambda e: e.id)),
        document_dates={n.id: n.properties.get("date") for n in dated.nodes},
        communities=previous.communities if previous is not None else [],
        pending=tuple(m for m in LATER_METRICS if m not in FIRST_METRICS),
        seconds=time.perf_counter() - started,
        timings={"first tier": time.perf_counter() - started},
        size=(g.number_of_nodes(), g.number_of_edges()),
    )


def with_measure(snap: Snapshot, metric: str) -> Snapshot:
    """A copy of `snap` with one more measure computed (one of its `pending`)."""
    started = time.perf_counter()
    values, groups, approximate = scores_of(snap.graph, metric)
    update: dict = {
        "scores": {**snap.scores, metric: values},
        "orders": dict(snap.orders),
        "cuts": {},
        "pending": tuple(m for m in snap.pending if m != metric),
    }
    if metric == "betweenness":
        update["approximate"] = approximate
    if groups is not None:
        everyone = community_list(snap.graph, groups)
        update |= {
            "groups": groups,
            "all_communities": everyone,
            "member_of": membership(groups),
            "communities": [
                c.model_copy(update={"members": c.members[:COMMUNITY_MEMBERS]})
                for c in everyone[:OVERVIEW_COMMUNITIES]
            ],
        }
    spent = time.perf_counter() - started
    update["seconds"] = snap.seconds + spent
    update["timings"] = {**snap.timings, metric: spent}
    return dataclasses.replace(snap, **update)


def compute(store: GraphStore, version: int) -> Snapshot:
    """Every tier at once (benches and tests; the cache publishes each tier when ready)."""
    snap = first_tier(store, version)
    for metric in snap.pending:
        snap = with_measure(snap, metric)
    return snap


class SnapshotCache:
    """The latest snapshot of one store and the thread that keeps it current."""

    def __init__(self, store: GraphStore, poll_s: float | None = POLL_S) -> None:
        """poll_s: how often to look for writes (None: only when a request asks)."""
        self.store = store
        self._snapshot: Snapshot | None = None  # the newest, of any tier
        self._measured: dict[str, Snapshot] = {}  # per measure: the newest snapshot with it
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._fresh = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._reading = threading.Lock()  # held while the thread reads the store
        # a store without a version of its own changes "version" on every call: no polling
        self._poll_s = poll_s if type(store).version is not GraphStore.version else None

    def get(self, wait_s: float = FIRST_WAIT_S) -> tuple[Snapshot, bool]:
        """(snapshot, stale): the newest snapshot, of any tier. Waits only when there is
        none yet, at most `wait_s`; then SnapshotPending (a 503: retry), while the
        computation goes on."""
        return self._answer(lambda: self._snapshot, "the graph's overview and measures are", wait_s)

    def measured(self, metric: str, wait_s: float = FIRST_WAIT_S) -> tuple[Snapshot, bool]:
        """(snapshot, stale): the newest snapshot that has `metric`; stale also when it is
        an older version's than the newest snapshot's. Waits like `get`."""
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}; choose one of {', '.join(METRICS)}")
        return self._answer(lambda: self._measured.get(metric), f"the {metric} measure is", wait_s)

    def pending(self) -> list[str]:
        """Measures not computed yet for the newest snapshot's version."""
        snap = self._snapshot
        return list(snap.pending) if snap is not None else list(METRICS)

    def _answer(
        self, pick: Callable[[], Snapshot | None], what: str, wait_s: float
    ) -> tuple[Snapshot, bool]:
        version = self.store.version()
        with self._lock:
            snap, newest = pick(), self._snapshot
            if snap is not None and newest is not None:
                stale = snap.version != version or snap.version != newest.version
                if stale:
                    self._start()
                    self._wake.set()
                return snap, stale
            self._start()
            self._wake.set()
            if not self._fresh.wait_for(
                lambda: pick() is not None or self._error is not None, wait_s
            ):
                raise SnapshotPending(
                    f"{what} still being computed for the first time; retry in a minute",
                    self.pending(),
                )
            snap = pick()
            if snap is None:
                error, self._error = self._error, None
                raise StoreError(f"computing the graph's measures failed: {error}")
            return snap, snap.version != version

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._error = None  # a failed run's error was for the requests of that run
            self._thread = threading.Thread(target=self._run, name="snapshots", daemon=True)
            self._thread.start()

    def _publish(self, snap: Snapshot) -> None:
        # one thread publishes, in the order it computes: the last one is the newest
        with self._lock:
            self._snapshot = snap
            for metric in snap.scores:
                self._measured[metric] = snap
            self._fresh.notify_all()

    def _version(self) -> int | None:
        """The store's version, or None once the cache is closed (see `_reading`)."""
        with self._reading:
            return None if self._stop.is_set() else self.store.version()

    def _moved(self, snap: Snapshot) -> bool:
        """A write since `snap` (only looked at when polling: else the version is asked
        when a request comes)."""
        return self._poll_s is not None and self._version() not in (snap.version, None)

    def _first_tier(self) -> Snapshot | None:
        """A first tier when the store moved past the newest snapshot; None when not, or
        when the cache was closed."""
        with self._reading:
            version = None if self._stop.is_set() else self.store.version()
            snap = self._snapshot
            if version is None or (snap is not None and snap.version == version):
                return None
            return first_tier(self.store, version, self._measured.get("communities"))

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                snap = self._first_tier()
                if snap is not None:
                    self._publish(snap)
                snap = self._snapshot
                while snap and snap.pending and not self._stop.is_set() and not self._moved(snap):
                    snap = with_measure(snap, snap.pending[0])  # no store read: no lock
                    self._publish(snap)
            except Exception as exc:  # noqa: BLE001 - reported to the waiting request
                with self._lock:
                    self._error = exc
                    self._fresh.notify_all()
                return
            if snap is not None and self._moved(snap):  # a write came: its first tier next
                continue
            self._wake.wait(self._poll_s)
            self._wake.clear()

    def close(self) -> None:
        """Stop the thread; once this returns it reads the store no more, so the store
        may be closed (closing a SQLite connection another thread is reading through
        crashes the process)."""
        self._stop.set()
        self._wake.set()
        with self._reading:  # a store read under way ends first
            pass
