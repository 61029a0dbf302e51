"""Readers on real sample files and on small inline files: what each format becomes."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from loaders.identity import guid_id, stable_id
from loaders.pipeline import prepare
from loaders.readers import READERS, Record, discover, read_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "seed_article.txt"
JUNE_2025 = datetime(2025, 6, 1)
MARCH_2025 = datetime(2025, 3, 1)


def read(path: Path, reference: datetime = JUNE_2025) -> list[Record]:
    return list(read_file(Path(path), reference))


def read_one(path: Path, reference: datetime = JUNE_2025) -> dict:
    records = read(path, reference)
    assert len(records) == 1, records
    assert records[0].error is None, records[0].error
    return records[0].article


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- wire text: the seed article -------------------------------------------------

def test_seed_article_headline_date_and_paragraphs():
    article = read_one(SEED, JUNE_2025)
    assert article["headline"] == (
        "Azerbaijan hosts Israel-Turkey meeting aimed at laying out “red lines” in Syria")
    assert article["dateline"]["published_at"] == "2025-04-11T14:54:00"
    assert len(article["body"]) == 9
    assert article["body"][0].startswith("Amid the growing confrontation over influence in Syria")
    assert article["body"][-1].startswith("Turkey and Israel have traded accusations")
    assert article["body"][-1].endswith("military activity in the neighboring country.")
    assert article["authors"] == []
    # The date line is not a paragraph.
    assert not any("14:54" in paragraph for paragraph in article["body"])


def test_seed_article_date_before_the_reference_day_goes_to_the_previous_year():
    article = read_one(SEED, MARCH_2025)
    assert article["dateline"]["published_at"] == "2024-04-11T14:54:00"


def test_seed_article_record_source_is_the_path():
    records = read(SEED)
    assert records[0].source == str(SEED)


# -- wire text: inline files -------------------------------------------------------

WIRE_BLOCKS = """Harbour robots tie up first container ship
- 3 March, 09:12

By Jane Doe and John Roe

ROTTERDAM, March 3 (Reuters) - A start-up's mooring robots
tied up a container ship on Monday,
the port said.

The trial runs
until June.
"""


def test_wire_blank_line_blocks_join_hard_wrapped_lines(tmp_path):
    article = read_one(write(tmp_path, "robots.txt", WIRE_BLOCKS))
    assert article["headline"] == "Harbour robots tie up first container ship"
    assert article["body"] == [
        "ROTTERDAM, March 3 (Reuters) - A start-up's mooring robots tied up a container ship "
        "on Monday, the port said.",
        "The trial runs until June.",
    ]
    assert article["dateline"]["published_at"] == "2025-03-03T09:12:00"


def test_wire_byline_becomes_authors(tmp_path):
    article = read_one(write(tmp_path, "robots.txt", WIRE_BLOCKS))
    assert article["authors"] == ["Jane Doe", "John Roe"]
    assert not any(p.startswith("By ") for p in article["body"])


def test_wire_one_paragraph_per_line_without_blank_lines(tmp_path):
    path = write(tmp_path, "lines.txt", "Headline here\nBy Ann Lee, Reuters\nFirst para.\nSecond para.\n")
    article = read_one(path)
    assert article["headline"] == "Headline here"
    assert article["authors"] == ["Ann Lee"]  # the agency is not an author
    assert article["body"] == ["First para.", "Second para."]
    assert article["dateline"]["published_at"] is None


def test_wire_byline_with_several_names(tmp_path):
    path = write(tmp_path, "three.txt", "Head\nBy Jane Doe, John Roe & Ann Lee\nPara.\n")
    assert read_one(path)["authors"] == ["Jane Doe", "John Roe", "Ann Lee"]


@pytest.mark.parametrize("byline, authors", [
    ("By Maria Lind and Tom Ek, Staff Writers", ["Maria Lind", "Tom Ek"]),
    ("By Maria Lind, Our Foreign Correspondent", ["Maria Lind"]),
    ("by Maria Lind", ["Maria Lind"]),
    ("BY MARIA LIND", ["MARIA LIND"]),
])
def test_wire_byline_roles_and_case(tmp_path, byline, authors):
    article = read_one(write(tmp_path, "strike.txt", f"Port strike ends\n{byline}\nDock workers voted.\n"))
    assert article["authors"] == authors
    assert article["body"] == ["Dock workers voted."]


def test_wire_date_line_with_a_zone_is_stored_in_utc_and_identifies_like_json(tmp_path):
    wire = read_one(write(tmp_path, "late.txt",
                          "Late vote ends strike\nMarch 5, 2024 9:30 PM EST\nDock workers voted.\n"))
    assert wire["dateline"]["published_at"] == "2024-03-06T02:30:00+00:00"
    copy = read_one(write(tmp_path, "late.json", json.dumps(
        {"headline": "Late vote ends strike", "body": ["Dock workers voted."], "date": "2024-03-06T02:30:00Z"})))
    assert prepare(wire, JUNE_2025)["id"] == prepare(copy, JUNE_2025)["id"]


def test_wire_windows_line_endings_and_bom(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeffHead line\r\n- 11 April, 14:54\r\nPara one.\r\nPara two.".encode("utf-8"))
    article = read_one(path)
    assert article["headline"] == "Head line"
    assert article["body"] == ["Para one.", "Para two."]
    assert article["dateline"]["published_at"] == "2025-04-11T14:54:00"


def test_wire_sentence_starting_with_by_is_story_text_not_a_byline(tmp_path):
    path = write(tmp_path, "river.txt",
                 "River falls in Brenning\nBy Tuesday, the river had fallen by two metres.\n"
                 "Crews began clearing mud.\n")
    article = read_one(path)
    assert article["authors"] == []
    assert article["body"] == ["By Tuesday, the river had fallen by two metres.",
                               "Crews began clearing mud."]


def test_wire_byline_line_directly_above_a_wrapped_paragraph(tmp_path):
    path = write(tmp_path, "wrapped.txt",
                 "Head\n\nBy Jane Doe\nROTTERDAM, March 3 (Reuters) - Robots tied up\na ship.\n\n"
                 "Second para.\n")
    article = read_one(path)
    assert article["authors"] == ["Jane Doe"]
    assert article["body"] == ["ROTTERDAM, March 3 (Reuters) - Robots tied up a ship.", "Second para."]


# -- JSON and JSONL ------------------------------------------------------------------

def test_json_single_object(tmp_path):
    data = {"id": "hg-1", "url": "https://hg.example/a", "outlet": "Harbor Gazette",
            "headline": "One", "body": ["p1", "p2"], "authors": ["Kari Dahl"],
            "dateline": {"place": "Port Verran", "published_at": "2024-02-06T07:45:00Z"}}
    records = read(write(tmp_path, "one.json", json.dumps(data)))
    assert len(records) == 1
    record = records[0]
    assert record.error is None and record.source == str(tmp_path / "one.json")
    article = record.article
    assert article["id"] == "hg-1"
    assert article["headline"] == "One" and article["body"] == ["p1", "p2"]
    assert article["dateline"] == {"place": "Port Verran", "published_at": "2024-02-06T07:45:00+00:00"}


def test_json_list_gives_one_record_per_item(tmp_path):
    data = [{"headline": "A", "body": ["x"]}, {"headline": "B", "body": ["y"]}, 5]
    records = read(write(tmp_path, "list.json", json.dumps(data)))
    path = tmp_path / "list.json"
    assert [r.source for r in records] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [r.article["headline"] for r in records[:2]] == ["A", "B"]
    assert records[2].article is None and "expected a JSON object" in records[2].error


def test_json_articles_wrapped_in_an_object_are_read_one_by_one(tmp_path):
    data = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Coast Herald"}, "title": "Nested one", "content": "Body one.",
         "url": "https://coastherald.example/n1", "publishedAt": "2024-05-22T09:05:00Z"},
        {"title": "Nested two", "content": "Body two."},
        "not an article",
    ]}
    path = write(tmp_path, "newsapi.json", json.dumps(data))
    records = read(path)
    assert [r.source for r in records] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [r.article["headline"] for r in records[:2]] == ["Nested one", "Nested two"]
    assert records[0].article["dateline"]["published_at"] == "2024-05-22T09:05:00+00:00"
    assert records[2].article is None and "expected a JSON object" in records[2].error
    # NewsAPI names the outlet under `source`: it was left out, the outlet lost.
    assert records[0].article["outlet"] == "Coast Herald" and records[0].ignored == ()
    assert records[1].article.get("outlet") is None


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_json_lines_named_json_are_read_line_by_line(tmp_path, end):
    """An export of JSON Lines named `.json` was one rejection, "Extra data (line 2,
    column 1)": every article in it lost behind one input counted."""
    lines = [json.dumps({"headline": "One", "body": ["a"]}), json.dumps({"headline": "Two", "body": ["b"]}),
             '{"headline": "Cut off"']
    path = write(tmp_path, "export.json", end.join(lines) + end)
    records = read(path)
    assert [r.source for r in records] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert [r.article and r.article["headline"] for r in records] == ["One", "Two", None]
    assert "invalid JSON on line 3" in records[2].error


