#!/usr/bin/env python
"""The benchmark: load, search, service overhead and throughput, each next to a reference
measured in the same run (raw tantivy), so figures are ratios, not absolute times.

    .venv/bin/python benchmarks/run.py --size 100000 --corpus reuters --json out.json
    .venv/bin/python benchmarks/run.py --quick                # smoke run, < 2 minutes

See benchmarks/README.md for what each figure means. This file runs the measurements
in order; the parts live beside it: queries.py (the query set), engines.py (the
in-process engines), workers.py (loads in their own processes), http_bench.py
(gunicorn), elastic_bench.py, stats.py and report.py (targets and tables).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import shutil
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus as corpora  # noqa: E402
from benchmarks import host  # noqa: E402
from benchmarks.common import log, read_lines  # noqa: E402
from benchmarks.elastic_bench import measure_elasticsearch  # noqa: E402
from benchmarks.engines import EmbeddedEngine, Fts5, RawTantivy  # noqa: E402
from benchmarks.http_bench import Gunicorn, measure_http, measure_overhead, measure_throughput  # noqa: E402
from benchmarks.queries import BenchQuery, load_queries  # noqa: E402
from benchmarks.report import evaluate_targets, print_report  # noqa: E402
from benchmarks.stats import stats  # noqa: E402
from benchmarks.workers import REFERENCE_DATE, WORKERS, prepare_remainder, run_worker  # noqa: E402

RESULTS = Path(__file__).with_name("results")


# ======================================================================================
# measurements

@dataclass
class Settings:
    size: int
    corpus: str
    seed: int = corpora.DEFAULT_SEED
    workdir: Path = RESULTS / "work"
    load_size: int = 100_000          # articles through the loader (capped at size)
    load_size_fixed: bool = False     # True: do not shrink load_size to fit load_budget_s
    load_budget_s: float = 150.0      # the loader run is sized to take about this long
    small_load_size: int = 0          # second loader size for the RSS comparison (0: load_size // 10)
    extract_sample: int = 3000
    reps: int = 20                    # in-process repetitions of every query
    fts_budget_s: float = 90.0        # FTS5 stops repeating past this much time
    http_reps: int = 30               # HTTP repetitions: p95 of a 3-query class needs ~90 samples
    http_clients: int = 2
    overhead_reps: int = 20
    fetch_ids: int = 200
    step_seconds: float = 4.0
    throughput_budget_s: float = 45.0
    backends: tuple[str, ...] = ("embedded",)
    resume: bool = False              # reuse a kept workdir's load figures and indexes
    es_size: int = 20_000


def write_corpus(settings: Settings, count: int, path: Path) -> dict:
    started = time.perf_counter()
    written = corpora.write_jsonl(corpora.articles(settings.corpus, count, settings.seed), path)
    return {"articles": written, "seconds": time.perf_counter() - started, "bytes": path.stat().st_size}


def measure_extraction(settings: Settings, path: Path) -> dict:
    """Extraction alone and the whole `prepare` (clean + extract + id + hash + validation),
    one core, on reader output of the benchmark corpus."""
    from loaders.extract import extract
    from loaders.pipeline import prepare
    from loaders.readers.jsonfile import from_mapping

    raw = [from_mapping(json.loads(line), REFERENCE_DATE)
           for line in itertools.islice(read_lines(path), settings.extract_sample)]
    started = time.perf_counter()
    for article in raw:
        extract(article, REFERENCE_DATE)
    extract_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for article in raw:
        try:
            prepare(article, REFERENCE_DATE)
        except Exception:  # noqa: BLE001 - a rejected article still cost its time
            pass
    prepare_seconds = time.perf_counter() - started
    words = sum(len(" ".join(a.get("body") or []).split()) for a in raw) / max(1, len(raw))
    return {"articles": len(raw), "mean_words": words,
            "extract_rate": len(raw) / extract_seconds, "prepare_rate": len(raw) / prepare_seconds}


def measure_load(settings: Settings, work: Path) -> dict:
    """Loader runs at two sizes (each in its own process), then the prepared JSONL for the
    indexing-only runs; then indexing only, raw tantivy and FTS5 from that same JSONL."""
    out: dict[str, Any] = {}
    sample_path = work / "corpus-sample.jsonl.gz"
    write_corpus(settings, min(settings.size, settings.extract_sample), sample_path)
    log("extraction alone (one core)")
    out["extraction"] = measure_extraction(settings, sample_path)
    # The small loader run comes first; its rate sizes the main one: min(size, --load-size)
    # articles, fewer if at that rate the loader would take longer than --load-budget
    # (the articles beyond are then prepared on every core, untimed).
    load_size = min(settings.size, settings.load_size)
    small = min(load_size, settings.small_load_size or max(200, load_size // 10))
    small_path = work / f"corpus-{small}.jsonl.gz"
    write_corpus(settings, small, small_path)
    log(f"loader (readers + extraction + indexing), {small} articles")
    out["loader_small"] = run_worker("load", corpus_path=str(small_path), data_dir=str(work / "load-small"))
    shutil.rmtree(work / "load-small", ignore_errors=True)
    affordable = int(out["loader_small"]["rate"] * settings.load_budget_s)
    if not settings.load_size_fixed and affordable < load_size:
        load_size = max(small, affordable)
    out.update({"load_size": load_size, "small_load_size": small})
    corpus_path = work / f"corpus-{load_size}.jsonl.gz"
    log(f"writing the {settings.corpus} corpus: {load_size} articles for the loader")
    out["corpus"] = write_corpus(settings, load_size, corpus_path)
    prepared = work / "prepared.jsonl"
    log(f"loader (readers + extraction + indexing), {load_size} articles")
    out["loader"] = run_worker("load", corpus_path=str(corpus_path), data_dir=str(work / "load"),
                               dump=str(prepared))
    if settings.size > load_size:
        log(f"preparing the other {settings.size - load_size} articles (all cores, not timed)")
        out["prepare_remainder"] = prepare_remainder(settings, load_size, prepared)
    shutil.rmtree(work / "load", ignore_errors=True)  # the search index is the upsert one

    log(f"indexing only (prepared JSONL -> backend.upsert), {settings.size} articles")
    out["upsert"] = run_worker("upsert", prepared=str(prepared), data_dir=str(work / "embedded"))
    log("raw tantivy indexing, same articles")
    out["raw_tantivy"] = run_worker("raw_index", prepared=str(prepared), path=str(work / "raw-tantivy"))
    log("SQLite FTS5 indexing, same articles")
    out["fts5"] = run_worker("fts_index", prepared=str(prepared), path=str(work / "fts5.db"))
    loader = out["loader"]
    out["index_bytes_per_1k"] = {
        "embedded": out["upsert"]["index_bytes"] / out["upsert"]["articles"] * 1000,
        "raw_tantivy": out["raw_tantivy"]["index_bytes"] / out["raw_tantivy"]["articles"] * 1000,
        "fts5": out["fts5"]["index_bytes"] / out["fts5"]["articles"] * 1000,
        "embedded_after_loader": loader["index_bytes"] / max(1, loader["read"]) * 1000,
    }
    out["rss_flat_ratio"] = loader["peak_rss_mb"] / out["loader_small"]["peak_rss_mb"]
    out["anon_flat_ratio"] = loader["peak_anon_mb"] / max(1e-9, out["loader_small"]["peak_anon_mb"])
    first_half, second_half = loader["peak_anon_halves_mb"]
    out["anon_halves_ratio"] = second_half / max(1e-9, first_half)
    out["upsert_vs_raw_time"] = out["raw_tantivy"]["rate"] / out["upsert"]["rate"]
    out["fts5_vs_raw_time"] = out["raw_tantivy"]["rate"] / out["fts5"]["rate"]
    out["prepared_path"] = str(prepared)
    return out


def measure_search(engines: dict[str, Any], queries: list[BenchQuery], reps: int,
                   fts_budget_s: float = 90.0) -> dict:
    """Every query on every in-process engine, interleaved query by query so that noise on
    a shared machine hits all engines alike. Compilation of the hand-built references is
    done once; the embedded figure includes parsing and compiling (build_request)."""
    compiled = {name: [engine.compile(q) for q in queries] for name, engine in engines.items()}
    samples: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in engines}
    totals: dict[str, dict[str, int]] = {name: {} for name in engines}
    spent = defaultdict(float)
    # Warm-up: one pass (page cache, lazy loading), not recorded.
    for name, engine in engines.items():
        for item in compiled[name]:
            engine.search(item)
    order = list(range(len(queries)))
    rng = random.Random(7)
    for rep in range(reps):
        rng.shuffle(order)
        for i in order:
            query = queries[i]
            for name, engine in engines.items():
                if name == "fts5" and spent[name] > fts_budget_s and rep >= 1:
                    continue
                started = time.perf_counter()
                result = engine.search(compiled[name][i])
                elapsed = (time.perf_counter() - started) * 1000
                spent[name] += elapsed / 1000
                samples[name][query.cls].append(elapsed)
                samples[name]["all"].append(elapsed)
                if query.cls.startswith("reuters_"):
                    samples[name]["reuters40"].append(elapsed)
                if rep == 0:
                    totals[name][query.label] = result.total if hasattr(result, "total") else result["total"]
    return {"stats": {name: {cls: stats(v) for cls, v in per.items()} for name, per in samples.items()},
            "totals": totals, "seconds": dict(spent)}


# ======================================================================================
# the run

def run(settings: Settings) -> dict:
    started = time.monotonic()
    # Import the service once, up front: a broken tree fails here, not after the loads.
    import service.app  # noqa: F401
    import service.backends.embedded  # noqa: F401
    import service.search  # noqa: F401
    work = settings.workdir
    if not (settings.resume and (work / "load.json").exists()):
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    queries = load_queries(settings.corpus)
    ticks_at_start, reference_at_start = host.cpu_ticks(), host.cpu_reference_ms()
    report: dict[str, Any] = {
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in settings.__dict__.items()},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "queries": [{"class": q.cls, "q": q.q, "params": q.params, "offset": q.offset} for q in queries],
    }
    saved = work / "load.json"
    if settings.resume and saved.exists():
        log(f"reusing the load figures and indexes of {work} (--resume)")
        report["load"] = load = json.loads(saved.read_text())
        report["load"]["resumed"] = True
    else:
        report["load"] = load = measure_load(settings, work)
        saved.write_text(json.dumps(load, indent=1))
    prepared = Path(load["prepared_path"])

    log("search, in-process: raw tantivy, embedded, FTS5")
    engines = {"raw_tantivy": RawTantivy(work / "raw-tantivy"),
               "embedded": EmbeddedEngine(work / "embedded"),
               "fts5": Fts5(work / "fts5.db")}
    report["search"] = measure_search(engines, queries, settings.reps, settings.fts_budget_s)

    log("HTTP: gunicorn")
    ids = _sample_ids(engines["raw_tantivy"], settings.fetch_ids, settings.seed)
    server = Gunicorn(work / "embedded")
    try:
        report["http"] = measure_http(server, queries, settings.http_reps, settings.http_clients)
        log("service overhead (one client)")
        report["overhead"] = measure_overhead(server, queries, settings.overhead_reps, ids,
                                              engines["embedded"], engines["raw_tantivy"])
        log("throughput at p99 <= 100 ms")
        report["throughput"] = measure_throughput(server, queries, settings.step_seconds,
                                                  settings.throughput_budget_s)
    finally:
        server.close()

    if "elasticsearch" in settings.backends:
        log("Elasticsearch")
        report["elasticsearch"] = measure_elasticsearch(settings, prepared, queries)
    else:
        report["elasticsearch"] = {"measured": False, "reason": "not requested (--backends)"}
    report["seconds"] = time.monotonic() - started
    report["host"] = {"cpu_reference_ms": [reference_at_start, host.cpu_reference_ms()],
                      "steal_share": host.steal_share(ticks_at_start, host.cpu_ticks())}
    report["targets"] = evaluate_targets(report, settings)
    return report


def _sample_ids(raw: RawTantivy, count: int, seed: int) -> list[str]:
    import tantivy

    hits = raw.searcher.search(tantivy.Query.all_query(), min(raw.count(), 20_000), count=False).hits
    chosen = random.Random(seed).sample(hits, min(count, len(hits)))
    return [raw.searcher.doc(address).get_first("id") for _, address in chosen]


def parse_args(argv: list[str] | None) -> tuple[Settings, argparse.Namespace]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--corpus", choices=("reuters", "synthetic"), default="reuters")
    parser.add_argument("--backends", default="embedded,elasticsearch",
                        help="comma list: embedded (always), elasticsearch (on osmem-server, or "
                             "ELASTICSEARCH_URL); `--backends embedded` skips Elasticsearch")
    parser.add_argument("--json", help="write the report here (default benchmarks/results/<corpus>-<size>.json)")
    parser.add_argument("--quick", action="store_true", help="5k articles, few repetitions (< 2 minutes)")
    parser.add_argument("--seed", type=int, default=corpora.DEFAULT_SEED)
    parser.add_argument("--load-size", type=int, default=None,
                        help="articles through the loader, exactly (default: min(size, 100000), "
                             "fewer if the loader would take longer than --load-budget)")
    parser.add_argument("--load-budget", type=float, default=None,
                        help="seconds the loader run may take, from the measured prepare rate (150)")
    parser.add_argument("--reps", type=int, default=None, help="in-process repetitions per query")
    parser.add_argument("--http-clients", type=int, default=2)
    parser.add_argument("--es-size", type=int, default=20_000,
                        help="articles indexed into Elasticsearch (osmem keeps them in memory)")
    parser.add_argument("--workdir", help="scratch folder (default benchmarks/results/work-<corpus>-<size>)")
    parser.add_argument("--keep-work", action="store_true", help="keep corpora and indexes afterwards")
    parser.add_argument("--resume", action="store_true",
                        help="reuse the load figures and indexes of a kept (or interrupted) workdir")
    args = parser.parse_args(argv)
    if args.quick:
        args.size = 5000 if args.size == 100_000 else args.size
    settings = Settings(size=args.size, corpus=args.corpus, seed=args.seed,
                        backends=tuple(b.strip() for b in args.backends.split(",") if b.strip()),
                        http_clients=args.http_clients, es_size=args.es_size)
    settings.workdir = Path(args.workdir) if args.workdir else RESULTS / f"work-{args.corpus}-{args.size}"
    settings.resume = args.resume
    if args.quick:
        settings.reps, settings.http_reps, settings.overhead_reps = 3, 2, 2
        settings.extract_sample, settings.fetch_ids = 1000, 50
        settings.step_seconds, settings.throughput_budget_s = 1.5, 10.0
        settings.fts_budget_s, settings.load_budget_s = 10.0, 30.0
    if args.load_size:
        settings.load_size, settings.load_size_fixed = args.load_size, True
    if args.load_budget:
        settings.load_budget_s = args.load_budget
    if args.reps:
        settings.reps = args.reps
    return settings, args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        result = WORKERS[argv[1]](**json.loads(argv[2]))
        print(json.dumps(result))
        return 0
    settings, args = parse_args(argv)
    try:
        report = run(settings)
    except BaseException:
        log(f"interrupted: {settings.workdir} is kept; --resume reuses its load figures and indexes")
        raise
    print_report(report)
    path = Path(args.json) if args.json else RESULTS / f"{settings.corpus}-{settings.size}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1, default=str))
    print(f"\nJSON report: {path}")
    if not args.keep_work:
        shutil.rmtree(settings.workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
