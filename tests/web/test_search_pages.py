"""`/` and `/quote-search` as HTML: the same answers as the API, errors next
to the box with a 400, links that carry the whole query."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from service.app import create_app
from service.config import Config
from service.web.forms import MAX_FILTER_VALUES
from service.web.templating import marks as highlight_marks

from tests.growth import GROWTH_BOUND, growth
from tests.web.conftest import OKAFOR, SEED_HEADLINE, html, text


def test_search_lists_hits_with_highlights(client):
    response = client.get('/?q="red line"')
    assert response.status_code == 200
    assert response.content_type.startswith("text/html")
    doc = html(response)
    headlines = [text(a) for a in doc.xpath("//li[@class='hit']/h3/a")]
    assert any(h.startswith(SEED_HEADLINE) for h in headlines)
    assert doc.xpath("//ul[@class='fragments']//mark[.='red line']")
    api = client.get('/search?q="red line"').get_json()
    assert text(doc.xpath("//h2[@id='results-title']")[0]).startswith(f"{api['total']} article")
    assert [a.get("href") for a in doc.xpath("//li[@class='hit']/h3/a")] == \
        [f"/article/{hit['id']}" for hit in api["hits"]]


@pytest.mark.parametrize("url", ['/?q="red line"', "/quote-search?q=fishermen"])
def test_matched_words_are_marked_not_emphasised(client, url):
    """A match is highlighted text (<mark>, which screen readers announce as
    highlighted), not the article stressing a word (<em>, which they left
    unsaid or called emphasis); the API's JSON keeps its <em>."""
    response = client.get(url)
    doc = html(response)
    marks = doc.xpath("//li[@class='hit']//mark")
    assert marks and all(text(m) for m in marks)
    assert not doc.xpath("//main//em") and "&lt;mark&gt;" not in response.get_data(as_text=True)
    api = client.get(url.replace("/?", "/search?").replace("/quote-search?", "/quotes?")).get_json()
    assert "<em>" in json.dumps(api["hits"])
    # Only the API's own tags become marks: text that reads "<em>" stays text.
    assert highlight_marks("a &lt;em&gt;b&lt;/em&gt; <em>c</em>") == "a &lt;em&gt;b&lt;/em&gt; <mark>c</mark>"


