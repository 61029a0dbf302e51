"""Conditional writes: If-Match and If-None-Match on POST /articles and DELETE /articles/{id}.

An editor sends back the ETag of the version it edited; a write over any
other version answers 412 `precondition_failed` with the current ETag, and
nothing changes. Successful writes answer the stored article's ETag, the
one a GET gives, so edits chain. (The atomicity of the check is the
backends' contract: tests/contract/test_conditional_writes_contract.py.)
"""
from __future__ import annotations

import pytest

from service.config import Config
from service.app import create_app
from tests.api.earlier_ids import index_under_http_id

STORY = {
    "headline": "Lighthouse keeper retires after forty years",
    "body": ["BRAMWICK, May 3 (Reuters) - The keeper of the Bramwick light retired on Saturday."],
    "url": "https://example.org/news/lighthouse-keeper-retires",
    "outlet": "Test Outlet",
}


def _edited(text: str) -> dict:
    return dict(STORY, body=STORY["body"] + [text])


@pytest.fixture()
def story(client, auth):
    """STORY indexed: its id and ETag; deleted afterwards, whatever the test left."""
    created = client.post("/articles", json=STORY, headers=auth)
    assert created.status_code == 201, created.get_json()
    article_id = created.get_json()["id"]
    yield article_id, created.headers["ETag"]
    client.delete(f"/articles/{article_id}", headers=auth)


def _refused(response, current_etag: str | None):
    assert response.status_code == 412, response.get_json()
    body = response.get_json()
    assert body["code"] == "precondition_failed" and body["message"]
    if current_etag is None:
        assert "ETag" not in response.headers
    else:
        assert response.headers["ETag"] == current_etag
        assert current_etag in body["message"] and body["details"]["current_etag"] == current_etag


def test_a_write_answers_the_etag_a_get_gives(client, auth, story):
    article_id, etag = story
    assert client.get(f"/articles/{article_id}").headers["ETag"] == etag
    again = client.post("/articles", json=STORY, headers=auth)  # unchanged: the same version, the same ETag
    assert again.get_json()["status"] == "unchanged" and again.headers["ETag"] == etag


def test_if_match_with_the_current_etag_writes_and_answers_the_new_one(client, auth, story):
    article_id, etag = story
    edited = client.post("/articles", json=_edited("He plans to sail."), headers={**auth, "If-Match": etag})
    assert edited.status_code == 200 and edited.get_json()["status"] == "updated"
    new_etag = edited.headers["ETag"]
    assert new_etag != etag and client.get(f"/articles/{article_id}").headers["ETag"] == new_etag
    # chained: the next edit goes over the version just written; several ETags, one of them current
    chained = client.post("/articles", json=_edited("He plans to fish."),
                          headers={**auth, "If-Match": f'"0000", {new_etag}'})
    assert chained.status_code == 200, chained.get_json()


def test_if_match_with_a_stale_etag_is_412_and_changes_nothing(client, auth, story):
    article_id, etag = story
    first = client.post("/articles", json=_edited("Editor one's line."), headers={**auth, "If-Match": etag})
    assert first.status_code == 200
    current = first.headers["ETag"]
    second = client.post("/articles", json=_edited("Editor two's line."), headers={**auth, "If-Match": etag})
    _refused(second, current)
    assert client.get(f"/articles/{article_id}").get_json()["body"][-1] == "Editor one's line."
    assert client.get(f"/articles/{article_id}").headers["ETag"] == current


def test_if_match_compares_strongly(client, auth, story):
    article_id, etag = story
    weak = client.post("/articles", json=_edited("A weak match."), headers={**auth, "If-Match": f"W/{etag}"})
    _refused(weak, etag)


def test_if_match_star_on_a_missing_article_is_412_and_creates_nothing(client, auth):
    new = dict(STORY, url="https://example.org/news/never-written", headline="Never written")
    response = client.post("/articles", json=new, headers={**auth, "If-Match": "*"})
    _refused(response, None)
    article_id = response.get_json()["details"]["id"]
    assert client.get(f"/articles/{article_id}").status_code == 404
    _refused(client.delete(f"/articles/{article_id}", headers={**auth, "If-Match": "*"}), None)


def test_if_none_match_star_creates_only(client, auth, story):
    article_id, etag = story
    _refused(client.post("/articles", json=_edited("Overwrite?"), headers={**auth, "If-None-Match": "*"}), etag)
    assert client.get(f"/articles/{article_id}").headers["ETag"] == etag
    new = dict(STORY, url="https://example.org/news/created-once", headline="Created once")
    created = client.post("/articles", json=new, headers={**auth, "If-None-Match": "*"})
    try:
        assert created.status_code == 201, created.get_json()
        assert created.headers["ETag"] == client.get(created.headers["Location"]).headers["ETag"]
    finally:
        client.delete(f"/articles/{created.get_json()['id']}", headers=auth)


