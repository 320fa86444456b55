"""Decisions in, graph out: the curator checks a decision against the store, appends it to
the log, and re-applies the log to the documents it touches (their uncurated contributions,
kept by the store). Ingestion writes every document through `write_document`, so the log is
applied again on every ingest and re-ingest."""

from __future__ import annotations

from collections.abc import Iterable

from graph.blocking import name_keys, node_keys
from graph.curation.apply import curate, manual_document, manual_edge
from graph.curation.decisions import (
    AddPayload,
    AliasPayload,
    Decision,
    HidePayload,
    MergePayload,
    NodeRef,
    NotSamePayload,
    SplitPayload,
)
from graph.curation.validate import BatchState, check
from graph.model import Edge, GraphData, Node
from graph.schema import MENTIONS, Schema, load_schema
from graph.store.base import GraphStore


class CurationError(ValueError):
    """A decision that cannot be made; the message says why (the API answers 422)."""


class UnknownDecision(KeyError):
    """No decision in the log has that id."""


class Curator:
    def __init__(self, store: GraphStore, schema: Schema | None = None) -> None:
        self.store = store
        self.schema = schema or load_schema()
        self._log: list[Decision] | None = None
        self._apart_for: list[Decision] | None = None
        self._apart_cache: tuple[dict[str, str], set[frozenset[str]]] = ({}, set())

    # ---- the log ----
    def log(self) -> list[Decision]:
        self._log = [Decision.model_validate_json(r) for r in self.store.curation_records()]
        return self._log

    def _apart(self) -> tuple[dict[str, str], set[frozenset[str]]]:
        """The merge map and the pairs resolution must keep apart, for the log last read."""
        log = self._log if self._log is not None else self.log()
        if self._apart_for is not log:
            canon = canonical_map(log)
            pairs: set[frozenset[str]] = set()
            for d in log:
                p = d.payload
                if isinstance(p, NotSamePayload):
                    pairs.add(frozenset((canon.get(p.a, p.a), canon.get(p.b, p.b))))
                elif isinstance(p, SplitPayload):
                    group = [p.node, *p.part_ids]
                    pairs.update(frozenset((x, y)) for x in group for y in group if x != y)
            self._apart_cache, self._apart_for = (canon, pairs), log
        return self._apart_cache

    # ---- ingestion hooks ----
    def keep_apart(self, a: str, b: str) -> bool:
        """Resolution must not join these two ids: an analyst said they are not the same, or
        split one off the other, or merged one into the other. A merge is curation's to
        make: the merged actor's name is an alias of the kept one in the store, and a
        document read later would otherwise be resolved to the kept actor already, so its
        uncurated contribution would hold the merge and undoing it could not part them."""
        canon, pairs = self._apart()
        ca, cb = canon.get(a, a), canon.get(b, b)
        return frozenset((ca, cb)) in pairs or (ca == cb and a != b)

    def uncurated_index(self, index: list[Node], keys: set[str]) -> list[Node]:
        """The known actors a new document is resolved against, as the documents alone made
        them. Resolved against the curated graph, the document's uncurated contribution
        would take in a rename, an added alias or a merged actor's name (resolution keeps
        what it matched), and undoing that decision later could not take it out again.
        Actors no decision names are the same either way and pass as they are; merged-away,
        aliased and hidden actors come back from the documents when the keys they were
        known by when the decision was made meet the document's (`keys`)."""
        log = self.log()
        named: set[str] = set().union(*(d.node_refs() for d in log)) if log else set()
        if not named:
            return index
        present = {n.id for n in index}
        absent = {
            i
            for i, known in gone_actors(log).items()
            if i not in present and (known is None or known & keys)
        }
        raw = raw_nodes(self.store, (named & present) | absent)
        out = [n for n in index if n.id not in named]
        out += [n for i, n in sorted(raw.items()) if i in present or node_keys(n) & keys]
        return out

    def write_document(self, doc_id: str, contribution: GraphData) -> GraphData:
        """Keep the document's contribution as resolution made it, write it curated."""
        raw = GraphData(
            nodes=[n for n in contribution.nodes if n.id != doc_id], edges=contribution.edges
        )
        self.store.save_raw_contribution(doc_id, raw)
        log = self.log()
        curated = curate(contribution, log, self.schema)
        self.store.replace_document(doc_id, curated)
        self._sync_manual(log, {n.id for n in curated.nodes})
        return curated

    # ---- decisions ----
    def add(self, decisions: Iterable[Decision]) -> list[Decision]:
        """Check every decision (all or none are taken), append them, re-apply."""
        log = self.log()
        state = BatchState(self.store, self.schema, log)
        taken: list[Decision] = []
        for i, d in enumerate(decisions):
            try:
                taken.append(check(d, state))
            except ValueError as exc:
                where = f"decision {i + 1} ({d.kind})" if i or len(taken) else f"{d.kind}"
                raise CurationError(f"{where}: {exc}") from None
        if not taken:
            return []
        known = {d.id for d in log}
        ids_taken = [d.id for d in taken]
        dup = next((i for n, i in enumerate(ids_taken) if i in known or i in ids_taken[:n]), None)
        if dup:
            raise CurationError(f"decision id {dup!r} is given twice or already in the log")
        ids = component(set().union(*(d.node_refs() for d in taken)), log + taken)
        self._adopt(ids)
        self.store.add_curation_records(
            [(d.id, d.model_dump_json(exclude_none=True)) for d in taken]
        )
        self._rebuild(ids, log + taken)
        return taken

    def undo(self, decision_id: str) -> Decision:
        """Take a decision out of the log; the graph becomes what the log without it gives."""
        log = self.log()
        d = next((x for x in log if x.id == decision_id), None)
        if d is None:
            raise UnknownDecision(decision_id)
        ids = component(d.node_refs(), log)
        self.store.delete_curation_record(decision_id)
        if isinstance(d.payload, AddPayload):
            self.store.replace_document(manual_document(d.id), GraphData())
        rest = [x for x in log if x.id != decision_id]
        self._rebuild(ids, rest)
        return d

    def import_log(self, decisions: list[Decision]) -> int:
        """Append the decisions not in the log yet (by id), as they are, and re-apply."""
        known = {d.id for d in self.log()}
        new = [d for d in decisions if d.id not in known]
        if new:
            self.store.add_curation_records(
                [(d.id, d.model_dump_json(exclude_none=True)) for d in new]
            )
            full = self.log()
            ids = component(set().union(*(d.node_refs() for d in new)), full)
            self._adopt(ids)
            self._rebuild(ids, full)
        return len(new)

    # ---- re-application ----
    def _adopt(self, ids: set[str]) -> None:
        """Documents that came in without passing through curation (an imported graph, a
        store from before curation) get their part of the graph, as it stands, kept as
        their uncurated contribution: only those mentioning the decision's actors."""
        mentioning = {e.source for i in ids for e in self.store.node_edges(i) if e.type == MENTIONS}
        known = set(self.store.raw_documents_with(ids))
        for doc_id in sorted(mentioning - known):
            if not self.store.raw_contributions([doc_id]):
                self.store.save_raw_contribution(doc_id, contribution_in_graph(self.store, doc_id))

    def _rebuild(self, ids: set[str], log: list[Decision]) -> None:
        docs = self.store.raw_documents_with(ids)
        items: list[tuple[str, GraphData]] = []
        for doc_id, raw in self.store.raw_contributions(docs):
            doc_node = self.store.get_node(doc_id)
            if doc_node is None:  # deleted since: its contribution is stale
                continue
            whole = GraphData(nodes=[doc_node, *raw.nodes], edges=raw.edges)
            items.append((doc_id, curate(whole, log, self.schema)))
        if items:
            self.store.rewrite_documents(items)
        self._log = log
        touched = set(ids) | {n.id for _, c in items for n in c.nodes}
        self._sync_manual(log, touched)

    def _sync_manual(self, log: list[Decision], touched: set[str]) -> None:
        """Hand-made relations whose ends were just written are written again (a rewrite
        of an end drops the edges that pointed at it)."""
        for i, d in enumerate(log):
            p = d.payload
            if not isinstance(p, AddPayload):
                continue
            part = manual_edge(d, log[i + 1 :], self.schema)
            ends = {x for e in part.edges for x in (e.source, e.target)}
            if not (ends | {p.source, p.target}) & touched:
                continue
            present = all(self.store.get_node(x) is not None for x in ends)
            self.store.replace_document(
                manual_document(d.id), part if part.edges and present else GraphData()
            )


