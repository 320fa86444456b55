from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graph.cypher_guard import strip_literals_and_comments
from graph.export import FORMATS, cypher_string, render, without_document_text
from graph.model import Edge, Evidence, GraphData, Node
from tests.api.assertions import assert_problem

VOLODIN = "person:vyacheslav-volodin"
CUBA = "country:cuba"


def _subgraph(client: TestClient, **body: object) -> GraphData:
    r = client.post("/api/subgraph", json=body)
    assert r.status_code == 200, r.text
    return GraphData.model_validate(r.json())


def test_subgraph_grows_from_every_seed(client: TestClient) -> None:
    one = _subgraph(client, seeds=[VOLODIN])
    two = _subgraph(client, seeds=[VOLODIN, CUBA])
    assert {n.id for n in one.nodes} < {n.id for n in two.nodes}
    assert "country:russia" in {n.id for n in two.nodes}  # Cuba COOPERATES_WITH Russia
    assert {VOLODIN, CUBA} <= {
        n.id for n in _subgraph(client, seeds=[VOLODIN, CUBA], depth=0).nodes
    }


def test_subgraph_filters_match_the_neighbours_endpoint(client: TestClient) -> None:
    params = {"depth": 2, "types": ["Person", "Institution"], "relations": ["HOLDS_ROLE"]}
    sub = _subgraph(client, seeds=[VOLODIN], **params)
    nb = client.get(
        f"/api/entities/{VOLODIN}/neighbors",
        params={"depth": 2, "types": "Person,Institution", "relations": "HOLDS_ROLE"},
    )
    assert sub == GraphData.model_validate(nb.json())
    assert {e.type for e in sub.edges} == {"HOLDS_ROLE"}
    assert {n.type for n in sub.nodes} <= {"Person", "Institution"}


def test_subgraph_errors(client: TestClient) -> None:
    body = assert_problem(client.post("/api/subgraph", json={"seeds": [VOLODIN, "x:nope"]}), 404)
    assert "x:nope" in body["detail"] and VOLODIN not in body["detail"]
    body = assert_problem(
        client.post("/api/subgraph", json={"seeds": [VOLODIN], "types": ["Planet"]}), 422
    )
    assert "Planet" in body["detail"] and "Person" in body["detail"]
    assert_problem(client.post("/api/subgraph", json={"seeds": []}), 422)
    assert_problem(client.post("/api/subgraph", json={"seeds": [VOLODIN], "depth": 9}), 422)
    assert_problem(client.post("/api/subgraph", json={"seeds": [VOLODIN], "colour": 1}), 422)
    assert_problem(client.post("/api/subgraph?format=pdf", json={"seeds": [VOLODIN]}), 422)


def test_subgraph_leaves_out_document_text_whole_json_export_keeps_it(
    client: TestClient, seeds_graph: GraphData
) -> None:
    doc = next(n for n in seeds_graph.nodes if n.type == "Document")
    assert doc.properties["text"]
    sub = _subgraph(client, seeds=[doc.id, VOLODIN], types=["Document", "Person"])
    docs = [n for n in sub.nodes if n.type == "Document"]
    assert docs and all("text" not in n.properties for n in docs)
    assert docs[0].properties["sha256"] == doc.properties["sha256"]  # the rest is kept
    for fmt in FORMATS:
        r = client.post(
            f"/api/subgraph?format={fmt}", json={"seeds": [doc.id], "types": ["Document"]}
        )
        assert r.status_code == 200
        assert doc.properties["text"][:200].encode() not in r.content
    whole = client.get("/api/export", params={"format": "json"}).json()
    texts = {n["id"]: n.get("text") for n in whole["nodes"] if n["type"] == "Document"}
    assert texts[doc.id] == doc.properties["text"]


