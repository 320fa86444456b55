"""Plain text and Markdown: UTF-8 (a BOM is allowed), the text is the original."""

from __future__ import annotations

from graph.extract.normalise import normalise_text
from graph.readers.base import BadDocument, ReadDocument


def decode_text(data: bytes) -> str:
    """Bytes → text, or BadDocument with the reason a user can act on."""
    if not data.strip():
        raise BadDocument("empty")
    nul = data.find(b"\x00")
    if nul >= 0:  # anywhere, not only at the start: no store or export format holds a NUL
        raise BadDocument(f"binary file (a NUL byte at offset {nul}), not text")
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
    # NFC, no zero-width or bidi controls: the stored text is this one, offsets point into it
    text = normalise_text(text)
    if not text.strip():
        raise BadDocument("empty (only invisible characters)")
    return text


class TextReader:
    """Today's reader: the cleaner (graph/extract/clean.py) finds title, byline and
    furniture in the text itself."""

    def read(self, data: bytes) -> ReadDocument:
        return ReadDocument(decode_text(data))
