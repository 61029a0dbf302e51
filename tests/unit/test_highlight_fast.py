"""The embedded highlighter's regex path finds what the analyzers would."""
from __future__ import annotations

from service.backends.base import SearchRequest
from service.backends.embedded import EmbeddedBackend
from service.query import parse

ARTICLE = {
    "id": "h1", "headline": "Village news", "content_hash": "h1", "quotes": [], "sources": [],
    "dateline": {"published_at": "2025-01-01T00:00:00"}, "language": "en", "authors": [], "tags": [],
    "body": ["Nothing here.", "The happy villagers were hoping for better ratings.",
             "Ratings_board and under_scores: happily hopeful.", "Café owners rated it.",
             "Negotiators negotiated; the negotiations went on."],
}


def _highlights(tmp_path, q):
    backend = EmbeddedBackend(tmp_path)
    backend.upsert([ARTICLE])
    hit = backend.search(SearchRequest(parse(q))).hits[0]
    return " | ".join(hit.highlights.get("body", []))


def test_stemmed_forms_whose_stem_is_not_a_prefix_are_found(tmp_path):
    body = _highlights(tmp_path, "happiness hope rating")
    assert "<em>happy</em>" in body and "<em>hoping</em>" in body and "<em>ratings</em>" in body


def test_words_split_at_underscores_and_accents_still_match(tmp_path):
    body = _highlights(tmp_path, "ratings OR cafe OR rate")
    assert "<em>Ratings</em>_board" in body
    assert "<em>Café</em>" in body and "<em>rated</em>" in body


def test_phrases_and_prefixes(tmp_path):
    body = _highlights(tmp_path, '"the negotiations" OR negotiat*')
    assert "<em>the negotiations</em>" in body and "<em>Negotiators</em>" in body


def test_headline_only_words_and_highlights_agree_with_the_analyzers(tmp_path):
    from service.backends.highlight import Highlighter

    backend = EmbeddedBackend(tmp_path)
    article = dict(ARTICLE, id="h2", content_hash="h2", headline="Zebras escaped the zoo's pens")
    backend.upsert([article])
    query = parse('zebra "the zoo" hoped pen*')
    hit = backend.search(SearchRequest(query)).hits[0]
    assert hit.highlights["headline"] == "<em>Zebras</em> escaped <em>the zoo</em>&#x27;s <em>pens</em>"
    assert hit.highlights == Highlighter(query).highlight(article)  # the analyzer path



def test_word_forms_are_looked_up_again_after_a_commit(tmp_path):
    """The forms of a stem are cached per index version: a new article's new form still lights up."""
    backend = EmbeddedBackend(tmp_path)
    first = dict(ARTICLE, id="f1", content_hash="f1", body=["They kept hoping for rain."])
    backend.upsert([first])
    assert "<em>hoping</em>" in " ".join(backend.search(SearchRequest(parse("hope"))).hits[0].highlights["body"])
    second = dict(ARTICLE, id="f2", content_hash="f2", headline="Farmers", body=["Farmers were hopeful."])
    backend.upsert([second])
    hits = {hit.id: hit for hit in backend.search(SearchRequest(parse("hope"))).hits}
    assert hits["f2"].highlights["body"] == ["Farmers were <em>hopeful</em>."]

# -- one scan of the whole body finds, paragraph by paragraph, what the analyzers do --------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = ["central", "bank", "banks", "banking", "rates", "0", "wall", "street", "said", "the"]
_paragraph = st.lists(st.sampled_from(WORDS + [",", ".", " ", "-", "0"]), min_size=0, max_size=12).map(
    lambda parts: " ".join(parts))
_query = st.sampled_from(['"central bank"', "bank", "0", '"wall street" OR rate', "ban*", '"street said" bank',
                          '"0 central"', "central OR 0 OR said", '"central bank" OR bank',
                          # phrases that overlap, or start alike
                          '"central bank" "bank said"', '"wall street" "wall street said"',
                          '"the bank" "the ba*" "bank rates"', '"street said" "wall street"'])


@settings(max_examples=300, deadline=None)
@given(st.lists(_paragraph, min_size=1, max_size=6), _query)
@example(["the central", "bank said"], '"central bank" OR bank')  # a phrase must not span paragraphs
@example(["rates 0", "0 central"], "0")
@example(["the central bank said"], '"central bank" "bank said"')
@example(["wall street said"], '"wall street" "wall street said"')
def test_scanning_the_body_at_once_matches_each_paragraph_through_the_analyzers(body, q):
    from service.backends.highlight import Highlighter

    query = parse(q)
    forms = {stem: {w for w in WORDS if Highlighter(parse(w)).body.stems == {stem}} for stem in
             Highlighter(query).body.stems}
    fast = Highlighter(query, lambda stem: forms[stem])
    slow = Highlighter(query)
    article = {"headline": "", "body": body}
    assert fast.fast["body"] is not None
    assert fast.highlight(article) == slow.highlight(article)
