"""Typed query errors: the API maps every one of them to a 400 with its code."""
from __future__ import annotations


class QueryError(ValueError):
    """A query the service refuses; `code` is stable, `message` is for people."""

    code = "invalid_query"

    def __init__(self, message: str, position: int | None = None, **details):
        super().__init__(message)
        self.message = message
        self.position = position
        self.details = {k: v for k, v in details.items() if v is not None}
        if position is not None:
            self.details["position"] = position


class QuerySyntaxError(QueryError):
    code = "query_syntax"


class UnknownFieldError(QueryError):
    code = "unknown_field"


class QueryTooComplexError(QueryError):
    code = "query_too_complex"
