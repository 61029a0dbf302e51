"""Bearer tokens: the API key for write requests (`NEWS_INDEX_API_KEY`, and while keys are
rotated `NEWS_INDEX_API_KEY_PREVIOUS`); `/metrics` checks its own token the same way."""
from __future__ import annotations

import functools
import hmac
import logging

from flask import request
from flask_smorest import abort

from ..observability import PREVIOUS_KEY_WRITES
from ..write_keys import bearer_token, write_key_sent
from .resources import config

log = logging.getLogger(__name__)


def bearer_matches(expected: str) -> bool:
    """Whether the request sends `Authorization: Bearer <expected>` (compared in constant time)."""
    given = bearer_token()
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def require_api_key(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        settings = config()
        if not settings.api_key:
            abort(403, message="Writes are disabled: set NEWS_INDEX_API_KEY to enable them.")
        sent = write_key_sent(settings)
        if sent is None:
            abort(401, message="Send 'Authorization: Bearer <NEWS_INDEX_API_KEY>' to write.",
                  headers={"WWW-Authenticate": "Bearer"})
        if sent == "previous":  # the operator ends the rotation once these stop
            PREVIOUS_KEY_WRITES.inc()
            log.warning("a write to %s used NEWS_INDEX_API_KEY_PREVIOUS: the client should move to the new key",
                        request.path)
        return view(*args, **kwargs)

    return wrapper
