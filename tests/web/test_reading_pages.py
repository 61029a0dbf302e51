"""`/article/<id>` and `/statement/<id>` as HTML."""
from __future__ import annotations

import functools
import random
from contextlib import contextmanager
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from loaders.pipeline import prepare
from service import quotes
from service.app import create_app
from service.config import Config
from service.web.markup import word_diff
from service.web.templating import http_url, link_host
from tests.growth import GROWTH_BOUND, growth
from tests.web.conftest import OKAFOR, html, text

HOSTILE = {
    "headline": "Council <img src=x onerror=\"window.__pwned=1\"> votes",
    "body": ["OSKARVIK, May 2 (Reuters) - The clerk read out <script>window.__pwned = 1</script> twice.",
             "\u201cWe will read <b>every</b> word,\u201d the clerk, Ada Lind, said."],
    "url": "javascript:alert(1)",
    "outlet": "Test <Outlet>",
}


def test_article_marks_every_quote_with_speaker_and_statement(client, app, seed_id):
    doc = html(client.get(f"/article/{seed_id}"))
    article = client.get(f"/articles/{seed_id}").get_json()
    statements = {q["id"]: q["statement_id"] for q in app.extensions["news_backend"].article_quotes(seed_id)}
    marks = doc.xpath("//div[@class='article-body']//a[contains(@class, 'quote')]")
    aliyev = [m for m in marks if m.get("data-speaker", "").startswith("Said by Ilham Aliyev")]
    assert len(aliyev) == sum(q["speaker"] == "Ilham Aliyev" for q in article["quotes"]) == 3
    for index, quote in enumerate(article["quotes"]):
        mark = doc.get_element_by_id(f"q{index}")
        assert mark.get("href") == f"/statement/{statements[f'{seed_id}#q{index}']}"
        assert quote["text"] in text(mark)
        hidden = mark.xpath("span[@class='visually-hidden']")
        assert text(hidden[0]) == f"Quote from {quote['speaker']}:"
    # The body reads as it is stored: marking adds no character outside the hidden labels.
    for number, paragraph in enumerate(article["body"]):
        node = doc.get_element_by_id(f"p{number}")
        for hidden in node.xpath(".//span[@class='visually-hidden']"):
            hidden.drop_tree()
        assert node.text_content() == paragraph


def test_article_lists_sources_by_group(client, seed_id):
    doc = html(client.get(f"/article/{seed_id}"))

    def names(group):
        return [text(n) for n in doc.xpath(f"//section[contains(@class, 'group-{group}')]//p[@class='source-name']/strong")]

    assert names("named") == ["Ilham Aliyev"]
    assert {"a source familiar with the matter", "Turkish sources", "the source close to Israel"} == set(names("anonymous"))
    assert names("outlet") == ["Jerusalem Post"]
    mentions = doc.xpath("//section[contains(@class, 'group-anonymous')]//p[@class='mentions']/a/@href")
    assert mentions and all(href.startswith("#p") for href in mentions)


def test_unknown_article_and_statement_are_html_404s(client):
    for url in ("/article/nope", "/statement/s-nope"):
        response = client.get(url)
        assert response.status_code == 404 and response.content_type.startswith("text/html"), url
        assert "Content-Security-Policy" in response.headers


def test_statement_page_oldest_first_with_timeline_and_wording_diffs(client, okafor_statement):
    response = client.get(f"/statement/{okafor_statement}")
    assert response.status_code == 200
    doc = html(response)
    api = client.get(f"/quotes/{okafor_statement}/occurrences").get_json()
    rows = doc.xpath("//ol[@class='occurrences']/li")
    assert len(rows) == api["count"] >= 3
    times = [row.xpath(".//p[@class='when']/time/@datetime")[0] for row in rows]
    assert times == sorted(times)
    assert "first" in rows[0].get("class") and text(rows[0].xpath(".//strong[@class='badge']")[0]) == "First seen"
    assert not any(row.xpath(".//strong[@class='badge']") for row in rows[1:])
    svg = doc.xpath("//figure[@class='timeline']//svg")[0]
    assert len(svg.xpath(".//circle[contains(concat(' ', @class, ' '), ' dot ')]")) == len(rows)
    assert len(svg.xpath(".//circle[@class='dot first']")) == 1
    assert text(doc.xpath("//h1")[0]) == f"\u201c{OKAFOR}\u201d" or OKAFOR in text(doc.xpath("//h1")[0])
    blocks = doc.xpath("//ol[@class='variants']//blockquote")
    assert len(blocks) == len(api["variants"]) >= 3
    for block, variant in zip(blocks, api["variants"]):
        expected = word_diff(api["text"], variant["text"])
        assert [text(n) for n in block.xpath(".//del")] == [f"[left out: {w}]" for op, w in expected if op == "del"]
        assert [text(n) for n in block.xpath(".//ins")] == [f"[added: {w}]" for op, w in expected if op == "ins"]
    assert not blocks[0].xpath(".//del | .//ins")  # the earliest wording, against itself
    changed = [b for b in blocks if [text(n) for n in b.xpath(".//del")] == ["[left out: any]"]]
    assert changed and [text(n) for n in changed[0].xpath(".//ins")] == ["[added: a]"]
    assert any(text(n) == "[left out: We will not accept]" for b in blocks for n in b.xpath(".//del"))
    assert doc.xpath("//p[@class='legend']")  # what the marks mean, where there are marks


