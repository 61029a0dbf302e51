"""406 for a read whose `Accept` the route cannot meet.

Answering JSON to `Accept: application/xml`, or a CSV export to
`Accept: application/json`, hands a client a body it said it cannot read
and leaves it to fail on parsing. A missing `Accept`, `*/*` and the
browser's `text/html, ..., */*;q=0.8` all accept what a route gives, as
does a type with its charset (`application/json; charset=utf-8`, which
many HTTP clients send by default): every answer here is UTF-8.
"""
from __future__ import annotations

from flask import request
from flask_smorest import abort

from ..export import FORMATS
from ..feeds import ATOM

JSON = "application/json"


def offered_type(blueprint: str) -> str | None:
    """What this request's route answers with, or None when the request is
    refused anyway (an unknown export format is a 422 of its own)."""
    if blueprint == "export":
        fmt = request.args.get("format", "csv")
        return FORMATS[fmt].split(";")[0] if fmt in FORMATS else None
    if blueprint == "feeds":
        return ATOM
    return JSON


#: Atom is XML: a feed reader asking for XML in general takes it. A client may also name
#: the kind of Atom document it wants (RFC 5023: `application/atom+xml;type=feed`), which
#: werkzeug matches by its parameters, so the bare type alone answered such a client 406.
_ALSO_TAKEN = {ATOM: (f"{ATOM}; type=feed", "application/xml", "text/xml")}


def acceptable_forms(offered: str) -> list[str]:
    """`offered` bare and with the charset every answer is in: werkzeug
    matches an Accept type's parameters exactly, so `application/json;
    charset=utf-8` would not take a bare `application/json` (a 406 for
    every request of such a client)."""
    return [form for kind in (offered, *_ALSO_TAKEN.get(offered, ())) for form in (kind, f"{kind}; charset=utf-8")]


def refused_outright(accept, offered: str) -> bool:
    """Whether `Accept` names the type itself with q=0 (`application/json;q=0, */*`): the
    most specific entry wins, so a wildcard beside it does not take it back. werkzeug gives
    that entry its 0, but a charset form of the type (`acceptable_forms`) matched the wildcard."""
    return any(quality == 0 and value.split(";")[0].strip().lower() == offered for value, quality in accept)


def refuse_unacceptable(blueprints: frozenset[str]):
    """A before_request hook for reads of the API's blueprints. Writes are
    left alone: their key is checked before anything else (README), and
    their answer is JSON or nothing."""
    def hook():
        # No Accept (most API clients send none) is checked first: it is one dict lookup,
        # where the route's blueprint is worked out from its endpoint on every read.
        if "HTTP_ACCEPT" not in request.environ:
            return
        if request.method not in ("GET", "HEAD") or request.blueprint not in blueprints:
            return
        offered = offered_type(request.blueprint)
        if offered and (request.accept_mimetypes.best_match(acceptable_forms(offered)) is None
                        or refused_outright(request.accept_mimetypes, offered)):
            abort(406, message=f"This route answers {offered}; the Accept header does not take it.",
                  details={"accept": request.headers["Accept"][:200], "available": [offered]})

    return hook
