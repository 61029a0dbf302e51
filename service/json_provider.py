"""Flask's JSON answers through orjson.

A search answer is a few kilobytes of nested dicts; the standard library's
encoder spends about as long on it as the engine spends finding the hits.
orjson writes the same JSON (UTF-8, keys in insertion order) several times
faster. Anything it cannot encode falls back to Flask's own provider, so
the output never depends on which one ran.
"""
from __future__ import annotations

import re
from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider


#: A surrogate code point: json.loads makes one of a `\ud800` escape no other follows.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Dates and dataclasses go to Flask's `default`, as with the standard encoder.
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
_COMPACT = (",", ":")


class OrjsonProvider(DefaultJSONProvider):
    ensure_ascii = False
    sort_keys = False

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        # orjson writes compact JSON only: anything else (indent in debug, sort_keys) is Flask's.
        if self.sort_keys or kwargs.get("separators", _COMPACT) != _COMPACT or set(kwargs) - {"separators"}:
            return super().dumps(obj, **kwargs)
        try:
            return orjson.dumps(obj, default=self.default, option=_OPTIONS).decode()
        except TypeError:  # e.g. integers beyond 64 bits, non-string keys, unpaired surrogates
            return super().dumps(without_surrogates(obj), **kwargs)

    def response(self, *args: Any, **kwargs: Any):
        """Flask's `jsonify` answer, the same bytes (JSON and a newline), built
        from orjson's bytes: Flask's own goes through a `str` of the whole body
        (decoded, formatted with the newline, encoded again)."""
        if self.sort_keys or (self.compact is None and self._app.debug) or self.compact is False:
            return super().response(*args, **kwargs)  # indented: Flask's
        obj = self._prepare_response_obj(args, kwargs)
        try:
            body = orjson.dumps(obj, default=self.default, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE)
        except TypeError:
            return super().response(without_surrogates(obj))
        return self._app.response_class(body, mimetype=self.mimetype)


def without_surrogates(value: Any) -> Any:
    """`value` with each unpaired surrogate in its strings (keys too) the
    replacement character, as the article pipeline cleans them.

    JSON's `\\ud800` escape parses into a Python string UTF-8 cannot encode,
    so neither orjson nor Flask's own encoder could answer with it: a body
    key such as `{"he\\ud800": 1}`, named back in the 422 as an unknown field,
    was a 500 instead."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {without_surrogates(key): without_surrogates(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [without_surrogates(item) for item in value]
    return value