@pytest.mark.parametrize("text", ['{"headline": "One"} {"headline": "Two"}', '{"headline": "One"}\n]'])
def test_json_with_extra_data_that_is_no_json_lines_stays_one_rejection(tmp_path, text):
    [record] = read(write(tmp_path, "odd.json", text))
    assert record.article is None and record.error.startswith("invalid JSON: Extra data")


@pytest.mark.parametrize("broken, line", [('{"headline": "Cut', 4), ('{"headline": "Bad",, "body": ["x"]}, ' + json.dumps({"headline": "After", "body": ["y"]}) + "]", 4)])
def test_json_list_that_breaks_off_keeps_the_articles_before_the_break(tmp_path, broken, line):
    """An export cut short was one rejection for the whole file: the complete articles
    before the break were lost with it and counted as one input."""
    good = [json.dumps({"headline": name, "body": ["Text."]}) for name in ("One", "Two")]
    path = write(tmp_path, "export.json", "[\n" + ",\n".join(good) + ",\n" + broken + "\n")
    records = read(path)
    assert [r.source for r in records] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [r.article and r.article["headline"] for r in records] == ["One", "Two", None]
    assert records[2].error.startswith("invalid JSON: ") and f"(line {line}, column" in records[2].error
    assert "breaks off after its article 2" in records[2].error


def test_json_that_breaks_before_any_article_stays_one_rejection(tmp_path):
    for text in ('[{"headline": "Cut', '{"headline": "Cut', '[,{"headline": "A"}]', '{"items": [{"headline": "Cut'):
        [record] = read(write(tmp_path, "cut.json", text))
        assert record.article is None and record.error.startswith("invalid JSON: "), text


def test_json_feed_items_are_articles(tmp_path):
    data = {"version": "https://jsonfeed.org/version/1.1", "title": "Coast Herald", "items": [
        {"id": "1", "url": "https://coastherald.example/a", "title": "A", "content_text": "Body of A.",
         "date_published": "2024-05-22T09:05:00+02:00"}]}
    article = read_one(write(tmp_path, "feed.json", json.dumps(data)))
    assert article["headline"] == "A" and article["body"] == "Body of A."
    assert article["outlet"] == "Coast Herald"  # the feed's title, as an RSS feed's is: it was lost
    assert article["dateline"]["published_at"] == "2024-05-22T07:05:00+00:00"


def test_json_feed_items_with_html_content_only_are_articles(tmp_path):
    """JSON Feed items give `content_text`, `content_html` or both; one with only
    `content_html` (as most blogs publish) was rejected: "no body text"."""
    data = {"version": "https://jsonfeed.org/version/1.1", "title": "Coast Herald", "items": [
        {"id": "1", "url": "https://coastherald.example/a", "title": "A",
         "content_html": "<p>Body of A.</p><p>Second &amp; last.</p>"},
        {"id": "2", "url": "https://coastherald.example/b", "title": "B", "content_text": "Plain B.",
         "content_html": "<p>Plain B.</p>"}]}
    records = read(write(tmp_path, "feed.json", json.dumps(data)))
    assert [r.error for r in records] == [None, None]
    assert [prepare(r.article, JUNE_2025)["body"] for r in records] == [["Body of A.", "Second & last."], ["Plain B."]]
    assert [r.ignored for r in records] == [(), ()]


def test_json_feed_items_with_url_ids_are_known_by_their_url_or_within_their_feed(tmp_path):
    """JSON Feed item ids are any text, URLs most often: taken as the article's id they
    failed the id rule and the item was rejected. Such an id is the item's within its
    feed now, as an RSS guid; one that passes the rule is kept."""
    data = {"version": "https://jsonfeed.org/version/1.1", "title": "Coast Herald", "items": [
        {"id": "https://coastherald.example/a", "url": "https://coastherald.example/a", "title": "A",
         "content_text": "Body of A."},
        {"id": "tag:coastherald.example,2024:/b", "title": "B", "content_text": "Body of B."},
        {"id": "item-7", "url": "https://coastherald.example/c", "title": "C", "content_text": "Body of C."}]}
    records = read(write(tmp_path, "feed.json", json.dumps(data)))
    assert [r.error for r in records] == [None, None, None]
    ids = [prepare(r.article, JUNE_2025)["id"] for r in records]
    assert ids == [stable_id({"url": "https://coastherald.example/a"}),
                   guid_id("Coast Herald", "tag:coastherald.example,2024:/b"), "item-7"]


def test_json_object_with_a_body_is_one_article_whatever_lists_it_holds(tmp_path):
    data = {"headline": "One", "body": ["Text."], "items": [{"headline": "Not an article"}]}
    records = read(write(tmp_path, "one.json", json.dumps(data)))
    assert len(records) == 1 and records[0].article["headline"] == "One"


def test_json_empty_wrapped_list_says_which(tmp_path):
    records = read(write(tmp_path, "empty.json", json.dumps({"status": "ok", "articles": []})))
    assert [(r.article, r.error) for r in records] == [(None, "no articles: the 'articles' list is empty")]


def test_json_body_and_headline_given_as_html_become_text(tmp_path):
    lines = [
        {"title": "Smith &amp; Sons <em>sold</em>",
         "content": '<p>First paragraph with <a href="/x">a link</a> &amp; more.</p>\n<p>Second<br>line.</p>'},
        {"headline": "List", "body": ["<p>Given as HTML</p>", "Plain, with a < b and c > d."]},
        {"headline": "AT&T results", "body": "If a < b then <this is no tag."},
    ]
    path = write(tmp_path, "cms.jsonl", "\n".join(json.dumps(line) for line in lines))
    first, second, third = (r.article for r in read(path))
    assert first["headline"] == "Smith & Sons sold"
    assert first["body"] == ["First paragraph with a link & more.", "Second line."]
    assert second["body"] == ["Given as HTML", "Plain, with a < b and c > d."]
    assert third["headline"] == "AT&T results" and third["body"] == "If a < b then <this is no tag."


def test_json_wire_copy_with_names_in_angle_brackets_is_no_html(tmp_path):
    """Reuters writes companies and tickers in angle brackets: "<B and R International Inc.>" looked like a
    <b> tag, and the whole paragraph went through the HTML parser, which dropped every bracketed name."""
    body = ["LONDON, March 2 - <Sale Tilney Plc> said it has purchased 80 pct of <B and R International Inc.>.",
            "Asbestec <ASBE.O> will buy <P.W. Stephens>; TD Bank <TD> and Agilent <A> were not involved."]
    path = write(tmp_path, "wire.jsonl", json.dumps({"headline": "Sale Tilney buys <B and R>", "body": body}))
    article = read_one(path)
    assert article["body"] == body and article["headline"] == "Sale Tilney buys <B and R>"


