"""`/export` and `/quotes/export`: every match of a search, streamed."""
from __future__ import annotations

import itertools
import logging

from flask import Response, stream_with_context
from flask.views import MethodView
from marshmallow import RAISE, ValidationError, fields, validate, validates_schema

from ..export import ARTICLE_COLUMNS, FORMATS, QUOTE_COLUMNS, article_rows, encode, quote_rows
from ..schemas.errors import ErrorSchema
from ..schemas.export import ArticleRowSchema, QuoteRowSchema
from ..schemas.quotes import QuoteArgsSchema
from ..schemas.search import SearchArgsSchema
from .blueprint import Blueprint
from .parsing import StrictParser
from .resources import backend

log = logging.getLogger(__name__)

blp = Blueprint("export", __name__, description="Bulk export of every match, streamed")
blp.ARGUMENTS_PARSER = StrictParser()

_FORMAT = fields.String(load_default="csv", validate=validate.OneOf(list(FORMATS)), metadata={
    "description": "csv (a header row, sources as 'kind:name; ...') or jsonl (one object per line)."})
_SORT = fields.String(load_default="newest", validate=validate.OneOf(["newest", "oldest"]))
#: Articles may also come last written first, as the search page's 'Recently added' lists them
#: (its export link carries that sort; quotes hold no time of writing).
_ARTICLE_SORT = fields.String(load_default="newest", validate=validate.OneOf(["newest", "oldest", "ingested"]))
_BOM = fields.Boolean(load_default=False, metadata={
    "description": "format=csv only: start the file with a UTF-8 byte order mark, so Excel reads it as "
                   "UTF-8 (without one it reads curly quotes and accents as mojibake). Off by default: "
                   "a program reading the CSV would find it in the first column's name."})
_PAGING = ("size", "cursor", "highlight", "facets", "facet_size")
_STREAMED = ("Streamed. format=jsonl: one object per line, as shown; format=csv: a header row, "
             "then one row per match with the same columns.")
_CSV_RESPONSE = {"schema": {"type": "string"}, "content_type": FORMATS["csv"], "description": _STREAMED,
                 "success": True}


class _ExportOptions:
    format = _FORMAT
    sort = _SORT
    bom = _BOM

    @validates_schema
    def _bom_is_for_csv(self, data, **kwargs):
        if data.get("bom") and data.get("format") != "csv":
            raise ValidationError("A byte order mark is for format=csv only: JSONL parsers refuse one.", "bom")


class ExportArgsSchema(_ExportOptions, SearchArgsSchema):
    sort = _ARTICLE_SORT

    class Meta:
        exclude = _PAGING


class QuoteExportArgsSchema(_ExportOptions, QuoteArgsSchema):
    class Meta:
        exclude = _PAGING


def _stream(rows, args: dict, columns, name: str) -> Response:
    fmt = args["format"]
    chunks = _logged_if_cut(encode(rows, fmt, columns), name)
    if args.get("bom"):
        chunks = itertools.chain(["\ufeff"], chunks)
    response = Response(stream_with_context(chunks), content_type=FORMATS[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _logged_if_cut(chunks, name: str):
    """An engine error after the 200 has gone out cannot become a JSON error:
    it propagates, and the server cuts the connection before the chunked
    body's end, so the client sees a broken transfer, never a complete-looking
    file. Logged here first, with the request id and how far it got: the
    access log can only say 200."""
    sent = 0
    try:
        for chunk in chunks:
            yield chunk
            sent += 1
    except Exception:
        log.exception("%s export cut short after %d chunks: the client got a broken transfer", name, sent)
        raise


@blp.route("/export")
class Export(MethodView):
    @blp.arguments(ExportArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, ArticleRowSchema, description=_STREAMED, content_type=FORMATS["jsonl"])
    @blp.alt_response(200, **_CSV_RESPONSE)
    @blp.alt_response(400, schema=ErrorSchema, description="Query syntax error")
    @blp.engine_failures()
    def get(self, args):
        """Export every article a search matches

        Same query and filters as /search; every match, newest first (or
        oldest), with id, headline, outlet, dateline, date, URL, sources and
        quote count. Streamed: no limit on the number of matches.
        """
        rows = article_rows(backend(), args)
        return _stream(rows, args, ARTICLE_COLUMNS, "articles")


@blp.route("/quotes/export")
class QuoteExport(MethodView):
    @blp.arguments(QuoteExportArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, QuoteRowSchema, description=_STREAMED, content_type=FORMATS["jsonl"])
    @blp.alt_response(200, **_CSV_RESPONSE)
    @blp.alt_response(400, schema=ErrorSchema, description="Query syntax error")
    @blp.engine_failures()
    def get(self, args):
        """Export every quote a quote search matches"""
        rows = quote_rows(backend(), args)
        return _stream(rows, args, QUOTE_COLUMNS, "quotes")
