"""The backend contract: what every backend must answer, the same way."""
from __future__ import annotations

import base64
import html
import json
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.backends.date_keys import sort_keys
from service.backends.document import derived_fields, parse_timestamp
from service.backends.write_results import WriteResult
from service.errors import InvalidCursor, InvalidRequest
from service.query import parse

from .corpus import corpus, ids_with

FILLER = {f"c-fill-{n:02d}" for n in range(23)}


def ids(backend, q="", size=100, **kwargs) -> list[str]:
    page = backend.search(SearchRequest(parse(q), size=size, **kwargs))
    return [hit.id for hit in page.hits]


def found(backend, q, **kwargs) -> set[str]:
    return set(ids(backend, q, **kwargs))


# -- the query language --------------------------------------------------------

def test_plain_words_are_stemmed(backend):
    assert found(backend, "lines") == {"c-redline-1", "c-redline-2", "c-escape"}


def test_quoted_phrase_is_exact_and_ordered(backend):
    assert found(backend, '"red line"') == {"c-redline-1", "c-escape"}
    assert found(backend, '"line red"') == set()


@pytest.mark.parametrize("q", ['"red line”', "„red line”", "“red line“"])
def test_a_phrase_closed_by_another_styles_quote_mark_is_the_phrase(backend, q):
    """These were 400 'Unclosed quote' (a straight quote closed curly by an editor, Polish „…”)."""
    assert found(backend, q) == found(backend, '"red line"') == {"c-redline-1", "c-escape"}


def test_a_phrase_ending_in_a_star_ends_in_a_prefix(backend):
    # "red line" and "red lines": the last word a prefix, the words before it a phrase
    assert found(backend, '"red li*"') == {"c-redline-1", "c-redline-2", "c-escape"}
    assert found(backend, '"line re*"') == set()


def test_a_phrase_prefix_reaches_past_the_first_fifty_words(backend):
    """tantivy's phrase prefix query tried only the first 50 words starting
    `li`; "lizard" comes after sixty others here."""
    original = next(a for a in corpus() if a["id"] == "c-french")
    others = " ".join(f"liq{n:03d}" for n in range(60))
    changed = dict(original, body=[f"Words: {others}.", "A red lizard crossed."], content_hash="many-li")
    try:
        backend.upsert([changed])
        assert found(backend, '"red li*"') == {"c-redline-1", "c-redline-2", "c-escape", "c-french"}
        assert found(backend, '"words liq05*"') == set()
        assert found(backend, '"words liq00*"') == {"c-french"}
    finally:
        backend.upsert([original])


def test_phrase_does_not_cross_paragraphs(backend):
    # "...went well." ends paragraph 1 and "A source" starts paragraph 2.
    assert found(backend, '"well a source"') == set()
    assert found(backend, '"source familiar"') == {"c-aliyev"}


def test_words_are_all_required(backend):
    assert found(backend, "red tariffs") == {"c-redline-1"}


def test_exclusion(backend):
    assert found(backend, "red -tariffs") == {"c-redline-2", "c-escape"}
    assert found(backend, "red NOT tariffs") == {"c-redline-2", "c-escape"}


def test_or_and_parentheses(backend):
    assert found(backend, "tariffs OR quotas") == {"c-redline-1", "c-redline-2"}
    assert found(backend, "red (tariffs OR quotas)") == {"c-redline-1", "c-redline-2"}
    assert found(backend, "(tariffs OR quotas) -fishermen") == {"c-redline-1"}


@pytest.mark.parametrize("q", ["🌊", "€", "™", "&", 'headline:""', '""', "speaker:🌊", "outlet:€", "(&)"])
def test_a_term_without_words_matches_nothing(backend, q):
    """Each matched the whole archive: only an empty q does."""
    everything = found(backend, "")
    assert len(everything) > 30
    assert found(backend, q) == set()
    assert found(backend, f"NOT {q}") == everything
    assert found(backend, f"red OR {q}") == found(backend, "red")
    assert found(backend, f"({q}) OR red") == found(backend, "red")
    assert found(backend, f"red -{q}") == found(backend, "red")
    assert backend.search_quotes(QuoteSearchRequest(parse(q), size=10)).total == 0


def test_punctuation_between_words_only_separates_them(backend):
    assert found(backend, "red & line") == found(backend, "red line")


def test_prefix(backend):
    assert found(backend, "negotia*") == {"c-redline-1", "c-redline-2"}
    assert found(backend, "negotiators") == {"c-redline-1", "c-redline-2"}  # both stem to "negoti"
    assert found(backend, "\"negotiators\"") == {"c-redline-1"}


