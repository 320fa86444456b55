"""PDF: the text layer in reading order (columns one after the other), page by page, with
each stretch of text mapped to its page and its offsets in that page's text.

pdfminer.six's layout analysis groups characters into text boxes; the order of those boxes
is decided here, because a content stream may draw a two-column page line by line across
both columns. A page is cut into bands at boxes that span most of its width (a headline,
a full-width table); within a band, columns are read left to right, each top to bottom.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from graph.readers.base import BadDocument, DocumentMeta, OffsetMap, ReadDocument, SpanBuilder

SPANNING = 0.55  # a box wider than this share of the page belongs to no column
LINE = re.compile(r"[^\S\n]*([^\n]*\S)")  # a line's text without the spaces around it
HYPHENATED = re.compile(r"[^\W\d_]-$")  # a letter, then a hyphen ending the line


@dataclass(frozen=True)
class Box:
    x0: float
    x1: float
    top: float  # distance from the page's top edge
    text: str  # as pdfminer gives it, line breaks included: this is the page's text

    def pieces(self) -> list[tuple[str, int, int]]:
        """The box as one paragraph: (text, start, end in `self.text`). Lines are joined by
        a space that stands for the line break; a word hyphenated across lines ("inter-" /
        "national") is joined without its hyphen, so the extractor sees the word."""
        out: list[tuple[str, int, int]] = []
        lines = [(m.group(1), m.start(1)) for m in LINE.finditer(self.text)]
        for i, (line, start) in enumerate(lines):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt and HYPHENATED.search(line) and nxt[0][:1].islower():
                out.append((line[:-1], start, start + len(line) - 1))
                continue
            out.append((line, start, start + len(line)))
            if nxt:
                out.append((" ", start + len(line), nxt[1]))
        return out


class PdfReader:
    def read(self, data: bytes) -> ReadDocument:
        if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
            raise BadDocument("not a PDF file (no %PDF header)")
        doc, pages = _open(data)
        builder = SpanBuilder()
        images = 0
        for number, (boxes, page_images) in enumerate(pages, start=1):
            images += page_images
            page_offset = 0
            for box in boxes:
                if builder.length:
                    builder.add_gap("\n\n")
                for piece, start, end in box.pieces():
                    builder.add(piece, page_offset + start, page_offset + end, unit=number)
                page_offset += len(box.text) + 2  # boxes are joined by a blank line
        text = builder.text()
        if not text.strip():
            if images:
                raise BadDocument(
                    "no text layer (a scanned or image-only PDF): run OCR first, e.g. "
                    "ocrmypdf in.pdf out.pdf, and ingest the result"
                )
            raise BadDocument("the PDF has no text on any page")
        meta = _meta(doc, len(pages))
        return ReadDocument(text + "\n", meta, OffsetMap("page", tuple(builder.spans)))


def _open(data: bytes) -> tuple[Any, list[tuple[list[Box], int]]]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    try:
        parser = PDFParser(io.BytesIO(data))
        doc = PDFDocument(parser, password="")
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        pages = []
        for page in PDFPage.create_pages(doc):
            interpreter.process_page(page)
            pages.append(_boxes(device.get_result()))
    except PDFPasswordIncorrect:
        raise BadDocument(
            "password-protected PDF: save an unprotected copy (e.g. qpdf --decrypt "
            "--password=… in.pdf out.pdf) and ingest that"
        ) from None
    except PDFEncryptionError as exc:
        raise BadDocument(f"encrypted PDF that cannot be opened ({exc})") from None
    except PSException as exc:
        raise BadDocument(f"broken PDF, cannot be read ({exc or type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - a parser on untrusted bytes: any failure is the file's
        raise BadDocument(f"broken PDF, cannot be read ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise BadDocument("the PDF has no pages")
    return doc, pages


def _boxes(layout: Any) -> tuple[list[Box], int]:
    """The page's text boxes in reading order, and how many images it shows."""
    from pdfminer.layout import LTFigure, LTImage, LTTextBox

    boxes: list[Box] = []
    images = 0
    for item in layout:
        if isinstance(item, LTTextBox):
            text = item.get_text().strip()
            if text:
                boxes.append(Box(item.x0, item.x1, layout.height - item.y1, text))
        elif isinstance(item, LTImage | LTFigure):
            images += 1
    return reading_order(boxes, layout.width), images


def reading_order(boxes: list[Box], width: float) -> list[Box]:
    spanning = sorted((b for b in boxes if b.x1 - b.x0 > SPANNING * width), key=lambda b: b.top)
    rest = [b for b in boxes if b.x1 - b.x0 <= SPANNING * width]
    ordered: list[Box] = []
    upper = float("-inf")
    for cut in [*spanning, None]:
        lower = cut.top if cut is not None else float("inf")
        band = [b for b in rest if upper <= b.top < lower]
        ordered.extend(_by_columns(band))
        if cut is not None:
            ordered.append(cut)
            upper = cut.top
    return ordered


def _by_columns(boxes: list[Box]) -> list[Box]:
    """Boxes whose horizontal extents overlap form a column; columns left to right."""
    columns: list[list[Box]] = []
    right = float("-inf")
    for box in sorted(boxes, key=lambda b: b.x0):
        if columns and box.x0 < right:
            columns[-1].append(box)
            right = max(right, box.x1)
        else:
            columns.append([box])
            right = box.x1
    return [b for col in columns for b in sorted(col, key=lambda b: b.top)]


def _meta(doc: Any, pages: int) -> DocumentMeta:
    from pdfminer.pdftypes import resolve1

    info: dict[str, Any] = {}
    for entry in getattr(doc, "info", []) or []:
        info.update(resolve1(entry) or {})
    lang = resolve1(doc.catalog.get("Lang")) if isinstance(doc.catalog, dict) else None
    return DocumentMeta(
        title=_string(info.get("Title")),
        author=_string(info.get("Author")),
        date=_pdf_date(_string(info.get("CreationDate"))),
        language=_string(lang),
        pages=pages,
    )


def _string(value: Any) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    elif isinstance(value, PSLiteral):
        value = str(value.name)
    return value.strip() or None if isinstance(value, str) else None


def _pdf_date(value: str | None) -> str | None:
    """PDF dates look like D:20240315120000+01'00'."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value or "")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
