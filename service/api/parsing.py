"""How the API reads query strings: strictly, and the hot routes' plain loader first.

`StrictParser` reads an empty value (`sort=`, `from=`) as the parameter not
given, as the search page reads its form: a GET form or a URL template sends
every field, filled or not, and `sort=` was a 422 while `outlet=` was
ignored. It refuses (422) a single-valued parameter given more than
once (`q=a&q=b`), where webargs would silently keep the first; parameters
that take several values are fields with `is_multiple` (lists, and comma
lists such as `facets` and `ids`, whose repetitions are combined).
`no_query_arguments` gives a route without parameters an empty query
schema, so an unknown parameter is refused there as everywhere. A body must
be JSON (415 otherwise) and whole: a chunked one over the size limit is 413,
as one with Content-Length is.

webargs hands every request's arguments to marshmallow, field by field. A
schema that knows its common shape offers `load_plain(schema, args)`; when
that answers, the answer is the schema's own (each plain loader is held equal
to its schema by a test), and when it returns None the request goes the
usual way, errors and all. A route without parameters (`no_query_arguments`)
asked without a query string loads nothing.
"""
from __future__ import annotations

import codecs
import sys
from typing import Callable

from flask import request
from flask_smorest import abort
from marshmallow import RAISE, Schema, ValidationError
from webargs.core import parse_json
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.datastructures import MultiDict

from loaders.readers.jsonfile import too_long_number

REPEATED = "Give this parameter once; it was repeated."


class StrictParser(FlaskParser):
    def _raw_load_json(self, req):
        """The JSON body, only from an uncompressed JSON request (else 415), and whole (else 413).

        werkzeug stops reading a body without Content-Length (chunked) at
        MAX_CONTENT_LENGTH and hands over what it read, which would then be
        refused as truncated JSON instead of as too large.
        """
        if not is_json_request(req):
            abort(415, message="Send the body as JSON, with 'Content-Type: application/json'.")
        coding = req.headers.get("Content-Encoding", "identity").strip().lower()
        if coding not in ("", "identity"):  # gzip was read as bytes and refused as "not valid JSON"
            abort(415, message=f"Content-Encoding {coding[:40]} is not supported: send the body uncompressed.",
                  details={"content_encoding": coding[:40]})
        limit = req.max_content_length
        if limit is not None and req.content_length is not None and req.content_length > limit:
            _too_large(limit)  # as for chunked, not werkzeug's "exceeds the capacity limit" without the limit
        data = req.get_data(cache=True)
        if req.content_length is None and limit is not None and len(data) >= limit:
            if req.environ["wsgi.input"].read(1):  # more beyond the limit
                _too_large(limit)
        # A byte order mark is read past, as RFC 8259 allows and the loader does for files
        # (PowerShell 5's UTF8 encoding writes one): it was refused as "not valid JSON".
        bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            text = data[bom:].decode("utf-8")
        except UnicodeDecodeError as error:
            abort(400, messages={"json": ["Invalid JSON body.",
                                          not_utf8(data, bom + error.start, req.mimetype_params)]})
        try:
            return parse_json(text)
        except RecursionError:  # `[[[[...]]]]` a few thousand deep: Python's json gives up, as we must
            abort(400, messages={"json": ["Invalid JSON body.", "It is nested too deeply to read."]})
        except ValueError as error:  # not JSONDecodeError, which webargs turns into its own 400
            if too_long_number(error) is None:
                raise
            # Python reads no integer of more than 4,300 digits; json raised a plain ValueError, a 500.
            abort(400, messages={"json": ["Invalid JSON body.", f"It holds a number of more than "
                                          f"{sys.get_int_max_str_digits()} digits, more than can be read."]})

    def parse(self, argmap, req=None, *, location=None, **kwargs):
        # A route without parameters asked without any: nothing to load, and loading
        # nothing through webargs and marshmallow cost a fetch by id more than its JSON.
        if (type(argmap) is NoArgumentsSchema and req is None and (location or self.location) == "query"
                and not request.query_string):
            return {}
        return super().parse(argmap, req, location=location, **kwargs)

    def load_querystring(self, req, schema):
        declared = {field.data_key or name for name, field in schema.fields.items()}
        given = given_args(req.args, declared)
        args = self._makeproxy(given, schema)
        repeated = sorted(name for name in given if name in declared and name not in args.multiple_keys
                          and len(given.getlist(name)) > 1)
        if repeated:
            raise ValidationError({name: [REPEATED] for name in repeated})
        return args


def given_args(args: MultiDict, declared: set[str]) -> MultiDict:
    """The query's parameters without the empty values of `declared` ones (`sort=`: not
    given). An unknown parameter is kept, empty or not, to be refused as a likely typo."""
    if not any("" in values for values in args.listvalues()):
        return args
    return MultiDict([(name, value) for name, value in args.items(multi=True)
                      if value != "" or name not in declared])


def not_utf8(data: bytes, offset: int, params: dict) -> str:
    """Why a body that is not UTF-8 cannot be read, naming its first such byte: a CMS sending
    Latin-1 (`charset=iso-8859-1`, or nothing said) was told only "not valid JSON", which sent
    its developer looking for a JSON mistake in a body that had none (JSON is exchanged as UTF-8)."""
    charset = (params.get("charset") or "").strip()
    said = f" (Content-Type says charset={charset[:40]})" if charset.lower() not in ("", "utf-8", "utf8") else ""
    return (f"It is not UTF-8{said}: byte 0x{data[offset]:02X} at offset {offset} is no UTF-8 "
            "character. Send JSON encoded as UTF-8.")


def _too_large(limit: int):
    abort(413, message=f"The request body is larger than {limit} bytes.", details={"limit": limit})


class PlainFirstParser(StrictParser):
    def __init__(self, plain_loaders: dict[type, Callable], **kwargs):
        super().__init__(**kwargs)
        self.plain_loaders = plain_loaders

    def parse(self, argmap, req=None, *, location=None, **kwargs):
        plain = self.plain_loaders.get(type(argmap))
        if plain is not None and (location or self.location) == "query" and req is None:
            loaded = plain(argmap, request.args)
            if loaded is not None:
                return loaded
        return super().parse(argmap, req, location=location, **kwargs)


class NoArgumentsSchema(Schema):
    """A route that takes no query parameters."""


def no_query_arguments(blueprint):
    """Refuse any query parameter on this route (422), as routes with parameters do."""
    return blueprint.arguments(NoArgumentsSchema(), location="query", unknown=RAISE, as_kwargs=True)
