"""Schemathesis in stateful mode, on both stores: sequences of calls chained by the links
it infers from the schema (an upload's id into GET /api/documents/{doc_id}, a saved view's
id into GET, PATCH and DELETE /api/views/{view_id}, an entity into its neighbours). Every
response passes the same checks as the stateless run, and after each sequence the store's
counts still agree with its contents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

from app.main import create_app
from graph.config import Neo4jSettings, Settings
from graph.model import GraphData
from graph.schema import DOCUMENT
from graph.store.base import GraphStore
from graph.store.neo4j import Neo4jStore
from graph.store.sqlite import SqliteStore
from tests.api.schema_checks import CHECKS

TOKEN = "stateful-token"
RUN = settings(
    max_examples=8,
    stateful_step_count=6,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


def _consistent(store: GraphStore) -> None:
    """What the sequence may not break: the counts the home page and /api/stats show are
    those of the graph the store holds."""
    stats, graph = store.stats(), store.export()
    assert stats.nodes == len(graph.nodes), (stats, len(graph.nodes))
    assert stats.edges == len(graph.edges), (stats, len(graph.edges))
    assert stats.documents == sum(1 for n in graph.nodes if n.type == DOCUMENT)


def _run_statefully(app: FastAPI, store: GraphStore) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex="^/api/")
    base = schema.as_state_machine()
    assert len(base.bundles) >= 3, "the schema lost the links stateful testing follows"

    calls: list[tuple[str, int]] = []

    class Workflow(base):  # type: ignore[misc,valid-type]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, object]:
            # uploads are extracted in worker processes: slow on a loaded machine
            return {"headers": {"Authorization": f"Bearer {TOKEN}"}, "timeout": 120}

        def validate_response(self, response, case, additional_checks=None, **kwargs) -> None:  # noqa: ANN001
            calls.append((f"{case.method} {case.operation.path}", response.status_code))
            case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs)

        def teardown(self) -> None:
            _consistent(store)

    Workflow.run(settings=RUN)
    # the sequences did reach what only a chain reaches: a resource made a step before
    chained = {call for call, status in calls if "{" in call and status == 200}
    assert chained, sorted(set(calls))


@pytest.fixture
def warm_app() -> Iterator[list[FastAPI]]:
    apps: list[FastAPI] = []
    yield apps
    for app in apps:  # the lifespan, which stops the upload workers, does not run here
        app.state.ingestion.close()


def _app(settings_: Settings, apps: list[FastAPI]) -> FastAPI:
    app = create_app(settings_)
    app.state.ingestion.warm()
    apps.append(app)
    return app


def test_sequences_on_the_embedded_store(
    seeds_graph: GraphData, tmp_path: Path, warm_app: list[FastAPI]
) -> None:
    store = SqliteStore(tmp_path)
    store.import_graph(seeds_graph)
    app = _app(
        Settings(data_dir=tmp_path, api_token=TOKEN, max_document_bytes=2_000), warm_app
    )
    try:
        _run_statefully(app, store)
    finally:
        store.close()


@pytest.mark.neo4j
def test_sequences_on_neo4j(
    seeds_graph: GraphData,
    neo4j_settings: Neo4jSettings,
    tmp_path: Path,
    warm_app: list[FastAPI],
) -> None:
    store = Neo4jStore(neo4j_settings)
    try:
        store.ensure_schema()
        store.clear()
        store.import_graph(seeds_graph)
        app = _app(
            Settings(
                store="neo4j",
                neo4j=neo4j_settings,
                data_dir=tmp_path,
                api_token=TOKEN,
                max_document_bytes=2_000,
            ),
            warm_app,
        )
        _run_statefully(app, store)
    finally:
        store.clear()
        store.close()
