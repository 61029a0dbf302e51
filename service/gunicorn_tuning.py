"""Two costs gunicorn charged every request for nothing (named in `gunicorn.conf.py`).

**An access line nobody writes.** gunicorn builds every request's access-log
fields whenever a logging config is given (`gunicorn.conf.py` gives one, for
JSON messages), even though our `gunicorn.access` logger has no handler: the
app writes the access line (service/observability.py). `Logger`
(`logger_class`) builds it only when `accesslog` (or syslog) asks for one.

**The Date header, formatted anew for every response** through
`email.utils`: `install_date_once_a_second` (run in each worker by
`post_worker_init`) has gunicorn format it once a second.

Measured and left out: keeping a pool thread on a kept-alive connection for
2 ms after its response, instead of gthread's hand-over to the main thread
and back. It took about 0.15 ms off the median of a lone sequential client,
but tripled the searches over 5 ms on our 2-core host (benchmarks/README.md).
"""
from __future__ import annotations

import time

from gunicorn import glogging, util


class Logger(glogging.Logger):
    """gunicorn's logger, building an access line only when `accesslog` asks for one."""

    def _compute_access_log_enabled(self):
        cfg = self.cfg
        return bool(cfg.accesslog or (cfg.syslog and not cfg.disable_redirect_access_to_syslog))


def install_date_once_a_second() -> None:
    """In a worker: gunicorn's Date header from `_date_once_a_second`."""
    if not hasattr(util.http_date, "formatted_by"):
        util.http_date = _date_once_a_second(util.http_date)


def _date_once_a_second(http_date):
    """gunicorn's `util.http_date`, remembering the current second's text."""
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
