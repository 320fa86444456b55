"""Curation on both stores (the `store` fixture): decisions change the graph, survive every
re-ingest, undo exactly, and travel as JSON Lines. The documents are the seeds and the news
samples, run through the real extractor and resolver."""

from __future__ import annotations

from typing import Any

import pytest

from graph.curation.apply import manual_document
from graph.curation.curator import CurationError, Curator, UnknownDecision
from graph.curation.decisions import Decision, decisions_from_jsonl, decisions_to_jsonl
from graph.model import GraphData
from graph.schema import DOCUMENT, MENTIONS
from graph.store.base import GraphStore
from graph.store.sqlite import SqliteStore

from ..conftest import ROOT, SEEDS
from .conftest import CachedExtractor, canon
from .test_store_contract import assert_consistent, ingest

NEWS = ROOT / "tests" / "data" / "news"
SERGEI, SERGEY = "person:sergei-lavrov", "person:sergey-lavrov"
PUTIN = "person:vladimir-putin"


def d(payload: dict[str, Any], **fields: Any) -> Decision:
    return Decision.model_validate({"payload": payload, "who": "tester", **fields})


def ingest_all(store: GraphStore, extractor: CachedExtractor) -> None:
    ingest(store, extractor, SEEDS, NEWS)


def reingest_all(store: GraphStore, extractor: CachedExtractor) -> None:
    """Every document out of the graph and read again (the decisions stay)."""
    for doc in [n.id for n in store.export().nodes if n.type == DOCUMENT]:
        assert store.delete_document(doc)
    assert store.stats().nodes == 0
    ingest_all(store, extractor)


def reingest_mentioning(store: GraphStore, extractor: CachedExtractor, node: str) -> None:
    """The documents that mention `node` out and read again (the others stay)."""
    docs = {e.source for e in store.node_edges(node) if e.type == MENTIONS}
    assert docs
    for doc in docs:
        assert store.delete_document(doc)
    ingest_all(store, extractor)


def a_relation(data: GraphData, node: str, rel: str | None = None) -> Any:
    return next(
        e
        for e in data.edges
        if e.type != MENTIONS and node in (e.source, e.target) and (rel is None or e.type == rel)
    )


def batch(data: GraphData) -> list[Decision]:
    rejected = a_relation(data, PUTIN)
    return [
        d(
            {
                "kind": "add",
                "source": "person:wang-yi",
                "target": SERGI_OR_SERGEY,
                "type": "MET_WITH",
                "note": "They met in Astana (TASS, 4 July)",
            }
        ),
        d({"kind": "merge", "source": SERGEI, "target": SERGEY}, why="same minister"),
        d({"kind": "rename", "node": "institution:state-duma", "name": "The State Duma"}),
        d({"kind": "retype", "node": "institution:council-for-mutual-economic-assistance", "type": "City"}),
        d({"kind": "alias", "node": "person:wang-yi", "alias": "王毅"}),
        d({"kind": "hide", "node": "person:john-smith"}),
        d({"kind": "reject", "edge": rejected.id, "source": rejected.source}),
        d({"kind": "split", "node": PUTIN}),
        d(
            {
                "kind": "not_same",
                "a": "institution:african-union",
                "b": "institution:european-union",
            }
        ),
    ]


SERGI_OR_SERGEY = SERGEI  # a hand-made relation made before the merge follows it


