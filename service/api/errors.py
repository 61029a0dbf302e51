"""The one place errors become HTTP: always JSON `{code, message, details}`.

Domain errors carry their stable code; HTTP errors raised by Flask or by
flask-smorest's argument parsing get a code from their status. Anything
unexpected is logged and answered as `internal_error`, still as JSON.

Every 400 and 422 has `details.errors` in webargs' shape, whichever layer
found the problem: `{location: {field: [message, ...]}}`, the location
`query`, `json` (the body) or `path`, a nested field nested (`quotes` ->
`"0"` -> `text`), `_schema` for a location as a whole (a body that is not
JSON, or not an object). A domain error's own details (`position`, `limit`,
`parameter`) stay beside it. Our own checks once answered 422 with the
article's field errors at the top (`errors.dateline`), webargs' with them
under the location (`errors.json.dateline`): a client had to know which.
"""
from __future__ import annotations

import logging

from flask import Flask, jsonify, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from ..errors import (
    ArticleRejected, BackendUnavailable, EngineTimeout, InvalidCursor, InvalidRequest, NewsIndexError,
    PreconditionFailed, RateLimited,
)
from ..query import QueryError
from ..schemas.article import item_name
from ..schemas.errors import ErrorSchema, flat_messages
from .preconditions import refusal

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "invalid_parameters",
    429: "too_many_requests",
    431: "request_header_fields_too_large",
    500: "internal_error",
    503: "unavailable",
}
_STATUS = [
    (RateLimited, 429),
    (BackendUnavailable, 503),
    (EngineTimeout, 504),
    (ArticleRejected, 422),
    (PreconditionFailed, 412),
    (InvalidRequest, 400),
    (NewsIndexError, 500),
]


def status_of(error: NewsIndexError) -> int:
    """The HTTP status of a domain error; the pages answer with the same one."""
    return next(code for kind, code in _STATUS if isinstance(error, kind))


def retry_headers(error: NewsIndexError) -> dict[str, str]:
    """`Retry-After` for an error that says when to try again (unavailable, rate limited)."""
    retry_after = getattr(error, "retry_after", None)
    return {} if retry_after is None else {"Retry-After": str(retry_after)}


def error_response(status: int, code: str, message: str, details: dict | None = None, headers=None):
    details = dict(details or {})
    if status in (400, 422):
        details["errors"] = _by_location(details.get("errors"))
    response = jsonify({"code": code, "message": message, "details": details})
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


