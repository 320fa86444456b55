"""Traversals of the embedded store that read only what they touch: incident edges by the
source/target indexes, one breadth-first level at a time. They give the answers of
graph/query.py (`neighbourhood`, `k_shortest_paths`) on the same graph; the contract suite
compares them on both stores and tests/contract/test_sqlite_semantics.py with query.py."""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import TypeAdapter

from graph.edge_summary import (
    SUMMARY,
    EvidenceMode,
    capped,
    strongest_edges,
    summarised,
    undated_documents,
)
from graph.model import Edge, Evidence, GraphData, Node, truncation
from graph.query import MAX_DEPTH, MAX_NODES, GraphFilter, GraphPath, PathAvoid, enumerate_paths
from graph.schema import DOCUMENT, MENTIONS

CACHE_ITEMS = 50_000  # parsed edges (and nodes) kept between reads of the same version
BATCH = 256
M = TypeVar("M")  # what a cache holds: parsed edges, nodes, documents' dates
PATH_BUDGET = 50_000  # nodes a path search may expand; beyond it longer paths are not sought
EDGE_LIST = TypeAdapter(list[Edge])
NODE_LIST = TypeAdapter(list[Node])


def ids_param(ids: Iterable[str]) -> str:
    return json.dumps(list(ids))


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def evidence_of(conn: sqlite3.Connection, edge_ids: Iterable[str]) -> dict[str, list[str]]:
    """Per edge, its evidence items (JSON) in the order they arrived."""
    out: dict[str, list[str]] = defaultdict(list)
    for edge_id, data in conn.execute(
        "SELECT edge_id, data FROM evidence WHERE edge_id IN (SELECT value FROM json_each(?))"
        " ORDER BY seq",
        (ids_param(edge_ids),),
    ):
        out[edge_id].append(data)
    return out


def edge_from_json(data: str, evidence: list[str]) -> Edge:
    """An edge from its stored JSON object and its evidence items' JSON, parsed in one go
    by pydantic's JSON parser (much faster than json.loads and validating dicts)."""
    return Edge.model_validate_json(f'{data[:-1]}, "evidence": [{", ".join(evidence)}]}}')


def edges_from_json(rows: list[tuple[str, str]], evidence: dict[str, list[str]]) -> list[Edge]:
    """Edges from (id, stored JSON) rows and their evidence items' JSON, parsed as one JSON
    array in one call: a call per edge costs about twice as much (profile at 1M edges)."""
    items = (f'{data[:-1]}, "evidence": [{", ".join(evidence.get(i, []))}]}}' for i, data in rows)
    return EDGE_LIST.validate_json(f"[{','.join(items)}]")


class ParsedCache(Generic[M]):
    """Parsed nodes or edges of one store version: parsing is most of what a read costs,
    and the hubs are in most answers. Entries are tagged with the version they were read
    at and only served to reads of that same version, so a write (of any process) makes
    them unreachable; past `capacity` items the cache starts over."""

    def __init__(self, capacity: int = CACHE_ITEMS) -> None:
        self.capacity = capacity
        self.version = -1
        self.items: dict[str, M] = {}
        self._lock = threading.Lock()

    def lookup(self, version: int, ids: Iterable[str]) -> dict[str, M]:
        with self._lock:
            if version != self.version:
                return {}
            return {i: self.items[i] for i in ids if i in self.items}

    def keep(self, version: int, items: dict[str, M]) -> None:
        with self._lock:
            if version < self.version:
                return
            if version > self.version or len(self.items) + len(items) > self.capacity:
                self.items = {}
                self.version = version
            self.items.update(items)


@dataclass
class Reading:
    """A read transaction's connection, the store version it sees and the caches."""

    conn: sqlite3.Connection
    version: int
    edges: ParsedCache[Edge]
    nodes: ParsedCache[Node]
    summaries: ParsedCache[Edge]  # edges with their summary, no evidence
    dates: ParsedCache[str | None]  # documents' dates (the date rule)


def load_nodes(rd: Reading, ids: list[str]) -> list[Node]:
    """The nodes (those that exist), ordered by id."""
    found = rd.nodes.lookup(rd.version, ids)
    missing = [i for i in ids if i not in found]
    if missing:
        rows = rd.conn.execute(
            "SELECT data FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
            (ids_param(missing),),
        ).fetchall()
        parsed = {n.id: n for n in NODE_LIST.validate_json(f"[{','.join(r[0] for r in rows)}]")}
        rd.nodes.keep(rd.version, parsed)
        found.update(parsed)
    return [found[i] for i in sorted(found)]


