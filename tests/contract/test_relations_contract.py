"""The relations table, the date rule and the analysts' path exclusions, on both stores.

Each answer is checked against the definition (graph/relations.py, graph/query.py run on
the exported graph: GraphStore's fallbacks) and against what a user relies on."""

from __future__ import annotations

import pytest

from graph.model import Edge, Evidence, GraphData, Node
from graph.query import GraphFilter, PathAvoid
from graph.relations import RelationPage, RelationQuery
from graph.schema import DOCUMENT, MENTIONS
from graph.store.base import GraphStore
from graph.store.sqlite import SqliteStore

from .test_store_contract import PAIRS

DATED_DOC = "doc:000_aed1e656c6466fb5"


def with_document_date(data: GraphData, doc_id: str, date: str) -> GraphData:
    nodes = [
        Node.model_validate({**n.model_dump(), "date": date}) if n.id == doc_id else n
        for n in data.nodes
    ]
    return GraphData(nodes=nodes, edges=data.edges)


@pytest.fixture
def dated(store: GraphStore, reference: SqliteStore, seeds_graph: GraphData) -> GraphStore:
    """The seeds with one document dated 2023-10-20 (its sentences mostly are not)."""
    data = with_document_date(seeds_graph, DATED_DOC, "2023-10-20")
    store.import_graph(data)
    reference.import_graph(data)
    return store


def summary(page: RelationPage) -> tuple[int, list[tuple]]:
    return page.total, [
        (
            r.edge.id,
            r.source.name,
            r.target.name,
            [ev.key() for ev in r.edge.evidence],
            r.dates,
            r.documents,
            r.first_date,
            r.last_date,
            r.role,
        )
        for r in page.rows
    ]


QUERIES = [
    RelationQuery(),
    RelationQuery(relations=["HOLDS_ROLE"]),
    RelationQuery(relations=["SANCTIONED", "MET_WITH"], sort="-documents"),
    RelationQuery(actor="country:russia", sort="target"),
    RelationQuery(actor="person:vyacheslav-volodin", sort="-date"),
    RelationQuery(documents=["doc:003_6e32554014a3be8b"], sort="source"),
    RelationQuery(since="2023-09-01", sort="date"),
    RelationQuery(since="2023-02-04", until="2023-09-30", sort="-source"),
    RelationQuery(until="2023-02", relations=["SANCTIONED", "HOLDS_ROLE", "MET_WITH"]),
    RelationQuery(min_confidence=0.8, sort="-type"),
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.model_dump_json(exclude_none=True))
def test_relations_table_is_the_definition(
    dated: GraphStore, reference: SqliteStore, query: RelationQuery
) -> None:
    whole = GraphStore.relations(reference, query, 10_000, 0)  # the definition
    for limit, offset in ((10_000, 0), (7, 0), (7, 7), (5, 1_000)):
        got = dated.relations(query, limit, offset)
        want = GraphStore.relations(reference, query, limit, offset)
        assert summary(got) == summary(want), (limit, offset)
        assert got.total == whole.total
    assert dated.evidence_months(query) == GraphStore.evidence_months(reference, query)


def test_relations_rows_say_what_users_rely_on(dated: GraphStore) -> None:
    page = dated.relations(RelationQuery(), 10_000, 0)
    assert page.total == len(page.rows) > 20
    assert all(r.edge.type != MENTIONS for r in page.rows)
    types = [r.edge.type for r in page.rows]
    assert types == sorted(types)
    for r in page.rows:
        assert r.documents == len({ev.document for ev in r.edge.evidence}) >= 1
        assert {r.edge.source, r.edge.target} == {
            r.source.id,
            r.target.id,
        } or r.edge.source == r.source.id
    by_docs = dated.relations(RelationQuery(sort="-documents"), 10_000, 0).rows
    counts = [r.documents for r in by_docs]
    assert counts == sorted(counts, reverse=True)
    russia = dated.relations(RelationQuery(actor="country:russia"), 10_000, 0).rows
    assert russia and all("country:russia" in (r.source.id, r.target.id) for r in russia)


def test_the_date_rule_dates_evidence_by_its_document(dated: GraphStore) -> None:
    """Evidence without a date in its sentence takes its document's date: a period filter
    keeps it, and the month histogram counts it under that month."""
    rows = dated.relations(RelationQuery(since="2023-10-01", until="2023-10-31"), 10_000, 0).rows
    assert rows
    for r in rows:
        for ev, date in zip(r.edge.evidence, r.dates, strict=True):
            assert date is not None and date.startswith("2023-10")
            if ev.date is None:
                assert ev.document == DATED_DOC and date == "2023-10-20"
    assert any(ev.date is None for r in rows for ev in r.edge.evidence)
    months, _ = dated.evidence_months(RelationQuery())
    assert ("2023-10", sum(len(r.edge.evidence) for r in rows)) in months
    # the graph filter of /api/subgraph and the explorer follows the same rule
    flt = GraphFilter(since="2023-10-01", until="2023-10-31")
    got = dated.neighbors("country:russia", 1, flt, 500)
    assert {e.id for e in got.edges} >= {
        r.edge.id for r in rows if "country:russia" in (r.source.id, r.target.id)
    }


