"""The relations table (/api/relations, .csv, .xlsx), the evidence per month (/api/timeline)
and the path finder's exclusions, on both stores."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from app.main import create_app
from graph.model import Edge, Evidence, GraphData, Node
from graph.schema import DOCUMENT, MENTIONS
from tests.api.assertions import assert_problem
from tests.api.conftest import STORES, seeded_settings

VOLODIN = "person:vyacheslav-volodin"
RUSSIA = "country:russia"


def table(client: TestClient, **params: object) -> dict:
    r = client.get("/api/relations", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_every_relation_with_names_dates_documents_and_links(client: TestClient) -> None:
    body = table(client, limit=500)
    rows = body["rows"]
    assert body["total"] == len(rows) > 20 and body["sort"] == "type"
    assert [r["type"] for r in rows] == sorted(r["type"] for r in rows)
    assert MENTIONS not in {r["type"] for r in rows}
    for r in rows:
        assert r["source"]["name"] and r["target"]["name"]
        assert r["documents"] >= 1 and r["evidence_count"] >= 1
        ev = r["first_evidence"]
        assert ev["sentence"] and ev["url"].startswith("/documents/") and "hl=" in ev["url"]
        assert r["explore_url"].startswith("/explore?focus=") and "&sel=" in r["explore_url"]
    roles = [r for r in rows if r["type"] == "HOLDS_ROLE" and r["role"]]
    assert roles


def test_filters_sort_and_pages(client: TestClient) -> None:
    sanctions = table(client, relations="SANCTIONED", limit=500)["rows"]
    assert sanctions and {r["type"] for r in sanctions} == {"SANCTIONED"}
    russia = table(client, actor=RUSSIA, limit=500)["rows"]
    assert russia and all(RUSSIA in (r["source"]["id"], r["target"]["id"]) for r in russia)
    by_docs = table(client, sort="-documents", limit=500)["rows"]
    counts = [r["documents"] for r in by_docs]
    assert counts == sorted(counts, reverse=True)
    names = [r["source"]["name"] for r in table(client, sort="source", limit=500)["rows"]]
    assert names == sorted(names)
    whole = table(client, sort="target", limit=500)
    pages = [table(client, sort="target", limit=7, offset=o) for o in range(0, whole["total"], 7)]
    assert [r["id"] for p in pages for r in p["rows"]] == [r["id"] for r in whole["rows"]]
    assert all(p["total"] == whole["total"] for p in pages)
    one_doc = table(client, documents="doc:003_6e32554014a3be8b", limit=500)["rows"]
    assert one_doc and len(one_doc) < len(whole["rows"])
    assert all(r["first_evidence"]["document"] == "doc:003_6e32554014a3be8b" for r in one_doc)


def test_bad_parameters_are_problems(client: TestClient) -> None:
    assert_problem(client.get("/api/relations", params={"actor": "person:nobody"}), 404)
    assert_problem(client.get("/api/relations", params={"sort": "colour"}), 422)
    assert_problem(client.get("/api/relations", params={"limit": 501}), 422)
    assert_problem(client.get("/api/relations", params={"relations": "LOVES"}), 422)
    assert_problem(client.get("/api/relations", params={"since": "2023-13"}), 422)
    r = client.get("/api/relations", params={"since": "2024", "until": "2023"})
    assert "after" in assert_problem(r, 422)["detail"]
    assert_problem(client.get("/api/relations.csv", params={"actor": "x:y"}), 404)
    assert_problem(client.get("/api/timeline", params={"min_confidence": 2}), 422)


# ---- a graph made to be awkward in a spreadsheet ----
TRICKY = '=HYPERLINK("http://evil","x")'


def tricky_graph() -> GraphData:
    doc = Node(id="doc:t", type=DOCUMENT, name="Télam report", date="2023-10-05")
    undated = Node(id="doc:u", type=DOCUMENT, name="undated")
    felix = Node(id="person:felix", type="Person", name="Félix Martínez Suárez")
    evil = Node(id="person:evil", type="Person", name=TRICKY)
    minus = Node(id="institution:m", type="Institution", name="-Minus Bank")
    ev = [
        Evidence(document="doc:t", sentence="+Félix met them.", start=0, end=15),
        Evidence(document="doc:t", sentence="@Again in 2021.", start=20, end=34, date="2021-03-02"),
        Evidence(document="doc:u", sentence="Undated meeting.", start=0, end=16),
    ]
    mentions = [
        Edge(
            id=f"rel:m{i}",
            source=d,
            target=t,
            type=MENTIONS,
            evidence=[ev[0 if d == "doc:t" else 2]],
        )
        for i, (d, t) in enumerate(
            [("doc:t", felix.id), ("doc:t", evil.id), ("doc:t", minus.id), ("doc:u", felix.id)]
        )
    ]
    relations = [
        Edge(id="rel:met", source=felix.id, target=evil.id, type="MET_WITH", evidence=ev),
        Edge(
            id="rel:role",
            source=felix.id,
            target=minus.id,
            type="HOLDS_ROLE",
            role="\tchair",
            evidence=[ev[0]],
        ),
    ]
    return GraphData(nodes=[doc, undated, felix, evil, minus], edges=mentions + relations)


@pytest.fixture(scope="module", params=STORES)
def tricky(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    settings = seeded_settings(request, request.param, tricky_graph(), tmp_path_factory.mktemp("t"))
    with TestClient(create_app(settings)) as c:
        yield c


def test_csv_has_bom_names_one_evidence_per_line_and_no_formulas(tricky: TestClient) -> None:
    r = tricky.get("/api/relations.csv", params={"sort": "type"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert r.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(lines) == 4  # HOLDS_ROLE: one item; MET_WITH: three
    role, *met = lines
    assert role["relation"] == "HOLDS_ROLE" and role["role"] == "'\tchair"
    assert role["target_name"] == "'-Minus Bank" and role["source_name"] == "Félix Martínez Suárez"
    assert [m["target_name"] for m in met] == ["'" + TRICKY] * 3
    assert [m["sentence"] for m in met] == [
        "'+Félix met them.",
        "'@Again in 2021.",
        "Undated meeting.",
    ]
    assert [(m["evidence_date"], m["date_from"]) for m in met] == [
        ("2023-10-05", "document"),
        ("2021-03-02", "sentence"),
        ("", ""),
    ]
    assert [m["document_title"] for m in met] == ["Télam report", "Télam report", "undated"]


def test_xlsx_holds_the_same_lines_as_text(tricky: TestClient) -> None:
    r = tricky.get("/api/relations.xlsx", params={"relations": "MET_WITH"})
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, *lines = rows
    assert header[:3] == ("relation_id", "source_id", "source_name") and len(lines) == 3
    col = header.index("target_name")
    assert all(line[col] == "'" + TRICKY for line in lines)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_period_filters_follow_the_date_rule(tricky: TestClient) -> None:
    """The first sentence has no date: its document's (2023-10-05) dates it."""
    rows = table(tricky, since="2023-10", relations="MET_WITH")["rows"]
    assert len(rows) == 1 and rows[0]["evidence_count"] == 1
    ev = rows[0]["first_evidence"]
    assert ev["date"] == "2023-10-05" and ev["dated_by"] == "document"
    whole = table(tricky, relations="MET_WITH")["rows"][0]
    assert (whole["first_date"], whole["last_date"]) == ("2021-03-02", "2023-10-05")
    assert whole["documents"] == 2
    sub = tricky.post("/api/subgraph", json={"seeds": ["person:felix"], "since": "2023-10-01"})
    assert sub.status_code == 200, sub.text
    assert "rel:met" in {e["id"] for e in sub.json()["edges"]}
    sub = tricky.post("/api/subgraph", json={"seeds": ["person:felix"], "since": "2024-01-01"})
    assert "rel:met" not in {e["id"] for e in sub.json()["edges"]}
    # the overview, the whole-graph export and analytics follow the same rule
    for since, kept in (("2023-10-01", True), ("2024-01-01", False)):
        overview = tricky.get("/api/overview", params={"since": since}).json()
        assert ("rel:met" in {e["id"] for e in overview["edges"]}) is kept
        export = tricky.get("/api/export", params={"format": "json", "since": since}).json()
        assert ("rel:met" in {e["id"] for e in export["edges"]}) is kept
        ranked = tricky.get("/api/analytics", params={"metric": "degree", "since": since}).json()
        degree = {r["id"]: r["score"] for r in ranked["results"]}
        assert (degree.get("person:evil", 0) > 0) is kept
    t = tricky.get("/api/timeline").json()
    assert t["months"] == [{"month": "2021-03", "evidence": 1}, {"month": "2023-10", "evidence": 2}]
    assert t["undated"] == 1 and t["total"] == 4
    t = tricky.get("/api/timeline", params={"relations": "HOLDS_ROLE"}).json()
    assert t["months"] == [{"month": "2023-10", "evidence": 1}] and t["undated"] == 0


