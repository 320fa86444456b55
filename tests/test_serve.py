"""`actorgraph serve` never hangs (issue 10, failure 7), tried on a real server process: a
1 MB single-sentence upload holds one extraction worker until its deadline (504 problem
details), other uploads go on meanwhile, and SIGTERM stops the server, workers included,
within seconds even while such an upload runs."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import httpx

from tests.processes import ServerProcess, alive, cpu_seconds, wait_for, workers_of

PHRASE = "Vladimir Putin met Nicolás Maduro in Moscow and the United States imposed sanctions on Cuba and "
SLOW = "One long sentence\n\n" + (PHRASE * (1_000_000 // len(PHRASE)))
SMALL = "# Talks\n\nRussian President Vladimir Putin met Venezuelan President Nicolás Maduro.\n"


def busy_worker(server: ServerProcess, before: dict[int, float]) -> bool:
    """Whether a worker that was idle (model loaded) has since used half a second of CPU."""
    return any(cpu_seconds(pid) - spent > 0.5 for pid, spent in before.items())


def start_upload(server: ServerProcess, name: str, text: str) -> tuple[threading.Thread, list]:
    answer: list = []

    def run() -> None:
        try:
            answer.append(server.upload(name, text))
        except httpx.HTTPError as exc:
            answer.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, answer


def test_a_slow_upload_gets_504_and_blocks_nobody(tmp_path: Path) -> None:
    env = {"ACTORGRAPH_EXTRACT_WORKERS": "2", "ACTORGRAPH_EXTRACT_TIMEOUT": "8"}
    with ServerProcess(tmp_path, **env) as server:
        assert server.upload("warm.txt", SMALL).status_code == 201  # both workers load
        wait_for(lambda: len(workers_of(server.proc.pid)) == 2, 60, "two workers")
        before = {pid: cpu_seconds(pid) for pid in workers_of(server.proc.pid)}
        slow, answer = start_upload(server, "slow.txt", SLOW)
        wait_for(lambda: busy_worker(server, before), 300, "a worker to take the slow upload")
        started = time.monotonic()
        r = server.upload("other.txt", SMALL.replace("Talks", "Other talks"))
        assert r.status_code == 201, r.text
        assert slow.is_alive(), "the small upload should not have waited for the slow one"
        slow.join(300)
        waited = time.monotonic() - started
        [response] = answer
        assert response.status_code == 504, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert "ACTORGRAPH_EXTRACT_TIMEOUT" in response.json()["detail"]
        assert waited < 120
        docs = httpx.get(f"{server.url}/api/documents").json()
        assert sorted(d["id"] for d in docs["documents"]) == ["doc:other", "doc:warm"]
        # the worker that timed out was replaced: the server still extracts
        assert server.upload("after.txt", SMALL.replace("Talks", "After")).status_code == 201


def test_sigterm_stops_the_server_during_a_slow_upload(tmp_path: Path) -> None:
    with ServerProcess(tmp_path, ACTORGRAPH_EXTRACT_WORKERS="1") as server:
        assert server.upload("warm.txt", SMALL).status_code == 201
        [worker] = workers_of(server.proc.pid)
        before = {worker: cpu_seconds(worker)}
        slow, answer = start_upload(server, "slow.txt", SLOW)
        wait_for(lambda: busy_worker(server, before), 300, "the worker to take the slow upload")
        sent = time.monotonic()
        server.proc.send_signal(signal.SIGTERM)
        server.proc.wait(30)
        stopped = time.monotonic() - sent
        assert stopped < 10, f"the server took {stopped:.1f} s to stop"
        wait_for(lambda: not alive(worker), 10, "the extraction worker to end")
        slow.join(30)
        assert answer and not slow.is_alive()
