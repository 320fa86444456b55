"""Documents in: read and check each file, extract, resolve against the store, write.

A bad file never stops the batch: it gets one readable reason in the report. Each
document is written in one store transaction, so the store never holds half a document.
"""

from __future__ import annotations

import errno
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from graph.curation.curator import Curator
from graph.extract import ExtractionError
from graph.extract.pipeline import Extraction
from graph.identity import document_id
from graph.model import GraphData
from graph.readers import READERS, BadDocument, Limits, ReadDocument
from graph.readers.properties import document_properties
from graph.resolve import Resolver, fingerprint
from graph.schema import DOCUMENT, MENTIONS, load_schema
from graph.store.base import GraphStore

SUPPORTED = set(READERS.extensions())  # every registered reader's extensions
STORED = {"ingested", "updated", "unchanged"}


# when a changed document may replace the one stored under its id: never (the API unless
# asked: a 409), when it comes from the same path (the CLI re-reading a file), always
Replace = Literal["never", "same-source", "always"]
FULL_DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class TextExtractor(Protocol):
    """An `Extractor`, or an `ExtractorPool` running it in worker processes."""

    def extract(self, text: str) -> Extraction: ...


@dataclass
class DocumentResult:
    source: str
    status: str  # ingested, updated, unchanged, skipped, conflict, failed
    doc_id: str | None = None
    reason: str | None = None
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)


@dataclass
class IngestReport:
    results: list[DocumentResult] = field(default_factory=list)

    @property
    def read(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status in STORED]

    @property
    def skipped(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status not in STORED]

    def totals(self) -> tuple[Counter[str], Counter[str]]:
        ents: Counter[str] = Counter()
        rels: Counter[str] = Counter()
        for r in self.results:
            ents.update(r.entities)
            rels.update(r.relations)
        return ents, rels


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[DocumentResult]]:
    """Files to read (folders walked, sorted), and a skip line for every path that is not."""
    files: list[Path] = []
    skipped: list[DocumentResult] = []
    for path in paths:
        if not path.exists():
            skipped.append(DocumentResult(str(path), "skipped", reason="no such file or folder"))
        elif path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and not any(
                    part.startswith(".") for part in p.relative_to(path).parts
                ):
                    if p.suffix.lower() in SUPPORTED:
                        files.append(p)
                    else:
                        skipped.append(
                            DocumentResult(
                                str(p),
                                "skipped",
                                reason=f"unsupported file type {p.suffix or '(none)'}; {READERS.described()} are read",
                            )
                        )
        elif path.suffix.lower() in SUPPORTED or path.suffix == "":
            files.append(path)
        else:
            skipped.append(
                DocumentResult(
                    str(path),
                    "skipped",
                    reason=f"unsupported file type {path.suffix}; {READERS.described()} are read",
                )
            )
    return files, skipped


@dataclass
class Pending:
    """A readable document waiting for its extraction, then for resolution and writing."""

    result: DocumentResult
    read: ReadDocument  # the text as its reader gave it, with metadata and offset map
    sha: str
    replace: Replace

    @property
    def text(self) -> str:
        return self.read.text


