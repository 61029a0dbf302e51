from marshmallow import Schema, fields


class ErrorSchema(Schema):
    """Every API error: a stable `code` for programs, a `message` for people."""

    code = fields.String(required=True, metadata={"example": "query_syntax"})
    message = fields.String(required=True, metadata={
        "example": "Unclosed quote: the phrase opened at position 4 never ends."})
    details = fields.Dict(metadata={"description": "Where it went wrong (position, field errors, limits)."})
