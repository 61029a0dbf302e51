"""Readers on messy real-world inputs: truncated feeds, feeds in other languages,
pages whose metadata sits in JSON-LD, dates written in a generic US zone."""
from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from loaders.pipeline import prepare
from loaders.readers import Record, read_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
JUNE_2025 = datetime(2025, 6, 1)


def read(path: Path, reference: datetime = JUNE_2025) -> list[Record]:
    return list(read_file(Path(path), reference))


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# -- feeds: a truncated download ---------------------------------------------------

SAMPLE_FEED = (SAMPLES / "sable_coast_herald.rss").read_bytes()


def _cut_after(marker: bytes, extra: int = 0) -> bytes:
    return SAMPLE_FEED[:SAMPLE_FEED.index(marker) + len(marker) + extra]


@pytest.mark.parametrize("cut", [
    # inside the second item's full text: feedparser dropped it and the summary was indexed as the story
    _cut_after(b"reducing the depth of the channel"),
    # inside its title: an empty entry, rejected as "no headline and no body text"
    _cut_after(b"<title>Oskarvik harbour to be"),
    # after its full text, before </item>
    _cut_after(b"which lost much of its sand in the same storms.</p>]]></content:encoded>"),
], ids=["in the full text", "in the title", "before the end tag"])
def test_feed_cut_off_inside_an_entry_rejects_that_entry_as_incomplete(tmp_path, cut):
    records = read(write(tmp_path, "herald.rss", cut))
    assert [r.error is None for r in records] == [True, False]
    assert records[0].article["headline"].startswith("Fishing boats fill Port Verran harbour")
    assert len(records[0].article["body"]) == 5
    assert records[1].article is None
    assert records[1].error.startswith("the feed is cut off inside this entry (")
    assert "may be incomplete" in records[1].error


def test_feed_cut_off_between_entries_loses_nothing_read(tmp_path):
    records = read(write(tmp_path, "herald.rss", _cut_after(b"</item>", 3)))
    assert [r.error for r in records] == [None]


def test_atom_feed_cut_off_inside_an_entry(tmp_path):
    atom = (SAMPLES / "civic_observer.atom").read_bytes()
    ends = [index for index in range(len(atom)) if atom.startswith(b"</entry>", index)]
    records = read(write(tmp_path, "observer.atom", atom[:ends[1] - 40]))
    assert [r.error is None for r in records] == [True, False]
    assert records[1].error.startswith("the feed is cut off inside this entry")


def test_feed_with_a_broken_entity_but_every_entry_closed_is_read_whole(tmp_path):
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bozo &nbsp; Times</title>'
            "<link>https://b.example/</link>"
            "<item><title>Caf&eacute; deal</title><link>https://b.example/cafe</link>"
            "<description>Owners &amp; unions signed.</description></item>"
            "<item><title>Second</title><link>https://b.example/second</link>"
            "<description>Body & more</description></item></channel></rss>")
    records = read(write(tmp_path, "bozo.rss", feed))
    assert [r.error for r in records] == [None, None]
    assert records[1].article["body"] == ["Body & more"]


# -- feeds: language ---------------------------------------------------------------

FRENCH_RSS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Le Journal du Soir</title>
<link>https://journal.example.fr/</link>
<language>fr-FR</language>
<item>
<title>R\u00e9forme des retraites : le gouvernement c\u00e8de</title>
<link>https://journal.example.fr/politique/reforme</link>
<pubDate>Mon, 03 Mar 2025 14:00:00 +0100</pubDate>
<description>Le gouvernement a c\u00e9d\u00e9 lundi sur la r\u00e9forme.</description>
</item>
<item>
<title>Ein deutscher Artikel</title>
<link>https://journal.example.fr/de</link>
<dc:language>de</dc:language>
<description>Der Text ist deutsch.</description>
</item>
</channel>
</rss>
"""


def test_rss_language_of_the_channel_and_of_an_item(tmp_path):
    records = read(write(tmp_path, "journal.rss", FRENCH_RSS.encode("latin-1")))
    french, german = (r.article for r in records)
    assert french["headline"] == "R\u00e9forme des retraites : le gouvernement c\u00e8de"
    assert french["language"] == "fr"
    assert german["language"] == "de"
    assert prepare(french, JUNE_2025)["language"] == "fr"  # not the default "en"


def test_atom_language_from_xml_lang(tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de-AT">
  <title>Wiener Blatt</title><id>urn:feed</id><updated>2025-03-03T10:00:00Z</updated>
  <entry><title>Eins</title><id>urn:1</id><link href="https://blatt.example/1"/>
    <updated>2025-03-03T10:00:00Z</updated><summary>Text eins.</summary></entry>
  <entry xml:lang="en"><title>Two</title><id>urn:2</id><link href="https://blatt.example/2"/>
    <updated>2025-03-03T10:00:00Z</updated><content type="html">&lt;p&gt;Text two.&lt;/p&gt;</content></entry>
</feed>
"""
    records = read(write(tmp_path, "blatt.atom", atom))
    assert [r.article["language"] for r in records] == ["de", "en"]


