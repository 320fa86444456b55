"""The API tests' apps. `client` serves the seeds from the embedded store and, when a
Neo4j server is configured (NEO4J_URI; `make test` starts one), from the Neo4j store too:
every test that uses it runs on both, so switching ACTORGRAPH_STORE changes no answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.config import Neo4jSettings, Settings
from graph.model import GraphData
from graph.store.sqlite import SqliteStore

STORES = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def seeded_settings(
    request: pytest.FixtureRequest, kind: str, data: GraphData, tmp: Path, **extra: object
) -> Settings:
    """Settings for an app whose store (of this kind) holds `data` and nothing else."""
    if kind == "embedded":
        SqliteStore(tmp).import_graph(data)
        return Settings(data_dir=tmp, **extra)
    from graph.store.neo4j import Neo4jStore

    neo4j: Neo4jSettings = request.getfixturevalue("neo4j_settings")  # skips without a server
    store = Neo4jStore(neo4j)
    try:
        store.ensure_schema()
        store.clear()
        store.import_graph(data)
    finally:
        store.close()
    return Settings(store="neo4j", neo4j=neo4j, data_dir=tmp, **extra)


@pytest.fixture(scope="module", params=STORES)
def store_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def client(
    request: pytest.FixtureRequest,
    store_kind: str,
    seeds_graph: GraphData,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    """The seeds behind the API, on each store in turn (read-only for the tests)."""
    settings = seeded_settings(request, store_kind, seeds_graph, tmp_path_factory.mktemp("api"))
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="module")
def neo4j_client(
    request: pytest.FixtureRequest, seeds_graph: GraphData, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The seeds behind the API on the Neo4j store only: for what only Neo4j has (Cypher)."""
    settings = seeded_settings(request, "neo4j", seeds_graph, tmp_path_factory.mktemp("api-neo4j"))
    with TestClient(create_app(settings)) as c:
        yield c
