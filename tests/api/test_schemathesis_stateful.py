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
from graph.model import GraphData
from graph.schema import DOCUMENT
from graph.store.base import GraphStore
from tests.api.conftest import seeded_settings
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
def app(
    request: pytest.FixtureRequest, store_kind: str, seeds_graph: GraphData, tmp_path: Path
) -> Iterator[FastAPI]:
    """The seeds behind an app that takes uploads, on each store in turn."""
    app_settings = seeded_settings(
        request, store_kind, seeds_graph, tmp_path, api_token=TOKEN, max_document_bytes=2_000
    )
    app = create_app(app_settings)
    app.state.ingestion.warm()
    yield app
    # the lifespan, which stops the upload workers and closes the store, does not run here
    app.state.ingestion.close()
    app.state.store_holder.close()


def test_sequences_keep_every_answer_as_documented(app: FastAPI) -> None:
    _run_statefully(app, app.state.store_holder.get())