@pytest.mark.parametrize(
    ("fmt", "media", "filename"),
    [
        ("json", "application/json", "actorgraph-subgraph.json"),
        ("graphml", "application/graphml+xml", "actorgraph-subgraph.graphml"),
        ("gexf", "application/gexf+xml", "actorgraph-subgraph.gexf"),
        ("csv", "application/zip", "actorgraph-subgraph.zip"),
        ("cypher", "text/plain; charset=utf-8", "actorgraph-subgraph.cypher"),
    ],
)
def test_exports_are_downloads_with_a_filename(
    client: TestClient, fmt: str, media: str, filename: str
) -> None:
    for r in (
        client.get("/api/export", params={"format": fmt, "ids": VOLODIN}),
        client.post(f"/api/subgraph?format={fmt}", json={"seeds": [VOLODIN]}),
    ):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == media
        assert r.headers["content-disposition"] == f'attachment; filename="{filename}"'
        assert r.content
    whole = client.get("/api/export", params={"format": fmt})
    assert (
        f'filename="actorgraph.{filename.rsplit(".", 1)[1]}"'
        in whole.headers["content-disposition"]
    )


def test_export_of_a_subgraph_is_that_subgraph(client: TestClient) -> None:
    sub = _subgraph(client, seeds=[VOLODIN, CUBA], depth=1)
    r = client.get("/api/export", params={"format": "json", "ids": f"{VOLODIN},{CUBA}"})
    assert GraphData.model_validate(r.json()).sorted() == sub.sorted()
    assert_problem(client.get("/api/export", params={"ids": "x:nope"}), 404)


def test_whole_export_with_filters_is_cut_down(client: TestClient) -> None:
    r = client.get("/api/export", params={"types": "Person,Country", "relations": "HOLDS_ROLE"})
    g = GraphData.model_validate(r.json())
    assert {n.type for n in g.nodes} == {"Person", "Country"}
    assert g.edges and {e.type for e in g.edges} == {"HOLDS_ROLE"}
    ids = {n.id for n in g.nodes}
    assert all(e.source in ids and e.target in ids for e in g.edges)
    assert 'filename="actorgraph-subgraph.json"' in r.headers["content-disposition"]


# ---- the formats themselves, on the seeds ----
def _edge_type(attrs: dict) -> str:
    return attrs.get("type") or attrs["relation"]


def test_graphml_round_trips_through_networkx(client: TestClient, seeds_graph: GraphData) -> None:
    r = client.get("/api/export", params={"format": "graphml"})
    g = nx.read_graphml(io.BytesIO(r.content), force_multigraph=True)
    _check_networkx(g, seeds_graph)


def test_gexf_round_trips_through_networkx(client: TestClient, seeds_graph: GraphData) -> None:
    r = client.get("/api/export", params={"format": "gexf"})
    g = nx.read_gexf(io.BytesIO(r.content))
    _check_networkx(g, seeds_graph)
    # Gephi colours: the schema's colour on every node
    assert g.nodes["person:vladimir-putin"]["viz"]["color"] == {
        "r": 228,
        "g": 87,
        "b": 46,
        "a": 1.0,
    }


def _check_networkx(g: nx.Graph, data: GraphData) -> None:
    assert set(g.nodes) == {n.id for n in data.nodes}
    for node in data.nodes:
        attrs = g.nodes[node.id]
        assert attrs["type"] == node.type
        assert attrs["label"] == node.name
        assert json.loads(attrs["aliases"]) == node.aliases
    got = {}
    for u, v, attrs in g.edges(data=True):
        evidence = [Evidence.model_validate(ev) for ev in json.loads(attrs["evidence"])]
        got[(u, v, _edge_type(attrs), attrs.get("role"))] = evidence
    want = {(e.source, e.target, e.type, e.properties.get("role")): e.evidence for e in data.edges}
    assert got == want


