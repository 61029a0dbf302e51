"""JSON (one article, a list, or an object wrapping a list) and JSONL (one article per line).

Field names other archives use are mapped to ours (`title` → headline,
`text`/`content` → body, `published`/`date` → dateline.published_at, ...).
Fields our articles do not have (`image`, `summary`, a CMS's own ids) are
left out and named in the load's summary: an archive export carries many,
and refusing its every article for them would load nothing.
"""
from __future__ import annotations

import codecs
import io
import json
import re
import sys
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from service.schemas.article import ARTICLE_FIELDS, DATELINE_FIELDS, MENTION_FIELDS, QUOTE_FIELDS, SOURCE_FIELDS

from ..identity import ID_PATTERN, guid_id
from .bylines import split_names
from .dates import date_problem, iso_date
from .feed import paragraphs_from_html
from .files import (EMPTY_FILE, MAX_ARTICLE_BYTES, TOO_LONG, UTF16_BOMS, TooLarge, bounded_lines, open_binary,
                    read_text, too_large)
from .jsonlist import read_list, starts_json_lines, streams

_ALIASES = {
    "headline": ("headline", "title"),
    # A JSON Feed item gives `content_text`, `content_html` or both (its spec asks for one).
    "body": ("body", "text", "content", "paragraphs", "content_text", "content_html"),
    "url": ("url", "link", "canonical_url"),
    "authors": ("authors", "author", "byline"),
    "outlet": ("outlet", "publisher", "site_name", "source_name"),
    "tags": ("tags", "keywords"),
    "section": ("section", "category"),
}
#: The json module recurses once per nesting level: input nested deeper than
#: the interpreter's stack (no article is) is refused instead of crashing.
TOO_DEEP = "invalid JSON: nested too deeply"
#: The most a gzipped JSON file read whole may unpack to. A list, an object or
#: JSON Lines unpacking past 16 MB is read item by item instead (jsonlist.py),
#: so what this bounds is a file that opens with neither "[" nor "{" in its
#: first 4 KB (blank space, garbage). Unbounded, a 300 KB gzipped file of
#: 300 MB of blank space held 670 MB.
MAX_GZIPPED_JSON_BYTES = 256 * 1024 * 1024
_DIGITS = re.compile(r"value has (\d+) digits")


def too_long_number(error: ValueError) -> str | None:
    """What is wrong when `error` is Python's refusal of a number too long to read, else None.

    Python reads no integer of more than `sys.get_int_max_str_digits()` digits (4,300), and
    json raises a plain ValueError for one, not a JSONDecodeError: taken for the whole file's
    error, it cost a JSONL file every line after it, unread and unnamed.
    """
    if isinstance(error, json.JSONDecodeError) or "integer string conversion" not in str(error):
        return None
    found = _DIGITS.search(str(error))
    return (f"a number of {found.group(1) if found else 'too many'} digits; "
            f"at most {sys.get_int_max_str_digits()} can be read")
_DATE_KEYS = ("published_at", "published", "date", "pubDate", "datePublished", "publishedAt",
              "date_published")
#: Keys under which an object holding a list of articles keeps them (`_envelope`).
_ENVELOPES = ("articles", "items", "data", "results", "entries", "documents", "docs", "stories", "news")


def read(path: Path, reference: datetime):
    if streams(path):  # a large list or object: item by item, in constant memory (jsonlist.py)
        if starts_json_lines(path):
            yield from read_lines(path, reference)
            return
        yield from read_list(path, lambda item: _article(item, reference), TOO_DEEP, too_long_number,
                             lambda key, members: _envelope_list(key, members, reference),
                             lambda data: _records_of(path, data, reference))
        return
    gzipped = path.suffix.lower() == ".gz"
    try:  # a gzipped file may unpack to gigabytes: read no more than the limit
        text = read_text(path, MAX_GZIPPED_JSON_BYTES if gzipped else None)
    except TooLarge:
        yield str(path), None, (f"gzipped JSON larger than {MAX_GZIPPED_JSON_BYTES // 2**20} MB uncompressed, the most "
                                f"a JSON file that is no list may hold: not read; write the articles as a JSON list "
                                f"or as JSON Lines (.jsonl.gz), which are read one article at a time")
        return
    if not text.strip():
        yield str(path), None, f"{EMPTY_FILE}: no JSON"
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if _json_lines(text, error):
            yield from read_lines(path, reference)
            return
        where = f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        items = _items_before_the_break(text)
        for number, item in enumerate(items, start=1):
            yield (f"{path}#{number}", *_article(item, reference))
        if items:
            yield (f"{path}#{len(items) + 1}", None,
                   f"{where}: the JSON list breaks off after its article {len(items)}, so the articles from "
                   f"here on were not read; fix or complete the file and load it again")
        else:
            yield str(path), None, where
        return
    except RecursionError:
        yield str(path), None, TOO_DEEP
        return
    except ValueError as error:
        if (problem := too_long_number(error)) is None:
            raise
        yield str(path), None, f"invalid JSON: {problem}"
        return
    yield from _records_of(path, data, reference)


