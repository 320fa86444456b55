"""Uploading documents: who may, what is refused and why, and what an upload adds. The
upload flow runs on both stores (an empty one each)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.main import create_app
from graph.config import Settings
from graph.model import GraphData
from tests.api.assertions import assert_problem
from tests.api.conftest import seeded_settings

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    "# Summit in Moscow\n\nOn 12 March 2024, Russian President Vladimir Putin held talks with "
    "Venezuelan President Nicolás Maduro in the Kremlin. Putin said Russia would deepen its "
    "cooperation with Venezuela.\n"
)


@pytest.fixture(scope="module")
def writable(
    request: pytest.FixtureRequest, store_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FastAPI, TestClient]]:
    """An empty store behind an app that accepts uploads with TOKEN."""
    settings = seeded_settings(
        request,
        store_kind,
        GraphData(),
        tmp_path_factory.mktemp("uploads"),
        api_token=TOKEN,
        max_document_bytes=20_000,
    )
    app = create_app(settings)
    with TestClient(app) as c:
        yield app, c


def test_writes_are_refused_without_a_configured_token(tmp_path: Path) -> None:
    client = TestClient(create_app(Settings(data_dir=tmp_path)))
    r = client.post("/api/documents", json={"name": "a.txt", "text": ARTICLE}, headers=AUTH)
    body = assert_problem(r, 403)
    assert "ACTORGRAPH_API_TOKEN" in body["detail"]
    assert client.get("/api/stats").json()["documents"] == 0


def test_wrong_or_missing_token_is_401(writable: tuple[FastAPI, TestClient]) -> None:
    _, client = writable
    assert_problem(client.post("/api/documents", json={"name": "a.txt", "text": ARTICLE}), 401)
    r = client.post(
        "/api/documents",
        json={"name": "a.txt", "text": ARTICLE},
        headers={"Authorization": "Bearer wrong"},
    )
    assert_problem(r, 401)
    r = client.post(
        "/api/documents", json={"name": "a.txt", "text": ARTICLE}, headers={"Authorization": TOKEN}
    )
    assert_problem(r, 401)


def test_upload_json_then_unchanged_then_updated(writable: tuple[FastAPI, TestClient]) -> None:
    app, client = writable
    assert app.state.ingestion.loads == 0  # nothing loaded yet
    r = client.post("/api/documents", json={"name": "summit.md", "text": ARTICLE}, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "ingested" and body["doc_id"] == "doc:summit"
    assert body["entities"].get("Person", 0) >= 2 and body["entities"]["Country"] >= 2
    hits = client.get("/api/search", params={"q": "maduro"}).json()["hits"]
    assert hits and hits[0]["name"] == "Nicolás Maduro"
    view = client.get("/api/documents/doc:summit").json()
    assert view["text"] == ARTICLE
    assert {"person:vladimir-putin", "person:nicolas-maduro"} <= {
        m["entity"] for m in view["mentions"]
    }

    again = client.post("/api/documents", json={"name": "summit.md", "text": ARTICLE}, headers=AUTH)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"

    changed = ARTICLE + "Putin also met Brazilian President Luiz Inácio Lula da Silva.\n"
    # another text under the same name is a conflict naming the stored document ...
    r = client.post("/api/documents", json={"name": "summit.md", "text": changed}, headers=AUTH)
    detail = assert_problem(r, 409)["detail"]
    assert "doc:summit" in detail and "Summit in Moscow" in detail and "replace=true" in detail
    assert client.get("/api/documents/doc:summit").json()["text"] == ARTICLE
    # ... unless the client asks to replace it
    r = client.post(
        "/api/documents",
        params={"replace": "true"},
        json={"name": "summit.md", "text": changed},
        headers=AUTH,
    )
    assert r.status_code == 200 and r.json()["status"] == "updated"
    assert client.get("/api/documents/doc:summit").json()["text"] == changed
    assert client.get("/api/stats").json()["documents"] == 1
    assert app.state.ingestion.loads == 1  # workers started once, on the first upload


def test_upload_multipart_file(writable: tuple[FastAPI, TestClient]) -> None:
    _, client = writable
    data = "# Havana talks\n\nCuban President Miguel Díaz-Canel met Vladimir Putin.\n"
    r = client.post(
        "/api/documents",
        files={"file": ("havana-talks.md", data.encode("utf-8"), "text/markdown")},
        headers=AUTH,
    )
    assert r.status_code == 201, r.text
    assert r.json()["doc_id"] == "doc:havana-talks"
    view = client.get("/api/documents/doc:havana-talks").json()
    assert view["text"] == data
    # the 'name' field overrides the file's name; folders in a name are dropped
    r = client.post(
        "/api/documents",
        files={"file": ("x.txt", b"Vladimir Putin spoke in Moscow.", "text/plain")},
        data={"name": "../../etc/renamed.txt"},
        headers=AUTH,
    )
    assert r.status_code == 201 and r.json()["doc_id"] == "doc:renamed"


def test_bad_uploads_are_refused_with_the_reason(writable: tuple[FastAPI, TestClient]) -> None:
    _, client = writable
    before = client.get("/api/stats").json()

    def post_file(name: str, data: bytes) -> object:
        return client.post("/api/documents", files={"file": (name, data)}, headers=AUTH)

    assert "too large" in assert_problem(post_file("big.txt", b"a " * 15_000), 413)["detail"]
    r = client.post("/api/documents", json={"name": "big.txt", "text": "é" * 15_000}, headers=AUTH)
    assert_problem(r, 413)
    assert "empty" in assert_problem(post_file("empty.txt", b"  \n"), 422)["detail"]
    assert "binary" in assert_problem(post_file("x.txt", b"\x00\x01\x02abc" * 10), 422)["detail"]
    detail = assert_problem(post_file("latin1.txt", "Hernández".encode("latin-1")), 422)["detail"]
    assert "UTF-8" in detail
    assert ".pdf" in assert_problem(post_file("report.pdf", b"%PDF-1.4"), 422)["detail"]
    r = client.post("/api/documents", json={"name": "x.txt"}, headers=AUTH)
    assert "text" in assert_problem(r, 422)["detail"]
    r = client.post("/api/documents", files={"attachment": ("x.txt", b"Putin")}, headers=AUTH)
    assert "'file'" in assert_problem(r, 422)["detail"]
    assert_problem(client.post("/api/documents", data={"name": "x.txt"}, headers=AUTH), 415)
    r = client.post(
        "/api/documents",
        content=b"plain body",
        headers={**AUTH, "Content-Type": "text/plain"},
    )
    assert_problem(r, 415)
    assert client.get("/api/stats").json() == before  # nothing written


def test_importing_the_app_loads_no_language_model() -> None:
    code = "import sys, app.main; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
