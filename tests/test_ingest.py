"""Ingestion as a user meets it: bad files are reported and skipped, nothing is duplicated,
a changed document replaces only its own contributions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.extract.pipeline import Extractor
from graph.ingest import Ingestor
from graph.store.sqlite import SqliteStore

from .conftest import SEEDS

SEED = sorted(SEEDS.glob("*.txt"))[0]


@pytest.fixture
def ingestor(embedded_store: SqliteStore, extractor: Extractor) -> Ingestor:
    return Ingestor(embedded_store, extractor, max_bytes=1_000_000)


def test_reingest_changes_nothing(ingestor: Ingestor, embedded_store: SqliteStore) -> None:
    ingestor.ingest_paths([SEEDS])
    before = embedded_store.export().model_dump_json()
    mtime = embedded_store.path.stat().st_mtime_ns
    report = ingestor.ingest_paths([SEEDS])
    assert [r.status for r in report.results] == ["unchanged", "unchanged"]
    assert embedded_store.export().model_dump_json() == before
    assert embedded_store.path.stat().st_mtime_ns == mtime


def test_rebuilding_the_same_document_is_idempotent(
    ingestor: Ingestor, embedded_store: SqliteStore
) -> None:
    """Even past the fingerprint check, applying a document twice gives the same graph."""
    text = SEED.read_text(encoding="utf-8")
    g1 = ingestor.build("doc:x", text, "sha", "x.txt")
    embedded_store.replace_document("doc:x", g1)
    once = embedded_store.export().model_dump_json()
    embedded_store.replace_document("doc:x", ingestor.build("doc:x", text, "sha", "x.txt"))
    assert embedded_store.export().model_dump_json() == once


def test_changed_document_replaces_only_its_contribution(
    ingestor: Ingestor, embedded_store: SqliteStore, tmp_path: Path
) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(
        "Sanctions talk\n\nThe United States imposed sanctions on Cuba, said Vladimir Putin.\n",
        encoding="utf-8",
    )
    b.write_text(
        "Second story\n\nRussian President Vladimir Putin met with Nicolás Maduro in Moscow.\n",
        encoding="utf-8",
    )
    ingestor.ingest_paths([a, b])
    ids = {n.id for n in embedded_store.export().nodes}
    assert {"country:cuba", "person:vladimir-putin", "person:nicolas-maduro"} <= ids
    a.write_text(
        "Sanctions talk\n\nThe United States imposed sanctions on Venezuela.\n", encoding="utf-8"
    )
    report = ingestor.ingest_paths([a])
    assert report.results[0].status == "updated"
    g = embedded_store.export()
    ids = {n.id for n in g.nodes}
    assert "country:cuba" not in ids  # only document a mentioned Cuba
    assert {"country:venezuela", "person:vladimir-putin", "person:nicolas-maduro"} <= ids
    putin_docs = {
        e.source for e in g.edges if e.type == "MENTIONS" and e.target == "person:vladimir-putin"
    }
    assert putin_docs == {"doc:b"}


BAD = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n \t\n",
    "binary.txt": bytes(range(256)) * 20,
    "latin1.txt": "Caf\xe9 in Bogot\xe1 with Jos\xe9".encode("latin-1") * 3,
}


def test_bad_files_are_reported_and_the_batch_goes_on(
    ingestor: Ingestor, embedded_store: SqliteStore, tmp_path: Path
) -> None:
    for name, data in BAD.items():
        (tmp_path / name).write_bytes(data)
    with open(tmp_path / "huge.txt", "wb") as fh:  # 50 MB, sparse on disk
        fh.truncate(50_000_000)
        fh.seek(0)
        fh.write(b"Russia " * 10)
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n")
    shutil.copy(SEED, tmp_path / "good.txt")
    report = ingestor.ingest_paths([tmp_path, tmp_path / "missing.txt"])
    reasons = {Path(r.source).name: r.reason for r in report.skipped}
    assert reasons["empty.txt"] == "empty" and reasons["blank.txt"] == "empty"
    assert "binary" in reasons["binary.txt"]
    assert "not UTF-8" in reasons["latin1.txt"] and "iconv" in reasons["latin1.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "unsupported file type .png" in reasons["picture.png"]
    assert "no such file" in reasons["missing.txt"]
    assert [Path(r.source).name for r in report.read] == ["good.txt"]
    assert embedded_store.stats().documents == 1
