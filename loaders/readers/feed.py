"""RSS and Atom feed files: one article per entry.

Full text comes from `content:encoded` / Atom `content` when the entry
carries it, else from the summary; its HTML is reduced to paragraphs, and a
title given as HTML to plain text. Links resolve against the feed's own
link; an entry without a web link of its own (none, the home page, or one
other entries share) is identified by its guid. The language is the entry's
own (`dc:language`, `xml:lang`), else the feed's (`<language>`). A feed cut
off inside an entry (a truncated download) rejects that entry as incomplete.
"""
from __future__ import annotations

import codecs
import re
import xml.sax
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html

from ..identity import guid_id, identity_url, stable_id
from .bylines import split_names
from .dates import date_problem, iso_date
from .files import EMPTY_FILE, MAX_FEED_BYTES, TooLarge, read_bytes
from ..languages import primary_language

_EMAIL_WITH_NAME = re.compile(r"\S+@\S+\s*\((?P<name>[^()]+)\)")


def read(path: Path, reference: datetime):
    try:
        data = read_bytes(path, MAX_FEED_BYTES)
    except TooLarge:  # read no further than the limit: a gzipped feed may unpack to gigabytes
        yield str(path), None, (f"feed larger than {MAX_FEED_BYTES // 2**20} MB (uncompressed), the most one "
                                f"feed may hold: not read; split it into smaller feeds")
        return
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        yield str(path), None, f"{EMPTY_FILE}: no RSS or Atom feed"
        return
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield str(path), None, f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}"
        return
    if not parsed.entries:
        yield str(path), None, "feed has no entries"
        return
    outlet = _plain_title(parsed.feed)
    base = parsed.feed.get("link") or ""
    language = parsed.feed.get("language")
    shared = _shared_links(parsed.entries, base)
    cut_off = len(parsed.entries) if _ends_inside_an_entry(parsed, data) else None
    outcomes, sources = [], set()
    for number, entry in enumerate(parsed.entries, start=1):
        source = f"{path}#{entry.get('id') or entry.get('link') or number}"
        if source in sources:  # a guid given twice: tell the two apart in the rejects file and the summary
            source = f"{source} (entry {number})"
        sources.add(source)
        if number == cut_off:
            outcome = source, None, (f"the feed is cut off inside this entry ({parsed.bozo_exception}): "
                                     f"what was read of it may be incomplete; load the whole feed again")
        else:
            try:
                outcome = source, _article(entry, outlet, base, reference, shared, language), None
            except (UnreadableDate, MarkupTooDeep) as error:
                outcome = source, None, str(error)
        outcomes.append((outcome, _recency(entry)))
    yield from _newest_last(outcomes)


def _recency(entry) -> tuple:
    """When the entry was last changed, as far as it says: for ordering copies of one entry."""
    # dict.get: the entry's own keys (feedparser's get maps a missing `updated` to `published`, and warns)
    times = [tuple(t)[:6] for t in (dict.get(entry, "updated_parsed"), dict.get(entry, "published_parsed")) if t]
    return (1, max(times)) if times else (0, ())


def _newest_last(outcomes: list[tuple]):
    """The outcomes in feed order, but the newest copy of an entry listed more than once after the others.

    A feed may list an updated story above its first version, with one guid
    and link: the load keeps the copy it reads last, so the older version
    replaced the update in the index. Copies with no date to tell them apart
    keep the first listed, as feeds put the newest first.
    """
    copies: dict[str, list[int]] = defaultdict(list)
    for index, ((_source, article, _error), _when) in enumerate(outcomes):
        if article is not None and (key := _identity(article)):
            copies[key].append(index)
    moved: dict[int, int] = {}  # the last copy's index -> the newest copy's
    for indexes in copies.values():
        newest = max(indexes, key=lambda index: (outcomes[index][1], -index))
        if len(indexes) > 1 and newest != indexes[-1]:
            moved[indexes[-1]] = newest
    skipped = set(moved.values())
    for index, (outcome, _when) in enumerate(outcomes):
        if index not in skipped:
            yield outcome
        if index in moved:
            yield outcomes[moved[index]][0]


def _identity(article: dict) -> str | None:
    try:
        return stable_id(article)
    except ValueError:  # a malformed URL: rejected later with the reason
        return None


#: An entry's start and end tags, with or without a namespace prefix (`<atom:entry>`).
_ENTRY_START = re.compile(rb"<(?P<tag>(?:[\w.-]+:)?(?:item|entry))(?=[\s/>])[^>]*?(?P<empty>/?)>")


