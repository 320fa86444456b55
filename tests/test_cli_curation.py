"""`actorgraph curate …` and `actorgraph curation export|import` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import SEEDS
from .test_cli import run

TITOV, VOLODIN = "person:boris-titov", "person:vyacheslav-volodin"


def node_ids(data_dir: Path) -> set[str]:
    r = run(["export"], data_dir)
    assert r.returncode == 0, r.stderr
    return {n["id"] for n in json.loads(r.stdout)["nodes"]}


def test_curate_from_the_command_line_and_carry_the_log_to_another_store(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(["ingest", str(SEEDS)], one).returncode == 0
    original = run(["export"], one).stdout

    r = run(["curate", "merge", TITOV, VOLODIN, "--why", "test"], one)
    assert r.returncode == 0, r.stderr
    merge_id = r.stdout.split()[0]
    assert merge_id.startswith("cur-")
    assert run(["curate", "hide", "institution:council-for-mutual-economic-assistance"], one).returncode == 0
    ids = node_ids(one)
    assert TITOV not in ids and VOLODIN in ids and "institution:council-for-mutual-economic-assistance" not in ids
    listed = run(["curate", "list"], one)
    assert merge_id in listed.stdout and "hide" in listed.stdout

    log = tmp_path / "log.jsonl"
    assert run(["curation", "export", "-o", str(log)], one).returncode == 0
    assert len(log.read_text().splitlines()) == 2
    assert run(["ingest", str(SEEDS)], two).returncode == 0
    r = run(["curation", "import", str(log)], two)
    assert r.returncode == 0 and "imported 2 decisions" in r.stdout, r.stderr
    assert run(["export"], two).stdout == run(["export"], one).stdout

    assert run(["curate", "undo", merge_id], one).returncode == 0
    hide_id = json.loads(log.read_text().splitlines()[1])["id"]
    assert run(["curate", "undo", hide_id], one).returncode == 0
    assert run(["export"], one).stdout == original


def test_bad_curation_commands_fail_in_one_line(tmp_path: Path) -> None:
    assert run(["ingest", str(SEEDS)], tmp_path).returncode == 0
    for args, message in (
        (["curate", "merge", VOLODIN, VOLODIN], "into itself"),
        (["curate", "retype", VOLODIN, "Planet"], "unknown type"),
        (["curate", "hide", "person:nobody"], "unknown"),
        (["curate", "undo", "cur-none"], "no decision"),
        (["curation", "import", str(tmp_path / "missing.jsonl")], "no such file"),
    ):
        r = run(args, tmp_path)
        assert r.returncode == 1, (args, r.stdout)
        assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"payload": {"kind": "merge"}}\n')
    r = run(["curation", "import", str(bad)], tmp_path)
    assert r.returncode == 1 and "line 1" in r.stderr
