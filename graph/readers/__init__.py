"""Readers: bytes of a document in, its text, its own metadata and an offset map back to
the original out. `READERS` is the registry the ingestor, the CLI and the API consult."""

from graph.readers.base import (
    BadDocument,
    DocumentMeta,
    OffsetMap,
    Origin,
    ReadDocument,
    Reader,
    Span,
    TooLarge,
)
from graph.readers.registry import READERS, Limits, ReaderRegistry, ReaderSpec

__all__ = [
    "READERS",
    "BadDocument",
    "DocumentMeta",
    "Limits",
    "OffsetMap",
    "Origin",
    "ReadDocument",
    "Reader",
    "ReaderRegistry",
    "ReaderSpec",
    "Span",
    "TooLarge",
]
