"""Limits against resource exhaustion, read from `Config` at request time.

Schemas and the query parser are module-level objects, built once; the
limits belong to the app's `Config` (`NEWS_INDEX_MAX_*`). `setting()` reads
the running app's value, or the default outside an app (scripts, unit tests),
so one schema serves apps configured differently. The optional rate limit
is `service/rate_limit.py`.
"""
from __future__ import annotations

from flask import current_app, has_app_context
from marshmallow import validate

from .config import Config

_DEFAULTS = Config()


def _config() -> Config:
    """The running app's `Config`, else the defaults."""
    if has_app_context():
        config = current_app.config.get("NEWS_INDEX")
        if config is not None:
            return config
    return _DEFAULTS


def setting(name: str):
    """`Config.<name>` of the running app, else its default."""
    return getattr(_config(), name)


def query_limits() -> dict[str, int]:
    """Keyword arguments of `service.query.parse` for the running app (its
    config looked up once: each lookup goes through Flask's context proxies)."""
    config = _config()
    return {"max_length": config.max_query_length, "max_terms": config.max_query_terms,
            "max_depth": config.max_query_depth}


#: Bytes a URL-encoded character may take (4 UTF-8 bytes, each `%XX`).
ENCODED_CHARACTER_BYTES = 12
#: Room in a query string for everything besides `q`: filters, facets, a cursor.
QUERY_STRING_ROOM = 8_192


def max_query_string_bytes() -> int:
    """The longest raw query string a request may carry: room for a `q` of
    NEWS_INDEX_MAX_QUERY_LENGTH characters in any script, and the rest."""
    return setting("max_query_length") * ENCODED_CHARACTER_BYTES + QUERY_STRING_ROOM


class ConfiguredRange(validate.Range):
    """`validate.Range(min, max)` whose `max` is a `Config` setting.

    The OpenAPI document shows the value in force when it is generated (the
    app's, since the spec is built inside its context; the default otherwise).
    """

    def __init__(self, setting_name: str, min: int = 1, **kwargs):
        self.setting_name = setting_name
        super().__init__(min=min, max=setting(setting_name), **kwargs)

    @property
    def max(self):
        return setting(self.setting_name)

    @max.setter
    def max(self, value):  # set by Range.__init__; the setting decides
        pass
