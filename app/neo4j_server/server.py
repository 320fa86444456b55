"""One Neo4j Community server run with `java` from the jars install() copied: start it on
127.0.0.1, know when it answers (the driver's verify_connectivity, polled), stop it, wipe
its data.

    with Neo4jServer() as server:      # starts it (installs first if needed)
        driver = neo4j.GraphDatabase.driver(server.uri, auth=server.auth)

The `with` block stops the server at its end, errors included, when it was the one that
started it; a server that was already running is left running.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from app.neo4j_server.files import Neo4jServerError, locked, tail, write_private
from app.neo4j_server.install import Say, _quiet, find_java, install_unlocked
from app.neo4j_server.layout import (
    ADMIN_CLASS,
    DATABASE,
    HOST,
    SERVER_CLASS,
    USER,
    Layout,
    Options,
    jvm_options,
    neo4j_conf,
)
from app.neo4j_server.process import (
    bolt_answers,
    free_port,
    is_our_server,
    port_in_use,
    recorded_port,
    running_pid,
)

if TYPE_CHECKING:
    from graph.config import Neo4jSettings

POLL_SECONDS = 0.2  # how often readiness and exit are checked, not a wait for either


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None = None
    port: int | None = None

    @property
    def uri(self) -> str | None:
        return f"bolt://{HOST}:{self.port}" if self.port else None

    def line(self) -> str:
        if not self.running:
            return "neo4j not running"
        return f"neo4j running (pid {self.pid}) on {self.uri}"


class Neo4jServer:
    """The server whose files are in `home` (default: NEO4J_CACHE_DIR or .cache/neo4j)."""

    def __init__(
        self, home: Path | None = None, options: Options | None = None, say: Say = _quiet
    ) -> None:
        self.layout = Layout(home.absolute()) if home else Layout.default()
        self.options = options or Options.from_env()
        self.say = say
        self._process: subprocess.Popen[bytes] | None = None
        self._started_here = False

    # ---- what clients need ----
    @property
    def port(self) -> int | None:
        return recorded_port(self.layout)

    @property
    def uri(self) -> str:
        port = self.port
        if port is None:
            raise Neo4jServerError(f"neo4j in {self.layout.home} has not been started")
        return f"bolt://{HOST}:{port}"

    @property
    def password(self) -> str:
        return self.layout.password_file.read_text().strip()

    @property
    def auth(self) -> tuple[str, str]:
        return USER, self.password

    def neo4j_settings(self) -> Neo4jSettings:
        from pydantic import SecretStr

        from graph.config import Neo4jSettings

        return Neo4jSettings(
            uri=self.uri, user=USER, password=SecretStr(self.password), database=DATABASE
        )

    def status(self) -> Status:
        pid = running_pid(self.layout)
        if pid is None:
            return Status(running=False)
        return Status(running=True, pid=pid, port=self.port)

    # ---- the life cycle ----
    def __enter__(self) -> Neo4jServer:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._started_here:
            self.stop()

    def start(self) -> Status:
        """Start the server unless it runs already; return once Bolt answers a query."""
        with locked(self.layout):
            return self._start(self.options.bolt_port)

    def stop(self) -> int | None:
        """Stop the server (SIGTERM, then SIGKILL after the stop timeout). Returns the pid
        it stopped, None when none was running."""
        with locked(self.layout):
            return self._stop()

    def reset(self) -> Status:
        """Wipe the database. A running server is stopped and started again on the same
        port with the same password, so the env file stays right; the jars stay."""
        with locked(self.layout):
            pid = running_pid(self.layout)
            port = self.port
            self._stop()
            shutil.rmtree(self.layout.data, ignore_errors=True)
            if pid is None:
                return Status(running=False)
            return self._start(port)

    # ---- the steps ----
    def _start(self, port: int | None) -> Status:
        layout = self.layout
        pid = running_pid(layout)
        if pid is not None:
            return self._reuse(pid)
        install_unlocked(layout, self.options, self.say)
        java = find_java(self.options)
        for folder in (layout.data, layout.logs, layout.run, layout.plugins, layout.imports):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        port = port or free_port()
        if port_in_use(port):
            raise Neo4jServerError(
                f"port {port} on {HOST} is already in use; unset NEO4J_BOLT_PORT or pick another"
            )
        (layout.conf).mkdir(mode=0o700, exist_ok=True)
        (layout.conf / "neo4j.conf").write_text(neo4j_conf(layout, self.options, port))
        password = self._ensure_password(java)
        # keep the previous console log for post-mortems; older neo4j.log lines are not ours
        if layout.console_log.exists():
            layout.console_log.replace(layout.logs / "console.log.1")
        offset = layout.neo4j_log.stat().st_size if layout.neo4j_log.exists() else 0
        began = time.monotonic()
        self._process = self._launch(java)
        layout.pid_file.write_text(f"{self._process.pid}\n")
        layout.port_file.write_text(f"{port}\n")
        self._started_here = True
        try:
            self._wait_ready(port, password, offset)
        except BaseException:  # Ctrl-C included: a half-started server is not left behind
            self._stop()
            raise
        self._write_env(port, password)
        self.say(
            f"neo4j started (pid {self._process.pid}) on bolt://{HOST}:{port}"
            f" in {time.monotonic() - began:.0f}s; env in {layout.env_file}"
        )
        return Status(running=True, pid=self._process.pid, port=port)

    def _reuse(self, pid: int) -> Status:
        """Already up (e.g. an earlier `make test` was interrupted): use it."""
        port = self.port
        if port is None or not bolt_answers(port):
            raise Neo4jServerError(
                f"neo4j (pid {pid}) is running but Bolt on port {port} does not answer; stop it"
            )
        if not self.layout.env_file.is_file():
            self._write_env(port, self.password)
        self.say(f"neo4j already running (pid {pid}) on bolt://{HOST}:{port}")
        return Status(running=True, pid=pid, port=port)

    def _launch(self, java: str) -> subprocess.Popen[bytes]:
        layout = self.layout
        classpath = f"{layout.plugins}/*:{layout.conf}/*:{layout.lib}/*"
        command = [java, "-cp", classpath, *jvm_options(self.options), SERVER_CLASS]
        command += [f"--home-dir={layout.home}", f"--config-dir={layout.conf}"]
        with layout.console_log.open("wb") as console:
            # Its own session: a Ctrl-C or a CI job's process-group kill aimed at `make`
            # does not take the server down mid-write; stop() is the way to end it. No
            # stdin: the server must never wait on a terminal.
            return subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=console,
                stderr=subprocess.STDOUT,
                cwd=layout.home,
                start_new_session=True,
            )

    def _wait_ready(self, port: int, password: str, offset: int) -> None:
        """Poll until the driver connects and the database answers; fail at once when the
        process dies, and after the start timeout (the caller stops what was started)."""
        import neo4j
        from neo4j.exceptions import AuthError, DriverError, Neo4jError

        assert self._process is not None
        deadline = time.monotonic() + self.options.start_timeout
        uri = f"bolt://{HOST}:{port}"
        with neo4j.GraphDatabase.driver(
            uri, auth=(USER, password), connection_timeout=5.0, max_transaction_retry_time=0
        ) as driver:
            while True:
                code = self._process.poll()
                if code is not None:
                    self.layout.pid_file.unlink(missing_ok=True)
                    raise self._died(code, offset)
                try:
                    driver.verify_connectivity()
                    driver.execute_query("RETURN 1", database_=DATABASE)
                    return
                except AuthError as exc:
                    raise Neo4jServerError(
                        f"neo4j refused the password in {self.layout.password_file}"
                        f" ({exc.message}); reset it"
                    ) from None
                except (DriverError, Neo4jError, OSError):
                    pass  # not up yet
                if time.monotonic() > deadline:
                    raise Neo4jServerError(
                        f"neo4j did not answer on Bolt port {port} within"
                        f" {self.options.start_timeout:.0f}s (NEO4J_START_TIMEOUT);"
                        f" see {self.layout.neo4j_log}",
                        self._log_tail(offset),
                    )
                time.sleep(POLL_SECONDS)

    def _died(self, code: int, offset: int) -> Neo4jServerError:
        lines = self._log_tail(offset)
        # the first telling line is the cause; what follows it is the JVM giving up
        telling = [x for x in lines if "rror" in x or "xception" in x or "nrecognized" in x]
        reason = (telling or lines[-1:] or ["no log lines"])[0].strip()
        return Neo4jServerError(
            f"neo4j exited during start-up (exit status {code}): {reason}"
            f" (logs in {self.layout.logs})",
            lines,
        )

    def _log_tail(self, offset: int) -> list[str]:
        """Started directly, Neo4j writes its own log to neo4j.log; the console log has
        only what the JVM prints itself (bad options, missing classes, crashes)."""
        return tail(self.layout.console_log) + tail(self.layout.neo4j_log, offset=offset)

    def _ensure_password(self, java: str) -> str:
        """The stored password, made the first time. It only matters before the system
        database exists: the admin tool writes data/dbms/auth.ini, which the first start
        turns into the neo4j user. After a reset the same password is applied again."""
        layout = self.layout
        if not layout.password_file.is_file() or not self.password:
            if layout.system_database.exists():
                raise Neo4jServerError(
                    f"the store in {layout.data} has a password {layout.password_file}"
                    " no longer holds; reset it"
                )
            write_private(layout.password_file, secrets.token_hex(16) + "\n")
        password = self.password
        if not layout.system_database.exists():
            command = [java, "-Xmx256m", "-cp", f"{layout.lib}/*", ADMIN_CLASS]
            command += ["dbms", "set-initial-password", password]
            env = {**os.environ, "NEO4J_HOME": str(layout.home), "NEO4J_CONF": str(layout.conf)}
            done = subprocess.run(
                command,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
                stdin=subprocess.DEVNULL,
            )
            if done.returncode != 0:
                lines = (done.stderr + done.stdout).strip().splitlines()
                raise Neo4jServerError(
                    f"neo4j-admin dbms set-initial-password failed: {(lines or ['no output'])[-1]}",
                    lines[-30:],
                )
        return password

    def _write_env(self, port: int, password: str) -> None:
        write_private(
            self.layout.env_file,
            f"export NEO4J_URI=bolt://{HOST}:{port}\n"
            f"export NEO4J_USER={USER}\n"
            f"export NEO4J_PASSWORD={password}\n"
            f"export NEO4J_DATABASE={DATABASE}\n",
        )

    def _stop(self) -> int | None:
        pid = running_pid(self.layout)
        if pid is None:
            self._forget()
            return None
        # SIGTERM runs Neo4j's shutdown hook: flush the page cache, checkpoint, close the
        # store cleanly, so the next start needs no recovery.
        os.kill(pid, signal.SIGTERM)
        if not self._wait_gone(pid, self.options.stop_timeout):
            self.say(
                f"neo4j (pid {pid}) still running after {self.options.stop_timeout:.0f}s: SIGKILL"
            )
            os.kill(pid, signal.SIGKILL)
            self._wait_gone(pid, 30.0)
        self._forget()
        return pid

    def _wait_gone(self, pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.pid == pid:
                self._process.poll()  # reap our own child, or it lingers as a zombie
            if not is_our_server(self.layout, pid):
                return True
            time.sleep(POLL_SECONDS)
        return False

    def _forget(self) -> None:
        self.layout.pid_file.unlink(missing_ok=True)
        if self._process is not None:
            self._process.poll()
        self._process = None
        self._started_here = False
