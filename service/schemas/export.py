"""One exported row, as the JSONL export writes it (the CSV has the same columns)."""
from __future__ import annotations

from marshmallow import Schema, fields

from .quotes import QuoteSourceSchema


class ArticleRowSchema(Schema):
    id = fields.String()
    headline = fields.String(allow_none=True)
    outlet = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    agency = fields.String(allow_none=True)
    published_at = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    sources = fields.List(fields.Nested(QuoteSourceSchema), metadata={
        "description": "Each source's name and kind; in CSV one cell, 'kind:name; kind:name'."})
    quote_count = fields.Integer()
    authors = fields.List(fields.String(), metadata={"description": "The byline's names; in CSV one cell, 'a; b'."})
    tags = fields.List(fields.String(), metadata={"description": "In CSV one cell, 'a; b'."})


class QuoteRowSchema(Schema):
    id = fields.String(metadata={"description": "The quote's id: <article id>#q<n>."})
    statement_id = fields.String(allow_none=True)
    text = fields.String(allow_none=True)
    kind = fields.String(allow_none=True)
    speaker = fields.String(allow_none=True)
    cue = fields.String(allow_none=True)
    source = fields.String(allow_none=True, metadata={"description": "The attributed source's name."})
    source_kind = fields.String(allow_none=True)
    article_id = fields.String(allow_none=True)
    headline = fields.String(allow_none=True)
    outlet = fields.String(allow_none=True)
    place = fields.String(allow_none=True)
    agency = fields.String(allow_none=True, metadata={"description": "The news agency of the article's dateline."})
    published_at = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
