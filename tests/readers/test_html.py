"""A news-site page: the story without the page's furniture, the page's own metadata, and
every stretch of the text traced back to the characters of the markup it came from."""

from __future__ import annotations

import html

import pytest

from graph.readers import BadDocument, ReadDocument
from graph.readers.html import HtmlReader, select_main
from graph.readers.html_tokens import tokenize

from .fixtures import AD, ARTICLE_PARAGRAPHS, COMMENT, COOKIE, NAV, RELATED, news_page


@pytest.fixture(scope="module")
def page() -> tuple[str, ReadDocument]:
    source = news_page()
    return source, HtmlReader().read(source.encode("utf-8"))


def test_the_body_is_the_story_and_nothing_around_it(page: tuple[str, ReadDocument]) -> None:
    _, read = page
    assert read.text.startswith("Putin and Maduro agree on energy deal\n\n")
    for paragraph in ARTICLE_PARAGRAPHS:
        assert html.unescape(paragraph) in read.text
    for furniture in (COMMENT, RELATED, AD, COOKIE, "Share on X", "All rights reserved"):
        assert furniture not in read.text
    assert not any(f"\n{item}\n" in read.text for item in NAV)
    assert "dataLayer" not in read.text and "height" not in read.text  # scripts, styles


def test_metadata_comes_from_the_pages_own_tags(page: tuple[str, ReadDocument]) -> None:
    _, read = page
    meta = read.meta
    assert meta.title == "Putin and Maduro agree on energy deal"  # not the <title>'s site suffix
    assert meta.author == "Anna Kowalska"
    assert meta.publisher == "The Daily Ledger"
    assert meta.date == "2024-03-12"
    assert meta.language == "en-GB"
    assert meta.source_url == "https://ledger.example/world/putin-maduro-energy"


@pytest.mark.parametrize(
    ("word", "markup"),
    [
        ("Vladimir Putin", "Vladimir Putin"),
        ("Rosneft", "Rosneft"),
        ("Nicolás", "Nicolás"),
        ("oil & gas", "oil &amp; gas"),
        ("agree on energy deal", "agree on energy deal"),  # the headline
    ],
)
def test_offsets_map_back_to_the_markup(
    page: tuple[str, ReadDocument], word: str, markup: str
) -> None:
    source, read = page
    start = read.text.index(word)
    place = read.offsets.locate(start, start + len(word))
    assert place is not None
    assert source[place.start : place.end] == markup


def test_every_character_of_the_text_maps_into_the_markup(page: tuple[str, ReadDocument]) -> None:
    """Not a sample: each non-space character of the text is the character (or entity) of
    the markup its place points at."""
    source, read = page
    for i, ch in enumerate(read.text):
        if ch.isspace():
            continue
        place = read.offsets.locate(i, i + 1)
        assert place is not None, (i, ch)
        assert html.unescape(source[place.start : place.end]) == ch, (i, ch)


def test_entities_and_collapsed_whitespace_keep_the_mapping() -> None:
    source = (
        "<html><body><article><h1>Caf&eacute; talks</h1><p>Xi    Jinping\n   met "
        "Lula &#233; da Silva &amp; others in Beijing, state media reported on Monday "
        "evening after the meeting ended.</p></article></body></html>"
    )
    read = HtmlReader().read(source.encode("utf-8"))
    assert "Xi Jinping met Lula é da Silva & others" in read.text
    start = read.text.index("Jinping")
    place = read.offsets.locate(start, start + len("Jinping met Lula"))
    assert place is not None
    assert source[place.start : place.end] == "Jinping\n   met Lula"


def test_trafilatura_choice_is_mapped_to_page_blocks() -> None:
    """How much of what trafilatura keeps is found among the page's blocks: all but the
    inline advert, which the reader drops as furniture whatever trafilatura says."""
    source = news_page()
    blocks, _ = tokenize(source)
    selection = select_main(source, blocks)
    assert selection.extracted_chars > 0
    # trafilatura 2.3 keeps the inline advert; a later one may not: all but at most that maps
    assert selection.matched_chars >= selection.extracted_chars - len(AD)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01<html>", "binary"),
        (b"<html><head><script>app()</script></head><body><nav>Home</nav></body></html>", "no"),
        (
            '<html><meta charset="utf-8"><p>Caf\xe9</p></html>'.encode("latin-1"),
            "charset=utf-8",
        ),
    ],
)
def test_a_broken_page_gets_one_reason(data: bytes, reason: str) -> None:
    with pytest.raises(BadDocument, match=reason):
        HtmlReader().read(data)


def test_a_page_without_a_charset_is_read_as_browsers_do() -> None:
    text = (
        "<html><body><p>Andrés Manuel López Obrador met Joe Biden in Washington.</p></body></html>"
    )
    read = HtmlReader().read(text.encode("cp1252"))
    assert "López Obrador" in read.text


def test_an_advert_inside_a_paragraph_is_left_out_and_the_rest_still_maps() -> None:
    p0, p1 = ARTICLE_PARAGRAPHS[0], html.unescape(ARTICLE_PARAGRAPHS[1])
    source = (
        f"<html><body><article><h1>Talks</h1><p>{p0} <span class='ad'>{AD}</span> "
        f"{ARTICLE_PARAGRAPHS[1]}</p></article></body></html>"
    )
    read = HtmlReader().read(source.encode("utf-8"))
    assert f"{p0} {p1}" in read.text and AD not in read.text
    start = read.text.index("Rosneft")
    place = read.offsets.locate(start, start + len("Rosneft"))
    assert place is not None and source[place.start : place.end] == "Rosneft"


def test_only_a_web_address_is_the_source_url() -> None:
    page = news_page().replace(
        'href="https://ledger.example/world/putin-maduro-energy"', 'href="javascript:alert(1)"'
    )
    read = HtmlReader().read(page.encode("utf-8"))
    assert read.meta.source_url == "https://ledger.example/world/putin-maduro-energy"  # og:url


def test_unclosed_list_items_are_blocks_of_their_own() -> None:
    items = ARTICLE_PARAGRAPHS[:2]
    source = (
        "<html><body><article><h1>Two points</h1><p>"
        f"{ARTICLE_PARAGRAPHS[2]}</p><ul><li>{items[0]}<li>{items[1]}</ul></article>"
        "<ul class='share-links'><li>Share on X<li>Email</ul></body></html>"
    )
    read = HtmlReader().read(source.encode("utf-8"))
    for item in items:
        assert f"\n{html.unescape(item)}\n" in read.text
    assert "Share on X" not in read.text and "Email" not in read.text
