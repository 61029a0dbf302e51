"""`from` and `until` are exact: on or after, on or before the instant given, on every backend.

Feeds date stories to the millisecond ("2024-03-05T10:00:00.500Z"), and a
client polling for what is new asks `from=` the last time it saw. Real
Reuters copy, re-dated within a few seconds, fractions of a second apart;
bounds are drawn at, just before and just after each story's time.
"""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.pipeline import prepare
from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.query import parse

from ..extract.extract_corpus import realnews_articles
from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE

START = datetime(1987, 3, 1, 10, 0, 0, tzinfo=timezone.utc)
#: When each story was published, from START: whole seconds and fractions of them, two in one second.
OFFSETS_MS = (0, 500, 999, 1000, 1001, 1500, 2250, 3000)
_NAMES = (f"date-bounds-{n}" for n in itertools.count())


def _stories() -> list[dict]:
    """Reuters stories that quote someone, each at START plus its offset, to the millisecond."""
    quoted = [raw for raw in realnews_articles()[:400] if '"' in " ".join(raw["body"])]
    stories = []
    for raw, offset in zip(quoted, OFFSETS_MS):
        moment = START + timedelta(milliseconds=offset)
        stories.append(prepare({**raw, "dateline": {"published_at": moment.isoformat(timespec="milliseconds")}},
                               REFERENCE))
    return stories


@pytest.fixture(scope="module", params=BACKENDS)
def archive(request, tmp_path_factory):
    stories = _stories()
    engine = own_backend(request, tmp_path_factory, next(_NAMES), stories)
    yield engine, stories
    engine.close()


#: Bounds near each story's time: at it, a microsecond, a millisecond or half a second either side.
_NEAR = st.sampled_from([0, 1, -1, 1000, -1000, 500_000, -500_000])


@st.composite
def _bound(draw):
    if draw(st.booleans()):
        return None
    offset = draw(st.sampled_from(OFFSETS_MS))
    return START + timedelta(milliseconds=offset, microseconds=draw(_NEAR))


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(since=_bound(), until=_bound())
def test_a_date_range_takes_the_stories_published_within_it_to_the_microsecond(archive, since, until):
    engine, stories = archive
    if since and until and since > until:
        since, until = until, since
    filters = Filters.build(since, until)
    expected = {story["id"] for story, offset in zip(stories, OFFSETS_MS)
                if (since is None or since <= START + timedelta(milliseconds=offset))
                and (until is None or START + timedelta(milliseconds=offset) <= until)}
    found = engine.search(SearchRequest(parse(""), filters=filters, sort="oldest", size=50, highlight=False))
    assert {hit.id for hit in found.hits} == expected and found.total == len(expected), (since, until)
    quotes = engine.search_quotes(QuoteSearchRequest(parse(""), filters=filters, size=500, highlight=False))
    assert {hit.article["article"]["id"] for hit in quotes.hits} == {
        story["id"] for story in stories if story["id"] in expected and story.get("quotes")}, (since, until)


def test_the_stories_have_quotes_and_share_seconds(archive):
    """What the property above needs to be able to fail: fractions, a shared second, quotes."""
    _, stories = archive
    assert len(stories) == len(OFFSETS_MS) and sum(bool(story.get("quotes")) for story in stories) >= 4


_LAST = datetime.max.replace(tzinfo=timezone.utc)  # 9999-12-31T23:59:59.999999
_FIRST = datetime.min.replace(tzinfo=timezone.utc)


@pytest.mark.parametrize("since, until, found", [
    (_LAST, None, False), (None, _LAST, True), (_FIRST, None, True), (None, _FIRST, False),
    (_FIRST, _LAST, True), (_LAST - timedelta(microseconds=1), None, False),
])
def test_the_last_and_first_instants_a_bound_can_name_are_ends(archive, since, until, found):
    """`from=9999-12-31T23:59:59.999999` was a 500 on Elasticsearch: the next millisecond,
    which its range is sent as, is past what a datetime holds."""
    engine, stories = archive
    filters = Filters.build(since, until)
    page = engine.search(SearchRequest(parse(""), filters=filters, size=50, highlight=False))
    assert page.total == (len(stories) if found else 0)
    quotes = engine.search_quotes(QuoteSearchRequest(parse(""), filters=filters, size=1, highlight=False))
    assert bool(quotes.total) == found
