"""Export formats are one registry: the API's enum, OpenAPI, download headers, the CLI's
help and README all follow it, and a format registered by an addition is served like the
built-ins."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from graph.config import Settings
from graph.export import EXPORTS, render
from graph.export_registry import ExportFormat, ExportRegistry
from graph.model import GraphData

from .conftest import ROOT
from .test_cli import run


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(Settings(data_dir=tempfile.mkdtemp())))


def test_openapi_enum_is_the_registry(client: TestClient) -> None:
    params = client.get("/openapi.json").json()["paths"]["/api/export"]["get"]["parameters"]
    fmt = next(p for p in params if p["name"] == "format")
    assert fmt["schema"]["enum"] == list(EXPORTS.names())


def test_each_download_has_its_registered_type_and_extension(client: TestClient) -> None:
    for spec in EXPORTS.formats():
        r = client.get("/api/export", params={"format": spec.name})
        assert r.status_code == 200, (spec.name, r.text)
        assert r.headers["content-type"].split(";")[0] == spec.media_type.split(";")[0]
        assert r.headers["content-disposition"].endswith(f'.{spec.extension}"')
    assert client.get("/api/export", params={"format": "xlsx"}).status_code == 422


def test_unknown_format_names_the_registered_ones() -> None:
    with pytest.raises(ValueError, match="choose one of json, graphml"):
        render(GraphData(), "xlsx")
    registry = ExportRegistry()
    registry.register(ExportFormat("a", "text/plain", "txt", lambda d: b"", "x"))
    with pytest.raises(ValueError, match="already registered"):
        registry.register(ExportFormat("a", "text/plain", "txt", lambda d: b"", "x"))


ADDITION = """
import json, sys, tempfile
from graph.export import EXPORTS
from graph.export_registry import ExportFormat
EXPORTS.register(ExportFormat("dot", "text/vnd.graphviz", "gv",
    lambda d: ("digraph {" + "".join(f'"{n.id}";' for n in d.nodes) + "}").encode(), "Graphviz"))
from fastapi.testclient import TestClient
from app.main import create_app
from graph.config import Settings
c = TestClient(create_app(Settings(data_dir=tempfile.mkdtemp())))
params = c.get("/openapi.json").json()["paths"]["/api/export"]["get"]["parameters"]
r = c.get("/api/export", params={"format": "dot"})
print(json.dumps({"enum": next(p for p in params if p["name"] == "format")["schema"]["enum"],
                  "status": r.status_code, "body": r.text,
                  "disposition": r.headers.get("content-disposition")}))
"""


def test_a_registered_addition_is_served_like_a_builtin() -> None:
    out = subprocess.run(
        [sys.executable, "-c", ADDITION], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout.strip().splitlines()[-1])
    assert answer["enum"][-1] == "dot"
    assert answer["status"] == 200 and answer["body"] == "digraph {}"
    assert answer["disposition"].endswith('actorgraph.gv"')


def test_readme_and_cli_help_list_every_format(tmp_path) -> None:  # noqa: ANN001
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    bullet = re.search(r"^- \*\*Exports\*\*:.*?(?=^- \*\*)", readme, re.M | re.S)
    assert bullet is not None, "README has no Exports bullet"
    helptext = run(["export", "--help"], tmp_path).stdout
    for spec in EXPORTS.formats():
        assert f"`{spec.name}`" in bullet.group(0), f"README's Exports lack {spec.name}"
        assert f"{spec.name}:" in helptext
