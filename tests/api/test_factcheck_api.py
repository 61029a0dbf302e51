"""The fact-checker endpoints over HTTP, on the sample articles."""
from __future__ import annotations

import pytest


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def test_red_line_oldest_first(client):
    page = get(client, '/quotes?q="red line"&sort=oldest')
    dates = [h["article"]["dateline"]["published_at"] for h in page["hits"]]
    assert page["total"] >= 3 and dates == sorted(dates)
    assert all("<em>red line" in h["highlights"]["text"].lower() for h in page["hits"])
    first = page["hits"][0]
    for key in ("text", "speaker", "cue", "kind", "statement_id", "source"):
        assert key in first
    assert first["article"]["headline"] and "outlet" in first["article"]


def test_anonymous_only(client):
    page = get(client, "/quotes?source_kind=anonymous&size=100")
    assert page["total"] > 0
    assert {h["source"]["kind"] for h in page["hits"]} == {"anonymous"}


def test_a_claim_that_denies_a_statement_is_not_found_as_it(client):
    """The statement holds a copy trimmed before its "not" ("...any deal that
    leaves our fishermen behind"), which is close to the denial too: the whole
    statement must agree with the claim, not one of its wordings."""
    said = get(client, "/quotes?q=we will not accept any deal that leaves our fishermen behind&match=near")
    denied = get(client, "/quotes?q=we will accept any deal that leaves our fishermen behind&match=near")
    assert said["total"] >= 3 and any(h["text"].startswith("...") for h in said["hits"])
    assert not {h["statement_id"] for h in said["hits"]} & {h["statement_id"] for h in denied["hits"]}


def test_same_statement_across_outlets_and_dates(client):
    claim = "we will not accept any deal that leaves our fishermen behind"
    page = get(client, f"/quotes?q={claim}&match=near&sort=oldest")
    statements = {h["statement_id"] for h in page["hits"]}
    assert len(statements) == 1 and page["total"] >= 3
    statement = get(client, f"/quotes/{statements.pop()}/occurrences")
    published = [o["published_at"] for o in statement["occurrences"] if o["published_at"]]
    assert published == sorted(published)
    assert statement["occurrences"][0]["first"] is True
    assert statement["first_seen"] == statement["occurrences"][0]["published_at"]
    assert len({o["outlet"] for o in statement["occurrences"]}) >= 2
    assert len(statement["variants"]) >= 2  # the wording drifted
    assert sum(v["count"] for v in statement["variants"]) == statement["count"]


def test_unknown_statement_is_404(client):
    body = get(client, "/quotes/s-nope/occurrences", 404)
    assert body["code"] == "not_found"


def test_seed_attribution(client):
    seed = get(client, '/search?q=headline:"Azerbaijan hosts"')["hits"][0]
    body = get(client, f"/articles/{seed['id']}/attribution")
    by_name = {s["name"]: s for s in body["sources"]}
    anonymous = {s["name"] for s in body["sources"] if s["kind"] == "anonymous"}
    assert "a source familiar with the matter" in anonymous and "Turkish sources" in anonymous
    aliyev = by_name["Ilham Aliyev"]
    assert aliyev["kind"] == "person" and len(aliyev["quotes"]) == 3
    assert body["counts"]["anonymous_sources"] >= 2 and body["counts"]["quotes_named"] >= 3


def test_attributed_quotes_link_to_their_statements(client):
    """From an article's quotes to who said it first: each quote has the id and
    statement id that /quotes gives it, and the statement lists this article."""
    seed = get(client, '/search?q=headline:"red line" Okafor')["hits"][0]
    body = get(client, f"/articles/{seed['id']}/attribution")
    quotes = [q for s in body["sources"] for q in s["quotes"]] + body["unattributed_quotes"]
    hits = get(client, f"/quotes?q=outlet:\"Harbor Gazette\"&size=100")["hits"]
    indexed = {h["id"]: h["statement_id"] for h in hits if h["article"]["id"] == seed["id"]}
    assert quotes and {q["id"]: q["statement_id"] for q in quotes} == indexed
    claim = next(q for q in quotes if "fishermen behind" in q["text"])
    statement = get(client, f"/quotes/{claim['statement_id']}/occurrences")
    assert seed["id"] in {o["article_id"] for o in statement["occurrences"]}