def disk_full(exc: BaseException) -> bool:
    """Whether a write failed for want of space (or of the file size the system allows),
    whichever store raised it and however it was wrapped."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in FULL_DISK_ERRNOS:
            return True
        if isinstance(seen, sqlite3.Error) and (
            getattr(seen, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
            or "disk is full" in str(seen)
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class Ingestor:
    """Read → extract → resolve → write, one document at a time or a batch with the
    extraction in worker processes (`ingest_files(..., workers=N)`): resolution and
    writing stay here, in document order, so a parallel run gives the serial run's graph."""

    def __init__(
        self,
        store: GraphStore,
        extractor: TextExtractor,
        max_bytes: int,
        reader_limits: dict[str, int] | None = None,
    ) -> None:
        self.store = store
        self.extractor = extractor
        self.max_bytes = max_bytes
        self.limits = Limits(max_bytes, reader_limits)
        self.resolver = Resolver(load_schema())
        # curation (graph/curation/): decisions are applied to every document written
        self.curator = Curator(store)
        self.resolver.keep_apart = self.curator.keep_apart

    def ingest_bytes(
        self,
        name: str,
        data: bytes,
        source: str | None = None,
        replace: Replace = "always",
        read: ReadDocument | None = None,
    ) -> DocumentResult:
        """`read`: the document already read by its reader (the API reads uploads first)."""
        pending = self.prepare(name, data, source, replace, read)
        if isinstance(pending, DocumentResult):
            return pending
        try:
            extraction = self.extractor.extract(pending.text)
        except ExtractionError as exc:
            pending.result.status, pending.result.reason = "failed", str(exc)
            return pending.result
        return self.commit(pending, extraction)

    def prepare(
        self,
        name: str,
        data: bytes,
        source: str | None = None,
        replace: Replace = "always",
        read: ReadDocument | None = None,
    ) -> Pending | DocumentResult:
        """Checks that need no language model: not already stored as is, readable by its
        reader, not a conflict. A DocumentResult is the final answer."""
        result = DocumentResult(source or name, "ingested", doc_id=document_id(name))
        sha = fingerprint(data)
        assert result.doc_id is not None
        if self.store.document_fingerprint(result.doc_id) == sha:
            result.status = "unchanged"  # before reading: a PDF takes a while to read
            return result
        try:
            read = read or READERS.read(name, data, self.limits)[1]
        except BadDocument as exc:
            result.status, result.reason = "skipped", str(exc)
            return result
        pending = Pending(result, read, sha, replace)
        decided = self._decide(pending)
        return decided if decided is not None else pending

    def _decide(self, pending: Pending) -> DocumentResult | None:
        """unchanged or conflict (final), or None: go on and (re)write it."""
        result = pending.result
        assert result.doc_id is not None
        previous = self.store.document_fingerprint(result.doc_id)
        if previous is None:
            return None
        if previous == pending.sha:
            result.status = "unchanged"
            return result
        existing = self.store.get_node(result.doc_id)
        held = str(existing.properties.get("source") or "") if existing else ""
        if pending.replace == "always" or (
            pending.replace == "same-source" and _same_file(held, result.source)
        ):
            return None
        title = existing.name if existing else result.doc_id
        result.status = "conflict"
        result.reason = (
            f"{result.doc_id} already holds another text under this name "
            f"({title!r}, from {held or 'an earlier upload'}); ask to replace it or rename the file"
        )
        return result

    def commit(self, pending: Pending, extraction: Extraction) -> DocumentResult:
        """Resolve and write one extracted document (decided again: the store may have
        changed since `prepare`, e.g. by an earlier document of the same batch)."""
        decided = self._decide(pending)
        if decided is not None:
            return decided
        result = pending.result
        assert result.doc_id is not None
        previous = self.store.document_fingerprint(result.doc_id)
        contribution = self.build(
            result.doc_id, pending.read, pending.sha, result.source, extraction
        )
        try:
            contribution = self.curator.write_document(result.doc_id, contribution)
        except Exception as exc:
            if not disk_full(exc):
                raise
            result.status = "failed"
            result.reason = "not stored: the disk is full (the store is unchanged; free space and ingest it again)"
            return result
        result.status = "updated" if previous else "ingested"
        result.entities = Counter(n.type for n in contribution.nodes if n.type != DOCUMENT)
        result.relations = Counter(e.type for e in contribution.edges if e.type != MENTIONS)
        return result

    def build(
        self,
        doc_id: str,
        read: ReadDocument | str,
        sha: str,
        source: str,
        extraction: Extraction | None = None,
    ) -> GraphData:
        """The document's contribution; `read` as its reader gave it, or plain text."""
        read = ReadDocument(read) if isinstance(read, str) else read
        text = read.text
        if extraction is None:
            extraction = self.extractor.extract(text)
        props = document_properties(read, extraction.meta)
        props.update({"source": source, "sha256": sha, "chars": len(text), "text": text})
        # resolve against the actors the store knows that share a blocking key with a mention,
        # this document's earlier ones included, so a re-ingested document keeps its node ids
        keys = self.resolver.candidate_keys(extraction)
        index = self.curator.uncurated_index(self.store.entity_candidates(keys), keys)
        return self.resolver.resolve(extraction, doc_id, props, index)

    def ingest_paths(
        self, paths: Iterable[Path], on_progress: Callable[[DocumentResult], None] | None = None
    ) -> IngestReport:
        files, skipped = expand_paths(paths)
        return self.ingest_files(files, skipped, on_progress)

    def ingest_files(
        self,
        files: list[Path],
        skipped: list[DocumentResult],
        on_progress: Callable[[DocumentResult], None] | None = None,
        workers: int = 1,
        replace: Replace = "same-source",
    ) -> IngestReport:
        """Files already expanded by `expand_paths`, with the paths it skipped. With
        workers > 1 the extractor must be an ExtractorPool of that size: up to 2×workers
        documents are read and extracted ahead of the one being written."""
        report = IngestReport(results=list(skipped))
        window = max(1, 2 * workers)
        ahead: list[tuple[Pending | DocumentResult, Future[Extraction] | None]] = []
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="extract") as threads:
            for path in files:
                ahead.append(self._read_ahead(path, replace, threads, ahead))
                if len(ahead) >= window:
                    self._finish(ahead.pop(0), report, on_progress)
            while ahead:
                self._finish(ahead.pop(0), report, on_progress)
        return report

    def _read_ahead(
        self,
        path: Path,
        replace: Replace,
        threads: ThreadPoolExecutor,
        ahead: list[tuple[Pending | DocumentResult, Future[Extraction] | None]],
    ) -> tuple[Pending | DocumentResult, Future[Extraction] | None]:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return DocumentResult(str(path), "skipped", reason=f"cannot read: {exc.strerror}"), None
        item = self.prepare(path.name, data, source=str(path), replace=replace)
        if (
            isinstance(item, DocumentResult)
            and item.status in {"unchanged", "conflict"}
            and any(_doc_id(other) == item.doc_id for other, _ in ahead)
        ):
            # an earlier document of this batch with the same id is not written yet: decide
            # when this one's turn comes (in `commit`), as a serial run would
            item.status, item.reason = "ingested", None
            try:
                read = READERS.read(path.name, data, self.limits)[1]
            except BadDocument as exc:
                item.status, item.reason = "skipped", str(exc)
                return item, None
            item = Pending(item, read, fingerprint(data), replace)
        if isinstance(item, DocumentResult):
            return item, None
        return item, threads.submit(self.extractor.extract, item.text)

    def _finish(
        self,
        entry: tuple[Pending | DocumentResult, Future[Extraction] | None],
        report: IngestReport,
        on_progress: Callable[[DocumentResult], None] | None,
    ) -> None:
        item, future = entry
        if isinstance(item, DocumentResult):
            result = item
        else:
            assert future is not None
            try:
                result = self.commit(item, future.result())
            except ExtractionError as exc:
                result = item.result
                result.status, result.reason = "failed", str(exc)
        report.results.append(result)
        if on_progress:
            on_progress(result)


def _doc_id(item: Pending | DocumentResult) -> str | None:
    return item.result.doc_id if isinstance(item, Pending) else item.doc_id


def _same_file(held: str, source: str) -> bool:
    """Whether the stored document was read from this path (as written, or resolved)."""
    if not held or held.startswith("upload:"):
        return False
    try:
        return held == source or Path(held).resolve() == Path(source).resolve()
    except OSError:
        return False
