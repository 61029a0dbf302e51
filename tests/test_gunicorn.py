"""The production path: gunicorn with several workers on one embedded index."""
from __future__ import annotations

import json
import re
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import ROOT

GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _call(url, data=None, headers=None, method=None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _serve(data_dir: Path, **env_changes):
    """gunicorn with gunicorn.conf.py on a free port: (base URL, process, log)."""
    port = _free_port()
    env = {**os.environ, "NEWS_INDEX_DATA_DIR": str(data_dir), "PORT": str(port), **env_changes}
    log = (data_dir / "gunicorn.log").open("wb")  # a file, not a pipe nobody drains
    process = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py", "service.wsgi:app"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if _call(base + "/readyz")[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("gunicorn did not start: " + (data_dir / "gunicorn.log").read_text()[-2000:])
    return base, process, log


def _stop(process, log) -> None:
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("gunicorn-data")
    env = {**os.environ, "NEWS_INDEX_DATA_DIR": str(data_dir)}
    subprocess.run([sys.executable, "-m", "loaders", "load", "samples", "--no-progress",
                    "--reference-date", "2025-06-01"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    base, process, log = _serve(data_dir, NEWS_INDEX_API_KEY="k", WEB_CONCURRENCY="2")
    yield base
    _stop(process, log)


def test_search_over_http(server):
    status, page = _call(server + "/search?q=%22red%20line%22")
    assert status == 200 and page["total"] >= 2
    assert any("<em>red line</em>" in " ".join(h["highlights"].get("body", [])) for h in page["hits"])


@pytest.mark.parametrize("letter", ["ب", "中", "😀"])
def test_a_query_of_the_longest_length_passes_gunicorn_in_any_script(server, letter):
    """700 Arabic characters got gunicorn's HTML "414 Request Line is too large (8192 > 4094)"."""
    q = urllib.parse.quote(" ".join([letter * 19] * 50) + letter)  # 1,000 characters
    assert len(q) > 4094  # over gunicorn's default request-line limit (its largest is 8190)
    status, page = _call(server + f"/search?q={q}&outlet=Reuters")
    assert status == 200, page


def test_an_over_long_url_is_a_json_414(server):
    status, error = _call(server + "/search?q=" + "%E4%B8%AD" * 10_000)
    assert status == 414 and error["code"] == "uri_too_long"


def test_a_request_line_that_never_ends_is_a_json_414(server):
    """With gunicorn's request-line limit off (its largest is under a long query in
    Chinese), a line with no end was read for as long as the client sent it, the
    whole buffer copied again at every read: 100 MB held a worker's core for over
    ten minutes and its memory grew by hundreds of MB. Past what any URL the app
    takes needs, the line is now gunicorn's 414, in the API's JSON."""
    from service.gunicorn_request_line import request_line_limit

    limit = request_line_limit(1000)
    assert limit > 4 * 20_192  # a path and a query string of the app's limit, every byte encoded
    start = b"GET /search?q="
    status, kind, content = _raw(server, start + b"a" * (limit + 3 - len(start)))  # no line break
    assert status == 414 and kind == "application/json", content
    assert json.loads(content)["code"] == "uri_too_long"


def _post_chunked(base: str, body: bytes):
    """(status, JSON) of a chunked POST /articles. The server may answer and close
    before it has read everything: sending then fails, and the answer is read anyway."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"POST /articles HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                     b"Authorization: Bearer k\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        try:
            for i in range(0, len(body), 65536):
                chunk = body[i:i + 65536]
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.partition(b"\r\n\r\n")[2]) < _length(answer):
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    head, _, content = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(content)


def _length(answer: bytes) -> int:
    for line in answer.partition(b"\r\n\r\n")[0].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 1 << 30


def test_a_chunked_body_over_the_limit_is_413(server):
    """An 11 MB chunked body was 400 invalid_json (read up to the limit, then parsed truncated)."""
    body = json.dumps({"headline": "Big", "body": ["y" * 11_000_000]}).encode()
    status, error = _post_chunked(server, body)
    assert status == 413 and error["code"] == "payload_too_large", error
    small = json.dumps({"headline": "Chunked quarry", "body": ["The chunked quarry reopened."]}).encode()
    status, created = _post_chunked(server, small)
    assert status == 201, created
    assert _call(server + f"/articles/{created['id']}", headers={"Authorization": "Bearer k"},
                 method="DELETE")[0] == 204


def _raw(base: str, request: bytes) -> tuple[int, str, bytes]:
    """(status, content type, body) of a request sent byte for byte."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while data := sock.recv(65536):
            answer += data
    head, _, content = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    kind = next((line.split(":", 1)[1].strip() for line in lines[1:]
                 if line.lower().startswith("content-type:")), "")
    return int(lines[0].split()[1]), kind, content


@pytest.mark.parametrize("request_", [
    b"GET /search?q=a HTTP/1.1\r\nHost: t\r\nContent-Length: twelve\r\n\r\n",
    b"GET /search?q=a HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n",
    b"GET /search?q=a HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
    b"GET  HTTP/1.1\r\nHost: t\r\n\r\n",
    "GET /search?place=Kraków HTTP/1.1\r\nHost: t\r\n\r\n".encode(),  # not percent-encoded
])
def test_a_request_gunicorn_refuses_gets_the_apis_json_error(server, request_):
    """gunicorn answers what it cannot parse itself; that answer was an HTML page."""
    status, kind, content = _raw(server, request_)
    assert status == 400 and kind == "application/json", content
    error = json.loads(content)
    assert error["code"] == "bad_request" and error["message"] and error["details"] == {"errors": {}}


def test_a_request_gunicorn_refuses_is_counted_and_has_a_request_id(server):
    """It never reached the app: no X-Request-ID to quote, no count in /metrics,
    no access line, so a client sending malformed requests was invisible."""
    def refused_count() -> float:
        with urllib.request.urlopen(server + "/metrics", timeout=10) as response:
            text = response.read().decode()
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith("news_index_http_requests_total{")
                   and 'route="<refused by server>"' in line and 'status="400"' in line)

    before = refused_count()
    host, port = server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET /search?q=a HTTP/1.1\r\nHost: t\r\nContent-Length: twelve\r\n\r\n")
        answer = b""
        while data := sock.recv(65536):
            answer += data
    head = answer.partition(b"\r\n\r\n")[0].decode("latin-1")
    assert head.startswith("HTTP/1.1 400")
    assert re.search(r"\r\nX-Request-ID: [0-9a-f]{32}\r\n", head + "\r\n"), head
    assert refused_count() == before + 1


@pytest.mark.parametrize("request_", [
    b"GET /search?q=a HTTP/1.1\r\nHost: t\r\nX-Big: " + b"x" * 9000 + b"\r\n\r\n",
    b"GET /search?q=a HTTP/1.1\r\nHost: t\r\n" + b"".join(b"X-%d: 1\r\n" % n for n in range(120)) + b"\r\n",
])
def test_headers_over_gunicorns_limits_are_a_json_431(server, request_):
    status, kind, content = _raw(server, request_)
    assert status == 431 and kind == "application/json", content
    assert json.loads(content)["code"] == "request_header_fields_too_large"


@pytest.mark.parametrize("path", [b"/articles/%2F..", b"/search//", b"/speakers/%2F../quotes"])
def test_an_encoded_slash_over_http_is_a_json_404(server, path):
    """gunicorn decodes %2F into PATH_INFO, where werkzeug merged "//" with an HTML 308."""
    status, kind, content = _raw(server, b"GET " + path + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    assert status == 404 and kind == "application/json", content
    assert json.loads(content)["code"] == "not_found"


@pytest.mark.parametrize("path, code", [(b"/articles/%FF", "invalid_request"), (b"/speakers/Jos%E9/quotes", "invalid_request"),
                                        (b"/articles/\xff", "bad_request")])  # unencoded: gunicorn refuses it
def test_a_path_not_in_utf8_over_http_is_a_json_400(server, path, code):
    """gunicorn hands the path's bytes over as latin-1; the app reads them from RAW_URI."""
    status, kind, content = _raw(server, b"GET " + path + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    assert status == 400 and kind == "application/json", content
    assert json.loads(content)["code"] == code


def _post_with_headers(url: str, article: dict, headers: dict) -> tuple[int, str | None]:
    request = urllib.request.Request(url, json.dumps(article).encode(), method="POST", headers={
        "Content-Type": "application/json", "Authorization": "Bearer k", **headers})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers.get("ETag")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag")


def test_two_editors_of_one_version_in_two_workers_one_wins(server):
    """If-Match is checked under the index's writer, which is one across the worker processes:
    of two edits of the same version sent at once (fresh connections, spread over both
    workers), one lands and the other is 412 with the winner's ETag, round after round."""
    story = {"headline": "Ferry pier repairs", "url": "https://example.org/pier-repairs",
             "body": ["The pier reopens in June."]}
    status, etag = _post_with_headers(server + "/articles", story, {})
    assert status == 201 and etag
    for round_ in range(4):
        barrier = threading.Barrier(2)

        def edit(editor: int):
            barrier.wait()
            return _post_with_headers(server + "/articles", dict(story, body=[f"Edit {round_}-{editor}."]),
                                      {"If-Match": etag})

        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(edit, (1, 2)))
        assert sorted(status for status, _ in answers) == [200, 412], answers
        winner = next(tag for status, tag in answers if status == 200)
        assert all(tag == winner for _, tag in answers)  # the 412 names the version that won
        etag = winner


def test_every_worker_sees_a_write_at_once(server):
    article = {"headline": "Quarry reopens", "body": ["The xylograph quarry reopened today."]}
    status, body = _call(server + "/articles", json.dumps(article).encode(),
                         {"Content-Type": "application/json", "Authorization": "Bearer k"}, "POST")
    assert status == 201, body
    # Fresh connections are spread over both workers; each must find it.
    totals = {_call(server + "/search?q=xylograph")[1]["total"] for _ in range(12)}
    assert totals == {1}
    status, _ = _call(server + f"/articles/{body['id']}", headers={"Authorization": "Bearer k"},
                      method="DELETE")
    assert status == 204
    assert {_call(server + "/search?q=xylograph")[1]["total"] for _ in range(12)} == {0}


def test_the_rate_limit_is_one_budget_across_the_workers(tmp_path):
    """Four workers, fresh connections (spread over them), one client: 5 pass, not 4 x 5."""
    base, process, log = _serve(tmp_path, WEB_CONCURRENCY="4", NEWS_INDEX_RATE_LIMIT="0.01",
                                NEWS_INDEX_RATE_LIMIT_BURST="5")
    try:
        statuses = [_call(base + "/search?q=red&size=1")[0] for _ in range(20)]
        assert statuses.count(200) == 5 and statuses.count(429) == 15
    finally:
        _stop(process, log)


def test_a_server_removes_what_a_killed_one_left_and_its_own_as_it_exits(tmp_path):
    """A SIGKILLed server runs no exit hook: the next one to start removes its directories."""
    from service.runtime_dirs import LOCK_NAME

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {"TMPDIR": str(temporary), "NEWS_INDEX_RATE_LIMIT_FILE": str(tmp_path / "buckets.sqlite")}
    killed, process_log = _serve(tmp_path, **env)[1:]
    left = [p.name for p in temporary.glob("news-index-metrics-*")]
    killed.kill()  # the master; its workers notice and follow it out
    killed.wait()
    process_log.close()
    assert len(left) == 1
    _wait_unheld(temporary / left[0] / LOCK_NAME)

    base, process, log = _serve(tmp_path, **env)
    try:
        own = [p.name for p in temporary.glob("news-index-metrics-*")]
        assert len(own) == 1 and own != left
        assert _call(base + "/readyz")[0] == 200
    finally:
        _stop(process, log)
    assert list(temporary.glob("news-index-metrics-*")) == []


def _wait_unheld(lock_file: Path, seconds: float = 20) -> None:
    """Until no process holds the lock (a killed master's workers exit within seconds)."""
    import fcntl

    deadline = time.monotonic() + seconds
    with lock_file.open() as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                fcntl.flock(handle, fcntl.LOCK_UN)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{lock_file} still held {seconds} s after its server was killed")
                time.sleep(0.1)