def _records_of(path: Path, data, reference: datetime):
    """The records of a JSON document read whole: a list, an envelope, or one article."""
    envelope = _envelope(data)
    items = data if isinstance(data, list) else data[envelope] if envelope else [data]
    if _json_feed(data):
        items = [_feed_item(item, data.get("title")) for item in items]
    if not items:
        yield str(path), None, (f"no articles: the {envelope!r} list is empty" if envelope
                                else "no articles: the JSON list is empty")
    for number, item in enumerate(items, start=1):
        source = f"{path}#{number}" if isinstance(data, list) or envelope else str(path)
        yield (source, *_article(item, reference))


def _envelope_list(key: str, members: dict, reference: datetime):
    """How a large object's list under `key` is read item by item, when it is the article
    list of an envelope (`_envelope`), judged by the members before it: a large export's
    list is read as it comes, so the first such list is the one, and a body given after
    it no longer makes the object one article."""
    if key not in _ENVELOPES or any(members.get(alias) for alias in _ALIASES["body"]):
        return None
    if _json_feed(members):
        return (lambda item: _article(_feed_item(item, members.get("title")), reference)), f"the {key!r} list"
    return (lambda item: _article(item, reference)), f"the {key!r} list"


_DECODER = json.JSONDecoder()
_BLANK = re.compile(r"[ \t\n\r]*")


def _items_before_the_break(text: str) -> list:
    """The complete items of a JSON list that breaks off or goes wrong part way; [] if it is no list.

    An export cut short (an interrupted download, a full disk) is a list
    whose end is missing: read as one document, the file was one rejection
    and every complete article before the break was lost with it, where a
    feed cut off keeps the entries before the cut, and JSON Lines its lines.
    """
    position = _BLANK.match(text).end()
    if not text.startswith("[", position):
        return []
    items: list = []
    position = _BLANK.match(text, position + 1).end()
    while True:
        try:
            item, position = _DECODER.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError):
            return items
        items.append(item)
        position = _BLANK.match(text, position).end()
        if not text.startswith(",", position):
            return items
        position = _BLANK.match(text, position + 1).end()


def _json_lines(text: str, error: json.JSONDecodeError) -> bool:
    """Whether `text` is JSON Lines, though named `.json`: its first line one object,
    the next value starting on a line of its own.

    Exports (BigQuery, Elasticsearch dumps, many scripts) write JSON Lines under
    `.json`: read as one JSON document, such a file was one rejection, "Extra
    data (line 2, column 1)", and the load counted one input where it held hundreds.
    """
    if error.msg != "Extra data" or not text[error.pos:].startswith("{"):
        return False
    first = text[:error.pos].rstrip()
    between = text[len(first):error.pos]
    return first.lstrip().startswith("{") and ("\n" in between or "\r" in between)


def _json_feed(data) -> bool:
    return isinstance(data, dict) and str(data.get("version") or "").startswith("https://jsonfeed.org/version/")


def _feed_item(item, feed_title) -> dict:
    """A JSON Feed item as an RSS entry is read: the feed's title its outlet, and
    an `id` that can be no article id identifying it within its feed.

    The feed's title (the publication) was in no article: every item was
    stored without an outlet, where the same feed as RSS gives it. The spec
    lets an item's id be any text, a URL most often: taken as the article's
    id, it failed the id rule ("no '/'") and the item was rejected. Such an
    item is known by its url, else by the id within its feed, as an RSS entry
    by its guid (`guid_id`). An id that passes the rule is kept: items loaded
    before hold it. The outlet is given only to an item with an id or a url (as the
    spec asks of every item), whose id it cannot change.
    """
    if not isinstance(item, dict):
        return item
    item = dict(item)
    linked = item.get("id") is not None or any(item.get(key) for key in _ALIASES["url"])
    if linked and isinstance(feed_title, str) and feed_title.strip() \
            and not any(item.get(key) for key in _ALIASES["outlet"]):
        item["outlet"] = feed_title  # not where the id would hash it (no id, no url): it would change
    if item.get("id") is None or ID_PATTERN.match(str(item["id"])):
        return item
    guid = str(item.pop("id"))
    if not any(item.get(key) for key in _ALIASES["url"]):
        item["id"] = guid_id(feed_title if isinstance(feed_title, str) else None, guid)
    return item


