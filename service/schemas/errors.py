from marshmallow import Schema, fields


class ErrorSchema(Schema):
    """Every API error: a stable `code` for programs, a `message` for people."""

    code = fields.String(required=True, metadata={"example": "query_syntax"})
    message = fields.String(required=True, metadata={
        "example": "Unclosed quote: the phrase opened at position 4 never ends."})
    details = fields.Dict(required=True, metadata={
        "description": "Where it went wrong (position, field errors, limits); {} when nothing more to say."})


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
