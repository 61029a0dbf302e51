"""Conditional GET for what a client polls: an ETag, and 304 while it is current.

A newsroom app that polls an article (or a batch, its attribution, a
statement's occurrences, the sources list) sends back the ETag it was given
in `If-None-Match` and gets a bodiless 304 until the answer changes.
"""
from __future__ import annotations

import functools

from flask import make_response, request
from werkzeug.http import http_date

from ..http_dates import date_once_a_second

NOT_MODIFIED = "Not modified: the ETag sent in If-None-Match is still current (no body)"


def conditional(view):
    """The ETag hashes the body itself, not the article's `content_hash`: a
    batch, an attribution or a listing has none, and a stored article holds
    more than its hashed content (`ingested_at`).
    `Cache-Control: no-cache` because any answer may change at the next write:
    a cache may keep it, but must ask again (cheaply, with the ETag) before use."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        response = make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.is_streamed:
            response.add_etag()
            response.headers["Cache-Control"] = "no-cache"
            if _CONDITIONS.isdisjoint(request.environ):
                _unconditional(response)
            else:
                response.make_conditional(request)
        return response

    return wrapper


#: The request headers `make_conditional` reads (werkzeug's Response); without
#: any of them its answer is the response as it is, with a Date.
_CONDITIONS = frozenset({"HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE",
                         "HTTP_IF_UNMODIFIED_SINCE", "HTTP_RANGE", "HTTP_IF_RANGE"})


def _unconditional(response) -> None:
    """What `response.make_conditional(request)` does to a GET or HEAD with no
    condition: a Date header and a Content-Length, each kept if set. Parsing
    and comparing the absent conditions was most of what the ETag cost a
    fetch; tests/api/test_http_semantics.py holds the two paths' answers equal."""
    if request.method not in ("GET", "HEAD"):
        return
    if "date" not in response.headers:
        response.headers["Date"] = _now()
    if response.automatically_set_content_length and "content-length" not in response.headers:
        length = response.calculate_content_length()
        if length is not None:
            response.headers["Content-Length"] = str(length)


#: werkzeug's `http_date()` formatted once a second (held equal to it by
#: tests/api/test_http_semantics.py).
_now = date_once_a_second(http_date)
