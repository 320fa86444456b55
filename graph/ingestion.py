"""The ingestion service: the one owner of the extractor, its language model and the lock
that keeps resolution and writing to one document at a time.

The faces (the CLI, the API, evaluation) ingest through it instead of wiring an
extractor and an `Ingestor` themselves. The model is loaded on first use, once per
service: in this process (`Extractor`), or in worker processes (`ExtractorPool`) when the
service has several workers or needs deadlines (the API). Nothing here imports spaCy until
then, so a server starts without it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from graph.config import Settings
from graph.extract.cluster import ClusterExtractor  # Dask is imported when it connects
from graph.extract.workers import ExtractorPool  # spaCy is imported by its workers only
from graph.store.base import GraphStore

if TYPE_CHECKING:
    from graph.extract.pipeline import Extraction, Extractor
    from graph.ingest import DocumentResult, Ingestor, IngestReport, Pending, Replace
    from graph.readers import ReadDocument


class IngestionService:
    """`workers` processes extract in parallel when `pool` (the default when workers > 1);
    otherwise one `Extractor` in this process. Thread-safe; `close()` (or leaving a `with`
    block) stops the worker processes."""

    def __init__(
        self,
        model: str,
        max_bytes: int,
        reader_limits: Mapping[str, int] | None = None,
        workers: int = 1,
        pool: bool | None = None,
        cluster: str | None = None,
        cluster_timeout: float = 30.0,
    ) -> None:
        if workers < 1:
            raise ValueError("ingestion needs at least one worker")
        self.model = model
        self.max_bytes = max_bytes
        self.reader_limits = dict(reader_limits or {})
        self.workers = workers
        self.pooled = workers > 1 if pool is None else pool
        self.cluster = cluster  # a Dask scheduler's address: extraction runs there
        self.cluster_timeout = cluster_timeout
        self.loads = 0  # how many times the model was loaded: once per service
        self._extractor: Extractor | ExtractorPool | ClusterExtractor | None = None
        self._ingestor: Ingestor | None = None
        self._lock = threading.Lock()  # loading the model, choosing the ingestor
        # resolution reads what earlier documents wrote: one document resolved and written
        # at a time, whichever face and thread asks
        self.write_lock = threading.Lock()

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        workers: int = 1,
        pool: bool | None = None,
        cluster: str | None = None,
    ) -> IngestionService:
        return cls(
            settings.spacy_model,
            settings.max_document_bytes,
            settings.reader_max_bytes,
            workers=workers,
            pool=pool,
            cluster=cluster,
            cluster_timeout=settings.cluster_connect_timeout,
        )

    # ---- the extractor and its model ----
    def extractor(self) -> Extractor | ExtractorPool | ClusterExtractor:
        """The extractor, loaded on the first call (the pool starts its workers, which load
        the model in parallel; `Extractor` loads it here)."""
        with self._lock:
            if self._extractor is None:
                self._extractor = self._load()
                self.loads += 1
            return self._extractor

    def _load(self) -> Extractor | ExtractorPool | ClusterExtractor:
        if self.cluster:
            return ClusterExtractor(self.cluster, self.model, self.cluster_timeout)
        if self.pooled:
            return ExtractorPool(self.model, self.workers)
        from graph.extract.pipeline import Extractor

        return Extractor(self.model)

    def warm(self) -> None:
        """Load the model now, and wait until every worker has it (tests, benchmarks)."""
        extractor = self.extractor()
        if isinstance(extractor, ExtractorPool):
            extractor.warm()

    def extract(self, text: str, timeout: float | None = None) -> Extraction:
        """Extract one text; with a pool, within `timeout` seconds (ExtractTimeout)."""
        extractor = self.extractor()
        if isinstance(extractor, ExtractorPool | ClusterExtractor):
            return extractor.extract(text, timeout)
        return extractor.extract(text)

    def ingestor(self, store: GraphStore) -> Ingestor:
        """The Ingestor of `store` with this service's extractor (kept while the store is)."""
        from graph.ingest import Ingestor

        extractor = self.extractor()
        with self._lock:
            if self._ingestor is None or self._ingestor.store is not store:
                self._ingestor = Ingestor(store, extractor, self.max_bytes, self.reader_limits)
            return self._ingestor

    # ---- batches (the CLI, evaluation) ----
    def ingest_files(
        self,
        store: GraphStore,
        files: list[Path],
        skipped: list[DocumentResult],
        on_progress: Callable[[DocumentResult], None] | None = None,
        replace: Replace = "same-source",
    ) -> IngestReport:
        """Files expanded by `graph.ingest.expand_paths`, extracted by the service's
        workers, resolved and written in order."""
        ingestor = self.ingestor(store)
        extractor = self.extractor()
        # texts in flight at once: the cluster's worker threads, or the local workers
        slots = extractor.slots() if isinstance(extractor, ClusterExtractor) else self.workers
        with self.write_lock:
            return ingestor.ingest_files(
                files, skipped, on_progress, workers=slots, replace=replace
            )

    def ingest_paths(self, store: GraphStore, paths: Iterable[Path]) -> IngestReport:
        from graph.ingest import expand_paths

        files, skipped = expand_paths(paths)
        return self.ingest_files(store, files, skipped)

    # ---- one document in steps (the API: each step off the event loop) ----
    def prepare(
        self,
        store: GraphStore,
        name: str,
        data: bytes,
        source: str,
        replace: Replace,
        read: ReadDocument | None = None,
    ) -> Pending | DocumentResult:
        """The checks that need no model (see Ingestor.prepare); a DocumentResult is final."""
        return self.ingestor(store).prepare(name, data, source, replace, read)

    def commit(self, store: GraphStore, pending: Pending, extraction: Extraction) -> DocumentResult:
        """Resolve and write one extracted document, one document at a time."""
        ingestor = self.ingestor(store)
        with self.write_lock:
            return ingestor.commit(pending, extraction)

    # ---- life cycle ----
    def close(self) -> None:
        """Stop the worker processes (a document still extracting gets an ExtractionError);
        the next use loads the model again."""
        with self._lock:
            extractor, self._extractor, self._ingestor = self._extractor, None, None
        if isinstance(extractor, ExtractorPool | ClusterExtractor):
            extractor.close()

    def __enter__(self) -> IngestionService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
