"""Processes the fault and operability tests start: gunicorn on a free port,
the loader CLI, osmem-server; and a small HTTP helper. Every wait is a bounded
poll; every process is stopped by its own id."""
from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).with_name("gunicorn")
SUMMARY = re.compile(r"read (\d+), indexed (\d+), updated (\d+), unchanged (\d+), rejected (\d+)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
         timeout: float = 10):
    """(status, headers, decoded JSON or text) on a fresh connection."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, head, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, head, raw = error.code, error.headers, error.read()
    text = raw.decode()
    try:
        return status, head, json.loads(text) if text else None
    except ValueError:
        return status, head, text


def wait_until(predicate, timeout: float, interval: float = 0.02, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout} s waiting for {message}")


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 2, log_path: Path | None = None):
    """gunicorn with gunicorn.conf.py on a free loopback port; yields (base URL, process).

    Its stderr (the JSON logs) goes to a file: a pipe nobody reads fills up
    and blocks the workers.
    """
    port = free_port()
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": str(workers), **env}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)  # gunicorn.conf.py makes its own
    own_log = log_path is None  # a log the caller did not ask for goes when the server does
    if own_log:
        log_path = Path(tempfile.mkdtemp(prefix="gunicorn-log-")) / "gunicorn.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}", "service.wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"

    def ready():
        if process.poll() is not None:
            pytest.fail("gunicorn exited: " + log_path.read_text(errors="replace")[-2000:])
        try:
            return call(base + "/healthz", timeout=1)[0] == 200
        except OSError:
            return False

    try:
        wait_until(ready, 30, 0.05, "gunicorn to answer")
        yield base, process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        if own_log:
            shutil.rmtree(log_path.parent, ignore_errors=True)


def loader(args: list[str], env: dict, **kwargs) -> subprocess.Popen:
    """`python -m loaders ...` as a separate process."""
    return subprocess.Popen([sys.executable, "-m", "loaders", *args], cwd=ROOT,
                            env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def run_loader(args: list[str], env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders", *args], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=timeout)


def summary(stderr: str) -> dict[str, int]:
    found = SUMMARY.search(stderr)
    assert found, stderr[-2000:]
    return dict(zip(("read", "indexed", "updated", "unchanged", "rejected"), map(int, found.groups())))


def start_osmem():
    from osmem_server import OsmemServer

    return OsmemServer.start(japanese=False, addr="127.0.0.1:0")
