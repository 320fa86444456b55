from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from app.main import create_app
from graph.config import Settings

ENDPOINTS = {
    ("get", "/api/health"),
    ("get", "/api/stats"),
    ("get", "/api/schema"),
    ("get", "/api/search"),
    ("get", "/api/entities/{entity_id}"),
    ("get", "/api/entities/{entity_id}/neighbors"),
    ("get", "/api/paths"),
    ("post", "/api/subgraph"),
    ("get", "/api/analytics"),
    ("get", "/api/export"),
    ("get", "/api/documents"),
    ("get", "/api/documents/{doc_id}"),
    ("post", "/api/documents"),
    ("post", "/api/cypher"),
    ("get", "/api/relations"),
    ("get", "/api/relations.csv"),
    ("get", "/api/relations.xlsx"),
    ("get", "/api/timeline"),
    ("get", "/api/views"),
    ("get", "/api/views/{view_id}"),
    ("post", "/api/views"),
    ("patch", "/api/views/{view_id}"),
}


def _schema(tmp_path: Path) -> dict:
    return TestClient(create_app(Settings(data_dir=tmp_path))).get("/openapi.json").json()


def _has_example(content: dict, components: dict) -> bool:
    for media in content.values():
        if "example" in media or "examples" in media:
            return True
        ref = media.get("schema", {}).get("$ref", "")
        if ref and "examples" in components[ref.rsplit("/", 1)[1]]:
            return True
    return False


def test_every_endpoint_is_documented_with_tags_summary_models_and_examples(
    tmp_path: Path,
) -> None:
    schema = _schema(tmp_path)
    components = schema["components"]["schemas"]
    found = {
        (method, path)
        for path, ops in schema["paths"].items()
        if path.startswith("/api/")
        for method in ops
    }
    assert found >= ENDPOINTS
    for method, path in ENDPOINTS:
        op = schema["paths"][path][method]
        where = f"{method.upper()} {path}"
        assert op.get("tags"), where
        assert op.get("summary"), where
        ok = op["responses"].get("200") or op["responses"].get("201")
        assert ok and ok.get("content"), where
        assert _has_example(ok["content"], components), where
        for code, response in op["responses"].items():
            if code.startswith(("4", "5")):
                # errors are problem details, never FastAPI's default validation shape
                assert "application/problem+json" in response["content"], (where, code)
                assert response["content"]["application/problem+json"]["schema"] == {
                    "$ref": "#/components/schemas/Problem"
                }
    assert "HTTPValidationError" not in components


def test_writes_declare_the_bearer_token(tmp_path: Path) -> None:
    schema = _schema(tmp_path)
    op = schema["paths"]["/api/documents"]["post"]
    assert op["security"] == [{"HTTPBearer": []}]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert set(op["requestBody"]["content"]) == {"multipart/form-data", "application/json"}
    assert {"401", "403", "413", "422"} <= set(op["responses"])
