"""Costs gunicorn charged every request for nothing (named in `gunicorn.conf.py`).

**An access line nobody writes.** gunicorn builds every request's access-log
fields whenever a logging config is given (`gunicorn.conf.py` gives one, for
JSON messages), even though our `gunicorn.access` logger has no handler: the
app writes the access line (service/observability.py). `Logger`
(`logger_class`) builds it only when `accesslog` (or syslog) asks for one.

**The Date header, formatted anew for every response** through
`email.utils`: `install_date_once_a_second` (run in each worker by
`post_worker_init`) has gunicorn format it once a second.

**The forwarding trust list, checked anew for every request.** gunicorn
parses the peer's address with `ipaddress` and tests it against each network
of `forwarded_allow_ips` on every request (to know whether the peer may set
forwarding headers), though a kept-alive connection's peer is the same each
time: `install_remembered_trust` (run in each worker by `post_worker_init`)
remembers the answer per address and list. About 6 µs of the ~38 µs gunicorn
spends parsing a request here.

**The head and the body in two sends.** gunicorn writes a response's status
line and headers with one `sendall` and its body with another: two TCP
segments, and a client reading the answer wakes for each.
`install_one_send_responses` (run in each worker by `post_worker_init`) has a
response whose whole body is one piece of known length (every JSON answer of
the API) go out in one `sendall`: the same bytes, one segment. Measured
against gunicorn's two sends (two servers, requests alternated): about
0.1 ms off the median of a search and of a fetch by id, for one client.

Measured and left out: keeping a pool thread on a kept-alive connection for
2 ms after its response, instead of gthread's hand-over to the main thread
and back. It took about 0.15 ms off the median of a lone sequential client,
but tripled the searches over 5 ms on our 2-core host (benchmarks/README.md).
Serving the next request in place only when it is already readable (no
wait) took 0.11–0.34 ms off the median but had up to 3.6 times the requests over 5 ms;
capped at every other request it gained nothing measurable.
"""
from __future__ import annotations

from gunicorn import glogging, util
from gunicorn.http import message, wsgi

from .http_dates import date_once_a_second


class Logger(glogging.Logger):
    """gunicorn's logger, building an access line only when `accesslog` asks for one."""

    def _compute_access_log_enabled(self):
        cfg = self.cfg
        return bool(cfg.accesslog or (cfg.syslog and not cfg.disable_redirect_access_to_syslog))


def install_date_once_a_second() -> None:
    """In a worker: gunicorn's Date header from `http_dates.date_once_a_second`."""
    if not hasattr(util.http_date, "formatted_by"):
        util.http_date = date_once_a_second(util.http_date)


def install_remembered_trust() -> None:
    """In a worker: gunicorn's allow-list check (`message._ip_in_allow_list`) from `remembered_trust`."""
    if not hasattr(message._ip_in_allow_list, "remembers"):
        message._ip_in_allow_list = remembered_trust(message._ip_in_allow_list)


def remembered_trust(check, memory: int = 4096):
    """`check(ip, allow_list, networks)`, answering again from memory for an
    address and list it has answered (tests/test_gunicorn_tuning.py holds the
    two equal). The networks are gunicorn's parse of that same list
    (`forwarded_allow_networks()`, `proxy_allow_networks()`), so the address and
    the list decide the answer. Bounded: clients' addresses are many."""
    answers: dict = {}

    def remembered(ip_str, allow_list, networks):
        key = (ip_str, tuple(allow_list))
        answer = answers.get(key)
        if answer is None:
            answer = check(ip_str, allow_list, networks)
            if len(answers) >= memory:
                answers.clear()
            answers[key] = answer
        return answer

    remembered.remembers = check
    return remembered


def install_one_send_responses() -> None:
    """In a worker: gunicorn's responses built as `OneSendResponse` (`wsgi.create` reads the module's name)."""
    if not issubclass(wsgi.Response, OneSendResponse):
        wsgi.Response = OneSendResponse


class OneSendResponse(wsgi.Response):
    """gunicorn's response, sending its head with the first body bytes when
    those are the whole body (`Content-Length` bytes, unchunked).

    Anything else (chunked, a body in several pieces or past its length, no
    body, a file) is gunicorn's own path, unchanged: the head is sent before
    the first body bytes exactly when gunicorn would send it."""

    def write(self, arg):
        if (self.headers_sent or self.chunked or self._omits_body or type(arg) is not bytes
                or self.response_length is None or len(arg) != self.response_length):
            return super().write(arg)
        head = self.head()
        self.headers_sent = True
        self.sent += len(arg)
        util.write(self.sock, head + arg)

    def head(self) -> bytes:
        """What gunicorn's `send_headers` sends (tests/test_gunicorn_tuning.py holds them equal)."""
        tosend = self.default_headers()
        tosend.extend(["%s: %s\r\n" % (k, v) for k, v in self.headers])
        return util.to_bytestring("%s\r\n" % "".join(tosend), "latin-1")
