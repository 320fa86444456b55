from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.config import Neo4jSettings, Settings
from graph.extract.pipeline import Extractor
from graph.ingest import Ingestor
from graph.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(Settings().spacy_model)


@pytest.fixture(scope="session")
def seeds_graph(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory):
    """The seeds ingested once into an embedded store (read-only for tests)."""
    store = SqliteStore(tmp_path_factory.mktemp("seeds-store"))
    Ingestor(store, extractor, 5_000_000).ingest_paths([SEEDS])
    return store.export()


@pytest.fixture
def embedded_store(tmp_path: Path) -> SqliteStore:
    return SqliteStore(tmp_path / "store")


@pytest.fixture(scope="session")
def neo4j_settings() -> Neo4jSettings:
    """The real Neo4j server the tests use (NEO4J_URI, NEO4J_PASSWORD, ...). Tests that use
    it wipe its database. Without one: a failure in CI (the Neo4j tests must run there),
    a skip elsewhere."""
    if not os.environ.get("NEO4J_URI"):
        message = (
            "no Neo4j server: `make test` starts one (scripts/neo4j.sh),"
            " or set NEO4J_URI and NEO4J_PASSWORD"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Neo4j tests, but there is {message}", pytrace=False)
        pytest.skip(message)
    return Neo4jSettings()
