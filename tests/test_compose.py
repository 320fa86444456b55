"""docker-compose.yml and the Dockerfile: Docker cannot run here, so their structure and
wiring are checked by reading them; `docker compose config` runs where Docker can."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.config import Settings

from .conftest import ROOT

COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:?message} and ${VAR:-default}, for the checks below."""

    def one(m: re.Match[str]) -> str:
        name, op, arg = m.group(1), m.group(2), m.group(3)
        if name in env and (env[name] or op != ":-"):
            return env[name]
        if op == ":?":
            raise KeyError(f"{name} must be set: {arg}")
        return arg or ""

    return re.sub(r"\$\{(\w+)(?:(:\?|:-)([^}]*))?\}", one, value)


def test_neo4j_service(compose: dict[str, Any]) -> None:
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    env = {"NEO4J_PASSWORD": "a-long-password"}
    assert interpolate(neo4j["environment"]["NEO4J_AUTH"], env) == "neo4j/a-long-password"
    with pytest.raises(KeyError, match="NEO4J_PASSWORD must be set"):
        interpolate(neo4j["environment"]["NEO4J_AUTH"], {})
    assert "127.0.0.1:7687:7687" in neo4j["ports"]
    volume, _, mount = neo4j["volumes"][0].partition(":")
    assert mount == "/data" and volume in compose["volumes"]

    check = neo4j["healthcheck"]
    assert check["test"][0] == "CMD-SHELL" and "cypher-shell" in check["test"][1]
    # `$$` reaches the container as `$`: the password comes from the container's NEO4J_AUTH
    assert "$${NEO4J_AUTH#*/}" in check["test"][1]
    assert check["retries"] * _seconds(check["interval"]) >= 60


def test_app_service_is_wired_to_neo4j(compose: dict[str, Any]) -> None:
    app = compose["services"]["app"]
    assert app["build"] == "." and DOCKERFILE.exists()
    assert app["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert "127.0.0.1:8000:8000" in app["ports"]

    env = {"NEO4J_PASSWORD": "a-long-password"}
    environment = {k: interpolate(str(v), env) for k, v in app["environment"].items()}
    auth = interpolate(compose["services"]["neo4j"]["environment"]["NEO4J_AUTH"], env)
    # the names are the ones the app really reads: build its settings from them
    with pytest.MonkeyPatch.context() as mp:
        for name in [*Settings.model_fields, "api_token"]:
            mp.delenv(f"ACTORGRAPH_{name.upper()}", raising=False)
        for name in ("URI", "USER", "PASSWORD", "DATABASE", "CONNECTION_TIMEOUT"):
            mp.delenv(f"NEO4J_{name}", raising=False)
        for name, value in environment.items():
            mp.setenv(name, value)
        settings = Settings()
    assert settings.store == "neo4j"
    assert settings.neo4j.uri == "bolt://neo4j:7687"  # the service name on compose's network
    assert f"{settings.neo4j.user}/{settings.neo4j.password.get_secret_value()}" == auth
    assert settings.api_token is None or not settings.api_token.get_secret_value()


def test_dockerfile_serves_what_compose_publishes() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.1[1-9]", text, flags=re.MULTILINE)
    assert "EXPOSE 8000" in text
    cmd = re.search(r"^CMD (.+)$", text, flags=re.MULTILINE)
    assert cmd and '"serve", "--host", "0.0.0.0", "--port", "8000"' in cmd.group(1)
    for copied in re.findall(r"^COPY (\S+) \./", text, flags=re.MULTILINE):
        assert (ROOT / copied).exists(), copied
    assert "/api/health" in text  # the image's own health check


def test_docker_compose_accepts_the_file(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker client here; the structure is checked by the tests above")
    probe = subprocess.run(
        [docker, "compose", "version"], capture_output=True, text=True, timeout=60
    )
    if probe.returncode != 0:
        reason = (probe.stderr.strip() or probe.stdout.strip()).splitlines()[:1]
        pytest.skip(f"`docker compose` does not work here ({' '.join(reason)[:100]})")
    r = subprocess.run(
        [docker, "compose", "-f", str(COMPOSE), "config", "--quiet"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "NEO4J_PASSWORD": "a-long-password"},
    )
    assert r.returncode == 0, r.stderr


def _seconds(value: str) -> int:
    m = re.fullmatch(r"(\d+)s", value)
    assert m, value
    return int(m.group(1))
