"""`GET /search` over HTTP: parameters, shapes, the seed article."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    return response.get_json()


def test_red_line_finds_the_seed_article_with_escaped_highlights(client):
    page = get(client, '/search?q="red line"')
    seed = next(h for h in page["hits"] if h["headline"].startswith("Azerbaijan hosts Israel-Turkey"))
    fragments = " ".join(seed["highlights"]["body"])
    assert "<em>red line</em>" in fragments
    assert "<" not in re.sub(r"</?em>", "", fragments)
    assert seed["dateline"]["published_at"] == "2025-04-11T14:54:00"
    assert get(client, f"/articles/{seed['id']}")["headline"] == seed["headline"]


def test_hit_shape(client):
    page = get(client, "/search?q=harbour&size=2&facets=outlet,month")
    assert set(page) == {"total", "total_exact", "hits", "next_cursor", "relevance_window_end", "facets", "took_ms",
                         "near_spellings", "near_speakers", "shorter_names"}
    assert page["total"] > 2 and len(page["hits"]) == 2 and page["next_cursor"]
    hit = page["hits"][0]
    for key in ("id", "score", "headline", "outlet", "dateline", "url", "quote_count", "highlights"):
        assert key in hit
    assert "body" not in hit
    assert set(page["facets"]) == {"outlet", "month"}


def test_cursor_paging_over_http(client):
    first = get(client, "/search?q=harbour&sort=newest&size=5")
    ids = [h["id"] for h in first["hits"]]
    cursor = first["next_cursor"]
    while cursor:
        page = get(client, f"/search?q=harbour&sort=newest&size=5&cursor={cursor}")
        ids += [h["id"] for h in page["hits"]]
        cursor = page["next_cursor"]
    assert len(ids) == len(set(ids)) == first["total"]


def test_filters_as_parameters(client):
    page = get(client, "/search?outlet=reuters&outlet=Jerusalem%20Post&from=2025-03-01&until=2025-04-11")
    assert {h["id"] for h in page["hits"]} >= {"c-redline-1", "c-aliyev"}
    for hit in page["hits"]:
        assert hit["outlet"].lower() in ("reuters", "jerusalem post")
        assert "2025-03-01" <= hit["dateline"]["published_at"][:10] <= "2025-04-11"


@pytest.mark.parametrize("day", ["2025-04-11", "20250411", "2025-W15-5"])
def test_until_a_bare_day_includes_that_day(client, day):
    # c-aliyev is dated 2025-04-11T14:54: every spelling of that day as `until` keeps it
    page = get(client, f"/search?q=baku&until={day}&outlet=jerusalem%20post")
    assert "c-aliyev" in {h["id"] for h in page["hits"]}


@pytest.mark.parametrize("bound, found", [
    # c-aliyev is dated 2025-04-11T14:54:00 (UTC): an offset's `+` typed unencoded arrives as a space
    ("from=2025-04-11T16:54:00+02:00", True), ("from=2025-04-11T16:54:01+02:00", False),
    ("until=2025-04-11T16:53:59+0200", False), ("until=2025-04-11t14:54:00z", True),
    ("from=2025-04-11T14:54:00z", True), ("from=2025-04-11T14:54:00.5Z", False),
])
def test_date_bounds_as_typed_in_a_url(client, bound, found):
    page = get(client, f"/search?q=baku&outlet=jerusalem%20post&{bound}")
    assert ("c-aliyev" in {h["id"] for h in page["hits"]}) is found


def test_highlight_false(client):
    page = get(client, "/search?q=red&highlight=false")
    assert page["hits"] and all(h["highlights"] == {} for h in page["hits"])


@pytest.mark.parametrize("url, status, code", [
    ('/search?q="unclosed', 400, "query_syntax"),
    ("/search?q=(a", 400, "query_syntax"),
    ("/search?q=colour:red", 400, "unknown_field"),
    ("/search?q=" + "a" * 1001, 400, "query_too_complex"),
    ("/search?q=" + "+".join(f"w{i}" for i in range(51)), 400, "query_too_complex"),
    ("/search?size=101", 422, "invalid_parameters"),
    ("/search?size=0", 422, "invalid_parameters"),
    ("/search?size=ten", 422, "invalid_parameters"),
    ("/search?sort=random", 422, "invalid_parameters"),
    ("/search?facets=colour", 422, "invalid_parameters"),
    ("/search?from=yesterday", 422, "invalid_parameters"),
    ("/search?from=2025-05-01&until=2025-04-01", 422, "invalid_parameters"),
    ("/search?source_kind=secret", 422, "invalid_parameters"),
    ("/search?colour=red", 422, "invalid_parameters"),
    ("/search?cursor=not-a-cursor", 400, "invalid_cursor"),
    ("/search?highlight=maybe", 422, "invalid_parameters"),
    ("/search?ingested_from=2025-05-02&ingested_until=2025-05-01", 422, "invalid_parameters"),
    ("/search?ingested_from=lately", 422, "invalid_parameters"),
    ("/quotes?ingested_from=2025-05-01", 422, "invalid_parameters"),  # a quote has no time of writing
])
def test_bad_parameters_are_4xx_json(client, url, status, code):
    body = get(client, url, status)
    assert body["code"] == code
    assert body["message"]


def test_syntax_error_names_the_position(client):
    body = get(client, '/search?q=red "line', 400)
    assert body["details"]["position"] == 4
    assert "position 4" in body["message"]


def test_cursor_from_another_query_is_refused(client):
    cursor = get(client, "/search?q=harbour&size=1")["next_cursor"]
    assert get(client, f"/search?q=red&size=1&cursor={cursor}", 400)["code"] == "invalid_cursor"


def test_a_search_without_words_is_newest_first_unless_a_sort_is_given(client):
    """Every score of a search without words is the same: best-match order was the
    index's own order, and stopped at 10,000 hits. Newest first pages through all."""
    page = get(client, "/search?size=50")
    dates = [h["dateline"]["published_at"] for h in page["hits"] if h["dateline"]["published_at"]]
    assert dates and dates == sorted(dates, reverse=True)
    assert all(h["score"] is None for h in page["hits"])
    assert get(client, "/search?size=50&sort=newest")["hits"] == page["hits"]
    assert all(h["score"] is not None for h in get(client, "/search?size=5&sort=relevance")["hits"])
    assert all(h["score"] is not None for h in get(client, "/search?q=harbour&size=5")["hits"])
    quotes = client.get("/quotes?size=50").get_json()["hits"]
    quote_dates = [q["article"]["dateline"]["published_at"] for q in quotes if q["article"]["dateline"]["published_at"]]
    assert quote_dates and quote_dates == sorted(quote_dates, reverse=True)


