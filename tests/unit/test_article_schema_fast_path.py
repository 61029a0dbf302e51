"""`load_plain` answers for the schema only where it gives the schema's answer."""
from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from loaders.pipeline import prepare
from loaders.readers import discover, read_file
from service.schemas.article import MAX_AUTHOR, MAX_AUTHORS, MAX_HEADLINE, MAX_TAG, MAX_TAGS, ArticleSchema, load_plain

REFERENCE = datetime(2025, 6, 1)
EXCLUDES = [(), ("quotes",), ("sources",), ("quotes", "sources")]

text = st.one_of(st.none(), st.text(max_size=12), st.binary(max_size=4), st.integers(),
                 st.just("x" * (MAX_HEADLINE + 1)), st.just(""))
texts = st.one_of(st.lists(st.one_of(st.text(min_size=0, max_size=8), st.integers()), max_size=3),
                  st.tuples(st.text(max_size=4)), text,
                  # at and over the author and tag limits
                  *(st.just(["a"] * count) for count in (MAX_AUTHORS, MAX_AUTHORS + 1)),
                  *(st.just(["x" * length]) for length in (MAX_AUTHOR, MAX_AUTHOR + 1)))
article = st.fixed_dictionaries(
    {"headline": text, "body": texts},
    optional={
        "id": st.one_of(st.just("reuters-1"), st.just("bad id!"), text),
        "url": text, "outlet": text, "authors": texts, "language": text, "section": text, "tags": texts,
        "dateline": st.one_of(st.none(), st.dictionaries(
            st.sampled_from(["place", "agency", "published_at", "raw", "places", "other"]),
            st.one_of(text, texts, st.just(["London"] * 11)), max_size=3)),
        "quotes": st.one_of(st.just([]), st.just([{"text": "a"}]), text),
        "sources": st.one_of(st.just([]), text),
        "content_hash": text, "ingested_at": text, "unknown": text,
    },
)


def _schema_answer(data: dict, exclude: tuple[str, ...]):
    try:
        return ArticleSchema(exclude=exclude).load(data)
    except ValidationError:
        return "rejected"


@settings(max_examples=400, deadline=None)
@given(article, st.sampled_from(EXCLUDES))
def test_load_plain_is_the_schema_or_passes(data, exclude):
    fast = load_plain(data, exclude)
    if fast is not None:
        assert fast == _schema_answer(data, exclude)
        assert list(fast) == list(_schema_answer(data, exclude))  # the same field order too


def test_the_loaders_own_articles_take_the_fast_path():
    """Every sample the loader prepares is plain: the fast path is the one taken."""
    files, _ = discover(["samples"])
    prepared = 0
    for path in files:
        for record in read_file(path, REFERENCE):
            if record.error:
                continue
            article = prepare(record.article, REFERENCE)
            without = {k: v for k, v in article.items() if k not in ("quotes", "sources")}
            assert load_plain(without, ("quotes", "sources")) == ArticleSchema(
                exclude=("quotes", "sources")).load(without)
            prepared += 1
    assert prepared >= 30


def test_authors_and_tags_over_a_limit_go_to_the_schema():
    """The fast path once took any list of texts for them: an article over a
    limit was loaded without the schema seeing it."""
    base = {"headline": "Limits", "body": ["Text."]}
    for name, most, longest in (("authors", MAX_AUTHORS, MAX_AUTHOR), ("tags", MAX_TAGS, MAX_TAG)):
        assert load_plain({**base, name: ["a"] * most}) is not None
        assert load_plain({**base, name: ["x" * longest]}) is not None
        assert load_plain({**base, name: ["a"] * (most + 1)}) is None
        assert load_plain({**base, name: ["x" * (longest + 1)]}) is None
