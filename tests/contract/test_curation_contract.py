"""Curation on both stores (the `store` fixture): decisions change the graph, survive every
re-ingest, undo exactly, and travel as JSON Lines. The documents are three short news texts
of the tests' own (tests/data/curation), run through the real extractor and resolver; they
hold two similar-but-different people (Alexander Lukashenko, Alexander Lukashevich) and two
bodies (African Union, European Union) that resolution keeps apart, so every merge below is
the analyst's and not the resolver's. `test_the_fixture_reads_as_the_tests_expect` says
first when a change in extraction moves the ground under them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.curation.apply import manual_document
from graph.curation.curator import CurationError, Curator, UnknownDecision
from graph.curation.decisions import Decision, decisions_from_jsonl, decisions_to_jsonl
from graph.model import GraphData
from graph.schema import DOCUMENT, MENTIONS
from graph.store.base import GraphStore
from graph.store.sqlite import SqliteStore

from ..conftest import ROOT
from .conftest import CachedExtractor, canon
from .test_store_contract import assert_consistent, ingest

DOCS = ROOT / "tests" / "data" / "curation"
# A is merged into B in the tests below; resolution keeps them apart
LUKASHEVICH, LUKASHENKO = "person:alexander-lukashevich", "person:alexander-lukashenko"
PUTIN = "person:vladimir-putin"  # written "Vladimir Putin" and "Putin": a split has parts
WANG = "person:wang-yi"  # written one way only
CMEA = "institution:council-for-mutual-economic-assistance"
VOLODIN = "person:vyacheslav-volodin"  # met both Alexanders


def d(payload: dict[str, Any], **fields: Any) -> Decision:
    return Decision.model_validate({"payload": payload, "who": "tester", **fields})


def ingest_all(store: GraphStore, extractor: CachedExtractor) -> None:
    ingest(store, extractor, DOCS)


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


def test_the_fixture_reads_as_the_tests_expect(
    reference: SqliteStore, cached_extractor: CachedExtractor
) -> None:
    """The ground the other tests stand on: if extraction or resolution changes what these
    documents give, this fails first and says what moved."""
    ingest_all(reference, cached_extractor)
    data = reference.export()
    nodes = {n.id: n for n in data.nodes}
    wanted = {LUKASHEVICH, LUKASHENKO, PUTIN, WANG, CMEA, VOLODIN, "person:john-smith"}
    wanted |= {"institution:state-duma", "institution:african-union", "institution:european-union"}
    assert wanted <= set(nodes), sorted(wanted - set(nodes))
    assert "Putin" in nodes[PUTIN].aliases and not nodes[WANG].aliases
    assert nodes[CMEA].type == "Institution"
    met = {frozenset((e.source, e.target)) for e in data.edges if e.type == "MET_WITH"}
    assert {frozenset((LUKASHEVICH, VOLODIN)), frozenset((LUKASHENKO, VOLODIN))} <= met
    assert frozenset((LUKASHEVICH, WANG)) not in met  # the hand-made one is new
    assert any(e.type != MENTIONS and PUTIN in (e.source, e.target) for e in data.edges)


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
                "source": WANG,  # made before the merge: it follows the merge
                "target": LUKASHEVICH,
                "type": "MET_WITH",
                "note": "They met in Astana (TASS, 4 July)",
            }
        ),
        d({"kind": "merge", "source": LUKASHEVICH, "target": LUKASHENKO}, why="test"),
        d({"kind": "rename", "node": "institution:state-duma", "name": "The State Duma"}),
        d({"kind": "retype", "node": CMEA, "type": "City"}),
        d({"kind": "alias", "node": WANG, "alias": "王毅"}),
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


def test_a_batch_of_decisions_changes_the_graph_and_survives_reingesting_everything(
    store: GraphStore, reference: SqliteStore, cached_extractor: CachedExtractor
) -> None:
    ingest_all(store, cached_extractor)
    before = store.export()
    decisions = Curator(store).add(batch(before))
    curated = store.export()
    assert_consistent(curated)
    ids = {n.id: n for n in curated.nodes}

    assert LUKASHEVICH not in ids and LUKASHENKO in ids
    assert "Alexander Lukashevich" in ids[LUKASHENKO].aliases
    kept_mentions = [e for e in curated.edges if e.type == MENTIONS and e.target == LUKASHENKO]
    before_mentions = [
        ev
        for e in before.edges
        if e.type == MENTIONS and e.target in (LUKASHEVICH, LUKASHENKO)
        for ev in e.evidence
    ]
    assert sum(len(e.evidence) for e in kept_mentions) == len(before_mentions)
    # both met Volodin: the re-pointed relation is joined with the kept one, evidence united
    [with_volodin] = [
        e
        for e in curated.edges
        if e.type == "MET_WITH" and {e.source, e.target} == {LUKASHENKO, VOLODIN}
    ]
    assert len(with_volodin.evidence) == 2
    assert ids["institution:state-duma"].name == "The State Duma"
    assert "State Duma" in ids["institution:state-duma"].aliases
    assert ids[CMEA].type == "City"
    assert "王毅" in ids[WANG].aliases
    assert "person:john-smith" not in ids
    assert all("person:john-smith" not in (e.source, e.target) for e in curated.edges)
    rejected = decisions[6].payload
    assert rejected.evidence  # type: ignore[union-attr]  # kept for audit
    assert all(e.id != rejected.edge for e in curated.edges)  # type: ignore[union-attr]
    manual = [e for e in curated.edges if e.evidence[0].rule == "curation:add"]
    assert [(e.type, e.source, e.target) for e in manual] == [("MET_WITH", LUKASHENKO, WANG)]
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
    {"kind": "merge", "source": LUKASHEVICH, "target": LUKASHENKO},
    {"kind": "rename", "node": LUKASHENKO, "name": "A. G. Lukashenko"},
    {"kind": "retype", "node": CMEA, "type": "City"},
    {"kind": "alias", "node": LUKASHENKO, "alias": "Lukashenko A."},
    {"kind": "hide", "node": "person:vladimir-putin"},
    {"kind": "split", "node": PUTIN},
    {
        "kind": "add",
        "source": WANG,
        "target": LUKASHENKO,
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
    edge = a_relation(data, LUKASHENKO)
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
    curator.add([d({"kind": "merge", "source": LUKASHEVICH, "target": LUKASHENKO})])
    curator.add([d({"kind": "merge", "source": LUKASHENKO, "target": WANG})])
    ids = {n.id for n in store.export().nodes}
    assert LUKASHEVICH not in ids and LUKASHENKO not in ids and WANG in ids
    reingest_all(store, cached_extractor)
    ids = {n.id for n in store.export().nodes}
    assert LUKASHEVICH not in ids and LUKASHENKO not in ids and WANG in ids


def test_an_alias_joins_later_mentions_and_undoes_exactly(
    store: GraphStore, reference: SqliteStore, cached_extractor: CachedExtractor
) -> None:
    """An alias is a name of the actor: the actor a later document gives that name joins
    it (the documents that mention Lukashevich come after the alias here), and undoing the
    alias parts them again: the graph the documents alone give, as if it never was."""
    first = DOCS / "union_summit.txt"
    ingest(store, cached_extractor, first)
    curator = Curator(store)
    alias = {"kind": "alias", "node": LUKASHENKO, "alias": "Alexander Lukashevich"}
    [taken] = curator.add([d(alias)])
    assert taken.payload.alias_id == LUKASHEVICH  # type: ignore[union-attr]
    ingest_all(store, cached_extractor)
    data = store.export()
    nodes = {n.id: n for n in data.nodes}
    assert LUKASHEVICH not in nodes and "Alexander Lukashevich" in nodes[LUKASHENKO].aliases
    assert any(
        ev.text == "Alexander Lukashevich"
        for e in data.edges
        if e.type == MENTIONS and e.target == LUKASHENKO
        for ev in e.evidence
    )
    assert_consistent(data)

    curator.undo(taken.id)
    ingest(reference, cached_extractor, first)
    ingest_all(reference, cached_extractor)
    assert canon(store.export()) == canon(reference.export())


def with_alias(data: GraphData, node: str, alias: str) -> GraphData:
    nodes = [
        n.model_copy(update={"aliases": sorted({*n.aliases, alias})}) if n.id == node else n
        for n in data.nodes
    ]
    return GraphData(nodes=nodes, edges=data.edges)


def test_not_same_keeps_resolution_from_joining(
    store: GraphStore, cached_extractor: CachedExtractor
) -> None:
    """A graph imported from elsewhere (another extraction) in which Lukashenko carries
    Lukashevich's name as an alias: resolution joins the next mention of Lukashevich to
    him; a not-same decision keeps them apart."""
    ingest_all(store, cached_extractor)
    imported = with_alias(store.export(), LUKASHENKO, "Alexander Lukashevich")

    store.clear()
    store.import_graph(imported)
    reingest_mentioning(store, cached_extractor, LUKASHEVICH)
    assert LUKASHEVICH not in {n.id for n in store.export().nodes}  # joined: what we guard against

    store.clear()
    store.clear_curation()
    store.import_graph(imported)
    Curator(store).add([d({"kind": "not_same", "a": LUKASHEVICH, "b": LUKASHENKO})])
    reingest_mentioning(store, cached_extractor, LUKASHEVICH)
    data = store.export()
    assert {LUKASHEVICH, LUKASHENKO} <= {n.id for n in data.nodes}
    assert any(e.type == MENTIONS and e.target == LUKASHEVICH for e in data.edges)


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
    ([{"kind": "merge", "source": "person:nobody", "target": LUKASHENKO}], "unknown"),
    ([{"kind": "merge", "source": LUKASHENKO, "target": LUKASHENKO}], "into itself"),
    ([{"kind": "retype", "node": LUKASHENKO, "type": "Planet"}], "unknown type"),
    (
        [
            {"kind": "merge", "source": LUKASHEVICH, "target": LUKASHENKO},
            {"kind": "merge", "source": LUKASHENKO, "target": LUKASHEVICH},
        ],
        "cycle",
    ),
    ([{"kind": "hide", "node": "doc:duma_session"}], "document"),
    (
        [
            {
                "kind": "add",
                "source": LUKASHENKO,
                "target": WANG,
                "type": "HOSTED",
                "note": "x",
            }
        ],
        "schema",
    ),
    ([{"kind": "split", "node": WANG}], "no other written form"),
    (
        [{"kind": "alias", "node": LUKASHENKO, "alias": "Alexander Lukashevich"}],
        "an actor of its own",
    ),
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
    Curator(store).add([d({"kind": "not_same", "a": LUKASHEVICH, "b": LUKASHENKO})])
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
    assert {LUKASHEVICH, LUKASHENKO} <= ids  # and the hand-made relation went back
    assert [
        (e.type, e.source, e.target)
        for e in store.export().edges
        if e.evidence[0].rule == "curation:add"
    ] == [("MET_WITH", LUKASHEVICH, WANG)]


def test_undoing_the_batch_after_a_reingest_gives_back_the_original_export(
    store: GraphStore, cached_extractor: CachedExtractor
) -> None:
    """Documents read again while decisions stand are resolved against the graph as the
    documents alone make it: no renamed name or merged alias slips into what they keep,
    so undoing every decision still gives back the graph before them."""
    ingest_all(store, cached_extractor)
    original = canon(store.export())
    curator = Curator(store)
    taken = curator.add(batch(store.export()))
    reingest_all(store, cached_extractor)
    for decision in reversed(taken):
        curator.undo(decision.id)
    assert curator.log() == []
    assert canon(store.export()) == original


def test_a_hidden_actor_stays_hidden_when_a_later_document_names_it_otherwise(
    store: GraphStore, reference: SqliteStore, cached_extractor: CachedExtractor, tmp_path: Path
) -> None:
    """A later document that writes only "Lukashenko" is resolved as the documents alone
    would resolve it, to the hidden actor, not to a new actor that would bring him back."""
    minsk = tmp_path / "minsk_talks.txt"
    minsk.write_text(
        "Minsk talks\n\nMINSK, 9 June 2023. President Lukashenko received the delegation in"
        " Minsk on Friday. Lukashenko said Belarus was ready to cooperate.\n"
    )
    first = DOCS / "duma_session.txt"
    ingest(store, cached_extractor, first)
    curator = Curator(store)
    [hidden] = curator.add([d({"kind": "hide", "node": LUKASHENKO})])
    ingest(store, cached_extractor, minsk)
    data = store.export()
    assert not [n.id for n in data.nodes if "lukashenko" in n.id], "the hidden actor is back"

    curator.undo(hidden.id)
    ingest(reference, cached_extractor, first)
    ingest(reference, cached_extractor, minsk)
    assert canon(store.export()) == canon(reference.export())
    mentions = {e.source for e in store.export().edges if e.type == MENTIONS}
    assert "doc:minsk_talks" in mentions
