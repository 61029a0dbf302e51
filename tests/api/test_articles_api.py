"""`/articles`: fetch, batch fetch, write with an API key, delete."""
from __future__ import annotations

import json

import pytest

from service.backends.base import SearchRequest
from service.query import parse
from tests.api.earlier_ids import index_under_http_id

ARTICLE = {
    "headline": "Ferry service resumes after storm",
    "body": ["OSKARVIK, May 2 (Reuters) - The ferry resumed on Friday.", "Passengers on the Quillonbay ferry cheered."],
    "url": "https://example.org/news/ferry-resumes?utm_source=feed",
    "outlet": "Test Outlet",
}


def test_fetch_one(client):
    article = client.get("/articles/c-aliyev").get_json()
    assert article["id"] == "c-aliyev" and article["body"] and article["content_hash"]


def test_fetch_missing_is_404_json(client):
    response = client.get("/articles/nope")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


def test_batch_reports_missing(client):
    body = client.get("/articles?ids=c-aliyev,nope,c-french,c-aliyev").get_json()
    assert [a["id"] for a in body["articles"]] == ["c-aliyev", "c-french"]
    assert body["missing"] == ["nope"]


def test_batch_limit(client):
    ids = ",".join(f"id{i}" for i in range(101))
    response = client.get(f"/articles?ids={ids}")
    assert response.status_code == 422 and response.get_json()["code"] == "invalid_parameters"


def test_post_requires_the_key(client):
    assert client.post("/articles", json=ARTICLE).status_code == 401
    wrong = client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 401 and wrong.get_json()["code"] == "unauthorized"
    assert wrong.headers["WWW-Authenticate"] == "Bearer"


def test_post_indexes_then_is_unchanged_then_delete(client, auth):
    created = client.post("/articles", json=ARTICLE, headers=auth)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["status"] == "indexed"
    article_id = body["id"]
    assert body["article"]["dateline"]["place"] == "Oskarvik"
    again = client.post("/articles", json=ARTICLE, headers=auth)
    assert again.status_code == 200 and again.get_json()["status"] == "unchanged"
    same_url = dict(ARTICLE, url="https://EXAMPLE.org/news/ferry-resumes/", body=ARTICLE["body"] + ["More."])
    updated = client.post("/articles", json=same_url, headers=auth).get_json()
    assert updated["id"] == article_id and updated["status"] == "updated"
    hits = client.get("/search?q=quillonbay").get_json()["hits"]
    assert [h["id"] for h in hits] == [article_id]
    assert client.delete(f"/articles/{article_id}").status_code == 401
    assert client.delete(f"/articles/{article_id}", headers=auth).status_code == 204
    assert client.get(f"/articles/{article_id}").status_code == 404
    assert client.delete(f"/articles/{article_id}", headers=auth).status_code == 404


@pytest.mark.parametrize("payload, status, code", [
    ("{not json", 400, "invalid_json"),
    (json.dumps({"headline": "only a headline"}), 422, "invalid_parameters"),
    (json.dumps({"headline": "x", "body": "not a list"}), 422, "invalid_parameters"),
    (json.dumps({"headline": "x", "body": ["y"], "colour": "red"}), 422, "invalid_parameters"),
    (json.dumps({"headline": "x", "body": ["y"], "id": "bad id with spaces"}), 422, "invalid_parameters"),
    (json.dumps({"headline": "x", "body": ["   "]}), 422, "invalid_article"),
    (json.dumps([1, 2]), 422, "invalid_parameters"),
])
def test_bad_articles_are_refused(client, auth, payload, status, code):
    response = client.post("/articles", data=payload, headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.get_json()["code"] == code


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "\x01javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
    "file:///etc/passwd", "mailto:desk@example.org",
])
def test_an_article_url_that_is_no_web_address_is_422_naming_it(client, auth, url):
    """Stored as given: an API client linking the article's url would have run the script."""
    article = {"headline": "Scripted link", "body": ["The link is a script."], "url": url}
    response = client.post("/articles", json=article, headers=auth)
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    error = response.get_json()
    assert error["code"] == "invalid_parameters" and error["message"].startswith("Invalid parameters: url: ")
    assert "http(s)" in error["details"]["errors"]["json"]["url"][0]


