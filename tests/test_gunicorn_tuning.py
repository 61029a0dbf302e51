"""What `gunicorn.conf.py` takes from service/gunicorn_tuning.py: no access line built
unless `accesslog` asks, and the Date header formatted once a second, gunicorn's
own text; kept-alive connections still answered back to back, pipelined or after
a pause."""
from __future__ import annotations

import socket
import time
from types import SimpleNamespace

import pytest
from gunicorn.util import http_date

from service import gunicorn_tuning, http_dates
from service.gunicorn_tuning import Logger
from tests.servers import gunicorn

REQUEST = b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"


def _responses(sock: socket.socket, count: int, buffer: bytearray) -> list[tuple[int, bytes]]:
    """(status, head) of the next `count` responses on `sock` (Content-Length framed)."""
    answers = []
    while len(answers) < count:
        while b"\r\n\r\n" not in buffer:
            data = sock.recv(65536)
            assert data, "the server closed the connection"
            buffer += data
        head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:"))
        while len(rest) < length:
            data = sock.recv(65536)
            assert data, "the server closed the connection"
            rest += data
        answers.append((int(head.split()[1]), head))
        buffer[:] = rest[length:]
    return answers


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("tuning")
    with gunicorn({"NEWS_INDEX_DATA_DIR": str(data_dir)}, workers=1) as (base, _):
        yield base


def test_a_kept_alive_connection_is_answered_back_to_back_pipelined_and_after_a_pause(served):
    host, port = served.removeprefix("http://").split(":")
    buffer = bytearray()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        for _ in range(20):
            sock.sendall(REQUEST)
            assert [status for status, _ in _responses(sock, 1, buffer)] == [200]
        sock.sendall(REQUEST * 3)
        answers = _responses(sock, 3, buffer)
        assert [status for status, _ in answers] == [200, 200, 200]
        time.sleep(0.05)
        sock.sendall(REQUEST)
        (status, head), = _responses(sock, 1, buffer)
    assert status == 200
    date = next(line for line in head.split(b"\r\n") if line.lower().startswith(b"date:"))
    assert date.decode().split(":", 1)[1].strip().endswith(" GMT")


@pytest.mark.parametrize("accesslog, syslog, enabled", [
    (None, False, False), ("-", False, True), (None, True, True)])
def test_the_access_line_is_built_only_when_accesslog_asks(accesslog, syslog, enabled):
    cfg = SimpleNamespace(accesslog=accesslog, syslog=syslog, disable_redirect_access_to_syslog=False,
                          logconfig_dict={"version": 1})
    assert Logger._compute_access_log_enabled(SimpleNamespace(cfg=cfg)) is enabled


def test_the_date_header_is_gunicorns_formatted_once_a_second(monkeypatch):
    calls = []

    def counted(timestamp=None):
        calls.append(timestamp)
        return http_date(timestamp)

    cached = http_dates.date_once_a_second(counted)
    now = [1_700_000_000.25]
    monkeypatch.setattr(http_dates.time, "time", lambda: now[0])
    assert cached() == cached() == http_date(now[0]) == "Tue, 14 Nov 2023 22:13:20 GMT"
    now[0] += 1
    assert cached() == http_date(now[0])
    assert len(calls) == 2
    assert cached(0) == "Thu, 01 Jan 1970 00:00:00 GMT"  # a given time is formatted as asked


def test_the_date_cache_is_installed_once(monkeypatch):
    from gunicorn import util

    monkeypatch.setattr(util, "http_date", http_date)
    gunicorn_tuning.install_date_once_a_second()
    installed = util.http_date
    gunicorn_tuning.install_date_once_a_second()
    assert util.http_date is installed and installed.formatted_by is http_date


class _Sock:
    def __init__(self):
        self.sends = []

    def sendall(self, data):
        self.sends.append(bytes(data))


def _answer(response_class, headers, pieces, method="GET", status="200 OK"):
    """What a gunicorn response of `response_class` puts on the socket, send by send."""
    req = SimpleNamespace(version=(1, 1), method=method, should_close=lambda: False)
    sock = _Sock()
    response = response_class(req, sock, SimpleNamespace(protocol="http"))
    write = response.start_response(status, headers)
    for piece in pieces:
        write(piece)
    response.close()
    return sock.sends, response.sent


