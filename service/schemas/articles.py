"""Request and response shapes of the /articles endpoints."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from .article import ArticleSchema


class IdList(fields.Field):
    def __init__(self, limit: int, **kwargs):
        super().__init__(**kwargs)
        self.limit = limit

    def _deserialize(self, value, attr, data, **kwargs):
        ids = list(dict.fromkeys(i.strip() for i in str(value).split(",") if i.strip()))
        if not ids:
            raise ValidationError("Give at least one id.")
        if len(ids) > self.limit:
            raise ValidationError(f"At most {self.limit} ids per request; {len(ids)} given.")
        return ids


class BatchArgsSchema(Schema):
    ids = IdList(limit=100, required=True, metadata={
        "description": "Comma-separated article ids, at most 100.", "example": "a1b2,c3d4"})


class BatchResponseSchema(Schema):
    articles = fields.List(fields.Nested(ArticleSchema))
    missing = fields.List(fields.String(), metadata={"description": "Requested ids not in the index."})


class WriteResponseSchema(Schema):
    id = fields.String()
    status = fields.String(validate=validate.OneOf(["indexed", "updated", "unchanged"]))
    article = fields.Nested(ArticleSchema)