def _envelope(data) -> str | None:
    """The key of the article list an API response or export wraps in an object.

    NewsAPI answers `{"status": "ok", "articles": [...]}`, many CMS exports
    `{"items": [...]}` or `{"data": [...]}`, a JSON Feed a `title` and
    `items`: read as one article, such a file was rejected whole as having no
    headline and no body. An object with a body is an article, whatever else it holds.
    """
    if not isinstance(data, dict) or any(data.get(key) for key in _ALIASES["body"]):
        return None
    return next((key for key in _ENVELOPES if isinstance(data.get(key), list)), None)


def read_lines(path: Path, reference: datetime):
    """One record per non-blank line; each line is decoded on its own, so an
    invalid UTF-8 byte rejects its line and the lines around it still load."""
    empty = True
    with open_binary(path) as handle:
        lines = bounded_lines(handle.readline, MAX_ARTICLE_BYTES)
        if handle.peek(2)[:2] in UTF16_BOMS:
            # Decoded as the mark says, then each line encoded back: the loop reads UTF-8 lines.
            text = io.TextIOWrapper(handle, encoding="utf-16", newline="\n")
            lines = (line if line is TOO_LONG else line.encode("utf-8")
                     for line in bounded_lines(text.readline, MAX_ARTICLE_BYTES // 2))
        for number, raw in enumerate(_line_ends_of_every_kind(lines), start=1):
            if raw is TOO_LONG:
                empty = False
                yield f"{path}:{number}", None, too_large(f"line {number}", MAX_ARTICLE_BYTES)
                continue
            if raw.startswith(codecs.BOM_UTF8):
                # Not only the first line's: `cat a.jsonl b.jsonl` keeps b's mark at its first line.
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            empty = False
            source = f"{path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                yield source, None, (f"line {number} is not valid UTF-8: byte 0x{raw[error.start]:02x} "
                                     f"at column {error.start + 1}")
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                yield source, None, f"invalid JSON on line {number}: {error.msg} (column {error.colno})"
                continue
            except RecursionError:
                yield source, None, f"{TOO_DEEP} on line {number}"
                continue
            except ValueError as error:
                if (problem := too_long_number(error)) is None:
                    raise
                yield source, None, f"invalid JSON on line {number}: {problem}"
                continue
            yield (source, *_article(item, reference))
    if empty:
        yield str(path), None, f"{EMPTY_FILE}: no JSON lines"


def _line_ends_of_every_kind(lines):
    """`lines` (split at LF) split at a lone CR too, as classic Mac OS and some
    exports end lines, and as the wire reader reads them.

    Split at LF only, such a file was one line: its every article was one
    rejection, "invalid JSON on line 1: Extra data", and the load counted one
    input read where there were hundreds. JSON holds a raw CR only as blank
    space between tokens, never inside a string, so no one-line object is cut.
    """
    for line in lines:
        if line is TOO_LONG:
            yield line
            continue
        ended = line.rstrip(b"\r\n")
        if b"\r" not in ended:
            yield line
            continue
        yield from ended.split(b"\r")


def _article(item, reference: datetime) -> tuple[dict | None, str | None, tuple[str, ...]]:
    """(article, None, fields left out) or (None, reason, ())."""
    if not isinstance(item, dict):
        return None, f"expected a JSON object, found {type(item).__name__}", ()
    try:
        article = from_mapping(item, reference)
    except ValueError as error:
        return None, str(error), ()
    return article, None, unknown_fields(article)


def unknown_fields(article: dict) -> tuple[str, ...]:
    """Removes the fields no article has from `article` (mapped names and
    `dateline` fields kept); returns their names, `dateline.x` for a dateline's."""
    unknown = [name for name in article if name not in ARTICLE_FIELDS]
    for name in unknown:
        del article[name]
    dateline = article.get("dateline")
    if isinstance(dateline, dict):
        unknown += _left_out(dateline, DATELINE_FIELDS, "dateline")
    # A quote's or source's own fields too (a tool's `confidence`, a `role`): the
    # schema refuses them, so left in they cost the whole article.
    for quote in _objects(article.get("quotes")):
        unknown += _left_out(quote, QUOTE_FIELDS, "quotes")
    for source in _objects(article.get("sources")):
        unknown += _left_out(source, SOURCE_FIELDS, "sources")
        for mention in _objects(source.get("mentions")):
            unknown += _left_out(mention, MENTION_FIELDS, "sources.mentions")
    return tuple(dict.fromkeys(unknown))


def _objects(items) -> list[dict]:
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _left_out(item: dict, known: frozenset[str], where: str) -> list[str]:
    """Removes the fields of `item` not in `known`; returns their names under `where`."""
    names = [name for name in item if name not in known]
    for name in names:
        del item[name]
    return [f"{where}.{name}" for name in names]


def from_mapping(item: dict, reference: datetime) -> dict:
    aliases = _all_aliases()
    article = {key: value for key, value in item.items() if key not in aliases}
    for name, keys in _ALIASES.items():
        for key in keys:
            if item.get(key) not in (None, "", []):
                article[name] = item[key]
                break
    article["headline"], article["body"] = _plain_headline(article.get("headline")), _plain_body(article.get("body"))
    if isinstance(article.get("outlet"), dict):
        article["outlet"] = article["outlet"].get("name")
    if not article.get("outlet") and _named_object(item.get("source")):
        # NewsAPI's outlet: `"source": {"id": "bbc-news", "name": "BBC News"}`. Left out as a field
        # articles lack, the outlet of every article of a NewsAPI answer was lost.
        article["outlet"] = article.pop("source")["name"]
    authors = article.get("authors")
    if isinstance(authors, dict):
        article["authors"] = [authors.get("name")]
    elif isinstance(authors, list):
        article["authors"] = [a.get("name") if isinstance(a, dict) else a for a in authors]
    elif isinstance(authors, str):  # one string naming them all: "Kari Dahl and Ole Berg"
        article["authors"] = split_names(authors)
    if isinstance(article.get("tags"), str):
        # schema.org's and many CMSs' keywords: one string, commas between ("flood, storm, council")
        article["tags"] = [tag.strip() for tag in article["tags"].split(",") if tag.strip()]
    dateline = dict(item["dateline"]) if isinstance(item.get("dateline"), dict) else {}
    if isinstance(item.get("dateline"), str):
        dateline["raw"] = item["dateline"]
    published = dateline.get("published_at") or next(
        (item[k] for k in _DATE_KEYS if item.get(k)), None)
    if published is not None:
        # The article's language says which of 04/03/2025's readings is meant.
        parsed = iso_date(published, reference, item.get("language"))
        if parsed is None:
            raise ValueError(date_problem(published, reference, item.get("language")))
        dateline["published_at"] = parsed
    article["dateline"] = dateline
    return article


#: A tag or an escape that only HTML holds: a CMS export's body (`<p>..</p>`,
#: WordPress's content) or headline (`Smith &amp; Sons`, `<em>`). "a < b" is no
#: tag, and neither is wire copy's company or ticker in angle brackets ("<B and R
#: International Inc>", "<P.W. Stephens>", "<TD>"): a tag without attributes counts
#: in lower case only, and each attribute has a value. Script, style, iframe
#: and img count too: a body whose only markup is a tracking `<script>` was
#: stored with the tag and its code, searchable and shown in snippets. A bare
#: `<img>` (no `src`, so no image) is prose about HTML ("use an <img> tag"): only
#: an img with attributes counts.
_BARE_TAGS = ("p|br|div|span|a|em|strong|b|i|h[1-6]|ul|ol|li|blockquote|figure|figcaption|section|article"
              "|table|tr|td|script|style|iframe|noscript")
_TAGS = f"{_BARE_TAGS}|img"
_HTML = re.compile(
    rf"<(?:{_BARE_TAGS})\s*/?>"
    rf"|</(?i:{_TAGS})\s*>"
    rf"|<(?i:{_TAGS})(?:\s+[\w:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>]+))+\s*/?>"
    r"|&(?i:amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);"
)


def _has_html(text) -> bool:
    """Whether a text holds HTML (`_HTML`). Every match starts with `<` or `&`:
    looking for those first skips the pattern for plain text, a tenth of the
    time on wire copy, read in the load's busiest process."""
    return isinstance(text, str) and ("<" in text or "&" in text) and _HTML.search(text) is not None


def _plain_body(body):
    """A body given as HTML as its paragraphs: stored with its tags, `<p>` and
    `href` were searchable words and showed in every snippet."""
    if _has_html(body):
        return paragraphs_from_html(body)
    if isinstance(body, list) and any(_has_html(part) for part in body):
        return [text for part in body for text in (paragraphs_from_html(part) if _has_html(part) else [part])]
    return body


def _plain_headline(headline):
    if not _has_html(headline):
        return headline
    plain = paragraphs_from_html(headline)
    return " ".join(plain) if plain else headline


def _named_object(value) -> bool:
    """An object with a name in text (`{"id": null, "name": "BBC News"}`), not a
    bare string, which other exports use for a feed's or a wire's own code."""
    return isinstance(value, dict) and isinstance(value.get("name"), str) and bool(value["name"].strip())


@lru_cache(maxsize=1)
def _all_aliases() -> frozenset[str]:
    return frozenset({key for keys in _ALIASES.values() for key in keys} | set(_DATE_KEYS) | {"dateline"})
