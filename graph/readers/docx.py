"""Word (.docx): the body's paragraphs, each mapped back to its index among the document's
paragraphs; title, author, date and language from the core properties Word keeps."""

from __future__ import annotations

import io
import zipfile

from graph.readers.base import BadDocument, DocumentMeta, OffsetMap, ReadDocument, SpanBuilder


class DocxReader:
    def read(self, data: bytes) -> ReadDocument:
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError

        if not data.startswith(b"PK"):
            raise BadDocument(
                "not a Word .docx file (an old .doc? save it as .docx from Word or LibreOffice)"
            )
        try:
            document = Document(io.BytesIO(data))
        except (PackageNotFoundError, zipfile.BadZipFile) as exc:
            raise BadDocument(f"broken .docx file, cannot be read ({exc})") from None
        except Exception as exc:  # noqa: BLE001 - bad XML or parts inside: the file's fault
            raise BadDocument(
                f"broken .docx file, cannot be read ({type(exc).__name__}: {exc})"
            ) from None
        builder = SpanBuilder()
        for index, paragraph in enumerate(document.paragraphs):
            text = paragraph.text.replace("\n", " ").replace("\t", " ")
            if not text.strip():
                continue
            if builder.length:
                builder.add_gap("\n\n")
            builder.add(text, 0, len(text), unit=index)
        if not builder.length:
            raise BadDocument("the Word document has no text in its paragraphs")
        props = document.core_properties
        created = props.created or props.modified
        meta = DocumentMeta(
            title=(props.title or "").strip() or None,
            author=(props.author or "").strip() or None,
            date=created.date().isoformat() if created else None,
            language=(props.language or "").strip() or None,
        )
        return ReadDocument(
            builder.text() + "\n", meta, OffsetMap("paragraph", tuple(builder.spans))
        )
