"""/feeds/search and /feeds/quotes: a search to follow in a feed reader (Atom).

Read back with feedparser, the parser feed readers in Python use, and as XML:
what a reader shows and what it dedupes entries on (their ids)."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import datetime, timezone

import feedparser
import pytest

from loaders.pipeline import prepare
from service.app import create_app
from service.config import Config, ConfigError
from tests.contract.corpus import REFERENCE, _as_given

ATOM_NS = "{http://www.w3.org/2005/Atom}"


def _feed(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.content_type == "application/atom+xml; charset=utf-8"
    ElementTree.fromstring(response.data)  # well-formed XML, or this raises
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.bozo_exception
    return parsed, response


def _article(article_id, headline, body, published, url=None, quotes=(), sources=(), written=None, **extra):
    raw = {"id": article_id, "headline": headline, "body": body, "url": url,
           "dateline": {"published_at": published}, "quotes": list(quotes), "sources": list(sources), **extra}
    now = datetime.fromisoformat(written) if written else None
    if url and url.startswith("javascript:"):  # as an index loaded before schemes were checked holds it
        return {**prepare({**raw, "url": None}, REFERENCE, now=now, extractor=_as_given), "url": url}
    return prepare(raw, REFERENCE, now=now, extractor=_as_given)


@pytest.fixture()
def small(tmp_path):
    """Three dated articles and one undated, two quotes by one speaker."""
    app = create_app(Config(data_dir=tmp_path, public_url="https://news.example/index"))
    app.extensions["news_backend"].upsert([
        # loaded last, though published first: a backfill from the archive
        _article("old", "Harbour dredging approved", ["The council approved dredging of the harbour."],
                 "2025-01-02T08:00:00Z", url="https://gazette.example/dredging", section="local",
                 authors=["Ana Reyes"], outlet="Harbor Gazette", written="2025-03-05T12:00:00+00:00"),
        _article("new", "Harbour dredging starts", ["Dredging of the harbour began on Monday."],
                 "2025-03-04T09:30:00Z", url="/relative/only", outlet="Harbor Gazette", written="2025-03-04T10:00:00+00:00",
                 quotes=[{"text": "The harbour will be deeper by summer", "kind": "direct",
                          "speaker": "Lena Okafor", "source": "Lena Okafor", "paragraph": 0}],
                 sources=[{"name": "Lena Okafor", "kind": "person"}]),
        _article("mid", "Harbour dredging contract signed", ["A contract for the harbour was signed."],
                 "2025-02-03T10:00:00Z", url="javascript:alert(1)", written="2025-02-03T11:00:00+00:00",
                 quotes=[{"text": "We signed a fair contract for the harbour", "kind": "direct",
                          "speaker": "Lena Okafor", "source": "Lena Okafor", "paragraph": 0}],
                 sources=[{"name": "Lena Okafor", "kind": "person"}]),
        _article("undated", "Harbour history", ["The harbour was dug in 1850."], None,
                 written="2025-01-01T00:00:00+00:00"),
    ])
    return app.test_client()


def test_a_search_feed_lists_the_matches_last_written_first_with_links_a_reader_can_open(small):
    """Last written first, not newest published: a story loaded late (a backfill, a
    correction) comes to the top, where a reader polling the feed sees it."""
    parsed, _ = _feed(small, "/feeds/search?q=dredging")
    assert [entry.title for entry in parsed.entries] == [
        "Harbour dredging approved", "Harbour dredging starts", "Harbour dredging contract signed"]
    last, first, middle = parsed.entries
    assert first.id == "https://news.example/index/article/new"
    # a relative url names a page of its outlet's site: the entry links the service's own page
    assert first.link == "https://news.example/index/article/new"
    # an absolute one is the story itself, the service's page beside it
    assert last.link == "https://gazette.example/dredging"
    assert {(link.rel, link.href) for link in last.links} == {
        ("alternate", "https://gazette.example/dredging"),
        ("related", "https://news.example/index/article/old")}
    assert "javascript" not in str(middle.links)
    assert last.author == "Ana Reyes" and first.author == "Harbor Gazette"
    assert [tag.term for tag in last.tags] == ["local"]
    assert first.published_parsed[:5] == (2025, 3, 4, 9, 30)
    assert "<em>Dredging</em>" in first.summary  # what matched, marked
    assert parsed.feed.title == "Search: dredging"
    assert {link.rel: link.href for link in parsed.feed.links} == {
        "self": "https://news.example/index/feeds/search?q=dredging",
        "alternate": "https://news.example/index/?q=dredging&sort=ingested"}  # the page in the feed's order


def test_a_feed_without_words_shows_each_lede_and_takes_the_filters_and_size(small):
    parsed, _ = _feed(small, "/feeds/search?outlet=harbor+gazette&size=1&from=2025-02-01")
    assert [entry.title for entry in parsed.entries] == ["Harbour dredging starts"]
    assert parsed.entries[0].summary == "Dredging of the harbour began on Monday."
    assert parsed.feed.title == "Search · outlet harbor gazette · from 2025-02-01"
    # "everything" only for a feed of everything: "Search: everything · outlet ..." read as no filter.
    assert _feed(small, "/feeds/search")[0].feed.title == "Search: everything"


def test_a_feed_of_nothing_yet_is_a_valid_feed_to_subscribe_to(small):
    parsed, response = _feed(small, "/feeds/search?q=volcano")
    assert parsed.entries == []
    root = ElementTree.fromstring(response.data)
    assert root.find(f"{ATOM_NS}updated").text == "1970-01-01T00:00:00+00:00"  # not the time of the poll


def test_a_feed_reader_polling_gets_304_until_the_search_has_something_new(small):
    _, response = _feed(small, "/feeds/search?q=harbour")
    etag = response.headers["ETag"]
    assert small.get("/feeds/search?q=harbour", headers={"If-None-Match": etag}).status_code == 304
    small.application.extensions["news_backend"].upsert([
        _article("newer", "Harbour reopens", ["The harbour reopened."], "2025-04-01T00:00:00Z")])
    again = small.get("/feeds/search?q=harbour", headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert feedparser.parse(again.data).entries[0].title == "Harbour reopens"


def test_a_quote_feed_has_an_entry_a_quote_linking_the_quote_and_its_statement(small):
    parsed, _ = _feed(small, "/feeds/quotes?speaker=lena+okafor")
    assert [entry.id for entry in parsed.entries] == [
        "https://news.example/index/article/new#q0", "https://news.example/index/article/mid#q0"]
    entry = parsed.entries[0]
    assert entry.title == "Lena Okafor: “The harbour will be deeper by summer”"
    assert entry.author == "Lena Okafor"
    rels = {link.rel: link.href for link in entry.links}
    assert rels["alternate"] == "https://news.example/index/article/new#q0"
    assert rels["related"].startswith("https://news.example/index/statement/s-")
    assert "via" not in rels  # the story's url is relative
    assert "— Lena Okafor, in “Harbour dredging starts” (Harbor Gazette, 4 March 2025)" in entry.summary
    assert small.get(rels["related"].removeprefix("https://news.example/index")).status_code == 200


def test_feed_links_use_the_request_host_without_a_public_url(client):
    parsed, _ = _feed(client, "/feeds/search?q=ferry&size=2", Host="newsroom.internal:8000")
    assert parsed.feed.id == "http://newsroom.internal:8000/feeds/search?q=ferry&size=2"
    assert all(entry.id.startswith("http://newsroom.internal:8000/article/") for entry in parsed.entries)
    assert len(parsed.entries) == 2


@pytest.mark.parametrize("public_url, root", [
    ("https://news.example/index", "https://news.example/index"),
    (None, "http://localhost/index"),
])
def test_feed_links_under_a_path_prefix_hold_it_once(tmp_path, public_url, root):
    """Served under /index (SCRIPT_NAME, as gunicorn or a proxy passes it): with the public
    URL ending in /index every entry linked /index/index/article/..., and without one the
    feed's own address lacked /index."""
    app = create_app(Config(data_dir=tmp_path, public_url=public_url))
    app.extensions["news_backend"].upsert([_article("one", "Harbour", ["The harbour."], "2025-01-01T00:00:00Z")])
    client = app.test_client()
    response = client.get("/feeds/search?q=harbour", environ_overrides={"SCRIPT_NAME": "/index"})
    parsed = feedparser.parse(response.data)
    assert parsed.feed.id == f"{root}/feeds/search?q=harbour"
    assert parsed.entries[0].id == f"{root}/article/one"
    assert {link.rel: link.href for link in parsed.feed.links}["alternate"] == f"{root}/?q=harbour&sort=ingested"


