"""The gunicorn worker and logger `gunicorn.conf.py` names (service/gunicorn_worker.py):
kept-alive connections answered request after request, pipelined or after a pause,
connections sending back to back never holding every thread from another, and
no access line built unless `accesslog` is set."""
from __future__ import annotations

import socket
import threading
import time
from types import SimpleNamespace

import pytest

from service.gunicorn_worker import LINGER_SECONDS, Logger
from tests.servers import gunicorn

REQUEST = b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"


def _responses(sock: socket.socket, count: int, buffer: bytearray) -> list[int]:
    """Statuses of the next `count` responses on `sock` (Content-Length framed)."""
    statuses = []
    while len(statuses) < count:
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
        statuses.append(int(head.split()[1]))
        buffer[:] = rest[length:]
    return statuses


def _connect(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


@pytest.fixture(scope="module")
def two_threads(tmp_path_factory):
    """One worker with two threads: a thread held from a waiting connection would be a stall."""
    data_dir = tmp_path_factory.mktemp("worker")
    log_path = data_dir / "gunicorn.log"
    with gunicorn({"NEWS_INDEX_DATA_DIR": str(data_dir), "GUNICORN_THREADS": "2"}, workers=1,
                  log_path=log_path) as (base, _):
        yield base, log_path


def test_the_configured_worker_runs(two_threads):
    _, log_path = two_threads
    assert "Using worker: service.gunicorn_worker.LingeringThreadWorker" in log_path.read_text()


def test_a_kept_alive_connection_is_answered_back_to_back_pipelined_and_after_a_pause(two_threads):
    base, _ = two_threads
    buffer = bytearray()
    with _connect(base) as sock:
        for _ in range(20):
            sock.sendall(REQUEST)
            assert _responses(sock, 1, buffer) == [200]
        sock.sendall(REQUEST * 3)
        assert _responses(sock, 3, buffer) == [200, 200, 200]
        time.sleep(LINGER_SECONDS * 25)  # back with the main thread's poller by now
        sock.sendall(REQUEST)
        assert _responses(sock, 1, buffer) == [200]


def test_busy_connections_let_another_have_a_thread(two_threads):
    base, _ = two_threads
    stop = threading.Event()
    served = []

    def busy():
        buffer = bytearray()
        with _connect(base) as sock:
            while not stop.is_set():
                sock.sendall(REQUEST)
                served.extend(_responses(sock, 1, buffer))

    threads = [threading.Thread(target=busy) for _ in range(2)]  # as many as the worker has
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 10
        while len(served) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(served) >= 10
        for _ in range(3):
            with _connect(base) as other:
                started = time.monotonic()
                other.sendall(REQUEST)
                assert _responses(other, 1, bytearray()) == [200]
                assert time.monotonic() - started < 2
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)
    assert set(served) == {200}


def _deciding(busy=1, threads=4, queued=False, alive=True, buffered=b"", readable=False, kept=(), pending=()):
    """A worker and connection as `_next_request_soon` reads them."""
    from service.gunicorn_worker import LingeringThreadWorker

    class Queue:
        def empty(self):
            return not queued

    class Socket:
        def fileno(self):
            return reader.fileno()

    import os
    read_end, write_end = os.pipe()
    reader = os.fdopen(read_end, "rb")
    if readable:
        os.write(write_end, b"x")
    worker = SimpleNamespace(alive=alive, _busy=busy, cfg=SimpleNamespace(threads=threads),
                             keepalived_conns=list(kept), pending_conns=list(pending),
                             tpool=SimpleNamespace(_work_queue=Queue()))
    worker._others_waiting = lambda: LingeringThreadWorker._others_waiting(worker)
    conn = SimpleNamespace(sock=Socket(), parser=SimpleNamespace(unreader=SimpleNamespace(
        buf=SimpleNamespace(getvalue=lambda: buffered))))
    try:
        return LingeringThreadWorker._next_request_soon(worker, conn)
    finally:
        reader.close()
        os.close(write_end)


def test_a_thread_waits_for_the_next_request_only_on_its_workers_one_connection():
    assert _deciding(readable=True) is True
    assert _deciding(buffered=b"GET / HTTP/1.1\r\n") is True  # pipelined: no wait at all
    assert _deciding(readable=False) is False  # nothing within the linger
    assert _deciding(readable=True, busy=2, threads=4) is False  # another connection at work too
    assert _deciding(readable=True, busy=1, threads=1) is False  # no thread to spare
    assert _deciding(readable=True, queued=True) is False  # a connection waits for a thread
    assert _deciding(readable=True, kept=["another"]) is False  # another connection kept alive
    assert _deciding(readable=True, pending=["another"]) is False
    assert _deciding(readable=True, alive=False) is False  # stopping


@pytest.mark.parametrize("accesslog, syslog, enabled", [
    (None, False, False), ("-", False, True), (None, True, True)])
def test_the_access_line_is_built_only_when_accesslog_asks(accesslog, syslog, enabled):
    cfg = SimpleNamespace(accesslog=accesslog, syslog=syslog, disable_redirect_access_to_syslog=False,
                          logconfig_dict={"version": 1})
    assert Logger._compute_access_log_enabled(SimpleNamespace(cfg=cfg)) is enabled


def test_the_date_header_is_gunicorns_formatted_once_a_second(monkeypatch):
    from gunicorn.util import http_date

    from service import gunicorn_worker

    calls = []

    def counted(timestamp=None):
        calls.append(timestamp)
        return http_date(timestamp)

    cached = gunicorn_worker._date_once_a_second(counted)
    now = [1_700_000_000.25]
    monkeypatch.setattr(gunicorn_worker.time, "time", lambda: now[0])
    assert cached() == cached() == http_date(now[0]) == "Tue, 14 Nov 2023 22:13:20 GMT"
    now[0] += 1
    assert cached() == http_date(now[0])
    assert len(calls) == 2
    assert cached(0) == "Thu, 01 Jan 1970 00:00:00 GMT"  # a given time is formatted as asked