def test_feed_without_a_language_leaves_it_to_the_default(tmp_path):
    records = read(SAMPLES / "sable_coast_herald.rss")  # <language>en</language>
    assert {r.article["language"] for r in records} == {"en"}
    feed = FRENCH_RSS.replace("<language>fr-FR</language>", "").replace("<dc:language>de</dc:language>", "")
    records = read(write(tmp_path, "journal.rss", feed.encode("latin-1")))
    assert [r.article["language"] for r in records] == [None, None]
    assert prepare(records[0].article, JUNE_2025)["language"] == "en"


# -- pages: metadata in JSON-LD ------------------------------------------------------

def _page(json_ld: str, meta: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Port strike ends after three weeks | The Harbour Times</title>
<meta property="og:site_name" content="The Harbour Times">
<meta property="og:url" content="https://harbourtimes.example/business/2025/03/04/port-strike-ends">
{meta}
<script type="application/ld+json">{json_ld}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/business">Business</a></nav></header>
<div class="ad">Advertisement: Buy cheap flights now!</div>
<main><article>
<h1>Port strike ends after three weeks</h1>
<p>Dockworkers at the port of Baltimore voted on Tuesday to end a three-week strike that had
stranded hundreds of containers, their union said.</p>
<p>The port authority said cargo operations would resume on Wednesday morning, and that it
expected the backlog to be cleared within ten days.</p>
</article>
<section class="comments"><h3>Comments</h3><p>Great news for the city! Finally.</p></section>
</main>
<footer>Copyright 2024 The Harbour Times. All rights reserved.</footer>
</body></html>
"""


NEWS_ARTICLE = """{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "Port strike ends after three weeks",
  "datePublished": "2025-03-04T20:15:00-05:00", "dateModified": "2025-03-05T10:00:00-05:00",
  "author": [{"@type": "Person", "name": "Jane Roe"}]}"""


def test_html_time_and_zone_from_json_ld(tmp_path):
    records = read(write(tmp_path, "strike.html", _page(NEWS_ARTICLE)))
    article = records[0].article
    # trafilatura alone gave "2025-03-04T00:00:00": the time lost, and the day of the zone, not of UTC
    assert article["dateline"]["published_at"] == "2025-03-05T01:15:00+00:00"
    assert article["headline"] == "Port strike ends after three weeks"
    assert article["body"][0].startswith("Dockworkers at the port of Baltimore")
    assert not any("Comments" in p or "Advertisement" in p or "Copyright" in p for p in article["body"])


def test_html_json_ld_article_in_a_graph_among_other_nodes(tmp_path):
    graph = """{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "The Harbour Times", "datePublished": "2001-01-01"},
      {"@type": ["ReportageNewsArticle"], "datePublished": "2025-03-04T08:15:00Z"}]}"""
    article = read(write(tmp_path, "strike.html", _page(graph)))[0].article
    assert article["dateline"]["published_at"] == "2025-03-04T08:15:00+00:00"


def test_html_article_published_time_meta_still_comes_first(tmp_path):
    meta = '<meta property="article:published_time" content="2025-03-04T09:00:00+01:00">'
    article = read(write(tmp_path, "strike.html", _page(NEWS_ARTICLE, meta)))[0].article
    assert article["dateline"]["published_at"] == "2025-03-04T08:00:00+00:00"


@pytest.mark.parametrize("json_ld", [
    '{"@type": "NewsArticle", "datePublished": "yesterday-ish"}',  # no date: the next source is read
    '{"@type": "NewsArticle", "datePublished": ',  # broken JSON
], ids=["unreadable date", "broken JSON"])
def test_html_unusable_json_ld_falls_back_to_the_day_in_the_markup(tmp_path, json_ld):
    meta = '<meta itemprop="datePublished" content="2025-03-04">'
    article = read(write(tmp_path, "strike.html", _page(json_ld, meta)))[0].article
    assert article["dateline"]["published_at"] == "2025-03-04T00:00:00"


# -- dates in a US zone that names no offset ("ET") --------------------------------

@pytest.mark.parametrize("date, published_at", [
    ("July 4, 2024, 10:00 a.m. ET", "2024-07-04T14:00:00+00:00"),  # daylight time: was 15:00
    ("4 July 2024 10:00 AM (ET)", "2024-07-04T14:00:00+00:00"),
    ("Jan. 4, 2025 10:00 PM ET", "2025-01-05T03:00:00+00:00"),  # standard time, the next UTC day
    ("March 9, 2025 3:30 AM ET", "2025-03-09T07:30:00+00:00"),  # the morning daylight time starts
    ("July 4, 2024 10:00 PT", "2024-07-04T17:00:00+00:00"),
    ("July 4, 2024 10:00 CT", "2024-07-04T15:00:00+00:00"),
    ("2024-07-04T10:00 MT", "2024-07-04T16:00:00+00:00"),
    ("July 4, 2024 10:00 AM EDT", "2024-07-04T14:00:00+00:00"),  # an explicit zone as before
])
def test_json_date_in_a_generic_us_zone_follows_daylight_saving(tmp_path, date, published_at):
    path = write(tmp_path, "d.json", f'{{"headline": "h", "body": ["b"], "date": "{date}"}}')
    records = read(path)
    assert records[0].error is None, records[0].error
    assert records[0].article["dateline"]["published_at"] == published_at


def test_html_date_in_eastern_time_follows_daylight_saving(tmp_path):
    meta = '<meta property="article:published_time" content="July 4, 2024 10:00 AM ET">'
    article = read(write(tmp_path, "strike.html", _page("{}", meta)))[0].article
    assert article["dateline"]["published_at"] == "2024-07-04T14:00:00+00:00"


@pytest.mark.parametrize("date, published_at", [
    ("April 11, 2025 14:54 GMT", "2025-04-11T14:54:00+00:00"),  # GMT is not G + MT
    ("April 11, 2025 14:54 EET", "2025-04-11T12:54:00+00:00"),
    ("April 11, 2025 14:54 CEST", "2025-04-11T12:54:00+00:00"),
])
def test_zones_ending_in_the_letters_of_a_us_zone_are_their_own(tmp_path, date, published_at):
    path = write(tmp_path, "d.json", f'{{"headline": "h", "body": ["b"], "date": "{date}"}}')
    assert read(path)[0].article["dateline"]["published_at"] == published_at


# -- HTML given in a feed entry (or a JSON body): every word, and no code -------------

def _rss_item(html: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Herald</title>'
            "<link>https://herald.example/</link><item><title>T</title><link>https://herald.example/t</link>"
            f"<content:encoded><![CDATA[{html}]]></content:encoded></item></channel></rss>")


@pytest.mark.parametrize("html, body", [
    # text beside the paragraphs was dropped without a word
    ("<p>The council met on Monday.</p><div>The vote was 9-4.</div><p>Rents rose.</p>",
     ["The council met on Monday.", "The vote was 9-4.", "Rents rose."]),
    ("<p>The council met on Monday.</p>The cap takes effect in January.",
     ["The council met on Monday.", "The cap takes effect in January."]),
    ("<h1>Key points</h1><p>The council met.</p><table><tr><td>For</td><td>9</td></tr></table>",
     ["Key points", "The council met.", "For 9"]),
    # blocks ran together: "Monday.The"
    ("<div>The council met on Monday.</div><div>The vote was 9-4.</div>",
     ["The council met on Monday.", "The vote was 9-4."]),
    # no script or style sheet among the words (feedparser strips them from feeds; see the JSON test)
    ("The council met.<script>var tracking = 1;</script><style>.ad{color:red}</style> Rents rose.",
     ["The council met. Rents rose."]),
    ("<p>The council met.</p><script>window.ads.push({})</script><p>Rents rose.</p>",
     ["The council met.", "Rents rose."]),
    # a paragraph inside a list item was given twice
    ("<ul><li><p>Rents rose.</p></li><li>Sales fell.</li></ul>", ["Rents rose.", "Sales fell."]),
    # as before: a line break inside a paragraph separates words, elsewhere paragraphs
    ("<p>One<br/>two</p><p>Three</p>", ["One two", "Three"]),
    ("First para.<br><br>Second para.", ["First para.", "Second para."]),
    ("<b>Bo</b>ld and <i>it</i>alic <!-- a note -->words", ["Bold and italic words"]),
    # as the page reader, no navigation or aside (related links, a pull quote repeating the text)
    ("<p>Rents rose.</p><aside><p>Related: Rents fell</p></aside><nav><a href='/'>Home</a></nav>", ["Rents rose."]),
])
def test_feed_html_gives_every_paragraph_and_no_code(tmp_path, html, body):
    records = read(write(tmp_path, "herald.rss", _rss_item(html)))
    assert records[0].error is None, records[0].error
    assert records[0].article["body"] == body


def test_json_body_given_as_html_keeps_text_outside_paragraphs(tmp_path):
    body = "<p>The council met on Monday.</p><div>The vote was 9-4.</div><script>track()</script>"
    path = write(tmp_path, "a.json", '{"headline": "Council", "body": "%s"}' % body)
    assert read(path)[0].article["body"] == ["The council met on Monday.", "The vote was 9-4."]


def test_json_body_given_as_html_indexes_no_script_or_style(tmp_path):
    body = "<p>The council met.<script>var tracking = 1;</script><style>.ad{color:red}</style> Rents rose.</p>"
    path = write(tmp_path, "a.json", '{"headline": "Council", "body": "%s"}' % body)
    assert read(path)[0].article["body"] == ["The council met. Rents rose."]  # was "met.var tracking = 1;.ad{..."


def test_atom_category_label_is_the_tag_not_its_term(tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Observer</title><id>urn:feed</id>
  <entry><title>One</title><id>urn:1</id><link href="https://observer.example/1"/><summary>Text.</summary>
    <category term="https://observer.example/tags/politics" label="Politics" scheme="https://observer.example/tags/"/>
    <category term="europe"/></entry>
</feed>
"""
    assert read(write(tmp_path, "o.atom", atom))[0].article["tags"] == ["Politics", "europe"]