@pytest.mark.parametrize("separator", ["&", "+", "|", "="])
def test_a_symbol_typed_between_words_finds_what_the_words_find(client, separator):
    """`red + line` found nothing at all where `red & line` found the seed."""
    words = get(client, "/search?q=red%20line&size=1")["total"]
    assert words > 0
    assert get(client, f"/search?q=red%20{quote(separator)}%20line&size=1")["total"] == words


def test_a_search_whose_words_find_nothing_offers_them_as_near_spellings(client):
    """'Did you mean': the same search with each word a near spelling, and what it finds."""
    offered = client.get("/search?q=plastik+additiv").get_json()
    assert offered["total"] == 0
    assert offered["near_spellings"] == {"q": "plastik~2 additiv~2", "total": 1, "total_exact": True}
    assert client.get("/search", query_string={"q": offered["near_spellings"]["q"]}).get_json()["total"] == 1
    assert client.get("/search?q=plastic").get_json()["near_spellings"] is None  # found: nothing to offer
    assert client.get("/search?q=zzzzzzzzzzz").get_json()["near_spellings"] is None  # nothing near either
    assert client.get('/search?q="plastik additiv"').get_json()["near_spellings"] is None  # a phrase: as typed
    quotes = client.get("/quotes?q=methan+eaterz").get_json()
    assert quotes["total"] == 0 and quotes["near_spellings"]["q"] == "methan~2 eaterz~2"
    assert client.get("/quotes?q=methan+eaterz&match=near").get_json()["near_spellings"] is None


def test_a_near_spelling_search_past_the_deadline_leaves_the_search_answered(app, client, monkeypatch):
    """The offer's own search ran under the deadline too: when it ran out (near spellings
    of short words on a large index), a search that had found nothing in time answered
    504 search_timeout, naming a query the client never typed, and the page said so."""
    from service.errors import SearchTimeout
    from service.query import Fuzzy, leaves

    backend = app.extensions["news_backend"]

    def cut_when_loosened(real):
        def run(request):
            if any(isinstance(leaf, Fuzzy) for leaf, _ in leaves(request.query)):
                raise SearchTimeout("The search took longer than its 1000 ms deadline", deadline_ms=1000)
            return real(request)
        return run

    monkeypatch.setattr(backend, "search", cut_when_loosened(backend.search))
    monkeypatch.setattr(backend, "search_quotes", cut_when_loosened(backend.search_quotes))
    page = get(client, "/search?q=plastik+additiv")
    assert page["total"] == 0 and page["near_spellings"] is None
    quotes = get(client, "/quotes?q=methan+eaterz")
    assert quotes["total"] == 0 and quotes["near_spellings"] is None
    assert client.get("/?q=plastik+additiv").status_code == 200


