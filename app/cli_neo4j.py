"""`actorgraph neo4j install|start|stop|status|env|reset`: the local Neo4j server of
app/neo4j_server. Registered on the main command in app/cli.py; `python -m app.neo4j_server`
runs the same commands on their own. Failures end in one readable line and exit status 1;
`status` exits 3 when the server is not running."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import typer

if TYPE_CHECKING:
    from app.neo4j_server import Neo4jServer

neo4j_app = typer.Typer(
    no_args_is_help=True,
    help="A local Neo4j Community server (jars from Maven Central, run with java).",
)
NOT_RUNNING = 3  # as an init script's status says it
T = TypeVar("T")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _guarded(step: Callable[[], T]) -> T:
    """Run one step; a failure becomes the server's log lines (if any, as context) and
    then the one line that says what went wrong."""
    from app.neo4j_server import Neo4jServerError

    try:
        return step()
    except Neo4jServerError as exc:
        for line in exc.log_tail:
            print(f"  | {line}", file=sys.stderr)
        raise _error(str(exc), 1) from None
    except ValueError as exc:  # a NEO4J_* knob that is not a port or a number
        raise _error(str(exc), 2) from None
    except OSError as exc:  # e.g. a NEO4J_CACHE_DIR this user may not write to
        raise _error(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), 1) from None


def _error(message: str, code: int) -> SystemExit:
    print(f"actorgraph: neo4j: {message}", file=sys.stderr, flush=True)
    return SystemExit(code)


def _server() -> Neo4jServer:
    from app.neo4j_server import Neo4jServer  # lazy: --help loads no driver

    return _guarded(lambda: Neo4jServer(say=_say))


@neo4j_app.command()
def install() -> None:
    """Copy the Neo4j jars from Maven Central into .cache/neo4j/lib (once per pom)."""
    from app.neo4j_server import Layout, Options
    from app.neo4j_server import install as copy_jars

    if not _guarded(lambda: copy_jars(Layout.default(), Options.from_env(), _say)):
        print(f"neo4j jars already installed in {Layout.default().lib}")


@neo4j_app.command()
def start() -> None:
    """Install if needed, start on 127.0.0.1, return once Bolt answers; writes the env file."""
    server = _server()
    status = _guarded(server.start)
    print(f"{status.line()}; env in {server.layout.env_file}")


@neo4j_app.command()
def stop() -> None:
    """Stop the server (no-op if none is running)."""
    pid = _guarded(_server().stop)
    print(f"neo4j stopped (pid {pid})" if pid else "neo4j not running")


@neo4j_app.command()
def status() -> None:
    """One line; exit status 0 when running, 3 when not."""
    current = _guarded(_server().status)
    print(current.line())
    if not current.running:
        raise SystemExit(NOT_RUNNING)


@neo4j_app.command()
def env() -> None:
    """Print the export lines (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)."""
    server = _server()
    if not server.layout.env_file.is_file():
        raise _error(f"no {server.layout.env_file} yet; start the server first", 1)
    if not server.status().running:
        _say("warning: neo4j is not running; start it with `actorgraph neo4j start`")
    print(server.layout.env_file.read_text(), end="")


@neo4j_app.command()
def reset() -> None:
    """Wipe the database (keeps the jars and the password); a running server restarts."""
    server = _server()
    status = _guarded(server.reset)
    print(f"neo4j data wiped ({server.layout.data})")
    if status.running:
        print(status.line())


def run() -> None:
    neo4j_app(prog_name="actorgraph neo4j")