def test_security_headers(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    for part in ("script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert part in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/web-assets/site.css").headers["X-Content-Type-Options"] == "nosniff"


def test_empty_form_fields_are_not_set(client):
    empty = "&".join(f"{name}=" for name in ("from", "until", "outlet", "place", "source_kind", "sort", "cursor"))
    response = client.get(f"/?q=fishermen&{empty}")
    assert response.status_code == 200
    assert "fishermen" in response.get_data(as_text=True)
    assert client.get("/?" + empty).status_code == 200


def test_syntax_error_shows_the_api_message_next_to_the_box(client):
    response = client.get('/?q="red line')
    assert response.status_code == 400
    assert response.content_type.startswith("text/html")
    doc = html(response)
    api = client.get('/search?q="red line').get_json()
    assert api["details"]["position"] == 0 and "position 0" in api["message"]
    message = api["message"].replace("position 0", "character 1")  # counted from 1 on the page
    box = doc.get_element_by_id("f-q")
    assert box.get("aria-invalid") == "true"
    assert "form-errors" in box.get("aria-describedby").split()
    assert message in text(doc.get_element_by_id("form-errors"))
    assert box.get("value") == '"red line'  # kept, to be corrected
    assert not doc.xpath("//li[@class='hit']")


@pytest.mark.parametrize("url, box", [('/?q="red line', "f-q"), ('/quote-search?q="fishermen', "f-q"),
                                      ("/?q=oil&from=2025-02-30", "f-from")])
def test_a_refused_box_is_described_by_its_error_before_its_hint(client, url, box):
    """A screen reader reads a box's description in the order its ids are
    given: the query box read its whole syntax help before the error, which
    came last, or not at all once the user had moved on."""
    doc = html(client.get(url))
    described = doc.get_element_by_id(box).get("aria-describedby").split()
    assert described[0] == "form-errors" and len(described) == 2
    assert doc.get_element_by_id(described[1]) is not None  # the hint, still there, after it


def test_unknown_field_and_bad_parameters_are_400_pages(client):
    assert "unknown" in client.get("/?q=nosuchfield:x").get_data(as_text=True).lower()
    for query, word in (("from=nope", "Not a date"), ("from=2025-02-01&until=2025-01-01", "after"),
                        ("source_kind=alien", "Must be one of"), ("size=0", "Results per page"),
                        ("cursor=zzz", "Page link: This link to a later page")):
        response = client.get("/?" + query)
        assert response.status_code == 400, query
        assert word.lower() in text(html(response).get_element_by_id("form-errors")).lower(), query


def test_a_query_given_twice_is_a_400_page_naming_both(client):
    """`/?q=oil&q=gas` searched for "gas" alone and said nothing of "oil"; the API refuses it (422)."""
    assert client.get("/search?q=oil&q=gas").status_code == 422
    response = client.get("/?q=oil&q=gas")
    assert response.status_code == 400
    doc = html(response)
    shown = text(doc.get_element_by_id("form-errors"))
    assert "“oil”" in shown and "“gas”" in shown and "one query" in shown
    assert doc.get_element_by_id("f-q").get("aria-invalid") == "true"
    assert not doc.xpath("//li[@class='hit']")
    assert client.get("/?q=oil&q=").status_code == 200  # an empty value is no value


def test_any_single_valued_setting_given_twice_is_named_in_the_forms_words(client):
    for url, label in (("/?q=oil&sort=newest&sort=oldest", "Order"), ("/?size=3&size=4", "Results per page"),
                       ("/quote-search?q=deal&match=near&match=exact", "Match"),
                       ("/?from=2024-01-01&from=2025-01-01", "Published from")):
        response = client.get(url)
        assert response.status_code == 400, url
        errors = html(response).get_element_by_id("form-errors")
        assert [text(n) for n in errors.xpath(".//li/strong")] == [label], url
        assert "Given 2 times" in text(errors), url
    assert client.get("/?outlet=Reuters&outlet=AP").status_code == 200  # a filter takes several values


def _outlets(count: int) -> list[tuple[str, str]]:
    return [("outlet", f"o{i}") for i in range(count)]


@pytest.mark.parametrize("path", ["/", "/quote-search"])
def test_a_page_takes_at_most_a_hundred_filter_values(client, path):
    """Each filter value is a chip whose link carries all the others: 900 outlets in one
    URL took over a second to draw (the square of their number), 2,000 several."""
    assert MAX_FILTER_VALUES == 100
    fine = [("outlet", f"Outlet {i}") for i in range(60)] + [("place", f"Place {i}") for i in range(40)]
    assert client.get(path, query_string=fine).status_code == 200
    # Eight times as many values, the larger about all the longest query string holds (a 414 past it).
    few, many = _outlets(180), _outlets(1_440)
    for values in (few, many, _outlets(60) + [("source", f"s{i}") for i in range(41)]):
        response = client.get(path, query_string=values)
        assert response.status_code == 400
        doc = html(response)
        assert "at most 100 filter values in all" in text(doc.get_element_by_id("form-errors"))
        assert len(doc.xpath("//div[@class='chips']//a")) <= MAX_FILTER_VALUES
        assert not doc.xpath("//li[@class='hit']")
    # Refused, the page still reads every value the URL gives: none may be weighed against the others.
    ratio = growth(lambda: client.get(path, query_string=few), lambda: client.get(path, query_string=many))
    assert ratio < GROWTH_BOUND, f"eight times the filter values took {ratio:.1f} times as long to refuse"


def test_next_page_link_follows_the_cursor(client):
    first = html(client.get("/?q=&sort=newest&size=3"))
    ids = [a.get("href") for a in first.xpath("//li[@class='hit']/h3/a")]
    assert len(ids) == 3 and not first.xpath("//nav[@class='pager']//a[.='First page']")
    next_href = first.xpath("//a[@rel='next']")[0].get("href")
    params = parse_qs(urlsplit(next_href).query)
    assert params["sort"] == ["newest"] and params["size"] == ["3"] and params["cursor"]
    second = html(client.get(next_href))
    more = [a.get("href") for a in second.xpath("//li[@class='hit']/h3/a")]
    assert more and not set(more) & set(ids)
    assert second.xpath("//nav[@class='pager']//a[.='First page']")


def _hit_links(doc) -> list[str]:
    return [a.get("href") for a in doc.xpath("//li[@class='hit']/h3/a")]


def test_previous_page_link_steps_back_through_the_pages_seen(client):
    pages, doc = [], html(client.get("/?q=&sort=newest&size=2"))
    assert not doc.xpath("//a[@rel='prev']")
    for _ in range(3):
        pages.append(_hit_links(doc))
        doc = html(client.get(doc.xpath("//a[@rel='next']")[0].get("href")))
    assert len({link for page in pages for link in page}) == 6
    for expected in reversed(pages):  # page 4 -> 3 -> 2 -> 1
        href = doc.xpath("//a[@rel='prev']")[0].get("href")
        doc = html(client.get(href))
        assert _hit_links(doc) == expected
    assert "cursor" not in parse_qs(urlsplit(href).query)  # back on the first page: a plain link
    assert not doc.xpath("//a[@rel='prev']")


def test_a_later_page_says_which_page_it_is(client):
    """After "Next page" the heading, the title and the list's numbering said
    nothing of where the editor was; now the page number, while it is known."""
    def where(doc):
        return (text(doc.xpath("//h2[@id='results-title']")[0]), doc.xpath("//title")[0].text_content(),
                doc.xpath("//ol[contains(@class, 'hits')]")[0].get("start"))

    doc = html(client.get("/?q=&sort=newest&size=1"))
    assert where(doc)[0].endswith("articles") and where(doc)[2] is None
    for number in range(2, 23):
        doc = html(client.get(doc.xpath("//a[@rel='next']")[0].get("href")))
        heading, title, start = where(doc)
        if number <= 21:  # the links remember 20 pages back: down to the first
            assert heading.endswith(f"articles, page {number}") and start == str(number), (number, heading)
            assert re.fullmatch(rf"[\d,]+ articles, page {number} – Search articles · News index", title), title
        else:  # past them the number is not known, and is not guessed
            assert heading.endswith("articles, a later page") and start is None
            assert re.fullmatch(r"[\d,]+ articles, a later page – Search articles · News index", title), title
    previous = html(client.get(doc.xpath("//a[@rel='prev']")[0].get("href")))
    assert where(previous)[0].endswith("a later page")
    stale = html(client.get("/?q=&sort=newest&size=1&cursor=zzz&back="))  # refused: no page to number
    assert stale.xpath("//title")[0].text_content() == "Error: please correct the search – Search articles · News index"
    quotes = html(client.get("/quote-search?q=fishermen&size=1"))
    second = html(client.get(quotes.xpath("//a[@rel='next']")[0].get("href")))
    assert where(second)[0].endswith("quotes for fishermen, page 2") and where(second)[2] == "2"


def test_previous_page_on_the_quote_search_page_too(client):
    first = html(client.get("/quote-search?q=&size=2"))
    second = html(client.get(first.xpath("//a[@rel='next']")[0].get("href")))
    back = html(client.get(second.xpath("//a[@rel='prev']")[0].get("href")))
    links = "//ol[contains(@class,'quote-hits')]/li/p[@class='meta']/a"
    expected = [a.get("href") for a in first.xpath(links)]
    assert len(expected) == 2 and expected != [a.get("href") for a in second.xpath(links)]
    assert [a.get("href") for a in back.xpath(links)] == expected


def test_filters_give_the_api_answer(client):
    args = {"q": "fishermen", "outlet": "Harbor Gazette", "from": "2024-01-01", "until": "2024-12-31"}
    api = client.get("/search", query_string=args).get_json()
    doc = html(client.get("/", query_string=args))
    assert text(doc.xpath("//h2[@id='results-title']")[0]).startswith(f"{api['total']} article")
    assert doc.get_element_by_id("f-outlet").get("value") == "Harbor Gazette"
    assert doc.get_element_by_id("f-from").get("value") == "2024-01-01"
    chips = [text(a) for a in doc.xpath("//div[@class='chips']//a")]
    assert any(c.startswith("Outlet: Harbor Gazette") for c in chips)


def test_facet_links_toggle_a_filter(client):
    doc = html(client.get("/?q=fishermen"))
    link = doc.xpath("//section[@class='facets']//a[contains(., 'Harbor Gazette')]")[0]
    assert parse_qs(urlsplit(link.get("href")).query)["outlet"] == ["Harbor Gazette"]
    narrowed = html(client.get(link.get("href")))
    outlets = {text(s) for s in narrowed.xpath("//li[@class='hit']//bdi[@class='outlet']")}
    assert outlets == {"Harbor Gazette"}
    active = narrowed.xpath("//section[@class='facets']//a[@aria-current='true']")
    assert len(active) == 1 and "outlet" not in parse_qs(urlsplit(active[0].get("href")).query)


def test_export_links_carry_the_query(client):
    doc = html(client.get('/?q="red line"&outlet=Harbor Gazette&from=&sort=relevance&size=5'))
    links = [a.get("href") for a in doc.xpath("//p[@class='export']/a")]
    assert [urlsplit(h).path for h in links] == ["/export", "/export"]
    params = [parse_qs(urlsplit(h).query) for h in links]
    assert [p["format"] for p in params] == [["csv"], ["jsonl"]]
    assert params[0]["q"] == ['"red line"'] and params[0]["outlet"] == ["Harbor Gazette"]
    assert not {"size", "cursor", "sort", "from"} & set(params[0])  # what /export does not take
    quotes = html(client.get("/quote-search?q=fishermen&sort=oldest"))
    href = quotes.xpath("//p[@class='export']/a")[0].get("href")
    assert urlsplit(href).path == "/quotes/export"
    assert parse_qs(urlsplit(href).query) == {"q": ["fishermen"], "sort": ["oldest"], "format": ["csv"]}


def test_the_export_of_recently_added_lists_what_the_page_lists(client):
    """'Recently added' (sort=ingested) linked an export that answered a JSON 422
    (sort: Must be one of: newest, oldest) instead of the file."""
    doc = html(client.get("/?q=harbour&sort=ingested&size=100"))
    listed = [a.get("href").rsplit("/", 1)[-1] for a in doc.xpath("//ol[@class='hits']/li/h3/a")]
    href = doc.xpath("//p[@class='export']/a")[1].get("href")
    assert parse_qs(urlsplit(href).query)["sort"] == ["ingested"]
    exported = client.get(href)
    assert exported.status_code == 200, exported.get_data(as_text=True)[:300]
    rows = [json.loads(line) for line in exported.get_data(as_text=True).splitlines() if line]
    assert len(listed) > 1 and [row["id"] for row in rows] == listed


@pytest.mark.parametrize("page, feed, export", [("/", "/index/feeds/search", "/index/export"),
                                                 ("/quote-search", "/index/feeds/quotes", "/index/quotes/export")])
def test_the_feed_and_export_links_stay_under_a_path_prefix(client, page, feed, export):
    """Served under /index (SCRIPT_NAME), the pages linked /feeds/search and /export, outside
    the service, where every other link of theirs (url_for) held the prefix."""
    doc = html(client.get(f"{page}?q=harbour", environ_overrides={"SCRIPT_NAME": "/index"}))
    assert {urlsplit(a.get("href")).path for a in doc.xpath("//p[@class='export']/a")} == {export}
    assert urlsplit(doc.xpath("//p[@class='export feed']/a")[0].get("href")).path == feed
    assert urlsplit(doc.xpath("//link[@type='application/atom+xml']")[0].get("href")).path == feed


def test_quote_search_one_hit_per_quote(client, okafor_statement):
    args = {"q": OKAFOR, "match": "near", "sort": "oldest"}
    api = client.get("/quotes", query_string=args).get_json()
    doc = html(client.get("/quote-search", query_string=args))
    hits = doc.xpath("//ol[contains(@class, 'quote-hits')]/li")
    assert len(hits) == len(api["hits"]) >= 3
    assert doc.xpath("//select[@id='f-match']/option[@selected]")[0].get("value") == "near"
    statement_links = doc.xpath("//p[@class='statement-link']/a/@href")
    assert f"/statement/{okafor_statement}" in statement_links
    article_links = doc.xpath("//ol[contains(@class, 'quote-hits')]//p[@class='meta']/a/@href")
    assert article_links[0] == f"/article/{api['hits'][0]['article']['id']}#q{api['hits'][0]['id'].rsplit('#q')[1]}"
    assert doc.xpath("//blockquote[@class='quote-text']/mark")


def test_quote_search_errors_are_400_pages(client):
    response = client.get('/quote-search?q="fishermen')
    assert response.status_code == 400
    assert "Unclosed quote" in text(html(response).get_element_by_id("form-errors"))
    assert client.get("/quote-search?match=fuzzy").status_code == 400


def test_every_control_has_a_label_and_assets_are_local(client, seed_id, okafor_statement):
    for url in ("/", '/?q="red line"', "/quote-search?q=fishermen", "/source-search?kind=person", f"/article/{seed_id}",
                f"/statement/{okafor_statement}"):
        doc = html(client.get(url))
        labels = set(doc.xpath("//label/@for"))
        controls = doc.xpath("//input[not(@type='hidden')] | //select | //textarea")
        assert all(c.get("id") in labels for c in controls), url
        assert doc.xpath("//a[@class='skip-link']/@href")[0] == "#main" and doc.get_element_by_id("main") is not None
        assets = doc.xpath("//script/@src | //link[not(@rel='alternate')]/@href | //img/@src")
        assert assets and all(a.startswith("/web-assets/") for a in assets), url
        assert not doc.xpath("//script[not(@src)]"), url  # no inline script at all
        assert not doc.xpath("//@style"), url  # nothing the CSP would have to allow


@pytest.mark.parametrize("url", ['/?q="red line"', "/", "/quote-search?q=fishermen", "/?q=zzqqxxvv"])
def test_a_results_page_skips_past_the_form_to_its_results(client, url):
    """With the filters open, a keyboard went through some twenty stops of the
    form to reach the first result, on every page of results."""
    doc = html(client.get(url))
    skips = doc.xpath("//a[@class='skip-link']")
    assert [(a.get("href"), text(a)) for a in skips] == [("#main", "Skip to content"), ("#results", "Skip to results")]
    results = doc.get_element_by_id("results")
    assert results.get("tabindex") == "-1" and results.xpath(".//h2[@id='results-title']")


@pytest.mark.parametrize("url", ['/?q="red line', '/quote-search?q="fishermen'])
def test_a_page_without_results_has_no_skip_to_them(client, url):
    doc = html(client.get(url))
    assert doc.xpath("//a[@class='skip-link']/@href") == ["#main"] and not doc.xpath("//*[@id='results']")


def _submitted(form) -> list[tuple[str, str]]:
    """What a browser sends for this form as rendered (GET, nothing changed)."""
    sent = []
    for field in form.xpath(".//input[@name] | .//select[@name]"):
        if field.tag == "select":
            chosen = field.xpath("option[@selected]/@value") or field.xpath("option[1]/@value")
            sent.append((field.get("name"), chosen[0]))
        elif field.get("type") in ("checkbox", "radio"):
            if field.get("checked") is not None:
                sent.append((field.get("name"), field.get("value")))
        else:
            sent.append((field.get("name"), field.get("value") or ""))
    return [(name, value) for name, value in sent if value.strip()]


def test_what_the_form_shows_is_what_it_submits(client):
    """Every filter of the URL is in a visible control, none in a hidden field."""
    for url, expected in (
        ("/?q=talks&speaker=Lena Okafor&outlet=Reuters&outlet=Harbor Gazette&size=3",
         {("q", "talks"), ("speaker", "Lena Okafor"), ("outlet", "Reuters"), ("outlet", "Harbor Gazette"),
          ("size", "3")}),
        ("/?q=oil&from=1987-03-02T12:00:00Z", {("q", "oil"), ("from", "1987-03-02T12:00:00Z")}),
        ("/?source_kind=person&source_kind=anonymous", {("source_kind", "person"), ("source_kind", "anonymous")}),
        ("/quote-search?q=deal&source_kind=outlet&speaker=A&speaker=B&language=en",
         {("q", "deal"), ("match", "exact"), ("source_kind", "outlet"), ("speaker", "A"), ("speaker", "B"),
          ("language", "en")}),
    ):
        form = html(client.get(url)).xpath("//form[@role='search']")[0]
        assert set(_submitted(form)) == expected, url
        hidden = {(i.get("name"), i.get("value")) for i in form.xpath(".//input[@type='hidden']")}
        assert hidden <= {("size", "3")}, url  # settings ride along; filters never do


def test_a_refused_setting_without_a_box_is_not_sent_again(client):
    """size=0 in a link: refused, and carried in a hidden field, so every
    search from that page was refused again with nothing on the page to fix."""
    for url, name in (("/?q=flood&size=0&facet_size=5", "size"), ("/quote-search?q=deal&highlight=maybe", "highlight"),
                      ("/?q=flood&facets=bogus", "facets")):
        doc = html(client.get(url))
        assert doc.xpath("//*[@id='form-errors']"), url
        sent = {field.get("name"): field.get("value") for field in doc.xpath("//form[@role='search']//input[@type='hidden']")}
        assert name not in sent, (url, sent)
    kept = html(client.get("/?q=flood&size=0&facet_size=5")).xpath("//input[@type='hidden']")
    assert {(field.get("name"), field.get("value")) for field in kept} == {("facet_size", "5")}  # a valid one rides on


def test_a_full_iso_time_is_shown_and_kept(client):
    doc = html(client.get("/?q=oil&from=1987-03-02T12:00:00Z"))
    box = doc.get_element_by_id("f-from")
    assert box.get("value") == "1987-03-02T12:00:00Z" and box.get("type") == "text"
    assert doc.get_element_by_id("f-until").get("type") == "date"  # a plain day keeps the picker
    assert html(client.get("/?from=2024-01-01")).get_element_by_id("f-from").get("type") == "date"


def test_a_refused_date_is_shown_as_typed_with_one_description(client):
    """A date picker would show 2025-02-30 as empty (and send nothing back)
    while the error names the box: the box shows what was refused instead."""
    response = client.get("/?q=oil&from=2025-02-30&until=1987-03-02T99:00")
    assert response.status_code == 400
    doc = html(response)
    for name, value in (("from", "2025-02-30"), ("until", "1987-03-02T99:00")):
        box = doc.get_element_by_id(f"f-{name}")
        assert (box.get("type"), box.get("value"), box.get("aria-invalid")) == ("text", value, "true")
        assert "form-errors" in box.get("aria-describedby").split()
    for tag in re.findall(r"<input [^>]*>", response.get_data(as_text=True)):
        assert tag.count("aria-describedby=") <= 1, tag  # a repeated attribute: all but the first are dropped
    assert html(client.get("/?from=2024-02-29")).get_element_by_id("f-from").get("type") == "date"


def test_each_value_of_a_filter_has_its_own_box(client):
    doc = html(client.get("/?q=talks&outlet=Reuters&outlet=Harbor Gazette"))
    assert doc.get_element_by_id("f-outlet").get("value") == "Reuters"
    second = doc.get_element_by_id("f-outlet-2")
    assert second.get("value") == "Harbor Gazette" and second.get("name") == "outlet"
    assert doc.xpath("//label[@for='f-outlet-2']")
    kinds = html(client.get("/?source_kind=person&source_kind=anonymous"))
    ticked = kinds.xpath("//input[@type='checkbox'][@name='source_kind'][@checked]/@value")
    assert ticked == ["person", "anonymous"]
    other = html(client.get("/?q=talks&speaker=Lena Okafor")).xpath("//fieldset[@class='other-filters']//input")
    assert [(i.get("name"), i.get("value"), i.get("checked") is not None) for i in other] == \
        [("speaker", "Lena Okafor", True)]


def _facet_links(doc):
    for link in doc.xpath("//section[@class='facets']//a"):
        count = link.xpath("span[@class='count']")
        yield link, int(count[0].text), link.get("aria-current") == "true"  # its words are for screen readers


def _total(doc) -> int:
    return int(text(doc.xpath("//h2[@id='results-title']")[0]).split()[0].replace(",", ""))


def test_facet_counts_are_what_their_links_give(client):
    for url in ("/?source_kind=person", "/?q=&source_kind=person&outlet=Harbor Gazette", "/?author=Kari Dahl",
                "/?source_kind=person&source_kind=anonymous", "/quote-search?source_kind=person",
                "/quote-search?q=fishermen&speaker=Lena Okafor"):
        doc = html(client.get(url))
        checked = 0
        for link, count, active in _facet_links(doc):
            if active:
                continue
            followed = html(client.get(link.get("href")))
            assert _total(followed) == count, (url, text(link), link.get("href"))
            checked += 1
        assert checked >= 3, url


@pytest.mark.parametrize("url, noun", [('/?q="red line"', "article"), ("/quote-search?q=fishermen", "quote")])
def test_a_facet_links_name_says_what_its_number_counts(client, url, noun):
    """A screen reader read a facet link as "Port Verran 2": the number, shown
    in a column, said nothing of what it counts."""
    names = [text(link) for link in html(client.get(url)).xpath("//section[@class='facets']//a")]
    assert len(names) >= 3
    for name in names:
        assert re.fullmatch(rf".+, (1 {noun}|\d+ {noun}s)", name), name
        assert not re.search(rf"\b1 {noun}s\b", name), name


def test_a_facet_link_replaces_the_facets_value_and_the_active_one_removes_it(client):
    doc = html(client.get("/?source_kind=person"))
    kind = doc.xpath("//section[@class='facets']/h3[.='Source kind']/following-sibling::ul[1]")[0]
    links = {text(a.xpath(".//bdi")[0]): a for a in kind.xpath(".//a")}
    anonymous = parse_qs(urlsplit(links["Anonymous"].get("href")).query)
    assert anonymous["source_kind"] == ["anonymous"]  # drill down, not person OR anonymous
    person = links["Person"]
    assert person.get("aria-current") == "true" and "source_kind" not in parse_qs(urlsplit(person.get("href")).query)
    assert int(person.xpath("span[@class='count']")[0].text) == _total(doc)
    # Both set by hand (the API ORs them): each stays listed as active, removable alone.
    both = html(client.get("/?source_kind=person&source_kind=anonymous"))
    active = [a for a, _, is_active in _facet_links(both) if is_active]
    assert sorted(parse_qs(urlsplit(a.get("href")).query)["source_kind"][0] for a in active) == ["anonymous", "person"]


def test_near_reads_a_pasted_claim_as_plain_words(client):
    clean = client.get("/quotes", query_string={"q": OKAFOR, "match": "near"}).get_json()
    assert clean["total"] >= 3
    for claim in ('"We will not accept any deal that leaves our fishermen behind',
                  "We will not accept: any deal (that leaves our fishermen behind",
                  "We will not accept any deal that leaves our fishermen behind OR NOT",
                  "said: We will not accept any -deal that leaves our fishermen* behind"):
        response = client.get("/quote-search", query_string={"q": claim, "match": "near"})
        assert response.status_code == 200, (claim, response.get_data(as_text=True)[-600:])
        doc = html(response)
        assert not doc.xpath("//*[@id='form-errors']"), claim
        assert doc.get_element_by_id("f-q").get("value") == claim  # the box keeps what was pasted
        if "said" not in claim and "OR NOT" not in claim:
            assert _total(doc) == clean["total"], claim
        assert _total(doc) >= 1, claim
    # Exact mode still reads the query language.
    assert client.get("/quote-search", query_string={"q": '"We will not', "match": "exact"}).status_code == 400
    assert client.get("/quote-search", query_string={"q": "minister said: x", "match": "exact"}).status_code == 400


def test_near_without_words_is_shown_at_the_box_in_the_forms_words(client):
    api = client.get("/quotes?match=near&q=-%20*")
    assert api.status_code == 400 and api.get_json()["details"]["parameter"] == "q"
    next_link = html(client.get("/quote-search?q=fishermen&size=1")).xpath("//a[@rel='next']/@href")[0]
    cursor = parse_qs(urlsplit(next_link).query)["cursor"][0]
    # With a cursor too: the problem is the empty claim, not the page link.
    for query in ({"match": "near"}, {"match": "near", "q": "- *"}, {"match": "near", "cursor": cursor}):
        response = client.get("/quote-search", query_string=query)
        assert response.status_code == 400, query
        doc = html(response)
        shown = text(doc.get_element_by_id("form-errors"))
        assert "Near finds a quote or a claim by its words" in shown, (query, shown)
        assert "match=near" not in shown and " in q" not in shown and "Page link" not in shown, shown
        assert doc.get_element_by_id("f-q").get("aria-invalid") == "true"
    # A page link that is not this search's is still called out as such.
    stale = html(client.get("/quote-search", query_string={"q": "deal", "cursor": cursor}))
    assert "not one this service gave" in text(stale.get_element_by_id("form-errors"))


def test_a_part_of_a_name_in_a_name_filter_gets_a_search_that_finds_it(client):
    """The filters take the whole name ("Lena Okafor"); an editor types "Okafor"
    and gets nothing: the page says so and offers the query-language search."""
    doc = html(client.get("/quote-search?q=fishermen&speaker=Okafor&outlet=Harbor"))
    assert _total(doc) == 0
    hint = doc.get_element_by_id("f-speaker").get("aria-describedby")
    assert text(doc.get_element_by_id(hint)) == "The whole name, any case"
    offer = doc.xpath("//p[contains(@class, 'partial-name')]")[0]
    assert text(offer).startswith("Speaker and Outlet match the whole name only.")
    link = offer.xpath(".//a/@href")[0]
    assert parse_qs(urlsplit(link).query) == {"q": ['fishermen speaker:"Okafor" outlet:"Harbor"']}
    found = html(client.get(link))
    assert _total(found) >= 1
    assert {text(n) for n in found.xpath("//bdi[@class='speaker']")} == {"Lena Okafor"}
    # An OR in the query keeps its meaning; several values of one filter are ORed, as the filter does.
    # (Names no speaker's are near: for one that is, the speaker is offered whole, below.)
    link = html(client.get("/quote-search?q=fish OR deal&speaker=Okaf&speaker=Lind")).xpath(
        "//p[contains(@class, 'partial-name')]//a/@href")[0]
    assert parse_qs(urlsplit(link).query)["q"] == ['(fish OR deal) (speaker:"Okaf" OR speaker:"Lind")']
    assert client.get(link).status_code == 200
    # The page's own words never look like a highlighted match (<mark> is the highlights' element).
    assert not doc.xpath("//p[@class='empty']//mark") and doc.xpath("//p[@class='empty']//strong")
    # Not when something was found, nor for Near (its box is a claim, not the query language).
    assert not html(client.get("/quote-search?q=fishermen")).xpath("//p[contains(@class, 'partial-name')]")
    near = html(client.get("/quote-search", query_string={"q": OKAFOR, "match": "near", "speaker": "Okafor"}))
    assert _total(near) == 0 and not near.xpath("//p[contains(@class, 'partial-name')]")
    articles = html(client.get("/?outlet=Civic"))
    link = articles.xpath("//p[contains(@class, 'partial-name')]//a/@href")[0]
    assert parse_qs(urlsplit(link).query) == {"q": ['outlet:"Civic"']}
    assert _total(html(client.get(link))) >= 1


def test_the_empty_result_says_why_for_what_was_asked(client, tmp_path):
    """"Try fewer words" was said with no words typed, and on an empty index."""
    def empty(app_client, url):
        return text(html(app_client.get(url)).xpath("//p[@class='empty']")[0])

    assert empty(client, "/?q=zzzqqq") == "No article matches. Try fewer words, or remove a filter."
    assert empty(client, "/?source_kind=anonymous&outlet=Nowhere Post") == "No article matches these filters: remove one."
    assert empty(client, "/quote-search?outlet=Nowhere Post") == "No quote matches these filters: remove one."
    # Near said "switch to Near", and never that a filter may be what kept the claim out.
    claim = "/quote-search?match=near&q=the budget will be balanced by next year"
    assert empty(client, claim) == "No quote is this claim with small edits. Try Exact with a few of its words."
    assert empty(client, f"/quote-search?match=near&q={OKAFOR}&speaker=Okafor") == (
        "No quote is this claim with small edits among these filters. "
        "Try Exact with a few of its words, or remove a filter.")
    app = create_app(Config(data_dir=tmp_path, api_key="k", log_level="WARNING"))
    try:
        assert empty(app.test_client(), "/") == "The index holds no articles yet."
        assert empty(app.test_client(), "/quote-search") == "The index holds no quotes yet."
    finally:
        app.extensions["news_backend"].close()


def test_error_messages_use_the_forms_words(client):
    errors = html(client.get("/?q=talks&from=2025-02-01&until=2025-01-01")).get_element_by_id("form-errors")
    assert "Published from: “Published from” is after “Published until”." in text(errors)
    for url in ("/?q=talks&from=nope", "/?cursor=zzz", "/?size=0", '/?q=a "b', "/quote-search?match=fuzzy"):
        doc = html(client.get(url))
        shown = text(doc.get_element_by_id("form-errors"))
        names = [text(n) for n in doc.xpath("//*[@id='form-errors']//li/strong")]
        assert not set(names) & {"from", "until", "cursor", "size", "match", "sort"}, (url, names)
        assert "cursor" not in shown and "position" not in shown, (url, shown)
        title = doc.xpath("//title")[0].text_content()
        assert title.startswith("Error: "), (url, title)
    assert "character 3" in text(html(client.get('/?q=a "b')).get_element_by_id("form-errors"))
    assert not html(client.get("/?q=talks")).xpath("//title")[0].text_content().startswith("Error")


def test_titles_say_what_is_shown_and_keep_user_text_short_and_isolated(client, okafor_statement):
    def title(url, **query):
        return html(client.get(url, query_string=query)).xpath("//title")[0].text_content()

    assert re.fullmatch("\u2068flood barrier\u2069 – \\d+ articles – Search articles · News index",
                        title("/", q="flood barrier"))
    long = title("/", q="a" * 3000)  # over the limit: the 400 page's title does not carry it all
    assert long.startswith("Error: the query could not be read – \u2068" + "a" * 60 + "…\u2069 – ")
    worded = title("/quote-search", q="we will not accept any deal that leaves our fishermen behind and so she said")
    assert worded.startswith("\u2068we will not accept any deal that leaves our fishermen behind…\u2069 – ")
    assert worded.endswith(" quotes – Search quotes · News index")
    # A right-to-left override typed into the box stays inside its isolate.
    assert title("/", q="\u202eevil").startswith("\u2068\u202eevil\u2069 – 0 articles – Search articles")
    assert title("/", q="   ") == "Search articles · News index"
    # Without a query, the filters say what the tab lists.
    assert re.fullmatch("\u2068Harbor Gazette, Person\u2069 – \\d+ articles – Search articles · News index",
                        title("/", outlet="Harbor Gazette", source_kind="person"))
    assert re.fullmatch("\u2068Lena Okafor\u2069 – \\d+ quotes – Search quotes · News index",
                        title("/quote-search", speaker="Lena Okafor"))
    # A speaker says many things: the statement's own words tell its tabs apart.
    statement = title(f"/statement/{okafor_statement}")
    assert statement.startswith("“\u2068We will not accept") and "Statement by \u2068Lena Okafor\u2069" in statement


def test_the_order_menu_shows_the_order_applied(client):
    blank = html(client.get("/"))
    chosen = blank.xpath("//select[@id='f-sort']/option[@selected] | //select[@id='f-sort']/option[1]")[0]
    assert text(chosen).startswith("Newest first")
    times = blank.xpath("//li[@class='hit']//time/@datetime")
    assert len(times) >= 3 and times == sorted(times, reverse=True)  # what it says
    assert text(html(client.get("/?q=flood")).xpath("//select[@id='f-sort']/option[1]")[0]) == "Best match"
    quotes = html(client.get("/quote-search"))
    assert text(quotes.xpath("//select[@id='f-sort']/option[1]")[0]).startswith("Newest first")
    # The default named in a link: the menu and the order still agree.
    for path in ("/", "/quote-search"):
        named = html(client.get(path + "?sort=relevance"))
        assert named.xpath("//select[@id='f-sort']/option[@selected]/@value") == [""]  # newest, no query yet
        shown = named.xpath("//li[@class='hit']//time/@datetime")
        assert len(shown) >= 3 and shown == sorted(shown, reverse=True), path
    best = client.get("/?q=flood&sort=relevance")
    assert html(best).xpath("//h3/a/@href") == html(client.get("/?q=flood")).xpath("//h3/a/@href")


def test_statement_links_say_which_statement(client):
    doc = html(client.get("/quote-search?q=fishermen"))
    links = doc.xpath("//p[@class='statement-link']/a")
    assert len(links) >= 2
    names = {}
    for link in links:
        names.setdefault(text(link), set()).add(link.get("href"))
    assert all(len(hrefs) == 1 for hrefs in names.values()), names  # one name, one destination
    assert all(name.startswith("Every occurrence of this statement: “") for name in names)


def test_no_empty_narrow_down_heading(client):
    doc = html(client.get("/?q=zebrafishxyz"))
    assert text(doc.xpath("//h2[@id='results-title']")[0]).startswith("0 articles")
    assert not doc.xpath("//section[@class='facets']") and not doc.xpath("//*[.='Narrow down']")
    assert html(client.get("/?q=fishermen")).xpath("//section[@class='facets']//h2[.='Narrow down']")


@pytest.mark.parametrize("path", ["/", "/quote-search"])
def test_a_source_kind_is_labelled_alike_on_its_box_its_facet_link_and_its_chip(client, path):
    """The facets said "organisation" beside the "Organisation" box, and the chip the API's "organization"."""
    doc = html(client.get(path, query_string={"source_kind": "organization"}))
    boxes = {box.get("value"): text(doc.xpath(f"//label[@for='{box.get('id')}']")[0])
             for box in doc.xpath("//input[@name='source_kind']")}
    assert boxes == {"person": "Person", "organization": "Organisation", "outlet": "Outlet", "anonymous": "Anonymous"}
    links = doc.xpath("//section[@class='facets']/h3[.='Source kind']/following-sibling::ul[1]//a")
    assert len(links) >= 2
    for link in links:  # the active value's link removes it: no source_kind left
        kind = parse_qs(urlsplit(link.get("href")).query).get("source_kind", ["organization"])[0]
        assert text(link.xpath(".//bdi")[0]) == boxes[kind], link.get("href")
    assert [text(chip) for chip in doc.xpath("//div[@class='chips']//a")] == [
        "Source kind: Organisation ×(remove this filter)"]
    assert "Organisation" in doc.xpath("//title")[0].text_content()


def _pages_changed(app, monkeypatch, **changes) -> None:
    """The backend's search pages, with what a large archive would give changed in."""
    backend = app.extensions["news_backend"]
    real = backend.search

    def search(request, *args, **kwargs):
        page = real(request, *args, **kwargs)
        for name, value in changes.items():
            setattr(page, name, value)
        return page

    monkeypatch.setattr(backend, "search", search)


def test_a_total_the_engine_stopped_counting_reads_at_least(app, client, monkeypatch):
    """Elasticsearch counts to 100,000: past that the page says so rather than show a round number as exact."""
    _pages_changed(app, monkeypatch, total=100_000, total_exact=False)
    heading = html(client.get("/?q=fishermen")).get_element_by_id("results-title")
    assert text(heading).startswith("At least 100,000 articles")
    assert client.get("/search?q=fishermen").get_json()["total_exact"] is False


def test_the_last_best_match_page_offers_date_order_to_go_further(app, client, monkeypatch):
    """Best-match order stops at 10,000 hits; its last page says so and links the search newest first."""
    from service.backends import cursors

    _pages_changed(app, monkeypatch, total=25_000, next_cursor=None)
    monkeypatch.setattr(cursors, "MAX_RELEVANCE_WINDOW", 1)  # the first page is the window's last
    doc = html(client.get("/?q=fishermen"))
    note = doc.find_class("window-end")[0]
    assert text(note).startswith("Best-match order shows the first 10,000 results.")
    link = note.xpath(".//a")[0].get("href")
    assert parse_qs(urlsplit(link).query) == {"q": ["fishermen"], "sort": ["newest"]}
    assert not html(client.get("/?q=fishermen&sort=newest")).find_class("window-end")  # dates page on


@pytest.mark.parametrize("path", ["/", "/quote-search"])
def test_a_stale_page_link_offers_the_first_page_of_its_search(client, path):
    """"Start again from the first page", the message says: it was not a link,
    and no pager is shown for a refused page link."""
    response = client.get(path, query_string={"q": "fishermen", "sort": "newest", "size": "2", "outlet": "Harbor Gazette",
                                              "cursor": "zzz", "back": ""})
    assert response.status_code == 400
    links = html(response).get_element_by_id("form-errors").xpath(".//a")
    assert [text(link) for link in links] == ["First page of this search"]
    first = client.get(path + links[0].get("href"))
    assert first.status_code == 200
    params = parse_qs(urlsplit(links[0].get("href")).query)
    assert params == {"q": ["fishermen"], "sort": ["newest"], "size": ["2"], "outlet": ["Harbor Gazette"]}


@pytest.mark.parametrize("name, value", [("until", "9999-12-31T23:59:59-14:00"), ("from", "0001-01-01T00:00:00+14:00")])
def test_a_time_outside_the_years_a_date_holds_is_refused_not_a_500(client, name, value):
    """In UTC it falls in the year 10000 (or 0): converting it raised
    OverflowError, a 500 on the pages, the API and the exports."""
    label = {"from": "Published from", "until": "Published until"}[name]
    for path in ("/", "/quote-search"):
        response = client.get(path, query_string={"q": "harbour", name: value})
        assert response.status_code == 400, path
        shown = text(html(response).get_element_by_id("form-errors"))
        assert shown.startswith(f"Please correct: {label}: Out of range"), shown
    for path in ("/search", "/quotes", "/export", "/quotes/export", "/sources"):
        response = client.get(path, query_string={name: value, "format": "csv"} if "export" in path else {name: value})
        assert response.status_code == 422, path


@pytest.mark.parametrize("typed", ["sable coast herald - latest news", "SABLE COAST HERALD — LATEST NEWS"])
def test_a_name_typed_with_another_dash_or_case_shows_its_facet_as_the_active_one(client, typed):
    """The filter reads names as keys (a dash is a dash, whichever was typed),
    the facet list compared them by case alone: the outlet it matched was a
    plain link, not the active one, and no facet link removed the filter."""
    doc = html(client.get("/", query_string={"outlet": typed}))
    active = [(text(a.xpath(".//bdi")[0]), a) for a, _, is_active in _facet_links(doc) if is_active]
    assert [name for name, _ in active] == ["Sable Coast Herald – Latest news"]
    link, count = active[0][1], int(active[0][1].xpath("span[@class='count']")[0].text)
    assert count == _total(doc) > 0
    assert "outlet" not in parse_qs(urlsplit(link.get("href")).query)  # the active one removes it


@pytest.mark.parametrize("path, noun", [("/quote-search", "quote"), ("/", "article")])
def test_a_speaker_typed_by_surname_or_misspelt_is_offered_by_the_whole_name(client, path, noun):
    """The speaker filter takes the whole name: "okafr" found nothing, and the offer of
    speaker:"okafr" in the query found nothing either. The speakers whose names hold the
    words typed, or nearly, are offered as links, with what each finds."""
    found = _total(html(client.get(path, query_string={"q": "fishermen", "speaker": "Lena Okafor"})))
    assert found > 1
    doc = html(client.get(path, query_string={"q": "fishermen", "speaker": "okafr"}))
    assert _total(doc) == 0
    offer = doc.xpath("//p[contains(@class, 'near-speakers')]")[0]
    assert text(offer) == f"Did you mean Lena Okafor ({found} {noun}s)?"
    link = offer.xpath(".//a/@href")[0]
    assert parse_qs(urlsplit(link).query) == {"q": ["fishermen"], "speaker": ["Lena Okafor"]}
    assert _total(html(client.get(link))) == found
    assert not doc.xpath("//p[contains(@class, 'partial-name')]")  # the name is offered whole instead
    assert not html(client.get(link)).xpath("//p[contains(@class, 'near-speakers')]")


@pytest.fixture()
def reagan_client(tmp_path):
    """A client of an index where one story names "Ronald Reagan" whole and another "Reagan" alone."""
    from service.backends.embedded import EmbeddedBackend
    from tests.contract.test_near_speakers_contract import _quoting

    backend = EmbeddedBackend(tmp_path)
    backend.upsert([_quoting("s-1", ["Ronald Reagan"], "2025-01-01T00:00:00Z"),
                    _quoting("s-2", ["Reagan", "Reagan", "Nancy Reagan"], "2025-01-02T00:00:00Z")])
    backend.close()
    app = create_app(Config(data_dir=tmp_path, api_key="k", log_level="WARNING"))
    yield app.test_client()
    app.extensions["news_backend"].close()


@pytest.mark.parametrize("path, noun, counts", [("/quote-search", "quote", (1, 2)), ("/", "article", (1, 1))])
def test_a_whole_name_offers_to_add_the_speakers_named_by_part_of_it(reagan_client, path, noun, counts):
    """Stories that never print "Ronald Reagan" quote "Reagan": a search by the whole
    name found one quote and said nothing of the others. Each part-name is offered as
    a link adding it to the names searched for (the filter takes any of them)."""
    doc = html(reagan_client.get(path, query_string={"speaker": "Ronald Reagan"}))
    whole, parts = counts
    assert _total(doc) == whole
    offer = doc.xpath("//p[@class='shorter-names']")[0]
    assert text(offer) == (f"Also quoted by part of the name: Reagan: add to the search "
                           f"({parts} {noun}{'s' if parts > 1 else ''}). "
                           "A link adds that name to the search.")
    link = offer.xpath(".//a/@href")[0]
    assert parse_qs(urlsplit(link).query) == {"speaker": ["Ronald Reagan", "Reagan"]}
    # A screen reader listing the page's links hears what this one does, not a bare name.
    assert text(offer.xpath(".//a")[0]) == "Reagan: add to the search"
    both = html(reagan_client.get(link))
    assert _total(both) == whole + parts
    assert not both.xpath("//p[@class='shorter-names']")


def test_a_shorter_name_is_not_offered_when_its_link_would_pass_the_filter_limit(reagan_client):
    """Its link adds a value: with MAX_FILTER_VALUES given already, that was a link to a 400 page."""
    outlets = ["Wire"] * (MAX_FILTER_VALUES - 2)
    fits = html(reagan_client.get("/quote-search", query_string={"speaker": "Ronald Reagan", "outlet": outlets}))
    link = fits.xpath("//p[@class='shorter-names']//a/@href")[0]
    assert reagan_client.get(link).status_code == 200
    full = reagan_client.get("/quote-search", query_string={"speaker": "Ronald Reagan", "outlet": [*outlets, "Wire"]})
    assert full.status_code == 200 and _total(html(full)) == 1
    assert not html(full).xpath("//p[@class='shorter-names']")


def test_a_part_of_a_name_search_is_offered_only_when_it_can_run(client):
    """speaker=O* (a wildcard typed into a name box) found nothing and offered
    speaker:"O*", which the query language refuses (a prefix needs two letters):
    a link to a 400 page. speaker=Oka* offers speaker:"Oka*", which finds her."""
    refused = html(client.get("/quote-search", query_string={"speaker": "O*"}))
    assert _total(refused) == 0 and not refused.xpath("//p[contains(@class, 'partial-name')]")
    offer = html(client.get("/quote-search", query_string={"speaker": "Oka*"})).xpath(
        "//p[contains(@class, 'partial-name')]//a/@href")
    assert parse_qs(urlsplit(offer[0]).query) == {"q": ['speaker:"Oka*"']}
    found = client.get(offer[0])
    assert found.status_code == 200
    assert {text(n) for n in html(found).xpath("//bdi[@class='speaker']")} == {"Lena Okafor"}


@pytest.mark.parametrize("path, name, typed, shown", [
    ("/", "q", "deal\nfishermen", "deal fishermen"), ("/quote-search", "q", "fishermen\r\nbehind", "fishermen behind"),
    ("/", "outlet", "Harbor\nGazette", "Harbor Gazette"), ("/quote-search", "speaker", "Lena\r\nOkafor", "Lena Okafor"),
])
def test_a_line_break_in_a_link_is_a_space_in_its_box(client, path, name, typed, shown):
    """A one-line box drops line breaks from its value: a link's q=oil%0Aprices
    found the articles for "oil prices" and showed "oilprices", which the next
    press of Search (a filter changed, the order) sent and found nothing."""
    doc = html(client.get(path, query_string={name: typed}))
    assert doc.get_element_by_id(f"f-{name}").get("value") == shown
    assert _total(doc) > 0 and _total(doc) == _total(html(client.get(path, query_string={name: shown})))


@pytest.mark.parametrize("path", ["/", "/quote-search"])
def test_one_page_of_results_has_no_empty_pages_landmark(client, path):
    """The pager's <nav> was there with no link in it: an empty "Pages of
    results" navigation in a screen reader's list of landmarks."""
    one = html(client.get(path, query_string={"q": "fishermen", "size": "100"}))
    assert _total(one) and not one.xpath("//nav[@aria-label='Pages of results']")
    several = html(client.get(path, query_string={"q": "fishermen", "size": "1"}))
    assert [text(a) for a in several.xpath("//nav[@aria-label='Pages of results']/a")] == ["Next page →"]


@pytest.mark.parametrize("path", ["/", "/quote-search"])
def test_no_facets_no_empty_aside(client, path):
    """A search that found nothing has no facets, and its <aside> (a
    complementary landmark) was there empty."""
    none = html(client.get(path, query_string={"q": "zqxjvw"}))
    assert _total(none) == 0 and not none.xpath("//aside")
    some = html(client.get(path, query_string={"q": "fishermen"}))
    assert some.xpath("//aside//section[@class='facets']")


def test_a_search_that_finds_nothing_offers_its_words_as_near_spellings(client):
    doc = html(client.get("/?q=plastik+additiv"))
    offer = doc.xpath("//p[contains(@class, 'near-spellings')]")[0]
    assert " ".join(offer.text_content().split()) == "Near spellings find 1 article: plastik~2 additiv~2."
    href = offer.xpath(".//a/@href")[0]
    assert parse_qs(urlsplit(href).query) == {"q": ["plastik~2 additiv~2"]}
    found = html(client.get(href))
    assert found.xpath("//ol[@class='hits']/li") and not found.xpath("//p[contains(@class, 'near-spellings')]")


def test_no_near_spellings_are_offered_when_they_find_nothing_either(client):
    assert not html(client.get("/?q=zzzzzzzzzzz")).xpath("//p[contains(@class, 'near-spellings')]")
    assert not html(client.get('/?q="plastik additiv"')).xpath("//p[contains(@class, 'near-spellings')]")


def test_the_title_tells_how_many_results_a_search_found(client):
    """A search is a new page: a screen reader announces its title, and the
    title said only the query, the same for 40 results as for none; the count
    was further down, in a heading to go looking for (WCAG 4.1.3, 2.4.2)."""
    def title_and_heading(url, **query):
        doc = html(client.get(url, query_string=query))
        return doc.xpath("//title")[0].text_content(), text(doc.get_element_by_id("results-title"))

    title, heading = title_and_heading("/", q="fishermen")
    count = heading.split(" for ")[0]
    assert re.fullmatch(r"\d+ articles", count)
    assert title == f"\u2068fishermen\u2069 – {count} – Search articles · News index"
    assert title_and_heading("/", q="zebrafishmonger")[0] == (
        "\u2068zebrafishmonger\u2069 – 0 articles – Search articles · News index")
    title, heading = title_and_heading("/quote-search", speaker="Lena Okafor")
    assert title == f"\u2068Lena Okafor\u2069 – {heading} – Search quotes · News index"
    assert title_and_heading("/")[0] == "Search articles · News index"  # the first page, before any search


def test_the_search_page_counts_bylines_and_offers_them_in_the_author_box(client):
    doc = html(client.get("/?q=council"))
    headings = [text(h) for h in doc.xpath("//aside//h3")]
    assert "Author" in headings
    options = doc.xpath("//datalist[@id='l-author']/option/@value")
    assert options and all(client.get(f"/search?q=council&author={name}").get_json()["total"] > 0
                           for name in options)


def test_a_bound_on_when_articles_were_added_is_shown_and_can_be_removed(client):
    """`ingested_from` / `ingested_until` (a link from an Atom feed's page, a shared URL)
    rode along as hidden fields: a search found nothing for no reason on the page, and
    every query typed after it kept the bound, which no chip or box could take away."""
    doc = html(client.get("/?q=talks&ingested_from=2999-01-01&ingested_until=2999-12-31"))
    assert _total(doc) == 0
    assert not doc.xpath("//input[@type='hidden'][starts-with(@name, 'ingested')]")
    other = doc.xpath("//fieldset[@class='other-filters']//input")
    assert [(i.get("name"), i.get("value"), i.get("checked") is not None) for i in other] == \
        [("ingested_from", "2999-01-01", True), ("ingested_until", "2999-12-31", True)]
    chips = {text(a).split(" ×")[0]: a.get("href") for a in doc.xpath("//div[@class='chips']//a")}
    assert parse_qs(urlsplit(chips["Added from: 2999-01-01"]).query) == {"q": ["talks"],
                                                                        "ingested_until": ["2999-12-31"]}
    assert parse_qs(urlsplit(chips["Added until: 2999-12-31"]).query) == {"q": ["talks"],
                                                                         "ingested_from": ["2999-01-01"]}
    assert _total(html(client.get("/?q=talks"))) > 0
