"""Word documents: paragraphs in order, each mapped to its paragraph index; title, author
and date from the core properties."""

from __future__ import annotations

import io

import pytest

from graph.readers import BadDocument
from graph.readers.docx import DocxReader

from .fixtures import DOCX_PARAGRAPHS, word_document


def test_word_text_metadata_and_paragraphs() -> None:
    data = word_document()
    read = DocxReader().read(data)
    assert read.text.startswith("Lula in Beijing\n\n")
    for paragraph in filter(None, DOCX_PARAGRAPHS):
        assert paragraph in read.text
    meta = read.meta
    assert (meta.title, meta.author, meta.date, meta.language) == (
        "Lula in Beijing",
        "Pedro Alves",
        "2023-04-15",
        "en-US",
    )
    from docx import Document

    paragraphs = Document(io.BytesIO(data)).paragraphs
    for phrase in ("Xi Jinping", "Petrobras", "iron ore"):
        start = read.text.index(phrase)
        place = read.offsets.locate(start, start + len(phrase))
        assert place is not None and place.paragraph is not None
        assert paragraphs[place.paragraph].text[place.start : place.end] == phrase


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0 an old binary .doc", "old .doc"),
        (b"PK\x03\x04 truncated zip", "broken .docx"),
    ],
)
def test_a_file_that_is_no_docx_gets_one_reason(data: bytes, reason: str) -> None:
    with pytest.raises(BadDocument, match=reason):
        DocxReader().read(data)
