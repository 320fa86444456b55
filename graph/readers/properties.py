"""A Document node's properties from what its reader found and what the text cleaner
guessed: what the document says about itself wins over a guess from its first lines."""

from __future__ import annotations

from typing import Any, Protocol

from graph.readers.base import ReadDocument


class Guessed(Protocol):
    """The cleaner's guesses (graph.extract.clean.CleanText, a frozen dataclass: read only)."""

    @property
    def title(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def publisher(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...


def document_properties(read: ReadDocument, guessed: Guessed) -> dict[str, Any]:
    meta = read.meta
    props: dict[str, Any] = {
        "title": meta.title or guessed.title,
        "author": meta.author or guessed.author,
        "publisher": meta.publisher or guessed.publisher,
        "date": meta.date or guessed.date,
    }
    # only what is known: a plain-text document's node looks as it always did
    known = {"language": meta.language, "source_url": meta.source_url, "pages": meta.pages}
    props.update({k: v for k, v in known.items() if v is not None})
    if read.offsets.kind != "text":
        # flat, as every store holds properties; graph/reader.py turns it back into places
        props["offset_map"] = read.offsets.to_json()
    return props
