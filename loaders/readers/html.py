"""Saved article pages: main text, headline, authors and date by trafilatura.

trafilatura strips navigation, related links and footers; the publication
time comes from `article:published_time` or the JSON-LD article's
`datePublished` when the page has one (trafilatura keeps only the day).
The bytes are decoded as the page says (BOM, then its declared charset),
and its `<html lang>` gives the article's language.
A page of several stories gives one article each; a 404 page, a server's
or bot check's page, a redirect or a page of links gives none (page_kinds.py).
"""
from __future__ import annotations

import codecs
import json
import re
from datetime import datetime
from pathlib import Path

import lxml.html
import trafilatura
from trafilatura.utils import decode_file

from ..extract.dateline import DATELINE_CLOCK_SKEW
from .dates import iso_date
from .files import EMPTY_FILE, MAX_ARTICLE_BYTES, TooLarge, read_bytes
from ..languages import primary_language
from .page_kinds import NEVER_ARTICLE, error_page, index_page, redirect_page, redirect_target, separate_stories

#: Where a page states its article's publication time, most trusted first;
#: JSON-LD (`_JSON_LD`) comes after the first two.
_TIME_META = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//time[@datetime]/@datetime",
)
_JSON_LD = "//script[translate(normalize-space(@type), 'JSONLD', 'jsonld')='application/ld+json']"
#: schema.org types of an article (`NewsArticle`, `ReportageNewsArticle`, ... end in "Article").
_ARTICLE_TYPES = ("BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "Report")


#: Where a page declares its encoding: `<meta charset>`, the http-equiv
#: Content-Type, or an XML declaration. Browsers look in the first 1024 bytes.
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE)
#: Labels the HTML standard decodes as windows-1252, a superset (curly quotes
#: in 0x80-0x9f that pages labelled Latin-1 really hold).
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819",
                 "iso-ir-100", "iso_8859-1", "windows-1252", "cp1252"}


def read(path: Path, reference: datetime):
    try:
        page = decode_page(read_bytes(path, MAX_ARTICLE_BYTES))
    except TooLarge as error:
        yield str(path), None, str(error)
        return
    if not page.strip():  # said as every reader says it; parse()'s "empty HTML page" is for a posted page
        yield str(path), None, f"{EMPTY_FILE}: no HTML"
        return
    try:
        tree = _tree(page)
    except PageTooDeep as error:
        yield str(path), None, str(error)
        return
    stories = separate_stories(tree) if tree is not None else []
    if not stories:  # the tree is one story's, parsed once: parse() takes it as it is
        yield (str(path), *parse(page, reference, tree=tree))
    for number, (story, url) in enumerate(stories, start=1):
        yield (f"{path}#{number}", *parse(story, reference, url))