def test_a_batch_of_decisions_changes_the_graph_and_survives_reingesting_everything(
    store: GraphStore, reference: SqliteStore, cached_extractor: CachedExtractor
) -> None:
    ingest_all(store, cached_extractor)
    before = store.export()
    decisions = Curator(store).add(batch(before))
    curated = store.export()
    assert_consistent(curated)
    ids = {n.id: n for n in curated.nodes}

    assert SERGEI not in ids and SERGEY in ids
    assert "Sergei Lavrov" in ids[SERGEY].aliases
    lavrov_mentions = [e for e in curated.edges if e.type == MENTIONS and e.target == SERGEY]
    before_mentions = [
        ev
        for e in before.edges
        if e.type == MENTIONS and e.target in (SERGEI, SERGEY)
        for ev in e.evidence
    ]
    assert sum(len(e.evidence) for e in lavrov_mentions) == len(before_mentions)
    assert ids["institution:state-duma"].name == "The State Duma"
    assert "State Duma" in ids["institution:state-duma"].aliases
    assert ids["institution:council-for-mutual-economic-assistance"].type == "City"
    assert "王毅" in ids["person:wang-yi"].aliases
    assert "person:john-smith" not in ids
    assert all("person:john-smith" not in (e.source, e.target) for e in curated.edges)
    rejected = decisions[6].payload
    assert rejected.evidence  # type: ignore[union-attr]  # kept for audit
    assert all(e.id != rejected.edge for e in curated.edges)  # type: ignore[union-attr]
    manual = [e for e in curated.edges if e.type == "MET_WITH" and e.evidence[0].rule]
    assert [(e.source, e.target) for e in manual] == [("person:sergey-lavrov", "person:wang-yi")]
    assert manual[0].evidence[0].document == manual_document(decisions[0].id)
    assert "Astana" in manual[0].evidence[0].sentence
    assert ids[PUTIN].name == "Vladimir Putin" and "person:putin" in ids
    assert "Putin" not in ids[PUTIN].aliases

    # the same graph after every document is read again
    reingest_all(store, cached_extractor)
    assert canon(store.export()) == canon(curated)

    # and on the embedded store fed the same operations
    if store.kind != "embedded":
        ingest_all(reference, cached_extractor)
        Curator(reference).import_log(decisions)
        assert canon(reference.export()) == canon(curated)


UNDOABLE = [
    {"kind": "merge", "source": SERGEI, "target": SERGEY},
    {"kind": "rename", "node": SERGEY, "name": "S. V. Lavrov"},
    {"kind": "retype", "node": "institution:council-for-mutual-economic-assistance", "type": "City"},
    {"kind": "alias", "node": SERGEY, "alias": "Lavrov S."},
    {"kind": "hide", "node": "person:vladimir-putin"},
    {"kind": "split", "node": PUTIN},
    {
        "kind": "add",
        "source": "person:wang-yi",
        "target": SERGEY,
        "type": "MET_WITH",
        "note": "a hand-made relation",
    },
]


def test_each_decision_then_its_undo_gives_back_the_original_export(
    store: GraphStore, cached_extractor: CachedExtractor
) -> None:
    """One kind after the other on the same store (one ingest: Neo4j is the slow part)."""
    ingest_all(store, cached_extractor)
    original = canon(store.export())
    curator = Curator(store)
    for payload in UNDOABLE:
        [taken] = curator.add([d(payload)])
        assert canon(store.export()) != original, payload["kind"]
        curator.undo(taken.id)
        assert canon(store.export()) == original, payload["kind"]
        assert curator.log() == []


def test_edge_decisions_undo_exactly(store: GraphStore, cached_extractor: CachedExtractor) -> None:
    ingest_all(store, cached_extractor)
    data = store.export()
    original = canon(data)
    edge = a_relation(data, SERGEY)
    curator = Curator(store)
    for kind in ("hide", "reject"):
        [taken] = curator.add([d({"kind": kind, "edge": edge.id, "source": edge.source})])
        assert edge.id not in {e.id for e in store.export().edges}
        curator.undo(taken.id)
        assert canon(store.export()) == original


def test_merges_are_transitive_and_survive_a_changed_document(
    store: GraphStore, cached_extractor: CachedExtractor
) -> None:
    ingest_all(store, cached_extractor)
    curator = Curator(store)
    curator.add([d({"kind": "merge", "source": SERGEI, "target": SERGEY})])
    curator.add([d({"kind": "merge", "source": SERGEY, "target": "person:wang-yi"})])
    ids = {n.id for n in store.export().nodes}
    assert SERGEI not in ids and SERGEY not in ids and "person:wang-yi" in ids
    reingest_all(store, cached_extractor)
    ids = {n.id for n in store.export().nodes}
    assert SERGEI not in ids and SERGEY not in ids and "person:wang-yi" in ids