def test_attribution_of_missing_article_is_404(client):
    assert get(client, "/articles/nope/attribution", 404)["code"] == "not_found"


def test_sources_listing_with_counts_and_filters(client):
    body = get(client, "/sources?size=500")
    rows = {(s["name"], s["kind"]): s for s in body["sources"]}
    assert rows[("Lena Okafor", "person")]["articles"] >= 2
    assert rows[("Lena Okafor", "person")]["quotes"] >= 2
    anonymous = get(client, "/sources?kind=anonymous&size=500")["sources"]
    assert anonymous and {s["kind"] for s in anonymous} == {"anonymous"}
    assert get(client, "/sources?size=2&offset=1")["sources"] == body["sources"][1:3]


@pytest.mark.parametrize("typed", ["okaf", "OKAF", "len oka", "oka len", "Okafor"])
def test_sources_by_a_name_typed_in_part(client, typed):
    every = {(s["name"], s["kind"]): s for s in get(client, "/sources?size=500")["sources"]}
    found = get(client, f"/sources?name={typed}")
    assert [(s["name"], s["kind"]) for s in found["sources"]] == [("Lena Okafor", "person")]
    assert found["sources"][0] == every[("Lena Okafor", "person")] and found["total"] == 1  # counts as listed whole


def test_sources_by_name_fold_accents_and_punctuation_and_need_every_word():
    from service.quotes import name_matches

    assert name_matches("obri", "Seán O’Brien") and name_matches("sean", "Seán O’Brien")
    assert name_matches("o brien", "Seán O’Brien") and name_matches("O bri", "Seán O’Brien")
    assert name_matches("leigh pem", "Robin Leigh-Pemberton")
    assert not name_matches("okafor lena x", "Lena Okafor") and not name_matches("kafor", "Lena Okafor")


def test_speaker_quotes_oldest_first(client):
    page = get(client, "/speakers/Ilham%20Aliyev/quotes")
    assert page["total"] >= 3
    assert {h["speaker"] for h in page["hits"]} == {"Ilham Aliyev"}
    dates = [h["article"]["dateline"]["published_at"] for h in page["hits"]]
    assert dates == sorted(dates)


def test_a_speaker_found_by_surname_alone_is_offered_by_the_whole_name(client):
    """/speakers/<name>/quotes matches a whole name: "Okafor" found nothing, and said nothing
    of "Lena Okafor". It now offers her, as the `speaker` filter takes her, on every route,
    with what taking the offer finds."""
    quotes = get(client, "/speakers/Lena%20Okafor/quotes")["total"]
    articles = get(client, "/search?speaker=Lena%20Okafor")["total"]
    assert quotes > 1 and articles > 1
    page = get(client, "/speakers/Okafor/quotes")
    assert page["total"] == 0 and page["near_speakers"] == [{"name": "Lena Okafor", "count": quotes}]
    assert get(client, "/quotes?speaker=okafr")["near_speakers"] == [{"name": "Lena Okafor", "count": quotes}]
    assert get(client, "/search?speaker=Okafor")["near_speakers"] == [{"name": "Lena Okafor", "count": articles}]
    assert get(client, "/speakers/Lena%20Okafor/quotes")["near_speakers"] is None
    assert get(client, "/quotes?q=fishermen")["near_speakers"] is None
    # Asked for whole, a name offers the speakers named by part of it ("Okafor" alone), if any.
    assert page["shorter_names"] is None and get(client, "/speakers/Lena%20Okafor/quotes")["shorter_names"] is None


@pytest.mark.parametrize("claim", [
    "\"We will not accept any deal that leaves our fishermen behind",
    "the minister said: we will not accept any deal that leaves our fishermen behind OR NOT",
    "“we will not accept any deal” - that leaves our fishermen behind*",
])
def test_a_claim_is_read_as_its_words_whatever_it_holds(client, claim):
    """Pasted as written, quote marks, colons and operators in a claim are text, on the API as on the page."""
    from urllib.parse import quote

    page = get(client, f"/quotes?q={quote(claim)}&match=near")
    plain = get(client, "/quotes?q=we will not accept any deal that leaves our fishermen behind&match=near")
    assert {h["statement_id"] for h in plain["hits"]} <= {h["statement_id"] for h in page["hits"]}


