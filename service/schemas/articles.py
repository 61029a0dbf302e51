"""Request and response shapes of the /articles endpoints."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from ..limits import setting
from .article import ArticleSchema
from .search import comma_items


class IdList(fields.Field):
    """Comma-separated ids, at most `limit` (default: the app's NEWS_INDEX_MAX_BATCH_IDS);
    the parameter repeated adds its ids."""

    is_multiple = True  # webargs hands over every repetition

    def __init__(self, limit: int | None = None, **kwargs):
        # Documented as the repeatable parameter it also is: a plain Field had no type
        # at all, which client generators read as "any" (see CommaList).
        kwargs["metadata"] = {"type": "array", "items": {"type": "string"}, "minItems": 1,
                              **kwargs.get("metadata", {})}
        super().__init__(**kwargs)
        self.limit = limit

    def _deserialize(self, value, attr, data, **kwargs):
        ids = list(dict.fromkeys(comma_items(value)))
        if not ids:
            raise ValidationError("Give at least one id.")
        limit = self.limit or setting("max_batch_ids")
        if len(ids) > limit:
            raise ValidationError(f"At most {limit} ids per request; {len(ids)} given.")
        return ids


class BatchArgsSchema(Schema):
    ids = IdList(required=True, metadata={
        "description": "Article ids, at most NEWS_INDEX_MAX_BATCH_IDS (default 100): comma-separated "
                       "(ids=a1b2,c3d4) or the parameter repeated (ids=a1b2&ids=c3d4).",
        "example": ["a1b2", "c3d4"]})


class BatchResponseSchema(Schema):
    articles = fields.List(fields.Nested(ArticleSchema))
    missing = fields.List(fields.String(), metadata={"description": "Requested ids not in the index."})


class WriteResponseSchema(Schema):
    id = fields.String()
    status = fields.String(validate=validate.OneOf(["indexed", "updated", "unchanged"]))
    article = fields.Nested(ArticleSchema)
