"""Search parameters and results as the API documents them."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timezone

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from ..backends.base import FACETS, SORTS
from ..limits import ConfiguredRange, setting
from .article import ArticleSummarySchema


class DateBound(fields.String):
    """`2025-04-11` or a full ISO 8601 time; `until` a bare day includes that day.

    A string to the OpenAPI document (a plain Field gave `from` and `until` no type)."""

    def __init__(self, end_of_day: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.end_of_day = end_of_day

    def _deserialize(self, value, attr, data, **kwargs):
        text = _offset_restored(str(value).strip().upper())
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValidationError("Not a date: use YYYY-MM-DD or an ISO 8601 time.") from None
        if self.end_of_day and _is_day(text):
            parsed = datetime.combine(parsed.date(), time.max)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=timezone.utc)
        try:
            return parsed.astimezone(timezone.utc)
        except OverflowError:  # 9999-12-31T23:59:59-14:00 is in the year 10000 in UTC: was a 500
            raise ValidationError("Out of range: in UTC, a time must fall in the years 1 to 9999.") from None


#: A time whose offset's `+` an unencoded URL turned into a space.
_SPACED_OFFSET = re.compile(r"(.*T[\d:.,]+) (\d\d(?::?\d\d)?)")


def _offset_restored(text: str) -> str:
    """`…T16:54:00 02:00` as `…T16:54:00+02:00`: in a query string typed
    unencoded (`from=2025-04-11T16:54:00+02:00`), the `+` arrives as a space."""
    spaced = _SPACED_OFFSET.fullmatch(text)
    return f"{spaced[1]}+{spaced[2]}" if spaced else text


def _is_day(text: str) -> bool:
    """A date without a time, in any ISO 8601 form Python reads: `2025-04-11`,
    `20250411`, `2025-W15-5` (a length test took only the first for a day)."""
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def comma_items(value) -> list[str]:
    """The items of a comma list, or of several (`facets=outlet&facets=place,month`)."""
    values = value if isinstance(value, (list, tuple)) else [value]
    return [item.strip() for text in values for item in str(text).split(",") if item.strip()]


class WholeNumber(fields.Integer):
    """An integer as a query string writes one: ASCII digits after an optional sign.

    Python's `int()`, which marshmallow calls, also reads "５" (full-width),
    "٣" (Arabic-Indic), "1_000" and " 5 ": no client means those, and a
    fat-fingered value should be a 422 naming the parameter, not a page of 5.
    """

    _WRITTEN = re.compile(r"[+-]?[0-9]+\Z")

    def _validated(self, value):
        if isinstance(value, str) and not self._WRITTEN.match(value):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class CommaList(fields.Field):
    """`facets=outlet,month` as a list, each item checked against `choices`;
    the parameter repeated adds its items."""

    is_multiple = True  # webargs hands over every repetition

    def __init__(self, choices, **kwargs):
        # Documented as the repeatable parameter it also is (a plain Field had no type at all).
        kwargs["metadata"] = {"type": "array", "items": {"type": "string", "enum": list(choices)},
                              **kwargs.get("metadata", {})}
        super().__init__(**kwargs)
        self.choices = tuple(choices)

    def _deserialize(self, value, attr, data, **kwargs):
        items = comma_items(value)
        unknown = [item for item in items if item not in self.choices]
        if unknown:
            raise ValidationError(
                f"Unknown value(s) {', '.join(unknown)}; choose from {', '.join(self.choices)}.")
        return tuple(dict.fromkeys(items))


class Kind(fields.String):
    """One of `choices`, in any case (`ANONYMOUS` is `anonymous`), as the filters are."""

    def __init__(self, choices, **kwargs):
        super().__init__(validate=validate.OneOf(choices), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip().lower()


class KindList(CommaList):
    """Kinds as a comma list or repeated (`kind=person,outlet`), in any case, as `Kind`:
    `/sources?kind=person,outlet` was refused, where `facets` and `ids` take commas."""

    def _deserialize(self, value, attr, data, **kwargs):
        return list(super()._deserialize([item.lower() for item in comma_items(value)], attr, data, **kwargs))


SOURCE_KINDS = ("person", "organization", "outlet", "anonymous")
_KEYWORD = {"description": "Exact match of the whole name, insensitive to case, accents, hyphens, periods and apostrophes (place=krakow finds KRAKÓW, speaker=Sean O'Brien finds Seán O’Brien, speaker=Robin Leigh Pemberton finds Robin Leigh-Pemberton); repeat the parameter to match any of several."}


class DatesInOrder(Schema):
    """A schema with `from` (since) and `until`: 'from' after 'until' is 422, on every route."""

    @validates_schema
    def _dates_in_order(self, data, **kwargs):
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ValidationError("'from' is after 'until'.", "from")


class QueryArgsSchema(DatesInOrder):
    """What a search of articles and a search of quotes both take."""

    q = fields.String(load_default="", metadata={
        "description": 'The query language: words, "exact phrases", "words near"~5 (within 5 positions), '
                       "near spellings (qaddafi~, gadafi~1: within 1 or 2 edits), acronyms and hyphenated words in both "
                       "spellings (US also finds U.S., U.K. also UK, cease-fire also ceasefire, ceasefire also cease-fire), "
                       "-excluded, OR, parentheses, prefix*, and fields headline:, body:, quote:, speaker:, "
                       "source:, outlet:, dateline:, author: (the byline).",
        "example": '"red line" (Israel OR Turkey) -Syria',
    })
    size = WholeNumber(load_default=10, validate=ConfiguredRange("max_page_size"), metadata={
        "description": "Hits per page, at most NEWS_INDEX_MAX_PAGE_SIZE (default 100)."})
    cursor = fields.String(load_default=None, metadata={
        "description": "The `next_cursor` of the previous page, with the same q, filters and sort. Each page "
                       "reads the archive as it is then (no snapshot): in date order an article written "
                       "meanwhile shows if it sorts after the cursor, and none twice unless re-dated; in "
                       "relevance order a write before the offset shifts the hits after it by one."})
    sort = fields.String(load_default=None, validate=validate.OneOf(SORTS), metadata={
        "description": "Default: relevance when q has words to find; newest when it has none, or only "
                       "excludes words (-oil): every score would be the same, and date order pages on past "
                       "10,000 hits. newest / oldest: by publication date; ingested: the articles last "
                       "written into the index first (added or changed lately, whatever their date), to "
                       "follow what arrives."})
    highlight = fields.Boolean(load_default=True)
    facets = CommaList(FACETS, load_default=(), metadata={
        "description": f"Comma list of facets to count: {', '.join(FACETS)}."})
    facet_size = WholeNumber(load_default=10, validate=ConfiguredRange("max_facet_size"), metadata={
        "description": "Buckets per facet, at most NEWS_INDEX_MAX_FACET_SIZE (default 100)."})
    since = DateBound(data_key="from", load_default=None, metadata={
        "description": "Published on or after (YYYY-MM-DD or ISO 8601)."})
    until = DateBound(end_of_day=True, load_default=None, metadata={
        "description": "Published on or before; a bare day includes the whole day."})
    outlet = fields.List(fields.String(), load_default=list, metadata=_KEYWORD)
    place = fields.List(fields.String(), load_default=list, metadata=_KEYWORD)
    speaker = fields.List(fields.String(), load_default=list, metadata=_KEYWORD)
    source = fields.List(fields.String(), load_default=list, metadata=_KEYWORD)
    source_kind = fields.List(Kind(SOURCE_KINDS), load_default=list, metadata=_KEYWORD)
    section = fields.List(fields.String(), load_default=list, metadata=_KEYWORD)
    language = fields.List(fields.String(), load_default=list, metadata=_KEYWORD)
    author = fields.List(fields.String(), load_default=list, metadata={
        "description": "An author of the article (one of its `authors`, the byline's names). "
                       + _KEYWORD["description"]})
    tag = fields.List(fields.String(), load_default=list, metadata={
        "description": "One of the article's `tags`. " + _KEYWORD["description"]})


class SearchArgsSchema(QueryArgsSchema):
    """A search of articles: a quote has no time of writing to bound."""

    ingested_since = DateBound(data_key="ingested_from", load_default=None, metadata={
        "description": "Written into the index (added or changed: `ingested_at`) on or after this time, to the "
                       "second (the bound's own second is in). To follow what arrives, pass the last `ingested_at` "
                       "seen, less a minute: a load stamps each article as it prepares it and the index shows it "
                       "at the next commit, so one can appear after an article stamped later. Sort with "
                       "sort=ingested, or use /export?sort=ingested for all of them."})
    ingested_until = DateBound(end_of_day=True, load_default=None, metadata={
        "description": "Written into the index on or before this time; a bare day includes the whole day."})

    @validates_schema
    def _ingested_in_order(self, data, **kwargs):
        if data.get("ingested_since") and data.get("ingested_until") and \
                data["ingested_since"] > data["ingested_until"]:
            raise ValidationError("'ingested_from' is after 'ingested_until'.", "ingested_from")


class RelatedArgsSchema(SearchArgsSchema):
    """`/search`'s size, highlight and filters: the query is the article's own."""

    class Meta:
        exclude = ("q", "cursor", "sort", "facets", "facet_size")


class HighlightSchema(Schema):
    headline = fields.String(metadata={"description": "HTML-escaped; matches wrapped in <em>."})
    body = fields.List(fields.String(), metadata={"description": "Up to 3 HTML-escaped fragments."})


class SearchHitSchema(ArticleSummarySchema):
    score = fields.Float(allow_none=True)
    highlights = fields.Nested(HighlightSchema)


TOTAL_EXACT = ("false when the engine stopped counting (Elasticsearch counts up to 100,000 matches): "
               "`total` is then a lower bound")


class FacetBucketSchema(Schema):
    value = fields.String()
    count = fields.Integer()


RELEVANCE_WINDOW_END = ("True on the last page best-match order reaches (the first 10,000 hits) while more "
                        "matched: next_cursor is null, and the same search with sort=newest or sort=oldest "
                        "pages through the rest.")


class NearSpellingsSchema(Schema):
    """The same search with its words as near spellings, offered when the words found nothing."""

    q = fields.String(metadata={"description": "The query with each word it asks for a near spelling "
                                               "(gadaffi~2), for the next request.", "example": "gadaffi~2"})
    total = fields.Integer(metadata={"description": "What that query finds (at least 1)."})
    total_exact = fields.Boolean(metadata={"description": TOTAL_EXACT})


def near_spellings_field() -> fields.Nested:
    """A page's `near_spellings` (a field each: marshmallow binds a field to one schema)."""
    return fields.Nested(NearSpellingsSchema, allow_none=True, metadata={
        "description": "Null unless the search found nothing and its words, as near spellings, find "
                       "something: then that search, to offer ('did you mean')."})