def test_a_soft_hyphen_in_a_query_word_is_dropped(backend):
    """Pasted from a page with `&shy;`: the embedded index read the phrase
    "negoti ators", Elasticsearch one unknown word; both found nothing."""
    assert found(backend, "negoti\u00adators") == found(backend, "negotiators") == {"c-redline-1", "c-redline-2"}
    assert found(backend, '"negoti\u00adators"') == {"c-redline-1"}


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u2060", "\u2067", "\ufeff"])
def test_invisible_marks_pasted_with_a_query_change_nothing(backend, mark):
    """Glued to a word, a direction mark or word joiner made it an unknown word
    on Elasticsearch; standing alone, a term matching nothing on both."""
    expected = {"c-redline-1", "c-redline-2"}
    assert found(backend, f"negotiators{mark}") == found(backend, f"negotiators {mark}") == expected
    assert found(backend, f'"{mark}red line{mark}"') == {"c-redline-1", "c-escape"}


def test_accents_fold(backend):
    assert found(backend, "apres") == {"c-french"}
    assert found(backend, "après") == {"c-french"}


def test_a_prefix_folds_letters_that_carry_no_accent_mark(backend):
    """ł, ø, ß, æ do not decompose into a letter and a mark, yet the analyzers
    fold them (ASCII folding): a prefix typed with them finds the folded words."""
    original = next(a for a in corpus() if a["id"] == "c-french")
    changed = dict(original, body=["Małgorzata Wójcik et Søren Ødegård à la Straßenbahn."],
                   content_hash="folded-letters")
    try:
        backend.upsert([changed])
        for query in ("Małg*", "malg*", "Sør*", "ØDEG*", "Straß*", "strass*"):
            assert found(backend, query) == {"c-french"}, query
    finally:
        backend.upsert([original])


@pytest.mark.parametrize("query", ["北京*", "北京大*", '"à 北京*"', "ひらが*", "서울*", "Ελλ*", "Zür*"])
def test_a_prefix_finds_words_of_any_script(backend, query):
    """Elasticsearch's tokenizer makes each Han or Hiragana character a token,
    tantivy's keeps the run: a word start finds the article on both."""
    original = next(a for a in corpus() if a["id"] == "c-french")
    changed = dict(original, body=["Il étudie à 北京大学, en ひらがなです, à 서울특별시, en Ελλάδα et à Zürich."],
                   content_hash="scripts")
    try:
        backend.upsert([changed])
        page = backend.search(SearchRequest(parse(query)))
        assert [hit.id for hit in page.hits] == ["c-french"]
        assert "<em>" in page.hits[0].highlights["body"][0]
    finally:
        backend.upsert([original])


@pytest.mark.parametrize("query, expected", [
    ("headline:harbour", {"c-headline-harbour"}),
    ("body:harbour", FILLER),
    ('headline:"red line"', {"c-redline-1"}),
    ("quote:fishermen", {"c-redline-2", "c-okafor-2", "c-okafor-3"}),
    ("speaker:aliyev", {"c-aliyev"}),
    ('speaker:"Ilham Aliyev"', {"c-aliyev"}),
    ("source:anonymous OR source:officials", {"c-redline-1"}),
    ("outlet:gazette -body:harbour", {"c-redline-2"}),
    ("dateline:baku", {"c-aliyev"}),
    ("headline:(talks OR dredging)", {"c-redline-1", "c-aliyev", "c-headline-harbour"}),
])
def test_field_scopes(backend, query, expected):
    assert found(backend, query) == expected


def test_empty_query_matches_everything(backend):
    page = backend.search(SearchRequest(parse(""), size=1))
    assert page.total == len(corpus()) == backend.count()
    assert page.total_exact  # counted to the end, on both engines


def test_headline_match_ranks_above_body_match(backend):
    ranked = ids(backend, "harbour")
    assert ranked[0] == "c-headline-harbour"
    assert set(ranked) == FILLER | {"c-headline-harbour"}


# -- filters -------------------------------------------------------------------

@pytest.mark.parametrize("name, values, expected", [
    ("outlet", ["reuters"], {"c-redline-1", "c-headline-harbour"}),
    ("outlet", ["REUTERS", "jerusalem post"], {"c-redline-1", "c-headline-harbour", "c-aliyev"}),
    ("place", ["baku"], {"c-aliyev"}),
    ("speaker", ["Lena Okafor"], {"c-redline-2", "c-okafor-2"}),
    ("source", ["a source familiar with the matter"], {"c-aliyev"}),
    ("source_kind", ["anonymous"], {"c-redline-1", "c-aliyev"}),
    ("section", ["Business"], {"c-redline-1", "c-headline-harbour"}),
    ("language", ["fr"], {"c-french"}),
])
def test_keyword_filters(backend, name, values, expected):
    assert found(backend, "", filters=Filters.build(**{name: values})) == expected


