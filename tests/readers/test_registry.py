"""The registry: built-ins registered like any addition, one reader per extension, each
with its own size limit, overridable by settings."""

from __future__ import annotations

import pytest

from graph.readers import READERS, BadDocument, Limits, ReaderRegistry, ReaderSpec, TooLarge
from graph.readers.text import TextReader

from .fixtures import news_page


def test_builtins_cover_the_formats_users_bring() -> None:
    assert [s.name for s in READERS.specs()] == ["text", "markdown", "html", "pdf", "docx"]
    for name, reader in [
        ("a.TXT", "text"),
        ("b.md", "markdown"),
        ("c.htm", "html"),
        ("d.pdf", "pdf"),
        ("e.docx", "docx"),
        ("noext", "text"),
    ]:
        spec = READERS.for_name(name)
        assert spec is not None and spec.name == reader, name
    assert READERS.for_name("x.xlsx") is None
    assert READERS.for_media_type("application/pdf; charset=binary").name == "pdf"  # type: ignore[union-attr]


def test_an_addition_is_one_register_call_and_clashes_are_refused() -> None:
    registry = ReaderRegistry()
    registry.register(ReaderSpec("text", "plain", (".txt",), ("text/plain",), TextReader()))
    registry.register(ReaderSpec("log", "log files", (".log",), ("text/x-log",), TextReader()))
    spec, read = registry.read("server.log", b"Putin spoke.", Limits(100))
    assert spec.name == "log" and read.text == "Putin spoke."
    with pytest.raises(ValueError, match="clashes"):
        registry.register(ReaderSpec("other", "x", (".log",), (), TextReader()))


def test_each_reader_has_its_own_limit_and_the_message_names_the_setting() -> None:
    page = news_page().encode("utf-8")
    limits = Limits(default=100)  # the text limit does not apply to HTML (10 MB of its own)
    assert READERS.read("story.html", page, limits)[0].name == "html"
    with pytest.raises(TooLarge, match="ACTORGRAPH_MAX_DOCUMENT_BYTES"):
        READERS.read("story.txt", page, limits)
    with pytest.raises(TooLarge, match="ACTORGRAPH_READER_MAX_BYTES"):
        READERS.read("story.html", page, Limits(100, {"html": 1000}))
    assert READERS.largest_limit(Limits(100, {"pdf": 10**9})) == 10**9


def test_unknown_types_and_text_errors_keep_todays_messages() -> None:
    with pytest.raises(BadDocument, match=r"unsupported file type \.xlsx; .*\.pdf"):
        READERS.read("sheet.xlsx", b"x", Limits(100))
    with pytest.raises(BadDocument, match="not UTF-8 text .*iconv"):
        READERS.read("latin.txt", "Hernández".encode("latin-1"), Limits(100))
    with pytest.raises(BadDocument, match="binary file"):
        READERS.read("x.md", b"\x00abc", Limits(100))
