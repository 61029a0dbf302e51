"""The benchmark still runs: a 200-article corpus through every measurement once.

Structure only, never timings: speed is judged by `benchmarks/run.py` as
ratios within one run, not by the test suite.
"""
from __future__ import annotations

import gzip
import io
import json
import time

import pytest

from benchmarks import corpus, run
from benchmarks import report as report_module
from benchmarks.engines import fts_expression
from benchmarks.queries import hand_parse, http_path, load_queries
from benchmarks.report import print_report
from benchmarks.workers import AnonPeak


def test_synthetic_corpus_is_seeded_streamed_and_news_shaped(tmp_path):
    first = list(corpus.synthetic(200))
    assert first == list(corpus.synthetic(200))          # same seed, same articles
    assert list(corpus.synthetic(50)) == first[:50]      # article i is the same at any size
    assert len({a["id"] for a in first}) == 200
    for article in first:
        assert 8 <= len(article["body"]) <= 20
        assert article["headline"] and article["url"] and article["published_at"]
        assert " - " in article["body"][0] and "(" in article["body"][0]  # CITY, Month Day (Agency) -
    assert len(corpus.outlets()) == 200
    text = " ".join(p for a in first for p in a["body"])
    assert "“" in text and " said" in text
    path = tmp_path / "c.jsonl.gz"
    assert corpus.write_jsonl(first, path) == 200
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        assert json.loads(handle.readline()) == first[0]


def test_reuters_recycled_keeps_ids_unique():
    try:
        base = corpus.reuters_articles()[:30]
    except FileNotFoundError as error:  # CI has shared/ beside the repo: never a silent skip
        pytest.fail(f"the shared Reuters corpus is missing ({error}); set NEWS_REALNEWS_DIR")
    copies = list(corpus.reuters_recycled(75, base=base))
    assert len({a["id"] for a in copies}) == 75
    assert copies[:30] == base
    assert copies[30]["id"] == base[0]["id"] + "-c1" and copies[30]["body"][0] == base[0]["body"][0]
    assert sorted(copies[30]["body"]) == sorted(base[0]["body"])


def test_query_set_compiles_for_every_reference_engine():
    queries = load_queries("synthetic")
    assert {q.cls for q in queries} >= {"rare_term", "common_term", "phrase", "or", "exclusion",
                                        "field_scope", "filter", "facets", "deep_page", "quote"}
    for query in queries:
        fts_expression(hand_parse(query.q))
        assert http_path(query).startswith("/search?")


def test_every_measurement_runs_once(tmp_path):
    settings = run.Settings(
        size=200, corpus="synthetic", workdir=tmp_path / "work", load_size=200, load_size_fixed=True,
        small_load_size=50, extract_sample=40, reps=1, fts_budget_s=5, http_reps=1, http_clients=2,
        overhead_reps=1, fetch_ids=5, step_seconds=0.3, throughput_budget_s=0.7,
        backends=("embedded",),
    )
    report = run.run(settings)
    load = report["load"]
    for key in ("loader", "loader_small", "upsert", "raw_tantivy", "fts5"):
        assert {"seconds", "rate", "peak_rss_mb", "index_bytes"} <= set(load[key]), key
    assert load["loader"]["read"] == 200 and load["upsert"]["articles"] == 200
    assert {"extract_rate", "prepare_rate"} <= set(load["extraction"])
    first_half, second_half = load["loader"]["peak_anon_halves_mb"]
    assert 0 < first_half <= load["loader"]["peak_anon_mb"] and 0 < second_half <= load["loader"]["peak_anon_mb"]
    assert load["anon_halves_ratio"] == pytest.approx(second_half / first_half)
    split = load["loader"]["cpu_ms_per_article"]
    assert set(split) == {"python_main", "tantivy", "other_threads", "preparing_processes"}
    assert split["python_main"] > 0 and split["preparing_processes"] > 0  # 200 articles: prepared by a pool
    for engine in ("raw_tantivy", "embedded", "fts5"):
        per_class = report["search"]["stats"][engine]
        assert {"rare_term", "phrase", "facets", "deep_page", "quote", "all"} <= set(per_class)
        assert set(per_class["all"]) == {"n", "p50", "p95", "p99", "max"}
    assert report["http"]["error_count"] == 0 and report["http"]["stats"]["all"]["n"] > 0
    assert {"overhead", "http", "took"} <= set(report["overhead"]["search"])
    assert report["overhead"]["fetch"]["found"] > 0
    assert report["throughput"]["steps"]
    assert report["elasticsearch"]["measured"] is False
    assert all({"figure", "value", "target", "met"} <= set(row) for row in report["targets"])
    assert all(ms > 0 for ms in report["host"]["cpu_reference_ms"])
    assert 0 <= report["host"]["steal_share"] < 1
    out = io.StringIO()
    print_report(report, out)
    assert "SEARCH latency" in out.getvalue() and "TARGETS" in out.getvalue()
    assert "CPU reference workload" in out.getvalue() and "loader CPU per article" in out.getvalue()
    json.dumps(report, default=str)


