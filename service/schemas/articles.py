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


class _ConfiguredLength:
    """1 to NEWS_INDEX_MAX_BATCH_IDS items, read from the running app when validating."""

    def __call__(self, value):
        limit = setting("max_batch_ids")
        if not value:
            raise ValidationError("Give at least one article.")
        if len(value) > limit:
            raise ValidationError(f"At most {limit} articles per batch; {len(value)} given. Send the rest "
                                  f"in further batches.")
        return value


class BatchWriteSchema(Schema):
    # allow_none: a null item is one bad item, answered `rejected` beside the others; refused by the
    # field, it made the whole batch a 422 and no article of it was written.
    articles = fields.List(fields.Raw(allow_none=True, metadata={
                               "type": "object", "description": "An article, as POST /articles "
                               "takes it (checked item by item: see the answer's items)."}),
                           required=True, validate=_ConfiguredLength(), metadata={
        "description": "Articles as POST /articles takes them, at most NEWS_INDEX_MAX_BATCH_IDS (default 100)."})


class BatchItemErrorSchema(Schema):
    code = fields.String(metadata={"description": "invalid_parameters or invalid_article (the item's own "
                                                  "POST would be that 422), or index_failed (the engine "
                                                  "refused it)."})
    message = fields.String()
    details = fields.Dict(metadata={"description": "`errors`: where in the request, "
                                                   "{json: {articles: {<index>: {field: [message]}}}}."})


class BatchItemSchema(Schema):
    index = fields.Integer(metadata={"description": "The item's place in `articles`, from 0."})
    id = fields.String(allow_none=True, metadata={"description": "Its id; null when rejected before one."})
    status = fields.String(validate=validate.OneOf(
        ["indexed", "updated", "unchanged", "rejected", "failed", "superseded"]), metadata={
        "description": "indexed / updated / unchanged as POST /articles; rejected: not a valid article; "
                       "failed: the engine refused it; superseded: a later item is the same article (same "
                       "id) and was written instead."})
    error = fields.Nested(BatchItemErrorSchema, allow_none=True)


class BatchWriteResponseSchema(Schema):
    errors = fields.Boolean(metadata={"description": "Whether any item was rejected or failed."})
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "Items per status."})
    items = fields.List(fields.Nested(BatchItemSchema), metadata={"description": "One per article, in order."})
