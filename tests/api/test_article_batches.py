"""POST /articles/batch: many articles in one request, one commit, each item answered."""
from __future__ import annotations

import pytest

from service.app import create_app
from service.config import Config

KEY = {"Authorization": "Bearer batch-key"}


def _story(n: int, **extra) -> dict:
    return {"headline": f"Ferry route {n} resumes",
            "body": [f"OSKARVIK, May {n} (Reuters) - Ferry route {n} resumed on Monday, "
                     f"\"We are back on schedule,\" said harbour master Ana Reyes."],
            "url": f"https://gazette.example/ferry/{n}", **extra}


@pytest.fixture()
def client(tmp_path):
    return create_app(Config(data_dir=tmp_path, api_key="batch-key", write_wait_seconds=0.5)).test_client()


def _post(client, articles, headers=KEY):
    return client.post("/articles/batch", json={"articles": articles}, headers=headers)


def test_every_item_is_answered_in_order_and_the_good_ones_are_searchable(client):
    response = _post(client, [_story(1), {"headline": "No body"}, _story(2), "a string", _story(3, bogus=1)])
    assert response.status_code == 200
    body = response.get_json()
    assert [(item["index"], item["status"]) for item in body["items"]] == [
        (0, "indexed"), (1, "rejected"), (2, "indexed"), (3, "rejected"), (4, "rejected")]
    assert body["errors"] is True
    assert body["counts"] == {"indexed": 2, "updated": 0, "unchanged": 0, "rejected": 3, "failed": 0,
                              "superseded": 0}
    no_body, not_object, unknown = (body["items"][i]["error"] for i in (1, 3, 4))
    assert no_body["code"] == "invalid_parameters"
    assert no_body["details"]["errors"] == {"json": {"articles": {"1": {"body": ["Missing data for required field."]}}}}
    assert no_body["message"] == "invalid article: body: Missing data for required field."
    assert not_object["message"] == "an article must be a JSON object, not str"
    assert unknown["details"]["errors"]["json"]["articles"]["4"] == {"bogus": ["Unknown field."]}
    ids = [item["id"] for item in body["items"] if item["status"] == "indexed"]
    found = client.get("/search?q=ferry").get_json()
    assert sorted(hit["id"] for hit in found["hits"]) == sorted(ids)
    article = client.get(f"/articles/{ids[0]}").get_json()
    assert article["quotes"][0]["speaker"] == "Ana Reyes"  # the loader's extraction ran


def test_a_null_item_is_one_rejected_item_not_a_refused_batch(client):
    """A CMS sending `null` for a story it failed to render: the batch was a 422
    ("articles.1: Field may not be null.") and none of its articles was written."""
    response = _post(client, [_story(1), None, _story(2)])
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert [item["status"] for item in body["items"]] == ["indexed", "rejected", "indexed"]
    assert body["items"][1]["error"]["message"] == "an article must be a JSON object, not null"
    assert body["items"][1]["error"]["details"]["errors"] == {
        "json": {"articles": {"1": {"_schema": ["an article must be a JSON object, not null"]}}}}


def test_the_same_batch_again_changes_nothing_and_an_edit_is_an_update(client):
    first = _post(client, [_story(1), _story(2)]).get_json()
    again = _post(client, [_story(1), _story(2, headline="Ferry route 2 resumes after repairs")]).get_json()
    assert [item["status"] for item in again["items"]] == ["unchanged", "updated"]
    assert [item["id"] for item in again["items"]] == [item["id"] for item in first["items"]]
    assert again["errors"] is False
    assert client.get("/search?q=ferry").get_json()["total"] == 2


def test_a_later_copy_of_the_same_article_supersedes_the_earlier(client):
    body = _post(client, [_story(1), _story(1, headline="Ferry route 1 resumes, corrected")]).get_json()
    assert [item["status"] for item in body["items"]] == ["superseded", "indexed"]
    assert body["items"][0]["id"] == body["items"][1]["id"]
    assert client.get(f"/articles/{body['items'][0]['id']}").get_json()["headline"] == \
        "Ferry route 1 resumes, corrected"


