"""Quote search, statements and sources: the same answers on every backend."""
from __future__ import annotations

import pytest

from service.backends.base import Filters, QuoteSearchRequest
from service.errors import InvalidRequest
from service.query import parse

from .corpus import corpus

OKAFOR = {"c-redline-2#q0", "c-okafor-2#q0", "c-okafor-3#q0"}


def quotes(backend, q="", size=100, **kwargs):
    return backend.search_quotes(QuoteSearchRequest(parse(q), size=size, **kwargs))


def ids(page) -> list[str]:
    return [hit.id for hit in page.hits]


def test_one_hit_per_quote_with_its_article(backend):
    page = quotes(backend, "talks")
    hit = next(h for h in page.hits if h.id == "c-aliyev#q1")
    quote = hit.article
    assert quote["text"] == "the talks would continue"
    assert quote["speaker"] == "a source familiar with the matter"
    assert quote["source"] == {"name": "a source familiar with the matter", "kind": "anonymous"}
    assert quote["article"]["id"] == "c-aliyev"
    assert quote["article"]["headline"] == "Baku hosts talks between neighbours"
    assert quote["article"]["outlet"] == "Jerusalem Post"
    assert quote["article"]["dateline"]["published_at"].startswith("2025-04-11")
    assert quote["statement_id"].startswith("s-")
    assert "c-aliyev#q0" not in ids(page)  # the other quote of the article does not say "talks"


def test_bare_words_search_the_quote_not_the_article(backend):
    # "Baku" is in the article's headline and dateline, never in a quote.
    assert quotes(backend, "baku").total == 0
    assert set(ids(quotes(backend, "headline:baku"))) == {"c-aliyev#q0", "c-aliyev#q1"}


def test_phrase_matches_the_quotes_exact_words(backend):
    assert set(ids(quotes(backend, '"any deal that leaves"'))) == {"c-redline-2#q0", "c-okafor-3#q0"}
    assert set(ids(quotes(backend, "deal fishermen"))) == OKAFOR


def test_near_tolerates_small_edits(backend):
    claim = "we will not accept any deal that leaves the fishermen behind"
    assert set(ids(quotes(backend, claim, match="near"))) == OKAFOR
    assert set(ids(quotes(backend, "...a deal that leaves our fishermen behind", match="near"))) == OKAFOR
    assert quotes(backend, "the budget will be balanced by the end of the year", match="near").total == 0


def test_near_without_a_statement_still_lists_each_facet_asked(backend):
    """Elasticsearch answered a claim matching no statement with no facets at
    all, where the embedded index gives each facet asked, empty: a client
    reading page.facets["outlet"] failed on one backend only."""
    claim = "the budget will be balanced by the end of the year"
    page = quotes(backend, claim, match="near", facets=("outlet", "speaker"))
    assert page.total == 0 and page.facets == {"outlet": [], "speaker": []}
    assert quotes(backend, "zzzz", facets=("outlet", "speaker")).facets == page.facets


def test_near_needs_words(backend):
    with pytest.raises(InvalidRequest):
        quotes(backend, "-fishermen", match="near")


def test_sorted_oldest_first(backend):
    page = quotes(backend, "fishermen", sort="oldest")
    assert ids(page) == ["c-redline-2#q0", "c-okafor-2#q0", "c-okafor-3#q0"]
    assert ids(quotes(backend, "fishermen", sort="newest")) == ["c-okafor-3#q0", "c-okafor-2#q0", "c-redline-2#q0"]


@pytest.mark.parametrize("name, values, expected", [
    ("source_kind", ["anonymous"], {"c-aliyev#q1"}),
    ("speaker", ["lena okafor"], {"c-redline-2#q0", "c-okafor-2#q0"}),
    ("source", ["Ilham Aliyev"], {"c-aliyev#q0"}),
    ("outlet", ["Sable Coast Herald"], {"c-okafor-3#q0"}),
])
def test_quote_filters(backend, name, values, expected):
    assert set(ids(quotes(backend, "", filters=Filters.build(**{name: values})))) == expected


def test_quote_highlights_are_escaped(backend):
    page = quotes(backend, '"red line"')
    assert ids(page) == ["c-redline-1#q0"]
    assert page.hits[0].highlights["text"] == "a <em>red line</em>"


@pytest.mark.parametrize("q, match", [("", "exact"), ("the OR fishermen", "exact"),
                                      ("we will not accept a deal that leaves fishermen behind", "near")])
