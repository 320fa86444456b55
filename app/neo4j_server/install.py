"""Copy Neo4j Community's jars from Maven Central into lib/ (one `mvn` call), and find a
Java that can run them.

Why this shape: neo4j.com downloads and Docker are not available on our machines, but Maven
Central carries org.neo4j:neo4j, whose dependency closure is exactly the tarball's lib/.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

from app.neo4j_server.files import Neo4jServerError, locked, prepare, tail
from app.neo4j_server.layout import ADMIN_CLASS, POM, SERVER_CLASS, Layout, Options

MAVEN_TIMEOUT_SECONDS = 1800
NO_SERVER_HINT = "or set NEO4J_URI to an existing server"
Say = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def find_java(options: Options) -> str:
    """The java binary (JAVA, then $JAVA_HOME/bin/java, then PATH), checked to be 17+:
    Neo4j 5.26 needs Java 17 or 21, and a wrong JVM fails late with a confusing error."""
    java = options.java
    if not java and options.java_home and Path(options.java_home, "bin", "java").is_file():
        java = str(Path(options.java_home, "bin", "java"))
    java = shutil.which(java or "java")
    if not java:
        raise Neo4jServerError(f"java not found; install OpenJDK 17 {NO_SERVER_HINT}")
    try:
        done = subprocess.run(
            [java, "-XshowSettings:properties", "-version"],
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Neo4jServerError(f"{java} does not run: {exc}") from None
    found = re.search(r"java\.specification\.version = (\d+)", done.stderr + done.stdout)
    if not found or int(found.group(1)) < 17:
        version = found.group(1) if found else "unknown"
        raise Neo4jServerError(f"{java} is Java {version!r}; Neo4j 5.26 needs Java 17 or 21")
    return java


def installed(layout: Layout) -> bool:
    """The jars in lib/ were copied for today's pom and the server jar is there."""
    try:
        stamp = layout.stamp_file.read_text().strip()
    except OSError:
        return False
    return stamp == _pom_hash() and any(layout.lib.glob("neo4j-[0-9]*.jar"))


def install(
    layout: Layout | None = None, options: Options | None = None, say: Say = _quiet
) -> bool:
    """Copy the jars unless today's are there. Returns whether it copied."""
    layout = layout or Layout.default()
    with locked(layout):
        return install_unlocked(layout, options or Options.from_env(), say)


def install_unlocked(layout: Layout, options: Options, say: Say) -> bool:
    """install() for a caller that holds the lock already."""
    from app.neo4j_server.process import running_pid

    prepare(layout)
    if installed(layout):
        return False
    if running_pid(layout) is not None:  # it has these jars open; swapping lib/ crashes it
        raise Neo4jServerError(
            f"the jars in {layout.lib} need a re-install but neo4j is running from them;"
            " stop it first"
        )
    find_java(options)
    mvn = shutil.which("mvn")
    if not mvn:
        raise Neo4jServerError(
            f"mvn not found; install Maven (apt-get install maven) {NO_SERVER_HINT}"
        )
    # A fresh folder swapped in at the end: an interrupted copy never leaves a half-filled
    # lib/ that installed() would trust, and an older version's jars never linger.
    tmp = layout.home / "lib.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    say(f"copying Neo4j jars from Maven Central into {layout.lib} (the first run takes a while)")
    _copy_dependencies(mvn, tmp, layout.install_log)
    for cls in (SERVER_CLASS, ADMIN_CLASS):
        if not _has_class(tmp, cls):
            shutil.rmtree(tmp, ignore_errors=True)
            raise Neo4jServerError(f"class {cls} not found in the jars copied for {POM}")
    (tmp / ".pom.sha256").write_text(_pom_hash() + "\n")
    shutil.rmtree(layout.lib, ignore_errors=True)
    if layout.lib.is_symlink():
        layout.lib.unlink()
    tmp.rename(layout.lib)
    jars = list(layout.lib.glob("*.jar"))
    size = sum(j.stat().st_size for j in jars) / 1e6
    say(f"installed {len(jars)} jars ({size:.0f} MB) into {layout.lib}")
    return True


def _copy_dependencies(mvn: str, into: Path, log: Path) -> None:
    """The one Maven call. -B: batch mode (never prompts: fine with CI=true and no stdin);
    runtime scope: what the server needs at run time, no test or provided jars."""
    command = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={into}",
    ]
    with log.open("w") as out:
        try:
            done = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=MAVEN_TIMEOUT_SECONDS,
            )
            failed = done.returncode != 0
        except subprocess.TimeoutExpired:
            failed = True
    if failed:
        shutil.rmtree(into, ignore_errors=True)
        raise Neo4jServerError(
            f"mvn could not copy the Neo4j jars (is Maven Central reachable?); see {log}",
            tail(log, 30),
        )


def _has_class(lib: Path, cls: str) -> bool:
    name = cls.replace(".", "/") + ".class"
    for jar in sorted(lib.glob("neo4j-*.jar")):
        try:
            with zipfile.ZipFile(jar) as z:
                if name in z.namelist():
                    return True
        except zipfile.BadZipFile:
            continue
    return False


def _pom_hash() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()
