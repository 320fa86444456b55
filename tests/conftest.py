from __future__ import annotations

from pathlib import Path

import pytest

from graph.config import Settings
from graph.extract.pipeline import Extractor
from graph.ingest import Ingestor
from graph.store.memory import MemoryStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(Settings().spacy_model)


@pytest.fixture(scope="session")
def seeds_graph(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory):
    """The seeds ingested once into an embedded store (read-only for tests)."""
    store = MemoryStore(tmp_path_factory.mktemp("seeds-store"))
    Ingestor(store, extractor, 5_000_000).ingest_paths([SEEDS])
    return store.export()


@pytest.fixture
def memory_store(tmp_path: Path) -> MemoryStore:
    return MemoryStore(tmp_path / "store")