def test_delete_with_if_match(client, auth, story):
    article_id, etag = story
    edited = client.post("/articles", json=_edited("Edited meanwhile."), headers=auth)
    _refused(client.delete(f"/articles/{article_id}", headers={**auth, "If-Match": etag}), edited.headers["ETag"])
    assert client.get(f"/articles/{article_id}").status_code == 200
    gone = client.delete(f"/articles/{article_id}", headers={**auth, "If-Match": edited.headers["ETag"]})
    assert gone.status_code == 204 and client.get(f"/articles/{article_id}").status_code == 404


def test_the_condition_is_on_the_article_the_body_resolves_to_under_its_earlier_id(app, client, auth):
    """A story indexed under the id an http address once gave: posted from https, the
    If-Match compares the article stored under that earlier id."""
    http = dict(STORY, url="http://example.org/news/keeper-moved", headline="Keeper moved")
    earlier = index_under_http_id(app, http)
    try:
        etag = client.get(f"/articles/{earlier['id']}").headers["ETag"]
        moved = dict(http, url="https://example.org/news/keeper-moved", body=STORY["body"] + ["Moved."])
        _refused(client.post("/articles", json=moved, headers={**auth, "If-None-Match": "*"}), etag)
        written = client.post("/articles", json=moved, headers={**auth, "If-Match": etag})
        assert written.status_code == 200 and written.get_json()["id"] == earlier["id"], written.get_json()
    finally:
        client.delete(f"/articles/{earlier['id']}", headers=auth)


@pytest.mark.parametrize("path, method", [("/articles", "post"), ("/articles/{article_id}", "delete")])
def test_the_headers_and_the_412_are_documented(app, path, method):
    operation = app.extensions["news_api"].spec.to_dict()["paths"][path][method]
    headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert {"If-Match", "If-None-Match"} <= headers
    assert "ETag" in operation["responses"]["412"]["headers"]
    assert operation["responses"]["412"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_a_browser_editor_may_send_if_match_and_read_the_etag(loaded_data_dir):
    client = create_app(Config(data_dir=loaded_data_dir, cors_origins=("https://cms.example",))).test_client()
    preflight = client.options("/articles/some-id", headers={
        "Origin": "https://cms.example", "Access-Control-Request-Method": "DELETE",
        "Access-Control-Request-Headers": "authorization, if-match"})
    assert "if-match" in preflight.headers["Access-Control-Allow-Headers"].lower()
    answer = client.get("/articles/nope", headers={"Origin": "https://cms.example"})
    assert "etag" in answer.headers["Access-Control-Expose-Headers"].lower()


def test_the_same_on_elasticsearch(elastic_engine):
    """ETags come from the article as Elasticsearch stores it, so a chain of edits works there too."""
    from service.backends.elastic import ElasticBackend
    from tests.conftest import API_KEY

    config = elastic_engine.config("conditional-api", api_key=API_KEY)
    engine = ElasticBackend.from_config(config, serving=True)
    engine.ensure_index()
    client = create_app(config, backend=engine).test_client()
    auth = {"Authorization": f"Bearer {API_KEY}"}
    created = client.post("/articles", json=STORY, headers={**auth, "If-None-Match": "*"})
    assert created.status_code == 201, created.get_json()
    article_id, etag = created.get_json()["id"], created.headers["ETag"]
    assert client.get(f"/articles/{article_id}").headers["ETag"] == etag
    _refused(client.post("/articles", json=STORY, headers={**auth, "If-None-Match": "*"}), etag)
    edited = client.post("/articles", json=_edited("On Elasticsearch."), headers={**auth, "If-Match": etag})
    assert edited.status_code == 200 and edited.get_json()["status"] == "updated"
    assert client.get(f"/articles/{article_id}").headers["ETag"] == edited.headers["ETag"] != etag
    _refused(client.post("/articles", json=_edited("Stale."), headers={**auth, "If-Match": etag}),
             edited.headers["ETag"])
    _refused(client.delete(f"/articles/{article_id}", headers={**auth, "If-Match": etag}), edited.headers["ETag"])
    gone = client.delete(f"/articles/{article_id}", headers={**auth, "If-Match": edited.headers["ETag"]})
    assert gone.status_code == 204
    _refused(client.delete(f"/articles/{article_id}", headers={**auth, "If-Match": "*"}), None)


@pytest.mark.parametrize("header", ["If-Match", "If-None-Match"])
def test_a_batch_with_a_condition_is_refused_and_writes_nothing(client, auth, story, header):
    """The batch ignored the headers: an editor's If-Match looked honoured while it overwrote."""
    article_id, etag = story
    response = client.post("/articles/batch", json={"articles": [_edited("A later paragraph.")]},
                           headers={**auth, header: etag if header == "If-Match" else "*"})
    assert response.status_code == 400, response.get_json()
    assert response.get_json()["code"] == "invalid_request" and "POST /articles" in response.get_json()["message"]
    assert list(response.get_json()["details"]["errors"]) == ["headers"]
    assert client.get(f"/articles/{article_id}").headers["ETag"] == etag
