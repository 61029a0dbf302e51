"""The in-process engines the search latency table compares, each with the same
three calls (`compile` a BenchQuery once, `search` it, `fetch` by id):

* (a) raw tantivy: a minimal schema with the service's analyzers and queries built
  by hand, the reference every figure is a ratio to;
* (b) the embedded backend, exactly as the service calls it;
* (d) raw SQLite FTS5, a second, independent reference.

Index building lives here too (schema, documents, rows), so the indexing workers
and the searching engines cannot drift apart.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.queries import PAGE_SIZE, BenchQuery, api_args, hand_leaves, hand_parse
from service.backends.facet_counting import facet_terms

FRAGMENT_CHARS = 240


# ======================================================================================
# (a) raw tantivy: a minimal schema with the same analyzers, queries built by hand

RAW_FACETS = ("outlet", "place", "month", "speaker", "source")


def raw_schema():
    import tantivy
    from service.backends.tantivy_schema import EXACT, STEM

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in ("headline", "body"):
        builder.add_text_field(name, stored=True, tokenizer_name=STEM, index_option="position")
        builder.add_text_field(f"{name}_exact", tokenizer_name=EXACT, index_option="position")
    builder.add_text_field("quote", tokenizer_name=STEM, index_option="position")
    builder.add_text_field("quote_exact", tokenizer_name=EXACT, index_option="position")
    builder.add_text_field("outlet_key", tokenizer_name="raw", index_option="basic")
    for name in RAW_FACETS:
        builder.add_text_field(f"{name}_facet", fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_date_field("published", indexed=True, fast=True)
    return builder.build()


def open_raw_index(path: Path):
    import tantivy
    from service.backends.tantivy_schema import register_analyzers

    Path(path).mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(raw_schema(), path=str(path), reuse=True)
    register_analyzers(index)
    return index


def _published(article: dict) -> datetime | None:
    value = (article.get("dateline") or {}).get("published_at")
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def raw_document(article: dict):
    import tantivy

    document = tantivy.Document()
    document.add_text("id", article["id"])
    headline = article.get("headline") or ""
    document.add_text("headline", headline)
    document.add_text("headline_exact", headline)
    for paragraph in article.get("body") or ():
        document.add_text("body", paragraph)
        document.add_text("body_exact", paragraph)
    quotes = article.get("quotes") or ()
    for quote in quotes:
        if quote.get("text"):
            document.add_text("quote", quote["text"])
            document.add_text("quote_exact", quote["text"])
    outlet = article.get("outlet")
    if outlet:
        document.add_text("outlet_key", outlet.lower())
        document.add_text("outlet_facet", outlet)
    place = (article.get("dateline") or {}).get("place")
    if place:
        document.add_text("place_facet", place)
    published = _published(article)
    if published is not None:
        document.add_date("published", published)
        document.add_text("month_facet", published.strftime("%Y-%m"))
    for speaker in {q.get("speaker") for q in quotes if q.get("speaker")}:
        document.add_text("speaker_facet", speaker)
    for source in {s.get("name") for s in article.get("sources") or () if s.get("name")}:
        document.add_text("source_facet", source)
    return document


class RawTantivy:
    """What tantivy does on its own: hand-built Query objects, top-10, snippets."""

    name = "raw_tantivy"

    def __init__(self, path: Path):
        import tantivy
        from service.backends.tantivy_schema import ANALYZERS, EXACT, STEM

        self.tantivy = tantivy
        self.index = open_raw_index(path)
        self.index.reload()
        self.schema = self.index.schema
        self.stem, self.exact = ANALYZERS[STEM], ANALYZERS[EXACT]
        self.searcher = self.index.searcher()

    # -- compiling by hand --------------------------------------------------------------
    def _leaf(self, node):
        Query = self.tantivy.Query
        kind, scope, text = node
        fields = {None: ("headline", "body"), "headline": ("headline",), "body": ("body",),
                  "quote": ("quote",)}[scope]
        queries = []
        for name in fields:
            if kind == "term":
                tokens = self.stem.analyze(text)
                query = Query.term_query(self.schema, name, tokens[0]) if len(tokens) == 1 else \
                    Query.phrase_query(self.schema, name, tokens)
            else:
                tokens = self.exact.analyze(text)
                query = Query.term_query(self.schema, f"{name}_exact", tokens[0]) if len(tokens) == 1 \
                    else Query.phrase_query(self.schema, f"{name}_exact", tokens)
            queries.append(query)
        if scope is None:
            return Query.disjunction_max_query([Query.boost_query(queries[0], 3.0), queries[1]],
                                               tie_breaker=0.3)
        return queries[0]

    def _node(self, node):
        Query, Occur = self.tantivy.Query, self.tantivy.Occur
        kind = node[0]
        if kind in ("term", "phrase"):
            return self._leaf(node)
        if kind == "not":
            return Query.boolean_query([(Occur.Must, Query.all_query()),
                                        (Occur.MustNot, self._node(node[1]))])
        if kind == "or":
            return Query.boolean_query([(Occur.Should, self._node(c)) for c in node[1]])
        clauses = [(Occur.MustNot, self._node(c[1])) if c[0] == "not" else (Occur.Must, self._node(c))
                   for c in node[1]]
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.append((Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)

    def compile(self, bench: BenchQuery) -> dict:
        Query, Occur, FieldType = self.tantivy.Query, self.tantivy.Occur, self.tantivy.FieldType
        tree = hand_parse(bench.q)
        query = self._node(tree)
        filters = []
        outlets = bench.param("outlet")
        if outlets:
            filters.append(Query.term_set_query(self.schema, "outlet_key", [o.lower() for o in outlets]))
        since, until = bench.param("from"), bench.param("until")
        if since or until:
            lower = datetime.fromisoformat(since[0]).replace(tzinfo=timezone.utc) if since else None
            upper = datetime.fromisoformat(until[0]).replace(hour=23, minute=59, second=59,
                                                             tzinfo=timezone.utc) if until else None
            filters.append(Query.range_query(self.schema, "published", FieldType.Date, lower, upper,
                                             include_lower=True, include_upper=True))
        if filters:
            query = Query.boolean_query([(Occur.Must, query)] + [(Occur.Must, f) for f in filters])
        # Snippets light up the positive words, stemmed, as the service does.
        words = sorted({token for kind, scope, text in hand_leaves(tree) if scope in (None, "body", "quote")
                        for token in self.stem.analyze(text)})
        heads = sorted({token for kind, scope, text in hand_leaves(tree) if scope in (None, "headline")
                        for token in self.stem.analyze(text)})
        body_snippet = Query.boolean_query(
            [(Occur.Should, Query.term_query(self.schema, "body", w)) for w in words]) if words else None
        head_snippet = Query.boolean_query(
            [(Occur.Should, Query.term_query(self.schema, "headline", w)) for w in heads]) if heads else None
        facets = [f for value in bench.param("facets") for f in value.split(",") if f]
        # The service's own facet request (same per-segment size), so the ratio compares engines.
        aggregations = {name: {"terms": facet_terms(name, 10, "segment_size")} for name in facets}
        return {"query": query, "body_snippet": body_snippet, "head_snippet": head_snippet,
                "aggregations": aggregations, "offset": bench.offset}

    # -- searching ------------------------------------------------------------------
    def search(self, compiled: dict) -> dict:
        SnippetGenerator = self.tantivy.SnippetGenerator
        searcher = self.searcher
        result = searcher.search(compiled["query"], PAGE_SIZE, count=True, offset=compiled["offset"])
        body_gen = head_gen = None
        if compiled["body_snippet"] is not None:
            body_gen = SnippetGenerator.create(searcher, compiled["body_snippet"], self.schema, "body")
            body_gen.set_max_num_chars(FRAGMENT_CHARS)
        if compiled["head_snippet"] is not None:
            head_gen = SnippetGenerator.create(searcher, compiled["head_snippet"], self.schema, "headline")
        hits = []
        for score, address in result.hits:
            document = searcher.doc(address)
            hits.append({
                "id": document.get_first("id"),
                "score": score,
                "headline": head_gen.snippet_from_doc(document).to_html() if head_gen
                else document.get_first("headline"),
                "fragment": body_gen.snippet_from_doc(document).to_html() if body_gen else "",
            })
        facets = searcher.aggregate(compiled["query"], compiled["aggregations"]) \
            if compiled["aggregations"] else {}
        return {"total": result.count, "hits": hits, "facets": facets}

    def fetch(self, article_id: str) -> dict | None:
        query = self.tantivy.Query.term_query(self.schema, "id", article_id)
        hits = self.searcher.search(query, 1, count=False).hits
        return self.searcher.doc(hits[0][1]).to_dict() if hits else None

    def count(self) -> int:
        return self.searcher.num_docs


# ======================================================================================
# (b) the embedded backend, in-process

class EmbeddedEngine:
    name = "embedded"

    def __init__(self, data_dir: Path):
        from service.backends.embedded import EmbeddedBackend

        # Every faceted search counts: the benchmark repeats each query, and
        # remembered counts (the next page's) would time the cache instead.
        self.backend = EmbeddedBackend(data_dir, facet_cache_size=0)

    def compile(self, bench: BenchQuery) -> dict:
        """The validated arguments the API would pass on (schema work is not timed)."""
        return api_args(bench)

    def search(self, args: dict):
        from service.search import build_request

        return self.backend.search(build_request(args))

    def fetch(self, article_id: str):
        return self.backend.get(article_id)


# ======================================================================================
# (d) raw SQLite FTS5

FTS_SCHEMA = """
CREATE VIRTUAL TABLE docs USING fts5(headline, body, quote, tokenize='porter unicode61 remove_diacritics 2');
CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, outlet TEXT, published TEXT);
CREATE TABLE facet(docid INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL);
"""
FTS_INDEXES = """
CREATE UNIQUE INDEX meta_id ON meta(id);
CREATE INDEX facet_doc ON facet(docid);
INSERT INTO docs(docs, rank) VALUES('rank', 'bm25(3.0, 1.0, 1.0)');
"""


def fts_rows(article: dict, rowid: int):
    published = _published(article)
    quotes = article.get("quotes") or ()
    doc = (rowid, article.get("headline") or "", "\n".join(article.get("body") or ()),
           "\n".join(q["text"] for q in quotes if q.get("text")))
    meta = (rowid, article["id"], (article.get("outlet") or "").lower(),
            published.astimezone(timezone.utc).isoformat() if published else None)
    facets = []
    if article.get("outlet"):
        facets.append((rowid, "outlet", article["outlet"]))
    place = (article.get("dateline") or {}).get("place")
    if place:
        facets.append((rowid, "place", place))
    if published:
        facets.append((rowid, "month", published.strftime("%Y-%m")))
    for speaker in {q.get("speaker") for q in quotes if q.get("speaker")}:
        facets.append((rowid, "speaker", speaker))
    for source in {s.get("name") for s in article.get("sources") or () if s.get("name")}:
        facets.append((rowid, "source", source))
    return doc, meta, facets


def _fts_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_expression(node) -> str:
    kind = node[0]
    if kind in ("term", "phrase"):
        _, scope, text = node
        columns = {None: "{headline body}", "headline": "headline", "body": "body", "quote": "quote"}[scope]
        return f"{columns} : {_fts_quote(text)}"
    if kind == "or":
        return "(" + " OR ".join(fts_expression(c) for c in node[1]) + ")"
    if kind == "not":
        raise ValueError("a lone NOT has no FTS5 form")
    positive = [fts_expression(c) for c in node[1] if c[0] != "not"]
    negative = [fts_expression(c[1]) for c in node[1] if c[0] == "not"]
    text = "(" + " AND ".join(positive) + ")"
    for item in negative:
        text += f" NOT {item}"
    return text


class Fts5:
    name = "fts5"

    def __init__(self, path: Path):
        self.db = sqlite3.connect(str(path), check_same_thread=False)
        self.db.execute("PRAGMA query_only = ON")
        self.db.execute("PRAGMA cache_size = -262144")  # 256 MB page cache, as for tantivy's mmap

    def compile(self, bench: BenchQuery) -> dict:
        where, params = ["docs MATCH ?"], [fts_expression(hand_parse(bench.q))]
        outlets = bench.param("outlet")
        meta = []
        if outlets:
            meta.append("m.outlet IN (" + ",".join("?" * len(outlets)) + ")")
            params += [o.lower() for o in outlets]
        since, until = bench.param("from"), bench.param("until")
        if since:
            meta.append("m.published >= ?")
            params.append(datetime.fromisoformat(since[0]).replace(tzinfo=timezone.utc).isoformat())
        if until:
            meta.append("m.published <= ?")
            params.append(datetime.fromisoformat(until[0]).replace(
                hour=23, minute=59, second=59, tzinfo=timezone.utc).isoformat())
        if meta:
            where.append("EXISTS (SELECT 1 FROM meta m WHERE m.rowid = docs.rowid AND "
                         + " AND ".join(meta) + ")")
        sql = ("SELECT rowid, (SELECT id FROM meta WHERE meta.rowid = docs.rowid), "
               "highlight(docs, 0, '<em>', '</em>'), "
               "snippet(docs, 1, '<em>', '</em>', '…', 32), rank FROM docs WHERE "
               + " AND ".join(where) + " ORDER BY rank LIMIT ? OFFSET ?")
        count_sql = "SELECT count(*) FROM docs WHERE " + " AND ".join(where)
        facets = [f for value in bench.param("facets") for f in value.split(",") if f]
        facet_sql = None
        if facets:
            facet_sql = ("SELECT f.name, f.value, count(*) AS n FROM facet f JOIN "
                         "(SELECT rowid FROM docs WHERE " + " AND ".join(where) + ") hit "
                         "ON f.docid = hit.rowid WHERE f.name IN (" + ",".join("?" * len(facets))
                         + ") GROUP BY f.name, f.value")
        return {"sql": sql, "count_sql": count_sql, "facet_sql": facet_sql, "params": params,
                "facets": facets, "offset": bench.offset}

    def search(self, compiled: dict) -> dict:
        params = compiled["params"]
        rows = self.db.execute(compiled["sql"], params + [PAGE_SIZE, compiled["offset"]]).fetchall()
        total = self.db.execute(compiled["count_sql"], params).fetchone()[0]
        facets: dict[str, list] = {}
        if compiled["facet_sql"]:
            buckets = defaultdict(list)
            for name, value, count in self.db.execute(compiled["facet_sql"], params + compiled["facets"]):
                buckets[name].append((count, value))
            facets = {name: sorted(values, reverse=True)[:10] for name, values in buckets.items()}
        return {"total": total, "hits": [{"id": r[1], "headline": r[2], "fragment": r[3]} for r in rows],
                "facets": facets}

    def fetch(self, article_id: str):
        return self.db.execute("SELECT m.id, d.headline, d.body FROM meta m JOIN docs d ON d.rowid = m.rowid "
                               "WHERE m.id = ?", (article_id,)).fetchone()
