"""The Cypher export run on a real, empty Neo4j: it must recreate the graph exactly as the
Neo4j store lays it out, so that actorgraph opens it and answers as before."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from graph.config import Neo4jSettings
from graph.export import render
from graph.model import Edge, Evidence, GraphData, Node
from graph.store.sqlite import SqliteStore

pytestmark = pytest.mark.neo4j

TRICKY = [
    "O'Neil",
    'say "hi"',
    "back\\slash \\' \\\\'",
    "two\nlines\r\nand\ttab",
    "Lazo Hernández — «Cuba» 北京 😀",
    "ends with backslash\\",
    "bell\x07 and \u2028 separator",
    "'); MATCH (n) DETACH DELETE n; //",
    "US$20 billion, $param",
]


def _canon(data: GraphData) -> dict:
    return json.loads(data.sorted().model_dump_json(exclude_none=True))


def _statements(script: str) -> list[str]:
    out = []
    for chunk in script.split(";\n"):
        code = "\n".join(line for line in chunk.splitlines() if not line.startswith("//"))
        if code.strip():
            out.append(code)
    return out


@pytest.fixture
def empty_neo4j(neo4j_settings: Neo4jSettings) -> Iterator[object]:
    """A session on a Neo4j database with no data, constraints or indexes; afterwards the
    store's schema is put back and the data wiped, for the tests that follow."""
    import neo4j

    from graph.store.neo4j import Neo4jStore

    driver = neo4j.GraphDatabase.driver(
        neo4j_settings.uri,
        auth=(neo4j_settings.user, neo4j_settings.password.get_secret_value()),
    )
    try:
        with driver.session(database=neo4j_settings.database) as session:
            session.run("MATCH (n) DETACH DELETE n").consume()
            for record in list(session.run("SHOW CONSTRAINTS YIELD name")):
                session.run(f"DROP CONSTRAINT `{record['name']}`").consume()
            for record in list(session.run("SHOW INDEXES YIELD name, type")):
                if record["type"] != "LOOKUP":
                    session.run(f"DROP INDEX `{record['name']}`").consume()
            yield session
    finally:
        driver.close()
        store = Neo4jStore(neo4j_settings)
        store.ensure_schema()
        store.clear()
        store.close()


def _run(session, script: bytes) -> None:  # noqa: ANN001
    for statement in _statements(script.decode("utf-8")):
        session.run(statement).consume()
    session.run("CALL db.awaitIndexes(300)").consume()


def test_script_recreates_the_seeds_and_actorgraph_reads_them_back(
    empty_neo4j, neo4j_settings: Neo4jSettings, seeds_graph: GraphData, tmp_path
) -> None:
    from graph.store.neo4j import Neo4jStore

    script = render(seeds_graph, "cypher")
    _run(empty_neo4j, script)
    store = Neo4jStore(neo4j_settings)
    try:
        assert _canon(store.export()) == _canon(seeds_graph)
        # the schema came with it: search (full-text and folded names) and paths answer
        hits = store.search("putin")
        assert hits and hits[0].node.id == "person:vladimir-putin"
        assert store.search("lazo hernandez")[0].node.name == "Juan Esteban Lazo Hernández"
        reference = SqliteStore(tmp_path)
        reference.import_graph(seeds_graph)
        a, b = "person:vyacheslav-volodin", "country:cuba"
        assert [p.nodes for p in store.paths(a, b, 5, 3)] == [
            p.nodes for p in reference.paths(a, b, 5, 3)
        ]
        # running it again changes nothing (MERGE on id)
        _run(empty_neo4j, script)
        assert _canon(store.export()) == _canon(seeds_graph)
    finally:
        store.close()


def test_script_escapes_every_awkward_string(empty_neo4j, neo4j_settings: Neo4jSettings) -> None:
    from graph.store.neo4j import Neo4jStore

    nodes = [
        Node(id=f"person:tricky-{i}", type="Person", name=text, aliases=[text + "!"], note=text)
        for i, text in enumerate(TRICKY)
    ]
    nodes.append(Node(id="doc:tricky", type="Document", name="Tricky", text="\n".join(TRICKY)))
    edges = [
        Edge(
            id=f"rel:tricky-{i}",
            source=nodes[i].id,
            target=nodes[i + 1].id,
            type="MET_WITH",
            evidence=[Evidence(document="doc:tricky", sentence=TRICKY[i], start=0, end=1)],
            role=TRICKY[i + 1],
        )
        for i in range(len(TRICKY) - 1)
    ]
    edges += [
        Edge(
            id=f"rel:mention-{i}",
            source="doc:tricky",
            target=n.id,
            type="MENTIONS",
            evidence=[
                Evidence(document="doc:tricky", sentence=n.name, start=i, end=i + 1, text=n.name)
            ],
        )
        for i, n in enumerate(nodes[:-1])
    ]
    data = GraphData(nodes=nodes, edges=edges)
    _run(empty_neo4j, render(data, "cypher"))
    store = Neo4jStore(neo4j_settings)
    try:
        assert _canon(store.export()) == _canon(data)
    finally:
        store.close()
