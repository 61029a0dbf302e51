"""Conditional writes: `If-Match` and `If-None-Match` on `POST /articles` and
`DELETE /articles/{article_id}`, optimistic concurrency for editors.

Two editors who fetched the same article each send its ETag back in
`If-Match` with their change: the first write lands, the second answers
412 `precondition_failed` with the current ETag, and nothing of it is
written, where it used to overwrite the first silently. `If-None-Match: *`
creates only. The headers become a `Precondition` over the stored article
that the backend checks atomically with the write; backends know no HTTP,
so the ETag is computed here, as `caching.conditional` computes the GET's.
"""
from __future__ import annotations

from flask import jsonify, request
from werkzeug.http import generate_etag, quote_etag

from ..backends.write_results import Precondition
from ..errors import PreconditionFailed

IF_MATCH_DOC = ("Write only if the stored article's ETag (as `GET /articles/{article_id}` gives it) is one of "
                "these, or `*` for any: an article that does not exist matches none. Otherwise 412, "
                "nothing written.")
IF_NONE_MATCH_DOC = ("`*`: write only if no article is stored under the id (create only). ETags: write only if "
                     "the stored article's is none of these. Otherwise 412, nothing written.")
PRECONDITION_FAILED = ("precondition_failed: If-Match or If-None-Match did not hold of the stored article; nothing "
                       "was written. The ETag header, when an article is stored, is its current ETag.")
ETAG_HEADER = {"ETag": {"description": "The stored article's ETag, as `GET /articles/{article_id}` gives it: "
                                       "send it in If-Match with the next edit",
                        "schema": {"type": "string"}}}


def condition_parameters(which: str) -> list[dict]:
    """The two headers as OpenAPI parameters of a write."""
    return [{"in": "header", "name": name, "required": False, "schema": {"type": "string"},
             "description": f"{text} The article compared: {which}."}
            for name, text in (("If-Match", IF_MATCH_DOC), ("If-None-Match", IF_NONE_MATCH_DOC))]


def article_etag(article: dict) -> str:
    """The ETag (unquoted) `GET /articles/{article_id}` answers for `article`: that view
    answers `jsonify(article)`, and `caching.conditional` hashes the body."""
    return generate_etag(jsonify(article).get_data())


def etag_header(article: dict | None) -> dict[str, str]:
    """`{"ETag": ...}` of a stored article, none without one."""
    return {} if article is None else {"ETag": quote_etag(article_etag(article))}


def write_condition() -> Precondition | None:
    """This request's If-Match and If-None-Match as a condition on the stored article;
    None without either. If-Match compares strongly, If-None-Match weakly (RFC 9110)."""
    has_match, has_none_match = "If-Match" in request.headers, "If-None-Match" in request.headers
    if not (has_match or has_none_match):
        return None
    if_match, if_none_match = request.if_match, request.if_none_match

    def holds(stored: dict | None) -> bool:
        if stored is None:
            return not has_match
        etag = article_etag(stored)
        if has_match and not if_match.contains(etag):
            return False
        return not (has_none_match and if_none_match.contains_weak(etag))

    return holds


def refusal(error: PreconditionFailed) -> tuple[str, dict, dict[str, str]]:
    """A 412's message, details and headers: the current ETag, when an article is stored."""
    headers = etag_header(error.current)
    if not headers:
        return (f"{error.message} Without an article, only If-None-Match: * (create) or no condition can hold.",
                {}, {})
    etag = headers["ETag"]
    return (f"{error.message} Its current ETag is {etag}: fetch it, apply the change again, and send that "
            "ETag in If-Match.", {"current_etag": etag}, headers)
