"""`/source-search` as HTML: the API's `/sources` listing (same names, counts,
order), its filters and pages, counts that link to searches giving them, and
errors shown as on the other search pages."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from service import quotes
from service.web.templating import KIND_LABELS

from tests.web.conftest import html, text
from tests.web.test_engine_failures import _too_slow, _unavailable

PAGE = "/source-search"


def _rows(doc) -> list[tuple[str, str, int, int]]:
    """The table's rows as (name, kind label, articles, quotes)."""
    return [(text(row.xpath("th/bdi")[0]), text(row.xpath("td[1]")[0]), _count(row.xpath("td[2]")[0]),
             _count(row.xpath("td[3]")[0])) for row in doc.xpath("//table[@class='sources-table']/tbody/tr")]


def _count(cell) -> int:
    """The number a cell shows, without the words only a screen reader hears."""
    return int((cell.xpath("string(a/text())") or text(cell)).replace(",", ""))


def _api(client, query: dict) -> dict:
    response = client.get("/sources", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _expected(listing: dict) -> list[tuple[str, str, int, int]]:
    return [(row["name"], KIND_LABELS[row["kind"]], row["articles"], row["quotes"]) for row in listing["sources"]]


def _heading_total(doc) -> int:
    heading = text(doc.get_element_by_id("results-title"))
    return int(re.match(r"(?:At least )?([\d,]+) (?:source|article|quote)", heading).group(1).replace(",", ""))


@pytest.mark.parametrize("query", [
    {}, {"kind": "person"}, {"kind": ["organization", "anonymous"]}, {"name": "okaf"}, {"name": "len oka"},
    {"outlet": "Reuters"}, {"from": "2025-01-01", "until": "2025-12-31"}, {"size": "7", "offset": "7"},
])
def test_the_page_lists_what_the_api_lists(client, query):
    response = client.get(PAGE, query_string=query)
    assert response.status_code == 200 and response.content_type.startswith("text/html")
    doc = html(response)
    listing = _api(client, query)
    assert _rows(doc) == _expected(listing)  # the same names, kinds, counts and order
    noun = "source" if listing["total"] == 1 else "sources"
    assert text(doc.get_element_by_id("results-title")) == f"{listing['total']:,} {noun}"


def test_the_first_page_lists_the_most_cited_first(client):
    doc = html(client.get(PAGE))
    rows = _rows(doc)
    assert len(rows) == 50 and [r[2] for r in rows] == sorted((r[2] for r in rows), reverse=True)
    assert any(name == "Lena Okafor" for name, *_ in rows)


def test_each_count_links_to_the_search_that_gives_it(client):
    """The articles count to `/?source=`, the quotes count to `/quote-search?source=&source_kind=`
    (`quotes._quote_counts` counts each kind's quotes by their source), each with the same
    outlet and dates; the page a link opens says the number the table shows."""
    for query in ({"size": "12"}, {"outlet": "Reuters", "from": "2020-01-01", "until": "2025-12-31"},
                  {"kind": "organization", "size": "6"}):
        doc = html(client.get(PAGE, query_string=query))
        rows = doc.xpath("//table[@class='sources-table']/tbody/tr")
        assert rows, query
        for row in rows:
            name = text(row.xpath("th/bdi")[0])
            for cell, path in ((row.xpath("td[2]")[0], "/"), (row.xpath("td[3]")[0], "/quote-search")):
                shown = _count(cell)
                if not shown:
                    assert not cell.xpath(".//a")  # nothing to go to
                    continue
                href = cell.xpath("a/@href")[0]
                assert urlsplit(href).path == path
                params = parse_qs(urlsplit(href).query)
                assert params["source"] == [name]
                for shared in ("outlet", "from", "until"):
                    assert params.get(shared) == ([query[shared]] if shared in query else None), (href, shared)
                opened = client.get(href)
                assert opened.status_code == 200, href
                assert _heading_total(html(opened)) == shown, (href, shown)


def test_every_source_count_agrees_with_the_searches_its_links_run(client):
    """All of the listing, through the API the pages run on: not only the first page."""
    listing = _api(client, {"size": 500})
    assert listing["complete"] and listing["total"] == len(listing["sources"]) > 50
    for row in listing["sources"]:
        articles = client.get("/search", query_string={"source": row["name"], "size": 1}).get_json()
        said = client.get("/quotes", query_string={"source": row["name"], "source_kind": row["kind"], "size": 1})
        assert (articles["total"], said.get_json()["total"]) == (row["articles"], row["quotes"]), row


def test_the_quotes_link_carries_the_rows_kind(client):
    """A name cited as a person and as an organisation is two rows, each counting only its
    own quotes (`quotes.sources`): without the kind, both rows' links would give the sum."""
    doc = html(client.get(PAGE, query_string={"size": "500"}))
    kinds = {label: kind for kind, label in KIND_LABELS.items()}
    linked = 0
    for row in doc.xpath("//table[@class='sources-table']/tbody/tr"):
        for href in row.xpath("td[3]/a/@href"):
            assert parse_qs(urlsplit(href).query)["source_kind"] == [kinds[text(row.xpath("td[1]")[0])]]
            linked += 1
    assert linked > 10


def test_paging_by_offset_goes_through_the_apis_listing(client):
    everything = _api(client, {"size": 500})
    seen, url, pages = [], f"{PAGE}?size=20", 0
    first = html(client.get(url))
    assert not first.xpath("//nav[@class='pager']//a[@rel='prev']") and not first.xpath("//a[.='First page']")
    while url:
        doc = html(client.get(url))
        seen += _rows(doc)
        pages += 1
        following = doc.xpath("//nav[@class='pager']//a[@rel='next']/@href")
        previous = doc.xpath("//nav[@class='pager']//a[@rel='prev']/@href")
        if pages > 1:
            back = parse_qs(urlsplit(previous[0]).query)
            assert back.get("offset", ["0"]) == [str(20 * (pages - 2))] and back["size"] == ["20"]
            assert doc.xpath("//table/caption")[0].text_content().strip().startswith(
                f"Sources {20 * (pages - 1) + 1} to {min(20 * pages, everything['total'])} of {everything['total']}")
        url = following[0] if following else None
    assert seen == _expected(everything)
    assert pages == -(-everything["total"] // 20)


def test_the_form_shows_the_filters_it_lists_by(client):
    doc = html(client.get(PAGE, query_string=[("name", "okaf"), ("kind", "person,Organization"), ("outlet", "Reuters"),
                                              ("outlet", "Harbor Gazette"), ("from", "2025-01-01"), ("offset", "50")]))
    form = doc.xpath("//form[@role='search']")[0]
    assert form.get("method") == "get" and form.get("action") == PAGE
    assert doc.get_element_by_id("f-name").get("value") == "okaf"
    ticked = {box.get("value") for box in form.xpath(".//input[@name='kind'][@checked]")}
    assert ticked == {"person", "organization"}  # a comma list ticks each box
    assert [box.get("value") for box in form.xpath(".//input[@name='outlet']")] == ["Reuters", "Harbor Gazette"]
    assert doc.get_element_by_id("f-from").get("value") == "2025-01-01"
    assert not form.xpath(".//input[@name='offset']")  # a new search starts at the first page
    chips = [text(chip) for chip in doc.xpath("//div[@class='chips']//a")]
    assert chips[0].startswith("Name: okaf") and "Source kind: Organisation ×(remove this filter)" in chips
    for chip in doc.xpath("//div[@class='chips']//a/@href"):
        assert "offset" not in parse_qs(urlsplit(chip).query)


def test_the_navigation_names_the_page_it_is_on(client):
    doc = html(client.get(PAGE))
    current = doc.xpath("//nav[@aria-label='Sections']//a[@aria-current='page']")
    assert [(text(a), a.get("href")) for a in current] == [("Sources", PAGE)]
    links = [text(a) for a in html(client.get("/")).xpath("//nav[@aria-label='Sections']//a")]
    assert links == ["Articles", "Quotes", "Sources", "API"]


def test_the_page_is_a_table_with_headers_and_labelled_controls(client):
    doc = html(client.get(PAGE, query_string={"kind": "person", "size": "500"}))
    table = doc.xpath("//section[@id='results']//table")[0]
    assert text(table.xpath("caption")[0]).startswith("Sources, most cited first")
    assert [(th.get("scope"), text(th)) for th in table.xpath("thead/tr/th")] == [
        ("col", "Name"), ("col", "Kind"), ("col", "Articles"), ("col", "Quotes")]
    assert {th.get("scope") for th in table.xpath("tbody/tr/th")} == {"row"}
    link = table.xpath("tbody/tr[1]/td[2]/a")[0]  # says what its number counts
    assert re.fullmatch(r"\d+ articles? citing .+", text(link))
    assert [h.tag for h in doc.xpath("//main//h1 | //main//h2")][:1] == ["h1"]
    labels = set(doc.xpath("//label/@for"))
    assert all(c.get("id") in labels for c in doc.xpath("//input[not(@type='hidden')] | //select"))
    assets = doc.xpath("//script/@src | //link/@href | //img/@src")
    assert assets and all(a.startswith("/web-assets/") for a in assets)
    assert not doc.xpath("//script[not(@src)]") and not doc.xpath("//@style")
    assert [a.get("href") for a in doc.xpath("//a[@class='skip-link']")] == ["#main", "#results"]
    assert re.fullmatch("\u2068Person\u2069 – \\d+ sources – Sources · News index",
                        doc.xpath("//title")[0].text_content())


def test_a_listing_that_stopped_says_it_holds_the_most_cited_only(client, monkeypatch):
    monkeypatch.setattr(quotes, "MAX_SOURCES", 5)
    assert _api(client, {})["complete"] is False
    doc = html(client.get(PAGE))
    assert text(doc.get_element_by_id("results-title")).startswith("At least 5 sources")
    assert "most cited sources only" in text(doc.xpath("//p[@class='note']")[0])
    monkeypatch.undo()
    assert not html(client.get(PAGE)).xpath("//p[@class='note']")  # all of them: no note


@pytest.mark.parametrize("query, label, words", [
    ({"from": "nope"}, "Published from", "Not a date"),
    ({"from": "2025-02-01", "until": "2025-01-01"}, "Published from", "“Published from” is after “Published until”"),
    ({"kind": "alien"}, "Source kind", "Unknown value(s) alien"),
    ({"size": "0"}, "Sources per page", "Must be greater than or equal to 1 and less than or equal to 500."),
    ({"offset": "-1"}, "Page link", "Must be greater than or equal to 0"),
    ({"name": "x" * 201}, "Name", "Longer than maximum length 200"),
    ({"name": ["okaf", "lena"]}, "Name", "Given 2 times, “okaf”, “lena”: choose one."),
])
def test_bad_input_is_a_400_page_with_the_message_and_the_form_filled_in(client, query, label, words):
    api = client.get("/sources", query_string=query)
    assert api.status_code == 422, api.get_json()
    response = client.get(PAGE, query_string={"name": "okaf", **query})
    assert response.status_code == 400 and response.content_type.startswith("text/html")
    doc = html(response)
    errors = doc.get_element_by_id("form-errors")
    assert errors.get("role") == "alert"
    assert [text(strong) for strong in errors.xpath(".//li/strong")] == [label]
    assert words in text(errors)
    shown = query.get("name", "okaf")  # a name given twice: the first, as the other pages keep a query
    assert doc.xpath("//input[@name='name']/@value") == [shown[0] if isinstance(shown, list) else shown]
    assert doc.xpath("//title")[0].text_content().startswith("Error: please correct the search – ")
    assert not doc.xpath("//table") and not doc.xpath("//*[@id='results']")


@pytest.mark.parametrize("fault, status, title", [(_unavailable, 503, "Search is unavailable"),
                                                  (_too_slow, 504, "The search took too long")])
def test_an_engine_failure_keeps_the_form_and_the_apis_status(app, client, monkeypatch, fault, status, title):
    monkeypatch.setattr(app.extensions["news_backend"], "source_counts", fault)
    query = {"name": "okaf", "kind": "person", "outlet": "Reuters"}
    api = client.get("/sources", query_string=query)
    response = client.get(PAGE, query_string=query)
    assert response.status_code == api.status_code == status
    assert response.headers.get("Retry-After") == api.headers.get("Retry-After")
    doc = html(response)
    alert = doc.get_element_by_id("form-errors")
    assert alert.get("role") == "alert" and text(alert).startswith(title)
    assert doc.get_element_by_id("f-name").get("value") == "okaf"
    assert doc.xpath("//input[@name='kind'][@checked]/@value") == ["person"]
    assert doc.get_element_by_id("f-outlet").get("value") == "Reuters"
    assert doc.xpath("//title")[0].text_content().startswith(title + " – ")
    assert not doc.xpath("//table")


def test_a_wrong_method_on_the_page_is_an_html_page(client):
    response = client.post(PAGE, headers={"Accept": "text/html"})
    assert response.status_code == 405 and response.content_type.startswith("text/html")
    assert client.get("/sources").content_type.startswith("application/json")  # the API keeps its path


def test_a_page_past_the_end_links_back_to_the_last_page(client):
    """An offset past the listing (an old or edited link) showed no sources, and its
    Previous link went one page back, past the end still: the last page is its previous."""
    total = _api(client, {"size": 500})["total"]
    doc = html(client.get(PAGE, query_string={"size": "5", "offset": str(total + 50)}))
    assert not _rows(doc)
    previous = doc.xpath("//nav[@class='pager']//a[@rel='prev']/@href")[0]
    last = html(client.get(previous))
    assert _rows(last) and not last.xpath("//nav[@class='pager']//a[@rel='next']")
