"""The small file-system pieces every step shares: the error type, the lock that keeps two
callers from installing or starting at once, private files, and a log's last lines."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.neo4j_server.layout import Layout

LOCK_TIMEOUT_SECONDS = 300.0


class Neo4jServerError(Exception):
    """One readable line; `log_tail` holds the server's last log lines when there are any."""

    def __init__(self, message: str, log_tail: list[str] | None = None) -> None:
        super().__init__(message)
        self.log_tail = log_tail or []


def prepare(layout: Layout) -> None:
    """The folder, private to this user (it holds the password), and out of git without
    touching the project's .gitignore: a .gitignore containing "*" ignores the folder."""
    layout.home.mkdir(mode=0o700, parents=True, exist_ok=True)
    ignore = layout.home / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")


@contextmanager
def locked(layout: Layout, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Two `make test` at once must not install or start twice. An flock on a file in the
    folder; the server never inherits it (subprocess closes other descriptors)."""
    prepare(layout)
    with open(layout.lock_file, "w") as fh:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Neo4jServerError(
                        f"timed out after {timeout:.0f}s waiting for another caller"
                        f" working in {layout.home}"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write_private(path: Path, text: str) -> None:
    """A file only this user may read (the password and the env file that repeats it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    path.chmod(0o600)


def tail(path: Path, lines: int = 25, offset: int = 0) -> list[str]:
    """The last lines of a log, from byte `offset` on (earlier lines are an older start's)."""
    try:
        with path.open("rb") as fh:
            if path.stat().st_size < offset:  # rotated: everything in it is new
                offset = 0
            fh.seek(offset)
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return []
    return [line for line in text.splitlines() if line.strip()][-lines:]