def test_a_date_the_index_cannot_store_is_that_items_422(client):
    body = _post(client, [_story(1, dateline={"published_at": "2024-02-30"}), _story(2)]).get_json()
    rejected = body["items"][0]
    assert rejected["status"] == "rejected" and rejected["error"]["code"] == "invalid_article"
    assert "published_at" in rejected["error"]["details"]["errors"]["json"]["articles"]["0"]["dateline"]
    assert body["items"][1]["status"] == "indexed"


@pytest.mark.parametrize("payload, status, code", [
    ({"articles": []}, 422, "invalid_parameters"),
    ({}, 422, "invalid_parameters"),
    ({"articles": [{}] * 101}, 422, "invalid_parameters"),
    ({"articles": [], "extra": 1}, 422, "invalid_parameters"),
    ([{"headline": "x", "body": ["y"]}], 422, "invalid_parameters"),
])
def test_a_malformed_batch_is_refused_whole(client, payload, status, code):
    response = client.post("/articles/batch", json=payload, headers=KEY)
    assert response.status_code == status and response.get_json()["code"] == code


def test_the_batch_limit_says_what_to_do(client):
    message = _post(client, [{}] * 101).get_json()["message"]
    assert "At most 100 articles per batch; 101 given" in message


def test_a_batch_needs_the_write_key(client, tmp_path):
    assert _post(client, [_story(1)], headers={}).status_code == 401
    assert _post(client, [_story(1)], headers={"Authorization": "Bearer wrong"}).status_code == 401
    read_only = create_app(Config(data_dir=tmp_path / "other")).test_client()
    assert _post(read_only, [_story(1)]).status_code == 403
    assert client.get("/search?q=ferry").get_json()["total"] == 0


def test_a_batch_while_the_index_is_busy_is_a_503_and_writes_nothing(client):
    backend = client.application.extensions["news_backend"]
    with backend.writer():  # a loader holding the index
        response = _post(client, [_story(1)])
    assert response.status_code == 503 and response.get_json()["code"] == "index_busy"
    assert "Retry-After" in response.headers
    assert _post(client, [_story(1)]).get_json()["items"][0]["status"] == "indexed"


def test_an_article_named_batch_is_still_an_article(client):
    assert client.post("/articles", json={**_story(9), "id": "batch"}, headers=KEY).status_code == 201
    assert client.get("/articles/batch").get_json()["id"] == "batch"
    assert client.delete("/articles/batch", headers=KEY).status_code == 204


def test_the_batch_is_in_the_openapi_document(client):
    operation = client.get("/openapi.json").get_json()["paths"]["/articles/batch"]["post"]
    assert operation["security"] == [{"bearerAuth": []}]
    assert "200" in operation["responses"] and "503" in operation["responses"]


def test_an_item_the_engine_refuses_is_failed_with_its_reason(client, monkeypatch):
    """Elasticsearch answers a bulk request item by item: one refused document fails alone."""
    backend = client.application.extensions["news_backend"]
    write = backend.upsert

    def refusing_the_first(articles, result=None):
        articles = list(articles)
        result = write(articles[1:], result)
        result.fail(articles[0]["id"], "mapper_parsing_exception: failed to parse field [published]")
        return result

    monkeypatch.setattr(backend, "upsert", refusing_the_first)
    body = _post(client, [_story(1), _story(2)]).get_json()
    assert [item["status"] for item in body["items"]] == ["failed", "indexed"]
    assert body["items"][0]["error"] == {"code": "index_failed", "details": {},
                                         "message": "mapper_parsing_exception: failed to parse field [published]"}
    assert body["errors"] is True and body["counts"]["failed"] == 1


def test_a_batch_of_nothing_but_rejects_takes_no_writer(client):
    """Nothing to write: a loader holding the index does not make it a 503."""
    backend = client.application.extensions["news_backend"]
    with backend.writer():
        response = _post(client, [{"headline": "No body"}])
    assert response.status_code == 200
    assert response.get_json()["counts"]["rejected"] == 1
