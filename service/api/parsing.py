"""How the API reads query strings: strictly, and the hot routes' plain loader first.

`StrictQueryParser` refuses (422) a single-valued parameter given more than
once (`q=a&q=b`), where webargs would silently keep the first; parameters
that take several values are fields with `is_multiple` (lists, and comma
lists such as `facets` and `ids`, whose repetitions are combined).
`no_query_arguments` gives a route without parameters an empty query
schema, so an unknown parameter is refused there as everywhere.

webargs hands every request's arguments to marshmallow, field by field. A
schema that knows its common shape offers `load_plain(schema, args)`; when
that answers, the answer is the schema's own (each plain loader is held equal
to its schema by a test), and when it returns None the request goes the
usual way, errors and all.
"""
from __future__ import annotations

from typing import Callable

from flask import request
from marshmallow import RAISE, Schema, ValidationError
from webargs.flaskparser import FlaskParser

REPEATED = "Give this parameter once; it was repeated."


class StrictQueryParser(FlaskParser):
    def load_querystring(self, req, schema):
        args = super().load_querystring(req, schema)
        declared = {field.data_key or name for name, field in schema.fields.items()}
        repeated = sorted(name for name in req.args if name in declared and name not in args.multiple_keys
                          and len(req.args.getlist(name)) > 1)
        if repeated:
            raise ValidationError({name: [REPEATED] for name in repeated})
        return args


class PlainFirstParser(StrictQueryParser):
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
