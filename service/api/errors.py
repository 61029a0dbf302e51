"""The one place errors become HTTP: always JSON `{code, message, details}`.

Domain errors carry their stable code; HTTP errors raised by Flask or by
flask-smorest's argument parsing get a code from their status. Anything
unexpected is logged and answered as `internal_error`, still as JSON.
"""
from __future__ import annotations

import logging

from flask import Flask, jsonify, request
from flask_smorest import Api
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from ..errors import (
    ArticleRejected, BackendUnavailable, EngineTimeout, InvalidRequest, NewsIndexError, RateLimited,
)
from ..query import QueryError
from ..schemas.errors import ErrorSchema, flat_messages

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
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
    response = jsonify({"code": code, "message": message, "details": details or {}})
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
            details["errors"] = data["messages"]
            if status == 422:
                message = "Invalid parameters: " + _summarise(data["messages"])
        if status == 400 and "Invalid JSON body." in str(data.get("messages", "")):
            return error_response(400, "invalid_json", "The request body is not valid JSON.", details)
        headers = dict(data.get("headers") or {})
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            headers["Allow"] = ", ".join(sorted(set(error.valid_methods)))
        if status == 500:
            log.error("internal error: %s", error)
            message = "Something went wrong on our side; the error is logged."
        return error_response(status, HTTP_CODES.get(status, error.name.lower().replace(" ", "_")),
                              message, details, headers)


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
            _name_problems(inner, f"{path}.{name}" if path and name != "_schema" else path or str(name), parts)
    else:
        text = problems if isinstance(problems, str) else "; ".join(map(str, flat_messages(problems)))
        parts.append(f"{path}: {text}")


#: What marshmallow says of a body that is not an object.
_WRONG_TYPE = "Invalid input type."


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(QueryError)
    def _query_error(error: QueryError):
        return error_response(400, error.code, error.message, error.details)

    @app.errorhandler(NewsIndexError)
    def _domain_error(error: NewsIndexError):
        status = status_of(error)
        headers = retry_headers(error)
        return error_response(status, error.code, error.message, error.details, headers)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return app.extensions["news_api"].handle_http_exception(error)
        log.exception("unhandled error")
        return error_response(500, "internal_error",
                              "Something went wrong on our side; the error is logged.")