def test_csv_zip_holds_nodes_and_edges(client: TestClient, seeds_graph: GraphData) -> None:
    r = client.get("/api/export", params={"format": "csv"})
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(zf.read("edges.csv").decode("utf-8"))))
    assert {(n["id"], n["type"], n["name"]) for n in nodes} == {
        (n.id, n.type, n.name) for n in seeds_graph.nodes
    }
    lazo = next(n for n in nodes if n["id"] == "person:juan-esteban-lazo-hernandez")
    assert lazo["name"] == "Juan Esteban Lazo Hernández"  # UTF-8 intact
    by_id = {e.id: e for e in seeds_graph.edges}
    assert {e["id"] for e in edges} == set(by_id)
    for row in edges:
        edge = by_id[row["id"]]
        assert (row["source"], row["target"], row["type"]) == (edge.source, edge.target, edge.type)
        assert int(row["evidence_count"]) == len(edge.evidence)
        assert [Evidence.model_validate(x) for x in json.loads(row["evidence"])] == edge.evidence
        assert row.get("role", "") == (edge.properties.get("role") or "")
    assert "text" not in nodes[0]  # the whole graph's csv leaves documents' text out


def test_unknown_export_format_is_422(client: TestClient) -> None:
    body = assert_problem(client.get("/api/export", params={"format": "pdf"}), 422)
    assert "format" in body["detail"]


# ---- cypher script ----
TRICKY = [
    "O'Neil",
    'say "hi"',
    "back\\slash \\' \\\\'",
    "two\nlines\r\nand\ttab",
    "Lazo Hernández — «Cuba» 北京 😀",
    "ends with backslash\\",
    "nul\x00 and bell\x07 and \u2028",
    "'); MATCH (n) DETACH DELETE n; //",
]


def _read_cypher_string(literal: str) -> str:
    """Decode a single-quoted Cypher string literal the way Neo4j's parser does."""
    assert literal[0] == literal[-1] == "'"
    out, i, body = [], 0, literal[1:-1]
    simple = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}
    while i < len(body):
        ch = body[i]
        if ch == "'":
            raise AssertionError(f"unescaped quote in {literal!r}")
        if ch != "\\":
            out.append(ch)
            i += 1
        elif body[i + 1] == "u":
            out.append(chr(int(body[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(simple[body[i + 1]])
            i += 2
    return "".join(out)


@pytest.mark.parametrize("text", TRICKY)
def test_cypher_string_literals_escape_everything(text: str) -> None:
    literal = cypher_string(text)
    assert "\n" not in literal and "\r" not in literal
    assert _read_cypher_string(literal) == text


def test_cypher_script_structure(seeds_graph: GraphData) -> None:
    script = render(without_document_text(seeds_graph), "cypher").decode("utf-8")
    statements = [re.sub(r"^(//.*\n)+", "", s.strip()) for s in script.split(";\n") if s.strip()]
    schema = [
        s for s in statements if s.startswith(("CREATE ", "DROP INDEX "))
    ]  # DROP: old indexes
    data = [s for s in statements if s.startswith("UNWIND ")]
    assert schema and data and len(schema) + len(data) == len(statements)
    assert statements.index(data[0]) > statements.index(schema[-1])  # schema first
    assert "$" not in strip_literals_and_comments(script)  # parameter-free
    for node_type in {n.type for n in seeds_graph.nodes}:
        assert f"SET n += row.props, n:`{node_type}`" in script
    for rel in {e.type for e in seeds_graph.edges}:
        assert f"MERGE (a)-[r:`{rel}` {{id: row.id}}]->(b)" in script
    for node in seeds_graph.nodes:
        assert cypher_string(node.id) in script and cypher_string(node.name) in script
    for edge in seeds_graph.edges:
        assert cypher_string(edge.id) in script
    # every quote opens and closes a literal that decodes: no statement is cut mid-string
    for statement in data:
        for literal in re.findall(r"'(?:[^'\\]|\\.)*'", statement):
            _read_cypher_string(literal)


def test_cypher_export_refuses_types_outside_the_schema() -> None:
    data = GraphData(nodes=[Node(id="p:x", type="Planet", name="X")])
    with pytest.raises(ValueError, match="Planet"):
        render(data, "cypher")
    data = GraphData(
        nodes=[Node(id="a", type="Person", name="A"), Node(id="b", type="Person", name="B")],
        edges=[Edge(id="e", source="a", target="b", type="LOVES")],
    )
    with pytest.raises(ValueError, match="LOVES"):
        render(data, "cypher")