@pytest.mark.parametrize("description, body", [
    ("First para.&lt;br&gt;&lt;br&gt;Second para.", ["First para.", "Second para."]),
    ("&lt;p&gt;One&lt;br/&gt;two&lt;/p&gt;&lt;p&gt;Three&lt;/p&gt;", ["One two", "Three"]),
])
def test_feed_line_breaks_separate_words_and_paragraphs(tmp_path, description, body):
    path = write(tmp_path, "x.rss", rss(
        f"<item><title>T</title><link>https://herald.example/br</link><description>{description}</description></item>"))
    assert read_one(path)["body"] == body


def test_jsonl_broken_line_is_an_error_and_good_lines_still_read(tmp_path):
    lines = [
        json.dumps({"headline": "First", "body": ["a"]}),
        "",
        '{"headline": "Broken", "body": ["never closed"',
        json.dumps({"headline": "Fourth", "body": ["d"]}),
    ]
    path = write(tmp_path, "digest.jsonl", "\n".join(lines) + "\n")
    records = read(path)
    assert [r.source for r in records] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    assert records[0].article["headline"] == "First"
    assert records[2].article["headline"] == "Fourth"
    broken = records[1]
    assert broken.article is None
    assert "line 3" in broken.error


def test_jsonl_invalid_utf8_byte_rejects_only_its_line(tmp_path):
    path = tmp_path / "digest.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"headline": "First", "body": ["a"]}).encode() + b"\n"
                     + b'{"headline": "Caf\xe9", "body": ["latin-1 byte"]}\n'
                     + json.dumps({"headline": "Third", "body": ["c"]}).encode() + b"\n")
    records = read(path)
    assert [r.source for r in records] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert [r.article and r.article["headline"] for r in records] == ["First", None, "Third"]
    assert records[1].error == "line 2 is not valid UTF-8: byte 0xe9 at column 18"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_jsonl_with_lone_carriage_returns_reads_every_line(tmp_path, encoding):
    """Lines ended by a lone CR (classic Mac OS, some exports) were one line:
    three articles became one rejection, "Extra data", and one input read."""
    lines = [json.dumps({"headline": f"Story {n}", "body": ["Text."]}) for n in (1, 2)]
    path = tmp_path / "mac.jsonl"
    path.write_bytes((lines[0] + "\r\r" + '{"headline": "Broken"' + "\r" + lines[1] + "\r\n").encode(encoding))
    records = read(path)
    assert [r.source for r in records] == [f"{path}:1", f"{path}:3", f"{path}:4"]
    assert [r.article and r.article["headline"] for r in records] == ["Story 1", None, "Story 2"]
    assert "line 3" in records[1].error


@pytest.mark.parametrize("key", ["keywords", "tags"])
def test_json_keywords_in_one_string_are_several_tags(tmp_path, key):
    """schema.org's `keywords` (and many CMS exports' tags) are one string with commas: it was stored
    as one tag, "flood, storm, council"."""
    data = {"headline": "Tagged", "body": ["x"], key: "flood, storm,  council,"}
    assert prepare(read_one(write(tmp_path, "tags.json", json.dumps(data))), JUNE_2025)["tags"] == [
        "flood", "storm", "council"]


def test_json_field_aliases(tmp_path):
    data = {"title": "Aliased", "text": "First paragraph\nstill first.\n\nSecond paragraph.",
            "published": "2025-04-11T14:54:00Z", "link": "https://a.example/x",
            "publisher": {"name": "Pub"}, "author": {"name": "Kari Dahl"}, "keywords": ["k"],
            "category": "world"}
    article = read_one(write(tmp_path, "aliases.json", json.dumps(data)))
    assert article["headline"] == "Aliased"
    assert article["url"] == "https://a.example/x"
    assert article["outlet"] == "Pub"
    assert article["authors"] == ["Kari Dahl"]
    assert article["tags"] == ["k"] and article["section"] == "world"
    assert article["dateline"]["published_at"] == "2025-04-11T14:54:00+00:00"
    assert "title" not in article and "text" not in article and "published" not in article
    prepared = prepare(article, JUNE_2025)
    assert prepared["body"] == ["First paragraph still first.", "Second paragraph."]


def test_json_yearless_date_resolves_against_the_reference(tmp_path):
    path = write(tmp_path, "d.json", json.dumps({"headline": "h", "body": ["b"], "date": "April 11"}))
    assert read_one(path, JUNE_2025)["dateline"]["published_at"].startswith("2025-04-11")


def test_json_unreadable_date_is_an_error(tmp_path):
    path = write(tmp_path, "d.json", json.dumps({"headline": "h", "body": ["b"], "date": "zzz qqq"}))
    records = read(path)
    assert records[0].article is None and "unreadable publication date" in records[0].error


@pytest.mark.parametrize("date", ["5", "2024", "1e10", 1e20, -1, 5, "10:30", "tomorrow", "in 2 days",
                                  "yesterday", "3 days ago", "2025-04", "May 2025", "2025-13-45T00:00:00Z",
                                  True, "2024-13-01", "2024/31/12"])
def test_json_date_that_is_no_full_date_is_an_error(tmp_path, date):
    path = write(tmp_path, "d.json", json.dumps({"headline": "h", "body": ["b"], "date": date}))
    records = read(path, JUNE_2025)
    assert records[0].article is None
    assert records[0].error == f"unreadable publication date {date!r}"


@pytest.mark.parametrize("date, published_at", [
    ("2025-04-11T14:54:00Z", "2025-04-11T14:54:00+00:00"),
    ("20250411", "2025-04-11T00:00:00"),
    ("Tue, 11 Apr 2025 14:54:00 +0200", "2025-04-11T12:54:00+00:00"),
    ("11 April 2025", "2025-04-11T00:00:00"),
    ("April 11, 2025 2:54 pm", "2025-04-11T14:54:00"),
    ("11 avril 2025", "2025-04-11T00:00:00"),
    ("25/04/2025", "2025-04-25T00:00:00"),
    ("11/04/2025 14h54", "2025-04-11T14:54:00"),  # November 4 is after the reference date
    ("2024/02/03", "2024-02-03T00:00:00"),  # year first: year, month, day
    ("2024-1-5", "2024-01-05T00:00:00"),
    ("2024.12.31 10:00", "2024-12-31T10:00:00"),
    (1700000000, "2023-11-14T22:13:20+00:00"),
    ("1700000000", "2023-11-14T22:13:20+00:00"),
    (1700000000123, "2023-11-14T22:13:20.123000+00:00"),
])
def test_json_full_dates_and_epoch_timestamps_are_read(tmp_path, date, published_at):
    path = write(tmp_path, "d.json", json.dumps({"headline": "h", "body": ["b"], "date": date}))
    assert read_one(path, JUNE_2025)["dateline"]["published_at"] == published_at


@pytest.mark.parametrize("date, published_at", [
    ("May 22, 2024 11:05 AM EDT", "2024-05-22T15:05:00+00:00"),
    ("2024-05-22 11:05:00 CEST", "2024-05-22T09:05:00+00:00"),
    ("Wednesday, 22 May 2024 11:05 GMT+2", "2024-05-22T09:05:00+00:00"),
    ("22.05.2024 11:05 +0200", "2024-05-22T09:05:00+00:00"),
    ("22 May 2024 23:30 PST", "2024-05-23T07:30:00+00:00"),
    ("22 May 2024 11:05 UTC", "2024-05-22T11:05:00+00:00"),
    ("April 11 14:54 GMT", "2025-04-11T14:54:00+00:00"),
    ("22 May 2024 11:05", "2024-05-22T11:05:00"),  # no zone written: kept as written
])
def test_a_written_time_zone_is_applied_not_dropped(tmp_path, date, published_at):
    path = write(tmp_path, "d.json", json.dumps({"headline": "h", "body": ["b"], "date": date}))
    assert read_one(path, JUNE_2025)["dateline"]["published_at"] == published_at


