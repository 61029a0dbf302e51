"""The article model: what is indexed, stored and returned.

The same schema validates loader output and `POST /articles` bodies and
documents the responses, so the three cannot drift apart.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from loaders.identity import ID_PATTERN

MAX_HEADLINE = 1_000
MAX_PARAGRAPHS = 2_000
MAX_PARAGRAPH = 100_000

Id = fields.String(validate=validate.Regexp(ID_PATTERN), metadata={
    "description": "Stable id: given, or a hash of the canonical URL, or of outlet + headline + date.",
    "example": "3f6c0a9e1b2d4c5e6f708192",
})


class DatelineSchema(Schema):
    place = fields.String(allow_none=True, metadata={"example": "Baku"})
    agency = fields.String(allow_none=True, metadata={"example": "Reuters"})
    published_at = fields.String(
        allow_none=True,
        metadata={"description": "ISO 8601; without an offset when the zone is unknown.",
                  "example": "2025-04-11T14:54:00"},
    )
    raw = fields.String(allow_none=True, metadata={"example": "BAKU, April 11 (Reuters) -"})


class MentionSchema(Schema):
    paragraph = fields.Integer(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    text = fields.String(allow_none=True)


class SourceSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    name = fields.String(required=True, metadata={"example": "a source familiar with the matter"})
    kind = fields.String(
        required=True, validate=validate.OneOf(["person", "organization", "outlet", "anonymous"])
    )
    title = fields.String(allow_none=True)
    affiliation = fields.String(allow_none=True)
    mentions = fields.List(fields.Nested(MentionSchema), load_default=list)


class QuoteSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    text = fields.String(required=True, validate=validate.Length(min=1))
    kind = fields.String(load_default="direct", validate=validate.OneOf(["direct", "partial"]))
    speaker = fields.String(allow_none=True)
    cue = fields.String(allow_none=True)
    paragraph = fields.Integer(allow_none=True)
    start = fields.Integer(allow_none=True)
    end = fields.Integer(allow_none=True)
    end_paragraph = fields.Integer(allow_none=True)
    source = fields.String(allow_none=True)


class ArticleSchema(Schema):
    """A whole article as indexed and as `GET /articles/<id>` returns it."""

    id = Id
    url = fields.String(allow_none=True, validate=validate.Length(max=4_000))
    outlet = fields.String(allow_none=True, validate=validate.Length(max=200))
    headline = fields.String(required=True, validate=validate.Length(min=1, max=MAX_HEADLINE))
    body = fields.List(
        fields.String(validate=validate.Length(min=1, max=MAX_PARAGRAPH)),
        required=True,
        validate=validate.Length(min=1, max=MAX_PARAGRAPHS),
        metadata={"description": "Paragraphs, in order."},
    )
    authors = fields.List(fields.String(), load_default=list)
    language = fields.String(allow_none=True, load_default="en")
    section = fields.String(allow_none=True)
    tags = fields.List(fields.String(), load_default=list)
    dateline = fields.Nested(DatelineSchema, load_default=dict)
    sources = fields.List(fields.Nested(SourceSchema), load_default=list)
    quotes = fields.List(fields.Nested(QuoteSchema), load_default=list)
    content_hash = fields.String(dump_only=False)
    ingested_at = fields.String()


class ArticleInputSchema(ArticleSchema):
    """`POST /articles`: the service computes the hash and ingestion time."""

    class Meta:
        exclude = ("content_hash", "ingested_at")


class ArticleSummarySchema(Schema):
    """An article without its body: a search hit, a quote's article."""

    id = fields.String()
    url = fields.String(allow_none=True)
    outlet = fields.String(allow_none=True)
    headline = fields.String()
    authors = fields.List(fields.String())
    language = fields.String(allow_none=True)
    section = fields.String(allow_none=True)
    tags = fields.List(fields.String())
    dateline = fields.Nested(DatelineSchema)
    quote_count = fields.Integer()
    source_count = fields.Integer()
    sources = fields.List(fields.Dict(), metadata={"description": "Each source's name and kind."})
