"""Dates as found in feeds, pages and JSON, to ISO 8601 strings."""
from __future__ import annotations

import calendar
import time
from datetime import datetime, timezone

import dateparser

_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}


def iso_date(value, reference: datetime) -> str | None:
    """ISO 8601 for a date in any common form; None when it is no date.

    ISO strings pass through a fast path; dateparser handles the rest
    (`Tue, 11 Apr 2025 14:54 GMT`, `April 11`), resolving a missing year
    against `reference`.
    """
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return datetime.fromtimestamp(calendar.timegm(value), timezone.utc).isoformat()
    if isinstance(value, datetime):
        return _format(value)
    text = str(value).strip()
    try:
        return _format(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    parsed = dateparser.parse(text, settings={**_SETTINGS, "RELATIVE_BASE": reference.replace(tzinfo=None)})
    return _format(parsed) if parsed else None


def _format(value: datetime) -> str:
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    return value.isoformat()
