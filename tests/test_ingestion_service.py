"""The ingestion service owns the extractor and its model: the faces (CLI, API,
evaluation) ingest through it, the model is loaded once however many batches and stores
it serves, and nobody else wires an Extractor to an Ingestor."""

from __future__ import annotations

import re
from pathlib import Path

from graph.config import Settings
from graph.ingest import DocumentResult
from graph.ingestion import IngestionService
from graph.store.sqlite import SqliteStore

from .conftest import ROOT, SEEDS


def test_one_model_serves_every_batch_and_store(tmp_path: Path) -> None:
    service = IngestionService.from_settings(Settings(data_dir=tmp_path))
    assert service.loads == 0 and not service.pooled  # nothing loaded before the first use
    with service, SqliteStore(tmp_path / "a") as first, SqliteStore(tmp_path / "b") as second:
        report = service.ingest_paths(first, [SEEDS])
        assert [r.status for r in report.results] == ["ingested", "ingested"]
        again = service.ingest_paths(first, [SEEDS])
        assert [r.status for r in again.results] == ["unchanged", "unchanged"]
        # the API's steps: prepare, extract, commit, into another store
        seed = sorted(SEEDS.glob("*.txt"))[0]
        item = service.prepare(second, seed.name, seed.read_bytes(), str(seed), "never")
        assert not isinstance(item, DocumentResult)
        result = service.commit(second, item, service.extract(item.text))
        assert result.status == "ingested" and sum(result.relations.values()) > 0
        assert service.loads == 1
        assert second.stats().documents == 1 and first.stats().documents == 2


def test_only_the_service_wires_an_extractor_to_an_ingestor() -> None:
    wiring = re.compile(r"\b(?:Ingestor|Extractor|ExtractorPool)\(")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("app", "graph")
        for path in sorted((ROOT / folder).rglob("*.py"))
        # the service, and the worker processes (local or on a cluster) that load one
        if path.name not in {"ingestion.py", "workers.py", "cluster.py"}
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if wiring.search(line) and not line.lstrip().startswith(("class ", "#", '"'))
    ]
    assert found == []
