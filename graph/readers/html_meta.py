"""A web page's metadata from its own tags: JSON-LD (schema.org Article types), Open Graph
and article:* <meta>, the plain <meta name=…>, <title>, <time datetime> and <html lang>."""

from __future__ import annotations

import json
import re
from typing import Any

from graph.readers.base import DocumentMeta
from graph.readers.html_tokens import PageTags

ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "blogposting",
    "report",
    "scholarlyarticle",
    "webpage",
}


def page_meta(tags: PageTags, headline: str | None = None) -> DocumentMeta:
    ld = _article_ld(tags.json_ld)
    m = tags.meta
    title = _first(
        _text(ld.get("headline")), m.get("og:title"), m.get("twitter:title"), tags.title, headline
    )
    author = _first(
        _names(ld.get("author")),
        m.get("author"),
        _not_url(m.get("article:author")),
        _byline(m.get("byl")),
        m.get("dc.creator"),
    )
    publisher = _first(
        _names(ld.get("publisher")), m.get("og:site_name"), m.get("application-name")
    )
    date = _first(
        *(
            _iso_date(v)
            for v in (
                _text(ld.get("datePublished")),
                m.get("article:published_time"),
                m.get("date"),
                m.get("pubdate"),
                m.get("dc.date"),
                m.get("dc.date.issued"),
                _text(ld.get("dateCreated")),
                *tags.times,
            )
        )
    )
    language = _first(
        tags.lang,
        m.get("content-language"),
        _text(ld.get("inLanguage")),
        (m.get("og:locale") or "").replace("_", "-") or None,
    )
    urls = (
        tags.canonical,
        m.get("og:url"),
        _text(ld.get("url")),
        _entity_url(ld.get("mainEntityOfPage")),
    )
    # only a web address: a page can name anything as its own (javascript:, a relative path)
    url = _first(*(u for u in urls if u and u.strip().startswith(("https://", "http://"))))
    return DocumentMeta(
        title=title,
        author=author,
        publisher=publisher,
        date=date,
        language=language,
        source_url=url,
    )


def _article_ld(scripts: list[str]) -> dict[str, Any]:
    """The first schema.org article object in the page's JSON-LD (inside @graph too)."""
    for raw in scripts:
        try:
            data = json.loads(raw)
        except ValueError:
            continue  # a broken JSON-LD block is the page's problem, not a reason to refuse it
        for obj in _objects(data):
            types = obj.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in ARTICLE_TYPES for t in types):
                return obj
    return {}


def _objects(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [o for item in data for o in _objects(item)]
    if isinstance(data, dict):
        return [data, *_objects(data.get("@graph", []))]
    return []


def _first(*values: str | None) -> str | None:
    for v in values:
        if v and v.strip():
            return re.sub(r"\s+", " ", v).strip()
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value:
        return _text(value[0])
    return None


def _names(value: Any) -> str | None:
    """schema.org Person/Organization (or a list of them, or a plain string) → names."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and not name.startswith("http"):
            names.append(name.strip())
    return ", ".join(names) or None


def _not_url(value: str | None) -> str | None:
    return None if value is None or value.startswith(("http://", "https://")) else value


def _byline(value: str | None) -> str | None:
    return re.sub(r"^\s*by\s+", "", value, flags=re.I) if value else None


def _entity_url(value: Any) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("@id") or value.get("url"))
    return _text(value)


def _iso_date(value: str | None) -> str | None:
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
