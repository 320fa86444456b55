"""The embedded store: the graph in memory (networkx for algorithms), persisted as one
interchange-format JSON file, written atomically (temp file, fsync, rename) under a lock,
so a crash mid-write leaves the previous file intact and two processes never interleave."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from graph.model import Edge, GraphData, Node
from graph.query import (
    GraphFilter,
    GraphPath,
    SearchHit,
    k_shortest_paths,
    neighbourhood,
    rank,
    to_networkx,
)
from graph.schema import DOCUMENT, MENTIONS
from graph.store.base import GraphStore, StoreError, StoreStats

GRAPH_FILE = "graph.json"


class MemoryStore(GraphStore):
    kind = "embedded"

    def __init__(self, data_dir: Path) -> None:
        self.dir = Path(data_dir)
        self.path = self.dir / GRAPH_FILE
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self._stamp: tuple[int, int] | None = None
        self._nx: nx.MultiDiGraph | None = None
        self._refresh()

    # ---- persistence ----
    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def _refresh(self) -> None:
        stamp = self._file_stamp()
        if stamp == self._stamp and (stamp is not None or not self.nodes):
            return
        self.nodes, self.edges = {}, {}
        if stamp is not None:
            try:
                data = GraphData.model_validate_json(self.path.read_bytes())
            except ValueError as exc:
                raise StoreError(f"{self.path} is not a valid actorgraph store: {exc}") from exc
            self.nodes = {n.id: n for n in data.nodes}
            self.edges = {e.id: e for e in data.edges}
        self._stamp = stamp
        self._nx = None

    def _save(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        payload = self._snapshot().model_dump_json(exclude_none=True).encode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".json", dir=self.dir)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._stamp = self._file_stamp()
        self._nx = None

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Lock, pick up other processes' writes, apply, save; on error keep the old state."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._refresh()
            before = (dict(self.nodes), dict(self.edges))
            try:
                yield
                self._save()
            except BaseException:
                self.nodes, self.edges = before
                self._nx = None
                raise

    def _graph(self) -> nx.MultiDiGraph:
        self._refresh()
        if self._nx is None:
            self._nx = to_networkx(
                GraphData(nodes=list(self.nodes.values()), edges=list(self.edges.values()))
            )
        return self._nx

    # ---- writes ----
    def document_fingerprint(self, doc_id: str) -> str | None:
        self._refresh()
        node = self.nodes.get(doc_id)
        return None if node is None else node.properties.get("sha256")

    def replace_document(self, doc_id: str, contribution: GraphData) -> None:
        with self._writing():
            self._remove(doc_id)
            self._merge(contribution)

    def delete_document(self, doc_id: str) -> bool:
        self._refresh()
        if doc_id not in self.nodes:
            return False
        with self._writing():
            self._remove(doc_id)
        return True

    def import_graph(self, data: GraphData) -> None:
        with self._writing():
            self._merge(data)

    def clear(self) -> None:
        with self._writing():
            self.nodes, self.edges = {}, {}

    def _remove(self, doc_id: str) -> None:
        touched: set[str] = set()
        for eid, edge in list(self.edges.items()):
            if not any(ev.document == doc_id for ev in edge.evidence):
                continue
            touched.update((edge.source, edge.target))
            kept = [ev for ev in edge.evidence if ev.document != doc_id]
            if kept:
                self.edges[eid] = edge.model_copy(update={"evidence": kept})
            else:
                del self.edges[eid]
        self.nodes.pop(doc_id, None)
        mentioned = {e.target for e in self.edges.values() if e.type == MENTIONS}
        for nid in touched:
            node = self.nodes.get(nid)
            if node is not None and node.type != DOCUMENT and nid not in mentioned:
                del self.nodes[nid]
        for eid, edge in list(self.edges.items()):
            if edge.source not in self.nodes or edge.target not in self.nodes:
                del self.edges[eid]

    def _merge(self, data: GraphData) -> None:
        for node in data.nodes:
            old = self.nodes.get(node.id)
            if old is None:
                self.nodes[node.id] = node
                continue
            merged = {**old.model_dump(), **node.model_dump()}
            merged["aliases"] = sorted((set(old.aliases) | set(node.aliases)) - {merged["name"]})
            self.nodes[node.id] = Node.model_validate(merged)
        for edge in data.edges:
            if edge.source not in self.nodes or edge.target not in self.nodes:
                raise StoreError(f"edge {edge.id} points at a node that is not in the graph")
            old_edge = self.edges.get(edge.id)
            if old_edge is None:
                self.edges[edge.id] = edge
                continue
            keys = {ev.key() for ev in old_edge.evidence}
            evidence = old_edge.evidence + [ev for ev in edge.evidence if ev.key() not in keys]
            merged = {**old_edge.model_dump(), **edge.model_dump(), "evidence": evidence}
            self.edges[edge.id] = Edge.model_validate(merged)

    # ---- reads ----
    def stats(self) -> StoreStats:
        self._refresh()
        by_type = Counter(n.type for n in self.nodes.values())
        return StoreStats(
            nodes=len(self.nodes),
            edges=len(self.edges),
            documents=by_type.get(DOCUMENT, 0),
            nodes_by_type=dict(sorted(by_type.items())),
            edges_by_type=dict(sorted(Counter(e.type for e in self.edges.values()).items())),
        )

    def get_node(self, node_id: str) -> Node | None:
        self._refresh()
        return self.nodes.get(node_id)

    def node_edges(self, node_id: str) -> list[Edge]:
        g = self._graph()
        if node_id not in g:
            return []
        found = {d["edge"].id: d["edge"] for _, _, d in g.out_edges(node_id, data=True)}
        found.update({d["edge"].id: d["edge"] for _, _, d in g.in_edges(node_id, data=True)})
        return [found[k] for k in sorted(found)]

    def entity_index(self) -> list[Node]:
        self._refresh()
        return [n for n in self.nodes.values() if n.type != DOCUMENT]

    def list_documents(self, limit: int = 100, offset: int = 0) -> list[Node]:
        self._refresh()
        docs = sorted((n for n in self.nodes.values() if n.type == DOCUMENT), key=lambda n: n.id)
        return docs[offset : offset + limit]

    def search(
        self, query: str, types: list[str] | None = None, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]:
        self._refresh()
        candidates = [n for n in self.nodes.values() if types is not None or n.type != DOCUMENT]
        hits = rank(query, candidates, types, limit, offset)
        g = self._graph()
        for h in hits:
            h.degree = (
                sum(1 for e in self.node_edges(h.node.id) if e.type != MENTIONS)
                if h.node.id in g
                else 0
            )
        return hits

    def subgraph(
        self, seeds: list[str], depth: int = 1, flt: GraphFilter | None = None, limit: int = 500
    ) -> GraphData:
        return neighbourhood(self._graph(), seeds, depth, flt or GraphFilter(), limit)

    def paths(self, source: str, target: str, max_length: int = 4, k: int = 3) -> list[GraphPath]:
        return k_shortest_paths(self._graph(), source, target, max_length, k)

    def export(self) -> GraphData:
        self._refresh()
        return self._snapshot()

    def _snapshot(self) -> GraphData:
        return GraphData(nodes=list(self.nodes.values()), edges=list(self.edges.values())).sorted()

    def __repr__(self) -> str:
        return f"MemoryStore({str(self.path)!r})"
