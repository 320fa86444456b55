"""Web pages and Word files get the same text hygiene as plain text: NFC, no zero-width or
bidi controls. Otherwise "Putin" with a zero-width space, or "Nicolás" spelt with a combining
accent, is a second actor beside the one plain-text documents give."""

from __future__ import annotations

import io

from graph.readers.docx import DocxReader
from graph.readers.html import HtmlReader

DECOMPOSED = "Nicola\u0301s Maduro"  # "a" + combining acute accent
HIDDEN = "Vladimir\u200b Putin\u202e"  # a zero-width space and a right-to-left override


def _page() -> bytes:
    return (
        "<html><head><title>Talks\u200b in Caracas</title></head><body><article>"
        f"<h1>Talks in Caracas</h1><p>President {DECOMPOSED} welcomed {HIDDEN} on Monday."
        " The two leaders signed an energy agreement in the presidential palace.</p>"
        "<p>The agreement covers oil exploration in the Orinoco belt, refinery repairs and"
        " payments in national currencies, officials of both governments told reporters"
        " after a meeting that lasted more than three hours.</p>"
        "<p>Opposition leaders in Caracas criticised the deal, saying it tied the country's"
        " oil industry ever closer to a government under Western sanctions.</p>"
        "</article></body></html>"
    ).encode()


def test_html_text_and_title_are_normalised_and_still_map_back() -> None:
    source = _page().decode()
    read = HtmlReader().read(_page())
    assert "Nicolás Maduro" in read.text and "Vladimir Putin on Monday" in read.text
    assert "\u0301" not in read.text and "\u200b" not in read.text and "\u202e" not in read.text
    assert read.meta.title == "Talks in Caracas"
    start = read.text.index("welcomed")
    place = read.offsets.locate(start, start + len("welcomed"))
    assert place is not None and "welcomed" in source[place.start : place.end + 1]


def test_docx_paragraphs_are_normalised() -> None:
    from docx import Document

    document = Document()
    document.core_properties.title = f"Visit of {HIDDEN}"
    document.add_paragraph(f"President {DECOMPOSED} received {HIDDEN} in Caracas.")
    buf = io.BytesIO()
    document.save(buf)
    read = DocxReader().read(buf.getvalue())
    assert "President Nicolás Maduro received Vladimir Putin in Caracas." in read.text
    assert read.meta.title == "Visit of Vladimir Putin"