@pytest.mark.parametrize("url, status", [
    ("/quotes?match=fuzzy", 422),
    ("/quotes?q=-%20*%20:&match=near", 400),  # a claim with no words
    ('/quotes?q="open', 400),
    ("/quotes?source_kind=secret", 422),
    ("/sources?kind=secret", 422),
    ("/sources?size=1000", 422),
    ("/sources?name=" + "x" * 201, 422),
    ("/speakers/x/quotes?speaker=y", 422),
])
def test_bad_parameters(client, url, status):
    body = get(client, url, status)
    assert body["code"] and body["message"]


def test_sources_are_one_row_per_source_as_the_filters_match_them(tmp_path):
    """"The Ministry" and "the ministry" were two rows, the quotes of both counted
    on one and 0 on the other; and a name cited as two kinds showed each row the
    quotes of both. A row's counts are now what its filters find."""
    from loaders.pipeline import prepare
    from service.app import create_app
    from service.config import Config
    from tests.contract.corpus import REFERENCE, _as_given

    def article(n, source, kind, quoted):
        quotes = [{"text": f"the budget is fixed {n}", "kind": "partial", "speaker": source,
                   "source": source}] if quoted else []
        return prepare({"id": f"src-{n}", "headline": f"Budget {n}", "body": [f"{source} spoke {n}."],
                        "dateline": {"published_at": f"2025-01-0{n}T00:00:00Z"},
                        "quotes": quotes, "sources": [{"name": source, "kind": kind}]},
                       REFERENCE, extractor=_as_given)

    app = create_app(Config(data_dir=tmp_path))
    app.extensions["news_backend"].upsert([
        article(1, "The Ministry", "organization", True), article(2, "the ministry", "organization", True),
        article(3, "the ministry", "organization", False), article(4, "Harbor Gazette", "outlet", False),
        article(5, "Harbor Gazette", "organization", True)])
    client = app.test_client()
    rows = get(client, "/sources")["sources"]
    assert sorted((r["name"], r["kind"], r["articles"], r["quotes"]) for r in rows) == [
        ("Harbor Gazette", "organization", 1, 1), ("Harbor Gazette", "outlet", 1, 0),
        ("the ministry", "organization", 3, 2)]
    assert get(client, "/search?source=The%20Ministry")["total"] == 3
    assert get(client, "/quotes?source=The%20Ministry")["total"] == 2
    assert get(client, "/sources?kind=outlet")["sources"] == [
        {"name": "Harbor Gazette", "kind": "outlet", "articles": 1, "quotes": 0}]


def test_a_speaker_whose_name_holds_a_slash_has_quotes(tmp_path):
    """/speakers/AC%2FDC/quotes was a 404 (the route's segment could not hold a '/',
    encoded or not), though /quotes?speaker=AC/DC found the quotes."""
    from loaders.pipeline import prepare
    from service.app import create_app
    from service.config import Config
    from tests.contract.corpus import REFERENCE, _as_given

    app = create_app(Config(data_dir=tmp_path))
    app.extensions["news_backend"].upsert([prepare(
        {"id": "acdc", "headline": "Band statement", "body": ["AC/DC said the tour goes on."],
         "dateline": {"published_at": "2025-01-01T00:00:00Z"},
         "quotes": [{"text": "the tour goes on", "kind": "partial", "speaker": "AC/DC", "source": "AC/DC"}],
         "sources": [{"name": "AC/DC", "kind": "organization"}]}, REFERENCE, extractor=_as_given)])
    client = app.test_client()
    assert get(client, "/quotes?speaker=AC/DC")["total"] == 1
    for url in ("/speakers/AC%2FDC/quotes", "/speakers/AC/DC/quotes", "/speakers/ac%2Fdc/quotes"):
        assert [h["id"] for h in get(client, url)["hits"]] == ["acdc#q0"], url


@pytest.mark.parametrize("route", ["/quotes", "/quotes/export"])
def test_a_claim_is_held_to_the_query_length_as_written(client, route):
    """A claim of 999 or 1,000 characters (within the limit) was refused as
    'Query is 1001 characters long': it was checked after being wrapped in quote marks."""
    from urllib.parse import quote

    sentence = "we will not accept any deal that leaves our fishermen behind "
    claim = (sentence * 20)[:1000]
    response = client.get(f"{route}?match=near&q={quote(claim)}")
    assert response.status_code == 200, response.get_data(as_text=True)
    refused = get(client, f"{route}?match=near&q={quote(claim + 'x')}", 400)
    assert refused["code"] == "query_too_complex" and "1001 characters" in refused["message"]


