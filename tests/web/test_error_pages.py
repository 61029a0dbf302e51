"""Errors on the pages' paths are HTML pages for a browser; the API's paths,
and clients that do not ask for HTML, keep the JSON error shape."""
from __future__ import annotations

import pytest

from tests.web.conftest import html, text

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize("method, url, status", [
    ("GET", "/article/", 404), ("GET", "/statement/", 404), ("GET", "/nope", 404),
    ("GET", "/no/such/page", 404), ("POST", "/", 405), ("POST", "/article/abc", 405),
    ("POST", "/quote-search", 405),
])
def test_page_paths_answer_html_to_a_browser(client, method, url, status):
    response = client.open(url, method=method, headers=BROWSER)
    assert response.status_code == status
    assert response.content_type.startswith("text/html"), url
    doc = html(response)
    assert text(doc.xpath("//h1")[0]) == {404: "Not found", 405: "Method not allowed"}[status]
    assert doc.xpath("//title")[0].text_content().startswith(text(doc.xpath("//h1")[0]))
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    if status == 405:
        assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("url", ["/nope", "/article/", "/search/nope", "/articles/nope", "/quotes/s-nope/occurrences"])
def test_json_clients_and_api_paths_keep_json(client, url):
    for headers in ({}, {"Accept": "*/*"}, {"Accept": "application/json"}):
        response = client.get(url, headers=headers)
        assert response.status_code == 404 and response.get_json()["code"] == "not_found", (url, headers)
    if url.split("/")[1] in ("search", "articles", "quotes"):  # the API's, even for a browser
        assert client.get(url, headers=BROWSER).get_json()["code"] == "not_found"
    assert client.post("/search", headers=BROWSER).get_json()["code"] == "method_not_allowed"


def test_a_favicon_is_served_locally_and_linked(client):
    doc = html(client.get("/"))
    icon = doc.xpath("//link[@rel='icon']/@href")
    assert icon == ["/web-assets/favicon.svg"]
    response = client.get(icon[0])
    assert response.status_code == 200 and response.content_type.startswith("image/svg+xml")
    assert client.get("/favicon.ico").headers["Location"].endswith("/web-assets/favicon.svg")


def test_unknown_article_title_matches_the_other_not_found_pages(client):
    doc = html(client.get("/article/nope"))
    assert text(doc.xpath("//h1")[0]) == "Not found"
    assert text(html(client.get("/statement/s-nope")).xpath("//h1")[0]) == "Not found"


@pytest.mark.parametrize("url, kind", [
    ("/quote-search/?q=said", "text/html"), ("/article/{id}/", "text/html"),
    ("/search/?q=said", "application/json"), ("/articles/{id}/", "application/json"),
    ("/healthz/", "application/json"),
])
def test_a_trailing_slash_reaches_the_page_or_route_without_it(client, url, kind):
    article_id = client.get("/search?q=said&size=1").get_json()["hits"][0]["id"]
    response = client.get(url.format(id=article_id), headers=BROWSER if kind == "text/html" else {})
    assert response.status_code == 200, url
    assert response.content_type.startswith(kind)


def test_an_over_long_link_is_a_page_that_says_so_in_its_own_words(client):
    """The app's 414 on a page's path: its title kept "URI" in capitals (it
    said "Request uri too long") and its message is the app's, with the limit."""
    response = client.get("/?q=" + "a" * 30_000, headers=BROWSER)
    assert response.status_code == 414 and response.content_type.startswith("text/html")
    doc = html(response)
    assert text(doc.xpath("//h1")[0]) == "Request URI too long"
    message = text(doc.xpath("//p[@class='error-message']")[0])
    assert message.startswith("The query string is 30002 bytes; the limit is ")