def test_json_fields_articles_lack_are_left_out_and_named(tmp_path):
    path = write(tmp_path, "x.json", json.dumps({
        "headline": "h", "body": ["b"], "image": "https://example.org/i.png", "summary": "s",
        "title": "ignored alias: headline is given", "dateline": {"place": "Oslo", "timezone": "CET"}}))
    [record] = read(path)
    assert record.error is None
    assert set(record.article) == {"headline", "body", "dateline"}
    assert record.article["dateline"] == {"place": "Oslo"}
    assert sorted(record.ignored) == ["dateline.timezone", "image", "summary"]
    prepare(record.article, JUNE_2025)  # what is left is a valid article


def test_invalid_json_file_is_an_error_with_its_position(tmp_path):
    records = read(write(tmp_path, "bad.json", '{\n  "headline": "cut off",\n  "body": ['))
    assert len(records) == 1
    assert records[0].article is None
    assert records[0].error.startswith("invalid JSON") and "line 3" in records[0].error


def test_json_samples_read():
    article = read_one(SAMPLES / "harbor_gazette_okafor_sable_bank.json")
    assert article["outlet"] == "Harbor Gazette"
    assert article["dateline"]["published_at"] == "2024-02-06T07:45:00+00:00"
    assert "id" in article


def test_jsonl_sample_reads_every_line():
    records = read(SAMPLES / "wire_digest.jsonl")
    assert len(records) == 5
    assert all(r.error is None for r in records)
    assert records[0].article["outlet"] == "Orbis News Service"


# -- HTML -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour robots tie up first ship | Port Weekly</title>
<meta property="og:title" content="Harbour robots tie up first ship">
<meta property="og:site_name" content="Port Weekly">
<meta property="article:published_time" content="2025-03-03T09:12:00+01:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/subscribe">Subscribe to our newsletter today</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Harbour robots tie up first ship</h1>
<p>A start-up's mooring robots tied up a container ship in Rotterdam on Monday, the first time the
port has let machines handle the lines of a vessel that size.</p>
<p>The trial will run until June, the port authority said, and if it goes well the robots could be
used at three more terminals by the end of next year.</p>
<p>Dock workers' unions said they had been consulted and would watch the trial closely, but warned
against cutting crews before the safety record was clear.</p>
</article>
<footer><p>Copyright 2025 Port Weekly. All rights reserved. Privacy policy and cookie settings.</p></footer>
</body></html>
"""


@pytest.fixture()
def page_article(tmp_path) -> dict:
    return read_one(write(tmp_path, "robots.html", PAGE))


def test_html_headline_outlet_and_time(page_article):
    assert page_article["headline"] == "Harbour robots tie up first ship"
    assert page_article["outlet"] == "Port Weekly"
    assert page_article["dateline"]["published_at"] == "2025-03-03T08:12:00+00:00"


def test_html_body_has_the_story_without_boilerplate(page_article):
    text = "\n".join(page_article["body"])
    assert "A start-up's mooring robots tied up a container ship" in text
    assert "safety record was clear." in text
    for boilerplate in ("Subscribe to our newsletter", "Copyright 2025", "Privacy policy", "Home"):
        assert boilerplate not in text


def test_html_body_does_not_repeat_the_headline(page_article):
    assert page_article["body"][0].startswith("A start-up's mooring robots")
    assert page_article["headline"] not in page_article["body"]


@pytest.mark.parametrize("link", ['<link rel="canonical" href="/2025/03/robots">',
                                  '<meta property="og:url" content="2025/03/robots">'])
def test_html_relative_canonical_address_is_no_url(tmp_path, link):
    """A page gives its address only as its canonical link or og:url, which
    trafilatura takes only with a host: a relative one (no base to resolve it
    against) leaves the article without a url, identified by outlet, headline
    and day, so it cannot take another outlet's `/2025/03/robots` id."""
    article = read_one(write(tmp_path, "robots.html", PAGE.replace("</head>", link + "</head>")))
    assert article["url"] is None and article["outlet"] == "Port Weekly"


def test_html_sample_page():
    article = read_one(SAMPLES / "pinecrest_daily_backyard_comet.html")
    assert article["headline"] == "Retired postman's backyard telescope spots a new comet"
    assert article["outlet"] == "Pinecrest Daily"
    assert article["authors"] == ["Daniel Okonkwo"]
    assert article["url"] == "https://pinecrestdaily.example/science/2025/05/08/backyard-comet-grell"
    assert article["dateline"]["published_at"] == "2025-05-08T14:20:00+00:00"
    assert len(article["body"]) == 7
    assert article["body"][0].startswith("For 38 years Tobias Grell delivered letters")
    text = "\n".join(article["body"])
    assert "magnitude < 6" in text  # &lt; decoded
    for boilerplate in ("Most read", "Elm Street roadworks", "Copyright 2025", "Search Pinecrest"):
        assert boilerplate not in text


@pytest.mark.parametrize("name", ["northgate_post_sable_bank_analysis.html",
                                  "valewood_chronicle_night_train.html"])
def test_html_sample_body_does_not_repeat_the_headline(name):
    article = read_one(SAMPLES / name)
    assert article["body"][0] != article["headline"]


def test_html_page_with_only_navigation_is_an_error(tmp_path):
    page = ("<html><head><title>Sections</title></head><body><nav><ul>"
            + "".join(f'<li><a href="/{w}">{w}</a></li>' for w in
                      ("Home", "News", "World", "Politics", "Business", "Sport", "Culture"))
            + "</ul></nav></body></html>")
    records = read(write(tmp_path, "nav.html", page))
    assert len(records) == 1 and records[0].article is None
    assert records[0].error == "no article text found in the HTML page"


def test_html_page_of_navigation_and_footer_is_no_article_and_gets_no_invented_date(tmp_path):
    page = ('<html><head><title>Nav only</title></head><body><nav><a href="/">Home</a> '
            '<a href="/news">News</a></nav><footer>Copyright 2024</footer></body></html>')
    records = read(write(tmp_path, "nav.html", page))
    assert [(r.article, r.error) for r in records] == [(None, "no article text found in the HTML page")]


PAGES = ROOT / "tests" / "fixtures" / "pages"


def test_html_page_not_found_is_no_article():
    records = read(PAGES / "page_not_found.html")
    assert [(r.article, r.error) for r in records] == [
        (None, "an error page, not an article: its title is 'Page not found'")]


@pytest.mark.parametrize("title", ["Page not found | Port Weekly", "404 - Not Found", "Error 404",
                                   "Oops! Page not found", "Sorry, this page does not exist"])
def test_html_error_page_titles(tmp_path, title):
    page = (f"<html><head><title>{title}</title></head><body><main><h1>We looked everywhere</h1>"
            "<p>The page you asked for has moved or never existed. Search our archive, or start again "
            "from the home page, where the latest news from Port Weekly is waiting for you.</p></main></body></html>")
    records = read(write(tmp_path, "gone.html", page))
    assert records[0].article is None and records[0].error.startswith("an error page")


@pytest.mark.parametrize("title", ["Hiker not found after three days in the fells", "404 reasons to love Oslo"])
def test_html_short_story_whose_headline_says_not_found_is_an_article(tmp_path, title):
    page = (f"<html><head><title>{title} | Port Weekly</title></head><body><article><h1>{title}</h1>"
            "<p>Rescuers searched the fells above Oskarvik for a third day on Monday, the police said, "
            "and will widen the search on Tuesday if the weather allows.</p></article></body></html>")
    assert read_one(write(tmp_path, "story.html", page))["headline"] == title