def _ends_inside_an_entry(parsed, data: bytes) -> bool:
    """Whether the XML breaks off before its last entry's end tag (a truncated download).

    feedparser reads what it can of a broken feed and hands over the entry it
    was reading when the text ran out: its summary without the full text cut
    off after it, or a title and nothing else. Indexed, it looked complete, and
    a reader of the archive got a story's first lines as the story.
    """
    if not (parsed.bozo and isinstance(parsed.get("bozo_exception"), xml.sax.SAXParseException)):
        return False
    last = None
    for last in _ENTRY_START.finditer(data):
        pass
    if last is None or last["empty"]:
        return False
    end = re.compile(rb"</" + re.escape(last["tag"]) + rb"\s*>")
    return end.search(data, last.end()) is None


class UnreadableDate(ValueError):
    """An entry's date is written but is no date: rejected, as in JSON, not guessed."""


def _shared_links(entries, base: str) -> set[str]:
    """Links that are no entry's own address: the feed's home page, and a link
    several different entries (other guids or titles) are given.

    Some feeds give every item the site's or a section's address. Taken as
    each entry's URL, it gave them all one id: of four notices, a load kept
    the last of each link and counted the rest 'updated', without a word.
    """
    seen: dict[str, set] = defaultdict(set)
    for entry in entries:
        if url := _web_link(entry.get("link"), base):
            seen[_link_key(url)].add(entry.get("id") or entry.get("title"))
    shared = {link for link, entries_there in seen.items() if len(entries_there) > 1}
    return shared | {_link_key(base)} if base else shared


def _link_key(url: str) -> str:
    """A link as ids read it: `http://`, `https://` and `//host` name one page."""
    try:
        return identity_url(url)
    except ValueError:  # a malformed port: the article is rejected with it later
        return url


def _article(entry, outlet: str | None, base: str, reference: datetime, shared: set[str] = frozenset(),
             feed_language: str | None = None) -> dict:
    html, detail = "", None
    if entry.get("content"):
        detail = max(entry.content, key=lambda c: len(c.get("value") or ""))
        html = detail.get("value") or ""
    if not html.strip():
        html, detail = entry.get("summary") or "", entry.get("summary_detail")
    language = _language_tag(entry, detail, feed_language)
    article = {
        "url": _web_link(entry.get("link"), base),
        "outlet": outlet,
        "headline": _plain_title(entry),
        "body": paragraphs_from_html(html),
        "authors": _authors(entry),
        # An Atom category's label is its name; its term may be an address (a tag page's URL).
        "tags": [tag for t in entry.get("tags") or [] if (tag := t.get("label") or t.get("term"))],
        "language": primary_language(language),
        "dateline": {"published_at": _published(entry, reference, language)},
    }
    guid = (entry.get("id") or "").strip()
    if article["url"] is not None and _link_key(article["url"]) in shared:
        if guid and _link_key(guid) not in shared:
            article["id"] = guid_id(outlet, guid)  # the link stays, to be followed
        else:
            article["url"] = None  # not its address: identified by headline and day instead
    elif article["url"] is None and guid:
        article["id"] = guid_id(outlet, guid)
    return article


def _language_tag(entry, detail, feed_language: str | None) -> str | None:
    """The entry's `dc:language`, else the `xml:lang` of its text or title, else the feed's, as written.

    Ignored, every entry of a French feed was stored as English (the default),
    and `language=fr` found none of it. Stored is its primary subtag (`fr`);
    the whole tag (`en-GB`, `en-US`) says how its numeric dates are written.
    """
    for value in (entry.get("language"), (detail or {}).get("language"),
                  (entry.get("title_detail") or {}).get("language"), feed_language):
        if primary_language(value):
            return value.strip()
    return None


def _published(entry, reference: datetime, language: str | None = None) -> str | None:
    """The entry's date as written, read like a JSON date.

    feedparser's parsed date is not used: it rolls an impossible date over
    (2025-13-45 becomes 2026-01-01) and gives up on forms it does not know
    ("11/04/2025 14h54"), where the written text can still be read. The
    language decides which of 04/03/2025's readings is meant.
    """
    written = entry.get("published") or entry.get("updated")
    if not written:
        return None
    published = iso_date(written, reference, language)
    if published is None:
        raise UnreadableDate(date_problem(written, reference, language))
    return published


def _web_link(link: str | None, base: str) -> str | None:
    """The entry's link resolved against the feed's, when it is a web address.

    feedparser hands an RSS `<link>/relative/path</link>` over as written and
    takes an Atom entry's `urn:` id for its link when it has none; neither
    is a URL a reader can open.
    """
    if not link or not link.strip():
        return None
    url = urljoin(base, link.strip())
    return url if urlsplit(url).scheme.lower() in ("http", "https") and urlsplit(url).netloc else None


def _plain_title(entry) -> str | None:
    """A title given as HTML (Atom `type="html"`, RSS CDATA markup) as its text.

    The feed's own title too, which names the outlet: 'Civic &lt;Observer&gt;'
    was stored as the outlet's name, escapes and all.
    """
    title = entry.get("title")
    detail = entry.get("title_detail") or {}
    if not title or "html" not in (detail.get("type") or "") or not re.search(r"[<&]", title):
        return title
    try:
        text = lxml.html.fragment_fromstring(title, create_parent="div").text_content()
    except (ValueError, lxml.etree.ParserError):
        return title
    return " ".join(text.split())


