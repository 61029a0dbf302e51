"""The article model: what is indexed, stored and returned.

The same schema validates loader output and `POST /articles` bodies and
documents the responses, so the three cannot drift apart.
"""
from __future__ import annotations

import re
from datetime import datetime

from marshmallow import Schema, ValidationError, fields, missing, pre_load, validate, validates_schema

from loaders.identity import ID_PATTERN

MAX_HEADLINE = 1_000
MAX_PARAGRAPHS = 2_000
MAX_PARAGRAPH = 100_000
MAX_URL = 4_000
MAX_OUTLET = 200
MAX_AUTHORS = 100
MAX_AUTHOR = 200
MAX_TAGS = 100
MAX_TAG = 200
#: Bureaus of one dateline (`dateline.places`), and each one's length.
MAX_PLACES = 10
MAX_PLACE = 200

class Size(validate.Length):
    """At least one and at most `most` characters (or, with `unit="paragraphs"`, items).

    Says the size found and the limit, as an editor counts: marshmallow's
    "Length must be between 1 and 2000." (under `body`, or `body.0` for a
    paragraph) named neither the count nor what to do. The limits are fixed
    here, not settings: they bound what one article may cost every backend.
    A `Length` still, so the OpenAPI document keeps its minLength/maxItems.
    """

    least = 1

    def __init__(self, most: int, what: str, unit: str = "characters", fix: str = "shorten it"):
        super().__init__(min=self.least, max=most)
        self.most, self.what, self.unit, self.fix = most, what, unit, fix

    def __call__(self, value):
        if len(value) < 1:
            raise ValidationError(f"{self.what} is empty." if self.unit == "characters"
                                  else f"{self.what} has no {self.unit}.")
        if len(value) > self.most:
            raise ValidationError(f"{self.what} has {len(value):,} {self.unit}; at most {self.most:,} are "
                                  f"accepted: {self.fix}.")
        return value



class Longest(Size):
    """At most `most` characters; empty is allowed (no `min`)."""

    least = None

    def __call__(self, value):
        return super().__call__(value) if value else value


#: Lists whose items people count from 1, and what each item is called in a reason or message.
COUNTED_ITEMS = {"body": "body paragraph", "authors": "author", "tags": "tag"}


def item_name(field: str, key) -> str | None:
    """How a reason names item `key` of list `field` (marshmallow's index, an
    int, or as JSON gave it back, its text), or None when people do not count it.

    `body` -> 3 is "body paragraph 4", `tags` -> 0 "tag 1": an editor counts
    from 1, and `details.errors` keeps the index for programs. Other lists
    (`quotes.0.text`) keep the index: a quote's own `paragraph` counts from 0.
    """
    if field not in COUNTED_ITEMS or isinstance(key, bool):
        return None
    if isinstance(key, str) and key.isdigit():
        key = int(key)
    return f"{COUNTED_ITEMS[field]} {key + 1}" if isinstance(key, int) else None


#: Says what an id may hold: marshmallow's "String does not match expected pattern" did not.
ID_RULE = ("must be 1 to 128 letters, digits and . _ : - starting with a letter or digit "
           "(no '/', spaces or other characters)")
