from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.config import Settings
from graph.model import GraphData
from graph.store.memory import MemoryStore


@pytest.fixture(scope="module")
def seeded_dir(seeds_graph: GraphData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store holding the seeds, shared by a module's read-only tests."""
    path = tmp_path_factory.mktemp("api-seeds")
    MemoryStore(path).import_graph(seeds_graph)
    return path


@pytest.fixture(scope="module")
def client(seeded_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=seeded_dir))) as c:
        yield c