def _authors(entry) -> list[str]:
    """RSS writes `email (Name)`, which feedparser splits wrongly: read it ourselves."""
    raw = (entry.get("author") or "").strip()
    if match := _EMAIL_WITH_NAME.fullmatch(raw):
        return [match["name"].strip()]
    names = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
    if not names and raw:
        names = [raw]
    return [name for n in names if "@" not in n for name in split_names(n)]


#: Why a text given as HTML nested past the parser's depth limit is rejected:
#: libxml2 reads 256 levels and drops what lies deeper without an error, so
#: the article would be indexed without the text inside them.
TOO_DEEP_TEXT = ("the text's HTML nests its markup more than 256 elements deep, deeper than the reader reads, "
                 "so part of it would be lost; give the text as plain paragraphs instead")


class MarkupTooDeep(ValueError):
    """A JSON reader rejects the item with it (a ValueError), a feed reader the entry."""


def paragraphs_from_html(html: str) -> list[str]:
    """The paragraphs of an HTML fragment, every word of its text in order.

    Each block (`<p>`, `<div>`, `<li>`, a heading, a table row, ...) is a
    paragraph, and so is text between blocks; a line break starts one too,
    but inside a paragraph (`<p>One<br>two</p>` is "One two"). Scripts,
    styles, navigation and asides are no text. Only `<p>`, `<li>` and a few
    other tags were read when the fragment had any: the text beside them (a
    `<div>`, a heading, a table, a sentence after the last `<p>`) was lost
    without a word, and without them a script's code was indexed and blocks
    ran together ("textDiv").
    """
    if not html.strip():
        return []
    parser = lxml.html.HTMLParser()  # one per text: a parser keeps its text's error log
    try:
        body = lxml.html.document_fromstring(f"<html><body>{html}</body></html>", parser=parser).body
    except (ValueError, lxml.etree.ParserError):
        return [html.strip()]
    if any(error.type_name == "ERR_RESOURCE_LIMIT" and "depth" in error.message for error in parser.error_log):
        raise MarkupTooDeep(TOO_DEEP_TEXT)
    if body is None:
        return [html.strip()]
    return _Paragraphs().read(body)


#: Elements whose content is no text of the article (navigation and asides as
#: the page reader drops them: related links, pull quotes repeating the text).
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
                       "head", "title", "button", "select", "option", "textarea", "nav", "aside"})
#: Elements that stand apart from the text around them: each starts a paragraph.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot",
    "thead", "tr", "ul"})
#: Blocks holding one paragraph: a line break inside one separates words, not paragraphs.
_PARAGRAPH_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote",
                             "figcaption", "caption", "td", "th"})
#: Inline parts whose text must not run into their neighbours'.
_SEPARATED_TAGS = frozenset({"td", "th"})


class _Paragraphs:
    def __init__(self):
        self.paragraphs: list[str] = []
        self.pieces: list[str] = []

    def read(self, body) -> list[str]:
        self._text(body.text, breaks=True)
        for child in body:
            self._walk(child, in_block=False, in_paragraph=False)
            self._text(child.tail, breaks=True)
        self._flush()
        return self.paragraphs

    def _walk(self, node, in_block: bool, in_paragraph: bool) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else None  # a comment's tag is no string
        if tag is None or tag in _NOT_TEXT:
            return
        if tag == "br":
            if in_paragraph:
                self.pieces.append(" ")
            else:
                self._flush()
            return
        block = tag in _BLOCK_TAGS
        if block:
            self._flush()
        elif tag in _SEPARATED_TAGS:
            self.pieces.append(" ")
        paragraph = tag in _PARAGRAPH_TAGS if block else (in_paragraph or tag in _PARAGRAPH_TAGS)
        in_block = in_block or block
        # Outside any block a line end ends a paragraph, as in text given without markup.
        self._text(node.text, breaks=not in_block)
        for child in node:
            self._walk(child, in_block, paragraph)
            self._text(child.tail, breaks=not in_block)
        if block:
            self._flush()
        elif tag in _SEPARATED_TAGS:
            self.pieces.append(" ")

    def _text(self, text: str | None, breaks: bool) -> None:
        if not text:
            return
        if not breaks or "\n" not in text:
            self.pieces.append(text)
            return
        first, *lines = text.split("\n")
        self.pieces.append(first)
        for line in lines:
            self._flush()
            self.pieces.append(line)

    def _flush(self) -> None:
        if text := " ".join("".join(self.pieces).split()):
            self.paragraphs.append(text)
        self.pieces.clear()