# -- feeds: one entry listed twice ---------------------------------------------------

UPDATED_ABOVE_ORIGINAL = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Herald</title><link>https://herald.example/</link>
<item><title>Ferry resumes after storm (updated)</title><link>https://herald.example/ferry</link>
  <guid>ferry-1</guid><pubDate>Tue, 04 Mar 2025 12:00:00 GMT</pubDate>
  <description>The ferry resumed at noon. All sailings are back.</description></item>
<item><title>Other story</title><link>https://herald.example/other</link><guid>other-1</guid>
  <pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate><description>Something else.</description></item>
<item><title>Ferry resumes after storm</title><link>https://herald.example/ferry</link>
  <guid>ferry-1</guid><pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate>
  <description>The ferry will resume at noon.</description></item>
</channel></rss>
"""


def test_feed_entry_listed_twice_is_indexed_as_its_newest_copy(tmp_path):
    from loaders.indexer import load
    from service.backends.embedded import EmbeddedBackend

    path = write(tmp_path, "herald.rss", UPDATED_ABOVE_ORIGINAL)
    records = read(path)
    assert [r.article["headline"] for r in records][-1] == "Ferry resumes after storm (updated)"
    assert [r.source for r in records] == [f"{path}#other-1", f"{path}#ferry-1 (entry 3)", f"{path}#ferry-1"]
    backend = EmbeddedBackend(tmp_path / "data")
    try:
        summary = load(backend, [str(path)], tmp_path / "rejects.jsonl", reference=JUNE_2025)
        assert (summary.read, summary.rejected, summary.repeated) == (3, 0, 1)
        ferry = prepare(records[-1].article, JUNE_2025)["id"]
        assert backend.get(ferry)["headline"] == "Ferry resumes after storm (updated)"  # was the original
    finally:
        backend.close()


def test_feed_copies_without_dates_keep_the_first_listed(tmp_path):
    feed = UPDATED_ABOVE_ORIGINAL.replace("<pubDate>Tue, 04 Mar 2025 12:00:00 GMT</pubDate>", "").replace(
        "<pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate>", "")
    records = read(write(tmp_path, "herald.rss", feed))
    assert [r.article["headline"] for r in records] == [
        "Other story", "Ferry resumes after storm", "Ferry resumes after storm (updated)"]


# -- wire copy: bylines as agencies write them -----------------------------------------

@pytest.mark.parametrize("byline, authors", [
    ("By Jane Doe and John Roe\nAssociated Press", ["Jane Doe", "John Roe"]),  # the agency was paragraph 1
    ("By JANE DOE\nAssociated Press Writer", ["JANE DOE"]),
    ("By Jane Doe\nStaff Writer", ["Jane Doe"]),
    ("By Jane Doe | Reuters", ["Jane Doe"]),  # was no byline: the story's first paragraph
])
def test_wire_byline_with_the_agency_on_its_own_line_or_after_a_bar(tmp_path, byline, authors):
    text = f"Storm hits coast\n\n{byline}\n\nWASHINGTON (AP) \u2014 A storm hit the coast on Tuesday.\n\nMore text.\n"
    records = read(write(tmp_path, "storm.txt", text))
    article = records[0].article
    assert article["authors"] == authors
    assert article["body"] == ["WASHINGTON (AP) \u2014 A storm hit the coast on Tuesday.", "More text."]


@pytest.mark.parametrize("line", ["Reuters said on Monday that talks would resume.", "News"])
def test_wire_story_line_under_a_byline_stays_story(tmp_path, line):
    records = read(write(tmp_path, "storm.txt", f"Storm hits coast\nBy Jane Doe\n{line}\nMore text.\n"))
    assert records[0].article["body"] == [line, "More text."]


# -- pages that are no article: a server's, a bot check's or a redirect's --------------

@pytest.mark.parametrize("title", ["403 Forbidden", "Access Denied", "Just a moment...",
                                   "Attention Required! | Cloudflare", "502 Bad Gateway", "Service Unavailable",
                                   "Redirecting\u2026", "301 Moved Permanently"])
def test_html_server_and_bot_check_pages_are_no_articles(tmp_path, title):
    page = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            "<p>You don't have permission to access this page on this server, or it needs to review the "
            "security of your connection before proceeding.</p><p>Reference #18.2f4c1002</p></body></html>")
    records = read(write(tmp_path, "gone.html", page))
    assert records[0].article is None and records[0].error.startswith("an error page"), records[0]


@pytest.mark.parametrize("title", ["Forbidden City reopens to visitors", "Access denied to reporters at summit",
                                   "Just a moment of silence", "Redirecting funds to schools"])
def test_html_short_story_whose_headline_starts_like_an_error_is_an_article(tmp_path, title):
    page = (f"<html><head><title>{title} | Port Weekly</title></head><body><article><h1>{title}</h1>"
            "<p>Officials said on Monday that the change would take effect next month, after a review "
            "that lasted most of the year.</p></article></body></html>")
    records = read(write(tmp_path, "story.html", page))
    assert records[0].error is None and records[0].article["headline"] == title


def test_html_redirect_stub_does_not_replace_the_story_it_leads_to(tmp_path):
    from loaders.indexer import load
    from service.backends.embedded import EmbeddedBackend

    story = _page(NEWS_ARTICLE)
    stub = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Port strike ends after three weeks</title>'
            '<link rel="canonical" href="https://harbourtimes.example/business/2025/03/04/port-strike-ends">'
            '<meta http-equiv="refresh" content="0; URL=\'https://harbourtimes.example/business/2025/03/04/'
            'port-strike-ends\'"></head><body><p><a href="https://harbourtimes.example/business/2025/03/04/'
            'port-strike-ends">Click here if you are not redirected.</a></p></body></html>')
    (tmp_path / "pages").mkdir()
    write(tmp_path / "pages", "a-strike.html", story)
    write(tmp_path / "pages", "b-old-address.html", stub)  # read after the story
    records = read(tmp_path / "pages" / "b-old-address.html")
    assert records[0].article is None
    assert records[0].error == ("a redirect to https://harbourtimes.example/business/2025/03/04/port-strike-ends, "
                                "not an article: load the page it leads to")
    backend = EmbeddedBackend(tmp_path / "data")
    try:
        summary = load(backend, [str(tmp_path / "pages")], tmp_path / "rejects.jsonl", reference=JUNE_2025)
        assert (summary.indexed, summary.rejected) == (1, 1)
        kept = prepare(read(tmp_path / "pages" / "a-strike.html")[0].article, JUNE_2025)
        assert backend.get(kept["id"])["body"][0].startswith("Dockworkers at the port of Baltimore")
    finally:
        backend.close()


def test_json_body_whose_only_markup_is_a_script_is_read_as_html(tmp_path):
    body = "The council met.<script>var tracking = 1;</script> Rents rose."
    path = write(tmp_path, "a.json", '{"headline": "Council", "body": "%s"}' % body)
    assert read(path)[0].article["body"] == ["The council met. Rents rose."]


@pytest.mark.parametrize("markup, body", [
    ('Rents rose.<style>p { color: red }</style> Again.', ["Rents rose. Again."]),
    ('<img src=\\"chart.png\\" alt=\\"chart\\">Rents rose.', ["Rents rose."]),
    ('Rents rose.<iframe src=\\"https://player.example/1\\"></iframe>', ["Rents rose."]),
])
def test_json_body_with_style_img_or_iframe_is_read_as_html(tmp_path, markup, body):
    path = write(tmp_path, "a.json", '{"headline": "Council", "body": "%s"}' % markup)
    assert read(path)[0].article["body"] == body


@pytest.mark.parametrize("text", ["If a < b and x<y, rents rose.", "Editors: use an <img> tag for charts.",
                                  "<SCRIPT> is the ticker."])
def test_json_body_with_angle_brackets_in_prose_is_kept_as_written(tmp_path, text):
    path = write(tmp_path, "a.json", '{"headline": "Council", "body": "%s"}' % text)
    assert read(path)[0].article["body"] == text


@pytest.mark.parametrize("name, expected", [
    ("a.json", "empty file: no JSON"), ("a.jsonl", "empty file: no JSON lines"),
    ("a.ndjson", "empty file: no JSON lines"), ("a.txt", "empty file: no headline or text"),
    ("a.html", "empty file: no HTML"), ("a.rss", "empty file: no RSS or Atom feed"),
    ("a.xml", "empty file: no RSS or Atom feed"),
])
@pytest.mark.parametrize("data", [b"", b"\n  \n", b"\xef\xbb\xbf"], ids=["0 bytes", "blank lines", "a BOM"])
def test_empty_file_is_rejected_as_empty_by_every_reader(tmp_path, name, expected, data):
    """Not "invalid JSON: Expecting value (line 1, column 1)", which sent people looking for a syntax error."""
    records = read(write(tmp_path, name, data))
    assert [(record.article, record.error) for record in records] == [(None, expected)]


def _feed(language: str | None, date: str) -> str:
    declared = f"<language>{language}</language>" if language else ""
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Le Courrier</title>'
            f"<link>https://courrier.example/</link>{declared}<item><title>Conseil</title>"
            f"<link>https://courrier.example/conseil</link><pubDate>{date}</pubDate>"
            f"<description>Le conseil a siégé.</description></item></channel></rss>")


@pytest.mark.parametrize("language, published_at", [
    ("fr-FR", "2025-03-04T00:00:00"), ("de", "2025-03-04T00:00:00"), ("en-GB", "2025-03-04T00:00:00"),
    ("en_AU", "2025-03-04T00:00:00"), ("en-US", "2025-04-03T00:00:00"), ("en", "2025-04-03T00:00:00"),
])
def test_feed_numeric_date_is_read_in_the_order_its_language_writes(tmp_path, language, published_at):
    """04/03/2025 in a French feed was rejected as "unreadable publication date"."""
    records = read(write(tmp_path, "a.rss", _feed(language, "04/03/2025")))
    assert records[0].error is None
    assert records[0].article["dateline"]["published_at"] == published_at


@pytest.mark.parametrize("language, said", [
    (None, "no language is given to say which"), ("ja", "the language 'ja' does not say which"),
    ("en-CA", "the language 'en-CA' does not say which"),
])
def test_feed_numeric_date_readable_both_ways_without_a_language_that_says_is_rejected_naming_both(
        tmp_path, language, said):
    """Never a guess: the reason gives both readings and how to write the date so it is one."""
    records = read(write(tmp_path, "a.rss", _feed(language, "04/03/2025")))
    assert records[0].article is None
    assert records[0].error == (
        f"ambiguous publication date '04/03/2025': 2025-03-04 (day first) or 2025-04-03 (month first), "
        f"and {said}; write the date in ISO 8601 (YYYY-MM-DD) or give the language "
        f"(day first: fr, de, es, en-GB, ...; month first: en-US)")


def test_feed_entry_language_decides_over_the_feeds(tmp_path):
    feed = _feed("en-US", "04/03/2025").replace("<item>", '<item xmlns:dc="http://purl.org/dc/elements/1.1/">'
                                                          "<dc:language>fr-FR</dc:language>")
    assert read(write(tmp_path, "a.rss", feed))[0].article["dateline"]["published_at"] == "2025-03-04T00:00:00"


@pytest.mark.parametrize("language, published_at", [
    ("fr", "2025-03-04T14:54:00"), ("pt-BR", "2025-03-04T14:54:00"), ("en-US", "2025-04-03T14:54:00"),
])
def test_json_numeric_date_is_read_in_the_order_of_the_articles_language(tmp_path, language, published_at):
    path = write(tmp_path, "a.json", '{"headline": "h", "body": "b", "date": "04/03/2025 14:54", '
                                     '"language": "%s"}' % language)
    assert read(path)[0].article["dateline"]["published_at"] == published_at


def test_json_numeric_date_readable_both_ways_without_a_language_is_rejected_naming_both(tmp_path):
    path = write(tmp_path, "a.json", '{"headline": "h", "body": "b", "date": "04/03/2025"}')
    assert read(path)[0].error.startswith("ambiguous publication date '04/03/2025': 2025-03-04 (day first) "
                                          "or 2025-04-03 (month first), and no language is given to say which;")


@pytest.mark.parametrize("date, published_at", [
    ("13/03/2025", "2025-03-13T00:00:00"),  # no month 13: the day is first, whatever the language
    ("04/12/2025", "2025-04-12T00:00:00"),  # December 4 is after the reference date (JUNE_2025)
])
def test_json_numeric_date_with_one_possible_reading_needs_no_language(tmp_path, date, published_at):
    path = write(tmp_path, "a.json", '{"headline": "h", "body": "b", "date": "%s"}' % date)
    assert read(path)[0].article["dateline"]["published_at"] == published_at


def _french_page(language: str | None, date: str) -> str:
    lang = f' lang="{language}"' if language else ""
    return (f'<html{lang}><head><meta charset="utf-8"><title>Conseil</title>'
            f'<meta property="article:published_time" content="{date}"></head><body><article>'
            f"<h1>Conseil</h1><p>Le conseil municipal a adopté jeudi le budget de la ville après des semaines "
            f"de débats très vifs entre la majorité et l'opposition, qui a voté contre.</p>"
            f"<p>Les syndicats ont annoncé une nouvelle journée de grève.</p></article></body></html>")


@pytest.mark.parametrize("language, published_at", [
    ("en-US", "2025-04-03T14:54:00"), ("en", "2025-04-03T14:54:00"),  # were March 4, at midnight
    ("fr", "2025-03-04T14:54:00"), ("en-GB", "2025-03-04T14:54:00"),  # en-GB is day first, though stored as en
])
def test_html_numeric_date_is_read_in_the_order_of_the_pages_language(tmp_path, language, published_at):
    """The page's date was read without its language: 04/03/2025 was no date, and htmldate,
    which knows no language, then took it day first and at midnight, on an en-US page too."""
    article = read(write(tmp_path, "a.html", _french_page(language, "04/03/2025 14:54")))[0].article
    assert article["dateline"]["published_at"] == published_at


def test_html_numeric_date_without_a_language_is_read_as_before(tmp_path):
    """Without a language the page's numeric date is htmldate's reading, day first, as before."""
    article = read(write(tmp_path, "a.html", _french_page(None, "04/03/2025 14:54")))[0].article
    assert article["dateline"]["published_at"] == "2025-03-04T00:00:00"


def _year_less_files(folder: Path) -> None:
    folder.mkdir()
    write(folder, "dateline.txt", "Port strike ends\n\nROTTERDAM, March 3 (Reuters) - Dockworkers went back.\n")
    write(folder, "date-line.txt", "Ferry sails\n- 11 April, 14:54\n\nThe ferry sailed.\n")
    write(folder, "dated.txt", "Bridge opens\n- 11 April 2025, 14:54\n\nThe bridge opened.\n")
    write(folder, "a.json", '{"headline": "Council", "body": "Rents rose.", "date": "April 11"}')
    for path in folder.iterdir():
        os.utime(path, (JUNE_2025.timestamp(), JUNE_2025.timestamp()))


@pytest.mark.parametrize("workers", [1, 2])
def test_load_warns_once_when_year_less_dates_took_their_year_from_file_times(tmp_path, workers):
    """A `git clone` or `cp` without -p changes the files' times, and with them the year of
    "March 3" and the id of wire copy without a URL: the summary says so, once, with a count."""
    from loaders.indexer import load
    from service.backends.embedded import EmbeddedBackend

    _year_less_files(tmp_path / "in")
    backend = EmbeddedBackend(tmp_path / "data")
    try:
        summary = load(backend, [str(tmp_path / "in")], tmp_path / "rejects.jsonl", workers=workers)
        given = load(backend, [str(tmp_path / "in")], tmp_path / "rejects.jsonl", reference=JUNE_2025)
    finally:
        backend.close()
    assert (summary.indexed, summary.rejected, summary.year_from_file_time) == (4, 0, 3)
    assert summary.line().count("warning:") == 1
    assert summary.line().endswith(
        "\nwarning: 3 dates without a year (such as 'March 3') took their years from the files' modification "
        "times; a copy of the files (git clone, cp without -p) can read them in another year and give articles "
        "without a URL other ids: give --reference-date (the day the files were written)")
    # The same ids as with --reference-date of the files' day: nothing re-keyed, no warning then.
    assert (given.unchanged, given.year_from_file_time) == (4, 0) and "warning" not in given.line()


# -- markup nested past the HTML parser's depth limit ------------------------------------

def _nested(depth: int) -> str:
    return ("<html><head><title>Port reopens</title></head><body><article><h1>Port reopens</h1>" + "<div>" * depth
            + "<p>The port reopened on Monday, officials said, after a week of strikes that stopped all freight "
              "traffic.</p>" + "</div>" * depth + "</article></body></html>")


@pytest.mark.parametrize("depth", [300, 2_000])
def test_html_nested_past_256_elements_is_read(tmp_path, depth):
    """libxml2 reads 256 levels by default and silently drops what is deeper: a page of
    260 nested `<div>`s lost its text and was rejected as having none."""
    records = read(write(tmp_path, "deep.html", _nested(depth)))
    assert records[0].error is None and records[0].article["body"][0].startswith("The port reopened")


def test_html_nested_past_the_parsers_limit_says_so(tmp_path):
    """Past 2,048 levels even `huge_tree` stops: the reason says why, not "no body text"."""
    records = read(write(tmp_path, "deep.html", _nested(5_000)))
    assert records[0].article is None and "nests its markup more than 2,048" in records[0].error


_DEEP_TEXT = "<p>The council met on Monday.</p>" + "<div>" * 300 + "<p>The vote was 9-4.</p>" + "</div>" * 300


def test_feed_text_nested_past_the_parsers_depth_is_rejected_not_cut(tmp_path):
    """A text nested 300 deep was indexed as its first paragraph: libxml2 dropped the rest."""
    records = read(write(tmp_path, "herald.rss", _rss_item(_DEEP_TEXT)))
    assert records[0].article is None and "more than 256 elements deep" in records[0].error


def test_json_body_given_as_html_nested_past_the_parsers_depth_is_rejected(tmp_path):
    item = {"headline": "Council vote", "url": "https://herald.example/vote", "body": _DEEP_TEXT}
    records = read(write(tmp_path, "story.json", json.dumps(item)))
    assert records[0].article is None and "more than 256 elements deep" in records[0].error