def test_not_same_keeps_resolution_from_joining(
    store: GraphStore, cached_extractor: CachedExtractor
) -> None:
    """An alias would make resolution join the two Lavrovs on the next ingest; a not-same
    decision keeps them apart."""
    ingest_all(store, cached_extractor)
    curator = Curator(store)
    curator.add([d({"kind": "alias", "node": SERGEY, "alias": "Sergei Lavrov"})])
    reingest_mentioning(store, cached_extractor, SERGEI)
    assert SERGEI not in {n.id for n in store.export().nodes}  # joined: what we guard against

    store.clear()
    store.clear_curation()
    ingest_all(store, cached_extractor)
    curator = Curator(store)
    curator.add(
        [
            d({"kind": "alias", "node": SERGEY, "alias": "Sergei Lavrov"}),
            d({"kind": "not_same", "a": SERGEI, "b": SERGEY}),
        ]
    )
    reingest_mentioning(store, cached_extractor, SERGEI)
    assert {SERGEI, SERGEY} <= {n.id for n in store.export().nodes}


def test_the_log_round_trips_through_json_lines(
    store: GraphStore, reference: SqliteStore, cached_extractor: CachedExtractor
) -> None:
    ingest_all(store, cached_extractor)
    curator = Curator(store)
    curator.add(batch(store.export()))
    text = decisions_to_jsonl(curator.log())
    assert decisions_from_jsonl(text) == curator.log()
    assert decisions_to_jsonl(decisions_from_jsonl(text)) == text

    ingest_all(reference, cached_extractor)
    assert Curator(reference).import_log(decisions_from_jsonl(text)) == len(curator.log())
    assert canon(reference.export()) == canon(store.export())
    assert Curator(reference).import_log(decisions_from_jsonl(text)) == 0  # by id: once


BAD = [
    ([{"kind": "merge", "source": "person:nobody", "target": SERGEY}], "unknown"),
    ([{"kind": "merge", "source": SERGEY, "target": SERGEY}], "into itself"),
    ([{"kind": "retype", "node": SERGEY, "type": "Planet"}], "unknown type"),
    (
        [
            {"kind": "merge", "source": SERGEI, "target": SERGEY},
            {"kind": "merge", "source": SERGEY, "target": SERGEI},
        ],
        "cycle",
    ),
    ([{"kind": "hide", "node": "doc:000_aed1e656c6466fb5"}], "document"),
    (
        [
            {
                "kind": "add",
                "source": SERGEY,
                "target": "person:wang-yi",
                "type": "HOSTED",
                "note": "x",
            }
        ],
        "schema",
    ),
    ([{"kind": "split", "node": "person:wang-yi"}], "no other written form"),
]


def test_bad_decisions_are_refused_and_change_nothing(
    store: GraphStore, cached_extractor: CachedExtractor
) -> None:
    """Each bad decision comes after a good one in its batch: the batch is refused whole."""
    ingest_all(store, cached_extractor)
    before = canon(store.export())
    curator = Curator(store)
    for payloads, message in BAD:
        good = d({"kind": "rename", "node": PUTIN, "name": "V. Putin"})
        with pytest.raises(CurationError, match=message):
            curator.add([good] + [d(p) for p in payloads])
        assert curator.log() == []
        assert canon(store.export()) == before
    with pytest.raises(UnknownDecision):
        curator.undo("cur-none")


def test_curation_records_are_not_part_of_the_graph(
    store: GraphStore, cached_extractor: CachedExtractor
) -> None:
    ingest_all(store, cached_extractor)
    stats = store.stats()
    Curator(store).add([d({"kind": "not_same", "a": SERGEI, "b": SERGEY})])
    assert store.stats() == stats
    assert not store.search("not_same") and not store.search("cur")
    assert all(not n.id.startswith("cur") for n in store.export().nodes)


def test_undoing_a_decision_in_the_middle_gives_the_graph_of_the_log_without_it(
    store: GraphStore, reference: SqliteStore, cached_extractor: CachedExtractor
) -> None:
    """Checked against the documents rebuilt with the rest of the log, from scratch."""
    ingest_all(store, cached_extractor)
    curator = Curator(store)
    taken = curator.add(batch(store.export()))
    merge = next(d for d in taken if d.kind == "merge")
    curator.undo(merge.id)
    rest = [d for d in taken if d.id != merge.id]
    assert curator.log() == rest

    ingest_all(reference, cached_extractor)
    Curator(reference).import_log(rest)
    assert canon(store.export()) == canon(reference.export())
    ids = {n.id for n in store.export().nodes}
    assert {SERGEI, SERGEY} <= ids  # and the hand-made relation went back to Sergei
    assert any(
        e.type == "MET_WITH" and SERGEI in (e.source, e.target) and e.evidence[0].rule
        for e in store.export().edges
    )
