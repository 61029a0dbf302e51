"""Quote search, statements, sources and attribution as the API documents them."""
from __future__ import annotations

from marshmallow import Schema, fields, validate

from ..backends.base import MATCH_MODES, QUOTE_SORTS
from .article import ArticleSummarySchema, DatelineSchema, MentionSchema
from .search import (
    RELEVANCE_WINDOW_END, SOURCE_KINDS, TOTAL_EXACT, DatesInOrder, FacetBucketSchema, KindList, QueryArgsSchema,
    WholeNumber, near_speakers_field, near_spellings_field, shorter_names_field,
)


class QuoteArgsSchema(QueryArgsSchema):
    q = fields.String(load_default="", metadata={
        "description": 'The query language over the quote\'s own words: "a quoted phrase" matches '
                       "the exact words (\"words near\"~5 within 5 positions), unquoted words match "
                       "stemmed; speaker:, source:, outlet:, "
                       "headline: (the article's) still work. With match=near, q is the wording of "
                       "a claim.",
        "example": '"red line"',
    })
    sort = fields.String(load_default=None, validate=validate.OneOf(QUOTE_SORTS), metadata={
        "description": "Default: relevance when q has words; newest when it has none."})
    match = fields.String(load_default="exact", validate=validate.OneOf(MATCH_MODES), metadata={
        "description": "exact: the query as written. near: quotes that are the same statement as "
                       "q with small edits (a changed word, a trimmed start or end, an ellipsis, "
                       "other quote marks or case)."})


class SpeakerQuotesArgsSchema(QuoteArgsSchema):
    sort = fields.String(load_default="oldest", validate=validate.OneOf(QUOTE_SORTS))

    class Meta:
        exclude = ("speaker",)


class QuoteSourceSchema(Schema):
    name = fields.String(allow_none=True)
    kind = fields.String(allow_none=True)


class QuoteArticleSchema(ArticleSummarySchema):
    """The article a quote stands in."""


class QuoteHighlightSchema(Schema):
    text = fields.String(metadata={"description": "The quote, HTML-escaped, matches in <em>."})


class QuoteViewSchema(Schema):
    """A quote as responses show it: its words, who said them, where they stand."""

    text = fields.String()
    kind = fields.String(allow_none=True, metadata={
        "description": "direct (a sentence or more) or partial (words inside the writer's sentence)."})
    speaker = fields.String(allow_none=True)
    cue = fields.String(allow_none=True, metadata={
        "description": "The reporting verb as the article writes it (\"said\", \"told\", \"according to\"); "
                       "\"answered\" for a Q&A interview's answer; null where no verb introduces the quote."})
    paragraph = fields.Integer(allow_none=True)
    start = fields.Integer(allow_none=True)
    end = fields.Integer(allow_none=True)
    end_paragraph = fields.Integer(allow_none=True)


class QuoteHitSchema(QuoteViewSchema):
    id = fields.String(metadata={"description": "The quote's id: <article id>#q<n>."})
    statement_id = fields.String(metadata={"description": "The statement this wording belongs to."})
    score = fields.Float(allow_none=True)
    source = fields.Nested(QuoteSourceSchema)
    article = fields.Nested(QuoteArticleSchema)
    highlights = fields.Nested(QuoteHighlightSchema)


class QuotePageSchema(Schema):
    total = fields.Integer()
    total_exact = fields.Boolean(metadata={"description": TOTAL_EXACT})
    hits = fields.List(fields.Nested(QuoteHitSchema))
    next_cursor = fields.String(allow_none=True)
    relevance_window_end = fields.Boolean(metadata={"description": RELEVANCE_WINDOW_END})
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetBucketSchema)))
    took_ms = fields.Float()
    near_spellings = near_spellings_field()
    near_speakers = near_speakers_field()
    shorter_names = shorter_names_field()


class OccurrenceSchema(Schema):
    quote_id = fields.String()
    text = fields.String(metadata={"description": "This article's wording."})
    kind = fields.String(allow_none=True)
    speaker = fields.String(allow_none=True)
    source = fields.Nested(QuoteSourceSchema)
    article_id = fields.String()
    headline = fields.String(allow_none=True)
    outlet = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    dateline = fields.Nested(DatelineSchema)
    published_at = fields.String(allow_none=True)
    first = fields.Boolean(metadata={"description": "The earliest occurrence."})


