"""Uploading web pages, PDFs and Word files: each type is read by its reader with its own
size limit, unreadable files are refused with the reader's reason, and the document's view
points back into the uploaded file. Runs on both stores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.model import GraphData
from tests.api.assertions import assert_problem
from tests.api.conftest import seeded_settings
from tests.readers.fixtures import (
    encrypted_pdf,
    news_page,
    scanned_pdf,
    two_column_pdf,
    word_document,
)

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(
    request: pytest.FixtureRequest, store_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """Text is limited to 20 kB, PDFs to 200 kB by ACTORGRAPH_READER_MAX_BYTES."""
    settings = seeded_settings(
        request,
        store_kind,
        GraphData(),
        tmp_path_factory.mktemp("reader-uploads"),
        api_token=TOKEN,
        max_document_bytes=20_000,
        reader_max_bytes={"pdf": 200_000},
    )
    with TestClient(create_app(settings)) as c:
        yield c


def post(client: TestClient, name: str, data: bytes, media_type: str = "application/octet-stream"):  # noqa: ANN201
    return client.post("/api/documents", files={"file": (name, data, media_type)}, headers=AUTH)


def test_upload_a_pdf_and_see_its_pages(client: TestClient) -> None:
    r = post(client, "energy-report.pdf", two_column_pdf(), "application/pdf")
    assert r.status_code == 201, r.text
    view = client.get("/api/documents/doc:energy-report").json()
    assert view["pages"] == 2 and view["origin"] == "page"
    assert view["title"] == "Energy and Sanctions Report 2024"
    xi = next(m for m in view["mentions"] if m["name"] == "Xi Jinping")
    assert xi["place"]["page"] == 2
    listed = client.get("/api/documents").json()["documents"]
    assert any(d["id"] == "doc:energy-report" and d["pages"] == 2 for d in listed)
    # a subgraph export leaves the text out, and with it the map back to the original
    r = client.get("/api/export", params={"ids": "doc:energy-report", "depth": 1})
    doc = next(n for n in r.json()["nodes"] if n["id"] == "doc:energy-report")
    assert doc["pages"] == 2 and "text" not in doc and "offset_map" not in doc
    whole = next(
        n
        for n in client.get("/api/export").json()["nodes"]
        if n["type"] == "Document" and n["id"] == "doc:energy-report"
    )
    assert '"kind":"page"' in whole["offset_map"]  # the whole-graph JSON export keeps both


def test_upload_a_web_page_larger_than_the_text_limit(client: TestClient) -> None:
    page = news_page().encode("utf-8")
    page = page.replace(b"</body>", b"<!--" + b" " * 25_000 + b"--></body>")
    assert len(page) > 20_000  # over the text limit, well within HTML's own
    r = post(client, "putin-maduro.html", page, "text/html")
    assert r.status_code == 201, r.text
    view = client.get("/api/documents/doc:putin-maduro").json()
    assert view["source_url"] == "https://ledger.example/world/putin-maduro-energy"
    assert view["language"] == "en-GB" and view["author"] == "Anna Kowalska"
    putin = next(m for m in view["mentions"] if m["name"] == "Vladimir Putin")
    assert page.decode("utf-8")[putin["place"]["start"] : putin["place"]["end"]] == putin["text"]


def test_upload_a_word_document(client: TestClient) -> None:
    r = post(client, "lula.docx", word_document())
    assert r.status_code == 201, r.text
    assert r.json()["relations"].get("MET_WITH") == 1


def test_unreadable_files_are_refused_with_the_readers_reason(client: TestClient) -> None:
    before = client.get("/api/stats").json()
    detail = assert_problem(post(client, "scan.pdf", scanned_pdf()), 422)["detail"]
    assert detail.startswith("scan.pdf: no text layer")
    detail = assert_problem(post(client, "locked.pdf", encrypted_pdf()), 422)["detail"]
    assert "password-protected" in detail
    detail = assert_problem(post(client, "big.pdf", b"%PDF-1.4\n" + b"0" * 250_000), 413)["detail"]
    assert "ACTORGRAPH_READER_MAX_BYTES" in detail
    detail = assert_problem(post(client, "sheet.xlsx", b"PK"), 422)["detail"]
    assert ".pdf" in detail and ".docx" in detail and ".html" in detail
    assert client.get("/api/stats").json() == before  # nothing written


def test_openapi_says_which_types_are_read(client: TestClient) -> None:
    op = client.get("/openapi.json").json()["paths"]["/api/documents"]["post"]
    for ext in (".txt", ".md", ".html", ".pdf", ".docx"):
        assert ext in op["description"]


def test_document_page_shows_pages_language_and_the_original(client: TestClient) -> None:
    assert post(client, "energy-report.pdf", two_column_pdf()).status_code in (200, 201)
    page = client.get("/documents/doc:energy-report").text
    assert "2 pages" in page and "p. 2</span>" in page
    # the same name as the larger page above: replacing it is asked for explicitly
    r = client.post(
        "/api/documents?replace=true",
        files={"file": ("putin-maduro.html", news_page().encode(), "application/octet-stream")},
        headers=AUTH,
    )
    assert r.status_code in (200, 201), r.text
    page = client.get("/documents/doc:putin-maduro").text
    assert 'lang="en-GB"' in page
    assert '<a href="https://ledger.example/world/putin-maduro-energy"' in page
    # a page naming a script as its address is not linked
    sly = news_page().replace(
        'rel="canonical" href="https://ledger.example/world/putin-maduro-energy"',
        'rel="canonical" href="javascript:alert(1)"',
    )
    assert post(client, "sly.html", sly.encode()).status_code == 201
    assert 'href="javascript:' not in client.get("/documents/doc:sly").text


def test_a_file_without_extension_is_read_by_its_media_type(client: TestClient) -> None:
    r = post(client, "annual-report", two_column_pdf(), "application/pdf")
    assert r.status_code == 201, r.text
    assert r.json()["doc_id"] == "doc:annual-report"
    assert client.get("/api/documents/doc:annual-report").json()["pages"] == 2
