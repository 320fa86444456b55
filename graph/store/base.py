"""The store interface. Both stores implement it and pass tests/contract/."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Self

from graph.blocking import node_keys
from graph.edge_summary import EdgeEvidence, EvidenceMode
from graph.model import Edge, GraphData, Node
from graph.query import DocumentDates, GraphFilter, GraphPath, PathAvoid, SearchHit
from graph.relations import RelationPage, RelationQuery, months, relation_page
from graph.schema import DOCUMENT, MENTIONS
from graph.views import SavedView

if TYPE_CHECKING:
    from graph.config import Settings


class StoreError(Exception):
    """The store cannot do what was asked (unreachable, refused, corrupt)."""


class StoreUnavailable(StoreError):
    """The store's server cannot be reached or refused our credentials."""


class QueryError(StoreError):
    """A user's query (the Cypher console) is wrong: syntax, a write, too slow. A 4xx, not
    a store failure; the message says what to change."""


@dataclass
class StoreStats:
    nodes: int
    edges: int
    documents: int
    nodes_by_type: dict[str, int] = field(default_factory=dict)
    edges_by_type: dict[str, int] = field(default_factory=dict)


class GraphStore(ABC):
    kind: str = "abstract"

    # ---- life cycle ----
    @classmethod
    @abstractmethod
    def from_settings(cls, settings: Settings) -> Self:
        """Open the store the settings describe (graph/store/registry.py calls it)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # on errors too: a driver's connections and a file's handles go

    def ensure_schema(self) -> None:  # noqa: B027 - optional for stores without a schema
        """Create constraints and indexes (idempotent)."""

    def close(self) -> None:  # noqa: B027
        """Release connections."""

    def version(self) -> int:
        """A number that changes with every write (any process): what caches of whole-graph
        work (analytics, overviews) are keyed by. The fallback changes on every call, so a
        store that cannot tell has nothing cached."""
        return time.monotonic_ns()

    # ---- writes ----
    @abstractmethod
    def document_fingerprint(self, doc_id: str) -> str | None:
        """The sha256 the document was last ingested with, or None if unknown."""

    @abstractmethod
    def replace_document(self, doc_id: str, contribution: GraphData) -> None:
        """Atomically replace everything `doc_id` contributed with `contribution`.

        Evidence from other documents is untouched; a node or edge left with no evidence
        from any document is removed. Applying the same contribution twice changes nothing.
        """

    @abstractmethod
    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and its contributions; False if it was not there."""

    @abstractmethod
    def import_graph(self, data: GraphData) -> None:
        """Merge an interchange-format graph: nodes and edges by id, evidence by key."""

    @abstractmethod
    def clear(self) -> None:
        """Remove everything."""

    # ---- reads ----
    @abstractmethod
    def stats(self) -> StoreStats: ...

    @abstractmethod
    def get_node(self, node_id: str) -> Node | None: ...

    @abstractmethod
    def node_edges(self, node_id: str) -> list[Edge]:
        """Every edge that touches the node, MENTIONS included."""

    @abstractmethod
    def entity_index(self) -> list[Node]:
        """Every non-document node: what resolution matches new mentions against."""

    def entity_candidates(self, keys: Collection[str]) -> list[Node]:
        """Entity nodes sharing at least one blocking key (graph/blocking.py) with `keys`.

        This fallback scans every entity; a store answers it from an index of node keys."""
        wanted = set(keys)
        return [n for n in self.entity_index() if node_keys(n) & wanted]

    @abstractmethod
    def list_documents(self, limit: int = 100, offset: int = 0) -> list[Node]: ...

    @abstractmethod
    def search(
        self, query: str, types: list[str] | None = None, limit: int = 20, offset: int = 0
    ) -> list[SearchHit]: ...

    @abstractmethod
    def subgraph(
        self,
        seeds: list[str],
        depth: int = 1,
        flt: GraphFilter | None = None,
        limit: int = 500,
        evidence: EvidenceMode = "all",
        max_edges: int | None = None,
    ) -> GraphData:
        """Seeds and everything within `depth` steps that the filter keeps; each edge with
        the evidence `evidence` asks for (graph/edge_summary.py: all of it, or a summary
        and the first item, or a summary alone), equal to `summarised` of the whole; with
        `max_edges`, only the strongest edges (`capped` of the whole)."""

    @abstractmethod
    def edge_evidence(self, edge_id: str, limit: int = 50, offset: int = 0) -> EdgeEvidence | None:
        """One edge with its summary and a page of its evidence items (in the order they
        arrived), found by its id; None if there is no such edge."""

    @abstractmethod
    def paths(
        self,
        source: str,
        target: str,
        max_length: int = 4,
        k: int = 3,
        avoid: PathAvoid | None = None,
    ) -> list[GraphPath]:
        """The k shortest paths between two actors (graph/query.py k_shortest_paths),
        around what `avoid` excludes."""

    @abstractmethod
    def export(self) -> GraphData:
        """The whole graph in the interchange format."""

    def actor_ties(
        self, flt: GraphFilter | None = None
    ) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """What analytics needs of the whole graph: (id, name, type) of every entity and
        (source, target, type) of every relation that is not a mention; with `flt`, only
        the relations with evidence it keeps (documents, confidence, period by the date
        rule; node and relation types are the caller's to check). This fallback goes
        through export(); a store answers it from its tables without the evidence."""
        data = self.export()
        nodes = [(n.id, n.name, n.type) for n in data.nodes if n.type != DOCUMENT]
        edges = [e for e in data.edges if e.type != MENTIONS]
        if flt is not None:
            flt = GraphFilter(
                documents=flt.documents,
                since=flt.since,
                until=flt.until,
                min_confidence=flt.min_confidence,
            )
            dates = {n.id: n.properties.get("date") for n in data.nodes if n.type == DOCUMENT}
            flt = flt.with_document_dates(dates) if flt.dated() else flt
            edges = [e for e in edges if flt.keeps_edge(e)]
        return nodes, [(e.source, e.target, e.type) for e in edges]

    # ---- the relations table (graph/relations.py) ----
    def relation_candidates(
        self, query: RelationQuery
    ) -> tuple[list[Edge], dict[str, Node], DocumentDates]:
        """Edges that may hold rows of the table (a superset), their ends, and the dates of
        the documents their evidence was read in. This fallback reads the whole graph."""
        data = self.export()
        nodes = {n.id: n for n in data.nodes}
        dates = {n.id: n.properties.get("date") for n in data.nodes if n.type == DOCUMENT}
        return [e for e in data.edges if e.type != MENTIONS], nodes, dates

    def relations(self, query: RelationQuery, limit: int = 50, offset: int = 0) -> RelationPage:
        """A page of the relations table and how many rows the whole table has."""
        edges, ends, dates = self.relation_candidates(query)
        return relation_page(edges, ends, dates, query, max(0, limit), max(0, offset))

    def evidence_months(self, query: RelationQuery) -> tuple[list[tuple[str, int]], int]:
        """The evidence the query keeps, counted per month (date rule), and the undated."""
        edges, ends, dates = self.relation_candidates(query)
        return months(edges, ends, dates, query)

    # ---- saved views (graph/views.py): not part of the graph ----
    def list_views(self) -> list[SavedView]:
        """Every saved view, most recently changed first."""
        raise NotImplementedError(f"{self.kind} store keeps no saved views")

    def get_view(self, view_id: str) -> SavedView | None:
        raise NotImplementedError(f"{self.kind} store keeps no saved views")

    def put_view(self, view: SavedView) -> None:
        """Create or replace a saved view by id."""
        raise NotImplementedError(f"{self.kind} store keeps no saved views")

    def delete_view(self, view_id: str) -> bool:
        raise NotImplementedError(f"{self.kind} store keeps no saved views")

    # ---- curation (graph/curation/): kept beside the graph, never part of it ----
    @abstractmethod
    def curation_records(self) -> list[str]:
        """The decision log: one JSON record per decision, in the order they were made."""

    @abstractmethod
    def add_curation_records(self, items: list[tuple[str, str]]) -> None:
        """Append (id, JSON record) pairs to the log."""

    @abstractmethod
    def delete_curation_record(self, decision_id: str) -> bool:
        """Take one decision out of the log; False if there was none with that id."""

    @abstractmethod
    def clear_curation(self) -> None:
        """Forget the log and the uncurated contributions."""

    @abstractmethod
    def save_raw_contribution(self, doc_id: str, data: GraphData) -> None:
        """Keep what resolution made of a document, before curation: decisions made or
        undone later are applied to it again. Also marks it the latest written."""

    @abstractmethod
    def raw_documents_with(self, node_ids: Collection[str]) -> list[str]:
        """Documents still in the graph whose uncurated contribution names one of the node
        ids, in the order they were last written (found by index)."""

    @abstractmethod
    def raw_contributions(self, doc_ids: Collection[str]) -> list[tuple[str, GraphData]]:
        """(document, uncurated contribution) in the order they were last written."""

    @abstractmethod
    def rewrite_documents(self, items: list[tuple[str, GraphData]]) -> None:
        """In one transaction: take out everything the listed documents contributed, then
        write each contribution in order. A node still in the graph after the removal
        (other documents mention it) keeps its stored form; edges and evidence are merged."""

    def neighbors(
        self,
        node_id: str,
        depth: int = 1,
        flt: GraphFilter | None = None,
        limit: int = 500,
        evidence: EvidenceMode = "all",
        max_edges: int | None = None,
    ) -> GraphData:
        return self.subgraph([node_id], depth, flt, limit, evidence, max_edges)
