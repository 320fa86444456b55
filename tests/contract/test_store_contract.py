"""What every store must do, written once and run on both (the `store` fixture).

Answers are checked two ways: against what a user relies on (the filter keeps only what it
says, a deleted document leaves no trace, ...) and against the embedded store fed the same
operations (`reference`), so that switching ACTORGRAPH_STORE never changes an answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.blocking import keys_of_names, node_keys
from graph.ingest import Ingestor, Replace, expand_paths
from graph.model import Edge, Evidence, GraphData, Node
from graph.query import GraphFilter
from graph.schema import DOCUMENT, MENTIONS
from graph.store.base import GraphStore, StoreError
from graph.store.sqlite import SqliteStore

from ..conftest import SEEDS
from .conftest import CachedExtractor, canon

MAX_BYTES = 5_000_000


def documents(data: GraphData) -> list[str]:
    return sorted(n.id for n in data.nodes if n.type == DOCUMENT)


def ingest(
    store: GraphStore, extractor: CachedExtractor, *paths: Path, replace: Replace = "same-source"
) -> list[str]:
    ingestor = Ingestor(store, extractor, MAX_BYTES)  # type: ignore[arg-type]
    files, skipped = expand_paths(paths)
    return [r.status for r in ingestor.ingest_files(files, skipped, replace=replace).results]


def evidence_of(data: GraphData, doc_id: str) -> dict[str, list[dict]]:
    """Per edge id, the evidence items read in one document."""
    out: dict[str, list[dict]] = {}
    for e in data.edges:
        items = [ev.model_dump(exclude_none=True) for ev in e.evidence if ev.document == doc_id]
        if items:
            out[e.id] = sorted(items, key=lambda x: (x["start"], x["end"], x.get("text") or ""))
    return out


def assert_consistent(data: GraphData) -> None:
    """No dangling edge, no edge without evidence, no entity nobody mentions."""
    ids = {n.id for n in data.nodes}
    mentioned = {e.target for e in data.edges if e.type == MENTIONS}
    for e in data.edges:
        assert e.source in ids and e.target in ids, e.id
        assert e.evidence, e.id
    for n in data.nodes:
        if n.type != DOCUMENT:
            assert n.id in mentioned, n.id


@pytest.fixture
def seeded(store: GraphStore, seeds_graph: GraphData) -> GraphStore:
    store.import_graph(seeds_graph)
    return store


@pytest.fixture
def seeded_reference(reference: SqliteStore, seeds_graph: GraphData) -> SqliteStore:
    reference.import_graph(seeds_graph)
    return reference


# ---- ingestion ----
def test_seeds_ingested_export_exactly_as_in_the_embedded_store(
    store: GraphStore, cached_extractor: CachedExtractor, seeds_graph: GraphData
) -> None:
    """The headline check: the same documents give the same graph in either store."""
    assert ingest(store, cached_extractor, SEEDS) == ["ingested", "ingested"]
    exported = store.export()
    assert canon(exported) == canon(seeds_graph)
    assert_consistent(exported)
    assert store.stats().documents == 2


def test_reingesting_changes_nothing(
    store: GraphStore, cached_extractor: CachedExtractor, seeds_graph: GraphData
) -> None:
    ingest(store, cached_extractor, SEEDS)
    before = canon(store.export())
    assert ingest(store, cached_extractor, SEEDS) == ["unchanged", "unchanged"]
    assert canon(store.export()) == before

    # replacing a document with the very same contribution is a no-op too
    doc_id = documents(seeds_graph)[0]
    contribution = _contribution(seeds_graph, doc_id)
    store.replace_document(doc_id, contribution)
    store.replace_document(doc_id, contribution)
    assert canon(store.export()) == before


def test_a_changed_document_replaces_only_its_own_contribution(
    store: GraphStore,
    reference: SqliteStore,
    cached_extractor: CachedExtractor,
    tmp_path: Path,
) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    ingest(store, cached_extractor, *seeds)
    before = store.export()
    changed_doc, other_doc = documents(before)
    assert changed_doc.endswith(seeds[0].stem)

    # the same file name with the second half of the article cut off
    text = seeds[0].read_text(encoding="utf-8")
    cut = text[: text.index("\n", len(text) // 2)]
    edited = tmp_path / "edited" / seeds[0].name
    edited.parent.mkdir()
    edited.write_text(cut, encoding="utf-8")
    # from another folder: replacing the stored document is asked for (graph/identity.py)
    assert ingest(store, cached_extractor, edited, replace="always") == ["updated"]
    after = store.export()

    assert evidence_of(after, other_doc) == evidence_of(before, other_doc)
    for items in evidence_of(after, changed_doc).values():
        for ev in items:
            assert ev["end"] <= len(cut)
    gone = {n.id for n in before.nodes} - {n.id for n in after.nodes}
    assert gone, "cutting half the article should drop actors only that half named"
    assert_consistent(after)
    doc_node = next(n for n in after.nodes if n.id == changed_doc)
    assert doc_node.properties["chars"] < len(text)

    ingest(reference, cached_extractor, *seeds)
    ingest(reference, cached_extractor, edited, replace="always")
    assert canon(after) == canon(reference.export())


def test_replacing_a_document_is_all_or_nothing(seeded: GraphStore, seeds_graph: GraphData) -> None:
    doc_id = documents(seeds_graph)[0]
    broken = _contribution(seeds_graph, doc_id)
    broken.edges.append(
        Edge(
            id="rel:broken",
            source=doc_id,
            target="person:nobody-at-all",
            type=MENTIONS,
            evidence=[Evidence(document=doc_id, sentence="x", start=0, end=1, text="x")],
        )
    )
    with pytest.raises(StoreError, match="rel:broken"):
        seeded.replace_document(doc_id, broken)
    assert canon(seeded.export()) == canon(seeds_graph)


def test_delete_document(
    seeded: GraphStore, seeded_reference: SqliteStore, seeds_graph: GraphData
) -> None:
    gone_doc, kept_doc = documents(seeds_graph)
    assert seeded.delete_document(gone_doc) is True
    after = seeded.export()
    assert gone_doc not in {n.id for n in after.nodes}
    assert evidence_of(after, gone_doc) == {}
    assert evidence_of(after, kept_doc) == evidence_of(seeds_graph, kept_doc)
    assert_consistent(after)
    assert seeded.document_fingerprint(gone_doc) is None
    assert seeded.delete_document(gone_doc) is False
    assert seeded.delete_document("doc:never-ingested") is False

    seeded_reference.delete_document(gone_doc)
    assert canon(after) == canon(seeded_reference.export())
    assert seeded.delete_document(kept_doc) is True
    assert seeded.stats().nodes == 0 and seeded.stats().edges == 0


# ---- reads ----
def test_get_node_and_node_edges(
    seeded: GraphStore, seeded_reference: SqliteStore, seeds_graph: GraphData
) -> None:
    for node in seeds_graph.nodes:
        assert seeded.get_node(node.id) == seeded_reference.get_node(node.id) == node
        edges = seeded.node_edges(node.id)
        assert edges == seeded_reference.node_edges(node.id)
        assert [e.id for e in edges] == sorted(e.id for e in edges)
        assert all(node.id in (e.source, e.target) for e in edges)
    assert seeded.get_node("person:nobody") is None
    assert seeded.node_edges("person:nobody") == []


def test_entity_index_documents_and_fingerprints(
    seeded: GraphStore, seeds_graph: GraphData
) -> None:
    entities = seeded.entity_index()
    assert sorted(n.id for n in entities) == sorted(
        n.id for n in seeds_graph.nodes if n.type != DOCUMENT
    )
    docs = documents(seeds_graph)
    assert [n.id for n in seeded.list_documents()] == docs
    assert [n.id for n in seeded.list_documents(limit=1, offset=1)] == docs[1:]
    assert seeded.list_documents(limit=5, offset=5) == []
    for doc in seeds_graph.nodes:
        if doc.type == DOCUMENT:
            assert seeded.document_fingerprint(doc.id) == doc.properties["sha256"]
    assert seeded.document_fingerprint("doc:unknown") is None


def test_stats(seeded: GraphStore, seeded_reference: SqliteStore, seeds_graph: GraphData) -> None:
    stats = seeded.stats()
    assert stats == seeded_reference.stats()
    assert stats.nodes == len(seeds_graph.nodes) == sum(stats.nodes_by_type.values())
    assert stats.edges == len(seeds_graph.edges) == sum(stats.edges_by_type.values())
    assert stats.documents == 2


SEARCHES = [
    "Putin",
    "putin",
    "vladimir",
    "Nicolas Maduro",
    "NICOLÁS",
    "Rodriguez",
    "rodríguez gómez",
    "national assembly",
    "assembly of",
    "Nicaragua",
    "nicaragau",
    "Volodn",
    "duma",
    "latin america",
    "U.S.",
    "us",
    "People's Power",
    "people’s",
    "Saint-Petersburg",
    "forum",
    "russia",
    "x",
    "zzzzqq",
    "",
    "  ",
]


@pytest.mark.parametrize(
    "types", [None, ["Person"], ["Institution", "Country"], [DOCUMENT]], ids=str
)
def test_search_gives_the_embedded_answers(
    seeded: GraphStore, seeded_reference: SqliteStore, types: list[str] | None
) -> None:
    for query in SEARCHES:
        for limit, offset in ((20, 0), (3, 0), (3, 2)):
            got = seeded.search(query, types, limit, offset)
            want = seeded_reference.search(query, types, limit, offset)
            assert [(h.node, h.score, h.match, h.degree) for h in got] == [
                (h.node, h.score, h.match, h.degree) for h in want
            ], (query, limit, offset)
            for h in got:
                assert h.node.type in types if types else h.node.type != DOCUMENT


def test_search_ranking_accents_types_and_degree(seeded: GraphStore) -> None:
    hits = seeded.search("russia")
    assert hits[0].node.id == "country:russia" and hits[0].match == "exact"
    kinds = [h.match for h in hits]
    assert kinds == sorted(kinds, key=["exact", "prefix", "fuzzy"].index)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert "prefix" in kinds

    # accents and case are ignored both ways
    assert seeded.search("nicolas maduro")[0].node.id == "person:nicolas-maduro"
    assert seeded.search("NICOLÁS MADÚRO")[0].node.id == "person:nicolas-maduro"
    assert seeded.search("Jorge Rodríguez")[0].node.id == "person:jorge-rodriguez-gomez"
    # an alias counts as a name
    assert seeded.search("Rosselkhoznadzor")[0].node.id.startswith("institution:federal-service")
    # a typo still finds the actor
    assert "country:nicaragua" in [h.node.id for h in seeded.search("Nicaragau")]

    people = seeded.search("r", types=["Person"], limit=100)
    assert people and all(h.node.type == "Person" for h in people)
    assert DOCUMENT not in {h.node.type for h in seeded.search("russia", limit=100)}
    assert {h.node.type for h in seeded.search("russia", types=[DOCUMENT])} == {DOCUMENT}

    for h in seeded.search("a", limit=100):
        expected = sum(1 for e in seeded.node_edges(h.node.id) if e.type != MENTIONS)
        assert h.degree == expected, h.node.id
    assert seeded.search("") == [] and seeded.search("?!") == []


FILTERS = [
    GraphFilter(),
    GraphFilter(types=["Person"]),
    GraphFilter(types=["Person", "Institution"]),
    GraphFilter(types=["Person", DOCUMENT]),
    GraphFilter(relations=["HOLDS_ROLE"]),
    GraphFilter(relations=["SPOKE_AT", "ATTENDED", "HOSTED"]),
    GraphFilter(relations=[MENTIONS], types=[DOCUMENT, "Country"]),
    GraphFilter(since="2023-09-29"),
    GraphFilter(until="2023-02"),
    GraphFilter(since="2023-02-04", until="2023-09-30"),
    GraphFilter(documents=["doc:000_aed1e656c6466fb5"]),
    GraphFilter(documents=["doc:003_6e32554014a3be8b"], relations=["SANCTIONED", "HOLDS_ROLE"]),
]

CENTRES = [
    "country:russia",
    "event:russia-latin-america-conference-2023",
    "person:vyacheslav-volodin",
    "doc:003_6e32554014a3be8b",
    "person:nobody",
]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: f.model_dump_json(exclude_none=True))
def test_neighbours_with_every_filter(
    seeded: GraphStore, seeded_reference: SqliteStore, flt: GraphFilter, seeds_graph: GraphData
) -> None:
    # the date rule: undated sentences take their document's date
    dated = flt.with_document_dates(
        {n.id: n.properties.get("date") for n in seeds_graph.nodes if n.type == DOCUMENT}
    )
    for centre in CENTRES:
        for depth in (0, 1, 2, 3):
            for limit in (500, 4):
                got = seeded.neighbors(centre, depth, flt, limit)
                want = seeded_reference.neighbors(centre, depth, flt, limit)
                assert got == want, (centre, depth, limit)
                assert len(got.nodes) <= max(limit, 1)
                ids = {n.id for n in got.nodes}
                for n in got.nodes:
                    if n.id != centre:
                        assert flt.keeps_node(n), n.id
                for e in got.edges:
                    assert e.source in ids and e.target in ids
                    assert dated.keeps_edge(e), e.id
                    if flt.documents:
                        assert {ev.document for ev in e.evidence} <= set(flt.documents)


def test_neighbours_grow_with_depth(seeded: GraphStore) -> None:
    sizes = [len(seeded.neighbors("country:cuba", d).nodes) for d in (0, 1, 2, 3)]
    assert sizes[0] == 1 and sizes == sorted(sizes) and sizes[1] < sizes[3]
    one = seeded.neighbors("country:cuba", 1)
    around = {e.target if e.source == "country:cuba" else e.source for e in one.edges}
    assert around <= {n.id for n in one.nodes}


def test_subgraph_of_several_seeds(seeded: GraphStore, seeded_reference: SqliteStore) -> None:
    seeds = ["person:vladimir-putin", "country:nicaragua", "person:nobody", "country:nicaragua"]
    for depth in (0, 1, 2):
        for flt in (GraphFilter(), GraphFilter(types=["Person", "Country"])):
            got = seeded.subgraph(seeds, depth, flt, 40)
            assert got == seeded_reference.subgraph(seeds, depth, flt, 40)
            assert {"person:vladimir-putin", "country:nicaragua"} <= {n.id for n in got.nodes}


PAIRS = [
    ("person:vladimir-putin", "country:nicaragua"),
    ("person:vyacheslav-volodin", "country:cuba"),
    ("person:nicolas-maduro", "institution:state-duma"),
    ("country:united-states", "person:boris-titov"),
    ("region:africa", "city:havana"),
    ("person:vladimir-putin", "person:vladimir-putin"),
    ("person:vladimir-putin", "doc:003_6e32554014a3be8b"),
    ("person:vladimir-putin", "person:nobody"),
]


def test_paths(seeded: GraphStore, seeded_reference: SqliteStore) -> None:
    found_any = False
    for source, target in PAIRS:
        for max_length, k in ((4, 3), (2, 5), (6, 10), (1, 1)):
            got = seeded.paths(source, target, max_length, k)
            want = seeded_reference.paths(source, target, max_length, k)
            assert [(p.nodes, p.edges) for p in got] == [(p.nodes, p.edges) for p in want], (
                source,
                target,
                max_length,
                k,
            )
            assert len(got) <= k
            lengths = [len(p.nodes) - 1 for p in got]
            assert lengths == sorted(lengths) and all(1 <= n <= max_length for n in lengths)
            for p in got:
                found_any = True
                assert p.nodes[0] == source and p.nodes[-1] == target
                assert len(set(p.nodes)) == len(p.nodes)
                for (a, b), e in zip(zip(p.nodes, p.nodes[1:], strict=False), p.edges, strict=True):
                    assert {a, b} == {e.source, e.target} and e.type != MENTIONS
    assert found_any


def test_entity_candidates_are_the_entities_sharing_a_key(
    seeded: GraphStore, seeds_graph: GraphData
) -> None:
    """What resolution compares a new mention with: every entity with one of its blocking
    keys, and no other (the stores answer from an index, the rule is graph/blocking.py)."""
    entities = [n for n in seeds_graph.nodes if n.type != DOCUMENT]
    probes = [
        keys_of_names([("Person", "Putin")]),
        keys_of_names([("Person", "Vladimir Putin"), ("Country", "Cuba")]),
        keys_of_names([("Institution", "National Assembly of People's Power")]),
        {"s:rodriguez", "n:nicaragua", "n:nowhere at all"},
        set().union(*(node_keys(n) for n in entities[:5])),
        {"n:nowhere at all"},
        set(),
    ]
    for keys in probes:
        want = sorted((n for n in entities if node_keys(n) & keys), key=lambda n: n.id)
        got = seeded.entity_candidates(keys)
        assert sorted(got, key=lambda n: n.id) == want, sorted(keys)
    assert seeded.entity_candidates(keys_of_names([("Person", "Putin")]))


def test_version_changes_with_every_write(
    store: GraphStore, seeds_graph: GraphData, cached_extractor: CachedExtractor
) -> None:
    seen = [store.version()]
    store.import_graph(seeds_graph)
    seen.append(store.version())
    doc_id = documents(seeds_graph)[0]
    store.replace_document(doc_id, _contribution(seeds_graph, doc_id))
    seen.append(store.version())
    store.delete_document(doc_id)
    seen.append(store.version())
    store.clear()
    seen.append(store.version())
    assert len(set(seen)) == len(seen), seen


# ---- export and import ----
def test_export_round_trips_exactly(seeded: GraphStore, seeds_graph: GraphData) -> None:
    exported = seeded.export()
    assert canon(exported) == canon(seeds_graph)
    assert [n.id for n in exported.nodes] == sorted(n.id for n in seeds_graph.nodes)
    assert [e.id for e in exported.edges] == sorted(e.id for e in seeds_graph.edges)


def test_odd_values_round_trip_exactly(store: GraphStore) -> None:
    """Quotes, newlines, accents, empty strings and every property type come back as sent."""
    doc = Node(id="doc:odd", type=DOCUMENT, name="Odd «doc»", chars=12, score=0.5, ok=True)
    person = Node(
        id="person:o-brien",
        type="Person",
        name="Seán O'Brien",
        aliases=['O"Brien', "Ó Briain", "line\nbreak"],
        tags=["a", "b"],
        empty=[],
    )
    evidence = [
        Evidence(document="doc:odd", sentence="He said: \"no\";\n 'yes' \\ ok", start=0, end=5),
        Evidence(
            document="doc:odd", sentence="Ünïcödé 😀", start=3, end=9, date="2024-01", text=""
        ),
        Evidence(
            document="doc:odd",
            sentence='a different key: text None is not text ""',
            start=3,
            end=9,
            text=None,
        ),
    ]
    data = GraphData(
        nodes=[doc, person],
        edges=[
            Edge(
                id="rel:odd",
                source="doc:odd",
                target="person:o-brien",
                type=MENTIONS,
                evidence=evidence,
            )
        ],
    )
    store.import_graph(data)
    assert store.get_node("person:o-brien") == person
    assert store.get_node("doc:odd") == doc
    assert store.node_edges("doc:odd") == data.edges  # evidence in its order, exactly
    assert canon(store.export()) == canon(data)


def test_import_merges_by_id_and_evidence_key(
    seeded: GraphStore, seeded_reference: SqliteStore, seeds_graph: GraphData
) -> None:
    doc_id = documents(seeds_graph)[0]
    putin = next(n for n in seeds_graph.nodes if n.id == "person:vladimir-putin")
    edge = next(e for e in seeds_graph.edges if e.target == putin.id and e.type == MENTIONS)
    update = GraphData(
        nodes=[
            Node(
                id=putin.id,
                type="Person",
                name="V. V. Putin",
                aliases=["Vladimir Putin", "В. Путин", "V. V. Putin"],
                born=1952,
                resolved_by=None,
            )
        ],
        edges=[
            edge.model_copy(
                update={
                    "evidence": [
                        edge.evidence[0].model_copy(update={"sentence": "ignored: same key"}),
                        Evidence(document=doc_id, sentence="new", start=1, end=2, text="P"),
                    ]
                }
            )
        ],
    )
    for s in (seeded, seeded_reference):
        s.import_graph(update)
        s.import_graph(update)  # twice: merging is idempotent
    node = seeded.get_node(putin.id)
    assert node is not None and node.name == "V. V. Putin"
    assert node.aliases == sorted({*putin.aliases, "Vladimir Putin", "В. Путин"})
    assert node.properties["born"] == 1952 and node.properties.get("resolved_by") is None
    merged = next(e for e in seeded.node_edges(putin.id) if e.id == edge.id)
    assert merged.evidence == [*edge.evidence, update.edges[0].evidence[1]]
    assert canon(seeded.export()) == canon(seeded_reference.export())


def test_import_refuses_an_edge_to_a_missing_node_and_keeps_nothing(store: GraphStore) -> None:
    data = GraphData(
        nodes=[Node(id="person:a", type="Person", name="A")],
        edges=[Edge(id="rel:x", source="person:a", target="person:b", type="MET_WITH")],
    )
    with pytest.raises(StoreError, match="rel:x"):
        store.import_graph(data)
    assert store.stats().nodes == 0


def test_export_of_one_store_imports_identically_into_another(
    seeded: GraphStore, tmp_path: Path, seeds_graph: GraphData
) -> None:
    other = SqliteStore(tmp_path / "other")
    other.import_graph(seeded.export())
    assert canon(other.export()) == canon(seeded.export()) == canon(seeds_graph)
    seeded.clear()
    seeded.import_graph(other.export())
    assert canon(seeded.export()) == canon(seeds_graph)


def test_clear(seeded: GraphStore) -> None:
    seeded.clear()
    assert seeded.stats().nodes == 0
    assert seeded.export() == GraphData()
    assert seeded.search("russia") == []


def _contribution(data: GraphData, doc_id: str) -> GraphData:
    """What one document put in a graph: its node, its evidence, the nodes that touches."""
    edges = []
    for e in data.edges:
        evidence = [ev for ev in e.evidence if ev.document == doc_id]
        if evidence:
            edges.append(e.model_copy(update={"evidence": evidence}))
    ids = {doc_id} | {e.source for e in edges} | {e.target for e in edges}
    return GraphData(nodes=[n for n in data.nodes if n.id in ids], edges=edges)
