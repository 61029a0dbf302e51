"""The JSON API: one blueprint per resource, OpenAPI generated from schemas."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote_to_bytes

from flask import Blueprint, Flask, request, send_from_directory
from flask_smorest import abort

from ..errors import InvalidRequest
from ..limits import max_query_string_bytes
from . import articles, export, feeds, health, metrics, quotes, search, sources
from .errors import NewsApi, register_error_handlers
from .negotiation import refuse_unacceptable

BLUEPRINTS = (search.blp, quotes.blp, sources.blp, export.blp, feeds.blp, articles.blp, health.blp)


def init_app(app: Flask) -> NewsApi:
    app.config.setdefault("API_TITLE", "News index")
    app.config.setdefault("API_VERSION", "1.0")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("OPENAPI_SWAGGER_UI_PATH", "/docs")
    app.config.setdefault("OPENAPI_SWAGGER_UI_URL", "/docs/assets/")
    api = NewsApi(app, spec_kwargs={"info": {"description": "Search news articles, quotes and sources."}})
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
    app.extensions["news_api"] = api
    register_error_handlers(app)
    app.before_request(_url_within_limit(max_query_string_bytes()))  # this app's limit (its context is pushed)
    app.before_request(refuse_unacceptable(frozenset(blueprint.name for blueprint in BLUEPRINTS)))
    app.after_request(_no_content_has_no_type)
    app.register_blueprint(_swagger_assets())
    app.register_blueprint(metrics.blp)  # not an API operation: kept out of the OpenAPI spec
    return api


def _url_within_limit(limit: int):
    """An over-long URL is a JSON 414 from the app, not an HTML one from gunicorn
    (whose request-line limit is off in gunicorn.conf.py: a 1,000-character
    query in Chinese is 9,000 bytes URL-encoded, over its largest limit).

    The path is held to the same limit: with gunicorn's off, nothing else
    stopped a 5 MB article id or speaker name, searched for and echoed whole
    in the 404's message. The limit is the app's, read once, not per request."""
    def hook():
        environ = request.environ
        # QUERY_STRING is latin-1 text: as many characters as request.query_string has bytes.
        for part, length in (("query string", len(environ.get("QUERY_STRING", ""))),
                             ("path", len(environ.get("PATH_INFO", "")))):
            if length > limit:
                abort(414, message=f"The {part} is {length} bytes; the limit is {limit}.",
                      details={"limit": limit})
        _query_string_is_utf8(environ.get("QUERY_STRING", ""))
        _path_is_utf8(environ)

    return hook


def _path_is_utf8(environ: dict) -> None:
    """A path percent-encoded in another charset (`/speakers/Jos%E9/quotes`) is a 400, as
    such a parameter is: werkzeug read the byte as '\ufffd', so the speaker's quotes were
    an empty 200 and `/articles/%FF` a 404 naming an id no client sent.

    Read from the request line as sent (gunicorn's RAW_URI, werkzeug's REQUEST_URI):
    PATH_INFO is already decoded, by some servers with the bad bytes replaced."""
    uri = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if uri is None:
        raw = environ.get("PATH_INFO", "").encode("latin-1", "replace")  # the path's bytes as latin-1 text
    else:
        path = uri.split("?", 1)[0]
        if "%" not in path and path.isascii():
            return
        raw = unquote_to_bytes(path.encode("latin-1", "replace"))
    if bad := _not_utf8(raw):
        raise InvalidRequest(f"The path is not UTF-8 text: {bad} is no UTF-8 character. {_ENCODE_AS_UTF8}",
                             location="path")


def _query_string_is_utf8(query: str) -> None:
    """A parameter percent-encoded in another charset (`q=caf%E9`, Latin-1) is a 400.

    werkzeug keeps bytes that are no UTF-8 as the text `%E9`, so the search
    looked for "caf%E9", found nothing, and answered 200: a client encoding
    its queries in Latin-1 or Windows-1252 saw an empty archive, never an error.
    """
    if "%" not in query and query.isascii():
        return
    for pair in query.split("&"):
        if bad := _not_utf8(unquote_to_bytes(pair.replace("+", " ").encode("latin-1"))):
            name = _parameter_name(pair.split("=", 1)[0])
            raise InvalidRequest(f"Parameter {name!r} is not UTF-8 text: {bad} is no UTF-8 character. "
                                 f"{_ENCODE_AS_UTF8}", parameter=name)


_ENCODE_AS_UTF8 = "Percent-encode text as UTF-8 (é is %C3%A9, not %E9)."


def _not_utf8(raw: bytes) -> str | None:
    """The first bytes of `raw` that are no UTF-8, percent-encoded (`%E9`); None if all are."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return "".join(f"%{byte:02X}" for byte in raw[error.start:error.end])
    return None


def _parameter_name(written: str) -> str:
    """A parameter's name for its error: decoded, or as written where it is no UTF-8
    itself (`%E9=1` named '\ufffd', which no client can find in its request)."""
    try:
        return unquote_to_bytes(written.replace("+", " ").encode("latin-1")).decode("utf-8")
    except UnicodeDecodeError:
        return "".join(c if c.isascii() and c.isprintable() else f"%{ord(c):02X}" for c in written)


def _no_content_has_no_type(response):
    """A 204 has no body, so no Content-Type (flask-smorest gives it application/json);
    nor has Flask's answer to OPTIONS (which it labels text/html)."""
    if response.status_code == 204 or (
            request.method == "OPTIONS" and not response.is_streamed and not response.get_data()):
        response.headers.pop("Content-Type", None)
    return response


def _swagger_assets() -> Blueprint:
    """Swagger UI served from the installed package: no CDN on closed networks."""
    import swagger_ui_bundle

    folder = Path(swagger_ui_bundle.swagger_ui_path)
    assets = Blueprint("docs_assets", __name__)

    @assets.route("/docs/assets/<path:filename>")
    def asset(filename):
        return send_from_directory(folder, filename)

    @assets.route("/docs/assets/news-index-init.js")  # beside the bundle: not counted by the rate limit either
    def init_script():  # the page's own start-up (templates/swagger_ui.html): no inline script
        return send_from_directory(Path(__file__).parent, "docs-init.js", mimetype="text/javascript")

    return assets
