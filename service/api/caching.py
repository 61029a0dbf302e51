"""Conditional GET for what a client polls: an ETag, and 304 while it is current.

A newsroom app that polls an article (or a batch, its attribution, a
statement's occurrences, the sources list) sends back the ETag it was given
in `If-None-Match` and gets a bodiless 304 until the answer changes.
"""
from __future__ import annotations

import functools

from flask import make_response, request

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
            response.make_conditional(request)
        return response

    return wrapper