def contribution_in_graph(store: GraphStore, doc_id: str) -> GraphData:
    """What a document contributes to the graph as it stands: the actors it mentions and
    the edges with evidence read in it (that evidence only); the document node left out."""
    mentioned = {e.target for e in store.node_edges(doc_id) if e.type == MENTIONS}
    edges: dict[str, Edge] = {}
    for node_id in sorted(mentioned):
        for e in store.node_edges(node_id):
            evidence = [ev for ev in e.evidence if ev.document == doc_id]
            if evidence and e.id not in edges:
                edges[e.id] = e.model_copy(update={"evidence": evidence})
    ids = {x for e in edges.values() for x in (e.source, e.target)} - {doc_id}
    nodes = [n for n in (store.get_node(i) for i in sorted(ids)) if n is not None]
    return GraphData(nodes=nodes, edges=list(edges.values()))


def gone_actors(log: list[Decision]) -> dict[str, set[str] | None]:
    """The actors the log takes out of the curated graph (merged away, joined by an alias,
    hidden), each with the blocking keys it was known by when the decision was made (None:
    a decision from before these were kept; always read back)."""
    out: dict[str, set[str] | None] = {}

    def keys_of(ref: NodeRef | None, names: list[str] | None = None) -> set[str] | None:
        if ref is None:
            return None
        forms = names if names is not None else [ref.name, *ref.aliases]
        return set().union(*(name_keys(ref.type, f) for f in forms))

    for d in log:
        p = d.payload
        if isinstance(p, MergePayload):
            out[p.source] = keys_of(p.source_node)
        elif isinstance(p, AliasPayload) and p.alias_id:
            out[p.alias_id] = keys_of(p.node_ref, [p.alias])
        elif isinstance(p, HidePayload) and p.node:
            out[p.node] = keys_of(p.node_ref)
    return out


