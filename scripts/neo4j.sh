#!/usr/bin/env bash
# Run a real, throw-away Neo4j Community server for the test suite, without Docker.
#
#   scripts/neo4j.sh install   copy the server jars from Maven Central into .cache/neo4j/lib
#   scripts/neo4j.sh start     install if needed, start on 127.0.0.1, wait until Bolt answers
#   scripts/neo4j.sh stop      stop the server started by this script (no-op if none)
#   scripts/neo4j.sh status    one line; exit 0 if running, 3 if not
#   scripts/neo4j.sh env       print the export lines (NEO4J_URI, NEO4J_USER, ...)
#   scripts/neo4j.sh reset     stop and wipe the data directory (keeps jars and password)
#
# Why this shape: neo4j.com downloads and Docker are not available on our machines, but
# Maven Central carries org.neo4j:neo4j, whose dependency closure is exactly the tarball's
# lib/. We start the server class directly with java, so we pass ourselves what the
# official `neo4j` launcher would normally add (JVM options, heap size).
#
# Everything lives under .cache/neo4j/ at the repository root (ignored by git through a
# .gitignore the script writes there). Environment knobs, all optional:
#   NEO4J_BOLT_PORT      fixed Bolt port (default: a free port picked at each start)
#   NEO4J_HTTP_PORT      enable Neo4j's HTTP API/browser on this port (default: HTTP off)
#   NEO4J_HEAP_INITIAL / NEO4J_HEAP_MAX / NEO4J_PAGECACHE   (default 512m / 1g / 256m)
#   NEO4J_JAVA_OPTS     extra JVM options, space-separated (appended last, so they win)
#   NEO4J_START_TIMEOUT  seconds to wait for Bolt (default 120)
#   NEO4J_TX_TIMEOUT / NEO4J_TX_MEMORY_MAX   every transaction's limits (default 600s / 512m)
#   NEO4J_STOP_TIMEOUT   seconds to wait after SIGTERM before SIGKILL (default 60)
#   NEO4J_CACHE_DIR      where to keep everything (default <repo>/.cache/neo4j)
#   JAVA                 java binary to use (default $JAVA_HOME/bin/java, then `java`)
set -Eeuo pipefail

PROG=neo4j.sh
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
POM="$SCRIPT_DIR/neo4j/pom.xml"

CACHE=${NEO4J_CACHE_DIR:-$REPO_ROOT/.cache/neo4j}
LIB="$CACHE/lib"
CONF_DIR="$CACHE/conf"
DATA_DIR="$CACHE/data"
LOGS_DIR="$CACHE/logs"
RUN_DIR="$CACHE/run"
PLUGINS_DIR="$CACHE/plugins"
IMPORT_DIR="$CACHE/import"
PID_FILE="$RUN_DIR/neo4j.pid"
PORT_FILE="$RUN_DIR/bolt.port"
CONSOLE_LOG="$LOGS_DIR/console.log"
NEO4J_LOG="$LOGS_DIR/neo4j.log"
NEO4J_LOG_OFFSET=0   # size of neo4j.log before this start: older lines are not ours
PASSWORD_FILE="$CACHE/password"
ENV_FILE="$CACHE/env"
STAMP_FILE="$LIB/.pom.sha256"   # hash of the pom the jars were copied for

# The class the official launcher finally runs (see shared notes), and neo4j-admin's.
SERVER_CLASS=org.neo4j.server.CommunityEntryPoint
ADMIN_CLASS=org.neo4j.cli.AdminTool

HEAP_INITIAL=${NEO4J_HEAP_INITIAL:-512m}
HEAP_MAX=${NEO4J_HEAP_MAX:-1g}
PAGECACHE=${NEO4J_PAGECACHE:-256m}
START_TIMEOUT=${NEO4J_START_TIMEOUT:-120}
TX_TIMEOUT=${NEO4J_TX_TIMEOUT:-600s}
TX_MEMORY_MAX=${NEO4J_TX_MEMORY_MAX:-512m}
# Keep in step with graph/cypher_console.toml (tests/security/test_server_walls.py checks).
PROCEDURES_ALLOWLIST=db.awaitIndexes,db.labels,db.relationshipTypes,db.propertyKeys,db.schema.visualization,db.schema.nodeTypeProperties,db.schema.relTypeProperties,db.index.fulltext.queryNodes,db.index.fulltext.queryRelationships,db.ping,dbms.components
STOP_TIMEOUT=${NEO4J_STOP_TIMEOUT:-60}

