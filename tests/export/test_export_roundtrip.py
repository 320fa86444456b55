"""Every export format, read back by another reader, gives the graph's names and texts
(issue 10, failure 12): random unicode, control characters and CR included. GraphML and
GEXF drop only what XML 1.0 cannot hold; CSV cells that a spreadsheet would run as a
formula carry one leading quote, which a reader drops."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.export import CSV_FORMULA_START, XML_FORBIDDEN, render
from graph.model import Edge, Evidence, GraphData, Node

names = st.text(min_size=1, max_size=40)
texts = st.text(max_size=200)


def graph_of(people: list[str], title: str, text: str, sentence: str) -> GraphData:
    nodes = [
        Node(id=f"person:{i}", type="Person", name=n, aliases=[n[::-1]])
        for i, n in enumerate(people)
    ]
    nodes.append(Node(id="doc:d", type="Document", name=title, title=title, text=text))
    evidence = [Evidence(document="doc:d", sentence=sentence, start=0, end=len(sentence))]
    edges = [
        Edge(
            id=f"rel:{i}", source="doc:d", target=f"person:{i}", type="MENTIONS", evidence=evidence
        )
        for i in range(len(people))
    ]
    return GraphData(nodes=nodes, edges=edges)


def xml_kept(value: str) -> str:
    return XML_FORBIDDEN.sub("", value)


def uncell(value: str) -> str:
    if value[:1] == "'" and value[1:2] and value[1:2] in CSV_FORMULA_START:
        return value[1:]
    return value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(names, min_size=1, max_size=4), title=names, text=texts, sentence=texts)
def test_every_format_reads_back_the_same_names(
    people: list[str], title: str, text: str, sentence: str
) -> None:
    data = graph_of(people, title, text, sentence)
    expected = {n.id: n.name for n in data.nodes}

    back = GraphData.model_validate_json(render(data, "json"))
    assert {n.id: n.name for n in back.nodes} == expected
    assert next(n for n in back.nodes if n.id == "doc:d").properties["text"] == text

    graphml = nx.read_graphml(io.BytesIO(render(data, "graphml")))
    assert {i: a["name"] for i, a in graphml.nodes(data=True)} == {
        i: xml_kept(n) for i, n in expected.items()
    }
    assert graphml.nodes["doc:d"]["text"] == xml_kept(text)  # CR and tab kept
    for _, _, attrs in graphml.edges(data=True):
        assert json.loads(attrs["evidence"])[0]["sentence"] == sentence  # JSON escapes all

    gexf = nx.read_gexf(io.BytesIO(render(data, "gexf")))
    assert {i: a["label"] for i, a in gexf.nodes(data=True)} == {
        i: xml_kept(n) for i, n in expected.items()
    }
    assert gexf.nodes["doc:d"]["text"] == xml_kept(text)

    with zipfile.ZipFile(io.BytesIO(render(data, "csv"))) as zf:
        rows = list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode("utf-8"), newline="")))
        edges = list(csv.DictReader(io.StringIO(zf.read("edges.csv").decode("utf-8"), newline="")))
    assert {uncell(r["id"]): uncell(r["name"]) for r in rows} == expected
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert len(edges) == len(people)

    assert render(data, "cypher").decode("utf-8").count("MERGE (n:`Node`") == 2


def test_control_characters_and_cr_in_xml() -> None:
    """The issue's reproduction: a title with U+0001 made GraphML and GEXF unreadable, and
    GraphML turned CR LF into LF."""
    data = graph_of(["Vladimir\u0001 Putin"], "Title\u0001 here", "line one\r\nline two", "s")
    for fmt in ("graphml", "gexf"):
        payload = render(data, fmt)
        assert b"\x01" not in payload
        g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(payload))
        assert g.nodes["doc:d"]["text"] == "line one\r\nline two"
        assert g.nodes["person:0"]["name"] == "Vladimir Putin"


def test_formula_cells_are_neutralised() -> None:
    data = graph_of(['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "'quoted"], "t", "", "")
    with zipfile.ZipFile(io.BytesIO(render(data, "csv"))) as zf:
        rows = list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode("utf-8"), newline="")))
    names = {r["id"]: r["name"] for r in rows}
    assert names["person:0"] == '\'=HYPERLINK("http://x")'
    assert names["person:1"] == "'+1" and names["person:2"] == "'-2"
    assert names["person:3"] == "'@SUM(A1)" and names["person:4"] == "''quoted"
