"""Inputs larger than one article may be (`MAX_ARTICLE_BYTES`, 16 MB): rejected
by their size with the reason, having read no more than the limit, and the
articles beside them still load."""
from __future__ import annotations

import gzip
import io
import json
import resource
from datetime import datetime
from pathlib import Path

import pytest

from loaders.readers import Record, read_file
from loaders.readers.files import MAX_ARTICLE_BYTES, TOO_LONG, bounded_lines

JUNE_2025 = datetime(2025, 6, 1)
ARTICLE = {"headline": "Port strike ends", "body": "Dockworkers in Rotterdam returned to work on Monday."}
TOO_MUCH = MAX_ARTICLE_BYTES + 1


def read(path: Path) -> list[Record]:
    return list(read_file(path, JUNE_2025))


def test_the_limit_is_sixteen_megabytes():
    assert MAX_ARTICLE_BYTES == 16 * 1024 * 1024


@pytest.mark.parametrize("lines, expected", [
    ([b"abcd\n", b"ef\n"], [b"abcd\n", b"ef\n"]),
    ([b"abcde\n", b"ef"], [TOO_LONG, b"ef"]),            # 5 before its end: over by one
    ([b"abcd"], [b"abcd"]),                               # the last line, unended, at the limit
    ([b"abcde"], [TOO_LONG]),                             # ... and over it
    ([b"x" * 50 + b"\n", b"ok\n"], [TOO_LONG, b"ok\n"]),  # read past in pieces
    ([b"abc\r\n", b"d\n"], [b"abc\r\n", b"d\n"]),
])
def test_bounded_lines_marks_a_line_longer_than_the_limit_and_goes_on(lines, expected):
    handle = io.BytesIO(b"".join(lines))
    assert list(bounded_lines(handle.readline, 4)) == expected


def test_bounded_lines_reads_text_lines_too():
    handle = io.StringIO("Καλημέρα\nok\n")
    assert list(bounded_lines(handle.readline, 4)) == [TOO_LONG, "ok\n"]


def _jsonl(*lines: bytes) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def test_a_jsonl_line_over_the_limit_is_rejected_and_the_lines_around_it_load(tmp_path):
    huge = json.dumps({"headline": "Dump", "body": "x" * TOO_MUCH}).encode()
    path = tmp_path / "export.jsonl"
    path.write_bytes(_jsonl(json.dumps(ARTICLE).encode(), huge,
                            json.dumps({**ARTICLE, "headline": "Strike over"}).encode()))
    records = read(path)
    assert [r.article["headline"] for r in records if r.article] == ["Port strike ends", "Strike over"]
    [rejected] = [r for r in records if r.error]
    assert rejected.source == f"{path}:2"
    assert rejected.error == "line 2 larger than 16 MB, the most one article may hold: not read"


def test_a_gzipped_jsonl_line_of_a_gigabyte_is_rejected_without_holding_it(tmp_path):
    """1 GB of one line compresses to about 1 MB; read whole it held 2.2 GB."""
    path = tmp_path / "broken.jsonl.gz"
    chunk = b"x" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b'{"headline": "Broken", "body": "')
        for _ in range(1024):
            out.write(chunk)
        out.write(b'"}\n' + json.dumps(ARTICLE).encode() + b"\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    records = read(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [r.error for r in records if r.error] == [
        "line 1 larger than 16 MB, the most one article may hold: not read"]
    assert [r.article["headline"] for r in records if r.article] == ["Port strike ends"]
    assert grown_mb < 200, f"reading grew the peak by {grown_mb:.0f} MB"


def test_a_utf16_jsonl_line_over_the_limit_is_rejected(tmp_path):
    huge = json.dumps({"headline": "Dump", "body": "x" * (MAX_ARTICLE_BYTES // 2)})
    path = tmp_path / "windows.jsonl"
    path.write_bytes("\n".join([huge, json.dumps(ARTICLE)]).encode("utf-16"))
    records = read(path)
    assert [r.error for r in records if r.error] == [
        "line 1 larger than 16 MB, the most one article may hold: not read"]
    assert [r.article["headline"] for r in records if r.article] == ["Port strike ends"]


@pytest.mark.parametrize("name, head", [
    ("wire.txt", b"Port strike ends\n\nROTTERDAM, March 3 (Reuters) - Dockworkers "),
    ("page.html", b"<html><head><title>Port strike ends</title></head><body><article><p>"),
    ("wire.txt.gz", b"Port strike ends\n\n"),
])
def test_a_single_article_file_over_the_limit_is_rejected_by_its_size(tmp_path, name, head):
    path = tmp_path / name
    data = head + b"word " * (TOO_MUCH // 5 + 1)
    if name.endswith(".gz"):
        data = gzip.compress(data, compresslevel=1)
    path.write_bytes(data)
    assert [(r.source, r.article, r.error) for r in read(path)] == [
        (str(path), None, "file larger than 16 MB, the most one article may hold: not read")]


def test_a_single_article_file_at_the_limit_is_read(tmp_path):
    head = b"Port strike ends\n\nROTTERDAM, March 3 (Reuters) - Dockworkers returned. "
    path = tmp_path / "long.txt"
    path.write_bytes(head + b"a" * (MAX_ARTICLE_BYTES - len(head)))
    [record] = read(path)
    assert record.error is None and record.article["headline"] == "Port strike ends"
