"""The readers actorgraph knows, by file extension and media type, each with its own size
limit. The built-ins are registered below exactly as an addition would be: a module with a
class that has `read(bytes) -> ReadDocument`, and one `register` line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

from graph.readers.base import BadDocument, ReadDocument, Reader, TooLarge
from graph.readers.docx import DocxReader
from graph.readers.html import HtmlReader
from graph.readers.pdf import PdfReader
from graph.readers.text import TextReader

MB = 1_000_000


@dataclass(frozen=True)
class ReaderSpec:
    name: str
    description: str
    extensions: tuple[str, ...]  # lower case, with the dot
    media_types: tuple[str, ...]
    reader: Reader
    # None: the general ACTORGRAPH_MAX_DOCUMENT_BYTES (text formats, where bytes ≈ text)
    max_bytes: int | None = None


@dataclass(frozen=True)
class Limits:
    """Size limits: ACTORGRAPH_MAX_DOCUMENT_BYTES for readers without their own, and
    ACTORGRAPH_READER_MAX_BYTES (JSON, by reader name) over any reader's own."""

    default: int
    overrides: Mapping[str, int] | None = None

    def of(self, spec: ReaderSpec) -> tuple[int, str]:
        """The limit in bytes and the setting that raises it."""
        if self.overrides and spec.name in self.overrides:
            return self.overrides[spec.name], "ACTORGRAPH_READER_MAX_BYTES"
        if spec.max_bytes is None:
            return self.default, "ACTORGRAPH_MAX_DOCUMENT_BYTES"
        return spec.max_bytes, f"ACTORGRAPH_READER_MAX_BYTES='{{\"{spec.name}\": …}}'"


class ReaderRegistry:
    def __init__(self) -> None:
        self._specs: list[ReaderSpec] = []

    def register(self, spec: ReaderSpec) -> ReaderSpec:
        taken = set(self.extensions())
        clash = [e for e in spec.extensions if e in taken]
        if clash or any(s.name == spec.name for s in self._specs):
            raise ValueError(f"reader {spec.name!r} clashes with a registered one ({clash})")
        self._specs.append(spec)
        return spec

    def specs(self) -> list[ReaderSpec]:
        return list(self._specs)

    def extensions(self) -> list[str]:
        return [e for s in self._specs for e in s.extensions]

    def described(self) -> str:
        """'.txt, .md, … are read' as users see it in skip messages and help."""
        return ", ".join(self.extensions())

    def for_name(self, name: str) -> ReaderSpec | None:
        """The reader for a file name; a name without an extension is read as plain text."""
        suffix = PurePath(name).suffix.lower()
        if not suffix:
            return self._specs[0] if self._specs else None
        return next((s for s in self._specs if suffix in s.extensions), None)

    def for_media_type(self, media_type: str) -> ReaderSpec | None:
        media_type = media_type.split(";")[0].strip().lower()
        return next((s for s in self._specs if media_type in s.media_types), None)

    def typed_name(self, name: str, media_type: str | None) -> str:
        """A name without an extension gets the one of the reader its media type names
        (an upload of 'report' as application/pdf is read as a PDF); the stem, and so the
        document id, stays the same."""
        if PurePath(name).suffix or not media_type:
            return name
        spec = self.for_media_type(media_type)
        return f"{name}{spec.extensions[0]}" if spec else name

    def largest_limit(self, limits: Limits) -> int:
        return max(limits.of(s)[0] for s in self._specs)

    def read(self, name: str, data: bytes, limits: Limits) -> tuple[ReaderSpec, ReadDocument]:
        """Check the size against the reader's limit, then read; BadDocument says why not."""
        spec = self.for_name(name)
        if spec is None:
            raise BadDocument(
                f"unsupported file type {PurePath(name).suffix}; {self.described()} are read"
            )
        limit, setting = limits.of(spec)
        if len(data) > limit:
            raise TooLarge(
                f"too large ({len(data) / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB,"
                f" set {setting} to raise it)"
            )
        return spec, spec.reader.read(data)


READERS = ReaderRegistry()
READERS.register(
    ReaderSpec("text", "plain text, UTF-8", (".txt", ".text"), ("text/plain",), TextReader())
)
READERS.register(
    ReaderSpec(
        "markdown",
        "Markdown, UTF-8",
        (".md", ".markdown"),
        ("text/markdown", "text/x-markdown"),
        TextReader(),
    )
)
READERS.register(
    ReaderSpec(
        "html",
        "web pages: the article's text (trafilatura) and the page's own metadata",
        (".html", ".htm", ".xhtml"),
        ("text/html", "application/xhtml+xml"),
        HtmlReader(),
        max_bytes=10 * MB,
    )
)
READERS.register(
    ReaderSpec(
        "pdf",
        "PDF with a text layer, in reading order, pages kept (pdfminer.six)",
        (".pdf",),
        ("application/pdf",),
        PdfReader(),
        max_bytes=50 * MB,
    )
)
READERS.register(
    ReaderSpec(
        "docx",
        "Word documents (python-docx), title and author from the core properties",
        (".docx",),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
        DocxReader(),
        max_bytes=20 * MB,
    )
)