def test_quote_paging_covers_every_quote_once(backend, q, match):
    every = set(ids(quotes(backend, q, match=match)))
    if not q:
        assert every == {f"{a['id']}#q{i}" for a in corpus() for i, _ in enumerate(a["quotes"])}
    assert len(every) >= 3
    for sort in ("relevance", "newest", "oldest"):
        page = quotes(backend, q, size=2, sort=sort, match=match)
        seen = ids(page)
        while page.next_cursor:
            page = backend.search_quotes(QuoteSearchRequest(parse(q), size=2, sort=sort, match=match,
                                                            cursor=page.next_cursor))
            seen += ids(page)
        assert len(seen) == len(set(seen)) and set(seen) == every


def test_edited_copies_are_one_statement_oldest_first(backend):
    statement = quotes(backend, "", size=1, filters=Filters.build(speaker=["Lena Okafor"]),
                       sort="oldest").hits[0].article["statement_id"]
    occurrences = backend.statement_quotes(statement)
    assert [q["id"] for q in occurrences] == ["c-redline-2#q0", "c-okafor-2#q0", "c-okafor-3#q0"]
    assert {q["statement_id"] for q in occurrences} == {statement}
    others = {h.article["statement_id"] for h in quotes(backend, "").hits if h.id not in OKAFOR}
    assert statement not in others


def test_occurrences_of_the_same_second_are_in_quote_id_order(backend):
    """Wire copy reprinted at the same minute: the embedded index listed such
    occurrences in index order and Elasticsearch by quote id, so the two named
    different first occurrences (who said it first) for the same statement."""
    from loaders.pipeline import prepare

    from .corpus import REFERENCE, _as_given

    def copy(n):
        return prepare({"id": f"c-tie-{n}", "headline": f"Harbour sale {n}", "body": ["The mayor spoke."],
                        "dateline": {"published_at": "2025-05-05T05:05:00Z"},
                        "quotes": [{"text": "we will never sell the harbour at any price", "kind": "direct",
                                    "speaker": "Ada Tiebreak", "source": "Ada Tiebreak"}],
                        "sources": [{"name": "Ada Tiebreak", "kind": "person"}]}, REFERENCE, extractor=_as_given)

    try:
        for n in (3, 1, 2):  # written one at a time, out of order
            backend.upsert([copy(n)])
        statement = backend.article_quotes("c-tie-2")[0]["statement_id"]
        assert [q["id"] for q in backend.statement_quotes(statement)] == ["c-tie-1#q0", "c-tie-2#q0", "c-tie-3#q0"]
    finally:
        for n in (1, 2, 3):
            backend.delete(f"c-tie-{n}")


def test_a_statement_an_article_repeats_is_first_where_the_article_first_gives_it(backend):
    """Occurrences of one second came in quote id order, so a statement an
    article gives as its third quote and again as its twelfth was first at
    `#q11` ("#q11" < "#q2"), while `/quotes?sort=oldest` lists `#q2` first."""
    from loaders.pipeline import prepare

    from .corpus import REFERENCE, _as_given

    def quote(text, speaker):
        return {"text": text, "kind": "direct", "speaker": speaker, "source": speaker}

    said = quote("we will open the new ferry terminal before the summer season", "Ada Repeat")
    others = [quote(f"the harbour board met {n} times this year about the dredging", "Bo Filler")
              for n in range(10)]
    article = prepare({"id": "c-repeat", "headline": "Ferry terminal", "body": ["The mayor spoke."],
                       "dateline": {"published_at": "2025-05-06T06:06:00Z"},
                       "quotes": others[:2] + [said] + others[2:] + [said],
                       "sources": [{"name": "Ada Repeat", "kind": "person"},
                                   {"name": "Bo Filler", "kind": "person"}]}, REFERENCE, extractor=_as_given)
    try:
        backend.upsert([article])
        statement = backend.article_quotes("c-repeat")[2]["statement_id"]
        listed = [q["id"] for q in backend.statement_quotes(statement)]
        assert listed == ["c-repeat#q2", "c-repeat#q11"]
        assert ids(quotes(backend, filters=Filters.build(speaker=["Ada Repeat"]), sort="oldest")) == listed
    finally:
        backend.delete("c-repeat")