def test_a_statement_in_one_wording_has_no_legend_of_marks_it_never_shows(client):
    for hit in client.get("/quotes?size=100").get_json()["hits"]:
        statement = client.get(f"/quotes/{hit['statement_id']}/occurrences").get_json()
        if len(statement["variants"]) == 1:
            doc = html(client.get(f"/statement/{hit['statement_id']}"))
            assert doc.xpath("//ol[@class='occurrences']/li") and not doc.xpath("//del | //ins")
            assert not doc.xpath("//p[@class='legend']")
            return
    raise AssertionError("no statement of one wording to look at")


@contextmanager
def _app(data_dir):
    app = create_app(Config(data_dir=data_dir, api_key="k", log_level="WARNING"))
    try:
        yield app
    finally:
        app.extensions["news_backend"].close()


@pytest.fixture()
def hostile_client(tmp_path):
    with _app(tmp_path) as app:
        yield app.test_client()


def _stored_as_before(client, article: dict) -> str:
    """The article as an index written before urls were held to http(s) may
    hold it (`javascript:` and all): the pages must still not link it."""
    prepared = {**prepare({**article, "url": None}, reference=datetime(2025, 6, 1)), "url": article["url"]}
    assert not client.application.extensions["news_backend"].upsert([prepared]).failed
    return prepared["id"]


def _statement_of_long_wordings(client, length: int) -> str:
    """Its id: a statement of `length` words drawn from six, as three outlets worded it."""
    pick = random.Random(2)
    words = [pick.choice(["harbour", "fishermen", "deal", "quota", "minister", "coast"]) for _ in range(length)]
    for k in range(3):
        wording = list(words)
        for _ in range(20):  # each outlet changed a few words
            wording[pick.randrange(len(wording))] = "quota"
        response = client.post("/articles", headers={"Authorization": "Bearer k"}, json={
            "id": f"long-{k}", "headline": "Quota row", "outlet": f"Outlet {k}",
            "dateline": {"published_at": f"2025-05-0{k + 1}T00:00:00Z"},
            "body": [f"\u201c{' '.join(wording)},\u201d said John Smith, the minister."]})
        assert response.status_code == 201, response.get_data(as_text=True)
    hits = client.get("/quotes", query_string={"q": "harbour"}).get_json()["hits"]
    [statement_id] = {hit["statement_id"] for hit in hits}
    return statement_id


def test_a_statement_of_long_wordings_of_few_words_draws_in_linear_time(tmp_path):
    """Each wording is diffed against the earliest (difflib: the product of their lengths):
    three 8,000-word wordings of six words each took 13 s, at every view of the page. Both
    sizes are past the page's diff budget (1,500 words make 2,250,000 pairs), which is what
    keeps a long wording linear."""
    pages = []
    with _app(tmp_path / "short") as short, _app(tmp_path / "long") as long:  # one statement each: they would merge
        for client, length in ((short.test_client(), 1_500), (long.test_client(), 12_000)):
            statement_id = _statement_of_long_wordings(client, length)
            assert client.get(f"/statement/{statement_id}").status_code == 200
            assert len(client.get(f"/quotes/{statement_id}/occurrences").get_json()["occurrences"]) == 3
            pages.append(functools.partial(client.get, f"/statement/{statement_id}"))
        ratio = growth(*pages)
    assert ratio < GROWTH_BOUND, f"wordings eight times as long took {ratio:.1f} times as long to draw"


def test_article_text_is_never_markup(hostile_client):
    article_id = _stored_as_before(hostile_client, HOSTILE)
    body = hostile_client.get(f"/article/{article_id}").get_data(as_text=True)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in body
    assert "<script>window" not in body and "<img src=x" not in body and "<b>every" not in body
    assert "javascript:" not in body  # an unsafe url is not linked
    doc = html(hostile_client.get(f"/article/{article_id}"))
    assert "<script>window.__pwned = 1</script>" in text(doc.get_element_by_id("p0"))
    assert not doc.xpath("//div[@class='article-body']//script | //div[@class='article-body']//b")
    listing = hostile_client.get("/?q=clerk").get_data(as_text=True)
    assert "&lt;img src=x" in listing and "<img src=x" not in listing
    assert "&lt;script&gt;" in listing and "<script>window" not in listing