def test_listings_say_when_they_stop_at_their_limit(client, monkeypatch):
    import service.quotes as quotes_module

    claim = "we will not accept any deal that leaves our fishermen behind"
    statement = get(client, f"/quotes?q={claim}&match=near")["hits"][0]["statement_id"]
    whole = get(client, f"/quotes/{statement}/occurrences")
    assert whole["complete"] is True and whole["count"] >= 3
    assert get(client, "/sources")["complete"] is True
    every_source = get(client, "/sources?size=200")["total"]
    # Exactly at the limit, the listings are whole: they said `complete: false` there.
    monkeypatch.setattr(quotes_module, "MAX_OCCURRENCES", whole["count"])
    monkeypatch.setattr(quotes_module, "MAX_SOURCES", every_source)
    assert get(client, f"/quotes/{statement}/occurrences")["complete"] is True
    assert get(client, "/sources")["complete"] is True
    monkeypatch.setattr(quotes_module, "MAX_OCCURRENCES", 2)  # the backend's limit, as the service reads it
    monkeypatch.setattr(quotes_module, "MAX_SOURCES", 3)
    cut = get(client, f"/quotes/{statement}/occurrences")
    assert cut["complete"] is False and cut["count"] == 2 and len(cut["occurrences"]) == 2
    sources = get(client, "/sources")
    assert sources["complete"] is False and sources["total"] <= 3


def test_a_statement_said_by_two_people_names_both(tmp_path):
    """On the Reuters corpus 50 statements are attributed to several speakers
    (one claim reported as China's and as a magazine's); the statement named
    only the first ("speaker": "China", "count": 2), which read as China
    saying it twice. `speakers` now lists each, with its occurrences, and the
    page says so."""
    from loaders.pipeline import prepare
    from service.app import create_app
    from service.config import Config
    from tests.contract.corpus import REFERENCE, _as_given
    from tests.web.conftest import html, text

    def article(n, speaker):
        return prepare({"id": f"two-{n}", "headline": f"Trade {n}", "body": [f"{speaker} spoke."],
                        "dateline": {"published_at": f"2025-01-0{n}T00:00:00Z"},
                        "quotes": [{"text": "the tariffs must be dropped before the summit", "kind": "direct",
                                    "speaker": speaker, "source": speaker}],
                        "sources": [{"name": speaker, "kind": "organization"}]}, REFERENCE, extractor=_as_given)

    app = create_app(Config(data_dir=tmp_path))
    app.extensions["news_backend"].upsert([article(1, "Ministry of Trade"), article(2, "Trade Weekly"),
                                           article(3, "ministry of trade")])
    client = app.test_client()
    statement = get(client, "/quotes?q=tariffs")["hits"][0]["statement_id"]
    found = get(client, f"/quotes/{statement}/occurrences")
    assert found["count"] == 3 and found["speaker"] == "Ministry of Trade"
    assert found["speakers"] == [{"name": "Ministry of Trade", "count": 2}, {"name": "Trade Weekly", "count": 1}]
    kicker = text(html(client.get(f"/statement/{statement}")).xpath("//p[@class='kicker']")[0])
    assert "2 speakers" in kicker and "Ministry of Trade (2)" in kicker and "Trade Weekly (1)" in kicker


def test_quote_search_pages_by_relevance_to_its_last_page(client):
    """The last page of a quote search reached by cursor was 400 invalid_cursor:
    the window-end check read the cursor against the request before the
    query was scoped to the quote, which the cursor was not issued for."""
    first = get(client, "/quotes?q=the&sort=relevance&size=2")
    seen, cursor = [hit["id"] for hit in first["hits"]], first["next_cursor"]
    assert cursor and first["total"] > 2
    while cursor:
        page = get(client, f"/quotes?q=the&sort=relevance&size=2&cursor={cursor}")
        seen += [hit["id"] for hit in page["hits"]]
        cursor = page["next_cursor"]
    assert len(seen) == first["total"] == len(set(seen))