def test_anon_peak_splits_its_samples_at_half_time():
    peak = AnonPeak()
    peak.samples = [(0.0, 1024), (1.0, 4096), (2.0, 2048), (3.0, 3072), (4.0, 2048)]
    assert peak.halves_mb() == (4.0, 3.0)  # the first half's peak stays in the first half
    peak.samples = [(0.0, 1024), (2.0, 1024), (4.0, 5120)]
    assert peak.halves_mb() == (1.0, 5.0)
    with AnonPeak(every_s=0.01) as sampled:
        time.sleep(0.05)
    assert len(sampled.samples) >= 2 and sampled.mb == max(kb for _, kb in sampled.samples) / 1024


def test_steal_share_is_the_stolen_part_of_the_ticks_between_readings(tmp_path):
    from benchmarks import host

    stat = tmp_path / "stat"
    stat.write_text("cpu  100 0 50 800 10 0 5 35 0 0\ncpu0 1 2 3\n")
    before = host.cpu_ticks(stat)
    stat.write_text("cpu  160 0 60 900 10 0 5 65 0 0\ncpu0 1 2 3\n")
    after = host.cpu_ticks(stat)
    assert before == {"total": 1000, "steal": 35} and after["total"] == 1200
    assert host.steal_share(before, after) == pytest.approx(30 / 200)
    assert host.steal_share(after, after) is None and host.steal_share(None, after) is None


def test_absolute_targets_are_restated_at_the_issue_hosts_speed():
    """A run on a host where raw tantivy is twice the issue's 1.7 ms restates its times
    halved and its rates doubled, and decides nothing with them (`met` stays None)."""
    rows = [
        {"figure": "service overhead, search p50 (ms)", "value": 1.4, "target": "<= 1 ms", "met": False,
         "note": "", "absolute": ("time", 1.0)},
        {"figure": "loader with extraction (articles/s)", "value": 1200.0, "target": ">= 2500/s", "met": False,
         "note": "", "absolute": ("rate", 2500.0)},
        {"figure": "embedded / raw tantivy p95", "value": 0.9, "target": "<= 1.5x", "met": True,
         "note": "", "absolute": None},
    ]
    settings = run.Settings(size=100_000, corpus="reuters")
    scaled = report_module._at_issue_speed(rows, settings, raw95=3.4)
    assert [(row["value"], row["met_at_issue_speed"], row["met"]) for row in scaled] == [
        (pytest.approx(0.7), True, None), (pytest.approx(2400.0), False, None)]
    assert report_module._at_issue_speed(rows, run.Settings(size=30_000, corpus="reuters"), raw95=3.4) == []
    assert report_module._at_issue_speed(rows, run.Settings(size=100_000, corpus="synthetic"), raw95=3.4) == []


def test_elasticsearch_is_measured_with_the_engines_own_took(tmp_path):
    """The measurement records `took` by wrapping the client's `search`: a search whose
    deadline cuts the client's timeout asks through `client.options(...)`, which
    bypassed the wrapper, so the 100k run reported Elasticsearch 'not measured:
    IndexError'. Structure only, no timings."""
    from benchmarks.elastic_bench import measure_elasticsearch
    from tests.contract.corpus import corpus as contract_corpus

    articles = contract_corpus()
    prepared = tmp_path / "prepared.jsonl"
    prepared.write_text("".join(json.dumps(article) + "\n" for article in articles))
    settings = run.Settings(size=len(articles), corpus="synthetic", workdir=tmp_path / "work", reps=4,
                            es_size=len(articles))
    report = measure_elasticsearch(settings, prepared, load_queries("synthetic")[:6])
    assert report["measured"] is True, report.get("reason")
    assert report["load"]["failed"] == 0 and report["stats"]["all"]["n"] == 6
    assert report["client_overhead"]["n"] == 6