@pytest.mark.parametrize("headers, pieces, method, status, sends", [
    ([("Content-Type", "application/json"), ("Content-Length", "11")], [b'{"a":"bc"}\n'], "GET", "200 OK", 1),
    ([("Content-Length", "4"), ("ETag", '"x"')], [b"ab", b"cd"], "GET", "200 OK", 3),  # in pieces: gunicorn's
    ([("Content-Type", "text/csv")], [b"a,b\n", b"1,2\n"], "GET", "200 OK", 4),  # chunked: gunicorn's
    ([("Content-Length", "11")], [b'{"a":"bc"}\n'], "HEAD", "200 OK", 1),  # no body: gunicorn's
    ([("ETag", '"x"')], [], "GET", "304 NOT MODIFIED", 1),
    ([("Content-Length", "2")], [b"abc"], "GET", "200 OK", 2),  # past its length: gunicorn's
])
def test_a_response_in_one_send_is_gunicorns_bytes(monkeypatch, headers, pieces, method, status, sends):
    from gunicorn.http import wsgi

    monkeypatch.setattr(gunicorn_tuning.util, "http_date", lambda timestamp=None: "Tue, 14 Nov 2023 22:13:20 GMT")
    ours, ours_sent = _answer(gunicorn_tuning.OneSendResponse, headers, pieces, method, status)
    theirs, their_sent = _answer(wsgi.Response, headers, pieces, method, status)
    assert b"".join(ours) == b"".join(theirs) and ours_sent == their_sent
    assert len(ours) == sends


def test_one_send_responses_are_installed_once(monkeypatch):
    from gunicorn.http import wsgi

    original = wsgi.Response
    monkeypatch.setattr(wsgi, "Response", original)
    gunicorn_tuning.install_one_send_responses()
    gunicorn_tuning.install_one_send_responses()
    assert wsgi.Response is gunicorn_tuning.OneSendResponse and wsgi.Response.__mro__[1] is original


ADDRESSES = ["127.0.0.1", "10.1.2.3", "10.2.0.1", "192.168.0.7", "::1", "fe80::1", "2001:db8::5",
             "not an address", "", "127.0.0.1 ", "::ffff:127.0.0.1"]
ALLOW_LISTS = [["127.0.0.1", "::1"], ["10.1.0.0/16"], ["*"], [], ["10.0.0.0/8", "2001:db8::/32"], ["192.168.0.7"]]


def test_the_remembered_trust_check_answers_as_gunicorns():
    import ipaddress

    from gunicorn.http.message import _ip_in_allow_list

    remembered = gunicorn_tuning.remembered_trust(_ip_in_allow_list, memory=5)  # small: it forgets too
    for _ in range(3):
        for allow in ALLOW_LISTS:
            networks = [ipaddress.ip_network(a) for a in allow if a != "*"]
            for address in ADDRESSES:
                assert remembered(address, allow, networks) is _ip_in_allow_list(address, allow, networks), (
                    address, allow)


def test_the_trust_check_is_asked_once_per_address_and_list():
    calls = []

    def check(ip, allow, networks):
        calls.append((ip, tuple(allow)))
        return ip == "127.0.0.1"

    remembered = gunicorn_tuning.remembered_trust(check)
    assert [remembered("127.0.0.1", ["127.0.0.1"], []) for _ in range(3)] == [True] * 3
    assert remembered("10.0.0.1", ["127.0.0.1"], []) is False
    assert remembered("127.0.0.1", ["10.0.0.0/8"], []) is True  # another list: asked again
    assert calls == [("127.0.0.1", ("127.0.0.1",)), ("10.0.0.1", ("127.0.0.1",)), ("127.0.0.1", ("10.0.0.0/8",))]


def test_the_remembered_trust_check_is_installed_once(monkeypatch):
    from gunicorn.http import message

    original = message._ip_in_allow_list
    monkeypatch.setattr(message, "_ip_in_allow_list", original)
    gunicorn_tuning.install_remembered_trust()
    installed = message._ip_in_allow_list
    gunicorn_tuning.install_remembered_trust()
    assert message._ip_in_allow_list is installed and installed.remembers is original
