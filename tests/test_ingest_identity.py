"""Which file is which document (issue 10, failure 4) as the CLI ingests them, and
parallel extraction giving the serial run's graph (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from graph.extract.pipeline import Extractor
from graph.ingest import Ingestor
from graph.model import Node
from graph.resolve import Resolver
from graph.schema import load_schema
from graph.store.sqlite import SqliteStore

from .conftest import ROOT, SEEDS

NEWS = ROOT / "tests" / "data" / "news"
STORY = "# {title}\n\nRussian President Vladimir Putin met Venezuelan President Nicolás Maduro.\n"


def test_a_changed_file_at_the_same_path_replaces_its_document(
    embedded_store: SqliteStore, extractor: Extractor, tmp_path: Path
) -> None:
    ingestor = Ingestor(embedded_store, extractor, 1_000_000)
    path = tmp_path / "story.txt"
    path.write_text(STORY.format(title="First"), encoding="utf-8")
    [first] = ingestor.ingest_paths([path]).results
    path.write_text(STORY.format(title="Second"), encoding="utf-8")
    [again] = ingestor.ingest_paths([path]).results
    assert (first.status, again.status, again.doc_id) == ("ingested", "updated", "doc:story")
    assert embedded_store.get_node("doc:story").name == "Second"


def test_another_file_of_the_same_name_is_a_conflict_unless_asked(
    embedded_store: SqliteStore, extractor: Extractor, tmp_path: Path
) -> None:
    ingestor = Ingestor(embedded_store, extractor, 1_000_000)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    mine, other = tmp_path / "a" / "story.txt", tmp_path / "b" / "story.md"
    mine.write_text(STORY.format(title="Mine"), encoding="utf-8")
    other.write_text(STORY.format(title="Other"), encoding="utf-8")
    ingestor.ingest_paths([mine])
    before = embedded_store.export()
    [conflict] = ingestor.ingest_paths([other]).results
    assert conflict.status == "conflict"
    assert (
        "doc:story" in conflict.reason
        and "'Mine'" in conflict.reason
        and str(mine) in conflict.reason
    )
    assert embedded_store.export() == before  # nothing replaced
    [same] = ingestor.ingest_files([tmp_path / "b" / "story.md"], [], replace="always").results
    assert same.status == "updated" and embedded_store.get_node("doc:story").name == "Other"


def test_same_file_in_one_batch_twice_is_stored_once(
    embedded_store: SqliteStore, extractor: Extractor
) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    report = Ingestor(embedded_store, extractor, 1_000_000).ingest_files([seed, seed], [])
    assert [r.status for r in report.results] == ["ingested", "unchanged"]


def cli(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env={**os.environ, "ACTORGRAPH_DATA_DIR": str(data_dir), "COLUMNS": "200"},
    )


def test_parallel_ingestion_gives_the_serial_graph(tmp_path: Path) -> None:
    exports = []
    for workers in ("1", "2"):
        data_dir = tmp_path / f"workers-{workers}"
        r = cli(["ingest", "--workers", workers, str(SEEDS), str(NEWS)], data_dir)
        assert r.returncode == 0, r.stderr
        assert "5 read, 0 skipped" in r.stdout
        exported = cli(["export"], data_dir)
        assert exported.returncode == 0, exported.stderr
        exports.append(exported.stdout)
    assert exports[0] == exports[1]



def test_a_known_country_is_not_pulled_into_another_by_a_stray_alias(
    extractor: Extractor,
) -> None:
    """A junk alias one document gave a country node ("Sanctions" on Iran, then on Russia)
    once let every later "Russia" land on Iran; a place the gazetteer names keeps its own
    node across documents, whatever aliases the known nodes carry."""
    polluted = Node(id="country:iran", type="Country", name="Iran", aliases=["Russia"])
    extraction = extractor.extract("Talks\n\nRussia and Kenya signed a trade deal.\n")
    g = Resolver(load_schema()).resolve(extraction, "doc:later", {"title": "Talks"}, [polluted])
    ids = {n.id for n in g.nodes}
    assert "country:russia" in ids and "country:iran" not in ids