# The password and env file must not be readable by other users of the machine.
umask 077

# ---------------------------------------------------------------------------- helpers

die() {
    # One clear line on stderr; callers that have a log to show print it before calling.
    echo "$PROG: $*" >&2
    exit 1
}

# set -e would otherwise exit silently on an unexpected failure; say where instead.
trap 'echo "$PROG: unexpected failure (line $LINENO: $BASH_COMMAND)" >&2' ERR

log() { echo "$PROG: $*" >&2; }

show_log_tail() {
    # Started directly (not by the official launcher), Neo4j runs in "daemon mode": its
    # own log goes to logs/neo4j.log and the console log only has what the JVM prints
    # itself (bad options, missing classes, crashes). Show both; debug.log has the rest.
    if [[ -s $CONSOLE_LOG ]]; then
        echo "---- last lines of $CONSOLE_LOG ----" >&2
        tail -n 25 "$CONSOLE_LOG" >&2
    fi
    local new_lines=""
    if [[ -f $NEO4J_LOG ]]; then new_lines=$(tail -c +$((NEO4J_LOG_OFFSET + 1)) "$NEO4J_LOG"); fi
    if [[ -n $new_lines ]]; then
        echo "---- last lines of $NEO4J_LOG (this start) ----" >&2
        tail -n 25 <<<"$new_lines" >&2
    fi
    echo "---- more detail in $LOGS_DIR/debug.log ----" >&2
}

