"""The benchmarks' lean keep-alive client reads what http.client reads."""
from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.http_client import KeepAliveClient, ResponseError


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    connections: list = []

    def do_GET(self):  # noqa: N802 - the stdlib's name
        _Handler.connections.append(self.client_address)
        if self.path == "/unframed":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"no length")
            self.close_connection = True
            return
        body = ("é" * (len(self.path) * 3000)).encode() if self.path.startswith("/big") else self.path.encode()
        self.send_response(404 if self.path == "/missing" else 200)
        self.send_header("Content-Length", str(len(body)))
        if self.path == "/bye":
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def port():
    _Handler.connections = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _stdlib(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path)
    response = connection.getresponse()
    status, body = response.status, response.read()
    connection.close()
    return status, body


def test_statuses_and_bodies_match_http_client_on_one_connection(port):
    paths = ["/a", "/missing", "/big-body", "/b?q=%22x%22", "/big"]
    expected = [_stdlib(port, path) for path in paths]
    _Handler.connections = []
    with KeepAliveClient(port) as client:
        got = [client.timed_get(path)[:2] for path in paths]
    assert got == expected
    assert len({address for address in _Handler.connections}) == 1  # kept alive


def test_a_closed_connection_is_opened_again(port):
    with KeepAliveClient(port) as client:
        assert client.timed_get("/bye")[:2] == (200, b"/bye")
        assert client.timed_get("/after")[:2] == (200, b"/after")
    assert len({address for address in _Handler.connections}) == 2


def test_a_response_without_length_is_an_error(port):
    with KeepAliveClient(port) as client, pytest.raises(ResponseError):
        client.timed_get("/unframed")