@pytest.mark.parametrize("url", ["https://example.org/a", "HTTP://example.org/b", "/2025/05/relative",
                                 "//cdn.example.org/c", "story.html", None])
def test_an_article_url_may_be_http_https_or_relative_as_before(client, auth, url):
    article = {"headline": f"Linked as {url}", "body": ["Any web address, or a relative one."], "url": url}
    response = client.post("/articles", json=article, headers=auth)
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    assert response.get_json()["article"]["url"] == url
    assert client.delete(f"/articles/{response.get_json()['id']}", headers=auth).status_code == 204


def test_relative_urls_alike_of_two_outlets_are_two_articles(client, auth):
    """`/news/1` is a page of its outlet's site: another outlet's `/news/1` replaced it."""
    posted = [client.post("/articles", headers=auth, json={
        "headline": f"{outlet} story", "body": [f"Told by {outlet}."], "url": "/news/1", "outlet": outlet})
        for outlet in ("Port Weekly", "Harbor Gazette")]
    assert [response.status_code for response in posted] == [201, 201]
    ids = [response.get_json()["id"] for response in posted]
    assert ids[0] != ids[1]
    for article_id in ids:
        assert client.delete(f"/articles/{article_id}", headers=auth).status_code == 204


def test_oversized_body_is_413(client, auth):
    big = {"headline": "big", "body": ["x" * 1000] * 2100}
    response = client.post("/articles", json=big, headers=auth)
    assert response.status_code == 413 and response.get_json()["code"] == "payload_too_large"