def test_ingested_from_follows_what_was_written_since(client):
    """A client syncing the archive asks for what was written since its last look."""
    every = get(client, "/search?sort=ingested&size=100&highlight=false")
    newest = every["hits"][0]["id"]
    written = get(client, f"/articles/{newest}")["ingested_at"]
    since = get(client, f"/search?sort=ingested&size=100&highlight=false&ingested_from={quote(written)}")
    assert newest in {hit["id"] for hit in since["hits"]}
    assert get(client, "/search?ingested_from=2000-01-01&size=1")["total"] == get(client, "/search?size=1")["total"]
    assert get(client, "/search?ingested_until=2000-01-01")["total"] == 0
    exported = client.get(f"/export?format=jsonl&sort=ingested&ingested_from={quote(written)}")
    assert exported.status_code == 200
    assert [row["id"] for row in map(json.loads, exported.get_data(as_text=True).splitlines())] == \
        [hit["id"] for hit in since["hits"]]


def test_author_and_tag_filter_and_count_the_bylines_and_tags(client):
    """`author` and `tag` match an article's `authors` and `tags` whole, any case; the
    facets list them, and each bucket's value, given back as a filter, finds its count."""
    page = get(client, "/search?facets=author,tag&facet_size=100&size=1")
    authors, tags = page["facets"]["author"], page["facets"]["tag"]
    assert authors and tags
    for name, buckets in (("author", authors[:5]), ("tag", tags[:5])):
        for bucket in buckets:
            found = get(client, f"/search?{name}={quote(bucket['value'].upper())}&size=100")
            assert found["total"] == bucket["count"]
            plural = "authors" if name == "author" else "tags"
            assert all(bucket["value"].casefold() in {value.casefold() for value in hit[plural]}
                       for hit in found["hits"])
    assert get(client, "/search?author=No%20Such%20Reporter")["total"] == 0


def test_a_feed_of_an_author_names_the_author_in_its_title(client):
    response = client.get("/feeds/search?author=Kari%20Dahl")
    assert response.status_code == 200
    assert "author Kari Dahl" in response.get_data(as_text=True)


def test_an_export_of_an_author_lists_the_bylines_and_tags(client):
    rows = [json.loads(line) for line in
            client.get("/export?author=Kari%20Dahl&format=jsonl").get_data(as_text=True).splitlines()]
    assert len(rows) == 2 and all("Kari Dahl" in row["authors"] and row["tags"] for row in rows)
    header, *lines = client.get("/export?author=Kari%20Dahl&format=csv").get_data(as_text=True).splitlines()
    assert header.endswith(",quote_count,authors,tags") and len(lines) == 2
    assert all(",Kari Dahl," in line for line in lines)


@pytest.mark.parametrize("path", ["/search", "/quotes", "/export?format=jsonl&"])
def test_a_language_filter_takes_a_regional_tag_as_articles_store_it(client, path):
    """Every article stores the primary subtag of its language (`fr-FR` is `fr`), from
    any format or POST: `language=fr-FR` found nothing, not even an article posted so."""
    def found(language: str):
        url = f"{path}{'&' if '?' in path else '?'}language={language}"
        response = client.get(url)
        assert response.status_code == 200, response.get_data(as_text=True)
        if path.startswith("/export"):
            return [json.loads(line)["id"] for line in response.get_data(as_text=True).splitlines()]
        return response.get_json()["total"]

    english = found("en")
    assert english and found("en-GB") == english and found("EN_us") == english
    assert found("fr-FR") == found("fr")
    assert not found("français")  # no language tag: as typed, and no article's


@pytest.mark.parametrize("url", ["/search?ingested_from=0001-01-01", "/search?ingested_until=9999-12-31",
                                 "/export?ingested_from=0001-01-01", "/feeds/search?ingested_until=9999-12-31",
                                 "/?ingested_from=0001-01-01", "/articles/c-aliyev/related?ingested_from=0001-01-01"])
def test_an_ingested_bound_past_what_the_index_holds_is_an_open_end(client, url):
    """Every article was written after year 1: the embedded index answered 500 (a key past 64 bits)."""
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