def load_edges(rd: Reading, ids: list[str]) -> list[Edge]:
    """Whole edges with their evidence, ordered by id."""
    found = rd.edges.lookup(rd.version, ids)
    missing = [i for i in ids if i not in found]
    if missing:
        evidence = evidence_of(rd.conn, missing)
        rows = rd.conn.execute(
            "SELECT id, data FROM edges WHERE id IN (SELECT value FROM json_each(?))",
            (ids_param(missing),),
        ).fetchall()
        parsed = {e.id: e for e in edges_from_json(rows, evidence)}
        rd.edges.keep(rd.version, parsed)
        found.update(parsed)
    return [found[i] for i in sorted(found)]


def all_edges(conn: sqlite3.Connection) -> list[Edge]:
    evidence: dict[str, list[str]] = defaultdict(list)
    for edge_id, data in conn.execute("SELECT edge_id, data FROM evidence ORDER BY seq"):
        evidence[edge_id].append(data)
    return [
        edge_from_json(data, evidence.get(edge_id, []))
        for edge_id, data in conn.execute("SELECT id, data FROM edges")
    ]


def incident_edges(rd: Reading, node_id: str) -> list[Edge]:
    conn = rd.conn
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM edges WHERE source = ?1 UNION SELECT id FROM edges WHERE target = ?1",
            (node_id,),
        )
    ]
    return load_edges(rd, ids)


def _relation_clause(flt: GraphFilter) -> tuple[str, list[str]]:
    """The part of keeps_edge that SQL can check by index: the relation types followed."""
    if flt.relations is not None:
        return " AND e.type IN (SELECT value FROM json_each(?))", [ids_param(flt.relations)]
    if not (flt.types and DOCUMENT in flt.types):
        return " AND e.type != ?", [MENTIONS]
    return "", []


def _needs_evidence(flt: GraphFilter) -> bool:
    return bool(
        flt.documents is not None or flt.min_confidence is not None or flt.since or flt.until
    )


def _incident(
    conn: sqlite3.Connection, nodes: list[str], flt: GraphFilter
) -> dict[str, list[tuple[str, str, str]]]:
    """Per node: (edge id, other end, other end's type) of the edges the filter keeps,
    ordered by edge id (the order query.neighbourhood walks them in). SQL checks the
    relation types (keeps_edge's first rules); keeps_edge itself runs only when the
    filter looks at evidence, on edges built just for it."""
    clause, args = _relation_clause(flt)
    sql = (
        "SELECT e.source, e.id, e.source, e.target, e.type, n.type FROM edges e"
        " JOIN nodes n ON n.id = e.target"
        f" WHERE e.source IN (SELECT value FROM json_each(?)){clause}"
        " UNION ALL SELECT e.target, e.id, e.source, e.target, e.type, n.type FROM edges e"
        " JOIN nodes n ON n.id = e.source"
        f" WHERE e.target IN (SELECT value FROM json_each(?)){clause}"
    )
    param = ids_param(nodes)
    rows = conn.execute(sql, [param, *args, param, *args]).fetchall()
    evidence: dict[str, list[str]] = {}
    if _needs_evidence(flt):
        evidence = evidence_of(conn, {r[1] for r in rows})
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    check = _needs_evidence(flt)
    for u, edge_id, source, target, rel_type, other_type in rows:
        if check:
            items = [Evidence.model_validate_json(ev) for ev in evidence.get(edge_id, [])]
            edge = Edge(id=edge_id, source=source, target=target, type=rel_type, evidence=items)
            if not flt.keeps_edge(edge):
                continue
        out[u].append((edge_id, target if source == u else source, other_type))
    for ties in out.values():
        ties.sort()
    return out


class SqlDocumentDates:
    """Documents' dates for the date rule, read by primary key when first asked for."""

    def __init__(self, conn: sqlite3.Connection, ids: Iterable[str] = ()) -> None:
        self.conn = conn
        self.known: dict[str, str | None] = {}
        for doc_id, date in conn.execute(
            "SELECT id, json_extract(data, '$.date') FROM nodes"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (ids_param(ids),),
        ):
            self.known[doc_id] = date

    def get(self, key: str, /) -> str | None:
        if key not in self.known:
            row = self.conn.execute(
                "SELECT json_extract(data, '$.date') FROM nodes WHERE id = ?", (key,)
            ).fetchone()
            self.known[key] = None if row is None else row[0]
        return self.known[key]