def test_html_section_front_of_links_is_no_article():
    records = read(PAGES / "section_front.html")
    assert len(records) == 1 and records[0].article is None
    assert records[0].error == ("a page of links (a section front, tag page or search results?), "
                                "not an article: 52% of its text is links")


def test_html_page_of_several_stories_gives_each_story():
    path = PAGES / "day_in_brief.html"
    records = read(path)
    assert [r.source for r in records] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert all(r.error is None for r in records)
    strike, ferry, budget = (r.article for r in records)
    assert [a["headline"] for a in (strike, ferry, budget)] == [
        "Port strike ends after nine days", "Ferry operator orders two electric vessels",
        "Harbour board approves budget with cuts to dredging"]
    assert strike["body"][0].startswith("Dock workers at Port Verran voted")
    assert ferry["body"] == [
        "The island ferry operator said on Tuesday it had ordered two electric vessels for its routes "
        "to the outer islands, the first of which should enter service in two years.",
        "The order is worth about 80 million euros, the company said, and the yard in Oskarvik will "
        "build both hulls over the next eighteen months."]
    # Its heading's link, not the page's; a story without one has none (the page's would make one id of all).
    assert strike["url"] == "https://harborgazette.example/business/2024/03/05/port-strike-ends"
    assert ferry["url"] is None and budget["url"] is None
    # Its own time, else the page's.
    assert [a["dateline"]["published_at"] for a in (strike, ferry, budget)] == [
        "2024-03-05T08:30:00+00:00", "2024-03-05T11:15:00+00:00", "2024-03-05T17:00:00+00:00"]
    assert {a["outlet"] for a in (strike, ferry, budget)} == {"The Harbor Gazette"}
    assert len({prepare(a, JUNE_2025)["id"] for a in (strike, ferry, budget)}) == 3


STORY = ("<p>Dock workers at Port Verran voted on Tuesday to end a nine-day strike that had left more than "
         "forty ships waiting offshore, union officials said after the count.</p>"
         "<p>The port authority said operations would resume on Wednesday morning and that the backlog of "
         "ships would take about a week to clear.</p>")


def test_html_story_outside_any_article_element_is_not_lost_to_related_stories(tmp_path):
    related = "".join(f"<article><h3>Related {n}</h3>{STORY}</article>" for n in (1, 2))
    page = (f"<html><head><title>Main story | Port Weekly</title></head><body><div class='story'>"
            f"<h1>Main story</h1>{STORY * 4}</div><section>{related}</section></body></html>")
    article = read_one(write(tmp_path, "main.html", page))
    assert article["headline"] == "Main story"


def test_html_teasers_in_article_elements_are_no_stories(tmp_path):
    teasers = "".join(f"<article><h3><a href='/s/{n}'>Story {n}</a></h3><p>One line of teaser {n}.</p></article>"
                      for n in range(6))
    page = f"<html><head><title>Home</title></head><body><div>{STORY}</div>{teasers}</body></html>"
    assert len(read(write(tmp_path, "home.html", page))) == 1


UNDATED_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ferry operator orders two electric vessels</title></head><body>
<article><h1>Ferry operator orders two electric vessels</h1>{published}
<p>The island ferry operator said on Monday it had ordered two electric vessels for its routes to the
outer islands, the first of which it expects to enter service in 2019 after sea trials.</p>
<p>The order is worth about 80 million euros, the company said in a statement.</p>
</article></body></html>"""


def test_html_page_without_a_date_gets_none_from_a_year_in_its_text(tmp_path):
    article = read_one(write(tmp_path, "ferry.html", UNDATED_PAGE.format(published="")))
    assert article["dateline"]["published_at"] is None  # not 2019-01-01


def test_html_date_written_beside_the_story_is_still_found(tmp_path):
    page = UNDATED_PAGE.format(published='<p class="meta">Published 7 March 2018, 10:15</p>')
    article = read_one(write(tmp_path, "ferry.html", page))
    assert article["dateline"]["published_at"].startswith("2018-03-07")


def test_html_date_found_in_the_text_is_never_after_the_reference(tmp_path):
    page = UNDATED_PAGE.format(published='<p class="meta">Published 7 March 2025, 10:15</p>')
    article = read_one(write(tmp_path, "ferry.html", page), reference=datetime(2025, 1, 1))
    assert article["dateline"]["published_at"] is None


FRENCH_PAGE = """<html lang="{lang}"><head>{declaration}<title>R\u00e9forme des retraites</title></head><body>
<article><h1>R\u00e9forme des retraites</h1>
<p>La r\u00e9forme des retraites a \u00e9t\u00e9 adopt\u00e9e jeudi par le parlement apr\u00e8s des semaines de
d\u00e9bats tr\u00e8s vifs entre le gouvernement et l\u2019opposition.</p>
<p>Les syndicats ont annonc\u00e9 une nouvelle journ\u00e9e de gr\u00e8ve pour la semaine prochaine.</p>
</article></body></html>"""


@pytest.mark.parametrize("declaration, encoding", [
    ('<meta charset="iso-8859-1">', "cp1252"),  # Latin-1 labels decode as windows-1252, as browsers do
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "cp1252"),
    ('<meta charset="utf-8">', "utf-8"),
    ("", "utf-8"),
])
def test_html_page_is_decoded_by_its_declared_charset(tmp_path, declaration, encoding):
    path = tmp_path / "page.html"
    path.write_bytes(FRENCH_PAGE.format(lang="fr", declaration=declaration).encode(encoding))
    article = read_one(path)
    assert article["headline"] == "R\u00e9forme des retraites"
    assert "adopt\u00e9e" in article["body"][0] and "l\u2019opposition" in article["body"][0]


@pytest.mark.parametrize("declaration", ['<meta charset="iso-8859-1">', '<meta charset="windows-1252">',
                                         '<meta http-equiv="Content-Type" content="text/html; charset=latin1">'])
def test_html_page_saved_as_utf8_under_an_old_latin1_label_reads_as_utf8(tmp_path, declaration):
    path = tmp_path / "page.html"
    path.write_bytes(FRENCH_PAGE.format(lang="fr", declaration=declaration).encode("utf-8"))
    article = read_one(path)
    assert article["headline"] == "R\u00e9forme des retraites"  # not "RÃ©forme"
    assert "adopt\u00e9e" in article["body"][0]


def test_html_page_byte_order_mark_wins(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"\xff\xfe" + FRENCH_PAGE.format(lang="fr", declaration="").encode("utf-16-le"))
    assert read_one(path)["headline"] == "R\u00e9forme des retraites"


@pytest.mark.parametrize("lang, language", [("zh", "zh"), ("zh-Hant-TW", "zh"), ("FR", "fr")])
def test_html_lang_gives_the_language(tmp_path, lang, language):
    path = write(tmp_path, "page.html", FRENCH_PAGE.format(lang=lang, declaration='<meta charset="utf-8">'))
    assert read_one(path)["language"] == language


# -- RSS and Atom -------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Test Herald</title>
  <link>https://herald.example/</link>
  <item>
    <title>Full text item</title>
    <link>https://herald.example/full</link>
    <guid>full-1</guid>
    <pubDate>Wed, 22 May 2024 11:05:00 +0200</pubDate>
    <dc:creator>Kari Dahl</dc:creator>
    <category>Politics</category>
    <description>Short summary that must not be used.</description>
    <content:encoded><![CDATA[<p>First full paragraph.</p><p>Second full <b>bold</b> paragraph.</p>]]></content:encoded>
  </item>
  <item>
    <title>Summary only item</title>
    <link>https://herald.example/summary</link>
    <pubDate>Tue, 11 Jun 2024 20:15:00 +0000</pubDate>
    <description>Only the summary is here.</description>
  </item>
</channel>
</rss>
"""


