"""`/feeds/search` and `/feeds/quotes`: a search to follow, as an Atom feed."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, request, url_for
from flask.views import MethodView
from marshmallow import RAISE

from ..backends.base import KEYWORD_FILTERS
from ..feeds import ATOM, FeedLinks, article_feed, quote_feed
from ..quotes import search_quotes
from ..schemas.errors import ErrorSchema
from ..schemas.quotes import QuoteArgsSchema
from ..limits import ConfiguredRange
from ..schemas.search import SearchArgsSchema, WholeNumber
from ..search import hit_as_dict, search
from .blueprint import Blueprint
from .caching import NOT_MODIFIED, conditional
from .parsing import StrictParser
from .resources import backend, config

blp = Blueprint("feeds", __name__, description="A search to follow in a feed reader (Atom)")
blp.ARGUMENTS_PARSER = StrictParser()

_NOT_FEED_ARGUMENTS = ("cursor", "sort", "facets", "facet_size", "highlight")
_SIZE = WholeNumber(load_default=20, validate=ConfiguredRange("max_page_size"), metadata={
    "description": "Entries, newest first: at most NEWS_INDEX_MAX_PAGE_SIZE (default 100)."})
_FEED_RESPONSE = {"schema": {"type": "string"}, "content_type": ATOM,
                  "description": "An Atom 1.0 feed, newest first."}


class FeedArgsSchema(SearchArgsSchema):
    size = _SIZE

    class Meta:
        exclude = _NOT_FEED_ARGUMENTS


class QuoteFeedArgsSchema(QuoteArgsSchema):
    size = _SIZE

    class Meta:
        exclude = _NOT_FEED_ARGUMENTS


@blp.route("/feeds/search")
class SearchFeed(MethodView):
    @conditional
    @blp.arguments(FeedArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, **_FEED_RESPONSE)
    @blp.alt_response(304, description=NOT_MODIFIED)
    @blp.alt_response(400, schema=ErrorSchema, description="Query syntax error")
    @blp.engine_failures()
    def get(self, args):
        """Follow a search

        The articles the search matches (same `q` and filters as /search)
        last written into the index first, as an Atom feed for a feed reader
        or a chat channel's feed app: each entry links the story, its page
        here (quotes and sources), and shows what matched or its first
        paragraph. Poll it with the ETag.
        """
        page = search(backend(), {**_within_page_size(args), "sort": "ingested", "highlight": True})
        hits = [hit_as_dict(hit) for hit in page.hits]
        articles = backend().get_many([hit["id"] for hit in hits]) if hits else {}
        body = article_feed(_title("Search", args), hits, articles, _links("web.search_page", "ingested"))
        return _atom(body)


@blp.route("/feeds/quotes")
class QuoteFeed(MethodView):
    @conditional
    @blp.arguments(QuoteFeedArgsSchema(), location="query", unknown=RAISE, as_kwargs=False)
    @blp.response(200, **_FEED_RESPONSE)
    @blp.alt_response(304, description=NOT_MODIFIED)
    @blp.alt_response(400, schema=ErrorSchema, description="Query syntax error")
    @blp.engine_failures()
    def get(self, args):
        """Follow a quote search

        The newest quotes the quote search matches (same `q`, `match` and
        filters as /quotes): one person's words (`speaker=`), a phrase, or a
        claim's every new wording (`match=near`). Each entry links the quote
        in its article and the statement's page.
        """
        page = search_quotes(backend(), {**_within_page_size(args), "sort": "newest", "highlight": True})
        hits = [hit_as_dict(hit) for hit in page.hits]
        articles = backend().get_many([hit["id"].partition("#")[0] for hit in hits]) if hits else {}
        return _atom(quote_feed(_title("Quotes", args), hits, _links("web.quote_search_page", "newest"), articles))


def _within_page_size(args: dict) -> dict:
    """`args` with the default of 20 entries cut to NEWS_INDEX_MAX_PAGE_SIZE when that is
    lower (a `size` given above it is refused): a default is not validated, so a server
    limited to 10 hits a page served feeds of 20."""
    return {**args, "size": min(args["size"], config().max_page_size)}


def _atom(body: bytes) -> Response:
    return Response(body, content_type=f"{ATOM}; charset=utf-8")


def _links(search_page: str, order: str) -> FeedLinks:
    """Absolute addresses under NEWS_INDEX_PUBLIC_URL, else the request's own host;
    the search page in the feed's `order`."""
    # The service's root: under a path prefix given as SCRIPT_NAME (gunicorn's, a proxy's),
    # `url_for` starts with it, the public URL ends with it, and the request's host lacks it:
    # each link is the root and the path below it, so the prefix comes once.
    base = config().public_url or request.url_root.rstrip("/")

    def below(endpoint: str, **values) -> str:
        return base + url_for(endpoint, **values).removeprefix(request.script_root)

    # Encoded again, not as received: a client may send spaces or quotes raw, which no IRI holds.
    given = list(request.args.items(multi=True))
    query = urlencode(given)
    suffix = f"?{query}" if query else ""
    return FeedLinks(
        feed=base + request.path + suffix,
        page=below(search_page) + "?" + urlencode([*given, ("sort", order)]),
        article=lambda article_id: below("web.article_page", article_id=article_id),
        statement=lambda statement_id: below("web.statement_page", statement_id=statement_id),
    )


def _title(kind: str, args: dict) -> str:
    """"Search: "red line" · outlet Reuters · from 2024-01-01": what the feed follows, in a reader's list.
    Without a query, "Quotes · speaker Paul Volcker": "everything" said so of a feed of one speaker."""
    parts = [f"{kind}: {args['q']}" if args.get("q") else kind]
    for name in KEYWORD_FILTERS:
        if args.get(name):
            parts.append(f"{name.replace('_', ' ')} {' or '.join(args[name])}")
    if args.get("since"):
        parts.append(f"from {args['since'].date().isoformat()}")
    if args.get("until"):
        parts.append(f"until {args['until'].date().isoformat()}")
    if args.get("ingested_since"):
        parts.append(f"written from {args['ingested_since'].isoformat(timespec='seconds')}")
    if args.get("ingested_until"):
        parts.append(f"written until {args['ingested_until'].isoformat(timespec='seconds')}")
    return " · ".join(parts) if len(parts) > 1 or args.get("q") else f"{kind}: everything"