def test_date_range_filter(backend):
    since = datetime(2025, 2, 1, tzinfo=timezone.utc)
    until = datetime(2025, 3, 31, 23, 59, 59, tzinfo=timezone.utc)
    assert found(backend, "", filters=Filters.build(since=since, until=until)) == {"c-redline-1", "c-escape"}


@pytest.mark.parametrize("since, until, expected", [
    # c-aliyev is dated 2025-04-11T14:54:00: each bound holds its own instant, to the microsecond
    (datetime(2025, 4, 11, 14, 54, tzinfo=timezone.utc), None, {"c-aliyev"}),
    (datetime(2025, 4, 11, 14, 54, 0, 1, tzinfo=timezone.utc), None, set()),
    (datetime(2025, 4, 11, 14, 54, 0, 999, tzinfo=timezone.utc), None, set()),
    (None, datetime(2025, 4, 11, 14, 54, tzinfo=timezone.utc), {"c-aliyev"}),
    (None, datetime(2025, 4, 11, 14, 53, 59, 999_999, tzinfo=timezone.utc), set()),
    (datetime(2025, 4, 11, 16, 54, tzinfo=timezone(timedelta(hours=2))), None, {"c-aliyev"}),
])
def test_date_bounds_are_exact_instants(backend, since, until, expected):
    assert found(backend, "baku", filters=Filters.build(since=since, until=until)) == expected


DATED = ids_with(lambda a: a["dateline"].get("published_at"))
UTC = timezone.utc


@pytest.mark.parametrize("since, until, expected", [
    # Bounds beyond what an engine can hold are open bounds: every dated article.
    (datetime(1, 1, 1, tzinfo=UTC), None, DATED),
    (None, datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC), DATED),
    (datetime(1677, 9, 21, tzinfo=UTC), datetime(2262, 4, 12, tzinfo=UTC), DATED),
    (datetime(1, 1, 1, tzinfo=UTC), datetime(2024, 1, 31, tzinfo=UTC),
     ids_with(lambda a: (a["dateline"].get("published_at") or "9") < "2024-01-31")),
    (datetime(2025, 4, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC), {"c-aliyev"}),
    # A range wholly beyond them matches nothing.
    (datetime(2263, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC), set()),
    (datetime(1, 1, 1, tzinfo=UTC), datetime(1600, 1, 1, tzinfo=UTC), set()),
])
def test_date_bounds_beyond_the_engines_range(backend, since, until, expected):
    filters = Filters.build(since=since, until=until)
    assert found(backend, "", filters=filters) == expected
    quotes = backend.search_quotes(QuoteSearchRequest(parse(""), filters=filters, size=100))
    assert {hit.article["article"]["id"] for hit in quotes.hits} <= expected
    assert {row["name"] for row in backend.source_counts(filters, 100)} >= (
        {"Ilham Aliyev"} if "c-aliyev" in expected else set())


def test_filters_combine_with_query(backend):
    assert found(backend, "red", filters=Filters.build(outlet=["Harbor Gazette"])) == {"c-redline-2"}


# -- facets --------------------------------------------------------------------

def test_facets_count_matching_articles(backend):
    page = backend.search(SearchRequest(parse("harbour OR red"), facets=("outlet", "section", "month")))
    outlets = {b["value"]: b["count"] for b in page.facets["outlet"]}
    expected = {}
    for article in corpus():
        if article["id"] in FILLER | {"c-headline-harbour", "c-redline-1", "c-redline-2", "c-escape"}:
            expected[article["outlet"]] = expected.get(article["outlet"], 0) + 1
    assert outlets == expected
    assert {b["value"]: b["count"] for b in page.facets["section"]}["business"] == 2
    months = [b["value"] for b in page.facets["month"]]
    assert months == sorted(months, reverse=True)


@pytest.mark.parametrize("facet, value, count", [
    ("speaker", "Ilham Aliyev", 1), ("source_kind", "anonymous", 2), ("place", "Oskarvik", 24),
    ("language", "fr", 1),
])
def test_each_facet(backend, facet, value, count):
    page = backend.search(SearchRequest(parse(""), facets=(facet,), facet_size=50))
    assert {b["value"]: b["count"] for b in page.facets[facet]}[value] == count



@pytest.mark.parametrize("facet_size", [50, 2])
@pytest.mark.parametrize("facet", ["outlet", "place", "source", "source_kind", "speaker", "section", "language"])
def test_facet_values_come_most_counted_first_then_by_value(backend, facet, facet_size):
    """Every value with its exact count; ties (most of them here) in the order of their values,
    also where a tie straddles the cut: the same values on every engine."""
    buckets = backend.search(SearchRequest(parse(""), facets=(facet,), facet_size=facet_size)).facets[facet]
    expected = Counter(value for article in corpus() for value in derived_fields(article)["keywords"][facet])
    ranked = sorted(expected.items(), key=lambda v: (-v[1], v[0]))
    assert [(b["value"], b["count"]) for b in buckets] == ranked[:facet_size]
    assert len(buckets) > 1

