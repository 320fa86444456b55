#!/usr/bin/env bash
# Runs the whole suite. Starts a real Neo4j for it (unless NEO4J_URI names a server
# already) and stops it afterwards, whatever the outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

started_neo4j=0
if [[ -z "${NEO4J_URI:-}" && "${CI:-}" == "true" ]] && ! { command -v java && command -v mvn; } >/dev/null; then
  # a fresh CI machine without Java or Maven: Debian has both
  if [[ $(id -u) == 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless maven
  fi
fi
# `python -m app.cli` (not .venv/bin/actorgraph): this checkout's code, whichever checkout
# the shared venv's editable install points at.
NEO4J=($BIN/python -m app.cli neo4j)
if [[ -z "${NEO4J_URI:-}" ]]; then
  if command -v java >/dev/null && command -v mvn >/dev/null; then
    "${NEO4J[@]}" install
    "${NEO4J[@]}" start
    started_neo4j=1
    # shellcheck disable=SC1091
    set -a; . .cache/neo4j/env; set +a
  elif [[ "${CI:-}" == "true" ]]; then
    echo "test.sh: CI needs Java 17 and Maven to run the Neo4j tests" >&2
    exit 1
  else
    echo "test.sh: Java or Maven missing: Neo4j tests will skip (set NEO4J_URI to use a server)" >&2
  fi
fi
cleanup() { if [[ $started_neo4j == 1 ]]; then "${NEO4J[@]}" stop || true; fi; }
trap cleanup EXIT

if [[ -f scripts/browser.sh ]]; then bash scripts/browser.sh install; fi

$BIN/ruff check app graph tests bench
$BIN/mypy  # app and graph, configured in pyproject.toml
$BIN/python -m pytest -q -ra "$@"