def test_rss_one_article_per_item(tmp_path):
    path = write(tmp_path, "herald.rss", RSS)
    records = read(path)
    assert [r.error for r in records] == [None, None]
    assert [r.article["headline"] for r in records] == ["Full text item", "Summary only item"]
    assert records[0].source == f"{path}#full-1"
    assert records[1].source == f"{path}#https://herald.example/summary"


def test_rss_full_text_from_content_encoded(tmp_path):
    first = read(write(tmp_path, "herald.rss", RSS))[0].article
    assert first["body"] == ["First full paragraph.", "Second full bold paragraph."]
    assert first["outlet"] == "Test Herald"
    assert first["url"] == "https://herald.example/full"
    assert first["authors"] == ["Kari Dahl"]
    assert first["tags"] == ["Politics"]
    assert first["dateline"]["published_at"] == "2024-05-22T09:05:00+00:00"


def test_rss_summary_when_there_is_no_full_text(tmp_path):
    second = read(write(tmp_path, "herald.rss", RSS))[1].article
    assert second["body"] == ["Only the summary is here."]
    assert second["dateline"]["published_at"] == "2024-06-11T20:15:00+00:00"


def test_rss_sample_feed():
    records = read(SAMPLES / "sable_coast_herald.rss")
    assert len(records) == 4 and all(r.error is None for r in records)
    articles = [r.article for r in records]
    assert {a["outlet"] for a in articles} == {"Sable Coast Herald – Latest news"}
    assert articles[0]["body"][0].startswith("About 150 fishing boats sailed into Port Verran")
    assert len(articles[0]["body"]) == 5
    # Item 3 has only a <description>.
    assert articles[2]["body"] == [articles[2]["body"][0]] and \
        articles[2]["body"][0].startswith("Oskarvik town council voted 9-4")
    assert [a["dateline"]["published_at"][:10] for a in articles] == [
        "2024-05-22", "2024-06-03", "2024-06-11", "2024-07-15"]


def test_rss_author_in_email_form_gives_the_name():
    records = read(SAMPLES / "sable_coast_herald.rss")
    # <author>newsdesk@sablecoastherald.example (Ole Brandvik)</author>
    assert records[1].article["authors"] == ["Ole Brandvik"]


@pytest.mark.parametrize("creator, authors", [
    ("Kari Dahl, Ole Berg", ["Kari Dahl", "Ole Berg"]),
    ("Kari Dahl, Ole Berg and Ann Lee", ["Kari Dahl", "Ole Berg", "Ann Lee"]),
    ("By Kari Dahl &amp; Ole Berg", ["Kari Dahl", "Ole Berg"]),
    ("Kari Dahl, Staff Writer", ["Kari Dahl"]),
    ("Dahl, Kari", ["Dahl, Kari"]),  # one name, surname first
    ("Kari Dahl, Jr.", ["Kari Dahl, Jr."]),
])
def test_feed_creator_naming_several_authors_gives_each(tmp_path, creator, authors):
    path = write(tmp_path, "x.rss", rss(
        '<item xmlns:dc="http://purl.org/dc/elements/1.1/"><title>T</title><link>https://herald.example/a</link>'
        f"<dc:creator>{creator}</dc:creator><description>Text.</description></item>"))
    assert read_one(path)["authors"] == authors


def test_json_author_string_naming_several_gives_each(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"headline": "h", "body": ["b"], "author": "Kari Dahl and Ole Berg"}))
    assert read_one(path)["authors"] == ["Kari Dahl", "Ole Berg"]


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Observer</title>
  <id>tag:observer.example,2024:feed</id>
  <updated>2025-03-04T17:00:00Z</updated>
  <entry>
    <title>Entry with content</title>
    <id>tag:observer.example,2024:one</id>
    <link rel="alternate" href="https://observer.example/one"/>
    <published>2024-02-14T08:00:00Z</published>
    <author><name>Sunniva Reis</name></author>
    <summary>Summary one.</summary>
    <content type="html">&lt;p&gt;Escaped paragraph one.&lt;/p&gt;&lt;p&gt;Escaped two.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Entry with summary only</title>
    <id>tag:observer.example,2024:two</id>
    <updated>2024-10-15T06:00:00+02:00</updated>
    <summary>Only a summary.</summary>
  </entry>