# -- sorting and paging --------------------------------------------------------

def _dated(article):
    return article["dateline"].get("published_at")


def test_newest_and_oldest_put_undated_last(backend):
    newest = ids(backend, "", sort="newest")
    oldest = ids(backend, "", sort="oldest")
    undated = ids_with(lambda a: not _dated(a))
    assert set(newest[-len(undated):]) == undated
    assert set(oldest[-len(undated):]) == undated
    by_id = {a["id"]: a for a in corpus()}
    stamps = [by_id[i]["dateline"]["published_at"].replace("Z", "") for i in newest[: -len(undated)]]
    assert stamps == sorted(stamps, reverse=True)
    stamps = [by_id[i]["dateline"]["published_at"].replace("Z", "") for i in oldest[: -len(undated)]]
    assert stamps == sorted(stamps)


def _date_order(documents: list[tuple[str, str | None]], sort: str) -> list[str]:
    """(id, published_at) in the order a date sort gives: the second, then the id's tie
    code (date_keys), then the id, undated last."""
    def key(document):
        identity, published = document
        newest, oldest = sort_keys(parse_timestamp(published), identity)
        return (-(newest if sort == "newest" else oldest), identity)

    return [identity for identity, _ in sorted(documents, key=key)]


def _id_order_within_seconds(order: list[str], second: dict[str, str | None]) -> list[str]:
    """`order` with the ids of each second in id order instead: what Elasticsearch gave before."""
    runs: list[list[str]] = []
    for identity in order:
        if runs and second[runs[-1][0]] == second[identity]:
            runs[-1].append(identity)
        else:
            runs.append([identity])
    return [identity for run in runs for identity in sorted(run)]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_sorts_give_the_same_order_on_every_engine_ties_included(backend, sort):
    """Articles of one second (two here, and the undated) come in the order of their
    ids' tie codes on every engine: Elasticsearch gave id order, the embedded
    index tie-code order. Paged by cursor, the same."""
    expected = _date_order([(a["id"], _dated(a)) for a in corpus()], sort)
    assert ids(backend, "", sort=sort) == expected
    assert expected != _id_order_within_seconds(expected, {a["id"]: _dated(a) for a in corpus()}), \
        "the corpus has no tie the codes order apart from ids: the test would pass on id order"
    request = SearchRequest(parse(""), size=2, sort=sort, highlight=False)
    paged = []
    while True:
        page = backend.search(request)
        paged += [hit.id for hit in page.hits]
        if not page.next_cursor:
            break
        request = replace(request, cursor=page.next_cursor)
    assert paged == expected


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_quotes_of_one_article_come_in_the_same_order_on_every_engine(backend, sort):
    """Every quote of an article shares its second: their ids' tie codes order them (in
    article order: test_quote_order_contract.py, with places that id order puts elsewhere)."""
    quotes = [(f"{a['id']}#q{n}", _dated(a)) for a in corpus() for n in range(len(a.get("quotes") or ()))]
    page = backend.search_quotes(QuoteSearchRequest(parse(""), size=100, sort=sort, highlight=False))
    assert [hit.id for hit in page.hits] == _date_order(quotes, sort)


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_a_date_page_as_large_as_the_engine_window_is_answered(backend, sort):
    """NEWS_INDEX_MAX_PAGE_SIZE goes up to 10,000: a date-sorted page of 10,000 asked
    Elasticsearch for 10,001 hits (the one past the page tells whether more follow),
    past its max_result_window, and every such search was a 503."""
    page = backend.search(SearchRequest(parse(""), size=10_000, sort=sort, highlight=False))
    assert [hit.id for hit in page.hits] == ids(backend, "", sort=sort) and page.next_cursor is None
    quotes = backend.search_quotes(QuoteSearchRequest(parse(""), size=10_000, sort=sort, highlight=False))
    assert len(quotes.hits) == quotes.total > 0 and quotes.next_cursor is None