class NearSpeakerSchema(Schema):
    """A speaker whose name holds the words of the one given, offered when that found nothing."""

    name = fields.String(metadata={"description": "The name as the `speaker` filter takes it.",
                                   "example": "Paul Volcker"})
    count = fields.Integer(metadata={"description": "What the same search finds with this speaker: quotes on "
                                                    "/quotes and /speakers, articles on /search."})


def _speakers_field(description: str) -> fields.List:
    """A list of offered speakers (a field each, as `near_spellings_field`)."""
    return fields.List(fields.Nested(NearSpeakerSchema), allow_none=True, metadata={"description": description})


def near_speakers_field() -> fields.List:
    return _speakers_field(
        "Null unless a search by speaker found nothing and speakers whose names hold every word of the name "
        "given (or, failing that, a near spelling of each: 'Volker') are found under the same query and "
        "filters: then up to 10 of them, most found first, to offer ('did you mean').")


def shorter_names_field() -> fields.List:
    return _speakers_field(
        "On the first page of a search by a speaker's name of several words: the speakers named by part of it "
        "under the same query and filters ('Reagan' for 'Ronald Reagan', as stories that never print the whole "
        "name give it), up to 10, most found first; null when there are none. Offered, never merged: another "
        "Reagan may be meant.")


class SearchPageSchema(Schema):
    total = fields.Integer(metadata={"description": "All matches, not just this page."})
    total_exact = fields.Boolean(metadata={"description": TOTAL_EXACT})
    hits = fields.List(fields.Nested(SearchHitSchema))
    next_cursor = fields.String(allow_none=True, metadata={"description": "Null on the last page."})
    relevance_window_end = fields.Boolean(metadata={"description": RELEVANCE_WINDOW_END})
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetBucketSchema)))
    took_ms = fields.Float()
    near_spellings = near_spellings_field()
    near_speakers = near_speakers_field()
    shorter_names = shorter_names_field()