def test_a_speaker_named_by_surname_in_one_story_is_one_speaker(tmp_path):
    """A later story calls Jerome Powell "Powell": the statement said it was
    "attributed to 2 speakers: Jerome Powell (2), Powell (1)", as if two people
    had said it, and named "Powell" its speaker when that story came first. A
    surname alone is the one person of the statement whose full name ends in it;
    with two such people (or an organisation: "China", "Bank of China") it stays apart."""
    from loaders.pipeline import prepare
    from service.app import create_app
    from service.config import Config
    from tests.contract.corpus import REFERENCE, _as_given
    from tests.web.conftest import html, text

    def article(n, speaker, kind="person", words="rates will stay high for as long as it takes to cool prices"):
        return prepare({"id": f"sur-{n}", "headline": f"Rates {n}", "body": [f"{speaker} spoke."],
                        "dateline": {"published_at": f"2025-01-0{n}T00:00:00Z"},
                        "quotes": [{"text": words, "kind": "direct", "speaker": speaker, "source": speaker}],
                        "sources": [{"name": speaker, "kind": kind}]}, REFERENCE, extractor=_as_given)

    app = create_app(Config(data_dir=tmp_path))
    other = "the bank will sell the bonds it bought during the crisis next year"
    app.extensions["news_backend"].upsert([
        article(1, "Powell"), article(2, "Jerome Powell"), article(3, "jerome powell"),
        article(4, "China", "organization", other), article(5, "Bank of China", "organization", other)])
    client = app.test_client()
    statement = get(client, "/quotes?q=cool prices")["hits"][0]["statement_id"]
    found = get(client, f"/quotes/{statement}/occurrences")
    assert found["speakers"] == [{"name": "Jerome Powell", "count": 3}] and found["speaker"] == "Jerome Powell"
    kicker = text(html(client.get(f"/statement/{statement}")).xpath("//p[@class='kicker']")[0])
    assert "speakers" not in kicker
    bank = get(client, f"/quotes/{get(client, '/quotes?q=bonds crisis&sort=oldest')['hits'][0]['statement_id']}"
                       "/occurrences")
    assert bank["speakers"] == [{"name": "China", "count": 1}, {"name": "Bank of China", "count": 1}]
    from service.quotes import speakers
    said = [{"speaker": name, "source": {"name": name, "kind": "person"}}
            for name in ("Powell", "Jerome Powell", "Colin Powell")]
    assert [row["name"] for row in speakers(said)] == ["Powell", "Jerome Powell", "Colin Powell"]


def test_a_story_repeating_a_quote_is_one_article_of_its_wording(tmp_path):
    """Reuters stories repeat a quote now and then (11 of 9,862: the lead, then
    the paragraph it came from): the wording listed that story's id twice in
    `article_ids`, and the statement page said "2 articles" for one."""
    from loaders.pipeline import prepare
    from service.app import create_app
    from service.config import Config
    from tests.contract.corpus import REFERENCE, _as_given
    from tests.web.conftest import html, text

    words = "we are more effective in our agreement if we can leave the markets guessing"

    def article(n, times):
        quote = {"text": words, "kind": "direct", "speaker": "Ana Ruiz", "source": "Ana Ruiz"}
        return prepare({"id": f"rep-{n}", "headline": f"Markets {n}", "body": ["Ana Ruiz spoke."],
                        "dateline": {"published_at": f"2025-01-0{n}T00:00:00Z"}, "quotes": [quote] * times,
                        "sources": [{"name": "Ana Ruiz", "kind": "person"}]}, REFERENCE, extractor=_as_given)

    app = create_app(Config(data_dir=tmp_path))
    app.extensions["news_backend"].upsert([article(1, 2), article(2, 1)])
    client = app.test_client()
    statement = get(client, "/quotes?q=guessing")["hits"][0]["statement_id"]
    found = get(client, f"/quotes/{statement}/occurrences")
    assert found["count"] == 3 and [(v["count"], v["article_ids"]) for v in found["variants"]] == [
        (3, ["rep-1", "rep-2"])]
    meta = text(html(client.get(f"/statement/{statement}")).xpath("//ol[@class='variants']//p[@class='meta']")[0])
    assert meta.startswith("3 occurrences in 2 articles")
