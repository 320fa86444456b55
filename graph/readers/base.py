"""What every reader gives: the text, the document's own metadata, and a map from the text
back to what the user supplied (markup offsets, a page, a paragraph), so evidence found in
the text can still be shown where it stands in the original."""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from typing import Literal, Protocol

from graph.extract.normalise import normalise_text

OriginKind = Literal["text", "markup", "page", "paragraph"]


class BadDocument(Exception):
    """The input cannot be read as a document; the message says why, in one line."""


class TooLarge(BadDocument):
    """Over the size limit of the reader that would read it (an API answers 413)."""


@dataclass(frozen=True)
class Span:
    """text[start:end] came from `origin_start:origin_end` of the original (the whole
    markup for HTML, the text of page `unit` for PDF, paragraph `unit` for DOCX). When
    both sides have the same length the correspondence is character by character."""

    start: int
    end: int
    origin_start: int
    origin_end: int
    unit: int | None = None


@dataclass(frozen=True)
class Origin:
    """Where a stretch of the text stands in the original."""

    start: int
    end: int
    page: int | None = None
    paragraph: int | None = None


@dataclass(frozen=True)
class OffsetMap:
    """Text offsets → the original. `text` kind: the text is the original."""

    kind: OriginKind = "text"
    spans: tuple[Span, ...] = ()

    def locate(self, start: int, end: int) -> Origin | None:
        """The original's coordinates of text[start:end], or None for text the reader
        added itself (paragraph breaks between pages or blocks)."""
        if self.kind == "text":
            return Origin(start, end)
        first = self._span_at(start)
        last = self._span_at(max(start, end - 1))
        if first is None or last is None:
            return None
        o_start = _inner(first, start)
        o_end = (
            _inner(last, end)
            if last.end - last.start == last.origin_end - last.origin_start
            else last.origin_end
        )
        if first.unit != last.unit and self.kind != "markup":
            o_end = last.origin_end  # a span over a page break: the end is on the later page
        page = first.unit if self.kind == "page" else None
        paragraph = first.unit if self.kind == "paragraph" else None
        return Origin(o_start, max(o_start, o_end), page=page, paragraph=paragraph)

    def _span_at(self, offset: int) -> Span | None:
        i = bisect.bisect_right([s.start for s in self.spans], offset) - 1
        if i < 0 or offset >= self.spans[i].end:
            return None
        return self.spans[i]

    def to_json(self) -> str:
        rows = [[s.start, s.end, s.origin_start, s.origin_end, s.unit] for s in self.spans]
        return json.dumps({"kind": self.kind, "spans": rows}, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: str | None) -> OffsetMap:
        if not raw:
            return cls()
        obj = json.loads(raw)
        spans = tuple(Span(a, b, c, d, u) for a, b, c, d, u in obj.get("spans", []))
        return cls(kind=obj.get("kind", "text"), spans=spans)


def _inner(span: Span, offset: int) -> int:
    if span.end - span.start == span.origin_end - span.origin_start:
        return span.origin_start + min(offset, span.end) - span.start
    return span.origin_start if offset <= span.start else span.origin_end


@dataclass(frozen=True)
class DocumentMeta:
    """What the document says about itself; None where it does not say."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO date, YYYY-MM-DD
    language: str | None = None
    source_url: str | None = None
    pages: int | None = None

    def __post_init__(self) -> None:
        # a title becomes the document's name: the same rules as the text (NFC, no
        # zero-width or bidi controls), or two look-alike titles are two names
        for name in ("title", "author", "publisher"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, normalise_text(value))


@dataclass(frozen=True)
class ReadDocument:
    text: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    offsets: OffsetMap = field(default_factory=OffsetMap)


class Reader(Protocol):
    """Bytes of one document in, its text, metadata and offset map out; BadDocument with
    one actionable reason when it cannot be read."""

    def read(self, data: bytes) -> ReadDocument: ...


class SpanBuilder:
    """Builds the text and its spans piece by piece, merging pieces that continue each
    other character by character so a page of plain prose is one span."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []

    def add(self, text: str, origin_start: int, origin_end: int, unit: int | None = None) -> None:
        # NFC and no invisible characters, as plain text gets: a piece whose length this
        # changes maps to its whole original stretch instead of character by character
        text = normalise_text(text)
        if not text:
            return
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        linear = len(text) == origin_end - origin_start
        if self.spans:
            prev = self.spans[-1]
            if (
                linear
                and prev.unit == unit
                and prev.end == start
                and prev.origin_end == origin_start
                and prev.end - prev.start == prev.origin_end - prev.origin_start
            ):
                self.spans[-1] = Span(prev.start, self.length, prev.origin_start, origin_end, unit)
                return
        self.spans.append(Span(start, self.length, origin_start, origin_end, unit))

    def add_gap(self, text: str) -> None:
        """Text the reader adds (a paragraph break) that stands for nothing in the original."""
        text = normalise_text(text)
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)
