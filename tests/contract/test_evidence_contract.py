"""Graph answers with less evidence (graph/edge_summary.py), on both stores: a summarised
answer is the whole answer cut by the rule (`summarised`), the summaries say what the
evidence holds, and an edge's evidence comes back page by page in the order it arrived."""

from __future__ import annotations

import pytest

from graph.edge_summary import SUMMARY, EdgeSummary, capped, summarised
from graph.model import Edge, Evidence, GraphData, Node
from graph.query import GraphFilter
from graph.schema import DOCUMENT, MENTIONS
from graph.store.base import GraphStore
from graph.store.sqlite import SqliteStore

from .test_store_contract import CENTRES

FILTERS = [
    GraphFilter(),
    GraphFilter(types=["Person", "Country"]),
    GraphFilter(relations=[MENTIONS], types=[DOCUMENT, "Country"]),
    # filters that read the evidence: the stores cut the summary from the whole edges
    GraphFilter(since="2023-09-29"),
    GraphFilter(documents=["doc:000_aed1e656c6466fb5"]),
]


@pytest.fixture
def seeded(store: GraphStore, seeds_graph: GraphData) -> GraphStore:
    store.import_graph(seeds_graph)
    return store


@pytest.mark.parametrize("mode", ["first", "none"])
@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f.model_dump_json(exclude_none=True))
def test_a_summarised_neighbourhood_is_the_whole_one_cut_by_the_rule(
    seeded: GraphStore,
    reference: SqliteStore,
    seeds_graph: GraphData,
    flt: GraphFilter,
    mode: str,
) -> None:
    reference.import_graph(seeds_graph)
    dates = {n.id: n.properties.get("date") for n in seeds_graph.nodes if n.type == DOCUMENT}
    checked = 0
    for centre in CENTRES:
        for depth in (1, 2):
            whole = seeded.neighbors(centre, depth, flt, 500)
            got = seeded.neighbors(centre, depth, flt, 500, mode)  # type: ignore[arg-type]
            assert got == summarised(whole, mode, dates), (centre, depth)  # type: ignore[arg-type]
            assert got == reference.neighbors(centre, depth, flt, 500, mode)  # type: ignore[arg-type]
            for e in got.edges:
                summary = EdgeSummary.model_validate(e.properties[SUMMARY])
                assert summary.evidence >= 1 and summary.documents >= 1
                assert len(e.evidence) == (1 if mode == "first" else 0)
                checked += 1
    assert checked > 20


def _odd_graph() -> GraphData:
    """Evidence whose sentences look like the JSON keys a store may pick values out of."""
    nodes = [
        Node(id="doc:a", type=DOCUMENT, name="A", date="2023-05-01"),
        Node(id="doc:b", type=DOCUMENT, name="B"),  # undated
        Node(id="person:x", type="Person", name="X"),
        Node(id="country:y", type="Country", name="Y"),
    ]
    items = [
        Evidence(
            document="doc:b",
            sentence='He wrote ,"date":"1999-01-01" and ,"confidence":0.01} "quoted"',
            start=0,
            end=5,
            confidence=0.4,
        ),
        Evidence(document="doc:a", sentence="Undated: the document's date", start=9, end=12),
        Evidence(
            document="doc:b",
            sentence="Dated by the sentence",
            start=20,
            end=25,
            date="2022-11",
            confidence=0.7,
        ),
        Evidence(document="doc:b", sentence="Undated in an undated document", start=30, end=35),
    ]
    mentions = [
        Edge(
            id=f"rel:m{i}",
            source=doc,
            target=who,
            type=MENTIONS,
            evidence=[Evidence(document=doc, sentence="X and Y.", start=0, end=1, text="X")],
        )
        for i, (doc, who) in enumerate(
            [("doc:a", "person:x"), ("doc:a", "country:y"), ("doc:b", "person:x")]
        )
    ]
    met = Edge(
        id="rel:ties", source="person:x", target="country:y", type="MET_WITH", evidence=items
    )
    return GraphData(nodes=nodes, edges=[met, *mentions])


