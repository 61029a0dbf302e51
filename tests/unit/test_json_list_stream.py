"""A large JSON list is read item by item, and reads as the same list read whole.

Each case is read twice: whole (below `STREAM_FROM_BYTES`) and item by item
(the threshold at 0, and chunks of a few characters, so items, numbers and
line ends straddle chunks). The records must be equal: articles, sources,
errors with their line and column.
"""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from loaders.readers import jsonlist, read_file

REFERENCE = datetime(2025, 6, 1)
ONE = json.dumps({"headline": "Port reopens", "body": ["The port reopened on Monday."], "url": "https://x.example/1"})
TWO = json.dumps({"headline": "Vote delayed", "body": ["The council vote was delayed.", "A second one."],
                  "url": "https://x.example/2", "tags": ["council"], "views": 12345678901234567890})

CASES = {
    "two articles": f"[{ONE}, {TWO}]",
    "on lines, CRLF": f"[\r\n  {ONE},\r\n  {TWO}\r\n]\r\n",
    "empty list": "[ ]",
    "cut off in an article": f"[\n{ONE},\n{TWO},\n" + '{"headline": "Cut',
    "cut off after an article": f"[\n{ONE},\n{TWO}",
    "cut off after a comma": f"[\n{ONE},\n",
    "bad inside an article": f"[\n{ONE},\n" + '{"headline": "Bad",, "body": ["x"]}, ' + f"{TWO}]",
    "no comma between articles": f"[{ONE}\n {TWO}]",
    "trailing comma": f"[{ONE},]",
    "extra data after the list": f"[{ONE}] and more",
    "broken before any article": '[,{"headline": "A"}]',
    "not an object": f'[{ONE}, "just text", 42]',
    "a long article": "[" + json.dumps({"headline": "Long", "body": ["word " * 5_000]}) + f", {ONE}]",
    # An object: an envelope's list read item by item, anything else whole.
    "an envelope": f'{{"status": "ok", "totalResults": 2, "articles": [{ONE},\n {TWO}]}}',
    "an envelope, members after": f'{{"data": [{ONE}, {TWO}], "next": {{"page": 2, "of": [1, 2]}}, "n": 2}}\n',
    "an empty envelope": '{"status": "ok", "articles": [ ]}',
    "a JSON Feed": json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Herald",
                               "items": [{"id": "https://x.example/9", "url": "https://x.example/9",
                                          "title": "Ferry resumes", "content_text": "The ferry sailed."}]}),
    "one article": ONE,
    "one article with lists": TWO,
    "an empty object": "{ }",
    "a list under no envelope name": f'{{"hits": [{ONE}]}}',
    "broken before the list": f'{{"status": "ok",, "articles": [{ONE}]}}',
    "no colon": f'{{"status" "ok", "articles": [{ONE}]}}',
    "no comma between members": f'{{"status": "ok" "articles": [{ONE}]}}',
    "a key that is no string": f'{{status: "ok", "articles": [{ONE}]}}',
    "cut off before the list": '{"status": "ok", "total',
}


def _records(path: Path) -> list[tuple]:
    return [(r.source, r.article, r.error) for r in read_file(path, REFERENCE)]


@pytest.mark.parametrize("chunk", [3, 64])
@pytest.mark.parametrize("name", list(CASES))
def test_a_list_read_item_by_item_reads_as_read_whole(tmp_path, monkeypatch, name, chunk):
    path = tmp_path / "export.json"
    path.write_text(CASES[name], encoding="utf-8")
    whole = _records(path)
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(jsonlist, "CHUNK", chunk)
    assert jsonlist.streams(path)
    assert _records(path) == whole


def test_a_compressed_list_and_a_byte_order_mark_are_read_item_by_item(tmp_path, monkeypatch):
    text = f"\ufeff[{ONE}, {TWO}]"
    plain, packed = tmp_path / "a.json", tmp_path / "b.json.gz"
    plain.write_text(text, encoding="utf-8")
    packed.write_bytes(gzip.compress(text.encode("utf-8")))
    whole = [(r.article, r.error) for r in read_file(plain, REFERENCE)]
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(jsonlist, "CHUNK", 5)
    for path in (plain, packed):
        assert jsonlist.streams(path)
        assert [(r.article, r.error) for r in read_file(path, REFERENCE)] == whole
    utf16 = tmp_path / "c.json"
    utf16.write_text(text[1:], encoding="utf-16")
    assert jsonlist.streams(utf16)
    assert [(r.article, r.error) for r in read_file(utf16, REFERENCE)] == whole


