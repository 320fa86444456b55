"""`actorgraph import --bulk`: the first load of a big graph into an EMPTY Neo4j database
through `neo4j-admin database import full`, which writes the store files directly instead
of running transactions (an order of magnitude faster).

The import tool needs the database stopped, and Neo4j Community has one user database (no
second database to import into and switch to), so this works on the server that
`actorgraph neo4j` (app/neo4j_server) provisioned and nowhere else: it writes CSV files laid out exactly as the
Neo4j store keeps the graph (graph/store/neo4j_cypher.py), stops that server, imports, starts
it again on the same port, and creates the schema (which indexes what was imported). It
refuses, in one line, any other server and any database that holds a node.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from graph.blocking import node_keys
from graph.config import Settings
from graph.model import Edge, GraphData, Node
from graph.schema import DOCUMENT
from graph.store import neo4j_cypher as q
from graph.store.base import StoreError

REPO_ROOT = Path(__file__).resolve().parents[2]
NEO4J_SCRIPT = REPO_ROOT / "scripts" / "neo4j.sh"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
ARRAY_DELIMITER = "\x1f"  # no name, sentence or id holds a unit separator (checked)
LOCAL_HOSTS = ("127.0.0.1", "localhost")
TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
TIMEOUT_SECONDS = 3600
START_TIMEOUT_SECONDS = 900


def cache_dir() -> Path:
    return Path(os.environ.get("NEO4J_CACHE_DIR") or REPO_ROOT / ".cache" / "neo4j")


def bulk_import(settings: Settings, data: GraphData) -> dict[str, float]:
    """Load `data` into the empty database of the provisioned server (see the docstring).
    Returns the seconds each step took."""
    from graph.store.neo4j import Neo4jStore, _prepare

    home = cache_dir()
    _check_local(settings, home)
    store = Neo4jStore(settings.neo4j)
    try:
        held = store.stats().nodes
        version = store.version()
    finally:
        store.close()
    if held:
        raise StoreError(
            f"--bulk loads only an empty database, and {settings.neo4j.database!r} at"
            f" {settings.neo4j.uri} holds {held:,} nodes (import without --bulk merges into it)"
        )
    _prepare(data)  # types and property values, as the transactional import checks them
    _check_endpoints(data)
    steps: dict[str, float] = {}
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        steps[name] = now - clock
        clock = now

    with tempfile.TemporaryDirectory(prefix="bulk-", dir=_import_dir(home)) as tmp:
        args = write_csv(Path(tmp), data, version + 1)
        step("csv")
        _neo4j_sh("stop")
        step("stop")
        try:
            _admin_import(home, settings.neo4j.database, args)
            step("neo4j-admin")
        finally:
            _neo4j_sh("start", port=_port(home))
            step("start")
    store = Neo4jStore(settings.neo4j)
    try:
        store.ensure_schema()
    finally:
        store.close()
    step("indexes")
    return steps


def _check_local(settings: Settings, home: Path) -> None:
    uri = urlsplit(settings.neo4j.uri)
    port_file, pid_file = home / "run" / "bolt.port", home / "run" / "neo4j.pid"
    running = pid_file.is_file() and port_file.is_file()
    local = uri.hostname in LOCAL_HOSTS and running and str(uri.port) == _port(home)
    if not local or settings.neo4j.database != "neo4j":
        raise StoreError(
            f"--bulk imports only into the server `actorgraph neo4j start` runs from {home}"
            f" (database 'neo4j'), not {settings.neo4j.uri} database"
            f" {settings.neo4j.database!r}: use import without --bulk"
        )


def _port(home: Path) -> str:
    return (home / "run" / "bolt.port").read_text().strip()


def _import_dir(home: Path) -> Path:
    path = home / "import"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _check_endpoints(data: GraphData) -> None:
    ids = {n.id for n in data.nodes}
    for e in data.edges:
        if e.source not in ids or e.target not in ids:
            raise StoreError(f"edge {e.id} points at a node that is not in the graph")


# ---- CSV files (header and data apart, as neo4j-admin takes them) ----
def write_csv(folder: Path, data: GraphData, version: int) -> list[str]:
    """Write every file; return neo4j-admin's --nodes/--relationships arguments."""
    args: list[str] = []
    groups: dict[tuple[str, tuple[tuple[str, str], ...]], list[dict[str, Any]]] = {}
    for node in data.nodes:
        row = _node_props(node)
        signature = tuple(sorted((k, _csv_type(k, v)) for k, v in row.items() if k != "id"))
        groups.setdefault((node.type, signature), []).append(row)
    for i, ((node_type, signature), rows) in enumerate(sorted(groups.items())):
        columns = [("id", "ID"), *signature]
        files = _write(folder, f"nodes-{i}", columns, rows)
        args.append(f"--nodes={q.NODE_LABEL}:{node_type}={files}")
    edge_groups: dict[tuple[str, tuple[tuple[str, str], ...]], list[dict[str, Any]]] = {}
    refs: dict[str, list[str]] = {}
    for edge in data.edges:
        row = _edge_props(edge)
        signature = tuple(sorted((k, _csv_type(k, v)) for k, v in row.items() if k[0] != ":"))
        edge_groups.setdefault((edge.type, signature), []).append(row)
        for doc in row["documents"]:
            refs.setdefault(doc, []).append(q.edge_ref(edge.type, edge.id))
    for i, ((relation, signature), rows) in enumerate(sorted(edge_groups.items())):
        columns = [(":START_ID", ""), (":END_ID", ""), *signature]
        files = _write(folder, f"edges-{i}", columns, rows)
        args.append(f"--relationships={relation}={files}")
    doc_rows = [{"document": d, "edges": r} for d, r in sorted(refs.items())]
    columns = [("document", "string"), ("edges", "string[]")]
    args.append(f"--nodes={q.DOCUMENT_EDGES}={_write(folder, 'document-edges', columns, doc_rows)}")
    meta = [{"id": "store", "version": version, "layout": q.LAYOUT}]
    columns = [("id", "string"), ("version", "long"), ("layout", "long")]
    args.append(f"--nodes={q.META}={_write(folder, 'meta', columns, meta)}")
    return args


