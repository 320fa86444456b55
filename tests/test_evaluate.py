from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.evaluate import (
    EvaluationReport,
    GoldDocument,
    load_gold,
    parse_gold,
    score,
    select_split,
)
from graph.model import Edge, Evidence, GraphData, Node, fold, slug
from graph.schema import load_schema

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"

GOLD = {
    "document": "sample.txt",
    "entities": [
        {"type": "Person", "name": "Vyacheslav Volodin", "aliases": ["Volodin"]},
        {"type": "Person", "name": "Juan Esteban Lazo Hernández", "aliases": []},
        {"type": "Institution", "name": "State Duma", "aliases": []},
        {"type": "Country", "name": "Russia", "aliases": ["Russian Federation"]},
        {"type": "Country", "name": "Cuba", "aliases": []},
        {"type": "City", "name": "Moscow", "aliases": []},
    ],
    "relations": [
        {
            "type": "HOLDS_ROLE",
            "source": "Vyacheslav Volodin",
            "target": "State Duma",
            "role": "Chairman",
        },
        {
            "type": "MET_WITH",
            "source": "Vyacheslav Volodin",
            "target": "Juan Esteban Lazo Hernández",
        },
        {"type": "COOPERATES_WITH", "source": "Russia", "target": "Cuba"},
        {"type": "PART_OF", "source": "State Duma", "target": "Russia"},
    ],
}
DOC_ID = "doc:sample"


def gold() -> list[GoldDocument]:
    return [parse_gold(GOLD)]


def evidence(doc_id: str = DOC_ID) -> list[Evidence]:
    return [Evidence(document=doc_id, sentence="...", start=0, end=3)]


def graph(
    entities: list[tuple[str, str, str, list[str]]],
    relations: list[tuple[str, str, str, dict[str, str]]],
    doc_id: str = DOC_ID,
) -> GraphData:
    """entities: (id, type, name, aliases); relations: (type, source id, target id, props)."""
    nodes = [Node(id=doc_id, type="Document", name="sample.txt")]
    edges = []
    for node_id, node_type, name, aliases in entities:
        nodes.append(Node(id=node_id, type=node_type, name=name, aliases=aliases))
        edges.append(
            Edge(
                id=f"m:{node_id}",
                source=doc_id,
                target=node_id,
                type="MENTIONS",
                evidence=evidence(doc_id),
            )
        )
    for index, (rel_type, source, target, props) in enumerate(relations):
        edges.append(
            Edge(
                id=f"r{index}",
                source=source,
                target=target,
                type=rel_type,
                evidence=evidence(doc_id),
                **props,
            )
        )
    return GraphData(nodes=nodes, edges=edges)


PERFECT_ENTITIES = [
    ("person:volodin", "Person", "Vyacheslav Volodin", []),
    ("person:lazo", "Person", "Juan Esteban Lazo Hernández", []),
    ("institution:duma", "Institution", "State Duma", []),
    ("country:russia", "Country", "Russia", []),
    ("country:cuba", "Country", "Cuba", []),
    ("city:moscow", "City", "Moscow", []),
]
PERFECT_RELATIONS = [
    ("HOLDS_ROLE", "person:volodin", "institution:duma", {"role": "Chairman"}),
    ("MET_WITH", "person:volodin", "person:lazo", {}),
    ("COOPERATES_WITH", "country:russia", "country:cuba", {}),
    ("PART_OF", "institution:duma", "country:russia", {}),
]


def row(report: EvaluationReport, kind: str, label: str) -> dict[str, float]:
    rows = report.entity_rows if kind == "entities" else report.relation_rows
    return next(r.to_dict() for r in rows if r.label == label)


def test_perfect_prediction_scores_one() -> None:
    report = score(graph(PERFECT_ENTITIES, PERFECT_RELATIONS), gold())
    for kind in ("entities", "relations"):
        overall = row(report, kind, "all")
        assert overall["precision"] == overall["recall"] == overall["f1"] == 1.0
    assert report.roles.exact_accuracy == 1.0
    assert not report.entity_false_positives and not report.entity_false_negatives
    assert not report.relation_false_positives and not report.relation_false_negatives
    assert report.documents[0].found


