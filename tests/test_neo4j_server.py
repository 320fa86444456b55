"""app/neo4j_server against real servers of its own: each test provisions a private folder
(sharing the jars of .cache/neo4j, which are read-only to a server), so the suite's server
is never touched. Three JVM starts in all, with small heaps."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from app.neo4j_server import Layout, Neo4jServer, Neo4jServerError, Options, Status, install
from app.neo4j_server.process import is_our_server

from .conftest import ROOT

pytestmark = pytest.mark.neo4j

SMALL = Options(heap_initial="256m", heap_max="512m", pagecache="64m", start_timeout=300)


@pytest.fixture(scope="module")
def shared_lib() -> Path:
    """The jars of the repository's cache, copied by Maven once if they are not there."""
    layout = Layout.default()
    try:
        install(layout, Options.from_env())
    except Neo4jServerError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Neo4j tests: {exc}", pytrace=False)
        pytest.skip(str(exc))
    return layout.lib


@pytest.fixture
def home(tmp_path: Path, shared_lib: Path) -> Path:
    folder = tmp_path / "neo4j"
    folder.mkdir()
    (folder / "lib").symlink_to(shared_lib)
    return folder


@pytest.fixture
def listening() -> Iterator[int]:
    """A port something else listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def count_nodes(server: Neo4jServer) -> int:
    with neo4j.GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_="neo4j")
        return int(records[0]["n"])


def create_node(server: Neo4jServer) -> None:
    with neo4j.GraphDatabase.driver(server.uri, auth=server.auth) as driver:
        driver.execute_query("CREATE (:Probe {name: 'kept?'})", database_="neo4j")


def exported(env_file: Path) -> dict[str, str]:
    lines = env_file.read_text().splitlines()
    return dict(line.removeprefix("export ").split("=", 1) for line in lines)


def test_start_status_query_reset_stop(home: Path) -> None:
    server = Neo4jServer(home, SMALL)
    assert server.status() == Status(running=False)
    started = server.start()
    status = server.status()
    assert status.running and status == started and status.port == server.port
    assert status.line() == f"neo4j running (pid {status.pid}) on bolt://127.0.0.1:{status.port}"
    assert exported(home / "env") == {
        "NEO4J_URI": f"bolt://127.0.0.1:{status.port}",
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": server.password,
        "NEO4J_DATABASE": "neo4j",
    }
    assert (home / "env").stat().st_mode & 0o077 == 0  # it holds the password
    create_node(server)
    assert count_nodes(server) == 1
    # a second caller (another `make test`) uses the running server instead of a new one
    assert Neo4jServer(home, SMALL).start() == status

    after_reset = server.reset()
    assert after_reset.running and after_reset.port == status.port  # the env file holds
    assert after_reset.pid != status.pid
    assert count_nodes(server) == 0  # same password, empty database

    assert server.stop() == after_reset.pid
    assert server.status() == Status(running=False)
    assert not is_our_server(server.layout, after_reset.pid)
    assert not (home / "run" / "neo4j.pid").exists()
    assert server.stop() is None  # stopping a stopped server is no error


def test_the_context_manager_stops_the_server_when_the_block_raises(home: Path) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), Neo4jServer(home, SMALL) as server:
        pid = server.status().pid
        assert pid is not None and count_nodes(server) == 0
        raise Boom
    assert server.status() == Status(running=False)
    assert not is_our_server(server.layout, pid)


def test_a_server_that_dies_during_start_says_why(home: Path) -> None:
    broken = Options(**{**SMALL.__dict__, "java_opts": ("-XX:+NoSuchOptionAtAll",)})
    server = Neo4jServer(home, broken)
    with pytest.raises(Neo4jServerError) as failed:
        server.start()
    message = str(failed.value)
    assert message.startswith("neo4j exited during start-up (exit status 1): ")
    assert "NoSuchOptionAtAll" in message and "\n" not in message
    assert failed.value.log_tail  # what the CLI shows above the line
    assert server.status() == Status(running=False)


# ---- the command, as a user runs it ----
def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    for name in ("NEO4J_BOLT_PORT", "NEO4J_URI"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "neo4j", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def test_start_on_a_port_in_use_is_one_clear_line(home: Path, listening: int) -> None:
    done = cli("start", NEO4J_CACHE_DIR=str(home), NEO4J_BOLT_PORT=str(listening))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip() == (
        f"actorgraph: neo4j: port {listening} on 127.0.0.1 is already in use;"
        " unset NEO4J_BOLT_PORT or pick another"
    )
    status = cli("status", NEO4J_CACHE_DIR=str(home))
    assert (status.returncode, status.stdout) == (3, "neo4j not running\n")


def test_missing_java_maven_and_bad_settings_are_one_line_each(tmp_path: Path) -> None:
    empty = str(tmp_path / "cache")
    no_java = cli("start", NEO4J_CACHE_DIR=empty, JAVA=str(tmp_path / "no-java"))
    assert no_java.returncode == 1
    assert no_java.stderr.strip() == (
        "actorgraph: neo4j: java not found; install OpenJDK 17"
        " or set NEO4J_URI to an existing server"
    )
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is needed to get as far as Maven")
    bin_dir = tmp_path / "bin"  # a PATH with java and no mvn
    bin_dir.mkdir()
    (bin_dir / "java").symlink_to(java)
    no_mvn = cli("install", NEO4J_CACHE_DIR=empty, PATH=str(bin_dir))
    assert no_mvn.returncode == 1
    assert no_mvn.stderr.strip() == (
        "actorgraph: neo4j: mvn not found; install Maven (apt-get install maven)"
        " or set NEO4J_URI to an existing server"
    )
    bad_port = cli("start", NEO4J_CACHE_DIR=empty, NEO4J_BOLT_PORT="seven")
    assert bad_port.returncode == 2
    assert bad_port.stderr.strip() == (
        "actorgraph: neo4j: NEO4J_BOLT_PORT must be a TCP port number, not 'seven'"
    )


def test_a_stale_pid_file_means_not_running(home: Path) -> None:
    """A pid file left by a crash, its pid now some other process's: not our server."""
    (home / "run").mkdir()
    (home / "run" / "neo4j.pid").write_text(f"{os.getpid()}\n")
    server = Neo4jServer(home, SMALL)
    assert server.status() == Status(running=False)
    assert not (home / "run" / "neo4j.pid").exists()
    assert server.stop() is None  # and nothing was signalled: this test is still here
