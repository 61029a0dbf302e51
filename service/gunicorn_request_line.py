"""A bound on the request line under gunicorn (installed by `gunicorn.conf.py`).

gunicorn's largest `limit_request_line` is 8,190 bytes, less than a
1,000-character query in Chinese takes URL-encoded, so `gunicorn.conf.py`
sets it to 0, which gunicorn reads as no limit at all: the app answers an
over-long URL itself, with a JSON 414 naming the limit. But the app sees a
request only once its line has ended. A client sending a line that never
ends was read for as long as it kept sending, gunicorn copying its whole
buffer again at every 8 KB read: one connection sending 100 MB without a
line break held a worker busy on a core for over ten minutes, its memory
growing by hundreds of megabytes.

gunicorn's own check of the line (`Request.read_line`) takes any positive
limit; only its setting stops at 8,190. The line is held here to more than
any URL the app accepts could need, so the app still answers every URL a
client plausibly sends with its own 414, and a line beyond that is
gunicorn's 414, in the API's JSON shape (`service/gunicorn_errors.py`).
"""
from __future__ import annotations

from .limits import ENCODED_CHARACTER_BYTES, QUERY_STRING_ROOM

#: Below this the app's own 414 (naming its limit) answers: a megabyte, as
#: gunicorn's C parser bounds a line it is told is unlimited.
LEAST_REQUEST_LINE = 1 << 20
#: The method, the spaces, `?` and the protocol version around the target.
_REST_OF_LINE = 64


def request_line_limit(max_query_length: int) -> int:
    """Bytes a request line may hold: the longest query string the app takes
    and a path of that length, written with every byte percent-encoded (the app
    counts the path decoded), or a megabyte, whichever is more."""
    query_string = max_query_length * ENCODED_CHARACTER_BYTES + QUERY_STRING_ROOM
    return max(LEAST_REQUEST_LINE, query_string + 3 * query_string + _REST_OF_LINE)


def install(limit: int) -> None:
    """Make gunicorn refuse a request line over `limit` bytes (a 414), unless
    its `limit_request_line` sets a smaller one."""
    from gunicorn.http import message

    read_line = getattr(message.Request.read_line, "_unbounded", message.Request.read_line)

    def bounded_read_line(self, unreader, buf, given_limit=0):
        return read_line(self, unreader, buf, given_limit if 0 < given_limit < limit else limit)

    bounded_read_line._unbounded = read_line
    message.Request.read_line = bounded_read_line
