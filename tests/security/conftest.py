"""Fixtures for the security suite: a canary HTTP server that must never be called, and
the API on a Neo4j store holding the seeds."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.config import Neo4jSettings, Settings
from graph.model import GraphData
from graph.store.neo4j import Neo4jStore

CANARY_TAG = "Pwned"


class Canary:
    """An HTTP server on 127.0.0.1 that records every request it gets (and answers a
    small CSV, so a fetch that got through would show in the query's result too)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                canary.requests.append(self.path)
                body = b"leaked,secret\n"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/canary"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def canary() -> Iterator[Canary]:
    c = Canary()
    yield c
    c.close()


@pytest.fixture(scope="module")
def seeded_neo4j(neo4j_settings: Neo4jSettings, seeds_graph: GraphData) -> Iterator[Neo4jStore]:
    """The seeds in the test server's database (wiped first), and a store on it."""
    store = Neo4jStore(neo4j_settings)
    store.ensure_schema()
    store.clear()
    store.import_graph(seeds_graph)
    yield store
    store.close()


@pytest.fixture(scope="module")
def console(
    seeded_neo4j: Neo4jStore,
    neo4j_settings: Neo4jSettings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[TestClient]:
    settings = Settings(
        store="neo4j", neo4j=neo4j_settings, data_dir=Path(tmp_path_factory.mktemp("sec"))
    )
    with TestClient(create_app(settings)) as client:
        yield client
