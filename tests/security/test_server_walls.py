"""The Neo4j configuration the project writes is a wall of its own: checked on the running
test server (started by app/neo4j_server), with a raw driver session that bypasses the app
entirely, and kept in step with docker-compose.yml and the console's allow-list."""

from __future__ import annotations

import re
from pathlib import Path

import neo4j
import pytest
import yaml

from app.neo4j_server.layout import Layout, Options, neo4j_conf
from graph.config import Neo4jSettings
from graph.cypher_plan import load_policy
from graph.store import neo4j_cypher

from .conftest import Canary

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"

# Every procedure the store itself calls, read from the one file that holds its Cypher.
STORE_PROCEDURES = set(
    re.findall(r"CALL\s+(db\.[\w.]+)\(", Path(neo4j_cypher.__file__).read_text(encoding="utf-8"))
)


def server_allowlist() -> set[str]:
    """The allow-list the project's own server is started with (app/neo4j_server)."""
    conf = neo4j_conf(Layout(ROOT / ".cache" / "neo4j"), Options(), 7687)
    match = re.search(r"^dbms\.security\.procedures\.allowlist=(\S+)$", conf, flags=re.MULTILINE)
    assert match, "neo4j.conf sets dbms.security.procedures.allowlist"
    return set(match.group(1).split(","))


def compose_environment() -> dict[str, str]:
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return {k: str(v) for k, v in compose["services"]["neo4j"]["environment"].items()}


def test_the_allowlists_agree() -> None:
    wanted = set(load_policy().read_only_procedures) | STORE_PROCEDURES
    assert "db.awaitIndexes" in STORE_PROCEDURES
    assert server_allowlist() == wanted
    env = compose_environment()
    assert set(env["NEO4J_dbms_security_procedures_allowlist"].split(",")) == wanted
    assert env["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"
    assert env["NEO4J_internal_dbms_cypher__ip__blocklist"] == "0.0.0.0/0,::/0"
    assert env["NEO4J_db_transaction_timeout"] and env["NEO4J_db_memory_transaction_max"]


@pytest.fixture(scope="module")
def raw(neo4j_settings: Neo4jSettings):
    driver = neo4j.GraphDatabase.driver(
        neo4j_settings.uri,
        auth=(neo4j_settings.user, neo4j_settings.password.get_secret_value()),
        notifications_min_severity="OFF",
    )
    yield driver
    driver.close()


@pytest.mark.neo4j
def test_the_server_runs_with_the_walls(raw: neo4j.Driver, neo4j_settings: Neo4jSettings) -> None:
    with raw.session(database=neo4j_settings.database) as s:
        settings = {
            r["name"]: r["value"]
            for r in s.run(
                "SHOW SETTINGS YIELD name, value WHERE name STARTS WITH 'db.' "
                "OR name STARTS WITH 'dbms.security' OR name STARTS WITH 'server.config'"
            )
        }
    # strict validation: a misspelt setting name would have stopped the server from starting
    assert settings["server.config.strict_validation.enabled"] == "true"
    assert set(settings["dbms.security.procedures.allowlist"].split(",")) == server_allowlist()
    assert settings["dbms.security.allow_csv_import_from_file_urls"] == "false"
    assert settings["db.transaction.timeout"] != "0s"
    assert settings["db.memory.transaction.max"] != "0B"


@pytest.mark.neo4j
@pytest.mark.parametrize("url", ["{canary}", "file:///etc/passwd", "http://169.254.169.254/latest"])
def test_load_csv_reaches_nothing_even_without_the_app(
    raw: neo4j.Driver, neo4j_settings: Neo4jSettings, canary: Canary, url: str
) -> None:
    """A write session, no console in front: the server itself refuses to fetch."""
    with (
        raw.session(database=neo4j_settings.database) as s,
        pytest.raises(neo4j.exceptions.ClientError) as exc,
    ):
        s.run(f"LOAD CSV FROM '{url.format(canary=canary.url)}' AS l RETURN l").consume()
    assert exc.value.code == "Neo.ClientError.Statement.ExternalResourceFailed"
    assert not canary.requests