find_java() {
    local java=${JAVA:-}
    if [[ -z $java && -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        java=$JAVA_HOME/bin/java
    fi
    if [[ -z $java ]]; then
        java=$(command -v java || true)
    fi
    [[ -n $java && -x $java ]] ||
        die "java not found; install OpenJDK 17 or set NEO4J_URI to an existing server"
    # Neo4j 5.26 needs Java 17 or 21; a wrong JVM fails late with a confusing error.
    local spec
    spec=$("$java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = //p')
    [[ ${spec%%.*} =~ ^[0-9]+$ && ${spec%%.*} -ge 17 ]] ||
        die "$java is Java '${spec:-unknown}', Neo4j 5.26 needs Java 17 or 21"
    JAVA_BIN=$java
}

# Is $1 the pid of a server started by this script (and not some recycled pid)?
is_our_server() {
    local pid=$1
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    local cmdline
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmdline == *"$SERVER_CLASS"* && $cmdline == *"--home-dir=$CACHE"* ]]
}

running_pid() {
    # Prints the pid and succeeds if our server is running; cleans a stale pid file.
    [[ -f $PID_FILE ]] || return 1
    local pid
    pid=$(<"$PID_FILE")
    if is_our_server "$pid"; then
        echo "$pid"
        return 0
    fi
    rm -f "$PID_FILE"
    return 1
}

bolt_answers() {
    # Bash's /dev/tcp: no Python package or netcat needed to see that Bolt accepts.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    # Let the kernel pick: bind port 0 and read back what we got. There is a tiny
    # window before Neo4j binds it; acceptable for a test server.
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
        return
    fi
    # No python3: try random high ports until one does not answer.
    local port i
    for i in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        bolt_answers "$port" || { echo "$port"; return 0; }
    done
    return 1
}

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

lock() {
    # Two `make test` at once must not install or start twice. flock is in util-linux
    # (always on Debian); without it we simply go on unlocked.
    mkdir -p "$CACHE"
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$CACHE/.lock"
        flock -w 300 9 || die "timed out waiting for another neo4j.sh in $CACHE"
    fi
}

prepare_cache() {
    mkdir -p "$CACHE"
    # Keep jars, data and the password out of git without touching the project's
    # .gitignore: a .gitignore containing "*" ignores the folder and itself.
    [[ -f $CACHE/.gitignore ]] || echo '*' >"$CACHE/.gitignore"
}

# ---------------------------------------------------------------------------- install

cmd_install() {
    prepare_cache
    # Fast path: same pom as last time and the server class is there.
    if [[ -f $STAMP_FILE && $(<"$STAMP_FILE") == "$(pom_hash)" ]] &&
        compgen -G "$LIB/neo4j-[0-9]*.jar" >/dev/null; then
        return 0
    fi
    # The running server has these jars open; swapping lib/ under it would crash it.
    if running_pid >/dev/null; then
        die "the jars in $LIB need a re-install but neo4j is running from them; run '$0 stop' first"
    fi
    find_java
    command -v mvn >/dev/null 2>&1 ||
        die "mvn not found; install Maven (apt-get install maven) or set NEO4J_URI to an existing server"

    # Copy into a fresh folder and swap it in, so an interrupted or failed copy never
    # leaves a half-filled lib/ that the fast path would trust, and jars of an older
    # version never linger next to the new ones.
    local tmp="$CACHE/lib.tmp" mvn_log="$CACHE/install.log"
    rm -rf "$tmp"
    log "copying Neo4j jars from Maven Central into $LIB (first run takes a little while)"
    # -B: batch mode (no colours/progress, never prompts: fine with CI=true and no stdin).
    # -DincludeScope=runtime: what the server needs at run time, no test/provided jars.
    if ! mvn -q -B -f "$POM" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" </dev/null >"$mvn_log" 2>&1; then
        echo "---- last lines of $mvn_log ----" >&2
        tail -n 30 "$mvn_log" >&2
        rm -rf "$tmp"
        die "mvn could not copy the Neo4j jars (is Maven Central reachable?); see $mvn_log"
    fi
    # Check the two entry points we rely on really are in the copied jars.
    # (A jar's file names are stored uncompressed, so grep finds them without unzip.)
    local cls
    for cls in "$SERVER_CLASS" "$ADMIN_CLASS"; do
        if ! grep -q "${cls//.//}.class" "$tmp"/neo4j-*.jar 2>/dev/null; then
            rm -rf "$tmp"
            die "class $cls not found in the jars copied for $POM"
        fi
    done
    pom_hash >"$tmp/.pom.sha256"
    rm -rf "$LIB"
    mv "$tmp" "$LIB"
    log "installed $(ls "$LIB"/*.jar | wc -l) jars ($(du -sh "$LIB" | cut -f1))"
}

# ---------------------------------------------------------------------------- start

write_conf() {
    local bolt_port=$1
    mkdir -p "$CONF_DIR"
    local http
    if [[ -n ${NEO4J_HTTP_PORT:-} ]]; then
        http="server.http.enabled=true
server.http.listen_address=127.0.0.1:$NEO4J_HTTP_PORT"
    else
        # The tests speak Bolt only; no Jetty means a faster start and less memory.
        http="server.http.enabled=false"
    fi
    # Rewritten at every start because the Bolt port may change. 5.x setting names.
    cat >"$CONF_DIR/neo4j.conf" <<EOF
# Generated by scripts/neo4j.sh at every start; edits are lost.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$bolt_port
server.bolt.advertised_address=127.0.0.1:$bolt_port
$http
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.usage_report.enabled=false

server.directories.data=$DATA_DIR
server.directories.logs=$LOGS_DIR
server.directories.run=$RUN_DIR
server.directories.plugins=$PLUGINS_DIR
server.directories.import=$IMPORT_DIR

# Heap: only the official launcher turns these into -Xms/-Xmx; neo4j.sh passes the same
# values to java itself. They are kept here so the server reports them consistently.
server.memory.heap.initial_size=$HEAP_INITIAL
server.memory.heap.max_size=$HEAP_MAX
server.memory.pagecache.size=$PAGECACHE

# On shutdown Bolt's two Netty event-loop groups each wait a 5 s quiet period, so every
# stop took 10 s. A test server has no clients to be graceful to at that point. This is an
# internal setting: if a future version renames it, strict config validation will fail
# the start with a clear "Unrecognized setting" message, and this line can simply go.
internal.dbms.bolt.netty_server_shutdown_quiet_period=0

# A test server: do not preallocate 256 MB transaction log files, keep little history.
db.tx_log.preallocate=false
db.tx_log.rotation.retention_policy=100M size

# Walls of the server's own, behind the app's Cypher console (README "Security"); the
# same values are in docker-compose.yml. Procedures: only those the store runs
# (db.awaitIndexes) and the console's read-only allow-list (graph/cypher_console.toml).
dbms.security.procedures.allowlist=$PROCEDURES_ALLOWLIST
# LOAD CSV may read neither local files nor any network address (no SSRF through Cypher).
dbms.security.allow_csv_import_from_file_urls=false
internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0
# Every transaction ends after this long and may hold at most this much memory; the
# console asks for a much shorter timeout per query. Notice a timeout promptly.
db.transaction.timeout=$TX_TIMEOUT
db.memory.transaction.max=$TX_MEMORY_MAX
db.transaction.monitor.check.interval=200ms
EOF
}

ensure_password() {
    # Reuse the stored password; create one only the first time.
    if [[ ! -s $PASSWORD_FILE ]]; then
        if [[ -d $DATA_DIR/databases/system ]]; then
            die "the store in $DATA_DIR has a password that $PASSWORD_FILE no longer holds; run '$0 reset'"
        fi
        # 32 hex characters; od reads exactly 16 bytes, so no SIGPIPE under pipefail.
        od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$PASSWORD_FILE"
    fi
    PASSWORD=$(<"$PASSWORD_FILE")

    # The initial password only matters before the system database exists: the admin
    # tool writes data/dbms/auth.ini, which the first start turns into the neo4j user.
    # After a reset the same password is applied again, so the env file stays valid.
    if [[ ! -d $DATA_DIR/databases/system ]]; then
        local out
        if ! out=$(NEO4J_HOME="$CACHE" NEO4J_CONF="$CONF_DIR" "$JAVA_BIN" -Xmx256m \
            -cp "$LIB/*" "$ADMIN_CLASS" dbms set-initial-password "$PASSWORD" </dev/null 2>&1); then
            echo "$out" | tail -n 30 >&2
            die "neo4j-admin dbms set-initial-password failed"
        fi
    fi
}

write_env() {
    local port=$1
    cat >"$ENV_FILE" <<EOF
export NEO4J_URI=bolt://127.0.0.1:$port
export NEO4J_USER=neo4j
export NEO4J_PASSWORD=$PASSWORD
export NEO4J_DATABASE=neo4j
EOF
}

cmd_start() {
    lock
    local pid port
    if pid=$(running_pid); then
        # Already up (e.g. an earlier `make test` was interrupted): reuse it.
        port=$(<"$PORT_FILE")
        bolt_answers "$port" ||
            die "server pid $pid is running but Bolt on port $port does not answer; run '$0 stop'"
        [[ -s $ENV_FILE ]] || { PASSWORD=$(<"$PASSWORD_FILE"); write_env "$port"; }
        echo "neo4j already running (pid $pid) on bolt://127.0.0.1:$port"
        return 0
    fi

    cmd_install
    find_java
    mkdir -p "$DATA_DIR" "$LOGS_DIR" "$RUN_DIR" "$PLUGINS_DIR" "$IMPORT_DIR"

    if [[ -n ${NEO4J_BOLT_PORT:-} ]]; then
        port=$NEO4J_BOLT_PORT
        [[ $port =~ ^[0-9]+$ ]] || die "NEO4J_BOLT_PORT must be a number, not '$port'"
    else
        port=$(free_port) || die "could not find a free TCP port; set NEO4J_BOLT_PORT"
    fi
    if bolt_answers "$port"; then
        die "port $port on 127.0.0.1 is already in use; unset NEO4J_BOLT_PORT or pick another"
    fi
    write_conf "$port"
    ensure_password

    # Keep the previous console log for post-mortems. Remember where neo4j.log ends now,
    # so that an old "Started." line cannot make a failed start look ready.
    if [[ -f $CONSOLE_LOG ]]; then mv -f "$CONSOLE_LOG" "$CONSOLE_LOG.1"; fi
    if [[ -f $NEO4J_LOG ]]; then NEO4J_LOG_OFFSET=$(stat -c %s "$NEO4J_LOG"); fi

    # JVM options the official launcher adds from neo4j.conf's server.jvm.additional (the
    # server itself never reads that setting). The --add-opens are required on Java 17+
    # for Neo4j's off-heap memory and native I/O.
    local jvm_opts=(
        "-Xms$HEAP_INITIAL" "-Xmx$HEAP_MAX"
        -XX:+UseG1GC
        -XX:-OmitStackTraceInFastThrow
        -XX:+DisableExplicitGC
        -XX:+ExitOnOutOfMemoryError
        -Djdk.nio.maxCachedBufferSize=1024
        -Dio.netty.tryReflectionSetAccessible=true
        -Dlog4j2.disable.jmx=true
        -Dfile.encoding=UTF-8
        --add-opens=java.base/java.nio=ALL-UNNAMED
        --add-opens=java.base/java.io=ALL-UNNAMED
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
        --enable-native-access=ALL-UNNAMED
    )
    # Extra JVM options from the caller (split on spaces), e.g. NEO4J_JAVA_OPTS=-Xmx2g.
    local extra_opts=()
    read -r -a extra_opts <<<"${NEO4J_JAVA_OPTS:-}"
    jvm_opts+=("${extra_opts[@]}")
    # setsid: own session, so a Ctrl-C or a CI job's process-group kill aimed at `make`
    # does not take the server down mid-write; `stop` is the way to end it. nohup covers
    # the case where setsid is missing. No stdin: the server must never wait on a tty.
    local launcher=()
    command -v setsid >/dev/null 2>&1 && launcher=(setsid)
    # 9>&-: the server must not inherit our lock's file descriptor, or it would hold the
    # lock for its whole life and every later neo4j.sh call would wait for it.
    "${launcher[@]}" nohup "$JAVA_BIN" \
        -cp "$PLUGINS_DIR/*:$CONF_DIR/*:$LIB/*" \
        "${jvm_opts[@]}" \
        "$SERVER_CLASS" --home-dir="$CACHE" --config-dir="$CONF_DIR" \
        </dev/null >"$CONSOLE_LOG" 2>&1 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    echo "$port" >"$PORT_FILE"

    # Ready when the server has logged "Started." in neo4j.log (only lines written by this
    # start count: the file is appended to across starts) AND the Bolt port accepts.
    # SECONDS is bash's own clock; poll every 0.2 s so readiness is noticed promptly.
    local started_at=$SECONDS new_log
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$PID_FILE"
            show_log_tail
            die "neo4j exited during startup; see $NEO4J_LOG and $CONSOLE_LOG"
        fi
        new_log=""
        if [[ -f $NEO4J_LOG ]]; then
            # A rotated (smaller) log means everything in it is new.
            if (($(stat -c %s "$NEO4J_LOG") < NEO4J_LOG_OFFSET)); then NEO4J_LOG_OFFSET=0; fi
            new_log=$(tail -c +$((NEO4J_LOG_OFFSET + 1)) "$NEO4J_LOG")
        fi
        if [[ $new_log == *" Started."* ]] && bolt_answers "$port"; then
            break
        fi
        if ((SECONDS - started_at >= START_TIMEOUT)); then
            show_log_tail
            cmd_stop >/dev/null 2>&1 || true
            die "neo4j did not answer on Bolt port $port within ${START_TIMEOUT}s; see $NEO4J_LOG"
        fi
        sleep 0.2
    done

    write_env "$port"
    echo "neo4j started (pid $pid) on bolt://127.0.0.1:$port in ~$((SECONDS - started_at))s; env in $ENV_FILE"
}

# ---------------------------------------------------------------------------- stop etc.

cmd_stop() {
    local pid
    if ! pid=$(running_pid); then
        rm -f "$PID_FILE"
        echo "neo4j not running"
        return 0
    fi
    # SIGTERM makes Neo4j run its shutdown hook: flush the page cache, checkpoint, close
    # the store cleanly, so the next start needs no recovery.
    kill -TERM "$pid" 2>/dev/null || true
    local asked_at=$SECONDS
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS - asked_at >= STOP_TIMEOUT)); then
            log "neo4j (pid $pid) still running after ${STOP_TIMEOUT}s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 1
            break
        fi
        sleep 0.2
    done
    rm -f "$PID_FILE"
    echo "neo4j stopped (pid $pid)"
}

cmd_status() {
    local pid
    if pid=$(running_pid); then
        echo "neo4j running (pid $pid) on bolt://127.0.0.1:$(<"$PORT_FILE")"
        return 0
    fi
    echo "neo4j not running"
    return 3
}

cmd_env() {
    [[ -s $ENV_FILE ]] || die "no $ENV_FILE yet; run '$0 start' first"
    running_pid >/dev/null || log "warning: neo4j is not running; run '$0 start'"
    cat "$ENV_FILE"
}

cmd_reset() {
    lock
    cmd_stop
    # Data only: the jars stay, and the password is re-applied on the next start.
    rm -rf "$DATA_DIR"
    echo "neo4j data wiped ($DATA_DIR)"
}

usage() {
    echo "usage: $0 install|start|stop|status|env|reset" >&2
    exit 2
}

[[ $# -eq 1 ]] || usage
case $1 in
install) lock; cmd_install ;;
start) cmd_start ;;
stop) lock; cmd_stop ;;
status) cmd_status || exit $? ;; # `||`: exit 3 is an answer, not an error for the ERR trap
env) cmd_env ;;
reset) cmd_reset ;;
-h | --help | help) usage ;;
*) usage ;;
esac