def neighbourhood(
    rd: Reading,
    seeds: list[str],
    depth: int,
    flt: GraphFilter,
    limit: int,
    evidence: EvidenceMode = "all",
    max_edges: int | None = None,
) -> GraphData:
    """query.neighbourhood over indexed lookups: breadth-first in either direction."""
    conn = rd.conn
    if flt.dated():
        flt = flt.with_document_dates(SqlDocumentDates(conn))
    depth = max(0, min(depth, MAX_DEPTH))
    limit = max(1, min(limit, MAX_NODES))
    present = {
        r[0]
        for r in conn.execute(
            "SELECT id FROM nodes WHERE id IN (SELECT value FROM json_each(?))", (ids_param(seeds),)
        )
    }
    kept_types: dict[str, bool] = {}  # keeps_node looks at the type only
    seen: dict[str, int] = {}
    for s in seeds:
        if s in present and len(seen) < limit:
            seen[s] = 0
    frontier = list(seen)
    stopped = False  # a node in reach was left out: the limit was reached
    for level in range(1, depth + 1):
        nxt: list[str] = []
        for chunk in _chunks(frontier, BATCH):
            if stopped:  # full, and known to leave a node out
                break
            incident = _incident(conn, chunk, flt)
            for u in chunk:
                for _, other, other_type in incident.get(u, []):
                    if other in seen:
                        continue
                    if other_type not in kept_types:
                        probe = Node.model_construct(id=other, type=other_type, name="", aliases=[])
                        kept_types[other_type] = flt.keeps_node(probe)
                    if not kept_types[other_type]:
                        continue
                    if len(seen) >= limit:
                        stopped = True
                        break
                    seen[other] = level
                    nxt.append(other)
        frontier = sorted(nxt)
    answer = induced(rd, list(seen), flt, evidence, max_edges)
    answer.truncated = truncation(answer.truncated, nodes=stopped)
    return answer


def induced(
    rd: Reading,
    ids: list[str],
    flt: GraphFilter,
    evidence: EvidenceMode = "all",
    max_edges: int | None = None,
) -> GraphData:
    """The nodes and the edges among them that the filter keeps (query.induced), with the
    evidence `evidence` asks for, at most `max_edges` of them (edge_summary.capped). A
    summary and the cap's counts come from SQL unless the filter reads the evidence anyway
    (documents, dates, confidence): then they are cut from the whole edges."""
    conn = rd.conn
    param = ids_param(ids)
    clause, args = _relation_clause(flt)
    ties = conn.execute(
        "SELECT e.id, e.source, e.target FROM edges e"
        " WHERE e.source IN (SELECT value FROM json_each(?))"
        f" AND e.target IN (SELECT value FROM json_each(?)){clause}",
        [param, param, *args],
    ).fetchall()
    edge_ids = [t[0] for t in ties]
    if not _needs_evidence(flt):
        if max_edges is not None and len(edge_ids) > max_edges:
            edge_ids = sorted(strongest_edges(_counted(conn, ties), max_edges))
        cut = truncation(None, len(ties) - len(edge_ids))
        if evidence != "all":
            edges = summary_edges(rd, edge_ids, evidence)
            return GraphData(nodes=load_nodes(rd, ids), edges=edges, truncated=cut)
        return GraphData(nodes=load_nodes(rd, ids), edges=load_edges(rd, edge_ids), truncated=cut)
    edges = [e for e in load_edges(rd, edge_ids) if flt.keeps_edge(e)]
    if flt.documents is not None:
        edges = [
            e.model_copy(
                update={"evidence": [v for v in e.evidence if v.document in flt.documents]}
            )
            for e in edges
        ]
    data = capped(GraphData(nodes=load_nodes(rd, ids), edges=edges), max_edges)
    if evidence == "all":
        return data
    return summarised(data, evidence, SqlDocumentDates(conn, undated_documents(data.edges)))


def _counted(
    conn: sqlite3.Connection, ties: list[tuple[str, str, str]]
) -> list[tuple[str, str, str, int]]:
    """(id, source, target, evidence count) of the ties, counted off the evidence index."""
    counts = dict(
        conn.execute(
            "SELECT edge_id, COUNT(*) FROM evidence"
            " WHERE edge_id IN (SELECT value FROM json_each(?)) GROUP BY edge_id",
            (ids_param(t[0] for t in ties),),
        ).fetchall()
    )
    return [(i, s, t, counts.get(i, 0)) for i, s, t in ties]


