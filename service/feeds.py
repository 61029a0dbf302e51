"""A search, or a quote search, as an Atom feed: a newsroom follows a story in
the feed reader, Slack or Teams channel it already reads.

Pure: given what the search found and the addresses to link, it returns the
feed's bytes; `service/api/feeds.py` runs the search and serves them.
Every entry's id is the service's own page of the article (or the quote in
it), so a reader that polls the feed shows each story once however often it
comes back, and links open where the story is, with its quotes and sources.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from .backends.document import parse_timestamp, published_at

ATOM = "application/atom+xml"
#: Atom requires an `updated` on the feed and on every entry; a feed with no
#: entry, or an entry with no date at all, gets this rather than the time of
#: the request, which would change the feed (and its ETag) on every poll.
NEVER = datetime(1970, 1, 1, tzinfo=timezone.utc)
#: Characters XML 1.0 cannot hold. The loader drops control characters, but an
#: index loaded before it did (or a noncharacter such as U+FFFF, which JSON
#: carries) would make lxml refuse the whole feed: they are dropped here.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The lede shown under a headline when the search had no words to highlight.
LEDE_CHARACTERS = 400
TITLE_CHARACTERS = 120


@dataclass(frozen=True)
class FeedLinks:
    """Where the feed and its entries point, absolute (a feed is read elsewhere)."""

    feed: str                              # this feed, as requested
    page: str                              # the same search on the search page
    article: Callable[[str], str]          # an article's page, by id
    statement: Callable[[str], str]        # a statement's page, by id


def article_feed(title: str, hits: list[dict], articles: dict[str, dict], links: FeedLinks) -> bytes:
    """Newest first, as `hits` come. `articles` holds the hits' articles whole (by id),
    for the lede and the time each was last written; a hit missing there (deleted
    between the search and the fetch) keeps its summary."""
    feed = _feed(title, links)
    newest = NEVER
    for hit in hits:
        article = articles.get(hit["id"], hit)
        written = parse_timestamp(article.get("ingested_at")) or published_at(hit) or NEVER
        newest = max(newest, written)
        entry = feed.add_entry(order="append")
        page = links.article(hit["id"])
        entry.id(page)
        entry.title(_text(hit.get("headline")) or "(no headline)")
        entry.updated(written)
        if published := published_at(hit):
            entry.published(published)
        original = web_url(hit.get("url"))
        entry.link(href=original or page, rel="alternate", type="text/html")
        if original:
            entry.link(href=page, rel="related", type="text/html", title="Quotes and sources")
        for author in _authors(hit):
            entry.author(name=author)
        for term in _categories(hit):
            entry.category(term=term)
        entry.summary(_summary(hit, article), type="html")
    feed.updated(newest)
    return feed.atom_str(pretty=True)


def quote_feed(title: str, hits: list[dict], links: FeedLinks, articles: dict[str, dict] | None = None) -> bytes:
    """One entry a quote, newest article first, linking the article and the
    statement's page (every wording of it, oldest first).

    `articles` holds the quotes' articles (by id) for the time each was last
    written, an entry's `updated` as in the article feed: it was the dateline's
    time, so a corrected quote never told a reader it changed, and an undated
    story's quote said 1970."""
    feed = _feed(title, links)
    newest = NEVER
    for hit in hits:
        story = hit.get("article") or {}
        article_id, _, number = hit["id"].partition("#")
        published = published_at(story)
        written = parse_timestamp((articles or {}).get(article_id, {}).get("ingested_at")) or published or NEVER
        newest = max(newest, written)
        entry = feed.add_entry(order="append")
        page = links.article(article_id) + (f"#{number}" if number else "")
        entry.id(page)
        entry.title(_quote_title(hit))
        entry.updated(written)
        if published:
            entry.published(published)
        entry.link(href=page, rel="alternate", type="text/html")
        if hit.get("statement_id"):
            entry.link(href=links.statement(hit["statement_id"]), rel="related", type="text/html",
                       title="Every wording of this statement")
        if original := web_url(story.get("url")):
            entry.link(href=original, rel="via", type="text/html")
        entry.author(name=_text(hit.get("speaker")) or "Unattributed")
        entry.summary(_quote_summary(hit, story), type="html")
    feed.updated(newest)
    return feed.atom_str(pretty=True)


def web_url(value: str | None) -> str | None:
    """An article's own address when a reader elsewhere can open it: absolute
    http(s) only (a relative url names a page of its outlet's site, and an
    index loaded before schemes were checked may hold a `javascript:` one)."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return _NOT_IRI.sub(lambda found: f"%{ord(found.group()):02X}", value.strip())


#: What an Atom link (an IRI, RFC 3987) cannot hold, and a stored url may: a space (a CMS's
#: `/2025/05/ferry resumes`), quote marks, angle brackets... Percent-encoded, as a browser
#: sends them; letters of other scripts are an IRI's own and stay.
_NOT_IRI = re.compile('[\x00-\x20"<>\\^`{|}\x7f]')


def _feed(title: str, links: FeedLinks) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(links.feed)
    feed.title(_text(title))
    feed.link(href=links.feed, rel="self", type=ATOM)
    feed.link(href=links.page, rel="alternate", type="text/html")
    feed.author(name="News index")  # Atom needs one for entries that name no author
    feed.generator("news-index")
    return feed


def _text(value: str | None) -> str:
    return _NOT_XML.sub("", value or "")


def _authors(hit: dict) -> list[str]:
    """The byline, else the outlet, else the wire agency of the dateline."""
    names = [_text(name) for name in hit.get("authors") or () if _text(name)]
    if names:
        return names
    fallback = _text(hit.get("outlet")) or _text((hit.get("dateline") or {}).get("agency"))
    return [fallback] if fallback else []


def _categories(hit: dict) -> list[str]:
    terms = [hit.get("section"), *(hit.get("tags") or ())]
    return list(dict.fromkeys(term for term in map(_text, filter(None, terms)) if term))


def _summary(hit: dict, article: dict) -> str:
    """What matched (the highlighted fragments, already HTML-safe), else the lede."""
    fragments = (hit.get("highlights") or {}).get("body") or []
    if fragments:
        return _text(" … ".join(fragments))
    body = article.get("body") or []
    return html.escape(_shortened(_text(body[0]), LEDE_CHARACTERS)) if body else ""


def _quote_title(hit: dict) -> str:
    speaker = _text(hit.get("speaker")) or "Unattributed"
    return f"{speaker}: “{_shortened(_text(hit.get('text')), TITLE_CHARACTERS)}”"


def _quote_summary(hit: dict, story: dict) -> str:
    """The quote (its highlighted words, HTML-safe), then who said it and where."""
    said = _text((hit.get("highlights") or {}).get("text")) or html.escape(_text(hit.get("text")))
    who = _text(hit.get("speaker")) or "Unattributed"
    where = ", ".join(filter(None, (_text(story.get("outlet")), _day(published_at(story)))))
    headline = _text(story.get("headline"))
    told = f"{who}, in “{headline}”" if headline else who
    return f"<p>“{said}”</p><p>— {html.escape(told)}{html.escape(f' ({where})') if where else ''}</p>"


def _day(when: datetime | None) -> str:
    return f"{when:%d %B %Y}".lstrip("0") if when else ""


def _shortened(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;:") + "…"