def test_accepts_the_json_export() -> None:
    export = graph(PERFECT_ENTITIES, PERFECT_RELATIONS).model_dump()
    report = score(json.loads(json.dumps(export)), gold())
    assert report.entities.f1 == 1.0 and report.relations.f1 == 1.0
    json.dumps(report.to_dict())


def test_missing_entity_lowers_recall_only() -> None:
    entities = [e for e in PERFECT_ENTITIES if e[0] != "city:moscow"]
    report = score(graph(entities, PERFECT_RELATIONS), gold())
    assert report.entities.precision == 1.0
    assert report.entities.recall == pytest.approx(5 / 6)
    assert row(report, "entities", "City")["fn"] == 1
    assert [e.name for e in report.entity_false_negatives] == ["Moscow"]
    assert report.relations.f1 == 1.0


def test_wrong_type_is_false_positive_and_false_negative() -> None:
    entities = [e for e in PERFECT_ENTITIES if e[0] != "city:moscow"]
    entities.append(("institution:moscow", "Institution", "Moscow", []))
    report = score(graph(entities, PERFECT_RELATIONS), gold())
    assert (report.entities.tp, report.entities.fp, report.entities.fn) == (5, 1, 1)
    assert row(report, "entities", "Institution")["fp"] == 1
    assert row(report, "entities", "City")["fn"] == 1
    assert [(e.type, e.node_id) for e in report.entity_false_positives] == [
        ("Institution", "institution:moscow")
    ]


def test_symmetric_relation_in_reverse_order_matches() -> None:
    relations = [
        ("HOLDS_ROLE", "person:volodin", "institution:duma", {"role": "Chairman"}),
        ("MET_WITH", "person:lazo", "person:volodin", {}),
        ("COOPERATES_WITH", "country:cuba", "country:russia", {}),
        ("PART_OF", "institution:duma", "country:russia", {}),
    ]
    report = score(graph(PERFECT_ENTITIES, relations), gold())
    assert report.relations.f1 == 1.0


def test_asymmetric_relation_in_reverse_order_does_not_match() -> None:
    relations = [r for r in PERFECT_RELATIONS if r[0] != "PART_OF"]
    relations.append(("PART_OF", "country:russia", "institution:duma", {}))
    report = score(graph(PERFECT_ENTITIES, relations), gold())
    part_of = row(report, "relations", "PART_OF")
    assert (part_of["tp"], part_of["fp"], part_of["fn"]) == (0, 1, 1)


def test_alias_matching_ignores_accents_and_case() -> None:
    entities = [
        ("person:volodin", "Person", "VOLODIN", []),
        ("person:lazo", "Person", "Juan Esteban Lazo Hernandez", []),
        ("institution:duma", "Institution", "Gosduma", ["State Duma"]),
        ("country:russia", "Country", "Russian federation", []),
        ("country:cuba", "Country", "Cuba", []),
        ("city:moscow", "City", "Moskva", ["Moscow"]),
    ]
    report = score(graph(entities, PERFECT_RELATIONS), gold())
    assert report.entities.f1 == 1.0
    assert report.relations.f1 == 1.0


def test_each_gold_entity_matches_one_node() -> None:
    entities = [*PERFECT_ENTITIES, ("person:volodin-2", "Person", "Volodin", [])]
    relations = [("MET_WITH", "person:volodin-2", "person:lazo", {})]
    report = score(graph(entities, relations), gold())
    assert (report.entities.tp, report.entities.fp) == (6, 1)
    # The exact-name node wins the gold entity, so the duplicate's relation does not count.
    assert report.entity_false_positives[0].node_id == "person:volodin-2"
    assert report.relations.tp == 0


def test_role_is_reported_but_not_required() -> None:
    relations = [r for r in PERFECT_RELATIONS if r[0] != "HOLDS_ROLE"]
    relations.append(("HOLDS_ROLE", "person:volodin", "institution:duma", {"role": "Speaker"}))
    report = score(graph(PERFECT_ENTITIES, relations), gold())
    assert report.relations.f1 == 1.0
    assert report.roles.total == 1 and report.roles.exact == 0
    assert report.role_mismatches[0].predicted_role == "Speaker"


