"""Saved article pages: main text, headline, authors and date by trafilatura.

trafilatura strips navigation, related links and footers; the publication
time comes from `article:published_time` when the page has it (trafilatura
keeps only the day).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import lxml.html
import trafilatura

from .dates import iso_date
from .files import read_bytes

_TIME_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//time[@datetime]/@datetime",
)


def read(path: Path, reference: datetime):
    page = read_bytes(path).decode("utf-8", errors="replace")
    article, error = parse(page, reference)
    yield str(path), article, error


def parse(page: str, reference: datetime, url: str | None = None) -> tuple[dict | None, str | None]:
    if not page.strip():
        return None, "empty HTML page"
    result = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                         favor_precision=True)
    if result is None or not (result.text or "").strip():
        return None, "no article text found in the HTML page"
    published = _published_time(page) or result.date
    authors = [a.strip() for a in (result.author or "").split(";") if a.strip()]
    body = [line for line in result.text.split("\n") if line.strip()]
    while body and result.title and _same_text(body[0], result.title):
        body.pop(0)  # trafilatura keeps the <h1> as the first line
    return {
        "url": result.url or url,
        "outlet": result.sitename,
        "headline": result.title,
        "body": body,
        "authors": authors,
        "language": result.language,
        "tags": [t for t in (result.tags or []) if t] if isinstance(result.tags, list) else [],
        "section": (result.categories[0] if isinstance(result.categories, list) and result.categories else None),
        "dateline": {"published_at": iso_date(published, reference) if published else None},
    }, None


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _published_time(page: str) -> str | None:
    try:
        tree = lxml.html.fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return None
    for expression in _TIME_META:
        values = tree.xpath(expression)
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return None