def raw_nodes(store: GraphStore, ids: set[str]) -> dict[str, Node]:
    """The nodes with these ids as the documents' uncurated contributions give them, joined
    as the store joins a node written by several documents (the newer's properties win,
    aliases unite)."""
    out: dict[str, Node] = {}
    if not ids:
        return out
    for _, raw in store.raw_contributions(store.raw_documents_with(ids)):
        for n in raw.nodes:
            if n.id not in ids:
                continue
            old = out.get(n.id)
            if old is None:
                out[n.id] = n
                continue
            joined = {**old.model_dump(), **n.model_dump()}
            joined["aliases"] = sorted((set(old.aliases) | set(n.aliases)) - {joined["name"]})
            out[n.id] = Node.model_validate(joined)
    return out


def joins(log: list[Decision]) -> list[tuple[str, str]]:
    """(id that goes, id it joins) for each merge, and each alias an actor's name joins."""
    out: list[tuple[str, str]] = []
    for d in log:
        p = d.payload
        if isinstance(p, MergePayload):
            out.append((p.source, p.target))
        elif isinstance(p, AliasPayload) and p.alias_id:
            out.append((p.alias_id, p.node))
    return out


def canonical_map(log: list[Decision]) -> dict[str, str]:
    """Each merged-away id → the id it lives on in (merges followed to their end)."""
    parent: dict[str, str] = dict(joins(log))
    out: dict[str, str] = {}
    for start in parent:
        seen = {start}
        at = parent[start]
        while at in parent and at not in seen:
            seen.add(at)
            at = parent[at]
        out[start] = at
    return out


def component(ids: set[str], log: list[Decision]) -> set[str]:
    """The ids joined to `ids` by merges in the log, either way: every document holding one
    of them changes when a decision about any of them does."""
    links: dict[str, set[str]] = {}
    for a, b in joins(log):
        links.setdefault(a, set()).add(b)
        links.setdefault(b, set()).add(a)
    out = set(ids)
    todo = list(ids)
    while todo:
        for nxt in links.get(todo.pop(), ()):
            if nxt not in out:
                out.add(nxt)
                todo.append(nxt)
    return out
