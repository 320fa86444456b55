"""PDF reports: columns read in order, pages kept for every stretch of text, and the two
PDFs that cannot be read (scanned, password-protected) refused with the reason."""

from __future__ import annotations

import io

import pytest

from graph.readers import BadDocument, ReadDocument
from graph.readers.pdf import PdfReader, _open

from .fixtures import (
    LEFT_COLUMN,
    PAGE_TWO,
    RIGHT_COLUMN,
    encrypted_pdf,
    scanned_pdf,
    two_column_pdf,
)


@pytest.fixture(scope="module")
def report() -> tuple[bytes, ReadDocument]:
    data = two_column_pdf()
    return data, PdfReader().read(data)


def test_two_columns_are_read_one_after_the_other(report: tuple[bytes, ReadDocument]) -> None:
    data, read = report
    order = [read.text.index(s) for s in [*LEFT_COLUMN, *RIGHT_COLUMN, PAGE_TWO]]
    assert order == sorted(order)
    assert read.text.startswith("Energy and Sanctions Report 2024: Oil, Gas and Power Politics")
    # the content stream draws across the columns: pdfminer's own order interleaves them
    from pdfminer.high_level import extract_text

    plain = " ".join(extract_text(io.BytesIO(data)).split())
    assert plain.index(RIGHT_COLUMN[0]) < plain.index(LEFT_COLUMN[1])


def test_metadata_from_the_document_information(report: tuple[bytes, ReadDocument]) -> None:
    meta = report[1].meta
    assert (meta.title, meta.author, meta.date, meta.language, meta.pages) == (
        "Energy and Sanctions Report 2024",
        "Maria Lopez",
        "2024-05-02",
        "en-US",
        2,
    )


@pytest.mark.parametrize(
    ("phrase", "page"), [("Vladimir Putin", 1), ("Nicolás Maduro", 1), ("Xi Jinping in Beijing", 2)]
)
def test_every_phrase_knows_its_page(
    report: tuple[bytes, ReadDocument], phrase: str, page: int
) -> None:
    data, read = report
    start = read.text.index(phrase)
    place = read.offsets.locate(start, start + len(phrase))
    assert place is not None and place.page == page
    # the page the place names does hold the phrase (pdfminer reading that page alone)
    from pdfminer.high_level import extract_text

    alone = " ".join(extract_text(io.BytesIO(data), page_numbers=[page - 1]).split())
    assert phrase in alone
    # and the offsets are within that page's text: its text boxes in reading order
    _, pages = _open(data)
    page_text = "\n\n".join(box.text for box in pages[page - 1][0])
    assert " ".join(page_text[place.start : place.end].split()) == phrase


def test_a_scanned_pdf_is_refused_with_the_reason() -> None:
    with pytest.raises(BadDocument, match="no text layer .*OCR"):
        PdfReader().read(scanned_pdf())


def test_a_password_protected_pdf_is_refused_with_the_reason() -> None:
    with pytest.raises(BadDocument, match="password-protected PDF"):
        PdfReader().read(encrypted_pdf())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"hello, not a pdf", "not a PDF"),
        (b"%PDF-1.4\n", "PDF"),
        (two_column_pdf()[:400], "PDF"),  # a download cut short
    ],
)
def test_a_broken_pdf_gets_one_line(data: bytes, reason: str) -> None:
    with pytest.raises(BadDocument, match=reason) as info:
        PdfReader().read(data)
    assert "\n" not in str(info.value)


def test_a_word_hyphenated_across_lines_is_one_word_and_maps_to_both_halves() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.text(20, 30, "Russian President Vladimir Putin said the inter-")
    pdf.text(20, 34.5, "national talks on grain exports would resume in Istanbul.")
    data = bytes(pdf.output())
    read = PdfReader().read(data)
    assert "said the international talks on grain" in read.text
    start = read.text.index("international")
    place = read.offsets.locate(start, start + len("international"))
    assert place is not None and place.page == 1
    from pdfminer.high_level import extract_text

    page_text = extract_text(io.BytesIO(data), page_numbers=[0]).strip()
    assert page_text[place.start : place.end] == "inter-\nnational"
