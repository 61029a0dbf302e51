"""A request's access line written straight to the JSON stderr handler
(`logs.sole_json_handler`) is the line logging writes for it, and it is
written that way only when that handler alone would see the record."""
from __future__ import annotations

import logging
import time
from contextlib import contextmanager

import pytest

from service import logs, observability
from service.logs import RequestContext, TextFormatter, configure_logging, sole_json_handler

NOW = 1_764_256_433.9999996  # rounds into the next second: the time is written the same way too


@pytest.fixture()
def json_handler():
    configure_logging("json", "INFO")
    return next(h for h in logging.root.handlers if type(h) is logs._StderrHandler)


@contextmanager
def alone(handler):
    """The root's handlers as under gunicorn: ours alone. pytest adds its log
    captures when a test's body starts, so this runs inside the body."""
    others = [h for h in logging.root.handlers if h is not handler]
    for other in others:
        logging.root.removeHandler(other)
    try:
        yield handler
    finally:
        for other in others:
            logging.root.addHandler(other)


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/search", 200), ("POST", "/articles", 201), ("PURGE", "/articles/a\"b\u00e9\u4e2d", 404),
    ("GET", "/no/such/path", 500)])
def test_the_line_written_straight_is_the_line_logging_writes(json_handler, monkeypatch, capsys,
                                                               method, path, status):
    monkeypatch.setattr(time, "time", lambda: NOW)  # LogRecord's clock and ours
    monkeypatch.setattr(time, "time_ns", lambda: int(NOW * 1e9))
    monkeypatch.setattr(observability.time, "perf_counter", lambda: 12.0)
    capsys.readouterr()
    lines = {}
    for way, sole in (("logging", lambda logger: None), ("straight", lambda logger: json_handler)):
        monkeypatch.setattr(observability, "sole_json_handler", sole)
        observability._record(11.9876543, "rid-1", method, method if method != "PURGE" else "other",
                              "/articles/<string:article_id>", path, status)
        lines[way] = capsys.readouterr().err
    assert lines["straight"] == lines["logging"]
    assert lines["straight"].count("\n") == 1 and '"time":"2025-11-27T15:13:54.000+00:00"' in lines["straight"]


def test_a_request_under_the_configured_handler_alone_is_written_straight(app, json_handler, monkeypatch, capsys):
    """As under gunicorn. A logger named `news_index`, or any other handler,
    would send every line the slow way without a word: this would fail."""
    written = []
    monkeypatch.setattr(json_handler, "write_line",
                        lambda line, record, write=json_handler.write_line: written.append(line) or write(line, record))
    with alone(json_handler):
        assert sole_json_handler(observability.access_log) is json_handler
        app.test_client().get("/healthz", headers={"X-Request-ID": "straight-1"})
    assert len(written) == 1 and '"request_id":"straight-1"' in written[0]
    assert written[0] in capsys.readouterr().err


def test_anything_else_that_could_see_the_record_sends_it_through_logging(json_handler, monkeypatch):
    access = observability.access_log
    other = logging.StreamHandler()
    changes = (
        lambda patch: patch.setattr(access, "handlers", [other]),
        lambda patch: patch.setattr(access, "filters", [logging.Filter("x")]),
        lambda patch: patch.setattr(access, "propagate", False),
        lambda patch: patch.setattr(access, "parent", logging.getLogger("news_index_test_parent")),
        lambda patch: patch.setattr(json_handler, "formatter", TextFormatter()),
        lambda patch: patch.setattr(json_handler, "level", logging.WARNING),
        lambda patch: patch.setattr(json_handler, "filters", [RequestContext(), logging.Filter("x")]),
    )
    with alone(json_handler):
        assert sole_json_handler(access) is json_handler
        logging.root.addHandler(other)  # a capture, a log shipper
        try:
            assert sole_json_handler(access) is None
        finally:
            logging.root.removeHandler(other)
        for change in changes:
            with monkeypatch.context() as patch:
                change(patch)
                assert sole_json_handler(access) is None
        assert sole_json_handler(access) is json_handler


def test_a_line_that_cannot_be_written_is_reported_as_logging_reports_it(json_handler, monkeypatch):
    """By handleError, with the record logging would have built, and not written twice."""
    class Broken:
        writes = 0

        def write(self, text):
            Broken.writes += 1
            raise OSError("stderr is gone")

    reported = []
    monkeypatch.setattr(json_handler, "handleError", lambda record: reported.append(record))
    with alone(json_handler):
        monkeypatch.setattr(logs.sys, "stderr", Broken())
        observability._record(None, "rid-2", "GET", "GET", "/healthz", "/healthz", 200)
        monkeypatch.undo()
    assert Broken.writes == 1
    assert [(r.request_id, r.getMessage(), r.status) for r in reported] == [("rid-2", "GET /healthz 200 0.0 ms", 200)]