# Per edge, its evidence in figures, counted in SQL from the items' small JSON: the
# sentences' dates, and the documents of the undated items, whose dates the date rule
# takes (`document_dates`: a document's JSON may hold its whole text, never parsed here).
SUMMARY_SQL = """
SELECT edge_id, COUNT(*), COUNT(DISTINCT document), MAX(COALESCE(sure, 1.0)),
       MIN(date), MAX(date), json_group_array(DISTINCT CASE WHEN date IS NULL THEN document END)
FROM (SELECT edge_id, document, json_extract(data, '$.confidence') AS sure,
             NULLIF(json_extract(data, '$.date'), '') AS date
      FROM evidence WHERE edge_id IN (SELECT value FROM json_each(?)))
GROUP BY edge_id
"""
FIRST_SQL = """
SELECT edge_id, data FROM evidence WHERE seq IN (
    SELECT MIN(seq) FROM evidence WHERE edge_id IN (SELECT value FROM json_each(?))
    GROUP BY edge_id)
"""


def document_dates(rd: Reading, ids: Iterable[str]) -> dict[str, str | None]:
    """Documents' dates, kept per store version: an answer's evidence comes from a few
    documents, the same ones again and again."""
    wanted = set(ids)
    found = rd.dates.lookup(rd.version, wanted)
    missing = [i for i in wanted if i not in found]
    if missing:
        fresh = SqlDocumentDates(rd.conn, missing).known
        fresh.update({i: None for i in missing if i not in fresh})
        rd.dates.keep(rd.version, fresh)
        found.update(fresh)
    return found


def _summarised(rd: Reading, ids: list[str]) -> dict[str, Edge]:
    """The edges with their summaries and no evidence, parsed in one call."""
    param = ids_param(ids)
    counted = rd.conn.execute(SUMMARY_SQL, (param,)).fetchall()
    # per edge, the documents of its undated items ("[null]": none)
    per_edge = {
        row[0]: [d for d in json.loads(row[6]) if d] for row in counted if row[6] != "[null]"
    }
    dates = document_dates(rd, {d for docs in per_edge.values() for d in docs})
    summaries: dict[str, str] = {}
    for edge_id, n, docs, sure, first, last, _ in counted:
        days = [first, last] if first is not None else []
        if edge_id in per_edge:
            days += [d for d in map(dates.get, per_edge[edge_id]) if d]
        if days:
            first, last = min(days), max(days)
        summaries[edge_id] = (
            f'{{"evidence": {n}, "documents": {docs}, "confidence": {float(sure)!r}, '
            f'"first": {json.dumps(first)}, "last": {json.dumps(last)}}}'
        )
    rows = rd.conn.execute(
        "SELECT id, data FROM edges WHERE id IN (SELECT value FROM json_each(?))", (param,)
    ).fetchall()
    empty = '{"evidence": 0, "documents": 0, "confidence": 0.0, "first": null, "last": null}'
    parts = (f'{data[:-1]}, "{SUMMARY}": {summaries.get(i, empty)}}}' for i, data in rows)
    return {e.id: e for e in EDGE_LIST.validate_json(f"[{','.join(parts)}]")}


def summary_edges(rd: Reading, ids: list[str], evidence: EvidenceMode) -> list[Edge]:
    """The edges, ordered by id, each with its summary (and its first evidence item with
    `evidence="first"`), without parsing their evidence items' sentences."""
    found = rd.summaries.lookup(rd.version, ids)
    missing = [i for i in ids if i not in found]
    if missing:
        fresh = _summarised(rd, missing)
        rd.summaries.keep(rd.version, fresh)
        found.update(fresh)
    edges = [found[i] for i in sorted(found)]
    if evidence != "first":
        return edges
    firsts = {
        edge_id: Evidence.model_validate_json(data)
        for edge_id, data in rd.conn.execute(FIRST_SQL, (ids_param(ids),))
    }
    return [
        e.model_copy(update={"evidence": [firsts[e.id]]}) if e.id in firsts else e for e in edges
    ]