def test_an_undated_document_leaves_its_evidence_undated(store: GraphStore) -> None:
    doc_a = Node(id="doc:a", type=DOCUMENT, name="a", date="2023-10-05")
    doc_b = Node(id="doc:b", type=DOCUMENT, name="b")
    p, q = (Node(id=f"person:{x}", type="Person", name=x.upper()) for x in "pq")
    ev_a = Evidence(document="doc:a", sentence="P met Q.", start=0, end=8)
    ev_b = Evidence(document="doc:b", sentence="P met Q again.", start=0, end=14)
    ev_c = Evidence(document="doc:b", sentence="In 2021 P met Q.", start=20, end=36, date="2021-05")
    edges = [
        Edge(id=f"rel:m{i}", source=d, target=t, type=MENTIONS, evidence=[ev])
        for i, (d, t, ev) in enumerate(
            [("doc:a", p.id, ev_a), ("doc:a", q.id, ev_a), ("doc:b", p.id, ev_b)]
        )
    ]
    edges.append(
        Edge(id="rel:met", source=p.id, target=q.id, type="MET_WITH", evidence=[ev_a, ev_b, ev_c])
    )
    store.import_graph(GraphData(nodes=[doc_a, doc_b, p, q], edges=edges))
    (row,) = store.relations(RelationQuery(), 10, 0).rows
    assert row.dates == ["2023-10-05", None, "2021-05"]
    assert (row.first_date, row.last_date, row.documents) == ("2021-05", "2023-10-05", 2)
    assert store.evidence_months(RelationQuery()) == ([("2021-05", 1), ("2023-10", 1)], 1)
    only = store.relations(RelationQuery(since="2023-09"), 10, 0).rows
    assert [len(r.edge.evidence) for r in only] == [1]
    assert store.relations(RelationQuery(since="2024"), 10, 0).total == 0
    assert store.neighbors(p.id, 1, GraphFilter(since="2023-09-01")).edges
    assert not store.neighbors(p.id, 1, GraphFilter(since="2024-01-01")).edges


AVOIDS = [
    PathAvoid.of(nodes=["country:russia"]),
    PathAvoid.of(relations=["HOLDS_ROLE"]),
    PathAvoid.of(max_degree=10),
    PathAvoid.of(nodes=["person:vladimir-putin"], relations=["MET_WITH"], max_degree=25),
]


@pytest.mark.parametrize("avoid", AVOIDS, ids=repr)
def test_paths_around_nodes_relations_and_hubs(
    store: GraphStore, reference: SqliteStore, seeds_graph: GraphData, avoid: PathAvoid
) -> None:
    store.import_graph(seeds_graph)
    reference.import_graph(seeds_graph)
    degree = {n.id: 0 for n in seeds_graph.nodes}
    for e in seeds_graph.edges:
        if e.type != MENTIONS:
            degree[e.source] += 1
            if e.target != e.source:
                degree[e.target] += 1
    for source, target in PAIRS:
        for max_length, k in ((4, 3), (6, 10)):
            got = store.paths(source, target, max_length, k, avoid)
            want = reference.paths(source, target, max_length, k, avoid)
            assert [(p.nodes, p.edges) for p in got] == [(p.nodes, p.edges) for p in want]
            for p in got:
                inner = p.nodes[1:-1]
                assert not set(inner) & avoid.nodes
                assert not {e.type for e in p.edges} & avoid.relations
                if avoid.max_degree is not None:
                    assert all(degree[n] <= avoid.max_degree for n in inner)
    hub_paths = store.paths("person:vladimir-putin", "country:nicaragua", 4, 10)
    assert any("country:russia" in p.nodes[1:-1] for p in hub_paths)
    around = store.paths("person:vladimir-putin", "country:nicaragua", 4, 10, AVOIDS[0])
    assert all("country:russia" not in p.nodes for p in around)


TIE_FILTERS = [
    None,
    GraphFilter(relations=["MET_WITH", "HOLDS_ROLE"]),
    GraphFilter(documents=[DATED_DOC]),
    GraphFilter(since="2023-10-01", until="2023-10-31"),
    GraphFilter(until="2023-02", relations=["SANCTIONED", "MET_WITH"]),
    GraphFilter(min_confidence=0.8),
]


@pytest.mark.parametrize("flt", TIE_FILTERS, ids=repr)
def test_actor_ties_are_what_analytics_would_read_off_the_export(
    dated: GraphStore, reference: SqliteStore, flt: GraphFilter | None
) -> None:
    """What analytics reads (every actor; the relations the filter keeps by their evidence,
    read without it) is the export's, on both stores; relation types may be narrowed
    further by the store, never widened."""
    nodes, ties = dated.actor_ties(flt)
    want_nodes, want_ties = GraphStore.actor_ties(reference, flt)
    assert sorted(nodes) == sorted(want_nodes)
    if flt is not None and flt.relations is not None:
        want_ties = [t for t in want_ties if t[2] in flt.relations]
        ties = [t for t in ties if t[2] in flt.relations]
    assert sorted(ties) == sorted(want_ties)
    assert ties
