"""`/quotes`: one hit per quote, and a statement's occurrences."""
from __future__ import annotations

from flask import jsonify
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import RAISE

from ..quotes import StatementNotFound, occurrences, search_quotes
from ..offers import offers
from ..search import page_as_dict
from ..schemas.errors import ErrorSchema
from ..schemas.quotes import QuoteArgsSchema, QuotePageSchema, StatementSchema
from .blueprint import Blueprint
from .caching import NOT_MODIFIED, conditional
from .parsing import StrictParser, no_query_arguments
from .resources import backend

blp = Blueprint("quotes", __name__, description="Quotes: who said what, where and first when")
blp.ARGUMENTS_PARSER = StrictParser()


@blp.route("/quotes")
class Quotes(MethodView):
    @blp.arguments(QuoteArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, QuotePageSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="Query syntax error, bad cursor")
    @blp.engine_failures()
    def get(self, args):
        """Search quotes

        One hit per quote, with its speaker, cue, kind, attributed source,
        statement id and article. `sort=oldest` puts the earliest first.
        """
        page = search_quotes(backend(), args)
        run = lambda again: search_quotes(backend(), again)  # noqa: E731
        # shaped already, as /search
        return jsonify({**page_as_dict(page), **offers(run, args, page.total)})


@blp.route("/quotes/<string:statement_id>/occurrences")
class Occurrences(MethodView):
    @conditional
    @no_query_arguments(blp)
    @blp.response(200, StatementSchema)
    @blp.alt_response(304, description=NOT_MODIFIED)
    @blp.alt_response(404, schema=ErrorSchema, description="No such statement")
    @blp.engine_failures()
    def get(self, statement_id):
        """Where a statement appeared, oldest first

        Every article carrying the statement (quotes grouped at load time
        when they are the same words with small edits), with the first-seen
        date and each variant's wording.
        """
        try:
            return occurrences(backend(), statement_id)
        except StatementNotFound as error:
            abort(404, message=error.message)
