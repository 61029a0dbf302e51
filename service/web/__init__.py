"""The search page for editors and fact-checkers: server-rendered HTML over
the same domain functions as the JSON API (`service/search.py`,
`service/quotes.py`, `service/attribution.py`); no second query path.

Pages: `/` (articles), `/quote-search` (quotes), `/source-search` (sources),
`/article/<id>`, `/statement/<id>`. Assets are served from `/web-assets/` out
of this package: no CDN, no fonts or scripts from elsewhere, no build step.
Every response of this blueprint carries a Content-Security-Policy that
forbids inline script.

A fault in a page's view is a 500 page, not the API's JSON error.
Errors no view of this blueprint raised (`/nope`, `/article/` with no id, a
POST to a page) are HTML pages too when the path is not the API's and the
client prefers HTML (`register_error_pages`, called by the app factory); the
API's paths, and clients that do not ask for HTML, keep the JSON error.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from flask import Blueprint, Flask, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from ..api.errors import retry_headers, status_of
from ..errors import BackendUnavailable, EngineTimeout, NewsIndexError, RateLimited
from ..quotes import StatementNotFound
from .templating import register_filters

log = logging.getLogger(__name__)

bp = Blueprint("web", __name__, template_folder="templates", static_folder="static",
               static_url_path="/web-assets")
register_filters(bp)

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


@bp.after_request
def _security_headers(response):
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


#: First path segments that belong to the pages, whatever the API registers.
PAGE_PREFIXES = frozenset({"", "quote-search", "source-search", "article", "statement", "web-assets", "favicon.ico"})


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for it on their own; the pages link the SVG."""
    return redirect(url_for("web.static", filename="favicon.svg"), 301)


def _title(error: HTTPException) -> str:
    """"Not Found" -> "Not found", as the other pages say; an abbreviation
    keeps its capitals ("Request URI too long", not "Request uri too long")."""
    first, *rest = (error.name or "Error").split(" ")
    return " ".join([first, *(word if word.isupper() else word.lower() for word in rest)])


def _message(error: HTTPException) -> str:
    """What went wrong in the app's words when it gave them (`abort(414,
    message=...)`: how long the URL is, and the limit), else werkzeug's."""
    data = getattr(error, "data", None)
    message = data.get("message") if isinstance(data, dict) else None
    return message if isinstance(message, str) and message else error.description


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    status = error.code or 500
    return _error_page(error, status)


def _error_page(error: HTTPException, status: int):
    headers = {}
    allow = error.get_response().headers.get("Allow")
    if allow:
        headers["Allow"] = allow
    html = render_template("web/error.html", status=status, title=_title(error), message=_message(error))
    return html, status, headers


def _prefers_html() -> bool:
    accept = request.accept_mimetypes
    return accept.quality("text/html") > accept.quality("application/json")


def register_error_pages(app: Flask) -> None:
    """HTTP errors outside the pages' views (no route, wrong method) as HTML
    for browsers on non-API paths; everything else goes to the API's handler."""
    api_prefixes = {rule.rule.lstrip("/").split("/", 1)[0] for rule in app.url_map.iter_rules()
                    if not (rule.endpoint or "").startswith(bp.name + ".")}
    json_error = app.extensions["news_api"].handle_http_exception

    def handle(error: HTTPException):
        first = request.path.lstrip("/").split("/", 1)[0]
        page_path = first in PAGE_PREFIXES or first not in api_prefixes
        if not (page_path and _prefers_html()):
            return json_error(error)
        response = app.make_response(_error_page(error, error.code or 500))
        return _security_headers(response)

    app.register_error_handler(HTTPException, handle)


#: What a page calls a search that cannot be answered now (the API's 503, 504 and 429).
FAILURE_TITLES = {BackendUnavailable: "Search is unavailable", EngineTimeout: "The search took too long",
                  RateLimited: "Too many requests"}


#: By endpoint, each search page's form of this request, filled in, saying why its search was
#: refused before it ran (a 429 from the rate limit): an error page instead left an editor to
#: type the search again. Each page's module adds its own.
REFUSED_SEARCHES: dict[str, Callable[[NewsIndexError], Any]] = {}


def failure_title(error: NewsIndexError) -> str:
    return next((title for kind, title in FAILURE_TITLES.items() if isinstance(error, kind)), "Something went wrong")


@bp.errorhandler(NewsIndexError)
def _domain_error(error: NewsIndexError):
    """The status the API gives the same error (`status_of`), as a page."""
    if isinstance(error, RateLimited) and request.endpoint in REFUSED_SEARCHES:
        return REFUSED_SEARCHES[request.endpoint](error)
    if isinstance(error, StatementNotFound):
        status, title = 404, "Not found"
    else:
        status = status_of(error)
        title = "Bad request" if status == 400 else failure_title(error)
    html = render_template("web/error.html", status=status, title=title, message=error.message)
    return html, status, retry_headers(error)


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    """A fault of ours on a page: an HTML page, not the API's JSON, with the
    same words; the traceback goes to the log, as the API's does."""
    log.exception("unhandled error")
    html = render_template("web/error.html", status=500, title="Something went wrong",
                           message="Something went wrong on our side; the error is logged.")
    return html, 500


from . import article_page, search_pages, sources_page, statement_page  # noqa: E402,F401  - routes on `bp`
