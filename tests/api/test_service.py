"""Health, OpenAPI, docs, and the error shape everywhere."""
from __future__ import annotations

import pytest


def test_health_and_ready(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert ready["status"] == "ready" and ready["backend"] == "embedded" and ready["articles"] > 30


def test_openapi_documents_every_endpoint_and_parameter(client):
    spec = client.get("/openapi.json").get_json()
    assert {"/search", "/articles", "/articles/{article_id}", "/healthz", "/readyz"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/search"]["get"]["parameters"]}
    assert {"q", "size", "cursor", "sort", "highlight", "facets", "from", "until", "outlet", "place",
            "speaker", "source", "section", "language"} <= names
    assert "bearerAuth" in spec["components"]["securitySchemes"]
    assert {"Article", "SearchPage", "Error"} <= set(spec["components"]["schemas"])


def test_openapi_documents_the_article_limits(client):
    """A client generated from the spec knows every fixed limit, authors and tags too."""
    from service.schemas import article as limits

    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    for name in ("Article", "ArticleInput"):
        fields = schemas[name]["properties"]
        assert fields["headline"]["maxLength"] == limits.MAX_HEADLINE
        assert (fields["body"]["maxItems"], fields["body"]["items"]["maxLength"]) == (
            limits.MAX_PARAGRAPHS, limits.MAX_PARAGRAPH)
        assert (fields["authors"]["maxItems"], fields["authors"]["items"]["maxLength"]) == (
            limits.MAX_AUTHORS, limits.MAX_AUTHOR) == (100, 200)
        assert (fields["tags"]["maxItems"], fields["tags"]["items"]["maxLength"]) == (
            limits.MAX_TAGS, limits.MAX_TAG) == (100, 200)


def test_openapi_documents_what_the_quote_routes_answer(client):
    """Found missing: the speakers route's 400, the quote page's facet buckets
    (typed as any object), and any content at all for the exports' 200."""
    import json

    spec = client.get("/openapi.json").get_json()
    for path, operation in ((p, o["get"]) for p, o in spec["paths"].items() if "get" in o):
        if any(parameter["name"] == "q" for parameter in operation.get("parameters", [])):
            assert "400" in operation["responses"], path  # every `q` can be a syntax error
    for path in ("/search", "/quotes", "/speakers/{name}/quotes", "/sources", "/export", "/quotes/export"):
        for parameter in spec["paths"][path]["get"]["parameters"]:
            assert "type" in parameter["schema"], (path, parameter)  # from, until and facets had none
    facets = spec["components"]["schemas"]["QuotePage"]["properties"]["facets"]
    assert facets["additionalProperties"]["items"] == {"$ref": "#/components/schemas/FacetBucket"}
    for path, columns in (("/export", "ArticleRow"), ("/quotes/export", "QuoteRow")):
        content = spec["paths"][path]["get"]["responses"]["200"]["content"]
        assert set(content) == {"text/csv; charset=utf-8", "application/x-ndjson; charset=utf-8"}
        documented = set(spec["components"]["schemas"][columns]["properties"])
        rows = client.get(f"{path}?format=jsonl").get_data(as_text=True).splitlines()
        assert rows and all(set(json.loads(row)) == documented for row in rows)
        assert client.get(f"{path}?format=csv").get_data(as_text=True).splitlines()[0].split(",") == [
            name for name in spec["components"]["schemas"][columns]["properties"]]


def test_docs_page_uses_local_assets(client):
    page = client.get("/docs").get_data(as_text=True)
    assert "/docs/assets/swagger-ui-bundle.js" in page and "http" not in page.split("<body>")[0]
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("method, url", [
    ("get", "/nowhere"), ("post", "/search"), ("put", "/articles/x"), ("get", "/articles"),
])
def test_every_error_is_json_with_code_and_message(client, method, url):
    response = getattr(client, method)(url)
    assert 400 <= response.status_code < 500
    body = response.get_json()
    assert set(body) == {"code", "message", "details"} and body["code"] and body["message"]


def test_unexpected_errors_are_json_500_without_internals(app, monkeypatch):
    backend = app.extensions["news_backend"]

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(backend, "_search", broken)
    response = app.test_client().get("/search?q=x")
    assert response.status_code == 500
    body = response.get_json()
    assert body["code"] == "internal_error" and "secret" not in body["message"]