def test_text_xml_cannot_hold_is_left_out_of_the_feed_not_a_500(tmp_path):
    """An index loaded before the loader dropped control characters (or holding a
    noncharacter, U+FFFF, which JSON carries) made lxml refuse the whole feed."""
    app = create_app(Config(data_dir=tmp_path))
    article = _article("odd", "Bell\x07 rings", ["The bell\uffff rang at noon."], "2025-01-01T00:00:00Z")
    article["headline"] = "Bell\x07 rings\uffff"  # stored as an older release wrote it
    app.extensions["news_backend"].upsert([article])
    client = app.test_client()
    parsed, _ = _feed(client, "/feeds/search")
    assert parsed.entries[0].title == "Bell rings"
    assert parsed.entries[0].summary == "The bell rang at noon."


def test_a_story_url_no_iri_may_hold_is_linked_percent_encoded(tmp_path):
    """A stored url with a space or quote marks (accepted by POST /articles) was linked as is:
    an Atom link must be an IRI, which a feed validator refuses and a reader may cut at the space."""
    app = create_app(Config(data_dir=tmp_path))
    app.extensions["news_backend"].upsert([
        _article("spaced", "Ferry resumes", ["The ferry resumed."], "2025-01-01T00:00:00Z",
                 url='https://gazette.example/2025/05/ferry resumes?"a"=<1>'),
        _article("idn", "Bücher", ["Books."], "2025-01-02T00:00:00Z", url="https://bücher.example/straße")])
    parsed, _ = _feed(app.test_client(), "/feeds/search")
    links = {entry.title: entry.links[0].href for entry in parsed.entries}
    assert links["Ferry resumes"] == "https://gazette.example/2025/05/ferry%20resumes?%22a%22=%3C1%3E"
    assert links["Bücher"] == "https://bücher.example/straße"