@pytest.mark.parametrize("url, shown", [
    ("https://www.reuters.com@evil.example/world/story", "evil.example"),  # where the link really goes
    ("https://user:secret@News.Example.org:8443/a", "news.example.org"),
    ("https:no-host", None), ("http:///path-only", None), ("/2025/05/harbour", None), ("javascript:alert(1)", None),
    # Read as the browser reads it: a backslash ends the host, a look-alike
    # letter is another host (shown as the browser resolves it), %xx is decoded.
    ("https://evil.example\\@www.reuters.com/world", "evil.example"),
    ("https://r\u0435uters.com/world", "xn--ruters-3of.com"),
    ("https://%72euters.com/world", "reuters.com"),
    ("https://www.reuters.com%40evil.example/world", None),  # no host a browser can go to
    ("https://fa\u00df.example/world", None),  # fass.example to Python's IDNA, xn--fa-hia.example to a browser
])
def test_the_original_link_names_the_host_it_leads_to(hostile_client, url, shown):
    article = {"headline": "Harbour board meets", "body": ["The harbour board met on Tuesday."], "url": url}
    if url.startswith("javascript:"):  # refused now (422); an older index may hold one
        article_id = _stored_as_before(hostile_client, article)
    else:
        created = hostile_client.post("/articles", json=article, headers={"Authorization": "Bearer k"})
        assert created.status_code == 201, created.get_json()
        article_id = created.get_json()["id"]
    doc = html(hostile_client.get(f"/article/{article_id}"))
    links = doc.xpath("//p[@class='original']/a")
    if shown is None:
        assert not links
        return
    assert [a.get("href") for a in links] == [url]
    assert text(links[0]) == f"Original at {shown}"


def test_a_statement_longer_than_a_query_still_links_to_its_other_wordings(hostile_client):
    """The link sent the whole statement as q: past the query length limit
    (1,000 characters) it led to a "too long" error, not to the wordings."""
    words = " ".join(f"word{n}" for n in range(220))
    body = [f'OSLO, May 2 (Reuters) - "{words}," the minister, Kari Holm, said on Tuesday.']
    created = hostile_client.post("/articles", json={"headline": "Long quote", "body": body},
                                  headers={"Authorization": "Bearer k"})
    article = hostile_client.get(f"/articles/{created.get_json()['id']}").get_json()
    statement = hostile_client.get("/quotes?q=word1").get_json()["hits"][0]["statement_id"]
    assert len(article["quotes"][0]["text"]) > 1000
    doc = html(hostile_client.get(f"/statement/{statement}"))
    link = doc.xpath("//a[starts-with(., 'Search for other wordings')]/@href")[0]
    claim = parse_qs(urlsplit(link).query)["q"][0]
    text = article["quotes"][0]["text"]
    assert len(claim) <= 1000 and text.startswith(claim + " ")  # its opening words, none cut
    found = hostile_client.get(link)
    assert found.status_code == 200
    assert statement in {href.rsplit("/", 1)[-1] for href in html(found).xpath("//p[@class='statement-link']/a/@href")}


def test_a_statement_past_the_listing_limit_says_its_count_is_a_lower_bound(client, monkeypatch, okafor_statement):
    """`complete` false (the listing stopped at its limit): "3 occurrences" would be read as exact."""
    whole = html(client.get(f"/statement/{okafor_statement}"))
    count = len(whole.xpath("//ol[@class='occurrences']/li"))
    assert text(whole.xpath("//p[@class='summary']")[0]).startswith(f"First seen 5 Jan 2024; {count} occurrences")
    monkeypatch.setattr(quotes, "MAX_OCCURRENCES", count)  # exactly at the limit: every one is listed
    assert client.get(f"/quotes/{okafor_statement}/occurrences").get_json()["complete"] is True
    monkeypatch.setattr(quotes, "MAX_OCCURRENCES", count - 1)
    assert client.get(f"/quotes/{okafor_statement}/occurrences").get_json()["complete"] is False
    cut = html(client.get(f"/statement/{okafor_statement}"))
    summary = text(cut.xpath("//p[@class='summary']")[0])
    assert f"; at least {count - 1} occurrences in" in summary
    assert f"The list stops at the first {count - 1}, oldest first" in summary
    assert text(cut.get_element_by_id("tl-title")) == f"Timeline of the first {count - 1} occurrences"


