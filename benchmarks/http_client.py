"""A lean HTTP/1.1 keep-alive GET client for timing the service.

`http.client` parses every response's headers through the `email` package,
in Python, in the client process: about 0.1 ms a response here, which a
latency figure would count as the service's. Load tools (wrk, hey) parse
responses in native code; this client does the least Python can: the request
is a few bytes, and the response is read up to its Content-Length.
"""
from __future__ import annotations

import socket
import time


class ResponseError(OSError):
    """A response this client cannot frame (closed early, no Content-Length)."""


class KeepAliveClient:
    def __init__(self, port: int, host: str = "127.0.0.1", timeout: float = 30.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.sock: socket.socket | None = None
        self._buffer = b""

    def connect(self) -> "KeepAliveClient":
        """Open the connection now (else the first request opens it)."""
        self.sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._buffer = b""
        return self

    def timed_get(self, path: str) -> tuple[int, bytes, float]:
        """(status, body, ms from sending to the body's last byte), connecting
        again (timed, as http.client does) after the server closed."""
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode()
        started = time.perf_counter()
        if self.sock is None:
            self.connect()
        self.sock.sendall(request)
        status, body = self._response()
        return status, body, (time.perf_counter() - started) * 1000

    def _response(self) -> tuple[int, bytes]:
        buffer = self._buffer
        while (end := buffer.find(b"\r\n\r\n")) < 0:
            buffer += self._recv()
        head, rest = buffer[:end], buffer[end + 4:]
        status = int(head[9:12])
        length, closing = None, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection":
                closing = value.strip().lower() == b"close"
        if length is None:
            raise ResponseError(f"response {status} has no Content-Length")
        while len(rest) < length:
            rest += self._recv()
        self._buffer = rest[length:]
        if closing:
            self.close()
        return status, rest[:length]

    def _recv(self) -> bytes:
        data = self.sock.recv(262_144)
        if not data:
            raise ResponseError("connection closed by the server")
        return data

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def __enter__(self) -> "KeepAliveClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