class _ActorAdjacency:
    """Actors (no documents) and the distinct actors they share a relation with (no
    mentions, no loops), fetched a level at a time and kept for the search."""

    def __init__(self, conn: sqlite3.Connection, avoid: PathAvoid, ends: set[str]) -> None:
        self.conn = conn
        self.known: dict[str, list[str]] = {}
        self.avoid = avoid
        self.ends = ends
        self.skip = ids_param(sorted(avoid.relations | {MENTIONS}))
        self.blocked_cache: dict[str, bool] = {}

    def blocked(self, nodes: list[str]) -> set[str]:
        """The nodes a path may not pass through: avoided ones and hubs (degree counted
        in batches, once per node)."""
        todo = [n for n in nodes if n not in self.blocked_cache]
        for n in todo:
            self.blocked_cache[n] = n not in self.ends and n in self.avoid.nodes
        if self.avoid.max_degree is not None:
            for chunk in _chunks([n for n in todo if not self.blocked_cache[n]], BATCH):
                for node, degree in self.conn.execute(
                    "SELECT n, COUNT(*) FROM (SELECT source AS n FROM edges"
                    " WHERE source IN (SELECT value FROM json_each(?1)) AND type != ?2"
                    " UNION ALL SELECT target FROM edges WHERE target IN"
                    " (SELECT value FROM json_each(?1)) AND type != ?2 AND source != target)"
                    " GROUP BY n",
                    (ids_param(chunk), MENTIONS),
                ):
                    if node not in self.ends and degree > self.avoid.max_degree:
                        self.blocked_cache[node] = True
        return {n for n in nodes if self.blocked_cache[n]}

    def fetch(self, nodes: Iterable[str]) -> None:
        missing = [n for n in nodes if n not in self.known]
        for chunk in _chunks(missing, BATCH):
            found: dict[str, set[str]] = {n: set() for n in chunk}
            for u, v in self.conn.execute(
                "SELECT e.source, e.target FROM edges e JOIN nodes n ON n.id = e.target"
                " WHERE e.source IN (SELECT value FROM json_each(?1))"
                " AND e.type NOT IN (SELECT value FROM json_each(?2))"
                " AND n.type != ?3 AND e.source != e.target"
                " UNION ALL SELECT e.target, e.source FROM edges e JOIN nodes n ON n.id = e.source"
                " WHERE e.target IN (SELECT value FROM json_each(?1))"
                " AND e.type NOT IN (SELECT value FROM json_each(?2))"
                " AND n.type != ?3 AND e.source != e.target",
                (ids_param(chunk), self.skip, DOCUMENT),
            ):
                found[u].add(v)
            for u, vs in found.items():
                self.known[u] = sorted(vs)

    def __getitem__(self, node: str) -> list[str]:
        if node not in self.known:
            self.fetch([node])
        return self.known[node]

    def distances(self, start: str, radius: int, within: set[str] | None = None) -> dict[str, int]:
        """Breadth-first distances from `start` up to `radius` (inside `within` if given)."""
        dist = {start: 0}
        frontier = [start]
        for level in range(1, radius + 1):
            if not frontier or len(self.known) > PATH_BUDGET:
                break
            self.fetch(frontier)
            nxt = []
            for u in frontier:
                for v in self.known[u]:
                    if v not in dist and (within is None or v in within):
                        dist[v] = level
                        nxt.append(v)
            gone = self.blocked(nxt)
            for v in gone:
                del dist[v]
            frontier = [v for v in nxt if v not in gone]
        return dist


def shortest_paths(
    rd: Reading,
    source: str,
    target: str,
    max_length: int,
    k: int,
    avoid: PathAvoid | None = None,
) -> list[GraphPath]:
    """query.k_shortest_paths from a bidirectional search: the actors within ⌈L/2⌉ of the
    source and ⌊L/2⌋ of the target hold every path of length ≤ L, and distances to the
    target measured inside them are exact for every actor such a path passes."""
    conn = rd.conn
    if source == target or k < 1 or max_length < 1:
        return []
    types = dict(
        conn.execute("SELECT id, type FROM nodes WHERE id IN (?, ?)", (source, target)).fetchall()
    )
    if types.get(source, DOCUMENT) == DOCUMENT or types.get(target, DOCUMENT) == DOCUMENT:
        return []
    avoid = avoid or PathAvoid()
    adj = _ActorAdjacency(conn, avoid, {source, target})
    near_target = adj.distances(target, max_length // 2)
    within = set(near_target) | set(adj.distances(source, math.ceil(max_length / 2)))
    to_target = adj.distances(target, max_length, within)
    if source not in to_target:
        return []
    found = enumerate_paths(adj, source, target, to_target, max_length, k)
    return [GraphPath(nodes=p, edges=_step_edges(rd, p, adj.skip)) for p in found]


def _step_edges(rd: Reading, path: list[str], skip: str) -> list[Edge]:
    """For each step, the edge with the most evidence between the two (then smallest id)."""
    conn = rd.conn
    chosen = []
    for a, b in zip(path, path[1:], strict=False):
        row = conn.execute(
            "SELECT e.id, (SELECT COUNT(*) FROM evidence v WHERE v.edge_id = e.id) AS n"
            " FROM edges e WHERE ((e.source = ?1 AND e.target = ?2)"
            " OR (e.source = ?2 AND e.target = ?1))"
            " AND e.type NOT IN (SELECT value FROM json_each(?3))"
            " ORDER BY n DESC, e.id LIMIT 1",
            (a, b, skip),
        ).fetchone()
        chosen.append(row[0])
    by_id = {e.id: e for e in load_edges(rd, chosen)}
    return [by_id[i] for i in chosen]
