"""The pages through Flask's test client, on the shared app (contract corpus
plus samples), and a few HTML helpers."""
from __future__ import annotations

import lxml.html
import pytest

SEED_HEADLINE = "Azerbaijan hosts Israel-Turkey meeting"
OKAFOR = "We will not accept any deal that leaves our fishermen behind"


def html(response):
    return lxml.html.fromstring(response.get_data(as_text=True))


def text(node) -> str:
    return " ".join(node.text_content().split())


@pytest.fixture(scope="session")
def seed_id(app):
    page = app.test_client().get('/search?q="red line" Azerbaijan').get_json()
    return next(hit["id"] for hit in page["hits"] if hit["headline"].startswith(SEED_HEADLINE))


@pytest.fixture(scope="session")
def okafor_statement(app):
    page = app.test_client().get("/quotes", query_string={"q": OKAFOR, "match": "near"}).get_json()
    return page["hits"][0]["statement_id"]
