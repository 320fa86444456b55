"""Stores are one registry: ACTORGRAPH_STORE names a registered store, the factory opens it
through the registry, and what a store can do beyond the interface (the Cypher console, a
reachability probe) is a protocol it implements, so an added store is served by its
capabilities without a face knowing its name."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.config import Settings
from graph.store.base import GraphStore
from graph.store.capabilities import SupportsCypher, SupportsPing
from graph.store.factory import open_store
from graph.store.registry import STORES, StoreRegistry, StoreSpec
from graph.store.sqlite import SqliteStore

from .conftest import ROOT


def test_the_built_in_stores_are_registered_with_their_capabilities() -> None:
    assert STORES.names() == ("embedded", "neo4j")
    classes = {spec.name: spec.store_class() for spec in STORES.specs()}
    assert all(issubclass(cls, GraphStore) for cls in classes.values())
    assert classes["embedded"] is SqliteStore
    assert issubclass(classes["neo4j"], SupportsCypher)
    assert issubclass(classes["neo4j"], SupportsPing)
    assert not issubclass(SqliteStore, SupportsCypher)
    assert not issubclass(SqliteStore, SupportsPing)


def test_settings_refuse_a_store_nobody_registered() -> None:
    with pytest.raises(ValidationError, match="unknown store 'sqlite'; choose one of embedded, neo4j"):
        Settings(store="sqlite")


def test_registry_refuses_a_second_store_of_a_name_and_a_target_that_is_no_store() -> None:
    registry = StoreRegistry()
    registry.register(StoreSpec("x", "x", "graph.store.sqlite:SqliteStore"))
    with pytest.raises(ValueError, match="already registered"):
        registry.register(StoreSpec("x", "x", "graph.store.sqlite:SqliteStore"))
    with pytest.raises(ValueError, match="module:Class"):
        registry.register(StoreSpec("y", "y", "graph.store.sqlite"))
    with pytest.raises(TypeError, match="is not a GraphStore"):
        StoreSpec("z", "z", "graph.store.sqlite:node_from_row").store_class()


def test_the_factory_opens_the_registered_store_as_a_context_manager(tmp_path: Path) -> None:
    with open_store(Settings(data_dir=tmp_path)) as store:
        assert isinstance(store, SqliteStore)
        assert store.stats().nodes == 0
    assert (tmp_path / "graph.sqlite3").exists()
    with pytest.raises(RuntimeError), open_store(Settings(data_dir=tmp_path)) as store:
        raise RuntimeError("closed on the way out")
    assert not store._all  # every connection it opened was closed


ADDED_STORE = '''
from typing import Any
from graph.store.sqlite import SqliteStore

class EchoStore(SqliteStore):
    """An embedded store with a console that answers the query it was given."""
    kind = "echo"

    @classmethod
    def from_settings(cls, settings):
        return cls(settings.data_dir)

    def run_read_query(self, query: str, params: dict[str, Any], timeout: float,
                       row_cap: int, max_bytes: int = 4_000_000):
        return ["query"], [[query]], False
'''

SERVE_IT = """
import json, sys, tempfile
sys.path.insert(0, sys.argv[1])
from graph.store.registry import STORES, StoreSpec
STORES.register(StoreSpec("echo", "a test addition", "echo_store:EchoStore"))
from fastapi.testclient import TestClient
from app.main import create_app
from graph.config import Settings
c = TestClient(create_app(Settings(store="echo", data_dir=tempfile.mkdtemp())))
r = c.post("/api/cypher", json={"query": "RETURN 1"})
print(json.dumps({"status": r.status_code, "body": r.json(),
                  "store": c.get("/api/stats").json()["store"]}))
"""


def test_an_added_store_is_opened_by_name_and_served_by_its_capabilities(tmp_path: Path) -> None:
    (tmp_path / "echo_store.py").write_text(ADDED_STORE, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", SERVE_IT, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout.strip().splitlines()[-1])
    assert answer["store"] == "echo"
    assert answer["status"] == 200, answer
    assert answer["body"]["rows"] == [["RETURN 1"]]


def test_no_face_probes_a_store_for_attributes() -> None:
    """Capabilities are protocols (graph/store/capabilities.py), not getattr/hasattr."""
    probe = re.compile(r"\b(?:getattr|hasattr)\(\s*(?:self\.)?_?store\b")
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for folder in ("app", "graph")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if probe.search(line)
    ]
    assert found == []
