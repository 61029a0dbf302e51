"""Bearer tokens: the API key for write requests (`NEWS_INDEX_API_KEY`); `/metrics` checks its own token the same way."""
from __future__ import annotations

import functools
import hmac

from flask import request
from flask_smorest import abort

from .resources import config


def bearer_matches(expected: str) -> bool:
    """Whether the request sends `Authorization: Bearer <expected>` (compared in constant time)."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), expected.encode())


def require_api_key(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        expected = config().api_key
        if not expected:
            abort(403, message="Writes are disabled: set NEWS_INDEX_API_KEY to enable them.")
        if not bearer_matches(expected):
            abort(401, message="Send 'Authorization: Bearer <NEWS_INDEX_API_KEY>' to write.",
                  headers={"WWW-Authenticate": "Bearer"})
        return view(*args, **kwargs)

    return wrapper