def test_relations_from_other_documents_are_ignored() -> None:
    data = graph(PERFECT_ENTITIES, PERFECT_RELATIONS)
    data.edges.append(
        Edge(
            id="other",
            source="country:russia",
            target="country:cuba",
            type="SANCTIONED",
            evidence=evidence("doc:other"),
        )
    )
    report = score(data, gold())
    assert report.relations.fp == 0


def test_doc_ids_override_and_missing_document() -> None:
    data = graph(PERFECT_ENTITIES, PERFECT_RELATIONS, doc_id="doc:custom")
    assert score(data, gold()).entities.recall == 0.0
    report = score(data, gold(), doc_ids={"sample.txt": "doc:custom"})
    assert report.entities.f1 == 1.0 and report.relations.f1 == 1.0


def test_parse_gold_rejects_unknown_endpoint() -> None:
    bad = dict(GOLD, relations=[{"type": "MET_WITH", "source": "Volodin", "target": "Cuba"}])
    with pytest.raises(ValueError, match="endpoint"):
        parse_gold(bad)


# --- the gold files themselves ------------------------------------------------------------


GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


def test_gold_files_exist_for_every_seed() -> None:
    assert GOLD_FILES
    documents = {doc.document for doc in load_gold(GOLD_DIR)}
    for document in documents:
        assert (SEEDS / document).is_file(), document
    assert {p.stem for p in GOLD_FILES} == {Path(d).stem for d in documents}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_valid(path: Path) -> None:
    schema = load_schema()
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["document"] == f"{path.stem}.txt"
    entities = {e["name"]: e for e in raw["entities"]}
    assert len(entities) == len(raw["entities"]), "duplicate entity names"

    seen: dict[tuple[str, str], str] = {}
    for entity in raw["entities"]:
        assert entity["type"] in schema.entity_types, entity
        for surface in (entity["name"], *entity.get("aliases", [])):
            key = (entity["type"], fold(surface))
            assert seen.setdefault(key, entity["name"]) == entity["name"], (
                f"{surface!r} names both {seen[key]!r} and {entity['name']!r}"
            )

    facts = set()
    for rel in raw["relations"]:
        assert rel["type"] in schema.relations and rel["type"] != "MENTIONS", rel
        relation = schema.relations[rel["type"]]
        assert rel["source"] in entities, rel
        assert rel["target"] in entities, rel
        src_type = entities[rel["source"]]["type"]
        dst_type = entities[rel["target"]]["type"]
        assert relation.allows(src_type, dst_type), (rel, src_type, dst_type)
        assert ("role" in rel) == ("role" in relation.properties), rel
        ends = (rel["source"], rel["target"])
        fact = (rel["type"], *(sorted(ends) if relation.symmetric else ends), rel.get("role"))
        assert fact not in facts, f"duplicate relation {rel}"
        facts.add(fact)


def test_gold_names_appear_in_their_document() -> None:
    """Aliases are surface forms, so each alias (folded) must occur in the folded text."""
    for doc in load_gold(GOLD_DIR):
        text = fold((SEEDS / doc.document).read_text(encoding="utf-8"))
        for entity in doc.entities:
            for alias in entity.aliases:
                assert fold(alias) in text, (doc.document, entity.name, alias)


def test_shared_event_has_one_name_across_documents() -> None:
    events = [
        {e.name for e in doc.entities if e.type == "Event" and "Latin America" in e.name}
        for doc in load_gold(GOLD_DIR)
    ]
    assert len(events) >= 2 and all(len(names) == 1 for names in events)
    assert len(set.union(*events)) == 1


