from marshmallow import INCLUDE, Schema, fields


class ErrorDetailsSchema(Schema):
    """`details`: what a program needs to act on the error; `{}` when nothing more to say."""

    class Meta:
        unknown = INCLUDE  # each code's own keys: `position`, `limit`, `parameter`, `available`, ...

    errors = fields.Dict(
        keys=fields.String(), values=fields.Dict(),
        metadata={
            "description": (
                "On every 400 and 422: the input at fault, by where it was sent, as "
                "`{location: {field: [message, ...]}}`. The location is `query` (a query "
                "parameter), `json` (the body) or `path` (a part of the URL); a nested field "
                "nests (`quotes` -> `\"0\"` -> `text`); `_schema` stands for a location as a "
                "whole (a body that is not JSON, or not an object). Whichever check found "
                "the problem (the parameters' schema, the query parser, the article "
                "pipeline), the shape is this one. `{}` when no input can be named (a "
                "request the server could not parse)."),
            "example": {"query": {"q": ["Unclosed quote: the phrase opened at position 4 never ends."]}},
        },
    )


class ErrorSchema(Schema):
    """Every API error: a stable `code` for programs, a `message` for people."""

    code = fields.String(required=True, metadata={"example": "query_syntax"})
    message = fields.String(required=True, metadata={
        "example": "Unclosed quote: the phrase opened at position 4 never ends."})
    details = fields.Nested(ErrorDetailsSchema, required=True, metadata={
        "description": "Where it went wrong: `errors` (on every 400 and 422), and the code's own keys "
                       "(`position`, `limit`, ...); {} when nothing more to say."})


def flat_messages(value):
    """Every message in marshmallow's nested error messages, in order."""
    if isinstance(value, dict):
        for item in value.values():
            yield from flat_messages(item)
    elif isinstance(value, list):
        for item in value:
            yield from flat_messages(item)
    else:
        yield value