def _node_props(node: Node) -> dict[str, Any]:
    props: dict[str, Any] = {"id": node.id, "type": node.type, "name": node.name}
    props["aliases"] = node.aliases
    props.update(node.properties)
    props[q.FOLDED] = q.folded_names(node.name, node.aliases)
    if node.type != DOCUMENT:
        props[q.KEYS] = q.key_lines(node_keys(node)) or None
    return {k: v for k, v in props.items() if v is not None}


def _edge_props(edge: Edge) -> dict[str, Any]:
    props: dict[str, Any] = {":START_ID": edge.source, ":END_ID": edge.target, "id": edge.id}
    props.update({k: v for k, v in edge.properties.items() if v is not None})
    props["evidence"] = [ev.model_dump_json(exclude_none=True) for ev in edge.evidence]
    props["evidence_keys"] = [q.evidence_key(*ev.key()) for ev in edge.evidence]
    props["documents"] = list(dict.fromkeys(ev.document for ev in edge.evidence))
    return props


def _csv_type(key: str, value: Any) -> str:
    if isinstance(value, list):
        kinds = {type(v) for v in value} or {str}
        return TYPES[kinds.pop()] + "[]"
    return TYPES[type(value)]


def _write(folder: Path, name: str, columns: list[tuple[str, str]], rows: list[dict]) -> str:
    header = folder / f"{name}-header.csv"
    body = folder / f"{name}.csv"
    header.write_text(",".join(f"{k}:{t}" if t else k for k, t in columns) + "\n", encoding="utf-8")
    with body.open("w", encoding="utf-8", newline="") as fh:
        fh.writelines(_lines(columns, rows))
    return f"{header},{body}"


def _lines(columns: list[tuple[str, str]], rows: Iterable[dict]) -> Iterator[str]:
    for row in rows:
        yield ",".join(_field(row.get(k)) for k, _ in columns) + "\n"


def _field(value: Any) -> str:
    """A quoted field (an empty string stays one), or nothing for no property at all."""
    if value is None:
        return ""
    if isinstance(value, list):
        items = [_scalar(v) for v in value]
        if any(ARRAY_DELIMITER in v for v in items):
            raise StoreError(
                "--bulk: a list value holds the character U+001F; import without --bulk"
            )
        value = ARRAY_DELIMITER.join(items)
    else:
        value = _scalar(value)
    return '"' + value.replace('"', '""') + '"'


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if not isinstance(value, float) else repr(value)


# ---- the server and the import tool ----
# graph/ never imports app/: the server is driven through scripts/neo4j.sh, the wrapper
# around `python -m app.neo4j_server`, and its files are read from the same layout.
def _neo4j_sh(command: str, port: str | None = None) -> None:
    env = {**os.environ, "NEO4J_CACHE_DIR": str(cache_dir())}
    # a big store on a busy machine starts slowly; the 300 s default is for tests
    env.setdefault("NEO4J_START_TIMEOUT", str(START_TIMEOUT_SECONDS))
    if port:
        env["NEO4J_BOLT_PORT"] = port
    done = subprocess.run(
        ["bash", str(NEO4J_SCRIPT), command],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise StoreError(f"scripts/neo4j.sh {command} failed: {last}")


def _admin_import(home: Path, database: str, args: list[str]) -> None:
    java = os.environ.get("JAVA") or "java"
    command = [
        java,
        "-Xmx1g",
        "-cp",
        str(home / "lib" / "*"),
        ADMIN_CLASS,
        "database",
        "import",
        "full",
        database,
        "--overwrite-destination=true",
        "--multiline-fields=true",
        f"--array-delimiter={ARRAY_DELIMITER}",
        "--high-parallel-io=on",
        # beside the server's logs, not in whatever directory the command was run from
        f"--report-file={home / 'logs' / 'import.report'}",
        *args,
    ]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    if done.returncode != 0:
        lines = [x for x in (done.stderr + done.stdout).splitlines() if x.strip()]
        reason = next((x for x in reversed(lines) if "rror" in x), lines[-1] if lines else "")
        raise StoreError(f"neo4j-admin database import failed: {' '.join(reason.split())}")
