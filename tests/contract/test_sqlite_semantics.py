"""The embedded store's indexed reads give the answers of graph/query.py's whole-graph
semantics (networkx over the exported graph): the contract suite's reference store is the
embedded store itself, so this is where its traversals and search are checked against the
definitions."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.model import Edge, Evidence, GraphData, Node, fold
from graph.query import GraphFilter, k_shortest_paths, neighbourhood, rank, to_networkx
from graph.schema import DOCUMENT, MENTIONS
from graph.store import sqlite_search
from graph.store.sqlite import SqliteStore
from graph.store.sqlite_search import FUZZY_EXHAUSTIVE

from .test_store_contract import CENTRES, FILTERS, PAIRS, SEARCHES


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeds_graph: GraphData) -> SqliteStore:
    store = SqliteStore(tmp_path_factory.mktemp("semantics"))
    store.import_graph(seeds_graph)
    return store


EXTRA_FILTERS = [
    GraphFilter(min_confidence=0.9),
    GraphFilter(min_confidence=0.5, relations=["SPOKE_AT", "MET_WITH"]),
]


@pytest.mark.parametrize(
    "flt", FILTERS + EXTRA_FILTERS, ids=lambda f: f.model_dump_json(exclude_none=True)
)
def test_neighbourhoods_are_query_neighbourhood(
    seeded: SqliteStore, seeds_graph: GraphData, flt: GraphFilter
) -> None:
    g = to_networkx(seeds_graph)
    for centre in CENTRES:
        for depth in (0, 1, 2, 3):
            for limit in (500, 7, 1):
                want = neighbourhood(g, [centre], depth, flt, limit)
                assert seeded.neighbors(centre, depth, flt, limit) == want, (centre, depth, limit)


def test_paths_are_k_shortest_paths(seeded: SqliteStore, seeds_graph: GraphData) -> None:
    g = to_networkx(seeds_graph)
    found = 0
    for source, target in PAIRS + [("country:cuba", "country:russia")]:
        for max_length, k in ((4, 3), (2, 5), (3, 50), (5, 10), (6, 10), (1, 1)):
            want = k_shortest_paths(g, source, target, max_length, k)
            got = seeded.paths(source, target, max_length, k)
            assert [(p.nodes, p.edges) for p in got] == [(p.nodes, p.edges) for p in want]
            found += len(got)
    assert found > 20


@pytest.mark.parametrize("types", [None, ["Person"], [DOCUMENT]], ids=str)
def test_search_is_rank(
    seeded: SqliteStore, seeds_graph: GraphData, types: list[str] | None
) -> None:
    nodes = [n for n in seeds_graph.nodes if types is not None or n.type != DOCUMENT]
    for query in [*SEARCHES, "vladmir putn", "a", "nic"]:
        for limit, offset in ((20, 0), (3, 2), (100, 0)):
            want = rank(query, nodes, types, limit, offset)
            got = seeded.search(query, types, limit, offset)
            assert [(h.node, h.score, h.match) for h in got] == [
                (h.node, h.score, h.match) for h in want
            ], (query, limit, offset)


def test_trigram_candidates_give_rank_on_a_small_graph(
    seeded: SqliteStore, seeds_graph: GraphData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The big-graph fuzzy path (candidates from the trigram index, rarest trigrams first,
    length-normalised): on the seeds every name sharing a trigram with a query fits in the
    candidate set, so its pages are rank's, typos and partial names included, except the
    fuzzy matches of names without a trigram (two letters: "US" in "russia")."""
    monkeypatch.setattr(sqlite_search, "FUZZY_EXHAUSTIVE", 0)
    nodes = [n for n in seeds_graph.nodes if n.type != DOCUMENT]
    trimmed = [
        n.model_copy(update={"aliases": [a for a in n.aliases if len(fold(a)) >= 3]}) for n in nodes
    ]
    for query in [*SEARCHES, "vladmir putn", "maduor", "nicolas madruo venezeula", "ab"]:
        for limit, offset in ((20, 0), (3, 2)):
            want = rank(query, trimmed, None, limit, offset)
            if len(fold(query)) < 3:  # no trigram: a short query finds no fuzzy matches
                want = [h for h in rank(query, nodes, None, 1000) if h.match != "fuzzy"]
                want = want[offset : offset + limit]
            got = seeded.search(query, None, limit, offset)
            assert [(h.node.id, h.score, h.match) for h in got] == [
                (h.node.id, h.score, h.match) for h in want
            ], (query, limit, offset)
    assert any(h.match == "fuzzy" for h in seeded.search("vladmir putn"))


def _chain(n: int) -> GraphData:
    """A document mentioning n people, each meeting the next one."""
    doc = Node(id="doc:d", type=DOCUMENT, name="d")
    people = [Node(id=f"person:p{i}", type="Person", name=f"Person Number{i}") for i in range(n)]
    ev = [Evidence(document="doc:d", sentence="s", start=i, end=i + 1) for i in range(n)]
    edges = [
        Edge(id=f"rel:m{i}", source="doc:d", target=p.id, type=MENTIONS, evidence=[ev[i]])
        for i, p in enumerate(people)
    ]
    edges += [
        Edge(
            id=f"rel:w{i}",
            source=people[i].id,
            target=people[i + 1].id,
            type="MET_WITH",
            evidence=[ev[i]],
        )
        for i in range(n - 1)
    ]
    return GraphData(nodes=[doc, *people], edges=edges)


def test_a_typo_is_found_above_the_exhaustive_size(tmp_path: Path) -> None:
    """In a big graph fuzzy candidates come from the trigram index: a typo still finds."""
    store = SqliteStore(tmp_path)
    store.import_graph(_chain(FUZZY_EXHAUSTIVE + 10))
    hits = store.search("Person Numbr1234", limit=5)
    assert hits and hits[0].node.id == "person:p1234" and hits[0].match == "fuzzy"
    assert store.search("person number12345")[0].match == "exact"
    assert store.stats().nodes == FUZZY_EXHAUSTIVE + 11


def test_paths_with_exclusions_are_k_shortest_paths(
    seeded: SqliteStore, seeds_graph: GraphData
) -> None:
    from graph.query import PathAvoid

    g = to_networkx(seeds_graph)
    for avoid in (
        PathAvoid.of(nodes=["country:russia", "country:cuba"]),
        PathAvoid.of(relations=["HOLDS_ROLE", "MEMBER_OF"]),
        PathAvoid.of(max_degree=8),
    ):
        for source, target in PAIRS:
            for max_length, k in ((4, 3), (6, 10)):
                want = k_shortest_paths(g, source, target, max_length, k, avoid)
                got = seeded.paths(source, target, max_length, k, avoid)
                assert [(p.nodes, p.edges) for p in got] == [(p.nodes, p.edges) for p in want]
