"""Jinja filters of the pages: dates people read, and links that are only
ever http(s) (an article's `url` is data, never a `javascript:` link)."""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from flask import Blueprint
from markupsafe import Markup

from ..backends.base import HIGHLIGHT_TAGS
from ..backends.cursors import MAX_RELEVANCE_WINDOW
from .markup import parse_time


def day(value: str | None) -> str:
    moment = parse_time(value)
    return f"{moment.day} {moment:%b %Y}" if moment else ""


def day_time(value: str | None) -> str:
    moment = parse_time(value)
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC" if moment else ""


def iso(value: str | None) -> str:
    moment = parse_time(value)
    return moment.isoformat() if moment else ""


def http_url(value: str | None) -> str | None:
    """`value` when it is an http(s) link to a host; else None (not linked)."""
    host = link_host(value)
    return str(value) if host and urlsplit(str(value)).scheme.lower() in ("http", "https") else None


#: A host name as a browser writes it: letters, digits, `-`, `_` and dots.
_ASCII_HOST = re.compile(r"[a-z0-9_.-]+")
#: Letters Python's IDNA 2003 codec maps away (ß to "ss") where browsers keep
#: them (UTS 46 nontransitional): a host holding one is another host to each.
_IDNA_DEVIATIONS = re.compile("[\u00df\u03c2\u200c\u200d]")


def link_host(value: str | None) -> str:
    """The host a link leads to, as a reader should judge it: without the
    user part (`https://www.reuters.com@evil.example/` goes to evil.example)
    or the port; "" when there is none or the URL cannot be read.

    Read as the browser reads the link, not as Python does: a backslash ends
    the host as a slash does (`https://evil.example\\@www.reuters.com/` goes
    to evil.example, where urlsplit read www.reuters.com), `%72` is an `r`,
    and a name in other letters is shown in the ASCII form the browser
    resolves (`xn--ruters-3of.com`), so a Cyrillic look-alike of reuters.com
    does not read as reuters.com. A host no browser could go to is ""."""
    text = str(value or "").replace("\\", "/")  # only http(s) is linked, where it is a slash
    try:
        host = unquote(urlsplit(text).hostname or "")
    except ValueError:  # a malformed IPv6 host
        return ""
    if ":" in host:  # an IPv6 address, which urlsplit checked
        return host
    if _IDNA_DEVIATIONS.search(host.lower()):  # faß.de: fass.de to Python, xn--fa-hia.de to a browser
        return ""
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:  # an empty or overlong label
        return ""
    return host if _ASCII_HOST.fullmatch(host) else ""


def title_text(value: str | None, limit: int = 60) -> str:
    """User text (a query, a quote) for a page's <title>: cut at a word near
    `limit` characters (a tab shows far fewer, a history list some), and
    isolated (FSI ... PDI) so right-to-left text or a stray direction mark in
    it cannot reorder the rest of the title."""
    text = " ".join(str(value or "").split())
    if len(text) > limit:
        cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[1:limit + 1] else text[:limit]
        text = cut.rstrip(" ,;:.") + "…"
    return f"\u2068{text}\u2069" if text else ""


_LINE_BREAK = re.compile(r"\r\n?|\n")


def one_line(value: str | None) -> str:
    """A value for a one-line box: each line break a space. A browser drops
    line breaks from such a box's value, so a link's `q=oil%0Aprices`, searched
    as "oil prices", showed "oilprices", and sent again found nothing; the
    query language and the name filters read a line break as a space."""
    return _LINE_BREAK.sub(" ", str(value or ""))


#: The marks that set the direction of all the text after them until one
#: closes them: embeddings, overrides and isolates.
_DIRECTION_SCOPES = str.maketrans(dict.fromkeys("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def message_text(value: str | None) -> str:
    """An error message for the page, without direction marks that have a
    scope. Our sentences hold none; one that came with what it quotes from
    the URL (`/?q=oil&q=%E2%80%AEgas`, `/article/%E2%80%AEx`) turned the rest
    of the sentence backwards, "...queries, “oil”, “sag ,”…"."""
    return str(value or "").translate(_DIRECTION_SCOPES)


def marks(value: str | None) -> Markup:
    """A highlight from the API (escaped text, matches in `<em>`) for a page:
    the matches in `<mark>`, which is what they are. Screen readers announce a
    mark as highlighted; an `<em>` (stress) they left unsaid, or called
    emphasis, as though the article had stressed the words. The API's own
    `<em>` tags are the only markup in it (`service/backends/highlight.py`)."""
    opening, closing = HIGHLIGHT_TAGS
    return Markup(str(value or "").replace(opening, "<mark>").replace(closing, "</mark>"))


#: Languages written right to left (primary subtag of the article's `language`).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr",
                           "ug", "ur", "yi"})


def text_dir(language: str | None) -> str:
    """`dir` for text in `language`: rtl or ltr when it is known, else auto
    (the browser then goes by the text's first strong character)."""
    primary = str(language or "").strip().replace("_", "-").split("-", 1)[0].casefold()
    if not primary.isalpha():
        return "auto"
    return "rtl" if primary in RTL_LANGUAGES else "ltr"


def lang_attrs(language: str | None, by_text: bool = False) -> Markup:
    """` lang="ar" dir="rtl"` for an element holding an article's own text;
    ` dir="auto"` when its language is not known. `by_text`: the direction
    from the text itself (` lang="en" dir="auto"`), for a quote shown where
    it used to be so, as an article posted without a language is "en"
    whatever its script."""
    primary = str(language or "").strip().replace("_", "-")
    direction = text_dir(primary)
    if direction == "auto":
        return Markup(' dir="auto"')
    return Markup(' lang="{}" dir="{}"').format(primary, "auto" if by_text else direction)


#: What the pages call each source kind: the same words, capitalised as labels
#: are, on the checkboxes, the facet links and the active-filter chips (the
#: facets once said "organisation" beside an "Organisation" box, and the chips
#: the API's "organization"); the kind badges beside a name show them lower case.
KIND_LABELS = {"person": "Person", "organization": "Organisation", "outlet": "Outlet", "anonymous": "Anonymous"}


def register_filters(bp: Blueprint) -> None:
    for name, function in (("day", day), ("day_time", day_time), ("iso", iso), ("http_url", http_url),
                           ("host", link_host), ("title_text", title_text),
                           ("message", message_text), ("one_line", one_line), ("marks", marks)):
        bp.add_app_template_filter(function, "web_" + name)
    bp.add_app_template_global(KIND_LABELS, "web_kind_labels")
    bp.add_app_template_global(lang_attrs, "web_lang")
    bp.add_app_template_global(MAX_RELEVANCE_WINDOW, "web_relevance_window")
