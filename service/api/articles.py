"""`/articles`: fetch by id, batch fetch, add or replace, delete."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterator

from flask import jsonify, request, url_for
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import RAISE

from loaders.identity import keep_earlier_ids

from ..attribution import attribution
from ..batches import prepare_posted, write_batch
from ..errors import ArticleRejected, InvalidRequest
from ..schemas.article import ArticleInputSchema, ArticleSchema
from ..schemas.quotes import AttributionSchema
from ..schemas.articles import (
    BatchArgsSchema, BatchResponseSchema, BatchWriteResponseSchema, BatchWriteSchema, WriteResponseSchema,
)
from ..schemas.errors import ErrorSchema
from ..schemas.search import RelatedArgsSchema, RelatedPageSchema
from ..search import related
from .auth import require_api_key
from .blueprint import Blueprint
from .caching import NOT_MODIFIED, conditional
from .parsing import StrictParser, no_query_arguments
from .preconditions import ETAG_HEADER, PRECONDITION_FAILED, condition_parameters, etag_header, write_condition
from .resources import backend

blp = Blueprint("articles", __name__, description="Articles by id")
blp.ARGUMENTS_PARSER = StrictParser()
_WRITE_TIMEOUT = ("write_timeout: Elasticsearch did not confirm the write in time; part of it may have landed, "
                  "and sending it again is safe")
_WRITES_DISABLED = "forbidden: writes are disabled (NEWS_INDEX_API_KEY is not set)"


_BODY_WRITE_FAILURES = (
    (400, "invalid_json: not JSON, or nested too deeply"),
    (401, "No or wrong API key"),
    (403, _WRITES_DISABLED),
    (413, "Body too large"),
    (415, "Not Content-Type: application/json, or compressed"),
    (503, "Index busy: retry after Retry-After seconds"),
    (504, _WRITE_TIMEOUT),
)


def _body_write_failures(view):
    """The errors a write with a JSON body may answer, and its key, documented once
    for `POST /articles` and `POST /articles/batch`."""
    for status, description in reversed(_BODY_WRITE_FAILURES):
        view = blp.alt_response(status, schema=ErrorSchema, description=description)(view)
    return blp.doc(security=[{"bearerAuth": []}])(view)


@blp.route("/articles")
class Articles(MethodView):
    @conditional
    @blp.arguments(BatchArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, BatchResponseSchema)
    @blp.alt_response(304, description=NOT_MODIFIED)
    @blp.engine_failures()
    def get(self, args):
        """Fetch several articles

        Missing ids are listed in `missing`; they are not an error.
        """
        found = backend().get_many(args["ids"])
        return jsonify({  # as stored: see `Article.get`
            "articles": [found[i] for i in args["ids"] if i in found],
            "missing": [i for i in args["ids"] if i not in found],
        })

    @require_api_key  # outermost: a request without the key learns nothing of the body's checks
    @no_query_arguments(blp)
    @blp.arguments(ArticleInputSchema(), unknown=RAISE, as_kwargs=False)
    @blp.response(200, WriteResponseSchema, description="Replaced or unchanged", headers=ETAG_HEADER)
    @blp.alt_response(201, schema=WriteResponseSchema, headers={"Location": {
        "description": "The new article's URL", "schema": {"type": "string"}}, **ETAG_HEADER},
        description="Indexed as a new article")
    @blp.alt_response(412, schema=ErrorSchema, description=PRECONDITION_FAILED, headers=ETAG_HEADER)
    @_body_write_failures
    @blp.doc(parameters=condition_parameters("the article is the one the posted body resolves to: its stable "
                                             "id, or the earlier id the index holds it under"))
    def post(self, article):
        """Add or replace one article

        Runs the loader's pipeline (cleaning, extraction, stable id) and
        indexes the result. The same article posted twice is `unchanged`.
        An article as `GET /articles/{article_id}` returns it may be posted
        back: its `content_hash` and `ingested_at` are ignored (the service
        computes them). `If-Match` with the ETag it was fetched with writes
        only over that version (412 otherwise); `If-None-Match: *` creates only.
        The answer's ETag is the stored article's, for the next `If-Match`.
        """
        prepared = prepare_posted(article, datetime.now())
        result = backend().upsert(_under_earlier_id(prepared), expected=write_condition())
        if result.failed:
            raise ArticleRejected(f"Article could not be indexed: {result.failed[0][1]}")
        status = "indexed" if result.indexed else "updated" if result.updated else "unchanged"
        found = backend().get(prepared["id"])
        body = {"id": prepared["id"], "status": status, "article": found or prepared}
        if status != "indexed":
            return body, 200, etag_header(found)
        return body, 201, {"Location": url_for("articles.Article", article_id=prepared["id"]), **etag_header(found)}


@blp.route("/articles/batch")
class ArticleBatch(MethodView):
    @require_api_key
    @no_query_arguments(blp)
    @blp.arguments(BatchWriteSchema(), unknown=RAISE, as_kwargs=False)
    @blp.response(200, BatchWriteResponseSchema, description="Every item answered, in order")
    @_body_write_failures
    def post(self, body):
        """Add or replace many articles

        Each article as `POST /articles` takes it, all written in one commit.
        Every item is answered in order: indexed, updated or unchanged, or
        rejected with the error its own POST would get; one bad item never
        stops the others. A 503 or 504 concerns the whole batch: send it
        again (ids are stable, so nothing is duplicated).
        A batch takes no `If-Match` or `If-None-Match` (400): send a
        conditional edit alone, with `POST /articles`.
        """
        if "If-Match" in request.headers or "If-None-Match" in request.headers:
            # Ignored, an editor's condition would have looked honoured while edits were overwritten.
            raise InvalidRequest("A batch takes no If-Match or If-None-Match: send a conditional write alone, "
                                 "with POST /articles; nothing was written.", location="headers")
        return write_batch(backend(), body["articles"])


def _under_earlier_id(prepared: dict) -> Iterator[dict]:
    """The article, under the earlier id the index may hold it by (in place).

    Looked up as the write reads it, so a lookup the engine does not answer
    in time is the write's 504 (`write_timeout`: send it again), as in a load.
    """
    keep_earlier_ids([prepared], backend().get_many)
    yield prepared


@blp.route("/articles/<string:article_id>")
class Article(MethodView):
    @conditional
    @no_query_arguments(blp)
    @blp.response(200, ArticleSchema)
    @blp.alt_response(304, description=NOT_MODIFIED)
    @blp.alt_response(404, schema=ErrorSchema, description="No article with this id")
    @blp.engine_failures()
    def get(self, article_id):
        """Fetch one article by id"""
        article = backend().get(article_id)
        if article is None:
            abort(404, message=f"No article with id '{article_id}'.")
        # An article is stored as `prepare` validated it against ArticleSchema,
        # so it is already in the documented shape (tests/api/test_articles_api.py
        # holds every stored article equal to its dump): dumping it again would
        # cost more than the engine's fetch itself.
        response = jsonify(article)
        response.last_modified = _written_at(article)
        return response

    @require_api_key
    @no_query_arguments(blp)
    @blp.response(204)
    @blp.alt_response(404, schema=ErrorSchema, description="No article with this id")
    @blp.alt_response(401, schema=ErrorSchema, description="No or wrong API key")
    @blp.alt_response(403, schema=ErrorSchema, description=_WRITES_DISABLED)
    @blp.alt_response(503, schema=ErrorSchema, description="Index busy: retry after Retry-After seconds")
    @blp.alt_response(504, schema=ErrorSchema, description=_WRITE_TIMEOUT)
    @blp.alt_response(412, schema=ErrorSchema, description=PRECONDITION_FAILED, headers=ETAG_HEADER)
    @blp.doc(security=[{"bearerAuth": []}], parameters=condition_parameters("the article is the one of the path"))
    def delete(self, article_id):
        """Delete an article

        `If-Match` with the ETag it was fetched with deletes only that
        version: 412 if another write changed it since (nothing deleted).
        """
        if not backend().delete(article_id, expected=write_condition()):
            abort(404, message=f"No article with id '{article_id}'.")
        return None


@blp.route("/articles/<string:article_id>/related")
class Related(MethodView):
    @blp.arguments(RelatedArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, RelatedPageSchema)
    @blp.alt_response(404, schema=ErrorSchema, description="No article with this id")
    @blp.engine_failures()
    def get(self, args, article_id):
        """Related coverage of an article

        The articles about the same people, bodies and subject: the names the
        article cites and the words it uses most, searched by relevance (BM25)
        under the filters of /search, the article itself and other copies of
        one story (by headline) left out. `q` is
        that search as query text.
        """
        article = backend().get(article_id)
        if article is None:
            abort(404, message=f"No article with id '{article_id}'.")
        return jsonify(related(backend(), article, args))


def _written_at(article: dict) -> datetime | None:
    """When the article was last written: `ingested_at` changes with every
    write that changes it, and only then (an unchanged one is not rewritten)."""
    try:
        written = datetime.fromisoformat(article.get("ingested_at") or "")
    except ValueError:
        return None
    return written if written.tzinfo else written.replace(tzinfo=timezone.utc)


@blp.route("/articles/<string:article_id>/attribution")
class Attribution(MethodView):
    @conditional
    @no_query_arguments(blp)
    @blp.response(200, AttributionSchema)
    @blp.alt_response(304, description=NOT_MODIFIED)
    @blp.alt_response(404, schema=ErrorSchema, description="No article with this id")
    @blp.engine_failures()
    def get(self, article_id):
        """Who the article rests on

        Each source (name, kind, affiliation, mentions) with the quotes and
        claims attributed to it, and counts of named vs anonymous attribution.
        Each quote carries its `statement_id`, for
        `/quotes/{statement_id}/occurrences`: who said it first, and where else.
        """
        article = backend().get(article_id)
        if article is None:
            abort(404, message=f"No article with id '{article_id}'.")
        return attribution(article, backend().article_quotes(article_id))
