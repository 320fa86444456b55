"""HTML → blocks of text runs, each run with its exact character range in the markup.

The standard library's tokenizer reports where every token starts, so each piece of text
the page shows can be traced back to the characters of the markup it came from. Entities
and runs of whitespace are the only places where text and markup differ in length.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "html",
        "title",
    ]
)
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# never read as text: code, styling, and the page's furniture by its element name
HIDDEN_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "title",
        "iframe",
        "object",
        "canvas",
    ]
)
SELF_CLOSING_SIBLINGS = frozenset(["p", "li", "dt", "dd", "tr", "td", "th", "option"])
FURNITURE_TAGS = frozenset(
    ["nav", "footer", "aside", "form", "button", "select", "option", "label", "dialog"]
)
# a page's own classes ("page-related", "has-ads") say nothing about its content
PAGE_TAGS = frozenset(["html", "body", "main", "article"])
WHITESPACE = re.compile(r"\s+|\S+")


@dataclass
class Piece:
    text: str  # as shown (entities decoded)
    start: int  # range in the markup
    end: int
    # inside inline furniture (an advert <span> within a paragraph): matched, never shown
    furniture: bool = False


@dataclass
class Block:
    index: int
    tag: str
    furniture: bool
    pieces: list[Piece] = field(default_factory=list)

    def plain(self) -> str:
        return re.sub(r"\s+", " ", "".join(p.text for p in self.pieces)).strip()


@dataclass
class PageTags:
    """The page's own statements about itself, gathered while tokenizing."""

    meta: dict[str, str] = field(default_factory=dict)
    json_ld: list[str] = field(default_factory=list)
    title: str | None = None
    times: list[str] = field(default_factory=list)
    lang: str | None = None
    canonical: str | None = None


class _Tokenizer(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[tuple[str, bool]] = []  # tag, is furniture
        self.blocks: list[Block] = []
        self.tags = PageTags()
        self._script_type: str | None = None
        self._title_parts: list[str] | None = None
        self._new_block("body")

    # -- positions --
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- structure --
    def _hidden(self) -> bool:
        return any(tag in HIDDEN_TAGS for tag, _ in self.stack)

    def _furniture(self) -> bool:
        return any(furn for _, furn in self.stack)

    def _new_block(self, tag: str) -> None:
        if self.blocks and not self.blocks[-1].pieces:
            self.blocks[-1] = Block(self.blocks[-1].index, tag, self._furniture())
            return
        self.blocks.append(Block(len(self.blocks), tag, self._furniture()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        self._collect(tag, a)
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS:
                self._new_block(tag)
            return
        if tag in SELF_CLOSING_SIBLINGS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()  # <p> closes an open <p>, <li> an open <li>, as browsers do
        furniture = tag in FURNITURE_TAGS or (tag not in PAGE_TAGS and _looks_like_furniture(a))
        self.stack.append((tag, furniture))
        if tag == "script":
            self._script_type = a.get("type", "").lower()
        if tag in BLOCK_TAGS:
            self._new_block(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._collect(tag, {k.lower(): (v or "") for k, v in attrs})
        if tag in BLOCK_TAGS:
            self._new_block(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title_parts is not None:
            self.tags.title = self.tags.title or html.unescape("".join(self._title_parts)).strip()
            self._title_parts = None
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag: browsers ignore it too
        while self.stack:
            top, _ = self.stack.pop()
            if top == tag:
                break
        if tag == "script":
            self._script_type = None
        if tag in BLOCK_TAGS:
            self._new_block(tag)

    # -- text --
    def handle_data(self, data: str) -> None:
        if self._title_parts is not None:
            self._title_parts.append(data)
        if self._script_type == "application/ld+json":
            self.tags.json_ld.append(data)
        if self._hidden():
            return
        start = self._offset()
        inline = self._furniture() and not self.blocks[-1].furniture
        self.blocks[-1].pieces.append(Piece(data, start, start + len(data), inline))

    def _reference(self, raw_prefix: str, name: str) -> None:
        start = self._offset()
        end = start + len(raw_prefix) + len(name)
        if self.source[end : end + 1] == ";":
            end += 1
        raw = self.source[start:end]
        if self._title_parts is not None:
            self._title_parts.append(raw)
        if not self._hidden():
            inline = self._furniture() and not self.blocks[-1].furniture
            self.blocks[-1].pieces.append(Piece(html.unescape(raw), start, end, inline))

    def handle_entityref(self, name: str) -> None:
        self._reference("&", name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#", name)

    # -- the page's statements about itself --
    def _collect(self, tag: str, a: dict[str, str]) -> None:
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if not key and a.get("http-equiv", "").lower() == "content-language":
                key = "content-language"
            if key and a.get("content") and key not in self.tags.meta:
                self.tags.meta[key] = html.unescape(a["content"]).strip()
        elif tag == "html" and a.get("lang"):
            self.tags.lang = a["lang"]
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.tags.canonical = a["href"]
        elif tag == "time" and a.get("datetime"):
            self.tags.times.append(a["datetime"])
        elif tag == "title":
            self._title_parts = []


FURNITURE_WORDS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|cookies?|consent|gdpr|banner|"
    r"ads?|advert\w*|sponsor\w*|promo\w*|newsletter|subscribe|subscription|paywall|share|"
    r"sharing|social|comments?|related|recommended|more-stories|trending|popular|footer|"
    r"sidebar|widget|modal|popup|outbrain|taboola)(?:$|[\s_-])",
    re.I,
)


def _looks_like_furniture(attrs: dict[str, str]) -> bool:
    if attrs.get("role", "").lower() in {"navigation", "banner", "complementary", "contentinfo"}:
        return True
    if attrs.get("aria-hidden", "").lower() == "true" or "hidden" in attrs:
        return True
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
    return bool(FURNITURE_WORDS.search(names))


def tokenize(source: str) -> tuple[list[Block], PageTags]:
    parser = _Tokenizer(source)
    parser.feed(source)
    parser.close()
    return [b for b in parser.blocks if b.plain()], parser.tags


def normalized_pieces(block: Block) -> list[Piece]:
    """The block's text as shown: whitespace runs become one space (mapped to the whole
    run), the ends are trimmed; every piece keeps its markup range."""
    out: list[Piece] = []
    for piece in block.pieces:
        if piece.furniture:
            continue
        if piece.end - piece.start != len(piece.text):  # an entity: one unit
            chunks = [Piece(piece.text, piece.start, piece.end)]
        else:
            chunks = [
                Piece(m.group(0), piece.start + m.start(), piece.start + m.end())
                for m in WHITESPACE.finditer(piece.text)
            ]
        for chunk in chunks:
            if chunk.text.isspace() or chunk.text == "\xa0":
                if out and out[-1].text != " ":
                    out.append(Piece(" ", chunk.start, chunk.end))
                continue
            out.append(chunk)
    while out and out[-1].text == " ":
        out.pop()
    return out
