"""The arguments parser of the hot routes: a schema's plain loader first.

webargs hands every request's arguments to marshmallow, field by field. A
schema that knows its common shape offers `load_plain(schema, args)`; when
that answers, the answer is the schema's own (each plain loader is held equal
to its schema by a test), and when it returns None the request goes the
usual way, errors and all.
"""
from __future__ import annotations

from typing import Callable

from flask import request
from webargs.flaskparser import FlaskParser


class PlainFirstParser(FlaskParser):
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
