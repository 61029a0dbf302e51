"""gunicorn's own refusals as the API's JSON errors.

A request gunicorn cannot parse (a malformed request line, an invalid or
repeated header, a bad Content-Length or chunk) never reaches Flask: gunicorn
answers it itself with an HTML page. Every error of this service is JSON
`{code, message, details}` (clients parse one shape), so `gunicorn.conf.py`
replaces the function gunicorn writes those answers with. The status and
gunicorn's reason stay; the connection is closed, as gunicorn does.
"""
from __future__ import annotations

import json

def json_error(status: int, reason: str, message: str, request_id: str | None = None) -> bytes:
    """The whole HTTP/1.1 answer, bytes ready for the socket.

    The codes are the API error handler's; imported here, in a worker, where
    the app has loaded them, not when gunicorn's master reads its config.
    """
    from .api.errors import HTTP_CODES
    from .observability import REQUEST_ID_HEADER

    body = json.dumps({
        "code": HTTP_CODES.get(status, reason.lower().replace(" ", "_") or "bad_request"),
        "message": f"{reason}: {message}" if message else reason,
        # A 400 has `errors`, as the app's have: here empty, no parameter or body field is at fault.
        "details": {"errors": {}} if status in (400, 422) else {},
    }).encode()
    request_line = f"{REQUEST_ID_HEADER}: {request_id}\r\n" if request_id else ""
    head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
            f"X-Content-Type-Options: nosniff\r\n{request_line}Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1", "replace") + body


def install() -> None:
    """Make gunicorn's workers answer requests they refuse with `json_error`."""
    from gunicorn import util

    def write_error(sock, status_int, reason, mesg):
        from .observability import record_refused

        # Counted and logged with a request id, as the app's answers are: a client
        # sending malformed requests shows in the 4xx rates and can quote the id.
        status = int(status_int)
        request_id = record_refused(status)
        util.write_nonblock(sock, json_error(status, str(reason), str(mesg), request_id))

    util.write_error = write_error
