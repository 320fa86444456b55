"""The `actorgraph` command as a user runs it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SEEDS

CLI = [sys.executable, "-m", "app.cli"]


def run(args: list[str], data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "ACTORGRAPH_DATA_DIR": str(data_dir), "COLUMNS": "200", **env},
    )


def test_ingest_export_import_roundtrip(tmp_path: Path) -> None:
    first = tmp_path / "one"
    r = run(["ingest", str(SEEDS)], first)
    assert r.returncode == 0, r.stderr
    assert "2 read, 0 skipped" in r.stdout
    assert "HOLDS_ROLE" in r.stdout
    r = run(["export", "--format", "json"], first)
    assert r.returncode == 0, r.stderr
    exported = json.loads(r.stdout)
    assert {"nodes", "edges"} == set(exported)
    edge = next(e for e in exported["edges"] if e["type"] == "SPOKE_AT")
    assert {"id", "source", "target", "type", "evidence"} <= set(edge)
    assert {"document", "sentence", "start", "end"} <= set(edge["evidence"][0])
    node = exported["nodes"][0]
    assert {"id", "type", "name", "aliases"} <= set(node)

    out = tmp_path / "graph.json"
    assert run(["export", "--out", str(out)], first).returncode == 0
    second = tmp_path / "two"
    r = run(["import", str(out)], second)
    assert r.returncode == 0, r.stderr
    again = run(["export"], second)
    assert json.loads(again.stdout) == exported


def test_errors_are_one_line_and_nonzero(tmp_path: Path) -> None:
    r = run(["ingest", str(tmp_path / "nothing-here")], tmp_path / "d")
    assert r.returncode == 1
    assert r.stderr.strip().splitlines()[-1].startswith("actorgraph: no document could be read")
    assert "Traceback" not in r.stderr

    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [{"id": 1}]}')
    r = run(["import", str(bad)], tmp_path / "d")
    assert r.returncode == 1 and "not an actorgraph export" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1

    r = run(["export", "--format", "pdf"], tmp_path / "d")
    assert r.returncode == 1 and "unknown format" in r.stderr

    r = run(["stats"], tmp_path / "d", ACTORGRAPH_STORE="sqlite")
    assert r.returncode != 0 and "Traceback" not in r.stderr


def test_a_mistyped_command_or_option_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    # typer raises its own copy of click's exceptions: both kinds must end as a usage line
    r = run(["serach", "putin"], tmp_path / "d")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines()[-1] == "Error: No such command 'serach'."
    assert "Traceback" not in r.stderr and "╭" not in r.stderr

    r = run(["ingest", "--nope"], tmp_path / "d")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines()[-1] == "Error: No such option: --nope"


def test_evaluate_prints_scores(tmp_path: Path) -> None:
    r = run(["evaluate", "--json"], tmp_path / "d")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    overall = report["entities"][0]
    assert overall["label"] == "all" and overall["f1"] > 0.7
    assert report["relations"][0]["f1"] > 0.6


def test_evaluate_reads_the_gold_folder_it_is_given(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    one = ROOT / "tests" / "data" / "gold" / "003_6e32554014a3be8b.json"
    (gold / one.name).write_bytes(one.read_bytes())
    r = run(["evaluate", "--json", "--gold", str(gold)], tmp_path / "d")
    assert r.returncode == 0, r.stderr
    assert [d["document"] for d in json.loads(r.stdout)["documents"]] == [
        "003_6e32554014a3be8b.txt"
    ]
    r = run(["evaluate", "--gold", str(tmp_path / "nothing")], tmp_path / "d")
    assert r.returncode == 1 and f"no gold files in {tmp_path / 'nothing'}" in r.stderr


def test_evaluate_held_out_refuses_the_full_report(tmp_path: Path) -> None:
    r = run(["evaluate", "--held-out", "--json"], tmp_path / "d")
    assert r.returncode == 1 and "--held-out prints no JSON" in r.stderr
