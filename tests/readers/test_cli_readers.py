"""`actorgraph ingest` on a folder of the files users bring, as a real process."""

from __future__ import annotations

from pathlib import Path

from graph.readers import READERS
from tests.test_cli import run

from .fixtures import encrypted_pdf, news_page, two_column_pdf, word_document


def test_ingest_walks_a_folder_for_every_registered_type(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "story.htm").write_text(news_page(), encoding="utf-8")
    (inbox / "sub" / "report.PDF").write_bytes(two_column_pdf())
    (inbox / "lula.docx").write_bytes(word_document())
    (inbox / "locked.pdf").write_bytes(encrypted_pdf())
    (inbox / "notes.odt").write_bytes(b"PK")
    r = run(["ingest", str(inbox)], tmp_path / "data")
    assert r.returncode == 0, r.stderr
    assert "3 read, 2 skipped" in r.stdout
    assert "password-protected PDF" in r.stdout
    skip = next(line for line in r.stdout.splitlines() if "notes.odt" in line)
    assert "unsupported file type .odt" in skip
    listed = r.stdout[r.stdout.index("unsupported file type .odt") :]
    for ext in READERS.extensions():
        assert ext in " ".join(listed.split()), ext


def test_readers_command_lists_each_reader_with_its_limit(tmp_path: Path) -> None:
    r = run(["readers"], tmp_path, ACTORGRAPH_READER_MAX_BYTES='{"pdf": 7000000}')
    assert r.returncode == 0, r.stderr
    for spec in READERS.specs():
        assert spec.name in r.stdout
    pdf = next(line for line in r.stdout.splitlines() if " pdf " in line)
    assert "7 MB" in pdf
