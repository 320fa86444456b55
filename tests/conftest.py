from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from graph.config import Neo4jSettings, Settings
from graph.extract.pipeline import Extractor
from graph.ingest import Ingestor
from graph.store.sqlite import SqliteStore

if TYPE_CHECKING:
    from app.neo4j_server import Neo4jServer

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
def neo4j_settings(request: pytest.FixtureRequest) -> Neo4jSettings:
    """The real Neo4j server the tests use. Tests that use it wipe its database.
    NEO4J_URI (and NEO4J_PASSWORD, ...) names one, as scripts/test.sh sets them; without it
    the session starts the project's own (`neo4j_server`)."""
    if os.environ.get("NEO4J_URI"):
        return Neo4jSettings()
    server: Neo4jServer = request.getfixturevalue("neo4j_server")
    return server.neo4j_settings()


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    """The server of .cache/neo4j (NEO4J_CACHE_DIR), started for this session when Java and
    Maven are there, and stopped at its end; one already running is used and left running.
    Without Java or Maven: a failure in CI (the Neo4j tests must run there), a skip elsewhere."""
    from app.neo4j_server import Neo4jServer, Neo4jServerError, installed
    from app.neo4j_server.layout import Layout

    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if "mvn" in missing and installed(Layout.default()):
        missing.remove("mvn")  # the jars are there already
    if missing:
        message = (
            f"no Neo4j server: {' and '.join(missing)} not found to start one"
            " (`actorgraph neo4j start`), and NEO4J_URI is not set"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Neo4j tests, but there is {message}", pytrace=False)
        pytest.skip(message)
    server = Neo4jServer()
    try:
        server.__enter__()
    except Neo4jServerError as exc:
        pytest.fail(f"could not start Neo4j for the tests: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.__exit__(None, None, None)
