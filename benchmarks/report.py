"""What a run's figures mean: the issue's targets checked against the report
(`evaluate_targets`, with the run's settings) and the printed tables
(`print_report`, from the report dict alone). Kept apart from the measuring so
that changing how a figure is shown cannot change how it is taken.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterable

from benchmarks.queries import PAGE_SIZE
from benchmarks.stats import ratio

if TYPE_CHECKING:
    from benchmarks.run import Settings

ENGINES = ("raw_tantivy", "embedded", "http", "fts5")
ENGINE_TITLES = {
    "raw_tantivy": "(a) raw tantivy",
    "embedded": "(b) embedded in-process",
    "http": "(c) HTTP API (gunicorn)",
    "fts5": "(d) raw SQLite FTS5",
    "elasticsearch": "(e) Elasticsearch (osmem)",
}
#: Query classes the HTTP p95 target covers: terms and phrases, facets included.
TERM_PHRASE_CLASSES = ("rare_term", "common_term", "phrase", "facets", "reuters_term", "reuters_phrase")
TARGETS = {
    "embedded_over_raw_p95": 1.5,
    "overhead_p50_ms": 1.0,
    "overhead_p99_ms": 3.0,
    "http_p95_ms_100k": 10.0,
    "http_p95_ms_1m": 25.0,
    "max_query_ms": 1000.0,
    "load_rate": 2500.0,
    "upsert_over_raw_time": 2.0,
    "extraction_rate": 1500.0,
}
#: Raw tantivy's reuters40 p95 where the issue set its targets (ms), by corpus size.
ISSUE_RAW_P95_MS = {100_000: 1.7, 1_000_000: 7.2}


def _search_stat(report: dict, engine: str, cls: str, key: str) -> float | None:
    if engine == "http":
        return (report["http"]["stats"].get(cls) or {}).get(key)
    return (report["search"]["stats"][engine].get(cls) or {}).get(key)


def _pooled(report: dict, engine: str, classes: Iterable[str], key: str) -> float | None:
    values = [_search_stat(report, engine, c, key) for c in classes]
    values = [v for v in values if v is not None]
    return max(values) if values else None


def evaluate_targets(report: dict, settings: Settings) -> list[dict]:
    load = report["load"]
    reference_classes = ["reuters40"] if settings.corpus == "reuters" else ["all"]
    rows = []

    def add(name, value, target, ok, note="", absolute=None):
        """`absolute`: ("time", at most) or ("rate", at least) for a target in absolute units
        (see `_at_issue_speed`)."""
        rows.append({"figure": name, "value": value, "target": target,
                     "met": None if value is None or ok is None else bool(ok), "note": note, "absolute": absolute})

    raw95 = _search_stat(report, "raw_tantivy", reference_classes[0], "p95")
    add(f"raw tantivy p95, {reference_classes[0]} (issue measured 1.7 ms at 100k, 7.2 ms at 1M)",
        raw95, "reference", None, "context only")
    fts95 = _search_stat(report, "fts5", reference_classes[0], "p95")
    add(f"raw SQLite FTS5 p95, {reference_classes[0]} (issue measured 34 ms at 100k, 307 ms at 1M)",
        fts95, "reference", None, "context only: with raw tantivy's, says how this host compares")
    emb95 = _search_stat(report, "embedded", reference_classes[0], "p95")
    add(f"embedded / raw tantivy p95, {reference_classes[0]}", ratio(emb95, raw95), "<= 1.5x",
        (ratio(emb95, raw95) or 99) <= TARGETS["embedded_over_raw_p95"])
    emb95_all = _search_stat(report, "embedded", "all", "p95")
    raw95_all = _search_stat(report, "raw_tantivy", "all", "p95")
    add("embedded / raw tantivy p95, all classes", ratio(emb95_all, raw95_all), "<= 1.5x",
        (ratio(emb95_all, raw95_all) or 99) <= TARGETS["embedded_over_raw_p95"])
    over = report["overhead"]["search"]["overhead"]
    add("service overhead, search p50 (ms)", over["p50"], "<= 1 ms", over["p50"] <= 1.0,
        absolute=("time", TARGETS["overhead_p50_ms"]))
    add("service overhead, search p99 (ms)", over["p99"], "<= 3 ms", over["p99"] <= 3.0,
        absolute=("time", TARGETS["overhead_p99_ms"]))
    fetch = report["overhead"]["fetch"]["overhead"]
    if fetch["p50"] is not None:
        add("service overhead, fetch by id p50 (ms)", fetch["p50"], "<= 1 ms", fetch["p50"] <= 1.0,
            absolute=("time", TARGETS["overhead_p50_ms"]))
        add("service overhead, fetch by id p99 (ms)", fetch["p99"], "<= 3 ms", fetch["p99"] <= 3.0,
            absolute=("time", TARGETS["overhead_p99_ms"]))
    limit = TARGETS["http_p95_ms_1m"] if settings.size >= 1_000_000 else TARGETS["http_p95_ms_100k"]
    classes = [c for c in TERM_PHRASE_CLASSES if c in report["http"]["stats"]]
    worst = _pooled(report, "http", classes, "p95")
    add(f"HTTP p95, worst of {', '.join(classes)} (ms, {report['http']['clients']} clients)", worst,
        f"<= {limit:g} ms", worst is not None and worst <= limit,
        "" if settings.size in (100_000, 1_000_000) else f"target is for 100k/1M; this run is {settings.size}",
        absolute=("time", limit))
    slowest = max((s["max"] for s in report["http"]["stats"].values() if s["max"] is not None), default=None)
    add("slowest HTTP query (ms)", slowest, "< 1000 ms", slowest is not None and slowest < 1000)
    add("loader with extraction (articles/s)", load["loader"]["rate"], ">= 2500/s",
        load["loader"]["rate"] >= TARGETS["load_rate"], absolute=("rate", TARGETS["load_rate"]))
    add("indexing prepared JSONL: time vs raw tantivy", load["upsert_vs_raw_time"], "<= 2x",
        load["upsert_vs_raw_time"] <= TARGETS["upsert_over_raw_time"])
    add("extraction alone (articles/s, one core)", load["extraction"]["extract_rate"], ">= 1500/s",
        load["extraction"]["extract_rate"] >= TARGETS["extraction_rate"],
        f"mean {load['extraction']['mean_words']:.0f} words/article",
        absolute=("rate", TARGETS["extraction_rate"]))
    add("peak memory the loader holds (RssAnon), large / small size", load["anon_flat_ratio"], "flat (~1x)",
        load["anon_flat_ratio"] <= 1.2, f"{load['loader_small']['peak_anon_mb']:.0f} -> "
        f"{load['loader']['peak_anon_mb']:.0f} MB")
    if "anon_halves_ratio" in load:
        first, second = load["loader"]["peak_anon_halves_mb"]
        add("peak memory the loader holds (RssAnon), 2nd / 1st half of the large load", load["anon_halves_ratio"],
            "flat (<= 1.1x)", load["anon_halves_ratio"] <= 1.1, f"{first:.0f} -> {second:.0f} MB")
    add("peak RSS incl. the index's mmapped files, large / small size", load["rss_flat_ratio"], "context",
        None, "file pages the kernel can drop; they grow with the index")
    return rows + _at_issue_speed(rows, settings, raw95)


def _at_issue_speed(rows: list[dict], settings: "Settings", raw95: float | None) -> list[dict]:
    """The targets set in milliseconds or articles per second, with this run's
    figures brought to the speed of the host the issue measured on.

    The issue set them where raw tantivy answered the Reuters queries at p95
    1.7 ms (100k) and 7.2 ms (1M). A slower host is slower at everything,
    roughly, so a time is divided, and a rate multiplied, by this run's raw
    p95 over the issue's. An estimate: it assumes Python's work (the loader,
    the service) slows as tantivy's does, which the CPU reference line can
    contradict, and so can FTS5's p95 against the issue's (the row above
    them): where FTS5 runs at the issue's speed and tantivy does not, the
    host is not simply slower. The rows as measured decide the targets (`met`); these rows
    only say which misses are the host's (`met_at_issue_speed`). Reuters at
    100k and 1M only: the issue's references are for those.
    """
    issue_raw = ISSUE_RAW_P95_MS.get(settings.size)
    if settings.corpus != "reuters" or issue_raw is None or not raw95:
        return []
    factor = raw95 / issue_raw
    scaled = []
    for row in rows:
        if row["absolute"] is None or row["value"] is None:
            continue
        kind, limit = row["absolute"]
        value = row["value"] / factor if kind == "time" else row["value"] * factor
        met = value <= limit if kind == "time" else value >= limit
        scaled.append({"figure": f"  at the issue's host speed: {row['figure']}", "value": value,
                       "target": row["target"], "met": None, "met_at_issue_speed": met, "absolute": None,
                       "note": f"x{factor:.2f}: raw tantivy p95 {raw95:.2f} ms here, {issue_raw:g} ms there"})
    return scaled


def _fmt(value, digits=2, suffix="") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{suffix}"
    return f"{value:,}{suffix}"


def print_report(report: dict, out=sys.stdout) -> None:
    settings = report["settings"]
    w = out.write
    w(f"\nBenchmark: {settings['corpus']} corpus, {settings['size']:,} articles "
      f"({report['machine']['cpus']} cpus, Python {report['machine']['python']}), "
      f"{report['seconds']:.0f} s\n")
    if "host" in report:  # reports written before it lack it
        start, end = report["host"]["cpu_reference_ms"]
        steal = report["host"]["steal_share"]
        w(f"Host: CPU reference workload {start:.1f} ms at the start, {end:.1f} ms at the end (lower is "
          f"faster; scale absolute rates by it to compare hosts); CPU stolen by other guests "
          f"{_fmt(steal * 100 if steal is not None else None, 1, '%')}\n")
    load = report["load"]
    raw_rate = load["raw_tantivy"]["rate"]
    w("\nLOAD                                          articles/s   x raw tantivy time  peak RSS MB   index KB/1k\n")
    rows = [
        (f"loader: readers+extraction+indexing ({load['loader']['read']:,})", load["loader"]["rate"],
         raw_rate / load["loader"]["rate"], load["loader"]["peak_rss_mb"],
         load["index_bytes_per_1k"]["embedded_after_loader"]),
        (f"loader, small size ({load['loader_small']['read']:,})", load["loader_small"]["rate"],
         raw_rate / load["loader_small"]["rate"], load["loader_small"]["peak_rss_mb"], None),
        (f"indexing prepared JSONL, backend.upsert ({load['upsert']['articles']:,})",
         load["upsert"]["rate"], raw_rate / load["upsert"]["rate"], load["upsert"]["peak_rss_mb"],
         load["index_bytes_per_1k"]["embedded"]),
        ("(a) raw tantivy, minimal schema", raw_rate, 1.0, load["raw_tantivy"]["peak_rss_mb"],
         load["index_bytes_per_1k"]["raw_tantivy"]),
        ("(d) raw SQLite FTS5", load["fts5"]["rate"], raw_rate / load["fts5"]["rate"],
         load["fts5"]["peak_rss_mb"], load["index_bytes_per_1k"]["fts5"]),
        (f"extraction alone, one core ({load['extraction']['articles']:,})",
         load["extraction"]["extract_rate"], None, None, None),
        ("prepare (clean+extract+id+hash+schema), one core", load["extraction"]["prepare_rate"],
         None, None, None),
    ]
    for name, rate, times, rss, size in rows:
        w(f"  {name:<52}{_fmt(rate, 0):>10}{_fmt(times, 2, 'x'):>14}{_fmt(rss, 0):>14}"
          f"{_fmt(size / 1024 if size else None, 0):>14}\n")
    w(f"  peak RSS, loader at {load['loader']['read']:,} / at {load['loader_small']['read']:,}: "
      f"{load['rss_flat_ratio']:.2f}x; anonymous memory (RssAnon) {load['loader_small']['peak_anon_mb']:.0f} -> "
      f"{load['loader']['peak_anon_mb']:.0f} MB, {load['anon_flat_ratio']:.2f}x\n")
    if "anon_halves_ratio" in load:
        first, second = load["loader"]["peak_anon_halves_mb"]
        w(f"  RssAnon of the large load, first half -> second half: {first:.0f} -> {second:.0f} MB, "
          f"{load['anon_halves_ratio']:.2f}x (growth with the articles loaded shows here; the first "
          "commit's step shows in both)\n")
    split = load["loader"].get("cpu_ms_per_article")
    if split:
        cores, spent = report["machine"]["cpus"], sum(split.values())
        w(f"  loader CPU per article ({spent:.3f} ms in all, for {cores:,} cores: at most "
          f"{cores * 1000 / max(1e-9, spent):,.0f} articles/s): preparing processes "
          f"{split['preparing_processes']:.3f} ms, the writing process's Python thread "
          f"{split['python_main']:.3f}, tantivy's threads {split['tantivy']:.3f}, other threads "
          f"{split['other_threads']:.3f}\n")
    if load["upsert"].get("peak_anon_mb"):
        w(f"  RssAnon of the write path alone (indexing prepared JSONL, {load['upsert']['articles']:,} articles): "
          f"{load['upsert']['peak_anon_mb']:.0f} MB\n")

    search = report["search"]["stats"]
    http = report["http"]["stats"]
    classes = list(dict.fromkeys([q["class"] for q in report["queries"]]))
    classes += [c for c in ("reuters40", "all") if c in search["raw_tantivy"]]
    w(f"\nSEARCH latency, ms (top-{PAGE_SIZE}, highlighted fragment); [xN] = ratio to (a) raw tantivy "
      f"at the same percentile; HTTP with {report['http']['clients']} concurrent clients\n")
    w(f"  {'class':<15}{'engine':<26}{'n':>6}{'p50':>9}{'p95':>9}{'p99':>9}"
      f"{'x p50':>8}{'x p95':>8}{'x p99':>8}\n")
    es = report.get("elasticsearch") or {}
    for cls in classes:
        reference = search["raw_tantivy"].get(cls) or {}
        for engine in ("raw_tantivy", "embedded", "http", "fts5", "elasticsearch"):
            if engine == "http":
                s = http.get(cls)
            elif engine == "elasticsearch":
                s = (es.get("stats") or {}).get(cls) if es.get("measured") else None
            else:
                s = search[engine].get(cls)
            if not s:
                continue
            w(f"  {cls:<15}{ENGINE_TITLES[engine]:<26}{s['n']:>6}"
              + "".join(f"{_fmt(s[k], 2):>9}" for k in ("p50", "p95", "p99"))
              + "".join(f"{_fmt(ratio(s[k], reference.get(k)), 1, 'x'):>8}" for k in ("p50", "p95", "p99"))
              + "\n")
    over = report["overhead"]
    w("\nSERVICE OVERHEAD (one client, keep-alive): HTTP time - engine took_ms\n")
    so = over["search"]
    w(f"  search: overhead p50 {_fmt(so['overhead']['p50'])} ms, p99 {_fmt(so['overhead']['p99'])} ms "
      f"(HTTP p50 {_fmt(so['http']['p50'])} / engine took p50 {_fmt(so['took']['p50'])} ms)\n")
    fo = over["fetch"]
    w(f"  fetch by id: HTTP p50 {_fmt(fo['http']['p50'])} p99 {_fmt(fo['http']['p99'])} ms; "
      f"embedded get p50 {_fmt(fo['embedded']['p50'])} p99 {_fmt(fo['embedded']['p99'])} ms; "
      f"raw tantivy p50 {_fmt(fo['raw_tantivy']['p50'])} p99 {_fmt(fo['raw_tantivy']['p99'])} ms; "
      f"overhead p50 {_fmt(fo['overhead']['p50'])} p99 {_fmt(fo['overhead']['p99'])} ms "
      f"[HTTP p50 x{_fmt(ratio(fo['http']['p50'], fo['raw_tantivy']['p50']), 1)} raw]\n")
    tp = report["throughput"]
    w(f"\nTHROUGHPUT (gunicorn {tp['workers']} workers x {tp['threads']} threads, mixed query set, "
      f"p99 <= {tp['limit_p99_ms']:g} ms)\n")
    for step in tp["steps"]:
        w(f"  concurrency {step['concurrency']:>3}: {step['rps']:>8.0f} req/s  p50 {_fmt(step['p50'])} "
          f"p99 {_fmt(step['p99'])} ms  errors {step['errors']}\n")
    best = tp["best"]
    w(f"  => {_fmt(best['rps'], 0) if best else '-'} req/s at p99 <= {tp['limit_p99_ms']:g} ms"
      f"{' (concurrency ' + str(best['concurrency']) + ')' if best else ''}\n")
    w("\nELASTICSEARCH\n")
    if es.get("measured"):
        w(f"  {es['engine']}: indexing {es['load']['articles']:,} prepared articles at "
          f"{es['load']['rate']:,.0f}/s; client overhead over the engine's took: p50 "
          f"{_fmt(es['client_overhead']['p50'])} ms, p99 {_fmt(es['client_overhead']['p99'])} ms "
          f"(client CPU p50 {_fmt((es.get('client_cpu') or {}).get('p50'))} ms; the rest is the "
          f"engine's time outside its took, and HTTP)\n")
        w(f"  (search figures above, row (e); index holds {es['articles_indexed']:,} articles, "
          f"not the full corpus unless --es-size >= --size)\n")
    else:
        w(f"  not measured: {es.get('reason')}\n")
    w("\nTARGETS (issue 7)\n")
    for row in report["targets"]:
        mark = {True: "met", False: "MISSED", None: "-"}[row["met"]]
        if "met_at_issue_speed" in row:
            mark = "(met)" if row["met_at_issue_speed"] else "(miss)"
        value = row["value"]
        text = _fmt(value, 2) if isinstance(value, float) else str(value)
        w(f"  {mark:<7}{row['figure']:<76}{text:>10}  {row['target']}"
          f"{'  (' + row['note'] + ')' if row['note'] else ''}\n")