@pytest.mark.parametrize("q", ["", "red OR harbour"])
@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_pages_that_fill_the_window_still_tell_whether_more_follow(backend, monkeypatch, sort, q):
    """A window of 5 (10,000 in service) and pages of 5: nothing lost, no empty last page."""
    from service.backends import cursors, elastic, embedded

    searches = ((backend.search, SearchRequest), (backend.search_quotes, QuoteSearchRequest))
    whole = [[hit.id for hit in search(make(parse(q), size=100, sort=sort, highlight=False)).hits]
             for search, make in searches]
    for module in (cursors, elastic, embedded):
        monkeypatch.setattr(module, "MAX_RELEVANCE_WINDOW", 5)
    for (search, make), expected in zip(searches, whole):
        request, pages = make(parse(q), size=5, sort=sort, highlight=False), []
        while True:
            page = search(request)
            pages.append([hit.id for hit in page.hits])
            if not page.next_cursor:
                break
            request = replace(request, cursor=page.next_cursor)
        assert [i for hits in pages for i in hits] == expected
        assert all(pages) and len(pages) == -(-len(expected) // 5)
        monkeypatch.setattr(elastic, "MAX_RELEVANCE_WINDOW", len(expected))  # one page holds every hit
        page = search(make(parse(q), size=len(expected), sort=sort, highlight=False))
        assert [hit.id for hit in page.hits] == expected and page.next_cursor is None
        monkeypatch.setattr(elastic, "MAX_RELEVANCE_WINDOW", 5)


def test_a_relevance_page_reaching_past_the_window_is_cut_there(backend, monkeypatch):
    """Pages of 3 in a window of 5 (10,000 in service): the second page starts at
    3 and holds the window's last 2 hits, where it was a 400 invalid_cursor."""
    from service.backends import cursors, elastic, embedded

    for module in (cursors, elastic, embedded):
        monkeypatch.setattr(module, "MAX_RELEVANCE_WINDOW", 5)
    request = SearchRequest(parse("harbour OR red"), size=3)
    first = backend.search(request)
    last = backend.search(replace(request, cursor=first.next_cursor))
    assert len(last.hits) == 2 and last.next_cursor is None and first.total > 5
    assert not {hit.id for hit in first.hits} & {hit.id for hit in last.hits}


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_cursor_pages_cover_every_hit_once(backend, sort):
    request = SearchRequest(parse("harbour OR red"), size=3, sort=sort)
    page = backend.search(request)
    seen, total = [], page.total
    while True:
        seen += [hit.id for hit in page.hits]
        if not page.next_cursor:
            break
        page = backend.search(SearchRequest(parse("harbour OR red"), size=3, sort=sort,
                                            cursor=page.next_cursor))
        assert page.total == total
    assert len(seen) == len(set(seen)) == total
    assert set(seen) == FILLER | {"c-headline-harbour", "c-redline-1", "c-redline-2", "c-escape"}


def test_cursor_is_bound_to_its_query(backend):
    page = backend.search(SearchRequest(parse("harbour"), size=2, sort="newest"))
    with pytest.raises(InvalidCursor):
        backend.search(SearchRequest(parse("red"), size=2, sort="newest", cursor=page.next_cursor))
    with pytest.raises(InvalidCursor):
        backend.search(SearchRequest(parse("harbour"), size=2, sort="oldest", cursor=page.next_cursor))
    with pytest.raises(InvalidCursor):
        backend.search(SearchRequest(parse("harbour"), size=2, sort="newest", cursor="garbage!"))


@pytest.mark.parametrize("quotes", [False, True])
@pytest.mark.parametrize("seen", [["\ud800"], ["c-escape", "x\udfff"], ["line\nbreak"]])
def test_a_date_cursor_forged_with_ids_no_search_issues_is_invalid(backend, quotes, seen):
    """A cursor is base64 JSON anyone can edit: a `seen` id holding an unpaired
    surrogate (JSON's `\\ud800` escape) reached tantivy, whose ValueError was a 500."""
    kind = QuoteSearchRequest if quotes else SearchRequest
    search = backend.search_quotes if quotes else backend.search
    page = search(kind(parse(""), size=1, sort="newest"))
    payload = json.loads(base64.urlsafe_b64decode(page.next_cursor + "=" * (-len(page.next_cursor) % 4)))
    forged = base64.urlsafe_b64encode(json.dumps({**payload, "s": seen}).encode()).decode().rstrip("=")
    with pytest.raises(InvalidCursor):
        search(kind(parse(""), size=1, sort="newest", cursor=forged))


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_a_cursor_is_taken_with_the_same_filter_values_in_another_order(backend, sort):
    first = Filters.build(outlet=["Port Wire", "Harbor Gazette"])
    again = Filters.build(outlet=["Harbor Gazette", "Port Wire", "Port Wire"])
    page = backend.search(SearchRequest(parse("harbour"), filters=first, size=3, sort=sort))
    following = backend.search(SearchRequest(parse("harbour"), filters=again, size=3, sort=sort,
                                             cursor=page.next_cursor))
    expected = backend.search(SearchRequest(parse("harbour"), filters=first, size=3, sort=sort,
                                            cursor=page.next_cursor))
    assert [h.id for h in following.hits] == [h.id for h in expected.hits] != []


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("other", [
    Filters.build(outlet=["Port Wire"]),
    Filters.build(outlet=["Harbor Gazette", "Port Wire"]),
    Filters.build(outlet=["Harbor Gazette"], since=datetime(2024, 1, 1, tzinfo=timezone.utc)),
    Filters(),
])
def test_cursor_is_bound_to_its_filters(backend, sort, other):
    filters = Filters.build(outlet=["Harbor Gazette"])
    page = backend.search(SearchRequest(parse("harbour"), filters=filters, size=2, sort=sort))
    assert page.next_cursor
    with pytest.raises(InvalidCursor):
        backend.search(SearchRequest(parse("harbour"), filters=other, size=2, sort=sort,
                                     cursor=page.next_cursor))
    with pytest.raises(InvalidCursor):
        backend.search_quotes(QuoteSearchRequest(parse("harbour"), filters=filters, size=2, sort=sort,
                                                 cursor=page.next_cursor))


def _recoded(cursor: str, **changes) -> str:
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    for name, value in changes.items():
        if value is _DROP:
            del payload[name]
        else:
            payload[name] = value
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


_DROP = object()


@pytest.mark.parametrize("sort, changes", [
    ("newest", {"k": 1e30}), ("newest", {"k": 10**30}), ("newest", {"k": 5.5}), ("newest", {"k": "5"}),
    ("newest", {"k": True}), ("newest", {"k": None}), ("newest", {"k": -(2**63) - 1}),
    ("newest", {"s": {}}), ("newest", {"s": _DROP}), ("newest", {"s": []}), ("newest", {"s": [5]}),
    ("newest", {"o": "5"}), ("newest", {"o": True}), ("newest", {"o": 5}), ("oldest", {"f": 5}),
    ("oldest", {"x": 1}), ("oldest", {"k": [1]}),
    ("relevance", {"o": "5"}), ("relevance", {"o": True}), ("relevance", {"o": 5.5}),
    ("relevance", {"o": -1}), ("relevance", {"o": 0}), ("relevance", {"o": 10**6}),
    ("relevance", {"o": _DROP}), ("relevance", {"k": 1}), ("relevance", {"s": ["c-redline-1"]}),
])
def test_tampered_cursors_are_refused(backend, sort, changes):
    """Each was a 500 from the engine or was taken as some other value."""
    request = SearchRequest(parse("harbour"), size=2, sort=sort)
    cursor = backend.search(request).next_cursor
    backend.search(replace(request, cursor=cursor))  # as issued: accepted
    with pytest.raises(InvalidCursor):
        backend.search(replace(request, cursor=_recoded(cursor, **changes)))
    with pytest.raises(InvalidCursor):
        backend.search_quotes(QuoteSearchRequest(parse(""), size=1, sort=sort,
                                                 cursor=_recoded(cursor, **changes)))


@pytest.mark.parametrize("cursor", ["", "e30", "bnVsbA", "WzEsMl0", "IjEi", "%%%", "eyJmIjo", "A" * 200_001])
def test_cursors_that_are_not_json_objects_are_refused(backend, cursor):
    with pytest.raises(InvalidCursor):
        backend.search(SearchRequest(parse("harbour"), size=2, sort="newest", cursor=cursor or "=="))


def test_any_sort_key_a_cursor_may_carry_is_taken(backend):
    """A date cursor's key is any 64-bit integer; the engine takes the extremes."""
    request = SearchRequest(parse("harbour"), size=2, sort="newest")
    cursor = backend.search(request).next_cursor
    for key in (2**63 - 1, -(2**63)):
        page = backend.search(replace(request, cursor=_recoded(cursor, k=key)))
        assert page.total == backend.search(request).total


def test_unknown_facet_and_sort_are_refused(backend):
    with pytest.raises(InvalidRequest):
        backend.search(SearchRequest(parse(""), facets=("colour",)))
    with pytest.raises(InvalidRequest):
        backend.search(SearchRequest(parse(""), sort="random"))


# -- highlighting ----------------------------------------------------------------

def test_highlights_escape_article_text(backend):
    page = backend.search(SearchRequest(parse('"red line" court'), size=5))
    hit = next(h for h in page.hits if h.id == "c-escape")
    headline = hit.highlights["headline"]
    assert "<em>Court</em>" in headline
    assert "&lt;script&gt;" in headline and "<script>" not in headline
    body = " ".join(hit.highlights["body"])
    assert "<em>" in body and "&lt;b&gt;" in body and "<b>" not in body
    assert "&amp;" in body


_DOTTED_TEXT = "The U.S. economy grew 3.5%, a $1.2 billion boost; sales rose 14,000 units."


def _body_marks(backend, query: str, text: str) -> list[str]:
    """The body highlights of `query` on an article whose body is `text` (the only hit)."""
    original = next(a for a in corpus() if a["id"] == "c-french")
    try:
        backend.upsert([dict(original, body=[text], content_hash=f"marks {text}")])
        page = backend.search(SearchRequest(parse(query)))
        assert [hit.id for hit in page.hits] == ["c-french"]
        return page.hits[0].highlights["body"]
    finally:
        backend.upsert([original])


@pytest.mark.parametrize("query, marked", [
    ("brent", "<em>Brent</em>\u200e"),
    ("quorum", "\u2067<em>quorums</em>\u2069"),
    ("oilfield", "\ufeff<em>oilfield</em>"),
    ('"brent crude"', "<em>Brent\u200e crude</em>"),
])
def test_a_word_next_to_an_invisible_mark_is_found(backend, query, marked):
    """Right-to-left pages wrap Latin words in direction marks: the standard
    tokenizer kept the mark inside the word, so `brent` found this on the
    embedded index only."""
    text = "\u0642\u0627\u0644 Brent\u200e crude \u2067quorums\u2069 at the \ufeffoilfield."
    marks = _body_marks(backend, query, text)
    assert len(marks) == 1 and marked in marks[0], marks


_HANDLE_TEXT = "Follow @Reuters_Biz and #OPEC_quorums for quotas on x86_64 chips."


@pytest.mark.parametrize("query, marked", [
    ("reuters", "<em>Reuters</em>_Biz"),
    ("biz", "Reuters_<em>Biz</em>"),
    ("opec", "#<em>OPEC</em>_quorums"),
    ("quorum", "#OPEC_<em>quorums</em>"),
    ("64", "x86_<em>64</em>"),
    ("@reuters_biz", "@<em>Reuters_Biz</em>"),
    ('"follow @reuters_biz"', "<em>Follow @Reuters_Biz</em>"),
    ("reuters_bi*", "@<em>Reuters_Biz</em>"),
])
def test_an_underscore_splits_words(backend, query, marked):
    """Handles, hashtags and identifiers: tantivy splits words at an underscore,
    Elasticsearch's standard tokenizer joined them, so `reuters` and `opec`
    found this on the embedded index only."""
    marks = _body_marks(backend, query, _HANDLE_TEXT)
    assert len(marks) == 1 and marked in marks[0], marks


_TICKER_TEXT = "Amazon.com Inc <AMZN.O> and Acme <ACME.N> wrote to news.desk@afp.com on Tuesday."


@pytest.mark.parametrize("query, marked", [
    ("amazon", "<em>Amazon</em>.com Inc"),
    ("acme", "&lt;<em>ACME</em>.N&gt;"),
    ("afp", "@<em>afp</em>.com"),
    ("desk", "news.<em>desk</em>@afp"),
    ("amazon.com", "<em>Amazon.com</em> Inc"),
    ('"amazon.com inc"', "<em>Amazon.com Inc</em>"),
    ("<AMZN.O>", "&lt;<em>AMZN.O</em>&gt;"),
    ("news.desk@afp.com", "<em>news.desk@afp.com</em>"),
])
def test_a_period_between_letters_splits_words(backend, query, marked):
    """Company names, tickers and addresses: tantivy splits words at a period,
    Elasticsearch's standard tokenizer joins letters around it ("amazon.com",
    "acme.n"), so `amazon` and `acme` found wire copy's "Amazon.com Inc
    <AMZN.O>" on the embedded index only."""
    marks = _body_marks(backend, query, _TICKER_TEXT)
    assert len(marks) == 1 and marked in marks[0], marks


@pytest.mark.parametrize("query, marked", [
    ('"U.S. economy"', "U.S. economy"),
    ('"U.S. eco*"', "U.S. economy"),
    ('"3.5%, a $1.2 billion"', "3.5%, a $1.2 billion"),
    ('"14,000 units"', "14,000 units"),
])
def test_a_phrase_through_dotted_tokens_is_one_mark(backend, query, marked):
    """Elasticsearch's tokenizer keeps `U.S.`, `3.5` and `14,000` as one token,
    tantivy's splits them; the phrase is one mark either way, as any phrase is."""
    assert _body_marks(backend, query, _DOTTED_TEXT) == [
        _DOTTED_TEXT.replace(marked, f"<em>{marked}</em>")]


@pytest.mark.parametrize("query, marked", [
    ('"economy grew" "U.S. economy"', "U.S. economy grew"),
    ('"sales rose" "rose 14,000 units"', "sales rose 14,000 units"),
    ('"U.S. economy" "U.S. economy grew"', "U.S. economy grew"),
])
def test_overlapping_phrases_are_one_mark(backend, query, marked):
    assert _body_marks(backend, query, _DOTTED_TEXT) == [
        _DOTTED_TEXT.replace(marked, f"<em>{marked}</em>")]


@pytest.mark.parametrize("query, marked", [
    ("e-mails", "e-mail"), ("Rolls-Royces", "Rolls-Royce"), ("O'Briens", "O'Brien"),
])
def test_an_inflected_split_word_is_one_mark(backend, query, marked):
    """A word the analyzer splits matches its stems in order, and shows as one mark."""
    text = "The e-mail from Rolls-Royce reached O'Brien."
    expected = html.escape(text).replace(html.escape(marked), f"<em>{html.escape(marked)}</em>")
    assert _body_marks(backend, query, text) == [expected]


def test_a_pasted_address_finds_the_article_citing_it(backend):
    original = next(a for a in corpus() if a["id"] == "c-french")
    text = "The ruling is at https://www.courts.example/rulings/2025-17 for anyone."
    changed = dict(original, body=[text], content_hash="address")
    try:
        backend.upsert([changed])
        page = backend.search(SearchRequest(parse("https://www.courts.example/rulings/2025-17")))
        assert [hit.id for hit in page.hits] == ["c-french"]
        address = "https://www.courts.example/rulings/2025-17"
        assert page.hits[0].highlights["body"] == [text.replace(address, f"<em>{address}</em>")]
    finally:
        backend.upsert([original])


def test_highlight_can_be_turned_off(backend):
    page = backend.search(SearchRequest(parse("red"), highlight=False))
    assert page.hits and all(not hit.highlights for hit in page.hits)


def test_excluded_words_are_not_highlighted(backend):
    page = backend.search(SearchRequest(parse("red -tariffs fishermen")))
    assert all("quotas" not in str(h.highlights) or "<em>quotas" not in str(h.highlights) for h in page.hits)
    assert "<em>tariffs</em>" not in str([h.highlights for h in page.hits])


# -- fetching and writing --------------------------------------------------------

def test_fetch_by_id_returns_the_whole_article(backend):
    article = backend.get("c-aliyev")
    assert article["headline"] == "Baku hosts talks between neighbours"
    assert article["body"][0].startswith("Azerbaijani President Ilham Aliyev")
    assert {s["kind"] for s in article["sources"]} == {"person", "anonymous", "outlet"}
    assert backend.get("no-such-id") is None


def test_batch_fetch_reports_only_found(backend):
    found_articles = backend.get_many(["c-aliyev", "missing-1", "c-french"])
    assert set(found_articles) == {"c-aliyev", "c-french"}


def test_reloading_the_same_articles_changes_nothing(backend):
    before = backend.count()
    result = backend.upsert(corpus())
    assert result.indexed == [] and result.updated == [] and not result.failed
    assert len(result.unchanged) == len(corpus())
    assert backend.count() == before


def test_a_counting_write_keeps_no_ids_and_reports_failures_as_they_happen(backend):
    heard = []
    broken = {"id": "c-broken", "headline": "Broken", "body": ["text"], "content_hash": "x",
              "dateline": {"published_at": "2025-01-01T00:00:00Z"}, "quotes": "not a list"}
    result = WriteResult(keep_ids=False, on_failure=lambda article_id, reason: heard.append(article_id))
    returned = backend.upsert(list(corpus()) + [broken], result)
    assert returned is result
    assert result.counts == {"indexed": 0, "updated": 0, "unchanged": len(corpus()), "failed": 1}
    assert result.unchanged == [] and result.failed == []
    assert heard == ["c-broken"]
    assert backend.get_many(["c-broken"]) == {}


def test_changed_article_is_updated_in_place(backend):
    original = next(a for a in corpus() if a["id"] == "c-french")
    changed = dict(original, body=["Le port de Marseille rouvre enfin."], content_hash="changed")
    try:
        assert backend.upsert([changed]).updated == ["c-french"]
        assert found(backend, "enfin") == {"c-french"}
        assert backend.search(SearchRequest(parse(""), size=1)).total == len(corpus())
    finally:
        backend.upsert([original])
    assert found(backend, "enfin") == set()


def test_delete(backend):
    article = next(a for a in corpus() if a["id"] == "c-fill-00")
    try:
        assert backend.delete("c-fill-00") is True
        assert backend.get("c-fill-00") is None
        assert "c-fill-00" not in found(backend, "harbour")
        assert backend.delete("c-fill-00") is False
    finally:
        backend.upsert([article])
    assert backend.get("c-fill-00") is not None