# ---- paths for analysts ----
def paths(client: TestClient, **params: object) -> list[dict]:
    r = client.get("/api/paths", params=params)
    assert r.status_code == 200, r.text
    return r.json()["paths"]


def test_paths_exclude_actors_relations_and_hubs(client: TestClient) -> None:
    ends = {"source": VOLODIN, "target": "country:cuba", "k": 10, "max_length": 4}
    every = paths(client, **ends)
    assert any(RUSSIA in [n["id"] for n in p["nodes"][1:-1]] for p in every)
    around = paths(client, **ends, exclude=RUSSIA)
    assert around and all(RUSSIA not in [n["id"] for n in p["nodes"]] for p in around)
    no_roles = paths(client, **ends, exclude_relations="HOLDS_ROLE,MET_WITH")
    assert all(e["type"] not in ("HOLDS_ROLE", "MET_WITH") for p in no_roles for e in p["edges"])
    no_hubs = paths(client, **ends, max_degree=5)
    for p in no_hubs:
        for n in p["nodes"][1:-1]:
            degree = len(table(client, actor=n["id"], limit=500)["rows"])
            assert degree <= 5, n
    for p in every + around + no_roles + no_hubs:
        assert p["length"] == len(p["edges"]) == len(p["nodes"]) - 1
    assert_problem(client.get("/api/paths", params={**ends, "exclude_relations": "LOVES"}), 422)
    assert_problem(client.get("/api/paths", params={**ends, "max_degree": 0}), 422)