def decode_page(data: bytes) -> str:
    """Text of a saved page: by its BOM, else as UTF-8 when it is UTF-8, else
    by its declared charset, else a guess.

    A page saved from the web keeps the encoding it was served in, so
    decoding everything as UTF-8 turned a Latin-1 "Réforme" into "R\ufffdforme".
    But a page re-saved as UTF-8 often keeps its old `charset=iso-8859-1`,
    which made "Zürich" "ZÃ¼rich": text in a single-byte charset with any
    letter beyond ASCII is almost never valid UTF-8, so valid UTF-8 wins.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    if not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared := _DECLARED_CHARSET.search(data[:1024]):
        label = (declared.group(1) or declared.group(2)).decode("ascii").lower()
        try:
            encoding = "cp1252" if label in _WINDOWS_1252 else codecs.lookup(label).name
            if encoding not in ("utf-16-le", "utf-16-be", "utf-16"):  # a declaration read as ASCII can't be UTF-16
                return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong label: guess instead
    return decode_file(data)  # UTF-8 when valid, else detected, else UTF-8 with replacements


def parse(page: str, reference: datetime, url: str | None = None,
          tree=None) -> tuple[dict | None, str | None]:
    """`tree`: the page already parsed by lxml (it is pruned here), else parsed from `page`."""
    if not page.strip():
        return None, "empty HTML page"
    try:
        tree = _tree(page) if tree is None else tree
    except PageTooDeep as error:
        return None, str(error)
    published = language = page_title = redirect = None
    if tree is not None:  # read before trafilatura, which prunes the tree it is given
        language = _page_language(tree)
        published = _published_time(tree, reference, language)
        page_title, redirect = tree.findtext(".//title"), redirect_target(tree)
        for node in tree.xpath(NEVER_ARTICLE):
            if node.getparent() is not None:
                node.drop_tree()
        if links := index_page(tree):
            return None, links
    result = trafilatura.bare_extraction(tree if tree is not None else page, url=url, with_metadata=True,
                                         include_comments=False, favor_precision=True,
                                         date_extraction_params=_date_search(reference))
    if result is None or not (result.text or "").strip():
        return None, "no article text found in the HTML page"
    published = published or (iso_date(result.date, reference, language) if result.date else None)
    authors = [a.strip() for a in (result.author or "").split(";") if a.strip()]
    body = [line for line in result.text.split("\n") if line.strip()]
    while body and result.title and _same_text(body[0], result.title):
        body.pop(0)  # trafilatura keeps the <h1> as the first line
    if error := error_page([result.title, page_title], body) or redirect_page(redirect, body):
        return None, error
    return {
        "url": result.url or url,
        "outlet": result.sitename,
        "headline": result.title,
        "body": body,
        "authors": authors,
        "language": result.language or primary_language(language),
        "tags": [t for t in (result.tags or []) if t] if isinstance(result.tags, list) else [],
        "section": (result.categories[0] if isinstance(result.categories, list) and result.categories else None),
        "dateline": {"published_at": published},
    }, None


def _date_search(reference: datetime) -> dict:
    """htmldate's search for a date in the page's markup, its URL and the text
    next to it ("Published 7 March 2024"), not in the story's words.

    Its extensive search took any year in the text: "the ships enter service
    in 2026" or a teaser list's "2024" gave an article, an index page or a
    404 page the date 2026-01-01 or 2024-01-01, and its latest date allowed
    was today's, not the page's reference date.
    """
    latest = reference.replace(tzinfo=None) + DATELINE_CLOCK_SKEW
    return {"extensive_search": False, "original_date": True, "max_date": latest.strftime("%Y-%m-%d")}


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


#: Why a page nested past the parser's depth limit is rejected. libxml2 reads
#: markup 256 elements deep by default (2,048 with `huge_tree`) and drops what
#: lies deeper without an error: a page of 260 nested `<div>`s lost its whole
#: text and was rejected as having none.
TOO_DEEP_PAGE = ("the page nests its markup more than 2,048 elements deep, deeper than the HTML parser reads, "
                 "so its text could not be read; give the article's text as JSON or plain text instead")


class PageTooDeep(ValueError):
    pass


def _tree(page: str):
    """The page's tree; None when lxml cannot parse it at all (trafilatura then tries)."""
    parser = lxml.html.HTMLParser(huge_tree=True)  # one per page: a parser keeps its page's error log
    try:
        tree = lxml.html.fromstring(page, parser=parser)
    except (ValueError, lxml.etree.ParserError):
        return None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" and "depth" in error.message for error in parser.error_log):
        raise PageTooDeep(TOO_DEEP_PAGE)
    return tree


def _published_time(tree, reference: datetime, language: str | None = None) -> str | None:
    """The publication time the page states (ISO 8601), the first that reads as a date.

    trafilatura keeps only the day, so a page whose time is in its JSON-LD
    alone (`"datePublished": "2025-03-04T08:15:00-05:00"`, as many sites
    give it) was stored at midnight of the day, its time and zone lost.
    `language` (the page's, see _page_language) orders a date in numbers, as
    for JSON and feeds: without it, 04/03/2025 read as no date here, and
    htmldate, which knows no language, then took it day first even on an
    en-US page.
    """
    for value in _time_values(tree):
        if (published := iso_date(value, reference, language)) is not None:
            return published
    return None


def _time_values(tree):
    for number, expression in enumerate(_TIME_META):
        if number == 2:
            yield from _json_ld_dates(tree)
        if values := [str(value).strip() for value in tree.xpath(expression)]:
            if values[0]:
                yield values[0]


def _json_ld_dates(tree):
    """`datePublished` of the articles described in the page's JSON-LD."""
    for script in tree.xpath(_JSON_LD):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for node in _json_ld_nodes(data):
            if _is_article(node.get("@type")) and isinstance(node.get("datePublished"), str):
                yield node["datePublished"].strip()


def _json_ld_nodes(data, depth: int = 0):
    """The objects of a JSON-LD block: itself, a list's items, an `@graph`'s members."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_nodes(data["@graph"], depth + 1)


def _is_article(kind) -> bool:
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and (k.endswith("Article") or k in _ARTICLE_TYPES)
               for k in (k.rsplit("/", 1)[-1] if isinstance(k, str) else k for k in kinds))


def _page_language(tree) -> str | None:
    """`<html lang>` as written (`en-GB`); stored as its primary subtag (`en`), but the
    region tells how the page writes a date in numbers: en-GB 04/03/2025 is 4 March."""
    root = tree.getroottree().getroot()
    for value in (root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang"),
                  *root.xpath("//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')"
                              "='content-language']/@content")):
        if primary_language(value):
            return value.strip()
    return None
