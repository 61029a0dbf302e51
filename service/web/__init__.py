"""The search page for editors and fact-checkers: server-rendered HTML over
the same domain functions as the JSON API (`service/search.py`,
`service/quotes.py`, `service/attribution.py`); no second query path.

Pages: `/` (articles), `/quote-search` (quotes), `/article/<id>`,
`/statement/<id>`. Assets are served from `/web-assets/` out of this package:
no CDN, no fonts or scripts from elsewhere, no build step. Every response of
this blueprint carries a Content-Security-Policy that forbids inline script.
"""
from __future__ import annotations

from flask import Blueprint, render_template
from werkzeug.exceptions import HTTPException

from ..errors import BackendUnavailable, InvalidRequest, NewsIndexError
from ..quotes import StatementNotFound
from .templating import register_filters

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


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    status = error.code or 500
    return render_template("web/error.html", status=status, title=error.name,
                           message=error.description), status


@bp.errorhandler(NewsIndexError)
def _domain_error(error: NewsIndexError):
    headers = {}
    if isinstance(error, StatementNotFound):
        status, title = 404, "Not found"
    elif isinstance(error, BackendUnavailable):
        status, title = 503, "Search is unavailable"
        headers["Retry-After"] = str(error.retry_after)
    elif isinstance(error, InvalidRequest):
        status, title = 400, "Bad request"
    else:
        status, title = 500, "Something went wrong"
    html = render_template("web/error.html", status=status, title=title, message=error.message)
    return html, status, headers


from . import article_page, search_pages, statement_page  # noqa: E402,F401  - routes on `bp`