# -- the common request, without marshmallow ----------------------------------

#: Parameters `load_plain` reads, and the setting bounding each integer one.
_PLAIN_TEXT = ("q", "cursor")
_PLAIN_INTEGERS = {"size": "max_page_size", "facet_size": "max_facet_size"}
_PLAIN_KEYS = frozenset({*_PLAIN_TEXT, *_PLAIN_INTEGERS, "sort", "highlight", "facets"})
_DIGITS = frozenset("0123456789")


def load_plain(schema: SearchArgsSchema, args) -> dict | None:
    """`schema.load(args)` for the common search, or None to let the schema decide.

    Loading sixteen fields through webargs and marshmallow costs more than
    many searches do in the engine. A request naming only q, size, sort,
    highlight, facets, facet_size or cursor, each once and valid, gets the
    same dict here (tests/unit/test_search_args_fast_path.py holds it equal
    to the schema); anything else, including every invalid value, goes
    through the schema and gets its errors.
    """
    if not _PLAIN_KEYS.issuperset(args.keys()):
        return None
    template, made_anew = _defaults(schema)
    loaded = dict(template)
    for name, make in made_anew:
        loaded[name] = make()
    for name, values in args.lists():
        if "" in values:  # not given, as the schema's parser reads it (service/api/parsing.py)
            values = [value for value in values if value != ""]
            if not values:
                continue
        if len(values) != 1:
            return None
        value = values[0]
        if name in _PLAIN_TEXT:
            loaded[name] = value
        elif name in _PLAIN_INTEGERS:
            if not value or len(value) > 6 or not _DIGITS.issuperset(value):
                return None
            number = int(value)
            if not 1 <= number <= setting(_PLAIN_INTEGERS[name]):
                return None
            loaded[name] = number
        elif name == "sort":
            if value not in SORTS:
                return None
            loaded[name] = value
        elif name == "highlight":
            if value in fields.Boolean.truthy:
                loaded[name] = True
            elif value in fields.Boolean.falsy:
                loaded[name] = False
            else:
                return None
        else:  # facets
            try:
                loaded[name] = schema.fields["facets"].deserialize(value)
            except ValidationError:
                return None
    return loaded


def _defaults(schema: SearchArgsSchema) -> tuple[dict, tuple]:
    """Every field's `load_default`, in the schema's order, read once per schema:
    the fixed ones, and those made anew for each request (a fresh `list`).
    Looking all sixteen up took 2.5 µs of every search, about the time
    `load_plain` now takes in all."""
    cached = schema.__dict__.get("_plain_defaults")
    if cached is None:
        template = {name: None if callable(field.load_default) else field.load_default
                    for name, field in schema.fields.items()}
        made_anew = tuple((name, field.load_default) for name, field in schema.fields.items()
                          if callable(field.load_default))
        cached = schema._plain_defaults = (template, made_anew)
    return cached


class RelatedPageSchema(Schema):
    q = fields.String(metadata={
        "description": "The search run, as query text: the names the article cites and the words it uses most "
                       "(its dateline, function words and the words of every story left out). Refine it or page "
                       "through it on /search."})
    hits = fields.List(fields.Nested(SearchHitSchema), metadata={
        "description": "Best match first; the article itself is never one."})
    took_ms = fields.Float()
