"""An engine that cannot answer: the pages give the API's status (503 with
Retry-After, 504 past the search deadline) and keep the search form filled
in, so an editor can send the search again or narrow it. A fault of ours is
an HTML page too, never the API's JSON."""
from __future__ import annotations

import pytest

from service.app import create_app
from service.config import Config
from service.errors import BackendUnavailable, SearchTimeout

from tests.web.conftest import html, text


def _unavailable(*args, **kwargs):
    raise BackendUnavailable("The search engine is not answering.", retry_after=7)


def _too_slow(*args, **kwargs):
    raise SearchTimeout("The search took longer than its 1000 ms deadline (counting facets); "
                        "narrow the query or add filters.")


@pytest.mark.parametrize("url, method", [("/?q=flood&outlet=EPR+News", "search"),
                                         ("/quote-search?q=fishermen&match=near", "search_quotes")])
@pytest.mark.parametrize("fault, status, title", [(_unavailable, 503, "Search is unavailable"),
                                                  (_too_slow, 504, "The search took too long")])
def test_an_engine_failure_keeps_the_form_and_the_apis_status(app, client, monkeypatch, url, method,
                                                              fault, status, title):
    monkeypatch.setattr(app.extensions["news_backend"], method, fault)
    api = client.get(url.replace("/quote-search", "/quotes").replace("/?", "/search?"))
    response = client.get(url)
    assert response.status_code == api.status_code == status
    assert response.content_type.startswith("text/html")
    assert response.headers.get("Retry-After") == api.headers.get("Retry-After")
    doc = html(response)
    alert = doc.get_element_by_id("form-errors")
    assert alert.get("role") == "alert"
    words = "deadline" if status == 504 else "not answering"
    assert text(alert).startswith(title) and words in text(alert)
    box = doc.get_element_by_id("f-q")
    assert box.get("value") in ("flood", "fishermen")
    assert "form-errors" in box.get("aria-describedby").split()
    assert doc.xpath("//title")[0].text_content().startswith(title + " – ")
    assert not doc.xpath("//h2[@id='results-title']")


def test_a_search_past_its_deadline_on_the_page_is_504(tmp_path):
    """Not a 500 "Something went wrong": the same 504 as `GET /search`."""
    app = create_app(Config(data_dir=tmp_path, api_key="k"))
    client = app.test_client()
    for n in range(3):
        article = {"headline": f"Lighthouse report {n}", "body": [f"The lighthouse log {n}."]}
        assert client.post("/articles", json=article, headers={"Authorization": "Bearer k"}).status_code == 201
    app.extensions["news_backend"].deadline_seconds = 0.0
    assert client.get("/search?q=lighthouse").status_code == 504
    response = client.get("/?q=lighthouse")
    assert response.status_code == 504
    assert "narrow the query" in text(html(response).get_element_by_id("form-errors"))


def test_reading_pages_give_the_apis_status_for_an_engine_failure(app, client, monkeypatch, seed_id):
    backend = app.extensions["news_backend"]
    monkeypatch.setattr(backend, "get", _too_slow)
    response = client.get(f"/article/{seed_id}")
    assert response.status_code == 504
    assert text(html(response).xpath("//h1")[0]) == "The search took too long"
    monkeypatch.setattr(backend, "get", _unavailable)
    response = client.get(f"/article/{seed_id}")
    assert response.status_code == 503 and response.headers["Retry-After"] == "7"
    assert text(html(response).xpath("//h1")[0]) == "Search is unavailable"


@pytest.mark.parametrize("fault", [_too_slow, _unavailable])
def test_an_article_whose_related_search_fails_is_still_shown(app, client, monkeypatch, seed_id, fault):
    """The related stories are a search beside the article: its failure was the article's 504 or 503."""
    monkeypatch.setattr(app.extensions["news_backend"], "search", fault)
    response = client.get(f"/article/{seed_id}")
    assert response.status_code == 200
    related = html(response).xpath("//section[@class='related']")[0]
    assert "could not be searched just now" in text(related)


def test_a_fault_of_ours_on_a_page_is_an_html_page_and_logged(app, client, monkeypatch, caplog, seed_id):
    """Not the API's JSON shown to an editor: the page's own 500, the traceback in the log."""
    def broken(*args, **kwargs):
        raise RuntimeError("index reader fell over")

    backend = app.extensions["news_backend"]
    monkeypatch.setattr(backend, "get", broken)
    monkeypatch.setattr(backend, "search", broken)
    for url in (f"/article/{seed_id}", "/?q=flood"):
        caplog.clear()
        response = client.get(url)
        assert response.status_code == 500 and response.content_type.startswith("text/html"), url
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        doc = html(response)
        assert text(doc.xpath("//h1")[0]) == "Something went wrong"
        assert "index reader fell over" not in response.get_data(as_text=True)  # no internals to the reader
        assert any(record.exc_info and "index reader fell over" in str(record.exc_info[1])
                   for record in caplog.records), url
    assert client.get("/search?q=flood").get_json()["code"] == "internal_error"  # the API keeps JSON