def test_a_claim_denying_a_statement_by_a_contraction_is_not_found_as_it(backend):
    """"don't" is "don t" to the exact check: one changed word beside "we
    know", so the claim "we know ..." found "we don't know ..." as itself,
    and a load put the two in one statement."""
    from loaders.pipeline import prepare

    from .corpus import REFERENCE, _as_given

    def article(n, text):
        return prepare({"id": f"c-contracted-{n}", "headline": "Ferry", "body": ["The mayor spoke."],
                        "dateline": {"published_at": f"2025-05-0{n}T07:00:00Z"},
                        "quotes": [{"text": text, "kind": "direct", "speaker": "Ida Contract",
                                    "source": "Ida Contract"}],
                        "sources": [{"name": "Ida Contract", "kind": "person"}]}, REFERENCE, extractor=_as_given)

    said = "We don't know if the ferry will sail, we don't know when the harbour reopens."
    denied = "We know if the ferry will sail, we know when the harbour reopens."

    def near(claim):
        return ids(quotes(backend, claim, match="near"))

    try:
        backend.upsert([article(1, said)])
        assert near("We do not know if the ferry will sail, we do not know when the harbour reopens") \
            == ["c-contracted-1#q0"]
        assert near(denied) == []
        backend.upsert([article(2, denied)])
        assert backend.article_quotes("c-contracted-2")[0]["statement_id"] \
            != backend.article_quotes("c-contracted-1")[0]["statement_id"]
    finally:
        for n in (1, 2):
            backend.delete(f"c-contracted-{n}")


def test_statements_survive_a_reload(backend):
    before = {h.id: h.article["statement_id"] for h in quotes(backend, "").hits}
    backend.upsert(corpus())
    after = {h.id: h.article["statement_id"] for h in quotes(backend, "").hits}
    assert after == before


def test_source_counts(backend):
    rows = {(r["name"], r["kind"]): r["articles"] for r in backend.source_counts(Filters(), 100)}
    assert rows[("Lena Okafor", "person")] == 2
    assert rows[("a source familiar with the matter", "anonymous")] == 1
    assert rows[("Jerusalem Post", "outlet")] == 1
    only = backend.source_counts(Filters.build(outlet=["Estavia Wire"]), 100)
    assert only == [{"name": "Lena Okafor", "kind": "person", "articles": 1}]


def test_source_counts_cut_ties_by_kind_then_name_on_every_engine(backend):
    """Most cited first; a tie straddling the cut keeps the first `kind|name` values."""
    every = backend.source_counts(Filters(), 100)
    ranked = sorted(every, key=lambda r: (-r["articles"], f"{r['kind']}|{r['name']}"))
    assert every == ranked
    assert backend.source_counts(Filters(), 3) == ranked[:3]
    assert ranked[2]["articles"] == ranked[3]["articles"]  # the cut falls inside a tie


def test_source_counts_of_some_kinds_are_chosen_before_the_cut(backend):
    """`/sources?kind=anonymous` on an archive of more sources than MAX_SOURCES:
    the kind was applied to the top sources of every kind, so the many sources
    cited once (most unnamed ones) fell out before the filter saw them."""
    every = backend.source_counts(Filters(), 100)
    anonymous = [row for row in every if row["kind"] == "anonymous"]
    assert anonymous and every[0]["kind"] != "anonymous"
    assert backend.source_counts(Filters(), 1, ["anonymous"]) == anonymous[:1]
    assert backend.source_counts(Filters(), 100, ["anonymous"]) == anonymous
    both = backend.source_counts(Filters(), 100, ["anonymous", "outlet"])
    assert both == [row for row in every if row["kind"] in ("anonymous", "outlet")]


def test_deleting_an_article_deletes_its_quotes(backend):
    article = next(a for a in corpus() if a["id"] == "c-okafor-2")
    try:
        assert backend.delete("c-okafor-2")
        assert "c-okafor-2#q0" not in ids(quotes(backend, "fishermen"))
    finally:
        backend.upsert([article])
    assert "c-okafor-2#q0" in ids(quotes(backend, "fishermen"))


def test_article_quotes_in_article_order_with_statements(backend):
    found = backend.article_quotes("c-aliyev")
    assert [q["id"] for q in found] == ["c-aliyev#q0", "c-aliyev#q1"]
    assert all(q["statement_id"].startswith("s-") for q in found)
    assert backend.article_quotes("no-such-article") == []


def _said(article_id: str, published: str, text: str, speaker: str | None, kind: str = "person"):
    """An article of one quote, as given (no extraction)."""
    from loaders.pipeline import prepare

    from .corpus import REFERENCE, _as_given

    sources = [{"name": speaker, "kind": kind}] if speaker else []
    quote = {"text": text, "kind": "partial", "speaker": speaker, "source": speaker}
    return prepare({"id": article_id, "headline": f"Story {article_id}", "body": [f"It was {text}."],
                    "dateline": {"published_at": published}, "quotes": [quote], "sources": sources},
                   REFERENCE, extractor=_as_given)


