"""How much of what trafilatura extracts the HTML reader recovers with markup offsets, and
what the mapping costs over trafilatura alone. Pages are written here, in the shapes news
and blog sites use (no network). Run: PYTHONPATH=. .venv/bin/python bench/html_mapping.py

Columns: trafilatura's text (characters, its lines without line breaks), how many of those
the reader's offset-mapped text accounts for, the share, the characters the reader drops
as page furniture though trafilatura kept them, and the time of a whole read against
trafilatura.extract alone (median of 5).
"""

from __future__ import annotations

import statistics
import time

from graph.readers.html import HtmlReader, select_main
from graph.readers.html_tokens import tokenize
from tests.readers.fixtures import AD, ARTICLE_PARAGRAPHS, news_page

LONG = " ".join(ARTICLE_PARAGRAPHS)


def blog_page() -> str:
    """No <article>: a WordPress-like entry with <br><br> breaks, links and emphasis."""
    body = "<br><br>\n".join(
        f'{p[:40]}<a href="/x">{p[40:70]}</a><em>{p[70:90]}</em>{p[90:]}'
        for p in ARTICLE_PARAGRAPHS
    )
    return (
        "<html><head><title>Energy blog</title></head><body><div id='sidebar'><ul>"
        "<li>Archives</li><li>Categories</li></ul></div><div class='entry-content'>"
        f"<h1>Putin and Maduro</h1>{body}</div><div class='comments'><p>First!</p></div>"
        "</body></html>"
    )


def list_page() -> str:
    """An explainer: a lead paragraph, a bulleted list, a quote."""
    items = "".join(f"<li>{p}</li>" for p in ARTICLE_PARAGRAPHS)
    return (
        "<html><body><nav><a href='/'>Home</a></nav><main><article><h1>Five things</h1>"
        f"<p>{LONG}</p><ul>{items}</ul><blockquote><p>{ARTICLE_PARAGRAPHS[0]}</p></blockquote>"
        "</article></main><footer>© Example</footer></body></html>"
    )


def inline_ad_page() -> str:
    """An advert inside a paragraph, the hardest case for block-level mapping."""
    p0, p1 = ARTICLE_PARAGRAPHS[0], ARTICLE_PARAGRAPHS[1]
    return (
        "<html><body><article><h1>Talks</h1>"
        f"<p>{p0} <span class='ad'>{AD}</span> {p1}</p><p>{ARTICLE_PARAGRAPHS[2]}</p>"
        "</article></body></html>"
    )


PAGES = {
    "news site": news_page,
    "blog entry": blog_page,
    "list and quote": list_page,
    "ad inside a paragraph": inline_ad_page,
}


def median_time(fn, repeat: int = 9) -> float:  # noqa: ANN001
    fn()  # warm up: trafilatura and lxml set themselves up on the first call
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    import trafilatura

    print(
        "| page | trafilatura chars | in mapped blocks | share | of them not shown (furniture) "
        "| read | trafilatura alone | ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, make in PAGES.items():
        source = make()
        blocks, _ = tokenize(source)
        sel = select_main(source, blocks)
        # trafilatura's characters the reader leaves out: unmatched lines (whole furniture
        # blocks) and furniture inside kept paragraphs
        inline = sum(len(p.text.strip()) for b in sel.blocks for p in b.pieces if p.furniture)
        not_shown = sel.extracted_chars - sel.matched_chars + inline
        t_read = median_time(lambda s=source: HtmlReader().read(s.encode()))
        t_traf = median_time(lambda s=source: trafilatura.extract(s, favor_precision=True))
        print(
            f"| {name} | {sel.extracted_chars} | {sel.matched_chars} | {sel.coverage:.0%} | "
            f"{not_shown} | {t_read * 1000:.1f} ms | {t_traf * 1000:.1f} ms | "
            f"{t_read / t_traf:.2f}× |"
        )


if __name__ == "__main__":
    main()