</feed>
"""


def test_atom_entries(tmp_path):
    path = write(tmp_path, "observer.atom", ATOM)
    records = read(path)
    assert [r.error for r in records] == [None, None]
    one, two = (r.article for r in records)
    assert records[0].source == f"{path}#tag:observer.example,2024:one"
    assert one["headline"] == "Entry with content"
    assert one["outlet"] == "Atom Observer"
    assert one["body"] == ["Escaped paragraph one.", "Escaped two."]
    assert one["authors"] == ["Sunniva Reis"]
    assert one["dateline"]["published_at"] == "2024-02-14T08:00:00+00:00"
    assert two["body"] == ["Only a summary."]
    assert two["dateline"]["published_at"] == "2024-10-15T04:00:00+00:00"


def test_atom_sample_feed():
    records = read(SAMPLES / "civic_observer.atom")
    assert len(records) == 3 and all(r.error is None for r in records)
    articles = [r.article for r in records]
    assert articles[0]["headline"] == "What Halvorsund was promised"
    assert articles[0]["body"][0].startswith("Five months ago, Marcus Albrecht stood on a pallet")
    assert articles[0]["body"][-1] == "The plant is due to close by the end of the year."
    # Entry 2 carries entity-escaped HTML instead of CDATA.
    assert not any("<p>" in p for p in articles[1]["body"])
    assert [a["dateline"]["published_at"][:10] for a in articles] == [
        "2024-02-14", "2024-10-15", "2025-03-04"]


def rss(items: str, channel_link: str = "https://herald.example/news/") -> str:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Herald</title>'
            f"<link>{channel_link}</link>{items}</channel></rss>")


def atom(entries: str) -> str:
    return ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Observer</title>'
            f"{entries}</feed>")


def test_atom_impossible_date_is_unreadable_not_rolled_over(tmp_path):
    path = write(tmp_path, "x.atom", atom(
        "<entry><id>urn:e1</id><title>Bad date</title><updated>2025-13-45T00:00:00Z</updated>"
        "<content>Text.</content></entry>"
        "<entry><id>urn:e2</id><title>Good date</title><updated>2025-04-11T14:54:00Z</updated>"
        "<content>Text.</content></entry>"))
    bad, good = read(path)
    assert (bad.article, bad.error) == (None, "unreadable publication date '2025-13-45T00:00:00Z'")
    assert good.article["dateline"]["published_at"] == "2025-04-11T14:54:00+00:00"


def test_rss_date_feedparser_cannot_read_is_read_like_a_json_date(tmp_path):
    path = write(tmp_path, "x.rss", rss(
        "<item><title>T</title><link>https://herald.example/t</link><pubDate>11/04/2025 14h54</pubDate>"
        "<description>Text.</description></item>"))
    assert read_one(path)["dateline"]["published_at"] == "2025-04-11T14:54:00"


def test_feed_titles_given_as_html_become_plain_text(tmp_path):
    atom_path = write(tmp_path, "x.atom", atom(
        '<entry><id>urn:e1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt; title &amp;amp; more</title>'
        '<link href="https://observer.example/b"/><content>Text.</content></entry>'
        '<entry><id>urn:e2</id><title type="text">a &lt; b</title>'
        '<link href="https://observer.example/c"/><content>Text.</content></entry>'))
    assert [r.article["headline"] for r in read(atom_path)] == ["Bold title & more", "a < b"]
    rss_path = write(tmp_path, "x.rss", rss(
        "<item><title><![CDATA[An <i>italic</i> title]]></title><link>https://herald.example/i</link>"
        "<description>Text.</description></item>"))
    assert read_one(rss_path)["headline"] == "An italic title"


def test_feed_title_given_as_html_becomes_the_plain_outlet_name(tmp_path):
    path = write(tmp_path, "x.atom",
                 '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                 '<title type="html">Smith &amp;amp; Sons &amp;lt;Daily&amp;gt;</title>'
                 '<entry><id>urn:e1</id><title>T</title><link href="https://smith.example/t"/>'
                 '<content>Text.</content></entry></feed>')
    assert read_one(path)["outlet"] == "Smith & Sons <Daily>"
    rss_path = write(tmp_path, "x.rss", rss(
        "<item><title>T</title><link>https://herald.example/i</link><description>Text.</description></item>"))
    assert read_one(rss_path)["outlet"] == "Test Herald"


def test_feed_entries_sharing_one_link_keep_ids_of_their_own():
    # Two items link to the home page, two to a section page; each has its own guid.
    records = read(ROOT / "tests" / "fixtures" / "feeds" / "shared_links.rss")
    articles = [r.article for r in records]
    ids = [prepare(a, JUNE_2025)["id"] for a in articles]
    assert len(set(ids)) == 4
    assert [a["url"] for a in articles] == ["https://town.example/"] * 2 + ["https://town.example/news"] * 2
    assert all(a["id"] for a in articles)  # by guid, as an entry without a link


def test_feed_entries_sharing_a_link_without_guids_are_told_apart_by_headline(tmp_path):
    items = "".join(f"<item><title>Notice {n}</title><link>https://herald.example/notices</link>"
                    f"<description>Text {n}.</description></item>" for n in (1, 2))
    articles = [r.article for r in read(write(tmp_path, "x.rss", rss(items)))]
    assert [a["url"] for a in articles] == [None, None]
    assert len({prepare(a, JUNE_2025)["id"] for a in articles}) == 2


def test_feed_entry_repeated_with_its_own_link_keeps_it(tmp_path):
    item = ("<item><title>Same</title><link>https://herald.example/same</link><guid>s-1</guid>"
            "<description>Text.</description></item>")
    articles = [r.article for r in read(write(tmp_path, "x.rss", rss(item * 2)))]
    assert [a["url"] for a in articles] == ["https://herald.example/same"] * 2
    assert "id" not in articles[0]


def test_relative_rss_link_resolves_against_the_channel_link(tmp_path):
    path = write(tmp_path, "x.rss", rss(
        "<item><title>Rel</title><link>/relative/path</link><description>Text.</description></item>"
        "<item><title>Rel2</title><link>story?id=2</link><description>Text.</description></item>"))
    assert [r.article["url"] for r in read(path)] == [
        "https://herald.example/relative/path", "https://herald.example/news/story?id=2"]


def test_entry_without_a_web_link_is_identified_by_its_guid(tmp_path):
    path = write(tmp_path, "x.atom", atom(
        "<entry><id>urn:e1</id><title>Same</title><updated>2025-04-11T08:00:00Z</updated>"
        "<content>First story.</content></entry>"
        "<entry><id>urn:e2</id><title>Same</title><updated>2025-04-11T09:00:00Z</updated>"
        "<content>Second story.</content></entry>"))
    one, two = (r.article for r in read(path))
    assert one["url"] is None and two["url"] is None
    first, second = prepare(one, JUNE_2025), prepare(two, JUNE_2025)
    assert first["id"] != second["id"]
    assert first["id"] == prepare(read(path)[0].article, JUNE_2025)["id"]  # stable across runs


def test_rss_item_without_link_or_guid_keeps_the_headline_fallback_id(tmp_path):
    from loaders.identity import stable_id

    path = write(tmp_path, "x.rss", rss(
        "<item><title>No link</title><pubDate>Fri, 11 Apr 2025 14:54:00 +0000</pubDate>"
        "<description>Text.</description></item>"))
    article = read_one(path)
    assert "id" not in article and article["url"] is None
    assert prepare(article, JUNE_2025)["id"] == stable_id(
        {"outlet": "Test Herald", "headline": "No link", "dateline": {"published_at": "2025-04-11"}})


def test_feed_without_entries_is_an_error(tmp_path):
    path = write(tmp_path, "empty.rss", '<?xml version="1.0"?><rss version="2.0"><channel>'
                                         "<title>Nothing</title></channel></rss>")
    records = read(path)
    assert len(records) == 1 and records[0].article is None
    assert records[0].error == "feed has no entries"


def test_unreadable_feed_is_an_error(tmp_path):
    records = read(write(tmp_path, "junk.xml", "this is not xml at all <<<"))
    assert len(records) == 1 and records[0].article is None and records[0].error


# -- unsupported, empty, unreadable -----------------------------------------------------

def test_unsupported_extension_is_an_error(tmp_path):
    path = write(tmp_path, "meeting_notes.docx", "random bytes pretending to be a Word document")
    records = read(path)
    assert len(records) == 1
    assert records[0].source == str(path) and records[0].article is None
    assert "unsupported file type '.docx'" in records[0].error
    assert ".txt" in records[0].error  # lists what is supported


def test_file_without_extension_is_unsupported(tmp_path):
    records = read(write(tmp_path, "README", "text"))
    assert "unsupported file type 'README'" in records[0].error


@pytest.mark.parametrize("name", ["empty.txt", "empty.json", "empty.jsonl", "empty.html", "empty.rss",
                                  "empty.atom"])
def test_empty_file_is_an_error(tmp_path, name):
    path = write(tmp_path, name, "")
    records = read(path)
    assert len(records) == 1, f"{name}: an empty file must give exactly one rejection, got {records}"
    assert records[0].article is None and records[0].error
    assert records[0].source.startswith(str(path))


@pytest.mark.parametrize("name, text, reason", [("list.json", "[]", "no articles: the JSON list is empty"),
                                                  ("blank.jsonl", "\n  \n\n", "empty file: no JSON lines")])
def test_json_without_any_article_is_an_error(tmp_path, name, text, reason):
    records = read(write(tmp_path, name, text))
    assert len(records) == 1 and records[0].article is None
    assert records[0].error == reason


def test_blank_text_file_is_empty(tmp_path):
    records = read(write(tmp_path, "blank.txt", "\n   \n\t\n"))
    assert records[0].error == "empty file: no headline or text"


def test_undecodable_text_file_is_an_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Tête\nCafé crème.\n".encode("latin-1"))
    records = read(path)
    assert len(records) == 1 and records[0].article is None
    assert records[0].error == (
        "cannot read file: not UTF-8 text: byte 0xea on line 1, column 2 (saved as Windows-1252 or "
        "Latin-1? convert it to UTF-8, for example with iconv -f windows-1252 -t utf-8)")


def test_text_not_utf8_after_a_bom_names_its_line_and_column(tmp_path):
    path = tmp_path / "cafe.json"
    path.write_bytes(b"\xef\xbb\xbf" + '{"headline": "h",\n "body": ["Caf\u00e9"]}'.encode("latin-1"))
    records = read(path)
    assert len(records) == 1 and "byte 0xe9 on line 2, column 15" in records[0].error


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_with_its_byte_order_mark_is_read(tmp_path, encoding):
    """Notepad's "Unicode" and PowerShell 5's `>` write UTF-16 with a byte order mark: such wire
    copy, JSON and JSONL were rejected as "not UTF-8 ... convert it with iconv -f windows-1252",
    a conversion that garbles them (and a JSONL's lines as invalid JSON, one by one)."""
    bom = b"\xfe\xff" if encoding.endswith("be") else b""
    files = {
        "wire.txt": "Ferry resumes in Tromsø\r\n\r\nOSKARVIK, May 2 (Reuters) - The ferry resumed.\r\n",
        "one.json": json.dumps({"headline": "Café reopens", "body": ["It reopened."]}, ensure_ascii=False),
        "lines.jsonl": "".join(json.dumps({"headline": f"Story {n} – Zürich", "body": [f"Body {n}."]},
                                          ensure_ascii=False) + "\r\n" for n in (1, 2)),
    }
    headlines = {}
    for name, text in files.items():
        path = tmp_path / name
        path.write_bytes(bom + text.encode(encoding))
        records = read(path)
        assert [record.error for record in records] == [None] * len(records), name
        headlines[name] = [record.article["headline"] for record in records]
    assert headlines == {"wire.txt": ["Ferry resumes in Tromsø"], "one.json": ["Café reopens"],
                         "lines.jsonl": ["Story 1 – Zürich", "Story 2 – Zürich"]}


def test_jsonl_files_joined_with_their_byte_order_marks_read_whole(tmp_path):
    """`cat a.jsonl b.jsonl`, each saved with a BOM: b's first line was rejected ("Unexpected UTF-8 BOM")."""
    path = tmp_path / "all.jsonl"
    path.write_bytes(b"".join(b"\xef\xbb\xbf" + json.dumps({"headline": h, "body": ["x"]}).encode() + b"\n"
                              for h in ("A", "B")))
    assert [(record.error, record.article["headline"]) for record in read(path)] == [(None, "A"), (None, "B")]


def test_gzipped_jsonl_reads_like_plain(tmp_path):
    import gzip

    path = tmp_path / "digest.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"headline": "Zipped", "body": ["z"]}) + "\n")
    records = read(path)
    assert [(r.source, r.article["headline"]) for r in records] == [(f"{path}:1", "Zipped")]


def test_every_supported_suffix_has_a_reader():
    assert set(READERS) == {".txt", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".rss", ".atom", ".xml"}


# -- discover ------------------------------------------------------------------------------

@pytest.fixture()
def tree(tmp_path) -> Path:
    (tmp_path / "b.txt").write_text("B\nb\n")
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "c.html").write_text("<p>c</p>")
    (tmp_path / "sub" / "deeper" / "d.txt").write_text("D\nd\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "e.txt").write_text("E\ne\n")
    (tmp_path / ".f.txt").write_text("F\nf\n")
    (tmp_path / "README.md").write_text("# not an article")
    return tmp_path


def test_discover_folder_recursively_in_stable_order_without_hidden_files(tree):
    files, missing = discover([str(tree)])
    assert missing == []
    assert [p.relative_to(tree).as_posix() for p in files] == [
        "a.json", "b.txt", "sub/c.html", "sub/deeper/d.txt"]


def test_discover_names_a_readme_only_when_asked(tree):
    files, missing = discover([str(tree / "README.md")])
    assert files == [tree / "README.md"] and missing == []
    assert "unsupported file type '.md'" in read(tree / "README.md")[0].error


def test_discover_glob(tree):
    files, missing = discover([str(tree / "*.txt"), str(tree / "**" / "*.txt")])
    assert missing == []
    assert [p.relative_to(tree).as_posix() for p in files] == ["b.txt", "sub/deeper/d.txt"]


def test_discover_single_file_and_duplicates(tree):
    files, missing = discover([str(tree / "b.txt"), str(tree), str(tree / "b.txt")])
    assert missing == []
    assert [p.relative_to(tree).as_posix() for p in files] == [
        "b.txt", "a.json", "sub/c.html", "sub/deeper/d.txt"]


def test_discover_missing_path_and_empty_glob_become_rejections(tree):
    files, missing = discover([str(tree / "nope.txt"), str(tree / "*.xyz"), str(tree / "b.txt")])
    assert [p.name for p in files] == ["b.txt"]
    assert missing == [
        Record(source=str(tree / "nope.txt"), error="no such file or folder"),
        Record(source=str(tree / "*.xyz"), error="no such file or folder"),
    ]


def test_discover_samples_folder_finds_the_seed():
    files, missing = discover([str(SAMPLES)])
    assert missing == []
    assert SEED in files


def test_discover_rejects_broken_links_and_does_not_follow_folder_links(tree):
    (tree / "sub" / "gone.txt").symlink_to(tree / "nowhere.txt")
    (tree / "sub" / "b-link.txt").symlink_to(tree / "b.txt")
    (tree / "loop").symlink_to(tree)
    (tree / ".hidden-link.txt").symlink_to(tree / "nowhere.txt")
    files, rejected = discover([str(tree)])
    assert [p.relative_to(tree).as_posix() for p in files] == [
        "a.json", "b.txt", "sub/b-link.txt", "sub/c.html", "sub/deeper/d.txt"]
    assert rejected == [
        Record(str(tree / "loop"), error="symbolic link to a folder, not followed "
                                         "(name the folder itself to load it)"),
        Record(str(tree / "sub" / "gone.txt"), error=f"broken symbolic link to {tree / 'nowhere.txt'}"),
    ]
    assert discover([str(tree / "sub" / "gone.txt")]) == (
        [], [Record(str(tree / "sub" / "gone.txt"), error=f"broken symbolic link to {tree / 'nowhere.txt'}")])


def _deny(monkeypatch, denied: Path) -> None:
    """The OS refusing access to `denied` and what is under it, as it does for a
    folder without read and search permission (simulated: the tests may run as root)."""
    import errno
    import os

    real_scandir, real_stat = os.scandir, os.stat

    def refused(path) -> bool:
        return Path(os.fsdecode(path)) == denied or denied in Path(os.fsdecode(path)).parents

    def scandir(path="."):
        if refused(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    def stat_(path, *args, **kwargs):
        if isinstance(path, (str, bytes, os.PathLike)) and denied in Path(os.fsdecode(path)).parents:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat_)


def test_discover_rejects_an_unreadable_subfolder(tree, monkeypatch):
    _deny(monkeypatch, tree / "sub" / "deeper")
    files, rejected = discover([str(tree)])
    assert [p.relative_to(tree).as_posix() for p in files] == ["a.json", "b.txt", "sub/c.html"]
    assert rejected == [Record(str(tree / "sub" / "deeper"), error="cannot read folder: Permission denied")]


def test_discover_rejects_a_named_file_in_an_unreadable_folder(tree, monkeypatch):
    _deny(monkeypatch, tree / "sub" / "deeper")
    files, rejected = discover([str(tree / "sub" / "deeper" / "d.txt"), str(tree / "b.txt")])
    assert files == [tree / "b.txt"]
    assert rejected == [Record(str(tree / "sub" / "deeper" / "d.txt"), error="cannot access: Permission denied")]


def test_feed_entries_sharing_one_link_written_http_and_https_keep_ids_of_their_own(tmp_path):
    """One page under both schemes is one link: ids hash its https form, so the entries shared an id."""
    items = ("<item><title>Notice 1</title><link>http://herald.example/notices</link><guid>n-1</guid>"
             "<description>Text 1.</description></item>"
             "<item><title>Notice 2</title><link>https://herald.example/notices</link><guid>n-2</guid>"
             "<description>Text 2.</description></item>"
             "<item><title>Notice 3</title><link>https://herald.example/</link><guid>n-3</guid>"
             "<description>Text 3.</description></item>"
             "<item><title>Notice 4</title><link>https://herald.example/</link>"
             "<description>Text 4.</description></item>")
    articles = [r.article for r in read(write(tmp_path, "x.rss", rss(items, "http://herald.example/")))]
    assert len({prepare(a, JUNE_2025)["id"] for a in articles}) == 4
    assert [a["url"] for a in articles] == ["http://herald.example/notices", "https://herald.example/notices",
                                            "https://herald.example/", None]
