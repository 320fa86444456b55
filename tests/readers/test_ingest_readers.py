"""Ingestion through the readers, as a user meets it: a folder of web pages, PDFs and Word
files is read, the unreadable ones are skipped with their reason and the batch goes on,
and what the graph says about each document points back into the file the user supplied."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from graph.extract.pipeline import Extractor
from graph.ingest import Ingestor
from graph.reader import DocumentView, document_view
from graph.store.sqlite import SqliteStore

from .fixtures import encrypted_pdf, news_page, scanned_pdf, two_column_pdf, word_document


class Ingested(NamedTuple):
    store: SqliteStore
    statuses: dict[str, str]  # file name → status
    reasons: dict[str, str]  # file name → why it was skipped


@pytest.fixture(scope="module")
def ingested(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    folder = tmp_path_factory.mktemp("inbox")
    files = {
        "story.html": news_page().encode("utf-8"),
        "report.pdf": two_column_pdf(),
        "lula.docx": word_document(),
        "scan.pdf": scanned_pdf(),
        "locked.pdf": encrypted_pdf(),
        "sheet.xlsx": b"PK\x03\x04",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    store = SqliteStore(tmp_path_factory.mktemp("store"))
    report = Ingestor(store, extractor, 1_000_000).ingest_paths([folder])
    statuses = {Path(r.source).name: r.status for r in report.results}
    reasons = {Path(r.source).name: r.reason or "" for r in report.results}
    return Ingested(store, statuses, reasons)


def test_the_batch_reads_what_it_can_and_says_why_not(ingested: Ingested) -> None:
    statuses, reasons = ingested.statuses, ingested.reasons
    assert statuses == {
        "story.html": "ingested",
        "report.pdf": "ingested",
        "lula.docx": "ingested",
        "scan.pdf": "skipped",
        "locked.pdf": "skipped",
        "sheet.xlsx": "skipped",
    }
    assert "no text layer" in reasons["scan.pdf"]
    assert "password-protected" in reasons["locked.pdf"]
    assert ".html" in reasons["sheet.xlsx"] and ".docx" in reasons["sheet.xlsx"]


def _view(store: SqliteStore, doc_id: str) -> DocumentView:
    view = document_view(store, doc_id)
    assert view is not None
    return view


def test_a_web_page_keeps_its_metadata_and_mentions_point_into_the_markup(
    ingested: Ingested,
) -> None:
    store = ingested.store
    view = _view(store, "doc:story")
    assert (view.title, view.author, view.publisher, view.date) == (
        "Putin and Maduro agree on energy deal",
        "Anna Kowalska",
        "The Daily Ledger",
        "2024-03-12",
    )
    assert view.language == "en-GB"
    assert view.source_url == "https://ledger.example/world/putin-maduro-energy"
    assert view.origin == "markup"
    assert "Jim Beam" not in view.text  # the comment section is not the story
    markup = news_page()
    names = {m.name for m in view.mentions}
    assert {"Vladimir Putin", "Nicolás Maduro", "Rosneft"} <= names
    for mention in view.mentions:
        assert mention.place is not None
        assert markup[mention.place.start : mention.place.end] == mention.text


def test_pdf_facts_say_their_page(ingested: Ingested) -> None:
    store = ingested.store
    view = _view(store, "doc:report")
    assert view.pages == 2 and view.origin == "page"
    assert view.title == "Energy and Sanctions Report 2024"  # the PDF's own, not a guess
    assert view.date == "2024-05-02"
    pages: dict[str, set[int | None]] = {}
    for m in view.mentions:
        assert m.place is not None
        pages.setdefault(m.name, set()).add(m.place.page)
    assert pages["Nicolás Maduro"] == {1}
    assert pages["Xi Jinping"] == {2}
    assert pages["Vladimir Putin"] == {1, 2}
    met = next(r for r in view.relations if r.type == "MET_WITH")
    assert {met.source.name, met.target.name} == {"Vladimir Putin", "Xi Jinping"}
    for relation in view.relations:
        assert len(relation.places) == len(relation.evidence)
        for ev, place in zip(relation.evidence, relation.places, strict=True):
            assert place is not None
            assert place.page == (2 if "Xi Jinping" in ev.sentence else 1)


def test_word_mentions_say_their_paragraph(ingested: Ingested) -> None:
    store = ingested.store
    view = _view(store, "doc:lula")
    assert (view.title, view.author, view.origin) == ("Lula in Beijing", "Pedro Alves", "paragraph")
    xi = next(m for m in view.mentions if m.name == "Xi Jinping")
    assert xi.place is not None and xi.place.paragraph == 1
