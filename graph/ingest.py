"""Documents in: read and check each file, extract, resolve against the store, write.

A bad file never stops the batch: it gets one readable reason in the report. Each
document is written in one store transaction, so the store never holds half a document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.curation.curator import Curator
from graph.extract.pipeline import Extractor
from graph.model import GraphData
from graph.resolve import Resolver, document_id, fingerprint
from graph.schema import DOCUMENT, MENTIONS, load_schema
from graph.store.base import GraphStore

SUPPORTED = {".txt", ".md", ".markdown", ".text"}


class BadDocument(Exception):
    """The input cannot be read as a text document; the message says why, in one line."""


@dataclass
class DocumentResult:
    source: str
    status: str  # ingested, updated, unchanged, skipped
    doc_id: str | None = None
    reason: str | None = None
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)


@dataclass
class IngestReport:
    results: list[DocumentResult] = field(default_factory=list)

    @property
    def read(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status != "skipped"]

    @property
    def skipped(self) -> list[DocumentResult]:
        return [r for r in self.results if r.status == "skipped"]

    def totals(self) -> tuple[Counter[str], Counter[str]]:
        ents: Counter[str] = Counter()
        rels: Counter[str] = Counter()
        for r in self.results:
            ents.update(r.entities)
            rels.update(r.relations)
        return ents, rels


def decode_document(data: bytes, max_bytes: int, name: str = "document") -> str:
    """Bytes → text, or BadDocument with the reason a user can act on."""
    if len(data) > max_bytes:
        raise BadDocument(
            f"too large ({len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB,"
            " set ACTORGRAPH_MAX_DOCUMENT_BYTES to raise it)"
        )
    if not data.strip():
        raise BadDocument("empty")
    if b"\x00" in data[:8192]:
        raise BadDocument("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadDocument(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start});"
            " convert it with: iconv -f WINDOWS-1252 -t UTF-8"
        ) from None
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.05 * min(len(text), 8192):
        raise BadDocument("binary file (mostly control characters), not text")
    return text


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
                                reason=f"unsupported file type {p.suffix or '(none)'}; .txt and .md are read",
                            )
                        )
        elif path.suffix.lower() in SUPPORTED or path.suffix == "":
            files.append(path)
        else:
            skipped.append(
                DocumentResult(
                    str(path),
                    "skipped",
                    reason=f"unsupported file type {path.suffix}; .txt and .md are read",
                )
            )
    return files, skipped


class Ingestor:
    def __init__(self, store: GraphStore, extractor: Extractor, max_bytes: int) -> None:
        self.store = store
        self.extractor = extractor
        self.max_bytes = max_bytes
        self.resolver = Resolver(load_schema())
        # curation (graph/curation/): decisions are applied to every document written
        self.curator = Curator(store)
        self.resolver.keep_apart = self.curator.keep_apart

    def ingest_bytes(self, name: str, data: bytes, source: str | None = None) -> DocumentResult:
        doc_id = document_id(Path(name).stem if "." in name else name)
        result = DocumentResult(source or name, "ingested", doc_id=doc_id)
        try:
            text = decode_document(data, self.max_bytes, name)
        except BadDocument as exc:
            result.status, result.reason = "skipped", str(exc)
            return result
        sha = fingerprint(data)
        previous = self.store.document_fingerprint(doc_id)
        if previous == sha:
            result.status = "unchanged"
            return result
        contribution = self.build(doc_id, text, sha, source or name)
        contribution = self.curator.write_document(doc_id, contribution)
        result.status = "updated" if previous else "ingested"
        result.entities = Counter(n.type for n in contribution.nodes if n.type != DOCUMENT)
        result.relations = Counter(e.type for e in contribution.edges if e.type != MENTIONS)
        return result

    def build(self, doc_id: str, text: str, sha: str, source: str) -> GraphData:
        extraction = self.extractor.extract(text)
        meta = extraction.meta
        props = {
            "title": meta.title,
            "author": meta.author,
            "publisher": meta.publisher,
            "date": meta.date,
            "source": source,
            "sha256": sha,
            "chars": len(text),
            "text": text,
        }
        # resolve against the actors the store knows that share a blocking key with a mention,
        # this document's earlier ones included, so a re-ingested document keeps its node ids
        index = self.store.entity_candidates(self.resolver.candidate_keys(extraction))
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
    ) -> IngestReport:
        """Files already expanded by `expand_paths`, with the paths it skipped."""
        report = IngestReport(results=list(skipped))
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as exc:
                result = DocumentResult(str(path), "skipped", reason=f"cannot read: {exc.strerror}")
            else:
                result = self.ingest_bytes(path.name, data, source=str(path))
            report.results.append(result)
            if on_progress:
                on_progress(result)
        return report