class VariantSchema(Schema):
    text = fields.String()
    count = fields.Integer(metadata={"description": "Occurrences in this wording (an article may repeat it)."})
    first_seen = fields.String(allow_none=True)
    article_ids = fields.List(fields.String(), metadata={"description": "The articles carrying it, each once."})


class StatementSpeakerSchema(Schema):
    name = fields.String()
    count = fields.Integer(metadata={"description": "Occurrences attributed to this speaker."})


class StatementSchema(Schema):
    statement_id = fields.String()
    text = fields.String(metadata={"description": "The earliest wording."})
    speaker = fields.String(allow_none=True, metadata={
        "description": "Who the earliest occurrence naming a speaker attributes it to; "
                       "`speakers` lists everyone."})
    speakers = fields.List(fields.Nested(StatementSpeakerSchema), metadata={
        "description": "Everyone the occurrences are attributed to (speaker, else source), in the order "
                       "they first said it; names differing only in case, accents, hyphens, periods or "
                       "apostrophes are one, and a person named by surname alone (\"Powell\") is the "
                       "statement's one person of that surname (\"Jerome Powell\")."})
    first_seen = fields.String(allow_none=True)
    first_article_id = fields.String()
    count = fields.Integer()
    complete = fields.Boolean(metadata={
        "description": "False when the listing reached its limit (1,000 occurrences): there may be more, "
                       "and `count` is a lower bound."})
    occurrences = fields.List(fields.Nested(OccurrenceSchema), metadata={"description": "Oldest first."})
    variants = fields.List(fields.Nested(VariantSchema), metadata={"description": "Each distinct wording."})


class SourcesArgsSchema(DatesInOrder):
    kind = KindList(SOURCE_KINDS, load_default=list, metadata={
        "description": "person, organization, outlet or anonymous, in any case; several comma-separated "
                       "or the parameter repeated."})
    outlet = fields.List(fields.String(), load_default=list)
    name = fields.String(load_default=None, validate=validate.Length(max=200), metadata={
        "description": "Only sources with a word starting with each word given, insensitive to case, accents "
                       "and punctuation (okaf finds Lena Okafor, len oka too): for a name typed in part."})
    since = QueryArgsSchema._declared_fields["since"]
    until = QueryArgsSchema._declared_fields["until"]
    size = WholeNumber(load_default=50, validate=validate.Range(min=1, max=500))
    offset = WholeNumber(load_default=0, validate=validate.Range(min=0, max=100_000))


class SourceCountSchema(Schema):
    name = fields.String()
    kind = fields.String()
    articles = fields.Integer()
    quotes = fields.Integer()


class SourcesPageSchema(Schema):
    total = fields.Integer()
    complete = fields.Boolean(metadata={
        "description": "False when the listing reached its limit (10,000 spellings of sources counted): "
                       "the least cited are left out and `total` is a lower bound."})
    sources = fields.List(fields.Nested(SourceCountSchema))


class AttributedQuoteSchema(QuoteViewSchema):
    index = fields.Integer(metadata={"description": "The quote's place among the article's quotes."})
    id = fields.String(metadata={"description": "The quote's id: <article id>#q<index>, as /quotes gives it."})
    statement_id = fields.String(allow_none=True, metadata={
        "description": "The statement this wording belongs to (/quotes/{statement_id}/occurrences)."})


class AttributedSourceSchema(Schema):
    name = fields.String()
    kind = fields.String()
    title = fields.String(allow_none=True)
    affiliation = fields.String(allow_none=True)
    mentions = fields.List(fields.Nested(MentionSchema))
    quotes = fields.List(fields.Nested(AttributedQuoteSchema))
    claims = fields.List(fields.Nested(MentionSchema), metadata={
        "description": "Sentences citing the source outside its quotes."})


class AttributionCountsSchema(Schema):
    named_sources = fields.Integer()
    anonymous_sources = fields.Integer()
    quotes_named = fields.Integer()
    quotes_anonymous = fields.Integer()
    quotes_unattributed = fields.Integer()
    claims_anonymous = fields.Integer()


class AttributionSchema(Schema):
    article_id = fields.String()
    headline = fields.String()
    sources = fields.List(fields.Nested(AttributedSourceSchema))
    unattributed_quotes = fields.List(fields.Nested(AttributedQuoteSchema))
    counts = fields.Nested(AttributionCountsSchema)
