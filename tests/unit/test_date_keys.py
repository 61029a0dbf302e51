"""Date sort keys: one order on both engines, and Elasticsearch's halves of a key."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.identity import ID_PATTERN
from service.backends.date_keys import (
    MISSING_KEY, QUOTE_PLACE_BITS, QUOTE_PLACE_MASK, join_key, second_keys, sort_keys, split_key, tie_code,
)
from service.backends.elastic_rekey import stale_tie

_DATES = st.one_of(st.none(), st.datetimes(min_value=datetime(1678, 1, 1), max_value=datetime(2261, 12, 31),
                                           timezones=st.just(timezone.utc)))


@settings(max_examples=300, deadline=None, database=None)
@given(_DATES, st.text(min_size=1, max_size=40))
def test_elasticsearch_halves_join_into_the_embedded_key_and_split_back(published, identity):
    tie = tie_code(identity)
    for combined, second in zip(sort_keys(published, identity), second_keys(published)):
        assert join_key(second, tie) == combined
        assert split_key(combined) == (second, tie)


@settings(max_examples=300, deadline=None, database=None)
@given(_DATES, _DATES, st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20))
def test_combined_keys_order_as_second_then_tie_code(first, second, a, b):
    """What Elasticsearch sorts on (second, then tie), the embedded index's one key gives."""
    for index in (0, 1):
        halves = sorted([(second_keys(first)[index], tie_code(a)), (second_keys(second)[index], tie_code(b))])
        joined = sorted([sort_keys(first, a)[index], sort_keys(second, b)[index]])
        assert [join_key(*pair) for pair in halves] == joined


def test_undated_documents_come_last_both_ways():
    dated = datetime(1700, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=1)
    for index in (0, 1):
        assert sort_keys(None, "zzz")[index] < sort_keys(dated, "a")[index]
        assert split_key(sort_keys(None, "x")[index]) == (MISSING_KEY, tie_code("x"))


def test_a_copied_document_gets_its_ids_tie_code_once():
    hit = {"_id": "a-1#q0", "_source": {"speaker_key": []}}
    assert stale_tie(hit) == {"tie": tie_code("a-1#q0")}
    assert stale_tie({**hit, "_source": {"tie": tie_code("a-1#q0")}}) == {}


def test_an_articles_code_is_still_a_hash_of_its_id():
    """Articles keep the codes stored in every index (mapping v3, schema v7): only quotes' changed."""
    from hashlib import blake2b

    for identity in ("a-1", "3f9c0d2e", "reuters:2025-0001"):
        assert tie_code(identity) == int.from_bytes(blake2b(identity.encode(), digest_size=4).digest(), "little") >> 4


@settings(max_examples=200, deadline=None, database=None)
@given(st.from_regex(ID_PATTERN, fullmatch=True), st.integers(min_value=0, max_value=QUOTE_PLACE_MASK - 1))
def test_the_quotes_of_an_article_come_in_its_order_under_its_code(article_id, place):
    """Both date sorts run descending: an earlier quote has the larger code, and every
    quote of an article keeps its article's high bits (they stay together in a second)."""
    first, then = tie_code(f"{article_id}#q{place}"), tie_code(f"{article_id}#q{place + 1}")
    assert first == then + 1
    assert first >> QUOTE_PLACE_BITS == tie_code(article_id) >> QUOTE_PLACE_BITS


def test_quotes_past_the_last_place_share_its_code():
    last = tie_code(f"a-1#q{QUOTE_PLACE_MASK}")
    assert tie_code(f"a-1#q{QUOTE_PLACE_MASK + 1}") == tie_code("a-1#q9999") == last
    assert tie_code("a-1#q٣") != tie_code("a-1#q3")  # only ASCII digits are a place