def test_gold_scores_perfectly_against_itself() -> None:
    """Turning the gold into a graph and scoring it must give 1.0: the scorer and files agree."""
    docs = load_gold(GOLD_DIR)
    nodes: dict[str, Node] = {}
    edges: list[Edge] = []
    for doc in docs:
        doc_id = doc.default_doc_id
        nodes[doc_id] = Node(id=doc_id, type="Document", name=doc.document)
        ids = {}
        for entity in doc.entities:
            node_id = f"{entity.type.lower()}:{slug(entity.name)}"
            ids[entity.name] = node_id
            nodes.setdefault(
                node_id,
                Node(id=node_id, type=entity.type, name=entity.name, aliases=list(entity.aliases)),
            )
            edges.append(
                Edge(
                    id=f"m:{doc_id}:{node_id}",
                    source=doc_id,
                    target=node_id,
                    type="MENTIONS",
                    evidence=evidence(doc_id),
                )
            )
        for index, rel in enumerate(doc.relations):
            props = {"role": rel.role} if rel.role else {}
            edges.append(
                Edge(
                    id=f"r:{doc_id}:{index}",
                    source=ids[rel.source],
                    target=ids[rel.target],
                    type=rel.type,
                    evidence=evidence(doc_id),
                    **props,
                )
            )
    report = score(GraphData(nodes=list(nodes.values()), edges=edges), docs)
    assert report.entities.f1 == 1.0
    assert report.relations.f1 == 1.0
    assert report.roles.exact_accuracy == 1.0


def test_one_actor_in_several_nodes_counts_as_a_duplicate() -> None:
    entities = [
        *PERFECT_ENTITIES,
        ("person:volodin-2", "Person", "Volodin", []),  # a bare surname left unjoined
        ("institution:volodin", "Institution", "Vyacheslav Volodin", []),  # typed wrong
        ("person:lazo-2", "Person", "Juan Esteban Lazo Hernandes", []),  # a near spelling
    ]
    report = score(graph(entities, PERFECT_RELATIONS), gold())
    by_name = {d.name: d.nodes for d in report.duplicate_actors}
    assert sorted(by_name) == ["Juan Esteban Lazo Hernández", "Vyacheslav Volodin"]
    assert set(by_name["Vyacheslav Volodin"]) == {"Vyacheslav Volodin", "Volodin"}
    assert report.documents[0].duplicates == 2
    assert report.duplicates_per_10_documents == 20.0
    lines = report.duplicate_lines()
    assert lines[0] == "duplicate actors: 2 in 1 documents (20.0 per 10)"
    assert any(line.startswith("  sample.txt: Vyacheslav Volodin = ") for line in lines)
    # a held-out half is scored without naming what is in it
    assert report.duplicate_lines(name_documents=False) == lines[:1]


def test_no_duplicates_when_every_actor_has_one_node() -> None:
    report = score(graph(PERFECT_ENTITIES, PERFECT_RELATIONS), gold())
    assert report.duplicate_actors == []


def test_split_file_selects_a_part(tmp_path: Path) -> None:
    docs = [parse_gold({**GOLD, "document": f"{n}.txt"}) for n in ("a", "b", "c")]
    lists = tmp_path / "lists.toml"
    lists.write_text('tune = ["a.txt", "b"]\nreport = ["c.txt"]\n')
    assert [g.document for g in select_split(docs, lists, "tune")] == ["a.txt", "b.txt"]
    tables = tmp_path / "tables.toml"
    tables.write_text('[[doc]]\nfile = "c.txt"\nsplit = "report"\n')
    assert [g.document for g in select_split(docs, tables, "report")] == ["c.txt"]
    everything = tmp_path / "all.toml"
    everything.write_text('report = ["a", "b", "c"]\n')
    with pytest.raises(ValueError, match="no documents"):
        select_split(docs, everything, "tune")


def test_a_part_the_split_leaves_unlisted_is_the_rest(tmp_path: Path) -> None:
    docs = [parse_gold({**GOLD, "document": f"{n}.txt"}) for n in ("a", "b", "c")]
    split = tmp_path / "split.toml"
    split.write_text('[report]\nfiles = ["b.txt"]\n')
    assert [g.document for g in select_split(docs, split, "report")] == ["b.txt"]
    assert [g.document for g in select_split(docs, split, "tune")] == ["a.txt", "c.txt"]