def test_writes_disabled_without_a_configured_key(loaded_data_dir):
    from service.app import create_app
    from service.config import Config

    client = create_app(Config(data_dir=loaded_data_dir)).test_client()
    response = client.post("/articles", json=ARTICLE, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and response.get_json()["code"] == "forbidden"


def test_stored_articles_are_already_what_the_schema_dumps(app, client):
    """Fetch by id answers with the stored article as it is: that is only
    right while every article a load stores equals its ArticleSchema dump."""
    from service.api.resources import backend
    from service.schemas.article import ArticleSchema

    with app.app_context():
        store = backend()
        ids = [hit.id for hit in store.export(SearchRequest(parse("")))]
        articles = store.get_many(ids)
    assert len(articles) >= 30
    schema = ArticleSchema()
    for article_id, article in articles.items():
        assert schema.dump(article) == article, article_id
    one = next(iter(articles))
    assert client.get(f"/articles/{one}").get_json() == schema.dump(articles[one])
    batch = client.get(f"/articles?ids={one},nope").get_json()
    assert batch == {"articles": [schema.dump(articles[one])], "missing": ["nope"]}


GIVEN_SPANS = {"headline": "Pier reopens", "body": ["Y said the pier is open.", "More."]}


@pytest.mark.parametrize("quote, field", [
    ({"paragraph": 5, "start": 0, "end": 2}, "paragraph"),
    ({"paragraph": -1, "start": 0, "end": 2}, "paragraph"),
    ({"paragraph": 0, "start": -3, "end": 2}, "start"),
    ({"paragraph": 0, "start": 0, "end": 1000}, "end"),
    ({"paragraph": 0, "start": 9, "end": 2}, "start"),
    ({"paragraph": 1, "end_paragraph": 0, "start": 0, "end": 2}, "paragraph"),
    ({"paragraph": 0, "end_paragraph": 2, "start": 0, "end": 2}, "paragraph"),
])
def test_given_quotes_must_point_into_the_body(client, auth, quote, field):
    """Were stored and served as given: a quote at paragraph 5 of a two-paragraph
    body broke every client that highlights quotes by their offsets."""
    article = {**GIVEN_SPANS, "quotes": [{"text": "the pier is open", **quote}]}
    response = client.post("/articles", json=article, headers=auth)
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert field in response.get_json()["details"]["errors"]["json"]["quotes"]["0"]


def test_given_mentions_must_point_into_the_body(client, auth):
    source = {"name": "Y", "kind": "person", "mentions": [{"paragraph": 0, "start": 0, "end": 1},
                                                         {"paragraph": 3, "start": 0, "end": 1}]}
    response = client.post("/articles", json={**GIVEN_SPANS, "sources": [source]}, headers=auth)
    assert response.status_code == 422
    errors = response.get_json()["details"]["errors"]["json"]["sources"]["0"]["mentions"]
    assert list(errors) == ["1"] and "paragraph" in errors["1"]


def test_given_spans_within_the_body_are_taken(client, auth):
    article = {**GIVEN_SPANS, "headline": "Pier reopens at dawn",
               "quotes": [{"text": "the pier is open", "paragraph": 0, "start": 7, "end": 23, "speaker": "Y"},
                          {"text": "open. More.", "paragraph": 0, "end_paragraph": 1, "start": 19, "end": 5},
                          {"text": "no place"}],
               "sources": [{"name": "Y", "kind": "person", "mentions": [{"paragraph": 0, "start": 0, "end": 1}]}]}
    response = client.post("/articles", json=article, headers=auth)
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    client.delete(f"/articles/{response.get_json()['id']}", headers=auth)


def test_an_article_over_a_limit_is_422_naming_the_size_the_limit_and_the_paragraph(client, auth):
    """Same code and `details.errors` shape as ever ({location: {field: ...}}); only the words say more."""
    article = {"headline": "Long", "body": ["Short.", "x" * 100_001]}
    response = client.post("/articles", json=article, headers=auth)
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    error = response.get_json()
    assert error["code"] == "invalid_parameters"
    assert error["details"]["errors"] == {"json": {"body": {"1": [
        "This paragraph has 100,001 characters; at most 100,000 are accepted: split it into shorter paragraphs."]}}}
    # The message counts paragraphs from 1, as the loader's reason and editors do; the details keep the index.
    assert error["message"] == ("Invalid parameters: body paragraph 2: This paragraph has 100,001 characters; "
                                "at most 100,000 are accepted: split it into shorter paragraphs.")
    response = client.post("/articles", json={"headline": "Long", "body": ["p"] * 2_001}, headers=auth)
    assert response.status_code == 422 and response.get_json()["code"] == "invalid_parameters"
    assert response.get_json()["details"]["errors"]["json"]["body"] == [
        "The body has 2,001 paragraphs; at most 2,000 are accepted: split the story into parts, "
        "or join its shortest paragraphs."]


@pytest.mark.parametrize("change, errors", [
    ({"authors": ["A. Writer"] * 101},
     {"authors": ["The article has 101 authors; at most 100 are accepted: name only the people who wrote it."]}),
    ({"authors": ["A. Writer", "n" * 201]},
     {"authors": {"1": ["This author's name has 201 characters; at most 200 are accepted: shorten it."]}}),
    ({"tags": [f"tag{n}" for n in range(101)]},
     {"tags": ["The article has 101 tags; at most 100 are accepted: keep the most telling ones."]}),
    ({"tags": ["t" * 201]}, {"tags": {"0": ["This tag has 201 characters; at most 200 are accepted: shorten it."]}}),
])
def test_authors_and_tags_over_a_limit_are_422_naming_the_size_and_the_limit(client, auth, change, errors):
    """They had no limit: 100,000 tags or a megabyte byline went into the index."""
    response = client.post("/articles", json={"headline": "Limits", "body": ["Text."], **change}, headers=auth)
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    error = response.get_json()
    assert set(error) == {"code", "message", "details"} and error["code"] == "invalid_parameters"
    assert error["details"]["errors"] == {"json": errors}
    [problem] = [message for field in errors.values()
                 for message in (field if isinstance(field, list) else next(iter(field.values())))]
    assert problem in error["message"]


def test_authors_and_tags_at_their_limits_are_taken(client, auth):
    article = {"headline": "Limits reached", "body": ["Text."], "authors": ["a" * 200] * 100,
               "tags": [f"t{n:0>199}" for n in range(100)]}
    response = client.post("/articles", json=article, headers=auth)
    assert response.status_code == 201, response.get_data(as_text=True)[:300]
    assert client.delete(f"/articles/{response.get_json()['id']}", headers=auth).status_code == 204


def test_the_message_names_paragraphs_authors_and_tags_from_1_and_the_details_by_index(client, auth):
    """The message said `body.3` of the fourth paragraph while the loader's reason
    said "body paragraph 4"; `details.errors` keeps marshmallow's keys, for programs."""
    article = {"headline": "Counted", "body": ["One.", "Two.", "Three.", 4], "tags": ["ok", "t" * 201],
               "quotes": [{"text": 5}]}
    response = client.post("/articles", json=article, headers=auth)
    assert response.status_code == 422
    error = response.get_json()
    assert error["message"] == (
        "Invalid parameters: body paragraph 4: Not a valid string., "
        "tag 2: This tag has 201 characters; at most 200 are accepted: shorten it., "
        "quotes.0.text: Not a valid string.")
    assert error["details"]["errors"] == {"json": {
        "body": {"3": ["Not a valid string."]},
        "tags": {"1": ["This tag has 201 characters; at most 200 are accepted: shorten it."]},
        "quotes": {"0": {"text": ["Not a valid string."]}}}}


def test_post_updates_an_article_indexed_under_its_http_id(app, client, auth):
    """A site moved to https: the story posted again is the one indexed from its http address."""
    http = dict(ARTICLE, url="http://example.org/news/moved-to-https", headline="Harbour moved")
    earlier = index_under_http_id(app, http)
    try:
        moved = dict(http, url="https://example.org/news/moved-to-https", body=ARTICLE["body"] + ["Moved."])
        response = client.post("/articles", json=moved, headers=auth)
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["id"] == earlier["id"] and response.get_json()["status"] == "updated"
        assert "Location" not in response.headers
        assert client.get(f"/articles/{earlier['id']}").get_json()["url"] == moved["url"]
    finally:
        assert client.delete(f"/articles/{earlier['id']}", headers=auth).status_code == 204


# -- related coverage -------------------------------------------------------------------------


def test_related_lists_the_stories_on_the_same_subject_and_the_query_it_ran(client):
    sable = client.get("/search", query_string={"q": "Sable Bank quotas", "size": 1}).get_json()["hits"][0]
    page = client.get(f"/articles/{sable['id']}/related?size=3&highlight=false")
    assert page.status_code == 200
    body = page.get_json()
    assert set(body) == {"q", "hits", "took_ms"}
    assert [hit["id"] for hit in body["hits"]] and sable["id"] not in [hit["id"] for hit in body["hits"]]
    assert all("sable" in hit["headline"].lower() for hit in body["hits"][:2])
    assert all(hit["highlights"] == {} for hit in body["hits"])
    # The query runs on /search as it is, and finds the same stories first.
    again = client.get("/search", query_string={"q": body["q"], "size": 4}).get_json()["hits"]
    assert [hit["id"] for hit in again if hit["id"] != sable["id"]][:3] == [hit["id"] for hit in body["hits"]]


def test_related_of_an_unknown_article_is_404_json_and_odd_parameters_422(client):
    missing = client.get("/articles/nope/related")
    assert missing.status_code == 404 and missing.get_json()["code"] == "not_found"
    for query in ("q=ferry", "size=0", "cursor=x", "from=yesterday"):
        response = client.get(f"/articles/c-aliyev/related?{query}")
        assert response.status_code == 422, query
        assert response.get_json()["code"] == "invalid_parameters"


def test_related_is_in_the_openapi_document(client):
    spec = client.get("/openapi.json").get_json()
    operation = spec["paths"]["/articles/{article_id}/related"]["get"]
    assert {"200", "404", "422", "503", "504"} <= set(operation["responses"])
    assert "q" not in {parameter["name"] for parameter in operation["parameters"]}


#: One instant, as `POST /articles` may be sent it and as the loader's readers store it (in UTC):
#: the first is 4 March where it was written, the others 3 March in UTC.
ONE_INSTANT = ("2025-03-04T01:00:00+05:30", "2025-03-03T19:30:00+00:00", "20250303T193000Z")


def test_an_article_without_url_has_one_id_however_its_date_is_written(client, auth):
    """Its id hashed the date's first ten characters: the story a load had stored
    (in UTC) and then posted with its local offset, or in ISO 8601's basic form,
    was indexed again under another id, two articles with one text."""
    story = {"headline": "Night ferry held by fog", "outlet": "Harbor Gazette",
             "body": ["The night ferry was held in port by fog."]}
    ids, statuses = set(), []
    for published in ONE_INSTANT:
        response = client.post("/articles", json={**story, "dateline": {"published_at": published}}, headers=auth)
        assert response.status_code in (200, 201), response.get_json()
        ids.add(response.get_json()["id"])
        statuses.append(response.get_json()["status"])
    try:
        assert len(ids) == 1 and statuses == ["indexed", "updated", "updated"]
    finally:
        for article_id in ids:
            client.delete(f"/articles/{article_id}", headers=auth)


def test_a_story_from_two_bureaus_can_be_posted_back_as_fetched(client, auth):
    """Its dateline's `places` is a list, and `prepare` cleaned every dateline
    field as one text: posting the fetched article back was 422 "dateline.places
    must be text, not a list", as was loading it from a JSON export."""
    story = {"headline": "Markets fall in two cities",
             "body": ["HONG KONG/SHANGHAI, March 3 (Reuters) - Stocks fell in both markets."]}
    created = client.post("/articles", json=story, headers=auth).get_json()
    try:
        fetched = client.get(f"/articles/{created['id']}").get_json()
        assert fetched["dateline"]["places"] == ["Hong Kong", "Shanghai"]
        again = client.post("/articles", json=fetched, headers=auth)
        assert again.status_code == 200, again.get_json()
        assert again.get_json()["status"] == "unchanged"
        edited = {**fetched, "dateline": {**fetched["dateline"], "places": [" Hong  Kong ", "Shanghai", " "]}}
        assert client.post("/articles", json=edited, headers=auth).get_json()["status"] == "unchanged"
    finally:
        client.delete(f"/articles/{created['id']}", headers=auth)


@pytest.mark.parametrize("given, where", [
    ({"quotes": [{"text": "the ferry runs", "speaker": "Ann Lee", "confidence": 0.9}]}, ("quotes", "0", "confidence")),
    ({"quotes": [{"text": "the ferry runs", "speker": "Ann Lee"}]}, ("quotes", "0", "speker")),
    ({"sources": [{"name": "Ann Lee", "kind": "person", "role": "mayor"}]}, ("sources", "0", "role")),
])
def test_a_quote_or_source_field_the_model_lacks_is_refused_not_dropped(client, auth, given, where):
    """Unknown fields are refused at the article's top level and in its dateline; a
    quote's or source's were left out without a word (201, and a misspelt
    `speker` lost the speaker)."""
    article = {"headline": "Ferry runs again", "body": ["Ann Lee said the ferry runs."], **given}
    response = client.post("/articles", json=article, headers=auth)
    assert response.status_code == 422, response.get_json()
    errors = response.get_json()["details"]["errors"]["json"]
    field, index, name = where
    assert errors[field][index][name] == ["Unknown field."]


def test_an_article_posted_with_its_own_quotes_can_be_posted_back_as_fetched(client, auth):
    """Its given quotes and sources are stored with the schema's defaults filled in, and
    hashed so: posted back as fetched, or again as first sent, the article is unchanged.
    (A loader's article with quotes given was hashed as given, so its dump loaded back
    was `updated`: tests/test_dump.py.)"""
    story = {"headline": "Council delays the harbour vote", "body": ["The council delayed the vote to March."],
             "quotes": [{"text": "We need more time", "kind": "direct", "speaker": "Ida Sand"}],
             "sources": [{"name": "Ida Sand", "kind": "person"}]}
    created = client.post("/articles", json=story, headers=auth).get_json()
    try:
        fetched = client.get(f"/articles/{created['id']}").get_json()
        again = client.post("/articles", json=fetched, headers=auth)
        assert again.status_code == 200 and again.get_json()["status"] == "unchanged"
        assert client.post("/articles", json=story, headers=auth).get_json()["status"] == "unchanged"
    finally:
        client.delete(f"/articles/{created['id']}", headers=auth)
