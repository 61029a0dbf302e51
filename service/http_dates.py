"""An HTTP Date header's text, formatted once a second instead of per response."""
from __future__ import annotations

import time


def date_once_a_second(http_date):
    """`http_date`, remembering the current second's text.

    Both werkzeug's and gunicorn's `http_date` format through `email.utils`
    on every call (about 5 µs a response); the text only changes once a
    second, and the second's own text is what either gives for `time.time()`
    (they drop the fraction). A timestamp given is formatted as asked.
    """
    current = (None, "")

    def cached(timestamp=None):
        nonlocal current
        if timestamp is not None:
            return http_date(timestamp)
        second = int(time.time())
        if current[0] != second:
            current = (second, http_date(second))  # one tuple: threads see both or neither
        return current[1]

    cached.formatted_by = http_date
    return cached
