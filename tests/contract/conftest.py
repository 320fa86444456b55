"""The `store` fixture: every contract test runs once on the embedded store and once on a
real Neo4j server (NEO4J_URI), whose database is wiped before each test."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.config import Neo4jSettings
from graph.extract.pipeline import Extraction, Extractor
from graph.model import GraphData
from graph.store.base import GraphStore
from graph.store.sqlite import SqliteStore


class CachedExtractor:
    """The real extractor, run once per distinct text for the whole session: the contract
    tests ingest the same documents into both stores many times, and spaCy is the slow part."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        self.cache: dict[str, Extraction] = {}

    def extract(self, text: str) -> Extraction:
        if text not in self.cache:
            self.cache[text] = self.extractor.extract(text)
        return copy.deepcopy(self.cache[text])  # the resolver may change what it is given


@pytest.fixture(scope="session")
def cached_extractor(extractor: Extractor) -> CachedExtractor:
    return CachedExtractor(extractor)


@pytest.fixture(scope="session")
def neo4j_session_store(neo4j_settings: Neo4jSettings) -> Iterator[GraphStore]:
    from graph.store.neo4j import Neo4jStore

    store = Neo4jStore(neo4j_settings)
    store.ensure_schema()
    yield store
    store.clear()
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    if request.param == "embedded":
        return SqliteStore(tmp_path / "store")
    neo4j_store: GraphStore = request.getfixturevalue("neo4j_session_store")
    neo4j_store.clear()
    return neo4j_store


@pytest.fixture
def reference(tmp_path: Path) -> SqliteStore:
    """An embedded store to replay the same operations on: the answers to compare with."""
    return SqliteStore(tmp_path / "reference")


def canon(data: GraphData) -> dict[str, Any]:
    """A graph as plain JSON in canonical order, as `actorgraph export` writes it."""
    return json.loads(data.sorted().model_dump_json(exclude_none=True))
