"""A full disk (issue 10, failure 11): the document that does not fit is refused with one
clear reason, the store keeps what it had, and the next documents go on. The store's
directory is a real 1 MB tmpfs (mounted when the tests run as root, as they do here);
elsewhere the processes get a real file-size limit (RLIMIT_FSIZE), which makes the same
write fail with EFBIG."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.processes import ROOT, ServerProcess

SMALL = "# {title}\n\nRussian President Vladimir Putin met Venezuelan President Nicolás Maduro.\n"
# cheap to extract, but its stored text alone is larger than the whole disk
HUGE = SMALL.format(title="Huge") + "\n" * 1_200_000 + "The end.\n"
DISK_BYTES = 1024 * 1024


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails: EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (DISK_BYTES, DISK_BYTES))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[tuple[Path, Callable[[], None] | None]]:
    """A directory on a 1 MB filesystem, or (when mounting is not allowed) a directory and
    the file-size limit to start processes with."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES}", "tmpfs", str(disk)],
            capture_output=True,
        ).returncode
        == 0
    )
    try:
        yield disk, None if mounted else _limit_file_size
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(disk)], check=False)


def test_cli_says_the_disk_is_full_and_goes_on(
    small_disk: tuple[Path, Callable[[], None] | None], tmp_path: Path
) -> None:
    disk, preexec = small_disk
    files = []
    for name, text in (
        ("a.txt", SMALL.format(title="First")),
        ("b.txt", HUGE),
        ("c.txt", SMALL.format(title="Third")),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(str(tmp_path / name))
    env = {**os.environ, "ACTORGRAPH_DATA_DIR": str(disk), "COLUMNS": "250"}
    r = subprocess.run(
        [sys.executable, "-m", "app.cli", "ingest", "--workers", "1", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        preexec_fn=preexec,
    )
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    full = [line for line in r.stderr.splitlines() if "disk is full" in line]
    assert full and "b.txt" in full[0], r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("actorgraph: 1 document(s) failed;")
    cells = [[c.strip() for c in line.split("│")] for line in r.stdout.splitlines()]
    rows = {c[1]: c[2] for c in cells if len(c) > 2}
    assert [rows[f] for f in files] == ["ingested", "failed", "ingested"]
    exported = subprocess.run(
        [sys.executable, "-m", "app.cli", "export"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
        check=True,
    )
    docs = {n["id"] for n in json.loads(exported.stdout)["nodes"] if n["type"] == "Document"}
    assert docs == {"doc:a", "doc:c"}


def test_upload_to_a_full_disk_is_507(small_disk: tuple[Path, Callable[[], None] | None]) -> None:
    disk, preexec = small_disk
    with ServerProcess(disk, preexec, ACTORGRAPH_EXTRACT_WORKERS="1") as server:
        assert server.upload("a.txt", SMALL.format(title="First")).status_code == 201
        r = server.upload("b.txt", HUGE)
        assert r.status_code == 507, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert "disk is full" in r.json()["detail"]
        assert server.upload("c.txt", SMALL.format(title="Third")).status_code == 201
        docs = server.get("/api/documents").json()["documents"]
        assert sorted(d["id"] for d in docs) == ["doc:a", "doc:c"]
