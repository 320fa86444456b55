"""Extraction in worker processes: each loads the spaCy pipeline once and then extracts
one text at a time; the caller waits with a deadline.

Why processes and not threads: the pipeline is not safe to share between threads, the
parse holds the GIL for most of its time, and a thread stuck in a pathological document
cannot be stopped. A worker past its deadline is killed and replaced, so one slow
document costs its own request a 504 and nobody else anything.

Workers are started with `spawn` (a fork of a threaded server is unsafe), ignore SIGINT
(the parent decides when to stop) and exit when their pipe closes, so they never outlive
the process that started them.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
import time
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from graph.extract import ExtractionError

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from graph.extract.pipeline import Extraction


MODEL_LOAD_SECONDS = 600.0  # a worker that has not loaded the model by then is broken


class ExtractTimeout(ExtractionError):
    """The text was not extracted within its deadline; the worker was recycled."""


def _serve(conn: Connection, model: str) -> None:
    """A worker's life: load the pipeline, say ready, then answer texts until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from graph.extract.pipeline import Extractor

    try:
        extractor = Extractor(model)
    except ExtractionError as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            text = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", extractor.extract(text))
        except Exception as exc:  # noqa: BLE001 - any failure of one text is reported, not fatal
            reply = ("error", f"extraction failed: {type(exc).__name__}: {exc}")
        conn.send(reply)


class _Worker:
    def __init__(self, ctx: Any, model: str) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(
            target=_serve, args=(child, model), daemon=True, name="actorgraph-extract"
        )
        self.process.start()
        child.close()
        self.ready = False

    def call(self, text: str, timeout: float | None, deadline: float | None) -> Extraction:
        """Extract `text`; ExtractTimeout past the deadline (the worker must then go).
        Loading the model is not held against the deadline (a cold start on a loaded
        machine takes tens of seconds): it has its own bound, and the text then gets its
        full timeout."""
        if not self.ready:
            self.wait_ready()
            if timeout is not None and deadline is not None:
                deadline = max(deadline, time.monotonic() + timeout)
        self.conn.send(text)
        kind, value = self._receive(deadline)
        if kind != "ok":
            raise ExtractionError(str(value))
        return value

    def wait_ready(self) -> None:
        if self.ready:
            return
        kind, value = self._receive(time.monotonic() + MODEL_LOAD_SECONDS)
        if kind != "ready":
            raise ExtractionError(str(value))
        self.ready = True

    def _receive(self, deadline: float | None) -> tuple[str, Any]:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            if not self.conn.poll(wait):
                raise ExtractTimeout("extraction did not finish within its deadline")
            return self.conn.recv()
        except (EOFError, OSError):
            raise ExtractionError(
                f"the extraction worker died (exit code {self.process.exitcode})"
            ) from None

    def stop(self) -> None:
        self.conn.close()
        self.process.terminate()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)


class ExtractorPool:
    """`extract(text, timeout)` like `Extractor.extract`, on one of `size` worker processes.

    Thread-safe: each caller takes an idle worker (waiting for one within its deadline)
    and gives it back, or replaces it when it timed out or died."""

    def __init__(self, model: str, size: int) -> None:
        if size < 1:
            raise ValueError("an extractor pool needs at least one worker")
        self.model = model
        self.size = size
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self._ctx, self.model)
        with self._lock:
            self._all.add(worker)
        return worker

    def extract(self, text: str, timeout: float | None = None) -> Extraction:
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise ExtractTimeout(f"every extraction worker stayed busy for {timeout:g} s") from None
        healthy = False
        try:
            result = worker.call(text, timeout, deadline)
            healthy = True
            return result
        except ExtractionError as exc:
            # a text that failed leaves its worker usable; a timeout or a death does not
            timed_out = isinstance(exc, ExtractTimeout)
            healthy = not timed_out and worker.ready and worker.process.is_alive()
            raise
        finally:
            self._give_back(worker, healthy)

    def warm(self) -> None:
        """Wait until every worker has loaded its model (for benchmarks and tests; call it
        before the pool is in use)."""
        workers = [self._idle.get() for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready()
        finally:
            for worker in workers:
                self._idle.put(worker)

    def _give_back(self, worker: _Worker, healthy: bool) -> None:
        if healthy and not self._closed:
            self._idle.put(worker)
            return
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        if not self._closed:
            self._idle.put(self._start())

    def close(self) -> None:
        """Stop every worker, busy ones included (their callers get an ExtractionError)."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