def test_a_summary_says_what_the_evidence_holds(store: GraphStore) -> None:
    store.import_graph(_odd_graph())
    for mode in ("first", "none"):
        got = store.neighbors("person:x", 1, GraphFilter(), 500, mode)  # type: ignore[arg-type]
        (edge,) = got.edges
        assert edge.properties[SUMMARY] == {
            "evidence": 4,
            "documents": 2,
            "confidence": 1.0,  # the item without a confidence counts as sure
            "first": "2022-11",  # the sentence's date
            "last": "2023-05-01",  # the document's date, for an undated sentence
        }
        if mode == "first":
            assert edge.evidence == _odd_graph().edges[0].evidence[:1]
    # with a filter on documents, the summary counts the items the filter keeps
    only_b = store.neighbors("person:x", 1, GraphFilter(documents=["doc:b"]), 500, "none").edges[0]
    assert only_b.properties[SUMMARY] == {
        "evidence": 3,
        "documents": 1,
        "confidence": 1.0,
        "first": "2022-11",
        "last": "2022-11",
    }


def test_an_edges_evidence_comes_page_by_page_in_its_order(store: GraphStore) -> None:
    data = _odd_graph()
    store.import_graph(data)
    items = data.edges[0].evidence
    pages = [store.edge_evidence("rel:ties", 3, offset) for offset in (0, 3, 6)]
    assert all(p is not None for p in pages)
    assert [ev for p in pages if p for ev in p.items] == items
    first = pages[0]
    assert first is not None
    assert (first.edge.source, first.edge.target, first.edge.type) == (
        "person:x",
        "country:y",
        "MET_WITH",
    )
    assert first.edge.evidence == [] and SUMMARY not in first.edge.properties
    assert first.summary.evidence == 4 and first.summary.documents == 2
    assert store.edge_evidence("rel:m0", 10).items == data.edges[1].evidence  # type: ignore[union-attr]
    assert store.edge_evidence("rel:nothing") is None


@pytest.mark.parametrize("flt", FILTERS[:1] + FILTERS[3:], ids=["none", "since", "documents"])
def test_a_capped_answer_keeps_the_strongest_ties_and_every_node_tied(
    seeded: GraphStore, reference: SqliteStore, seeds_graph: GraphData, flt: GraphFilter
) -> None:
    reference.import_graph(seeds_graph)
    dates = {n.id: n.properties.get("date") for n in seeds_graph.nodes if n.type == DOCUMENT}
    cut_any = False
    for centre in CENTRES:
        whole = seeded.neighbors(centre, 2, flt, 500)
        for cap in (1, 5, 20):
            for mode in ("all", "none"):
                got = seeded.neighbors(centre, 2, flt, 500, mode, cap)  # type: ignore[arg-type]
                want = summarised(capped(whole, cap), mode, dates)  # type: ignore[arg-type]
                assert got == want, (centre, cap, mode)
                assert got == reference.neighbors(centre, 2, flt, 500, mode, cap)  # type: ignore[arg-type]
            got = capped(whole, cap)
            assert got.nodes == whole.nodes
            tied = {x for e in whole.edges for x in (e.source, e.target)}
            assert tied == {x for e in got.edges for x in (e.source, e.target)}
            if len(whole.edges) > cap:
                cut_any = True
                kept = {e.id for e in got.edges}
                dropped = [e for e in whole.edges if e.id not in kept]
                assert dropped and len(got.edges) >= cap

                # each node keeps its strongest edge (most evidence, then smallest id) ...
                def key(e: Edge) -> tuple[int, str]:
                    return (-len(e.evidence), e.id)

                best = {}
                for e in sorted(whole.edges, key=key):
                    for x in (e.source, e.target):
                        best.setdefault(x, e.id)
                assert set(best.values()) <= kept
                # ... and the other edges kept are stronger than every edge dropped
                extra = [e for e in got.edges if e.id not in set(best.values())]
                assert all(key(x) < key(d) for x in extra for d in dropped)
    assert cut_any


@pytest.mark.parametrize("flt", FILTERS[:2] + FILTERS[3:4], ids=["none", "types", "since"])
def test_a_bounded_answer_says_what_it_left_out(
    seeded: GraphStore, reference: SqliteStore, seeds_graph: GraphData, flt: GraphFilter
) -> None:
    """A reader must learn that an answer is not whole: the node limit cut the walk short
    (`truncated.nodes`), or the cap left edges out (`truncated.edges`, how many)."""
    reference.import_graph(seeds_graph)
    cut_nodes = cut_edges = False
    for centre in CENTRES:
        whole = seeded.neighbors(centre, 2, flt, 500)
        assert whole.truncated is None  # the seeds' neighbourhoods are far below 500 nodes
        n = len(whole.nodes)
        # exactly full is not cut: nothing in reach was left out
        assert seeded.neighbors(centre, 2, flt, n).truncated is None
        if n > 3:
            small = seeded.neighbors(centre, 2, flt, 3, "none", 2)
            assert len(small.nodes) == 3 and small.truncated is not None
            assert small.truncated.nodes
            assert small == reference.neighbors(centre, 2, flt, 3, "none", 2)
            cut_nodes = True
        for mode in ("all", "none"):
            got = seeded.neighbors(centre, 2, flt, 500, mode, 5)  # type: ignore[arg-type]
            left_out = len(whole.edges) - len(got.edges)
            if left_out:
                assert got.truncated is not None and got.truncated.edges == left_out
                assert not got.truncated.nodes
                cut_edges = True
            else:
                assert got.truncated is None
    assert cut_nodes and cut_edges


