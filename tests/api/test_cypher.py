from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graph.cypher_guard import WriteQueryRefused, check_read_only, strip_literals_and_comments
from tests.api.assertions import assert_problem

READS = [
    "MATCH (n:Person) RETURN n.name LIMIT 10",
    "MATCH (p:Person)-[r:HOLDS_ROLE]->(i) WHERE i.name = $org RETURN p.name, r.role",
    "MATCH (n) WHERE n.name = 'CREATE (x) SET x.a = 1' RETURN n",
    'MATCH (n) WHERE n.name = "DELETE everything; DROP DATABASE neo4j" RETURN n',
    "MATCH (n) // CREATE (m)\nRETURN n",
    "MATCH (n) /* MERGE (m) ; DETACH DELETE n */ RETURN count(n)",
    "MATCH (n:`SET`)-[r:`DELETE`]->(m) RETURN n",  # quoted names
    "MATCH (n) RETURN n.created, n.set, n.merged_at, n.`delete`",  # properties
    "MATCH (n) WITH n.name AS settlement, n.createdAt AS creation RETURN settlement, creation",
    "MATCH (n) WHERE n.name = 'it\\'s CREATE' RETURN n",  # escaped quote inside a string
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.relationshipTypes()",
    "CALL { MATCH (n) RETURN n LIMIT 1 } RETURN n",
    "MATCH p = shortestPath((a {id: $a})-[*..4]-(b {id: $b})) RETURN p",
    "SHOW INDEXES",
    "MATCH (n) RETURN n;",
    "RETURN $create AS param_named_like_a_keyword",
    "UNWIND [1, 2, 3] AS x RETURN x ORDER BY x DESC",
]

