"""Web pages: the article's text without the page's furniture, the page's own metadata,
and for every stretch of the text its character range in the markup.

Which blocks are the article is trafilatura's decision (a maintained main-text extractor);
its output has no offsets, so the text itself is rebuilt from the page's own blocks
(graph/readers/html_tokens.py), keeping those whose text trafilatura kept. Blocks inside
navigation, cookie banners, ads, comments and related links are never kept, whatever it says.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from graph.extract.normalise import normalise_text
from graph.readers.base import BadDocument, OffsetMap, ReadDocument, SpanBuilder
from graph.readers.html_meta import page_meta
from graph.readers.html_tokens import Block, normalized_pieces, tokenize

CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
BULLET = re.compile(r"^[-*•]\s+")
# a block this long found inside trafilatura's text is the same paragraph, split differently
MIN_SUBSTRING_MATCH = 40


@dataclass(frozen=True)
class Selection:
    blocks: list[Block]
    extracted_chars: int  # what trafilatura returned
    matched_chars: int  # how much of it the kept blocks account for

    @property
    def coverage(self) -> float:
        return self.matched_chars / self.extracted_chars if self.extracted_chars else 0.0


def decode_html(data: bytes) -> str:
    if not data.strip():
        raise BadDocument("empty")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if b"\x00" in data[:8192]:
        raise BadDocument("binary file (contains NUL bytes), not a web page")
    m = CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else None
    if declared:
        try:
            return data.decode(codecs.lookup(declared).name)
        except LookupError:
            pass  # an unknown charset name: try UTF-8 below
        except UnicodeDecodeError as exc:
            raise BadDocument(
                f"the page says charset={declared} but byte 0x{data[exc.start]:02x} at offset "
                f"{exc.start} is not {declared}; save the page again from the browser"
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # what browsers assume without a charset


def select_main(source: str, blocks: list[Block]) -> Selection:
    import trafilatura

    extracted = (
        trafilatura.extract(
            source,
            output_format="txt",
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            deduplicate=False,
        )
        or ""
    )
    # both sides compared as the text will be kept (NFC, no invisible characters), which
    # trafilatura's output may not be: else a paragraph with a zero-width space or a
    # combining accent in it would never match and be dropped from the document
    lines = [
        BULLET.sub("", re.sub(r"\s+", " ", normalise_text(ln)).strip())
        for ln in extracted.splitlines()
    ]
    line_set = {ln for ln in lines if ln}
    joined = " ".join(lines)
    kept: list[Block] = []
    for block in blocks:
        text = normalise_text(block.plain())
        if block.furniture:
            continue
        if text in line_set or (len(text) >= MIN_SUBSTRING_MATCH and text in joined):
            kept.append(block)
    if kept:
        first = kept[0].index
        heads = [b for b in blocks if b.tag == "h1" and b.index < first and not b.furniture]
        kept = heads[-1:] + kept  # the headline names the story's actors too
    matched = sum(len(b.plain()) for b in kept if normalise_text(b.plain()) in joined)
    return Selection(kept, sum(len(ln) for ln in lines), matched)


class HtmlReader:
    def read(self, data: bytes) -> ReadDocument:
        source = decode_html(data)
        blocks, tags = tokenize(source)
        if not blocks:
            raise BadDocument(
                "no text in the page (is it built by JavaScript? save the article's text)"
            )
        selection = select_main(source, blocks)
        if not selection.blocks:
            raise BadDocument(
                "no article text found in the page (an index or login page?); "
                "save the article itself, or its text as .txt"
            )
        builder = SpanBuilder()
        for i, block in enumerate(selection.blocks):
            if i:
                builder.add_gap("\n\n")
            for piece in normalized_pieces(block):
                builder.add(piece.text, piece.start, piece.end)
        headline = selection.blocks[0].plain() if selection.blocks[0].tag == "h1" else None
        return ReadDocument(
            text=builder.text() + "\n",
            meta=page_meta(tags, headline),
            offsets=OffsetMap("markup", tuple(builder.spans)),
        )
