"""Extraction on a Dask cluster, for corpora one machine cannot parse in time.

`actorgraph ingest --cluster tcp://HOST:8786` sends each document's text to the cluster's
workers; resolution and writes stay in the calling process, in document order, exactly as
with local worker processes, so the graph equals a serial run's.

Why Dask and not Ray: Dask's `distributed` is a pure-Python wheel a few megabytes big that
any pip can install, its scheduler and workers are two commands (`dask scheduler`, `dask
worker ADDRESS`), and a loopback cluster starts inside a test in seconds. Ray brings a
large binary runtime and its own object store, which buys nothing for tasks that take a
text and return a small result.

Each worker process loads the spaCy pipeline once, on its first text, and keeps it. The
workers need actorgraph and its model installed (`pip install actorgraph`), as the
calling machine does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.extract import ExtractionError
from graph.extract.workers import ExtractTimeout

if TYPE_CHECKING:
    from graph.extract.pipeline import Extraction, Extractor

CONNECT_SECONDS = 30.0
# one loaded pipeline per worker process and model
_EXTRACTORS: dict[str, Extractor] = {}


def extract_on_worker(model: str, text: str) -> Extraction:
    """Runs on a cluster worker."""
    extractor = _EXTRACTORS.get(model)
    if extractor is None:
        from graph.extract.pipeline import Extractor

        extractor = _EXTRACTORS[model] = Extractor(model)
    return extractor.extract(text)


class ClusterExtractor:
    """`extract(text, timeout)` like `Extractor.extract`, on a Dask cluster's workers."""

    def __init__(self, address: str, model: str, connect_timeout: float = CONNECT_SECONDS):
        try:
            from distributed import Client
            from distributed.comm import get_address_host_port
        except ImportError:
            raise ExtractionError(
                "--cluster needs Dask's distributed package (pip install 'actorgraph[cluster]')"
            ) from None
        try:  # before a Client: a half-built one prints a traceback when it is collected
            get_address_host_port(address)
        except ValueError as exc:
            raise ExtractionError(
                f"{address!r} is not a Dask scheduler address (tcp://HOST:PORT): {exc}"
            ) from None
        try:
            self._client: Any = Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ExtractionError(
                f"no Dask scheduler answered at {address} within {connect_timeout:g} s"
                f" ({type(exc).__name__}: {exc})"
            ) from None
        self.address = address
        self.model = model

    def slots(self) -> int:
        """How many texts the cluster extracts at once (its workers' threads), at least 1."""
        workers = self._client.scheduler_info().get("workers", {})
        return max(1, sum(int(w.get("nthreads", 1)) for w in workers.values()))

    def extract(self, text: str, timeout: float | None = None) -> Extraction:
        future = self._client.submit(extract_on_worker, self.model, text, pure=False)
        try:
            return future.result(timeout=timeout)
        except TimeoutError:
            future.cancel()
            raise ExtractTimeout("extraction did not finish within its deadline") from None
        except ExtractionError:
            raise
        except Exception as exc:  # noqa: BLE001 - a worker's failure, reported for this text
            raise ExtractionError(
                f"extraction on the cluster failed: {type(exc).__name__}: {exc}"
            ) from None

    def close(self) -> None:
        self._client.close()