def test_the_same_short_words_from_two_speakers_are_two_statements(backend):
    """Two people each called something a "level playing field": on the Reuters
    corpus such quotes were one statement, its occurrences reading as if the
    second speaker repeated the first (26 of 47 groups of short quotes). The
    same speaker's words, in any case, still join; a pasted claim finds both."""
    said = [_said("c-short-1", "2025-05-01T10:00:00Z", "level playing field", "Kenji Sato"),
            _said("c-short-2", "2025-05-02T10:00:00Z", "level playing field", "Rosa Diaz"),
            _said("c-short-3", "2025-05-03T10:00:00Z", "Level playing field.", "KENJI SATO")]
    try:
        backend.upsert(said[:2])
        backend.upsert(said[2:])  # a later load: the index, not the write, knows the first
        sato, diaz, again = (backend.article_quotes(a["id"])[0]["statement_id"] for a in said)
        assert sato == again != diaz
        assert [q["id"] for q in backend.statement_quotes(sato)] == ["c-short-1#q0", "c-short-3#q0"]
        assert [q["id"] for q in backend.statement_quotes(diaz)] == ["c-short-2#q0"]
        near = quotes(backend, "level playing field", match="near", sort="oldest")
        assert ids(near) == ["c-short-1#q0", "c-short-2#q0", "c-short-3#q0"]
    finally:
        for article in said:
            backend.delete(article["id"])


def test_a_stock_phrase_in_another_speakers_quote_is_another_statement(backend):
    """Reuters: a railway spokesman's "We don't have all the details" was one
    statement with a finance minister's long answer ending in those words, and
    the phrase pasted as a claim (match=near) found the minister's answer."""
    said = [_said("c-stock-1", "2025-05-01T10:00:00Z", "We don't have all the details", "a rail spokesman",
                  kind="anonymous"),
            _said("c-stock-2", "2025-05-02T10:00:00Z",
                  "The offer is only now being made to the board and we don't have all the details", "Omar Reyes")]
    try:
        backend.upsert(said)
        phrase, answer = (backend.article_quotes(a["id"])[0]["statement_id"] for a in said)
        assert phrase != answer
        assert ids(quotes(backend, "we don’t have all the details", match="near")) == ["c-stock-1#q0"]
    finally:
        for article in said:
            backend.delete(article["id"])


def test_a_short_claim_finds_every_speakers_statement_of_it(backend):
    """Each speaker's "no comment" is its own statement, and a near search
    looked at most CANDIDATE_LIMIT (50) indexed quotes sharing a key: past
    that many speakers, pasting the words found only some of them."""
    from service.statements import CANDIDATE_LIMIT

    said = [_said(f"c-nc-{n}", f"2025-04-{1 + n % 28:02d}T10:00:00Z", "No comment.", f"Spokesman {n}")
            for n in range(CANDIDATE_LIMIT + 5)]
    try:
        backend.upsert(said)
        found = set(ids(quotes(backend, "no comment", match="near", size=100)))
        assert found == {f"{a['id']}#q0" for a in said}
    finally:
        for article in said:
            backend.delete(article["id"])


def test_a_quote_given_with_its_source_in_another_case_is_that_sources(backend):
    """An article posted with its own quotes and sources ("source": "the ministry
    of finance", the source "The Ministry of Finance"): the quote had no source kind,
    so source_kind=organization missed it and /sources counted the ministry 0
    quotes, though source=The Ministry of Finance found it."""
    from loaders.pipeline import prepare

    from .corpus import REFERENCE, _as_given

    article = prepare({"id": "c-case-source", "headline": "Budget", "body": ["The Ministry of Finance spoke."],
                       "dateline": {"published_at": "2025-05-06T00:00:00Z"},
                       "quotes": [{"text": "the zebrafish budget is balanced", "kind": "partial",
                                   "speaker": None, "source": "the ministry of finance"}],
                       "sources": [{"name": "The Ministry of Finance", "kind": "organization"}]},
                      REFERENCE, extractor=_as_given)
    try:
        backend.upsert([article])
        page = quotes(backend, "zebrafish", filters=Filters.build(source_kind=["organization"]),
                      facets=("source_kind",))
        assert ids(page) == ["c-case-source#q0"]
        assert page.hits[0].article["source"] == {"name": "the ministry of finance", "kind": "organization"}
        assert page.facets["source_kind"] == [{"value": "organization", "count": 1}]
    finally:
        backend.delete("c-case-source")
