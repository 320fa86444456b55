"""Export formats of the interchange graph.

json     the interchange format itself (what `actorgraph import` reads back).
graphml  for Gephi, yEd, networkx: node attributes type/name/label/aliases, edge attributes
         type/label/evidence; lists and evidence are JSON strings (GraphML has no lists).
         GraphML and GEXF leave out characters XML 1.0 forbids and write CR as &#13;.
gexf     for Gephi: the same attributes, plus the schema's colour on each node. GEXF reserves
         an edge's `type` for directedness, so the relation type is `relation` (and the label).
csv      a zip of nodes.csv and edges.csv (UTF-8, one row per node / edge; lists and evidence
         as JSON strings; a cell starting with = + - @ tab CR or ' gets a leading ').
cypher   a parameter-free script that recreates the graph in an empty Neo4j exactly as the
         Neo4j store lays it out (so actorgraph can open it): MERGE on id, labels and relation
         types from the schema, batched with UNWIND over literal maps.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import secrets
import zipfile
from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.blocking import node_keys
from graph.export_registry import ExportFormat, ExportRegistry
from graph.model import Edge, GraphData, Node
from graph.query import GraphFilter
from graph.schema import DOCUMENT, load_schema
from graph.store import neo4j_cypher as neo4j_layout

CYPHER_BATCH = 200  # rows per UNWIND statement
TEXT_PROPERTIES = ("text", "offset_map")  # a Document's text and its map to the original

# characters XML 1.0 forbids (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/F):
# no parser reads a file holding one, so they are left out of GraphML and GEXF
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# a spreadsheet runs a cell starting with these as a formula (CSV injection); such a cell,
# and one starting with the quote itself, gets a leading ' (readers drop one leading ')
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def without_document_text(data: GraphData) -> GraphData:
    """The graph with Document nodes' full text left out: subgraph exports stay small. The
    offset map (graph/readers) goes with it: it maps that text back to the original."""
    nodes = []
    for node in data.nodes:
        if node.type == DOCUMENT and {"text", "offset_map"} & node.properties.keys():
            kept = {k: v for k, v in node.model_dump().items() if k not in TEXT_PROPERTIES}
            node = Node.model_validate(kept)
        nodes.append(node)
    return GraphData(nodes=nodes, edges=data.edges, truncated=data.truncated)


def dates_of_documents(data: GraphData) -> dict[str, str | None]:
    """The date rule's second source: each document's date."""
    return {n.id: n.properties.get("date") for n in data.nodes if n.type == DOCUMENT}


def filter_graph(data: GraphData, flt: GraphFilter) -> GraphData:
    """The whole graph cut down to what the filter keeps (there are no seeds to grow from)."""
    if flt.dated() and not flt.has_document_dates():  # else the caller knows them better
        flt = flt.with_document_dates(dates_of_documents(data))
    nodes = [n for n in data.nodes if flt.keeps_node(n)]
    keep = {n.id for n in nodes}
    edges = [e for e in data.edges if e.source in keep and e.target in keep and flt.keeps_edge(e)]
    if flt.documents is not None:
        edges = [
            e.model_copy(
                update={"evidence": [v for v in e.evidence if v.document in flt.documents]}
            )
            for e in edges
        ]
    return GraphData(nodes=nodes, edges=edges)


def render(data: GraphData, fmt: str) -> bytes:
    """The graph in a registered format; ValueError naming the formats for an unknown one."""
    return EXPORTS.get(fmt).writer(data.sorted())


# ---- json ----
def to_json(data: GraphData) -> bytes:
    return (
        json.dumps(data.model_dump(exclude_none=True), ensure_ascii=False, indent=1) + "\n"
    ).encode("utf-8")


# ---- flat attributes shared by graphml, gexf and csv ----
def _flat(value: Any) -> Any:
    """A property value as a GraphML/GEXF/CSV scalar: lists and maps become JSON."""
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _evidence_json(edge: Edge) -> str:
    return json.dumps(
        [ev.model_dump(exclude_none=True) for ev in edge.evidence], ensure_ascii=False
    )


def node_attributes(node: Node) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "type": node.type,
        "name": node.name,
        "label": node.name,
        "aliases": json.dumps(node.aliases, ensure_ascii=False),
    }
    for key, value in sorted(node.properties.items()):
        if value is not None and key not in attrs:
            attrs[key] = _flat(value)
    return attrs


def edge_attributes(edge: Edge) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "type": edge.type,
        "label": edge.type,
        "evidence": _evidence_json(edge),
        "evidence_count": len(edge.evidence),
    }
    for key, value in sorted(edge.properties.items()):
        if value is not None and key not in attrs:
            attrs[key] = _flat(value)
    return attrs


def _one_type_per_key(rows: list[dict[str, Any]]) -> None:
    """GraphML and GEXF declare one type per attribute: a key holding mixed kinds of
    values (an int here, a string there) is written as strings everywhere."""
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            kinds.setdefault(key, set()).add(type(value))
    mixed = {k for k, t in kinds.items() if len(t) > 1 and t != {int, float}}
    floats = {k for k, t in kinds.items() if t == {int, float}}
    for row in rows:
        for key in mixed & row.keys():
            row[key] = str(row[key])
        for key in floats & row.keys():
            row[key] = float(row[key])


class XmlText:
    """Strings as XML 1.0 can hold them: forbidden characters left out, and CR kept.

    A parser turns a literal CR in element text into LF, and the writers networkx uses
    (lxml or ElementTree) write it literally; so values carry a stand-in for CR, one no
    value holds (private-use brackets round a random token), and `finish` puts `&#13;`
    in its place in the written file."""

    def __init__(self) -> None:
        self.cr_mark = f"\ue000{secrets.token_hex(8)}\ue001"

    def value(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return XML_FORBIDDEN.sub("", value).replace("\r", self.cr_mark)

    def attrs(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return {self.value(k): self.value(v) for k, v in attrs.items()}

    def finish(self, payload: bytes) -> bytes:
        return payload.replace(self.cr_mark.encode("utf-8"), b"&#13;")


def _networkx(data: GraphData, xml: XmlText) -> tuple[nx.MultiDiGraph, list[dict], list[dict]]:
    """The graph as networkx holds it for the XML writers: every string XML-safe."""
    node_rows = [xml.attrs(node_attributes(n)) for n in data.nodes]
    edge_rows = [xml.attrs(edge_attributes(e)) for e in data.edges]
    _one_type_per_key(node_rows)
    _one_type_per_key(edge_rows)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, attrs in zip(data.nodes, node_rows, strict=True):
        g.add_node(xml.value(node.id), **attrs)
    for edge, attrs in zip(data.edges, edge_rows, strict=True):
        g.add_edge(xml.value(edge.source), xml.value(edge.target), key=xml.value(edge.id), **attrs)
    return g, node_rows, edge_rows


# ---- graphml ----
def to_graphml(data: GraphData) -> bytes:
    xml = XmlText()
    g, _, _ = _networkx(data, xml)
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return xml.finish(buf.getvalue())


# ---- gexf ----
def _rgb(hex_colour: str) -> dict[str, float]:
    h = hex_colour.lstrip("#")
    return {"r": int(h[0:2], 16), "g": int(h[2:4], 16), "b": int(h[4:6], 16), "a": 1.0}


def to_gexf(data: GraphData) -> bytes:
    schema = load_schema()
    xml = XmlText()
    g, _, _ = _networkx(data, xml)
    for _, attrs in g.nodes(data=True):
        colour = schema.nodes.get(attrs["type"])
        if colour is not None:
            attrs["viz"] = {"color": _rgb(colour.color)}
    for _, _, key, attrs in g.edges(keys=True, data=True):
        # GEXF's edge `type` means directed/undirected; the relation goes in `relation`
        attrs["relation"] = attrs.pop("type")
        attrs["id"] = key
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    return xml.finish(buf.getvalue())


# ---- csv ----
NODE_COLUMNS = ["id", "type", "name", "aliases"]
EDGE_COLUMNS = ["id", "source", "target", "type", "evidence_count", "evidence"]


def csv_cell(value: Any) -> Any:
    """A cell no spreadsheet runs as a formula (see CSV_FORMULA_START)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_START):
        return "'" + value
    return value


