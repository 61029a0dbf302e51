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

from loaders.readers import Record, jsonfile, jsonlist, read_file
from loaders.readers.files import MAX_ARTICLE_BYTES, MAX_FEED_BYTES, TOO_LONG, bounded_lines

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


# -- an item of a large JSON list (read item by item, jsonlist.py) ------------------------

def _streamed_list(tmp_path, monkeypatch, items: list[str], chunk: int = 1 << 16) -> list[Record]:
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)  # any list is read item by item
    monkeypatch.setattr(jsonlist, "CHUNK", chunk)
    path = tmp_path / "export.json"
    path.write_text("[\n" + ",\n".join(items) + "\n]\n", encoding="utf-8")
    return read(path)


@pytest.mark.parametrize("times", [1, 3])
def test_an_item_of_a_streamed_list_over_the_limit_is_rejected_and_the_next_ones_load(tmp_path, monkeypatch,
                                                                                      times):
    tricky = 'with "quotes" \\\\ and a backslash, {braces} and [brackets]\\" '
    huge = json.dumps({"headline": "Dump", "body": [tricky * (times * TOO_MUCH // len(tricky) + 1)],
                       "nested": {"a": [1, {"b": "}]"}]}})
    records = _streamed_list(tmp_path, monkeypatch, [json.dumps(ARTICLE), huge,
                                                     json.dumps({**ARTICLE, "headline": "Strike over"})])
    assert [(r.source.rsplit("#")[1], r.article and r.article["headline"], r.error) for r in records] == [
        ("1", "Port strike ends", None),
        ("2", None, "article larger than 16 MB, the most one article may hold: not read "
                    "(it starts line 3, column 1)"),
        ("3", "Strike over", None),
    ]


def test_a_streamed_list_cut_off_inside_an_item_over_the_limit_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)
    path = tmp_path / "cut.json"
    path.write_text("[" + json.dumps(ARTICLE) + ', {"headline": "Cut", "body": "' + "x" * TOO_MUCH)
    records = read(path)
    assert [r.article["headline"] for r in records if r.article] == ["Port strike ends"]
    assert [r.error for r in records if r.error] == [
        "invalid JSON: the list breaks off inside an article larger than 16 MB: the JSON list breaks off "
        "after its article 1, so the articles from here on were not read; fix or complete the file and load "
        "it again"]


@pytest.mark.parametrize("chunk", range(1, 8))
def test_reading_past_an_item_over_the_limit_holds_across_every_chunk_boundary(tmp_path, monkeypatch, chunk):
    """Escapes, quotes and brackets straddling the chunks read, with a limit of 40 characters."""
    monkeypatch.setattr(jsonlist, "MAX_ARTICLE_BYTES", 40)
    small = json.dumps({"headline": "A", "body": "b"})
    huge = json.dumps({"headline": 'say \\"]}" {[', "body": ['"}]\\' * 12, {"x": "\\\\"}]})
    assert len(huge) > 40
    records = _streamed_list(tmp_path, monkeypatch, [small, huge, '"' + "y\\\"" * 20 + '"', small], chunk)
    assert [(r.article and r.article["headline"], r.error and r.error.split(",")[0]) for r in records] == [
        ("A", None), (None, "article larger than 40 bytes"), (None, "article larger than 40 bytes"), ("A", None)]


# -- a feed (parsed whole) ---------------------------------------------------------------

def test_the_feed_limit_is_sixty_four_megabytes():
    assert MAX_FEED_BYTES == 64 * 1024 * 1024


def test_a_gzipped_feed_unpacking_past_the_limit_is_rejected_without_holding_it(tmp_path):
    """A feed is parsed whole: a 300 KB gzipped feed of 300 MB of blank space held 1.3 GB."""
    path = tmp_path / "bomb.xml.gz"
    chunk = b" " * (1 << 20)
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                  b'<item><title>Port strike ends</title><link>https://example.com/a</link><description>')
        for _ in range(MAX_FEED_BYTES // len(chunk) * 4):
            out.write(chunk)
        out.write(b"</description></item></channel></rss>")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    records = read(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [(r.source, r.article, r.error) for r in records] == [
        (str(path), None, "feed larger than 64 MB (uncompressed), the most one feed may hold: not read; "
                          "split it into smaller feeds")]
    assert grown_mb < 200, f"reading grew the peak by {grown_mb:.0f} MB"


def test_a_feed_under_the_limit_is_read(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
                    '<title>Port strike ends</title><link>https://example.com/a</link>'
                    '<description>Dockworkers in Rotterdam returned to work on Monday.</description>'
                    '</item></channel></rss>', encoding="utf-8")
    [record] = read(path)
    assert record.error is None and record.article["headline"] == "Port strike ends"


# -- a gzipped JSON file small on disk that unpacks to far more --------------------------

def _gzipped_json(path: Path, head: bytes, tail: bytes, blank_mb: int) -> Path:
    chunk = b" " * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(head)
        for _ in range(blank_mb):
            out.write(chunk)
        out.write(tail)
    return path


def test_the_gzipped_json_limit_is_two_hundred_fifty_six_megabytes():
    assert jsonfile.MAX_GZIPPED_JSON_BYTES == 256 * 1024 * 1024


def test_a_small_gzipped_list_unpacking_to_hundreds_of_megabytes_is_read_item_by_item(tmp_path):
    """300 MB of blank space is 300 KB gzipped, under the size on disk that streams: read whole it held 670 MB."""
    path = _gzipped_json(tmp_path / "export.json.gz", b"[" + json.dumps(ARTICLE).encode() + b",",
                         json.dumps({**ARTICLE, "headline": "Strike over"}).encode() + b"]", 300)
    assert path.stat().st_size < jsonlist.STREAM_FROM_BYTES // 8
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    records = read(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [r.article["headline"] for r in records if r.article] == ["Port strike ends", "Strike over"]
    assert not [r.error for r in records if r.error]
    assert grown_mb < 200, f"reading grew the peak by {grown_mb:.0f} MB"


_VALUE_TOO_LARGE = "a value larger than 16 MB, the most one article may hold: not read"


@pytest.mark.parametrize(("head", "headlines", "rejected"), [
    (b'{"articles": [' + json.dumps(ARTICLE).encode() + b'], "padding": "',  # an envelope: its articles read
     ["Port strike ends"], ("#2", f"{_VALUE_TOO_LARGE}: the 'articles' list breaks off after its article 1, so "
                                  "the articles from here on were not read; fix or complete the file and load it "
                                  "again")),
    (json.dumps(ARTICLE).encode()[:-1] + b', "padding": "', [], ("", _VALUE_TOO_LARGE)),  # one article
])
def test_a_gzipped_json_object_unpacking_past_the_limit_is_read_member_by_member(tmp_path, head, headlines,
                                                                                  rejected):
    path = _gzipped_json(tmp_path / "export.json.gz", head, b'"}', 300)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    records = read(path)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [r.article["headline"] for r in records if r.article] == headlines
    assert [(r.source, r.error) for r in records if r.error] == [(f"{path}{rejected[0]}", rejected[1])]
    assert grown_mb < 400, f"reading grew the peak by {grown_mb:.0f} MB"


def test_a_gzipped_json_object_under_the_limit_is_read(tmp_path):
    path = tmp_path / "article.json.gz"
    path.write_bytes(gzip.compress(json.dumps(ARTICLE).encode()))
    [record] = read(path)
    assert record.error is None and record.article["headline"] == "Port strike ends"