def test_an_undated_statement_does_not_say_first_seen_with_no_date(hostile_client):
    body = ['"We will keep the lighthouse lit," the keeper, Ada Lind, said.']
    hostile_client.post("/articles", json={"headline": "Keeper", "body": body}, headers={"Authorization": "Bearer k"})
    statement = hostile_client.get("/quotes?q=lighthouse").get_json()["hits"][0]["statement_id"]
    summary = text(html(hostile_client.get(f"/statement/{statement}")).xpath("//p[@class='summary']")[0])
    assert summary == "Undated; 1 occurrence in 1 wording."  # was "First seen; 1 occurrence ..."


def test_an_unreadable_url_is_not_linked():
    """An index written before the loader checked URLs may hold one urlsplit refuses."""
    assert http_url("https://[oops/x") is None and link_host("https://[oops/x") == ""


def test_a_quote_names_its_speaker_without_a_mouse(app, client, seed_id):
    """No title attribute (hover only): the speaker is data the stylesheet
    shows on focus; a quote without a statement is still focusable."""
    from flask import render_template_string

    from service.web.markup import Segment

    doc = html(client.get(f"/article/{seed_id}"))
    quotes = doc.xpath("//div[@class='article-body']//*[contains(@class, 'quote')]")
    assert quotes and not doc.xpath("//div[@class='article-body']//*[@title]")
    assert all(q.get("data-speaker", "").startswith("Said by ") and q.get("data-who") for q in quotes)
    loose = {"text": "We will", "speaker": "Ada Lind", "cue": "said", "index": 4, "statement_id": None}
    with app.test_request_context("/"):
        rendered = render_template_string('{% for s in segments %}{% include "web/_quote_segment.html" %}{% endfor %}',
                                          segments=[Segment("We ", loose, lead=True), Segment("will", loose, tail=True)])
    marks = lxml.html.fragment_fromstring(rendered, create_parent="div").xpath("mark")
    assert [m.get("tabindex") for m in marks] == ["0", None]  # one tab stop a quote
    assert marks[0].get("data-speaker") == "Said by Ada Lind (said)" and marks[1].get("data-who") == "Ada Lind"


def test_article_counts_match_the_sections_and_read_well(client, seed_id):
    doc = html(client.get(f"/article/{seed_id}"))

    def section_count(key):
        return int(text(doc.xpath(f"//section[contains(@class, 'group-{key}')]/h3/span[@class='count']")[0]))

    named, anonymous, outlets = section_count("named"), section_count("anonymous"), section_count("outlet")
    assert (named, anonymous, outlets) == (1, 3, 1)  # Aliyev; three anonymous; Jerusalem Post
    expected = f"{named} named source, {anonymous} anonymous, {outlets} outlet cited"
    assert text(doc.xpath("//p[@class='jump']/a")[0]) == f"Who it rests on: {expected}"
    counts = text(doc.xpath("//aside//p[@class='counts']")[0])
    assert counts.startswith(expected + ".")
    aliyev_quotes = len(doc.xpath("//section[contains(@class, 'group-named')]//ul[@class='source-quotes']/li"))
    assert f"{aliyev_quotes} quote{'' if aliyev_quotes == 1 else 's'} from named sources" in counts
    assert "1 quotes" not in counts


def test_article_page_lists_related_coverage_with_a_search_for_more(client):
    sable = client.get("/search", query_string={"q": "Sable Bank quotas", "size": 1}).get_json()["hits"][0]
    doc = html(client.get(f"/article/{sable['id']}"))
    related = client.get(f"/articles/{sable['id']}/related?size=5").get_json()
    links = doc.xpath("//section[@class='related']//li/a")
    assert [link.get("href") for link in links] == [f"/article/{hit['id']}" for hit in related["hits"]]
    more = doc.xpath("//section[@class='related']/p/a")[0].get("href")
    assert parse_qs(urlsplit(more).query)["q"] == [related["q"]]


def test_an_article_links_its_authors_and_tags_to_their_stories(client):
    [hit] = client.get("/search?author=Kari%20Dahl&size=1").get_json()["hits"]
    page = html(client.get(f"/article/{hit['id']}"))
    author_link = page.xpath("//p[@class='dateline']//a[bdi='Kari Dahl']/@href")[0]
    assert parse_qs(urlsplit(author_link).query) == {"author": ["Kari Dahl"], "sort": ["newest"]}
    listed = html(client.get(author_link))
    assert hit["headline"] in text(listed.xpath("//main")[0])
    assert listed.xpath("//input[@name='author']/@value") == ["Kari Dahl"]
    assert hit["tags"]  # the feed item's <category>
    tag_links = page.xpath("//p[@class='tags']//a/@href")
    assert [parse_qs(urlsplit(link).query)["tag"] for link in tag_links] == [[tag] for tag in hit["tags"]]
