"""`logs.utc_time` writes what `datetime` wrote for a log line's time, to the millisecond."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service import logs
from service.logs import JsonFormatter, utc_time


def _datetimes(created: float) -> str:
    """What JsonFormatter wrote before utc_time."""
    return datetime.fromtimestamp(created, timezone.utc).isoformat(timespec="milliseconds")


# Fractions that round up into the next millisecond or second, or sit on a half
# microsecond (datetime rounds those half to even), and whole seconds.
EDGES = [0.0, 1.0, 1.5, 59.9999995, 86399.9999996, 1_764_256_433.0, 1_764_256_433.0000005,
         1_764_256_433.0004995, 1_764_256_433.0005, 1_764_256_433.9994995, 1_764_256_433.9995,
         1_764_256_433.9999994, 1_764_256_433.9999995, 1_764_256_433.9999999999, 4_102_444_799.9999996]


@pytest.mark.parametrize("created", EDGES)
def test_edges_are_written_as_datetime_writes_them(created):
    assert utc_time(created) == _datetimes(created)


@settings(max_examples=2000)
@given(st.floats(min_value=0, max_value=4_102_444_800, allow_nan=False, allow_infinity=False))
def test_any_time_is_written_as_datetime_writes_it(created):
    assert utc_time(created) == _datetimes(created)


def test_a_remembered_second_is_not_reused_for_another(monkeypatch):
    monkeypatch.setattr(logs, "_SECOND", (None, ""))
    assert utc_time(1_764_256_433.25) == _datetimes(1_764_256_433.25)
    assert utc_time(1_764_256_433.75) == _datetimes(1_764_256_433.75)  # the same second, remembered
    assert utc_time(1_764_256_434.5) == _datetimes(1_764_256_434.5)
    assert utc_time(1_764_256_433.5) == _datetimes(1_764_256_433.5)  # an earlier second again


def test_the_json_line_carries_it():
    record = logging.LogRecord("news_index.access", logging.INFO, __file__, 0, "hello", None, None)
    record.created = 1_764_256_433.9999995
    assert json.loads(JsonFormatter().format(record))["time"] == "2025-11-27T15:13:54.000+00:00"
