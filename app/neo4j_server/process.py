"""Is the server of a layout running, and on which port; is a TCP port free."""

from __future__ import annotations

import contextlib
import socket
from pathlib import Path

from app.neo4j_server.layout import HOST, SERVER_CLASS, Layout


def is_our_server(layout: Layout, pid: int) -> bool:
    """`pid` is a live server started from this layout, not a recycled pid or a zombie."""
    proc = Path("/proc", str(pid))
    try:
        cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z" and SERVER_CLASS in cmdline and f"--home-dir={layout.home}" in cmdline


def running_pid(layout: Layout) -> int | None:
    """The pid of this layout's running server; a stale pid file is removed."""
    try:
        pid = int(layout.pid_file.read_text().strip())
    except (OSError, ValueError):
        pid = 0
    if pid and is_our_server(layout, pid):
        return pid
    with contextlib.suppress(FileNotFoundError):
        layout.pid_file.unlink()
    return None


def recorded_port(layout: Layout) -> int | None:
    try:
        return int(layout.port_file.read_text().strip())
    except (OSError, ValueError):
        return None


def free_port() -> int:
    """Let the kernel pick. There is a tiny window before Neo4j binds it; a server that
    then finds it taken dies at start, and says so in its log."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def port_in_use(port: int) -> bool:
    """Something listens on HOST:port. SO_REUSEADDR as the server sets it, so a port left
    in TIME_WAIT by a server just stopped (a restart on the same port) counts as free."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return True
    return False


def bolt_answers(port: int, timeout: float = 5.0) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False
