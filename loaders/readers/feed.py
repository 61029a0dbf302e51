"""RSS and Atom feed files: one article per entry.

Full text comes from `content:encoded` / Atom `content` when the entry
carries it, else from the summary; its HTML is reduced to paragraphs.
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import feedparser
import lxml.html

from .dates import iso_date
from .files import read_bytes

_EMAIL_WITH_NAME = re.compile(r"\S+@\S+\s*\((?P<name>[^()]+)\)")
_BLOCKS = "//p|//li|//h2|//h3|//h4|//blockquote[not(.//p)]"


def read(path: Path, reference: datetime):
    parsed = feedparser.parse(read_bytes(path))
    if parsed.bozo and not parsed.entries:
        yield str(path), None, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}"
        return
    if not parsed.entries:
        yield str(path), None, "feed has no entries"
        return
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        source = f"{path}#{entry.get('id') or entry.get('link') or number}"
        yield source, _article(entry, outlet, reference), None


def _article(entry, outlet: str | None, reference: datetime) -> dict:
    html = ""
    if entry.get("content"):
        html = max((c.get("value") or "" for c in entry.content), key=len)
    if not html.strip():
        html = entry.get("summary") or ""
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    authors = _authors(entry)
    return {
        "url": entry.get("link"),
        "outlet": outlet,
        "headline": entry.get("title"),
        "body": paragraphs_from_html(html),
        "authors": authors,
        "tags": [t.get("term") for t in entry.get("tags") or [] if t.get("term")],
        "dateline": {"published_at": iso_date(when, reference) if when else None},
    }


def _authors(entry) -> list[str]:
    """RSS writes `email (Name)`, which feedparser splits wrongly: read it ourselves."""
    raw = (entry.get("author") or "").strip()
    if match := _EMAIL_WITH_NAME.fullmatch(raw):
        return [match["name"].strip()]
    names = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    if not names and raw:
        names = [raw]
    return [n for n in names if "@" not in n]


def paragraphs_from_html(html: str) -> list[str]:
    if not html.strip():
        return []
    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except (ValueError, lxml.etree.ParserError):
        return [html.strip()]
    blocks = [" ".join(node.text_content().split()) for node in root.xpath(_BLOCKS)]
    blocks = [b for b in blocks if b]
    if blocks:
        return blocks
    return [line.strip() for line in root.text_content().split("\n") if line.strip()]
