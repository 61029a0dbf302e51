"""`GET /search`."""
from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from marshmallow import RAISE

from ..offers import offers
from ..schemas.errors import ErrorSchema
from ..schemas.search import SearchArgsSchema, SearchPageSchema, load_plain
from ..search import page_as_dict, search
from .blueprint import Blueprint
from .parsing import PlainFirstParser
from .resources import backend

blp = Blueprint("search", __name__, description="Full-text search over the archive")
blp.ARGUMENTS_PARSER = PlainFirstParser({SearchArgsSchema: load_plain})


@blp.route("/search")
class Search(MethodView):
    @blp.arguments(SearchArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, SearchPageSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="Query syntax error, unknown field, bad cursor")
    @blp.alt_response(503, schema=ErrorSchema, description="The search engine is unavailable")
    @blp.alt_response(504, schema=ErrorSchema, description="search_timeout: the search ran past its deadline")
    def get(self, args):
        """Search articles

        Relevance (BM25, headline weighted above body) or date order, with
        filters, facets, HTML-safe highlights and a cursor for the next page.
        """
        # Already in the documented shape (the fuzz tests check it against the
        # schema): serialising it again through marshmallow would double the
        # service's own time on the hottest route.
        page = search(backend(), args)
        run = lambda again: search(backend(), again)  # noqa: E731
        return jsonify({**page_as_dict(page), **offers(run, args, page.total)})
