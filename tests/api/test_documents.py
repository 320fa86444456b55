"""Reading documents: the list, and one document's text with its mentions marked."""

from __future__ import annotations

from fastapi.testclient import TestClient

from graph.model import GraphData
from tests.api.assertions import assert_problem


def test_list_documents_with_metadata_and_pages(client: TestClient, seeds_graph: GraphData) -> None:
    body = client.get("/api/documents").json()
    docs = [n for n in seeds_graph.nodes if n.type == "Document"]
    assert body["total"] == len(docs) == 2
    first = body["documents"][0]
    assert first["title"] and first["sha256"] and first["chars"] > 1000 and "text" not in first
    assert [d["id"] for d in body["documents"]] == sorted(n.id for n in docs)
    page = client.get("/api/documents", params={"limit": 1, "offset": 1}).json()
    assert [d["id"] for d in page["documents"]] == [body["documents"][1]["id"]]
    assert page["total"] == 2
    assert_problem(client.get("/api/documents", params={"limit": 0}), 422)


def test_document_text_with_mention_offsets(client: TestClient, seeds_graph: GraphData) -> None:
    doc = next(n for n in seeds_graph.nodes if n.type == "Document")
    view = client.get(f"/api/documents/{doc.id}").json()
    text = view["text"]
    assert text == doc.properties["text"]
    names = {n.id: n for n in seeds_graph.nodes}
    mentions = view["mentions"]
    assert len(mentions) > 20
    assert [(m["start"], -m["end"]) for m in mentions] == sorted(
        (m["start"], -m["end"]) for m in mentions
    )
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"]  # offsets point at the mention
        assert m["name"] == names[m["entity"]].name and m["type"] == names[m["entity"]].type
    mentioned = {m["entity"] for m in mentions}
    assert "person:vladimir-putin" in mentioned
    expected = {e.target for e in seeds_graph.edges if e.type == "MENTIONS" and e.source == doc.id}
    assert mentioned == expected
    # relations read in this document, with this document's sentences only
    assert view["relations"]
    for rel in view["relations"]:
        assert rel["evidence"] and all(ev["document"] == doc.id for ev in rel["evidence"])
        assert all(text[ev["start"] : ev["end"]] == ev["sentence"] for ev in rel["evidence"])


def test_unknown_document_is_404(client: TestClient) -> None:
    body = assert_problem(client.get("/api/documents/doc:nope"), 404)
    assert "doc:nope" in body["detail"]
    assert_problem(client.get("/api/documents/person:vladimir-putin"), 404)
