"""Logs as one JSON object per line, each naming the request it belongs to.

`JsonFormatter` writes `time`, `level`, `message`, `logger`, `request_id`
and, when the record is about a request, `method`, `path`, `status` and
`duration_ms`. `RequestContext` fills `request_id`, `method` and `path` in
from the Flask request being served, so a log line written anywhere during a
request can be matched to its access line and to the `X-Request-ID` the
client got. This module imports no Flask at module level: gunicorn's master
uses the formatter too (`gunicorn.conf.py`), before any app exists.
"""
from __future__ import annotations

import logging
import math
import sys
from datetime import datetime, timezone

import orjson

#: Attributes copied from a record into the JSON line when present.
REQUEST_FIELDS = ("request_id", "method", "path", "status", "duration_ms")


class RequestContext(logging.Filter):
    """Adds the current request's id, method and path to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            from flask import g, has_request_context, request

            if has_request_context():
                record.request_id = g.get("request_id")
                if not hasattr(record, "method"):
                    record.method = request.method
                    record.path = request.path
        return True


#: (whole second, its "YYYY-MM-DDTHH:MM:SS" in UTC): one tuple, so threads see both or neither.
_SECOND = (None, "")


def utc_time(created: float) -> str:
    """`datetime.fromtimestamp(created, timezone.utc).isoformat(timespec="milliseconds")`,
    with the date and time of day formatted once a second, not per line.

    Building the aware datetime and its text took 4.4 µs of every log line
    here, most of the JSON formatting of a request's access line; this
    takes about 1 µs. The fraction is rounded to microseconds as datetime
    rounds it (half to even, carrying into the next second), then cut to
    milliseconds as isoformat cuts it (tests/test_logs.py holds the two equal).
    """
    global _SECOND
    fraction, whole = math.modf(created)
    micro = round(fraction * 1_000_000)
    if micro >= 1_000_000:
        whole, micro = whole + 1, micro - 1_000_000
    elif micro < 0:
        whole, micro = whole - 1, micro + 1_000_000
    second, text = _SECOND
    if second != whole:
        text = datetime.fromtimestamp(whole, timezone.utc).isoformat(timespec="seconds")[:-len("+00:00")]
        _SECOND = (whole, text)
    return f"{text}.{micro // 1000:03d}+00:00"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": utc_time(record.created),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", None),
        }
        for name in REQUEST_FIELDS[1:]:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.request_id = getattr(record, "request_id", None) or "-"
        return super().format(record)


_HANDLER_MARK = "_news_index_handler"


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the time (test runners swap it)."""

    def __init__(self):
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


def configure_logging(log_format: str = "json", level: str = "INFO") -> None:
    """One stderr handler on the root logger, in the chosen format (idempotent)."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, _HANDLER_MARK, False)), None)
    if handler is None:
        handler = _StderrHandler()
        setattr(handler, _HANDLER_MARK, True)
        handler.addFilter(RequestContext())
        root.addHandler(handler)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    root.setLevel(level)
