#!/usr/bin/env bash
# The local Neo4j server, for scripts and graph/store/neo4j_bulk.py: a thin wrapper around
# `actorgraph neo4j install|start|stop|status|env|reset` (app/neo4j_server/, which holds the
# behaviour and its documentation). Runs this checkout's code with the project's venv.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PY=$ROOT/.venv/bin/python
[[ -x $PY ]] || PY=python3
PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" exec "$PY" -m app.neo4j_server "$@"
