"""Uploads that lose nothing (issue 10, failures 4, 5 and 12), on both stores: names that
reduce to the same slug are two documents, invisible characters never make a second actor
(or rename the first), a NUL anywhere is refused, and a title with a control character
leaves the XML exports readable."""

from __future__ import annotations

import io
from collections.abc import Iterator

import networkx as nx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.main import create_app
from graph.model import GraphData
from tests.api.assertions import assert_problem
from tests.api.conftest import seeded_settings

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = "# {title}\n\nRussian President Vladimir Putin met Venezuelan President Nicolás Maduro in Moscow.\n"


@pytest.fixture(scope="module")
def writable(
    request: pytest.FixtureRequest, store_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FastAPI, TestClient]]:
    settings = seeded_settings(
        request,
        store_kind,
        GraphData(),
        tmp_path_factory.mktemp("hardening"),
        api_token=TOKEN,
        max_document_bytes=50_000,
        extract_workers=1,
    )
    app = create_app(settings)
    with TestClient(app) as c:
        yield app, c


def upload(client: TestClient, name: str, text: str) -> dict:
    r = client.post(
        "/api/documents", files={"file": (name, text.encode("utf-8"), "text/plain")}, headers=AUTH
    )
    assert r.status_code == 201, r.text
    return r.json()


@pytest.mark.parametrize(
    ("first", "second"), [("Report (1).txt", "report-1.txt"), ("!!!.txt", "???.txt")]
)
def test_names_with_the_same_slug_are_two_documents(
    writable: tuple[FastAPI, TestClient], first: str, second: str
) -> None:
    _, client = writable
    a = upload(client, first, STORY.format(title=f"First {first}"))
    b = upload(client, second, STORY.format(title=f"Second {second}"))
    assert a["doc_id"] != b["doc_id"] and a["status"] == b["status"] == "ingested"
    assert client.get(f"/api/documents/{a['doc_id']}").json()["title"] == f"First {first}"
    assert client.get(f"/api/documents/{b['doc_id']}").json()["title"] == f"Second {second}"
    # the same file again changes nothing, under either name
    r = client.post(
        "/api/documents",
        files={"file": (first, STORY.format(title=f"First {first}").encode())},
        headers=AUTH,
    )
    assert r.status_code == 200
    assert (r.json()["status"], r.json()["doc_id"]) == ("unchanged", a["doc_id"])


def test_invisible_characters_never_make_or_rename_an_actor(
    writable: tuple[FastAPI, TestClient],
) -> None:
    _, client = writable
    upload(client, "plain.txt", STORY.format(title="Plain"))
    hidden = (
        "# Hidden\n\nRussian President Vladimir Putin\u200b met Venezuelan President "
        "Nicola\u0301s\u202e Maduro in Moscow.\n"  # decomposed á, a bidi override
    )
    doc = upload(client, "hidden.txt", hidden)
    putin = client.get("/api/entities/person:vladimir-putin").json()
    assert putin["name"] == "Vladimir Putin"
    people = client.get("/api/search", params={"q": "putin", "types": "Person"}).json()["hits"]
    assert [h["id"] for h in people] == ["person:vladimir-putin"]
    maduro = client.get("/api/search", params={"q": "maduro", "types": "Person"}).json()["hits"]
    assert [h["name"] for h in maduro] == ["Nicolás Maduro"]
    view = client.get(f"/api/documents/{doc['doc_id']}").json()
    assert "\u200b" not in view["text"] and "\u202e" not in view["text"]
    for m in view["mentions"]:  # offsets point into the text as stored
        assert view["text"][m["start"] : m["end"]] == m["text"]


def test_a_nul_anywhere_is_refused(writable: tuple[FastAPI, TestClient]) -> None:
    _, client = writable
    before = client.get("/api/stats").json()
    data = (STORY.format(title="Late NUL") + "x" * 9000 + "\x00 tail\n").encode()
    r = client.post("/api/documents", files={"file": ("late-nul.txt", data)}, headers=AUTH)
    assert "NUL" in assert_problem(r, 422)["detail"]
    r = client.post("/api/documents", json={"name": "n.txt", "text": "Putin\u0000"}, headers=AUTH)
    assert_problem(r, 422)
    assert client.get("/api/stats").json() == before


def test_a_control_character_in_a_title_leaves_the_xml_exports_valid(
    writable: tuple[FastAPI, TestClient],
) -> None:
    _, client = writable
    text = "# Control\u0001 title\r\n\r\nVladimir Putin spoke in Moscow.\r\n"
    doc = upload(client, "control.txt", text)
    graphml = nx.read_graphml(io.BytesIO(client.get("/api/export?format=graphml").content))
    assert graphml.nodes[doc["doc_id"]]["name"] == "Control title"
    stored = client.get(f"/api/documents/{doc['doc_id']}").json()["text"]
    assert stored == text  # as supplied: CR LF and the control character kept in the store
    gexf = nx.read_gexf(io.BytesIO(client.get("/api/export?format=gexf").content))
    assert gexf.nodes[doc["doc_id"]]["label"] == "Control title"
