"""`/export` over HTTP: formats, errors, and memory flat over 100,000 articles."""
from __future__ import annotations

import csv
import io
import json
import tracemalloc

import pytest

from service.app import create_app
from service.backends.embedded import EmbeddedBackend
from service.config import Config


def test_csv_has_a_header_and_one_row_per_match(client):
    response = client.get("/export?q=harbour&format=csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="articles.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    total = client.get("/search?q=harbour&size=1").get_json()["total"]
    assert len(rows) == total and len({r["id"] for r in rows}) == total
    assert set(rows[0]) == {"id", "headline", "outlet", "place", "agency", "published_at", "url",
                            "sources", "quote_count", "authors", "tags"}


def test_jsonl_with_filters(client):
    response = client.get("/export?outlet=Reuters&format=jsonl&sort=oldest")
    rows = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert rows and {r["outlet"] for r in rows} == {"Reuters"}
    assert isinstance(rows[0]["sources"], list)


def test_quotes_export(client):
    response = client.get('/quotes/export?q="red line"&format=jsonl')
    rows = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert rows and all("red line" in r["text"].lower() for r in rows)
    assert {"statement_id", "speaker", "source_kind", "article_id", "published_at"} <= set(rows[0])


def test_quote_rows_name_the_agency_of_a_wire_story(client):
    """A wire story's quotes had no outlet and no agency in the export: where a quote
    appeared was lost. /quotes shows the dateline's agency; the rows now carry it."""
    listed = client.get("/quotes?speaker=Lena%20Okafor&size=100").get_json()["hits"]
    rows = [json.loads(line) for line in client.get(
        "/quotes/export?speaker=Lena%20Okafor&format=jsonl").get_data(as_text=True).splitlines()]
    agencies = {h["id"]: h["article"]["dateline"].get("agency") for h in listed}
    assert {r["id"]: r["agency"] for r in rows} == agencies and "Reuters" in agencies.values()
    header = client.get("/quotes/export?speaker=Lena%20Okafor&format=csv").get_data(as_text=True).splitlines()[0]
    assert "agency" in header.split(",")


@pytest.mark.parametrize("route", ["/export", "/quotes/export"])
def test_bom_true_starts_the_csv_with_a_byte_order_mark_for_excel(client, route):
    """Excel read the UTF-8 CSV as Windows-1252: every “red line” headline came out as
    â€œred lineâ€ and so on. bom=true asks for the mark Excel needs; the default stays without."""
    marked = client.get(f'{route}?q="red line"&bom=true').data
    plain = client.get(f'{route}?q="red line"').data
    assert marked.startswith(b"\xef\xbb\xbfid,") and not plain.startswith(b"\xef\xbb\xbf")
    assert marked[3:] == plain and "“".encode() in plain
    rows = list(csv.DictReader(io.StringIO(marked.decode("utf-8-sig"))))
    assert rows and rows[0]["id"]


def test_bom_with_jsonl_is_422(client):
    response = client.get("/export?format=jsonl&bom=true")
    assert response.status_code == 422 and "bom" in response.get_json()["details"]["errors"]["query"]


@pytest.mark.parametrize("url, status", [
    ('/export?q="open', 400), ("/export?format=xml", 422), ("/export?size=5", 422),
    ("/quotes/export?match=fuzzy", 422),
])
def test_bad_export_requests_are_refused_before_streaming(client, url, status):
    response = client.get(url)
    assert response.status_code == status and response.get_json()["code"]


def _articles(count: int):
    for n in range(count):
        yield {"id": f"x{n}", "headline": f"Bulletin {n}", "body": [f"Harbour note {n} about shipping."],
               "outlet": "Port Wire", "language": "en", "authors": [], "tags": [], "quotes": [],
               "sources": [], "content_hash": f"h{n}",
               "dateline": {"place": "Oskarvik", "published_at": f"2024-01-{1 + n % 28:02d}T00:00:{n % 60:02d}"}}


def test_export_of_100k_articles_streams_in_flat_memory(tmp_path):
    backend = EmbeddedBackend(tmp_path)
    assert len(backend.upsert(_articles(100_000)).indexed) == 100_000
    client = create_app(Config(data_dir=tmp_path), backend=backend).test_client()
    response = client.get("/export?q=harbour&format=csv", buffered=False)
    tracemalloc.start()
    try:
        rows, peak_after_10k = 0, None
        for chunk in response.response:
            rows += chunk.count(b"\n" if isinstance(chunk, bytes) else "\n")
            if peak_after_10k is None and rows >= 10_000:
                peak_after_10k = tracemalloc.get_traced_memory()[1]
        peak_at_end = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rows == 100_001  # header + every article
    # Ten times the rows, and the peak stays where it was after the first 10,000.
    assert peak_at_end < peak_after_10k * 1.5 + 512 * 1024, (peak_after_10k, peak_at_end)


def test_embedded_export_reads_one_snapshot(tmp_path, monkeypatch):
    """A commit during an export does not show in it."""
    import service.backends.export_pages as export_pages
    from service.backends.base import SearchRequest
    from service.query import parse

    backend = EmbeddedBackend(tmp_path)
    backend.upsert(_articles(10))
    monkeypatch.setattr(export_pages, "EXPORT_PAGE", 2)
    late = next(_articles(1))
    late.update(id="late", content_hash="late", dateline={"published_at": "2020-01-01T00:00:00"})
    exported = []
    for hit in backend.export(SearchRequest(parse("harbour"), sort="newest")):
        exported.append(hit.id)
        if len(exported) == 1:
            backend.upsert([late])  # older than all: a fresh searcher per page would reach it
    assert "late" not in exported and len(exported) == 10
    assert backend.get("late") is not None


def test_an_engine_error_mid_stream_is_logged_and_breaks_the_transfer(app, client, monkeypatch, caplog):
    """Was visible only as a 200 in the access log (and gunicorn's own traceback,
    without the request id): nobody could tell which export a client got cut."""
    from service.errors import EngineTimeout

    engine = app.extensions["news_backend"]
    real_export = engine.export

    def failing_export(request):
        hits = real_export(request)
        yield next(hits)
        raise EngineTimeout("the engine timed out mid-export")

    monkeypatch.setattr(engine, "export", failing_export)
    response = client.get("/export?format=jsonl", headers={"X-Request-ID": "cut-export-1"})
    assert response.status_code == 200  # sent before the failure
    with pytest.raises(EngineTimeout):
        response.get_data()  # the server propagates it: gunicorn then cuts the connection
    cut = [record for record in caplog.records if "cut short" in record.getMessage()]
    assert cut and cut[0].levelname == "ERROR" and getattr(cut[0], "request_id", None) == "cut-export-1"


def test_a_jsonl_row_is_one_line_to_every_reader(client, auth):
    """A headline holding U+2028 (a line separator, which JSON lets stand unescaped) split
    its row in two for `str.splitlines()`, and the reader failed on half a JSON object."""
    headline = "Harbour\u2028reopens\u2029after\x85storm"
    quote = "The\u2028harbour is open"
    article = {"id": "line-separator-test", "headline": headline, "outlet": "Separator Wire",
               "body": [f"OSKARVIK (Reuters) - “{quote},” said Ada Lind, the harbourmaster."],
               "quotes": [{"text": quote, "speaker": "Ada Lind"}]}
    assert client.post("/articles", json=article, headers=auth).status_code == 201
    try:
        for url in ("/export?outlet=Separator%20Wire&format=jsonl",
                    "/quotes/export?outlet=Separator%20Wire&format=jsonl"):
            text = client.get(url).get_data(as_text=True)
            lines = text.splitlines()
            assert len(lines) == 1 == text.count("\n"), url
            row = json.loads(lines[0])
            assert "\u2028" in (row.get("headline") or "") + (row.get("text") or "")
    finally:
        client.delete("/articles/line-separator-test", headers=auth)