def _csv(columns: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    # CRLF rows (RFC 4180): the writer quotes a cell holding a character of the line
    # terminator only, so with LF rows a lone CR in a value would end the row on reading
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writerow({c: csv_cell(c) for c in columns})  # property names come from data too
    for row in rows:
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buf.getvalue().encode("utf-8")


def to_csv_zip(data: GraphData) -> bytes:
    node_rows = []
    for node in data.nodes:
        row = {k: v for k, v in node_attributes(node).items() if k != "label"}
        node_rows.append({"id": node.id, **row})
    edge_rows = []
    for edge in data.edges:
        row = {k: v for k, v in edge_attributes(edge).items() if k != "label"}
        edge_rows.append({"id": edge.id, "source": edge.source, "target": edge.target, **row})
    node_cols = NODE_COLUMNS + sorted({k for r in node_rows for k in r} - set(NODE_COLUMNS))
    edge_cols = EDGE_COLUMNS + sorted({k for r in edge_rows for k in r} - set(EDGE_COLUMNS))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("nodes.csv", _csv(node_cols, node_rows))
        zf.writestr("edges.csv", _csv(edge_cols, edge_rows))
    return buf.getvalue()


# ---- cypher ----
def cypher_string(text: str) -> str:
    """A Cypher string literal: single-quoted, with backslash escapes for every character
    that could end the literal or be read differently (quotes, backslash, control chars)."""
    out = ["'"]
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ch in "\u2028\u2029" or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append("'")
    return "".join(out)


def cypher_name(name: str) -> str:
    """A label, relation type or map key, backtick-quoted so any spelling is safe."""
    return "`" + name.replace("`", "``") + "`"


def cypher_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return cypher_string(str(value))
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(cypher_string(v) for v in value) + "]"
    # Neo4j properties cannot hold maps or mixed lists: they travel as JSON text
    return cypher_string(json.dumps(value, ensure_ascii=False, sort_keys=True))


def cypher_map(values: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{cypher_name(k)}: {cypher_value(v)}" for k, v in values.items()) + "}"


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def to_cypher(data: GraphData) -> bytes:
    """Statements end with ';' at the end of a line, and no string literal holds a line
    break (they are escaped), so splitting the script on ';\n' gives its statements."""
    schema = load_schema()
    unknown = sorted({n.type for n in data.nodes} - set(schema.node_types))
    unknown += sorted({e.type for e in data.edges} - set(schema.relation_types))
    if unknown:
        raise ValueError(f"types not in the schema (graph/schema.toml): {', '.join(unknown)}")
    node = cypher_name(neo4j_layout.NODE_LABEL)
    lines = [
        "// actorgraph export: recreates this graph in Neo4j, laid out as actorgraph's Neo4j",
        "// store keeps it (run it with: cypher-shell -f this-file). MERGE on id: running it",
        "// twice changes nothing. Constraints and indexes first, then nodes, then edges.",
    ]
    lines += [statement + ";" for statement in neo4j_layout.schema_statements()]
    by_type: dict[str, list[Node]] = {}
    for n in data.nodes:
        by_type.setdefault(n.type, []).append(n)
    for node_type in sorted(by_type):
        for batch in _chunks(by_type[node_type], CYPHER_BATCH):
            rows = ",\n  ".join(
                "{" + f"id: {cypher_string(n.id)}, props: {cypher_map(_node_props(n))}" + "}"
                for n in batch
            )
            lines.append(
                f"UNWIND [\n  {rows}\n] AS row\n"
                f"MERGE (n:{node} {{id: row.id}})\n"
                f"SET n += row.props, n:{cypher_name(node_type)};"
            )
    by_rel: dict[str, list[Edge]] = {}
    for e in data.edges:
        by_rel.setdefault(e.type, []).append(e)
    for rel_type in sorted(by_rel):
        for batch in _chunks(by_rel[rel_type], CYPHER_BATCH):
            rows = ",\n  ".join(
                "{"
                + f"id: {cypher_string(e.id)}, source: {cypher_string(e.source)}, "
                + f"target: {cypher_string(e.target)}, props: {cypher_map(_edge_props(e))}"
                + "}"
                for e in batch
            )
            lines.append(
                f"UNWIND [\n  {rows}\n] AS row\n"
                f"MATCH (a:{node} {{id: row.source}})\n"
                f"MATCH (b:{node} {{id: row.target}})\n"
                f"MERGE (a)-[r:{cypher_name(rel_type)} {{id: row.id}}]->(b)\n"
                "SET r += row.props;"
            )
    refs: dict[str, list[str]] = {}
    for e in data.edges:
        for doc in dict.fromkeys(ev.document for ev in e.evidence):
            refs.setdefault(doc, []).append(neo4j_layout.edge_ref(e.type, e.id))
    for batch in _chunks(sorted(refs.items()), CYPHER_BATCH):
        rows = ",\n  ".join(
            "{" + f"document: {cypher_string(d)}, edges: {cypher_value(r)}" + "}" for d, r in batch
        )
        lines.append(
            f"UNWIND [\n  {rows}\n] AS row\n"
            f"MERGE (x:{cypher_name(neo4j_layout.DOCUMENT_EDGES)} {{document: row.document}})\n"
            "SET x.edges = row.edges;"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


# The Neo4j store's layout (graph/store/neo4j_cypher.py explains it): node properties are
# the interchange node's plus the folded names search matches on; an edge's evidence is a
# list of compact JSON items with their merge keys and documents beside it.
def _node_props(n: Node) -> dict[str, Any]:
    props: dict[str, Any] = {"id": n.id, "type": n.type, "name": n.name, "aliases": n.aliases}
    props.update({k: v for k, v in sorted(n.properties.items()) if v is not None})
    props[neo4j_layout.FOLDED] = neo4j_layout.folded_names(n.name, n.aliases)
    if n.type != DOCUMENT:
        props[neo4j_layout.KEYS] = neo4j_layout.key_lines(node_keys(n)) or None
    return {k: v for k, v in props.items() if v is not None}


def _edge_props(e: Edge) -> dict[str, Any]:
    props: dict[str, Any] = {"id": e.id}
    props.update({k: v for k, v in sorted(e.properties.items()) if v is not None})
    props["evidence"] = [ev.model_dump_json(exclude_none=True) for ev in e.evidence]
    props["evidence_keys"] = [json.dumps(list(ev.key()), ensure_ascii=False) for ev in e.evidence]
    props["documents"] = list(dict.fromkeys(ev.document for ev in e.evidence))
    return props


EXPORTS = ExportRegistry()
EXPORTS.register(
    ExportFormat(
        "json",
        "application/json",
        "json",
        to_json,
        "the interchange format (what `actorgraph import` reads)",
        keeps_text=True,
    )
)
EXPORTS.register(
    ExportFormat(
        "graphml", "application/graphml+xml", "graphml", to_graphml, "for Gephi, yEd and networkx"
    )
)
EXPORTS.register(
    ExportFormat("gexf", "application/gexf+xml", "gexf", to_gexf, "for Gephi, with colours")
)
EXPORTS.register(
    ExportFormat("csv", "application/zip", "zip", to_csv_zip, "a zip of nodes.csv and edges.csv")
)
EXPORTS.register(
    ExportFormat(
        "cypher",
        "text/plain; charset=utf-8",
        "cypher",
        to_cypher,
        "a script that recreates the graph in an empty Neo4j",
        keeps_text=True,
    )
)
# the names older callers use, derived from the registry
FORMATS = EXPORTS.names()
MEDIA_TYPES = {f.name: f.media_type for f in EXPORTS.formats()}
FILE_EXTENSIONS = {f.name: f.extension for f in EXPORTS.formats()}
RENDERERS = {f.name: f.writer for f in EXPORTS.formats()}
