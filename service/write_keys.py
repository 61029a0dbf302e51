"""Which bearer token a request sends, for the write check (api/auth.py) and the rate limit's buckets.

`NEWS_INDEX_API_KEY` is the write key; while keys are rotated,
`NEWS_INDEX_API_KEY_PREVIOUS` is taken beside it, so clients move to the
new key one by one with no window where either side is refused.
"""
from __future__ import annotations

import hmac

from flask import request

from .config import Config


#: Characters below which a key is one a guesser may find (the README's example `change-me` is 9).
STRONG_KEY_LENGTH = 20


def weak_keys(settings: Config) -> list[str]:
    """A warning for each configured key short enough to guess, logged at start."""
    keys = (("NEWS_INDEX_API_KEY", settings.api_key), ("NEWS_INDEX_API_KEY_PREVIOUS", settings.previous_api_key),
            ("NEWS_INDEX_METRICS_TOKEN", settings.metrics_token))
    return [f"{name} is {len(key)} characters: one a guesser may find. Use {STRONG_KEY_LENGTH} or more random "
            "ones: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            for name, key in keys if key and len(key) < STRONG_KEY_LENGTH]


def bearer_token() -> str | None:
    """The token of `Authorization: Bearer <token>`, else None."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return given.strip() if scheme.lower() == "bearer" else None


def write_key_sent(settings: Config) -> str | None:
    """Which write key the request sends: "current", "previous" (a rotation under way), else None.

    Both are compared, in constant time, whichever matches: how long the check
    takes tells nothing of which key a guess came near.
    """
    given = bearer_token()
    if given is None or not settings.api_key:
        return None
    current = hmac.compare_digest(given.encode(), settings.api_key.encode())
    previous = bool(settings.previous_api_key) and hmac.compare_digest(
        given.encode(), (settings.previous_api_key or "").encode())
    return "current" if current else "previous" if previous else None