Id = fields.String(validate=validate.Regexp(ID_PATTERN, error=ID_RULE), metadata={
    "description": "Stable id: given, or a hash of the canonical URL (a relative one with the outlet), "
                   "or of outlet + headline + date.",
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
    places = fields.List(fields.String(validate=Longest(MAX_PLACE, "A place")),
                         validate=Longest(MAX_PLACES, "The dateline", unit="places", fix="name fewer"), metadata={
        "description": "Only for a story filed from several bureaus ('LONDON/NEW YORK'): each of them, "
                       "`place` first. The place filter and facet count the story under each.",
        "example": ["London", "New York"]})


#: Publication years every backend can store (tantivy's dates run from 1677-09-21 to 2262-04-11).
EARLIEST_YEAR, LATEST_YEAR = 1678, 2261


def published_at_problem(value) -> str | None:
    """Why `value` is no `dateline.published_at` a written article may carry, or None.

    Empty or absent is an undated article. Anything else must be a real ISO
    8601 date or time (`2024-02-30` is not) in the years every backend stores.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        return "Not a date: use ISO 8601, e.g. 2025-04-11 or 2025-04-11T14:54:00Z."
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return f"{value[:40]!r} is not a date: use ISO 8601, e.g. 2025-04-11 or 2025-04-11T14:54:00Z."
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        return f"The year {parsed.year} is out of range: dates run from {EARLIEST_YEAR} to {LATEST_YEAR}."
    return None


#: What an article's `url` may be: a web address, or a relative one ("/2024/05/ferry", taken as ever).
WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"\A([A-Za-z][A-Za-z0-9+.\-]*):")
#: What a browser drops from a URL before it reads the scheme: tabs and line
#: breaks anywhere, control characters and spaces at the start ("java\tscript:" is javascript:).
_DROPPED_IN_URLS = re.compile(r"[\t\n\r]")
_LEADING_IN_URLS = "".join(map(chr, range(0x21)))


def url_problem(value) -> str | None:
    """Why `value` is no article `url`, or None (absent, a web address, a relative one).

    `javascript:`, `data:`, `vbscript:` (any scheme but http and https) were
    stored as given: the pages never link one, but an API client showing the
    article's link would have run it. Read as a browser reads it, so
    `JavaScript:`, ` javascript:` and `java\tscript:` are refused alike.
    """
    if not isinstance(value, str):
        return None  # not text: the field's own error
    found = _SCHEME.match(_DROPPED_IN_URLS.sub("", value).lstrip(_LEADING_IN_URLS))
    if found is None or found.group(1).lower() in WEB_SCHEMES:
        return None
    return (f"Not a web address: the url's scheme is {found.group(1).lower()[:20]!r}; "
            "give an http(s) URL, a relative one, or none.")


def _web_address(value) -> None:
    if problem := url_problem(value):
        raise ValidationError(problem)


class MentionSchema(Schema):
    paragraph = fields.Integer(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    text = fields.String(allow_none=True)


class SourceSchema(Schema):
    """A source given with an article. A field it does not have is refused, as
    at the article's top level and in its dateline: left out (EXCLUDE), a
    `POST /articles` with `"role"` or a misspelt `"kidn"` was 201 without it.
    The loader leaves such fields out and names them (`sources.role`)."""

    name = fields.String(required=True, metadata={"example": "a source familiar with the matter"})
    kind = fields.String(
        required=True, validate=validate.OneOf(["person", "organization", "outlet", "anonymous"])
    )
    title = fields.String(allow_none=True)
    affiliation = fields.String(allow_none=True)
    mentions = fields.List(fields.Nested(MentionSchema), load_default=list)


class QuoteSchema(Schema):
    """A quote given with an article; a field it does not have is refused (see SourceSchema)."""

    text = fields.String(required=True, validate=validate.Length(min=1))
    kind = fields.String(load_default="direct", validate=validate.OneOf(["direct", "partial"]))
    speaker = fields.String(allow_none=True)
    cue = fields.String(allow_none=True)
    paragraph = fields.Integer(allow_none=True)
    start = fields.Integer(allow_none=True)
    end = fields.Integer(allow_none=True)
    end_paragraph = fields.Integer(allow_none=True)
    source = fields.String(allow_none=True)


def span_problem(body: list[str], span: dict) -> dict | None:
    """Why a quote's or mention's offsets (paragraph, start, end, end_paragraph)
    do not point into `body`, as {field: [message]}, or None. No paragraph: a
    span with no place."""
    first = span.get("paragraph")
    if first is None:
        return None
    last = span.get("end_paragraph")
    last = first if last is None else last
    if not 0 <= first <= last < len(body):
        return {"paragraph": [f"Paragraph {first}" + (f" to {last}" if last != first else "")
                              + f" is not in the body, which has paragraphs 0 to {len(body) - 1}."]}
    start, end = span.get("start"), span.get("end")
    if start is not None and not 0 <= start <= len(body[first]):
        return {"start": [f"{start} is outside paragraph {first}, which is {len(body[first])} characters long."]}
    if end is not None and not 0 <= end <= len(body[last]):
        return {"end": [f"{end} is outside paragraph {last}, which is {len(body[last])} characters long."]}
    if start is not None and end is not None and first == last and start > end:
        return {"start": [f"{start} is after the end, {end}."]}
    return None


class ArticleSchema(Schema):
    """A whole article as indexed and as `GET /articles/<id>` returns it."""

    id = Id
    url = fields.String(allow_none=True, validate=[Longest(MAX_URL, "The url"), _web_address], metadata={
        "description": "The article's address: http or https, or relative; any other scheme "
                       "(javascript:, data:, ...) is refused.",
        "example": "https://example.org/2025/04/ferry"})
    outlet = fields.String(allow_none=True, validate=Longest(MAX_OUTLET, "The outlet's name"))
    headline = fields.String(required=True, validate=Size(MAX_HEADLINE, "The headline"))
    body = fields.List(
        # Under `body` -> its index, so the message need not say which paragraph.
        fields.String(validate=Size(MAX_PARAGRAPH, "This paragraph", fix="split it into shorter paragraphs")),
        required=True,
        validate=Size(MAX_PARAGRAPHS, "The body", unit="paragraphs",
                      fix="split the story into parts, or join its shortest paragraphs"),
        metadata={"description": "Paragraphs, in order."},
    )
    # Bounded like the body: without limits one article's 100,000 tags or a
    # megabyte-long byline went into every index, facet and export.
    authors = fields.List(
        fields.String(validate=Longest(MAX_AUTHOR, "This author's name")), load_default=list,
        validate=Longest(MAX_AUTHORS, "The article", unit="authors", fix="name only the people who wrote it"))
    language = fields.String(allow_none=True, load_default="en")
    section = fields.String(allow_none=True)
    tags = fields.List(
        fields.String(validate=Longest(MAX_TAG, "This tag")), load_default=list,
        validate=Longest(MAX_TAGS, "The article", unit="tags", fix="keep the most telling ones"))
    dateline = fields.Nested(DatelineSchema, load_default=dict)
    sources = fields.List(fields.Nested(SourceSchema), load_default=list)
    quotes = fields.List(fields.Nested(QuoteSchema), load_default=list)
    content_hash = fields.String(dump_only=False)
    ingested_at = fields.String()

    @validates_schema(skip_on_field_errors=True)
    def _offsets_within_the_body(self, data, **kwargs):
        """Given quotes and mentions point into the body, or nowhere (null): a
        quote at paragraph 5 of a one-paragraph body, or at start -3, was
        stored and served, and broke every client that highlights by offset.
        (Extracted ones are right by construction and skip this, see
        loaders/pipeline.py.)"""
        body = data.get("body") or []
        errors = {}
        for name, items in (("quotes", data.get("quotes") or []),
                            ("sources", data.get("sources") or [])):
            for index, item in enumerate(items):
                if name == "quotes":
                    if problem := span_problem(body, item):
                        errors.setdefault(name, {})[index] = problem
                    continue
                for number, mention in enumerate(item.get("mentions") or []):
                    if problem := span_problem(body, mention):
                        mentions = errors.setdefault(name, {}).setdefault(index, {}).setdefault("mentions", {})
                        mentions[number] = problem
        if errors:
            raise ValidationError(errors)


def _optional_text(value, longest: int | None = None) -> bool:
    return value is None or (type(value) is str and (longest is None or len(value) <= longest))


def _texts(most: int, longest: int):
    """Whether a value is a list of at most `most` texts of at most `longest` characters each."""
    return lambda value: type(value) is list and len(value) <= most and all(
        type(item) is str and len(item) <= longest for item in value)


def _paragraphs(value) -> bool:
    return type(value) is list and 1 <= len(value) <= MAX_PARAGRAPHS and all(
        type(item) is str and 1 <= len(item) <= MAX_PARAGRAPH for item in value)


_DATELINE_ORDER = tuple(DatelineSchema().load_fields)
_DATELINE_FIELDS = frozenset(_DATELINE_ORDER)


_PLACES = _texts(MAX_PLACES, MAX_PLACE)


def _dateline(value) -> bool:
    return type(value) is dict and value.keys() <= _DATELINE_FIELDS and all(
        _PLACES(item) if key == "places" else _optional_text(item) for key, item in value.items())


def _empty_list(value) -> bool:
    return type(value) is list and not value


#: Per field of ArticleSchema, whether a value is one the field loads as it is. Keep in step
#: with the fields above: a field missing here sends every article that has it to the schema.
_PLAIN_VALUES = {
    "id": lambda value: type(value) is str and ID_PATTERN.match(value) is not None,
    "url": lambda value: _optional_text(value, MAX_URL) and url_problem(value) is None,
    "outlet": lambda value: _optional_text(value, MAX_OUTLET),
    "headline": lambda value: type(value) is str and 1 <= len(value) <= MAX_HEADLINE,
    "body": _paragraphs,
    "authors": _texts(MAX_AUTHORS, MAX_AUTHOR),
    "language": _optional_text,
    "section": _optional_text,
    "tags": _texts(MAX_TAGS, MAX_TAG),
    "dateline": _dateline,
    "sources": _empty_list,
    "quotes": _empty_list,
    "content_hash": lambda value: type(value) is str,
    "ingested_at": lambda value: type(value) is str,
}
_ARTICLE_FIELDS = ArticleSchema().load_fields
#: What the service computes for every article, never taken from a client.
COMPUTED_FIELDS = ("content_hash", "ingested_at")


def load_plain(data: dict, exclude: tuple[str, ...] = ()) -> dict | None:
    """What `ArticleSchema(exclude=exclude).load(data)` returns, or None when only the schema can tell.

    The loader validates every article it prepares, and marshmallow's walk
    over each field and paragraph cost a sixth of a prepare. An article whose
    fields are all plain values within the schema's bounds (the loader's
    cleaned output) loads to a copy of itself, fields in the schema's order
    and defaults filled in: that case is answered here. Anything else, invalid
    or merely unusual (bytes, tuples, quotes given), gives None and goes to
    the schema, so errors are the schema's, worded as ever.
    """
    for name, value in data.items():
        plain = _PLAIN_VALUES.get(name)
        if plain is None or name in exclude or name not in _ARTICLE_FIELDS or not plain(value):
            return None
    if "headline" not in data or "body" not in data:  # the required fields
        return None
    loaded = {}
    for name, field in _ARTICLE_FIELDS.items():
        if name in exclude:
            continue
        if name in data:
            value = data[name]
            if name == "dateline":
                value = {key: value[key] for key in _DATELINE_ORDER if key in value}
            elif type(value) is list:
                value = list(value)
            loaded[name] = value
        elif field.load_default is not missing:
            loaded[name] = field.load_default() if callable(field.load_default) else field.load_default
    return loaded


class ArticleInputSchema(ArticleSchema):
    """`POST /articles`: the service computes the hash and ingestion time."""

    class Meta:
        exclude = COMPUTED_FIELDS

    @pre_load
    def _drop_computed_fields(self, data, **kwargs):
        """An article as fetched may be posted back as it is, edited or not: the
        service's own `content_hash` and `ingested_at` in it are ignored, not
        422 "Unknown field" (which a fetch, edit, post round trip always met)."""
        if isinstance(data, dict) and any(name in data for name in COMPUTED_FIELDS):
            return {name: value for name, value in data.items() if name not in COMPUTED_FIELDS}
        return data


#: The fields an article given to the service may have (a loader leaves others out).
ARTICLE_FIELDS = frozenset(ArticleInputSchema().fields)
DATELINE_FIELDS = frozenset(DatelineSchema().fields)
QUOTE_FIELDS = frozenset(QuoteSchema().fields)
SOURCE_FIELDS = frozenset(SourceSchema().fields)
MENTION_FIELDS = frozenset(MentionSchema().fields)


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
    sources = fields.List(fields.Dict(), metadata={
        "description": "Each source's name and kind, the article's first 100 at most "
                       "(`source_count` is how many it cites; fetch the article for all of them)."})
