"""Property-based checks of the whole API against its own OpenAPI schema: for generated
requests to every endpoint, no 5xx, and every response (errors included) has a documented
status, content type and body shape. Runs on the embedded store holding the seeds, with a
bounded number of examples per endpoint so it stays fast.

The schema is loaded when this module is imported (schemathesis's lazy `from_fixture` does
not work with pytest 9), so the app is built then, on an empty directory that the `seeded`
fixture fills with the seeds before the first request: the embedded store re-reads its
file when it changes."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.main import create_app
from graph.config import Settings
from graph.model import GraphData
from graph.store.sqlite import SqliteStore
from tests.api.schema_checks import CHECKS

TOKEN = "schemathesis-token"


STORE_DIR = Path(tempfile.mkdtemp(prefix="actorgraph-schemathesis-"))
# a small upload limit keeps the generated uploads quick to extract
APP = create_app(Settings(data_dir=STORE_DIR, api_token=TOKEN, max_document_bytes=2_000))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(path_regex="^/api/")


@pytest.fixture(scope="module", autouse=True)
def seeded(seeds_graph: GraphData) -> Iterator[None]:
    SqliteStore(STORE_DIR).import_graph(seeds_graph)
    # the upload workers load the model before the first generated upload, which would
    # otherwise spend schemathesis's request timeout on it (the app's lifespan, which
    # stops them, does not run under from_asgi: the fixture does)
    APP.state.ingestion.warm()
    yield
    APP.state.ingestion.close()
    shutil.rmtree(STORE_DIR, ignore_errors=True)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    # uploads are extracted in worker processes: on a loaded machine one can take longer
    # than schemathesis's default 10 s read timeout
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS, timeout=120)
