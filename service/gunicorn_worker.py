"""gunicorn's threaded worker, less what every request paid for nothing.

**The round trip between threads.** gunicorn's `gthread` worker hands each
request on a kept-alive connection across two threads: the main thread polls
the connection and passes it to a pool thread, which answers and hands it
back to be polled again (a pipe write to wake the main thread, the GIL passed
back and forth each way). On our 2-core host that round trip was about
0.15 ms of a bare Flask app's 0.8 ms under gunicorn. `LingeringThreadWorker`
keeps the pool thread on the connection for `LINGER_SECONDS` after a
response: a client that sends its next request by then (one paging through
results, fetching articles one by one, or a service's pooled connection) is
answered by the same thread at once; one that does not goes back to the main
thread as before. A thread waits only while its connection is the only one
the worker holds (under concurrent load the worker is gthread as it was; on
this host lingering beside other connections cost throughput), never with
`GUNICORN_THREADS=1`, and not when the worker is stopping; a connection held
this way is still closed on the client's close or the worker's request limit
as before.

**An access line nobody writes.** gunicorn builds every request's access-log
fields whenever a logging config is given (`gunicorn.conf.py` gives one, for
JSON messages), even though our `gunicorn.access` logger has no handler: the
app writes the access line (service/observability.py). `Logger` builds it
only when `accesslog` is set.

**The Date header, formatted anew for every response** (gunicorn formats it
through `email.utils` each time): the worker formats it once a second.

Both are named in `gunicorn.conf.py` (`worker_class`, `logger_class`).
"""
from __future__ import annotations

import select
import threading
import time

from gunicorn import glogging, util
from gunicorn.workers.gthread import ThreadWorker

#: How long a pool thread waits on a kept-alive connection for its next request.
LINGER_SECONDS = 0.002


class LingeringThreadWorker(ThreadWorker):
    def init_process(self):
        util.http_date = _date_once_a_second(util.http_date)
        self._busy = 0  # pool threads serving (or waiting on) a connection
        self._busy_lock = threading.Lock()
        super().init_process()

    def handle(self, conn):
        with self._busy_lock:
            self._busy += 1
        try:
            keepalive = super().handle(conn)
            # True only for a kept-alive HTTP/1 connection (not gthread's "defer" marker).
            while keepalive is True and self._next_request_soon(conn):
                keepalive = super().handle(conn)
            return keepalive
        finally:
            with self._busy_lock:
                self._busy -= 1

    def _next_request_soon(self, conn) -> bool:
        """Whether this thread serves the connection's next request itself: only
        while this is the one connection the worker holds (no other being
        served, kept alive or queued), so that under concurrent load the worker
        is gthread as it was, and never with one thread (it is kept free)."""
        if (not self.alive or self._busy > 1 or self.cfg.threads < 2 or self.keepalived_conns
                or self.pending_conns or self._others_waiting()):
            return False
        if conn.parser.unreader.buf.getvalue():  # already read (pipelined)
            return True
        poller = select.poll()
        poller.register(conn.sock, select.POLLIN)
        return bool(poller.poll(LINGER_SECONDS * 1000))

    def _others_waiting(self) -> bool:
        """Whether a connection is queued for a pool thread."""
        queue = getattr(self.tpool, "_work_queue", None)
        return queue is not None and not queue.empty()


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


class Logger(glogging.Logger):
    """gunicorn's logger, building an access line only when `accesslog` asks for one."""

    def _compute_access_log_enabled(self):
        cfg = self.cfg
        return bool(cfg.accesslog or (cfg.syslog and not cfg.disable_redirect_access_to_syslog))