WRITES = [
    ("CREATE (n:Person {name: 'x'})", "CREATE"),
    ("create (n)", "CREATE"),
    ("MATCH (n) MERGE (m {id: 1})", "MERGE"),
    ("MATCH (n) SET n.name = 'x'", "SET"),
    ("MATCH (n) DELETE n", "DELETE"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("MATCH (n) WITH n LIMIT 1 FOREACH (x IN [1] | SET n.a = x)", "FOREACH"),
    ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD"),
    ("DROP INDEX actorgraph_node_type", "DROP"),
    ("DROP DATABASE neo4j", "DROP"),
    ("CALL apoc.create.node(['X'], {}) YIELD node RETURN node", "apoc.create."),
    ("CALL db.createLabel('X')", "db.createLabel"),
    ("CALL dbms.security.createUser('x', 'y')", "dbms.security.createUser"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "apoc.periodic."),
    ("RETURN apoc.cypher.runFirstColumnSingle('CREATE (n) RETURN n', {})", "apoc.cypher."),
    ("CALL `apoc`.`create`.node(['X'], {})", "CALL"),
    ("MATCH (n) RETURN n; MATCH (m) DELETE m", "one statement"),
    ("MATCH (n) RETURN n; CREATE (m)", "one statement"),
    ("CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS", "DETACH"),
    ("MATCH (n) CALL { WITH n SET n.x = 1 } RETURN n", "SET"),
    ("ALTER DATABASE neo4j SET ACCESS READ WRITE", "ALTER"),
    ("GRANT ROLE admin TO bob", "GRANT"),
    ("START DATABASE neo4j", "START"),
    ("USE system SHOW USERS", "USE"),
    ("INSERT (n:Person {name: 'x'})", "INSERT"),
    ("MATCH (n)\nDeLeTe\nn", "DELETE"),
    ("MATCH (n) /* a comment */ SET n.a = 1", "SET"),
    ("MATCH (n) WHERE n.name = 'a' SET n.b = 'CREATE'", "SET"),
    ("MATCH (n) WHERE n.name = 'unterminated", "unterminated"),
    ("MATCH (n) /* unterminated comment", "unterminated"),
    ("MATCH (n:`unterminated) RETURN n", "unterminated"),
    ("   ", "empty"),
    ("// only a comment", "empty"),
]


@pytest.mark.parametrize("query", READS)
def test_read_queries_pass_the_guard(query: str) -> None:
    check_read_only(query)


@pytest.mark.parametrize(("query", "named"), WRITES)
def test_write_and_admin_queries_are_refused_naming_what(query: str, named: str) -> None:
    with pytest.raises(WriteQueryRefused) as exc:
        check_read_only(query)
    assert named.lower() in str(exc.value).lower()


def test_stripping_keeps_the_code_and_blanks_literals_and_comments() -> None:
    q = "MATCH (n:`My Label`) WHERE n.a = 'x // y' AND n.b = \"z\" // note\nRETURN n /* c */"
    out = strip_literals_and_comments(q)
    assert "x // y" not in out and "note" not in out and " c " not in out and "My Label" not in out
    assert out.startswith("MATCH (n:") and "RETURN n" in out and "n.a = ''" in out


ROLES = {
    "query": "MATCH (p:Person)-[r:HOLDS_ROLE]->(i) WHERE i.name = $org "
    "RETURN p.name AS person, r.role AS role ORDER BY person",
    "params": {"org": "State Duma"},
}


def test_cypher_console(client: TestClient, store_kind: str) -> None:
    r = client.post("/api/cypher", json=ROLES)
    if store_kind == "embedded":
        body = assert_problem(r, 501)
        assert "Neo4j" in body["detail"] and "ACTORGRAPH_STORE=neo4j" in body["detail"]
        return
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["person", "role"] and body["truncated"] is False
    assert ["Vyacheslav Volodin", "Chairman"] in body["rows"]
    assert [row[0] for row in body["rows"]] == sorted(row[0] for row in body["rows"])


def test_cypher_request_is_validated_before_anything(client: TestClient) -> None:
    assert_problem(client.post("/api/cypher", json={"query": ""}), 422)
    assert_problem(client.post("/api/cypher", json={}), 422)
    assert_problem(client.post("/api/cypher", json={"query": "RETURN 1", "limit": 0}), 422)


@pytest.mark.neo4j
def test_cypher_console_on_neo4j(neo4j_client: TestClient) -> None:
    client = neo4j_client
    stats = client.get("/api/stats").json()
    # writes never reach the server
    for query, _ in WRITES[:12]:
        r = client.post("/api/cypher", json={"query": query})
        assert "refused" in assert_problem(r, 400)["detail"]
    assert client.get("/api/stats").json() == stats
    # the row cap, with the flag saying rows were left out
    r = client.post("/api/cypher", json={"query": "MATCH (n:Person) RETURN n", "limit": 3})
    body = r.json()
    assert len(body["rows"]) == 3 and body["truncated"] is True and body["row_cap"] == 3
    node = body["rows"][0][0]
    assert node["kind"] == "node" and "Person" in node["labels"] and node["properties"]["name"]
    # paths come back as JSON too
    r = client.post(
        "/api/cypher",
        json={
            "query": "MATCH p = (a:Person {id: $a})-[*1..2]-(b:Person {id: $b}) RETURN p LIMIT 1",
            "params": {"a": "person:vyacheslav-volodin", "b": "person:juan-esteban-lazo-hernandez"},
        },
    )
    path = r.json()["rows"][0][0]
    assert path["kind"] == "path" and path["relationships"]
    # a syntax error is the user's: 400 with Neo4j's explanation
    body = assert_problem(client.post("/api/cypher", json={"query": "MATCH (n RETURN n"}), 400)
    assert "n" in body["detail"]


@pytest.mark.neo4j
def test_read_transaction_stops_a_write_that_passes_the_guard(
    neo4j_client: TestClient, neo4j_settings
) -> None:
    """The second lock on its own: the store's READ transaction refuses a write even when
    the guard is not asked (here: the store method called directly)."""
    from graph.store.base import QueryError
    from graph.store.neo4j import Neo4jStore

    store = Neo4jStore(neo4j_settings)
    try:
        with pytest.raises(QueryError, match="write"):
            store.run_read_query("CREATE (n:Probe {id: 'probe'}) RETURN n", {}, 5.0, 10)
        assert store.get_node("probe") is None
        columns, rows, _ = store.run_read_query("MATCH (n:Probe) RETURN count(n) AS c", {}, 5.0, 10)
        assert columns == ["c"] and rows == [[0]]
    finally:
        store.close()


@pytest.mark.neo4j
def test_slow_query_is_stopped_by_the_timeout(
    neo4j_client: TestClient, neo4j_settings, tmp_path
) -> None:
    from app.main import create_app
    from graph.config import Settings

    app = create_app(
        Settings(store="neo4j", neo4j=neo4j_settings, data_dir=tmp_path, cypher_timeout=0.5)
    )
    with TestClient(app) as slow:
        r = slow.post(
            "/api/cypher",
            json={
                "query": "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)"
            },
        )
    assert "0.5 s" in assert_problem(r, 400)["detail"]