class NewsApi(Api):
    """flask-smorest's Api with our error shape."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        status = error.code or 500
        details = dict(data.get("details") or {})
        message = data.get("message") or error.description or error.name
        if isinstance(error, NotFound) and not data and request and request.url_rule is None:
            message = _no_route(request.path)
        if "messages" in data:  # webargs validation errors, by location
            details["errors"] = data["messages"] if isinstance(data["messages"], dict) else {}
            if status == 422:
                message = "Invalid parameters: " + _summarise(data["messages"])
        if status == 400 and "Invalid JSON body." in str(data.get("messages", "")):
            # The reason, when one is known (not UTF-8, nested too deeply), in the message too.
            reasons = [m for m in flat_messages(data["messages"]) if m != "Invalid JSON body."]
            return error_response(400, "invalid_json", " ".join(["The request body is not valid JSON.", *reasons]),
                                  details)
        headers = dict(data.get("headers") or {})
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            headers["Allow"] = ", ".join(sorted(set(error.valid_methods)))
        if status == 500:
            log.error("internal error: %s", error)
            message = "Something went wrong on our side; the error is logged."
        return error_response(status, HTTP_CODES.get(status, error.name.lower().replace(" ", "_")),
                              message, details, headers)


def _by_location(errors) -> dict:
    """`details.errors` as `{location: {field: [messages]}}`: webargs' own
    `{"json": ["Invalid JSON body."]}` (a list for a whole location) becomes
    `{"json": {"_schema": [...]}}`, as marshmallow names a whole object."""
    if not isinstance(errors, dict):
        return {}
    return {location: problems if isinstance(problems, dict) else {"_schema": list(flat_messages(problems))}
            for location, problems in errors.items()}


def _input_errors(error: NewsIndexError | QueryError) -> dict | None:
    """Where in the request a domain error's problem lies, as `details.errors`.

    `q` for the query language; the cursor; the parameter an InvalidRequest
    names (else the query string as a whole); the body's fields for an
    article refused after its schema passed (a blank headline, a date no
    backend stores), else the body as a whole.
    """
    if isinstance(error, QueryError):
        return {"query": {"q": [error.message]}}
    if isinstance(error, InvalidCursor):
        return {"query": {"cursor": [error.message]}}
    if isinstance(error, InvalidRequest):
        where = error.details.get("location") or "query"  # or the path, or the headers
        return {where: {error.details.get("parameter") or "_schema": [error.message]}}
    if isinstance(error, ArticleRejected):
        return {"json": error.details.get("errors") or {"_schema": [error.message]}}
    return None


def _no_route(path: str) -> str:
    """What a path no route takes is told: werkzeug's "check your spelling" did
    not say that an encoded slash (`/articles/%2F..`) is a slash, so the
    path holds an empty segment no route has."""
    shown = path if len(path) <= 200 else path[:200] + "…"
    message = f"No route matches the path {shown!r}; /openapi.json lists the routes."
    if "//" in path:
        message += " It has an empty segment ('//'), which no route takes: an encoded slash, %2F, counts as a slash."
    return message


def _summarise(messages) -> str:
    """`quotes.0.text: Not a valid string.`: each problem with the path to its field.

    Only the first level was named before, so a nested problem read
    "quotes: Not a valid string." and the client had to dig in `details`.
    A paragraph, author or tag is named as the loader's reasons name it,
    counted from 1 ("body paragraph 4", `item_name`): "body.3" beside a reason
    about the fourth paragraph read as two paragraphs. `details.errors` keeps
    marshmallow's index (`body` -> `"3"`), the documented shape for programs.
    """
    parts: list[str] = []
    for location in messages.values() if isinstance(messages, dict) else [messages]:
        if isinstance(location, dict):
            _name_problems(location, "", parts)
    return ", ".join(parts) or "see details"


def _name_problems(problems, path: str, parts: list[str]) -> None:
    if isinstance(problems, dict):
        for name, inner in problems.items():
            if name == "_schema" and not path and _WRONG_TYPE in flat_messages(inner):
                parts.append("the body must be one JSON object, an article (a list or a bare value is not)")
                continue
            counted = item_name(path, name)
            _name_problems(inner, counted or (f"{path}.{name}" if path and name != "_schema" else path or str(name)),
                           parts)
    else:
        text = problems if isinstance(problems, str) else "; ".join(map(str, flat_messages(problems)))
        parts.append(f"{path}: {text}")


#: What marshmallow says of a body that is not an object.
_WRONG_TYPE = "Invalid input type."


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(QueryError)
    def _query_error(error: QueryError):
        return error_response(400, error.code, error.message, {**error.details, "errors": _input_errors(error)})

    @app.errorhandler(NewsIndexError)
    def _domain_error(error: NewsIndexError):
        status = status_of(error)
        headers = retry_headers(error)
        details = dict(error.details)
        message = error.message
        if status in (400, 422):
            details["errors"] = _input_errors(error)
        if isinstance(error, PreconditionFailed):  # the current ETag, which the backend knows nothing of
            message, current, etag = refusal(error)
            details.update(current)
            headers.update(etag)
        return error_response(status, error.code, message, details, headers)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return app.extensions["news_api"].handle_http_exception(error)
        log.exception("unhandled error")
        return error_response(500, "internal_error",
                              "Something went wrong on our side; the error is logged.")
