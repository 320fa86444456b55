"""Where the provisioned Neo4j keeps everything, the knobs a start reads from NEO4J_*
variables, and what it is started with (neo4j.conf and the JVM options).

Everything lives in one folder, `.cache/neo4j/` at the repository root by default
(NEO4J_CACHE_DIR moves it): lib/ (the jars Maven copies), conf/neo4j.conf (rewritten at each
start), data/, logs/, run/ (pid and Bolt port), plugins/, import/, the password and the env
file other tools source. graph/store/neo4j_bulk.py reads the same layout.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
POM = REPO_ROOT / "scripts" / "neo4j" / "pom.xml"

# The class the official launcher finally runs, and neo4j-admin's (both in the copied jars).
SERVER_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
USER = "neo4j"
DATABASE = "neo4j"
HOST = "127.0.0.1"

# Only the procedures the store runs (db.awaitIndexes) and the console's read-only
# allow-list (graph/cypher_console.toml); tests/security/test_server_walls.py keeps the
# three (this, the console's and docker-compose.yml's) in step.
PROCEDURES_ALLOWLIST = (
    "db.awaitIndexes",
    "db.labels",
    "db.relationshipTypes",
    "db.propertyKeys",
    "db.schema.visualization",
    "db.schema.nodeTypeProperties",
    "db.schema.relTypeProperties",
    "db.index.fulltext.queryNodes",
    "db.index.fulltext.queryRelationships",
    "db.ping",
    "dbms.components",
)


@dataclass(frozen=True)
class Layout:
    """The files of one provisioned server, all under `home`."""

    home: Path

    @classmethod
    def default(cls, environ: Mapping[str, str] | None = None) -> Layout:
        env = os.environ if environ is None else environ
        return cls(Path(env.get("NEO4J_CACHE_DIR") or REPO_ROOT / ".cache" / "neo4j").absolute())

    @property
    def lib(self) -> Path:
        return self.home / "lib"

    @property
    def conf(self) -> Path:
        return self.home / "conf"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def run(self) -> Path:
        return self.home / "run"

    @property
    def plugins(self) -> Path:
        return self.home / "plugins"

    @property
    def imports(self) -> Path:
        return self.home / "import"

    @property
    def pid_file(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def port_file(self) -> Path:
        return self.run / "bolt.port"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"

    @property
    def neo4j_log(self) -> Path:
        return self.logs / "neo4j.log"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def env_file(self) -> Path:
        return self.home / "env"

    @property
    def stamp_file(self) -> Path:
        """The hash of the pom the jars in lib/ were copied for."""
        return self.lib / ".pom.sha256"

    @property
    def install_log(self) -> Path:
        return self.home / "install.log"

    @property
    def lock_file(self) -> Path:
        return self.home / ".lock"

    @property
    def system_database(self) -> Path:
        """Exists once the server has started on this store (the password is set then)."""
        return self.data / "databases" / "system"


def _port(env: Mapping[str, str], name: str) -> int | None:
    value = env.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ValueError(f"{name} must be a TCP port number, not {value!r}")
    return int(value)


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    value = env.get(name, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {value!r}") from None


@dataclass(frozen=True)
class Options:
    """How to start the server. Defaults suit the test suite on a small shared machine."""

    bolt_port: int | None = None  # None: a free port at each start
    http_port: int | None = None  # None: Neo4j's own HTTP API and browser stay off
    heap_initial: str = "512m"
    heap_max: str = "1g"
    pagecache: str = "256m"
    java_opts: tuple[str, ...] = ()  # appended last, so they win
    # generous: a loaded 2-core machine has taken over a minute to start a test server
    start_timeout: float = 300.0
    stop_timeout: float = 60.0  # then SIGKILL
    tx_timeout: str = "600s"
    tx_memory_max: str = "512m"
    java: str | None = None  # the java binary; None: $JAVA_HOME/bin/java, then `java`
    java_home: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Options:
        """NEO4J_BOLT_PORT, NEO4J_HTTP_PORT, NEO4J_HEAP_INITIAL, NEO4J_HEAP_MAX,
        NEO4J_PAGECACHE, NEO4J_JAVA_OPTS, NEO4J_START_TIMEOUT, NEO4J_STOP_TIMEOUT,
        NEO4J_TX_TIMEOUT, NEO4J_TX_MEMORY_MAX, JAVA, JAVA_HOME. Raises ValueError."""
        env = os.environ if environ is None else environ
        d = cls()
        return cls(
            bolt_port=_port(env, "NEO4J_BOLT_PORT"),
            http_port=_port(env, "NEO4J_HTTP_PORT"),
            heap_initial=env.get("NEO4J_HEAP_INITIAL") or d.heap_initial,
            heap_max=env.get("NEO4J_HEAP_MAX") or d.heap_max,
            pagecache=env.get("NEO4J_PAGECACHE") or d.pagecache,
            java_opts=tuple(env.get("NEO4J_JAVA_OPTS", "").split()),
            start_timeout=_seconds(env, "NEO4J_START_TIMEOUT", d.start_timeout),
            stop_timeout=_seconds(env, "NEO4J_STOP_TIMEOUT", d.stop_timeout),
            tx_timeout=env.get("NEO4J_TX_TIMEOUT") or d.tx_timeout,
            tx_memory_max=env.get("NEO4J_TX_MEMORY_MAX") or d.tx_memory_max,
            java=env.get("JAVA") or None,
            java_home=env.get("JAVA_HOME") or None,
        )


def neo4j_conf(layout: Layout, options: Options, bolt_port: int) -> str:
    """conf/neo4j.conf, rewritten at every start because the Bolt port may change.
    5.x setting names (4.x's dbms.connector.* are wrong here)."""
    if options.http_port:
        http = f"server.http.enabled=true\nserver.http.listen_address={HOST}:{options.http_port}"
    else:  # the tests speak Bolt only; no Jetty means a faster start and less memory
        http = "server.http.enabled=false"
    return f"""\
# Generated by app/neo4j_server at every start; edits are lost.
server.default_listen_address={HOST}
server.default_advertised_address={HOST}
server.bolt.enabled=true
server.bolt.listen_address={HOST}:{bolt_port}
server.bolt.advertised_address={HOST}:{bolt_port}
{http}
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false

server.directories.data={layout.data}
server.directories.logs={layout.logs}
server.directories.run={layout.run}
server.directories.plugins={layout.plugins}
server.directories.import={layout.imports}

# Heap: only the official launcher turns these into -Xms/-Xmx; we pass the same values to
# java ourselves. They are kept here so the server reports them consistently.
server.memory.heap.initial_size={options.heap_initial}
server.memory.heap.max_size={options.heap_max}
server.memory.pagecache.size={options.pagecache}

# On shutdown Bolt's two Netty event-loop groups each wait a 5 s quiet period, so every
# stop took 10 s; a test server has no clients to be graceful to then. An internal setting:
# if a version renames it, strict config validation fails the start with a clear message.
internal.dbms.bolt.netty_server_shutdown_quiet_period=0

# A test server: do not preallocate 256 MB transaction log files, keep little history.
db.tx_log.preallocate=false
db.tx_log.rotation.retention_policy=100M size

# Walls of the server's own, behind the app's Cypher console (README "Security"); the
# same values are in docker-compose.yml.
dbms.security.procedures.allowlist={",".join(PROCEDURES_ALLOWLIST)}
# LOAD CSV may read neither local files nor any network address (no SSRF through Cypher).
dbms.security.allow_csv_import_from_file_urls=false
internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0
# Every transaction ends after this long and may hold at most this much memory; the
# console asks for a much shorter timeout per query. Notice a timeout promptly.
db.transaction.timeout={options.tx_timeout}
db.memory.transaction.max={options.tx_memory_max}
db.transaction.monitor.check.interval=200ms
"""


def jvm_options(options: Options) -> list[str]:
    """What the official launcher adds from neo4j.conf's server.jvm.additional (the server
    itself never reads that setting). The --add-opens are required on Java 17+ for Neo4j's
    off-heap memory and native I/O."""
    return [
        f"-Xms{options.heap_initial}",
        f"-Xmx{options.heap_max}",
        "-XX:+UseG1GC",
        "-XX:-OmitStackTraceInFastThrow",
        "-XX:+DisableExplicitGC",
        "-XX:+ExitOnOutOfMemoryError",
        "-Djdk.nio.maxCachedBufferSize=1024",
        "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dlog4j2.disable.jmx=true",
        "-Dfile.encoding=UTF-8",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED",
        *options.java_opts,
    ]
