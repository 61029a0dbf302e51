"""`/sources` across the archive and `/speakers/<name>/quotes`."""
from __future__ import annotations

from flask.views import MethodView
from flask_smorest import abort
from marshmallow import RAISE

from ..offers import offers
from ..quotes import search_quotes, sources
from ..search import page_as_dict
from ..schemas.errors import ErrorSchema
from ..schemas.quotes import QuotePageSchema, SourcesArgsSchema, SourcesPageSchema, SpeakerQuotesArgsSchema
from .blueprint import Blueprint
from .caching import NOT_MODIFIED, conditional
from .parsing import StrictParser
from .resources import backend

blp = Blueprint("sources", __name__, description="Sources and speakers across the archive")
blp.ARGUMENTS_PARSER = StrictParser()


@blp.route("/sources")
class Sources(MethodView):
    @conditional
    @blp.arguments(SourcesArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, SourcesPageSchema)
    @blp.alt_response(304, description=NOT_MODIFIED)
    @blp.engine_failures()
    def get(self, args):
        """List sources

        Named people, organisations, outlets and anonymous sources, with the
        number of articles citing each and of quotes attributed to it, most
        cited first. Filter by kind, outlet and date.
        """
        return sources(backend(), args)


@blp.route("/speakers/<path:name>/quotes")  # path: a name may hold a "/" ("AC/DC")
class SpeakerQuotes(MethodView):
    @blp.arguments(SpeakerQuotesArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, QuotePageSchema)
    @blp.alt_response(400, schema=ErrorSchema, description="Query syntax error, bad cursor")
    @blp.engine_failures()
    def get(self, args, name):
        """What a person said, oldest first"""
        if not name.strip():  # the speaker filter drops blank values: it would list every quote
            abort(422, messages={"path": {"name": ["Give a speaker's name; it is blank."]}})
        args = {**args, "speaker": [name]}
        page = search_quotes(backend(), args)
        run = lambda again: search_quotes(backend(), again)  # noqa: E731
        return {**page_as_dict(page), **offers(run, args, page.total)}