def test_markup_in_a_headline_reaches_a_reader_as_text(tmp_path):
    app = create_app(Config(data_dir=tmp_path))
    app.extensions["news_backend"].upsert([_article(
        "xss", "<script>alert(1)</script> & more", ["<img src=x onerror=alert(1)> body"], "2025-01-01T00:00:00Z")])
    parsed, response = _feed(app.test_client(), "/feeds/search")
    assert b"<script>" not in response.data and b"<img" not in response.data
    assert parsed.entries[0].title == "<script>alert(1)</script> & more"


@pytest.mark.parametrize("url, code", [
    ("/feeds/search?q=%22open", "query_syntax"),
    ("/feeds/search?sort=oldest", "invalid_parameters"),   # a feed is newest first
    ("/feeds/search?cursor=abc", "invalid_parameters"),
    ("/feeds/search?size=0", "invalid_parameters"),
    ("/feeds/search?size=101", "invalid_parameters"),
    ("/feeds/quotes?match=nearly", "invalid_parameters"),
])
def test_a_bad_feed_request_is_a_json_error(client, url, code):
    response = client.get(url)
    assert response.status_code in (400, 422)
    assert response.get_json()["code"] == code


@pytest.mark.parametrize("accept, status", [
    ("application/atom+xml", 200), ("application/xml", 200), ("text/xml;q=0.9", 200), ("*/*", 200),
    ("application/json", 406), ("application/atom+xml;q=0, */*", 406),
    # RFC 5023's parameter naming a feed document (AtomPub clients, some readers): a 406 before
    ("application/atom+xml;type=feed", 200), ("application/atom+xml; type=feed; charset=utf-8", 200),
    ("application/atom+xml;type=entry", 406),  # one entry: not what a feed is
])
def test_a_feed_answers_the_accept_of_a_feed_reader(client, accept, status):
    assert client.get("/feeds/search?q=ferry", headers={"Accept": accept}).status_code == status


def test_the_search_pages_offer_the_feed_of_their_search(client):
    html = client.get("/?q=ferry&sort=oldest&outlet=Reuters").get_data(as_text=True)
    link = '<link rel="alternate" type="application/atom+xml" title="Follow this search (Atom)" ' \
           'href="/feeds/search?q=ferry&amp;outlet=Reuters">'
    assert link in html  # sort dropped: a feed is newest first
    assert client.get("/feeds/search?q=ferry&outlet=Reuters").status_code == 200
    quotes = client.get("/quote-search?q=fishermen&match=near").get_data(as_text=True)
    assert 'href="/feeds/quotes?q=fishermen&amp;match=near"' in quotes
    refused = client.get("/?q=%22open").get_data(as_text=True)
    assert "application/atom+xml" not in refused  # no feed of a search that cannot run


