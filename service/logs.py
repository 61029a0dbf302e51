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
import re
import sys
from datetime import datetime, timezone
from typing import Callable

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
    milliseconds as isoformat cuts it (tests/unit/test_log_time.py holds the two equal).
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


def json_line(created: float, level: str, message: str, logger: str, request_id: str | None,
              fields: dict, exception: str | None = None) -> str:
    """One JSON log line: what `JsonFormatter` writes for a record, and what a
    request's access line is when written straight to the handler
    (`sole_json_handler`). `fields` are the record's REQUEST_FIELDS after
    `request_id`; those that are None are left out."""
    entry = {"time": utc_time(created), "level": level, "message": message, "logger": logger,
             "request_id": request_id}
    for name, value in fields.items():
        if value is not None:
            entry[name] = value
    if exception is not None:
        entry["exception"] = exception
    return orjson.dumps(entry, default=str).decode()


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json_line(record.created, record.levelname, record.getMessage(), record.name,
                         getattr(record, "request_id", None),
                         {name: getattr(record, name, None) for name in REQUEST_FIELDS[1:]},
                         self.formatException(record.exc_info) if record.exc_info else None)


#: Characters that end or rewrite a line of text on a terminal or in a log file.
_LINE_CONTROLS = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match) -> str:
    char = match.group()
    return _ESCAPES.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


class TextFormatter(logging.Formatter):
    """One line per record, as the JSON format's are: a line break in what a
    request brought (its path, `%0A` decoded, echoed in the access line) is
    written escaped. Written as it came, `GET /x%0A<a whole forged line>`
    added a line of its own choosing to the log. A traceback, appended after
    the line, keeps its lines."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.request_id = getattr(record, "request_id", None) or "-"
        return super().format(record)

    def formatMessage(self, record: logging.LogRecord) -> str:
        return _LINE_CONTROLS.sub(_escaped, super().formatMessage(record))


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

    def write_line(self, line: str, record: Callable[[], logging.LogRecord]) -> None:
        """Write a formatted line as `emit` does: under the handler's lock, then
        flushed; a failure is reported as `emit` reports it, by `handleError`
        with the LogRecord `record()` builds (only then is one built)."""
        self.acquire()
        try:
            self.stream.write(line + self.terminator)
            self.flush()
        except RecursionError:  # as StreamHandler.emit
            raise
        except Exception:  # noqa: BLE001 - logging's own report of a failed write
            self.handleError(record())
        finally:
            self.release()


def sole_json_handler(logger: logging.Logger) -> _StderrHandler | None:
    """The handler an INFO record of `logger` would reach alone, when it is the
    JSON stderr handler `configure_logging` installs; else None.

    Then a line of that record may be written straight to it (`json_line`,
    `_StderrHandler.write_line`): building the LogRecord and passing it through
    logging's loggers, filters and handler took ~25 of the ~35 µs a request's
    access line cost (service/observability.py). None whenever anything else
    could see or change the record: a handler or filter on `logger`, an
    ancestor between it and the root, another handler on the root (a test's
    log capture, a deployment's own), a text format or a stricter level.
    """
    if logger.handlers or logger.filters or not logger.propagate or logger.parent is not logging.root:
        return None
    handlers = logging.root.handlers
    if len(handlers) != 1:
        return None
    handler = handlers[0]
    if (type(handler) is not _StderrHandler or type(handler.formatter) is not JsonFormatter
            or handler.level > logging.INFO or len(handler.filters) != 1
            or type(handler.filters[0]) is not RequestContext):
        return None
    return handler


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
