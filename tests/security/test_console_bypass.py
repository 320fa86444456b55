"""Hundreds of console bypass attempts (tests/security/attempts.py): each must be refused or
come out harmless, through the API (every wall) and against the store directly (the
server's plan, the READ transaction and the server's configuration, without the text scan).
After each group the database is as it was and the canary has seen no request."""

from __future__ import annotations

from collections import Counter

import pytest
from fastapi.testclient import TestClient

from graph.store.base import QueryError
from graph.store.neo4j import Neo4jStore

from .attempts import PAYLOADS, Attempt, attempts
from .conftest import CANARY_TAG, Canary

pytestmark = pytest.mark.neo4j

# The columns the tricks' own harmless code returns; any other column in a 200 means a
# payload ran.
HARMLESS_COLUMNS = {"x", "y"}


def fingerprint(store: Neo4jStore) -> tuple:
    """What a write, a schema change or a password change would alter."""
    _, rows, _ = store.run_read_query(
        "MATCH (n) RETURN count(n) AS nodes, "
        "sum(size(keys(n))) AS props, "
        "count { MATCH ()-[]->() } AS edges, "
        f"count {{ MATCH (m) WHERE m:{CANARY_TAG} OR m.{CANARY_TAG} IS NOT NULL }} AS marked",
        {},
        30,
        10,
    )
    _, indexes, _ = store.run_read_query(
        "SHOW INDEXES YIELD name RETURN name ORDER BY name", {}, 30, 1000
    )
    return tuple(rows[0]), tuple(r[0] for r in indexes)


def held_by_api(client: TestClient, attempt: Attempt) -> tuple[bool, str]:
    r = client.post("/api/cypher", json={"query": attempt.query})
    if r.status_code == 400:
        return True, r.json()["detail"]
    if r.status_code == 200 and set(r.json()["columns"]) <= HARMLESS_COLUMNS:
        return True, "harmless: " + repr(r.json()["rows"])
    return False, f"{r.status_code}: {r.text[:300]}"


def held_by_store(store: Neo4jStore, attempt: Attempt) -> tuple[bool, str]:
    try:
        columns, rows, _ = store.run_read_query(attempt.query, {}, 10, 100)
    except QueryError as exc:
        return True, str(exc)
    if set(columns) <= HARMLESS_COLUMNS:
        return True, "harmless: " + repr(rows)
    return False, f"ran: {columns} {rows[:3]}"


def table(tried: Counter, held: Counter) -> str:
    lines = [f"{'group':40} {'tried':>6} {'held':>6}"]
    lines += [f"{g:40} {tried[g]:>6} {held[g]:>6}" for g in PAYLOADS]
    lines.append(f"{'total':40} {sum(tried.values()):>6} {sum(held.values()):>6}")
    return "\n".join(lines)


@pytest.mark.parametrize("face", ["api", "store"])
def test_bypass_attempts_are_refused_or_harmless(
    face: str, console: TestClient, seeded_neo4j: Neo4jStore, canary: Canary
) -> None:
    every = attempts(canary.url, CANARY_TAG)
    assert len(every) >= 150
    before = fingerprint(seeded_neo4j)
    tried: Counter = Counter()
    held: Counter = Counter()
    failures: list[str] = []
    for group in PAYLOADS:
        for attempt in (a for a in every if a.group == group):
            ok, why = (
                held_by_api(console, attempt)
                if face == "api"
                else held_by_store(seeded_neo4j, attempt)
            )
            tried[group] += 1
            held[group] += ok
            if not ok:
                failures.append(f"[{attempt.trick}] {attempt.query!r} -> {why}")
        after = fingerprint(seeded_neo4j)
        if after != before:
            failures.append(f"group {group!r} changed the database: {before} -> {after}")
            before = after
    print(f"\nconsole bypass attempts through the {face}:\n{table(tried, held)}")
    assert not canary.requests, f"the canary was called: {canary.requests}"
    assert not failures, "\n".join(failures[:20]) + "\n" + table(tried, held)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("LOAD CSV FROM 'http://127.0.0.1:9/x' AS l RETURN l", "LOAD CSV"),
        ("CALL db.clearQueryCaches()", "schema or administration"),
        ("CALL db.info()", "procedure db.info"),
        ("SHOW TRANSACTIONS", "SHOW TRANSACTIONS"),
        ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "TERMINATE TRANSACTIONS"),
        ("SHOW USERS", "schema or administration"),
        ("SHOW SETTINGS", "SHOW SETTINGS"),
        ("CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN n", "IN TRANSACTIONS"),
        ("MATCH (n:Node) SET n.x = 1", "write-only (w)"),
        ("MATCH (n:Node) SET n.x = 1 RETURN n", "read-write (rw)"),
    ],
)
def test_the_plan_wall_names_what_it_refused(
    seeded_neo4j: Neo4jStore, query: str, named: str
) -> None:
    """Asked directly (no text scan in front), the store refuses on the server's plan and
    says what it refused."""
    with pytest.raises(QueryError, match="refused") as exc:
        seeded_neo4j.run_read_query(query, {}, 10, 10)
    assert named in str(exc.value)


def test_reads_the_console_is_for_still_run(console: TestClient) -> None:
    for query in [
        "CALL db.labels() YIELD label RETURN label ORDER BY label",
        "CALL db.schema.visualization()",
        "SHOW INDEXES YIELD name RETURN name",
        "SHOW CONSTRAINTS",
        "CALL db.index.fulltext.queryNodes('actorgraph_node_names', 'maduro') YIELD node "
        "RETURN node.id AS id",
        "MATCH (n) WHERE n.name = '// \\u000a LOAD CSV' RETURN count(n) AS c",
        "CYPHER 5 MATCH (p:Person) RETURN p.name AS name LIMIT 3",
        "CALL { MATCH (p:Person) RETURN p LIMIT 2 } RETURN p.name AS name",
    ]:
        r = console.post("/api/cypher", json={"query": query})
        assert r.status_code == 200, (query, r.text)