def test_the_feeds_are_in_the_openapi_document(client):
    spec = client.get("/openapi.json").get_json()
    for path in ("/feeds/search", "/feeds/quotes"):
        content = spec["paths"][path]["get"]["responses"]["200"]["content"]
        assert list(content) == ["application/atom+xml"]


@pytest.mark.parametrize("value", ["news.example", "ftp://news.example", "https://news.example/?a=1",
                                   "https://user@news.example", "https://"])
def test_a_public_url_that_is_no_web_address_stops_the_start(value):
    with pytest.raises(ConfigError, match="NEWS_INDEX_PUBLIC_URL"):
        Config.from_env({"NEWS_INDEX_PUBLIC_URL": value})


def test_a_public_url_loses_its_trailing_slash():
    assert Config.from_env({"NEWS_INDEX_PUBLIC_URL": "https://news.example/index/"}).public_url == \
        "https://news.example/index"
    assert Config.from_env({}).public_url is None


def test_an_entry_is_dated_by_its_last_write(small):
    parsed, _ = _feed(small, "/feeds/search?q=dredging&size=1")
    updated = datetime(*parsed.entries[0].updated_parsed[:6], tzinfo=timezone.utc)
    written = datetime.fromisoformat(small.get("/articles/old").get_json()["ingested_at"])
    assert updated == written == datetime(2025, 3, 5, 12, tzinfo=timezone.utc)  # not published (2025-01-02)


def test_a_quote_entry_is_dated_by_its_article_s_last_write(small):
    """As the README says of every entry: it was the dateline's time (2025-03-04 09:30), so a
    correction of the story never showed a reader the quote had changed."""
    parsed, _ = _feed(small, "/feeds/quotes?speaker=lena+okafor")
    updated = [datetime(*entry.updated_parsed[:6], tzinfo=timezone.utc) for entry in parsed.entries]
    assert updated == [datetime(2025, 3, 4, 10, tzinfo=timezone.utc), datetime(2025, 2, 3, 11, tzinfo=timezone.utc)]
    published = datetime(*parsed.entries[0].published_parsed[:6], tzinfo=timezone.utc)
    assert published == datetime(2025, 3, 4, 9, 30, tzinfo=timezone.utc)


def test_a_feed_keeps_within_the_configured_page_size(tmp_path):
    app = create_app(Config(data_dir=tmp_path, max_page_size=3))
    app.extensions["news_backend"].upsert([
        _article(f"h{n}", f"Harbour {n}", [f"The harbour said Ana Reyes, \"We are open {n}\"."],
                 f"2025-01-0{n + 1}T00:00:00Z",
                 quotes=[{"text": f"We are open {n}", "kind": "direct", "speaker": "Ana Reyes", "paragraph": 0}])
        for n in range(5)])
    client = app.test_client()
    assert len(_feed(client, "/feeds/search")[0].entries) == 3
    assert len(_feed(client, "/feeds/quotes")[0].entries) == 3
    assert client.get("/feeds/search?size=4").status_code == 422


def test_a_statement_page_offers_the_feed_of_its_new_wordings(small):
    statement = small.get("/quotes?speaker=lena+okafor&q=deeper").get_json()["hits"][0]["statement_id"]
    html = small.get(f"/statement/{statement}").get_data(as_text=True)
    href = "/feeds/quotes?q=The+harbour+will+be+deeper+by+summer&amp;match=near"
    assert f'<link rel="alternate" type="application/atom+xml" title="New wordings of this statement (Atom)" ' \
           f'href="{href}">' in html
    parsed, _ = _feed(small, href.replace("&amp;", "&"))
    assert [entry.id for entry in parsed.entries] == ["https://news.example/index/article/new#q0"]


def test_a_feed_of_what_was_written_since_says_so_in_its_title(small):
    parsed, _ = _feed(small, "/feeds/search?ingested_from=2000-01-01T00:00:00Z&ingested_until=2999-01-01")
    assert parsed.entries
    assert parsed.feed.title == ("Search · written from 2000-01-01T00:00:00+00:00 · "
                                 "written until 2999-01-01T23:59:59+00:00")
    parsed, _ = _feed(small, "/feeds/search?ingested_until=2000-01-01")
    assert not parsed.entries
