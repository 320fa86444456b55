"""A throw-away Neo4j Community server without Docker, for the tests and for local work:
jars from Maven Central (`install`), a server run with `java` (`Neo4jServer`), and the
`actorgraph neo4j install|start|stop|status|env|reset` command (app/cli_neo4j.py).

Tooling: app/ uses it, graph/ never imports it (graph/store/neo4j_bulk.py drives it
through scripts/neo4j.sh and reads the same on-disk layout).
"""

from app.neo4j_server.files import Neo4jServerError
from app.neo4j_server.install import find_java, install, installed
from app.neo4j_server.layout import Layout, Options
from app.neo4j_server.server import Neo4jServer, Status

__all__ = [
    "Layout",
    "Neo4jServer",
    "Neo4jServerError",
    "Options",
    "Status",
    "find_java",
    "install",
    "installed",
]