@pytest.mark.parametrize("flt", FILTERS[:2], ids=["none", "types"])
@pytest.mark.parametrize("limit", [4, 12])
def test_a_capped_answer_cut_short_by_the_node_limit_is_the_same_on_both_stores(
    seeded: GraphStore,
    reference: SqliteStore,
    seeds_graph: GraphData,
    flt: GraphFilter,
    limit: int,
) -> None:
    """A walk the node limit stops part-way has expanded some nodes of the answer and not
    others (and a seed of a type the filter leaves out is in the answer all the same): the
    capped answer must still hold the strongest of every edge among its nodes."""
    reference.import_graph(seeds_graph)
    cut = 0
    for centre in CENTRES:
        for cap in (3, 10, 1_000):
            for mode in ("all", "none"):
                got = seeded.neighbors(centre, 2, flt, limit, mode, cap)  # type: ignore[arg-type]
                want = reference.neighbors(centre, 2, flt, limit, mode, cap)  # type: ignore[arg-type]
                assert got == want, (centre, cap, mode)
                if got.truncated is not None and got.truncated.nodes and got.edges:
                    cut += 1
    assert cut


def _tied_graph(marks: str) -> GraphData:
    """A person met with twelve others, who met with one another: ties of one, two and
    three evidence items, many of equal strength, so a capped answer's choice turns on the
    ids' order. `marks` goes into every id: characters at or above U+E000 and beyond U+FFFF
    sort one way in Python (code points) and another in Neo4j (UTF-16 units)."""
    people = [f"person:{marks[i % len(marks)]}{i:02d}{marks[::-1]}" for i in range(13)]
    nodes = [Node(id="doc:t", type=DOCUMENT, name="T", date="2024-01-01")]
    nodes += [Node(id=p, type="Person", name=f"P {i}") for i, p in enumerate(people)]
    edges = []
    for i, a in enumerate(people):
        for j in range(i + 1, len(people)):
            if (i * 7 + j * 3) % 4 == 0 and i:
                continue
            items = [
                Evidence(document="doc:t", sentence=f"{i} met {j} ({k}).", start=k, end=k + 1)
                for k in range(1 + (i + j) % 3 % 2 + (j % 5 == 0))
            ]
            key = f"{marks[(i + j) % len(marks)]}{(i * 13 + j) % 17}{marks[j % len(marks)]}"
            edges.append(
                Edge(
                    id=f"rel:{key}-{i}-{j}",
                    source=a,
                    target=people[j],
                    type="MET_WITH",
                    evidence=items,
                )
            )
    return GraphData(nodes=nodes, edges=edges)


@pytest.mark.parametrize("marks", ["abc", "\ue000\U0001f600z\uffff"], ids=["plain", "astral"])
def test_a_capped_answer_chooses_among_equal_ties_by_id_as_python_orders_ids(
    store: GraphStore, reference: SqliteStore, marks: str
) -> None:
    """The choice of a capped answer's edges (strongest first, then smallest id) is made in
    the query on Neo4j; where Neo4j orders the ids otherwise than Python the store chooses
    from the ties itself: the same answers as the embedded store either way."""
    data = _tied_graph(marks)
    store.import_graph(data)
    reference.import_graph(data)
    centre = data.nodes[1].id
    for limit in (5, 13):
        for cap in (1, 4, 9, 20, 1_000):
            for mode in ("all", "none", "first"):
                got = store.neighbors(centre, 2, GraphFilter(), limit, mode, cap)  # type: ignore[arg-type]
                want = reference.neighbors(centre, 2, GraphFilter(), limit, mode, cap)  # type: ignore[arg-type]
                assert got == want, (limit, cap, mode)