def test_a_small_list_or_object_is_read_whole(tmp_path, monkeypatch):
    small = tmp_path / "small.json"
    small.write_text(f"[{ONE}]", encoding="utf-8")
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"articles": [json.loads(ONE)] * 10}), encoding="utf-8")
    assert not jsonlist.streams(small) and not jsonlist.streams(wrapped)
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)
    assert jsonlist.streams(small) and jsonlist.streams(wrapped)
    assert len(_records(wrapped)) == 10


def test_an_envelope_cut_off_keeps_the_articles_before_the_break(tmp_path, monkeypatch):
    """Read whole, an object cut short was one rejection; read item by item, what came before is read."""
    path = tmp_path / "export.json"
    path.write_text(f'{{"status": "ok", "articles": [{ONE},\n{TWO},\n{{"headline": "Cut', encoding="utf-8")
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(jsonlist, "CHUNK", 7)
    records = _records(path)
    assert [r[1] and r[1]["headline"] for r in records] == ["Port reopens", "Vote delayed", None]
    assert records[2][0] == f"{path}#3"
    assert records[2][2] == ("invalid JSON: Unterminated string starting at (line 3, column 14): the 'articles' "
                             "list breaks off after its article 2, so the articles from here on were not read; "
                             "fix or complete the file and load it again")


def test_json_lines_named_json_are_read_line_by_line_however_large(tmp_path, monkeypatch):
    path = tmp_path / "export.json"
    path.write_text(f"{ONE}\n{TWO}\n", encoding="utf-8")
    whole = _records(path)
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)
    assert jsonlist.streams(path) and jsonlist.starts_json_lines(path)
    assert _records(path) == whole and [r[0] for r in whole] == [f"{path}:1", f"{path}:2"]


def test_an_object_member_over_the_article_limit_is_said_so(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(jsonlist, "MAX_ARTICLE_BYTES", 100)
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"meta": "x" * 200, "articles": [json.loads(ONE)]}), encoding="utf-8")
    assert _records(path) == [(str(path), None, "a value larger than 100 bytes, the most one article may hold: "
                                                "not read")]


def test_an_article_holding_bytes_that_are_no_utf8_is_rejected_and_the_rest_read(tmp_path, monkeypatch):
    """Read whole, the file was one rejection; read item by item, only that article is."""
    path = tmp_path / "export.json"
    path.write_bytes(f"[{ONE},\n".encode() + b'{"headline": "Caf\xe9", "body": ["x"]},\n' + f"{TWO}]".encode())
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)
    monkeypatch.setattr(jsonlist, "CHUNK", 16)
    records = _records(path)
    assert [r[1] and r[1]["headline"] for r in records] == ["Port reopens", None, "Vote delayed"]
    assert records[1][0] == f"{path}#2"
    assert records[1][2].startswith("not UTF-8 text: byte 0xe9 (line 2, column 18)")


def test_a_number_too_long_to_read_keeps_the_articles_before_it(tmp_path, monkeypatch):
    """Read whole, the file was one rejection; read item by item, what came before is read."""
    path = tmp_path / "export.json"
    path.write_text(f'[{ONE}, {{"headline": "n", "body": ["b"], "section": {"9" * 5_000}}}, {TWO}]')
    monkeypatch.setattr(jsonlist, "STREAM_FROM_BYTES", 0)
    records = _records(path)
    assert [r[1] and r[1]["headline"] for r in records] == ["Port reopens", None]
    assert records[1][2].startswith("invalid JSON: a number of 5000 digits; at most 4300 can be read: the JSON "
                                    "list breaks off after its article 1")


_MEASURE = """
import resource, sys
from datetime import datetime
from pathlib import Path
from loaders.readers import read_file
count = sum(1 for record in read_file(Path(sys.argv[1]), datetime(2025, 6, 1)) if record.article)
print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ('{"status": "ok", "articles": [', '], "n": 1}')])
def test_a_large_list_is_read_in_constant_memory(tmp_path, opening, closing):
    """120 MB of articles in one list, or in an envelope: read whole, the process's peak grew
    by about three times the file; read item by item, by far less than the file."""
    path = tmp_path / "export.json"
    article = json.loads(TWO)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(opening)
        for number in range(60_000):
            article["url"] = f"https://x.example/{number}"
            article["body"] = [f"Paragraph {number} of the council story. " * 50]
            handle.write(("," if number else "") + json.dumps(article))
        handle.write(closing)
    size_mb = path.stat().st_size / 2**20
    assert size_mb > 100 and jsonlist.streams(path)
    baseline = subprocess.run([sys.executable, "-c", "import resource; from loaders.readers import read_file; "
                               "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
                              capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2])
    run = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[2])
    count, peak_kb = map(int, run.stdout.split())
    grown_mb = (peak_kb - int(baseline.stdout)) / 1024
    assert count == 60_000
    assert grown_mb < size_mb / 4, (grown_mb, size_mb)
