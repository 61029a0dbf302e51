"""`/sources` counts each article once per source, as `/search?source=` finds it, on every backend.

Real Reuters copy cites one body in two spellings in one story ("Agriculture
Department." and "Agriculture Department", reuters-5467): the listing's row
folds the spellings, and added up each spelling's articles, so that story
counted twice there.
"""
from __future__ import annotations

import itertools
from collections import Counter

import pytest

from loaders.pipeline import prepare
from service.backends.keys import normalize_key
from service.quotes import sources

from ..extract.extract_corpus import realnews_articles
from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _as_given

#: Stories citing one source in two spellings, and the stories around them.
TWICE = ("reuters-5467", "reuters-3078")
_NAMES = (f"source-listing-{n}" for n in itertools.count())


def _stories() -> list[dict]:
    raws = realnews_articles()
    chosen = [raw for raw in raws if raw["id"] in TWICE]
    bodies = [raw for raw in raws if raw["id"] not in TWICE and any(
        word in " ".join(raw["body"]) for word in ("Agriculture Department", "Institute for International"))]
    return [prepare(dict(raw), REFERENCE) for raw in chosen + bodies[:30]]


@pytest.fixture(scope="module", params=BACKENDS)
def archive(request, tmp_path_factory):
    stories = _stories()
    engine = own_backend(request, tmp_path_factory, next(_NAMES), stories)
    yield engine, stories
    engine.close()


def test_each_row_counts_the_articles_citing_that_source(archive):
    engine, stories = archive
    cited = Counter(entry for story in stories
                    for entry in {(source["kind"], normalize_key(source["name"])) for source in story["sources"]})
    twice = [story for story in stories if len(story["sources"]) > len(
        {(source["kind"], normalize_key(source["name"])) for source in story["sources"]})]
    assert {story["id"] for story in twice} == set(TWICE)  # what the test needs to be able to fail
    rows = sources(engine, {"size": 500})["sources"]
    assert {(row["kind"], normalize_key(row["name"])): row["articles"] for row in rows} == dict(cited)


def _citing(key: str, names: list[str], quoted: str | None = None) -> dict:
    quotes = [{"text": f"the harbour will reopen {key}", "kind": "direct", "speaker": quoted, "source": quoted}] \
        if quoted else []
    return prepare({"url": f"https://example.org/cited/{key}", "headline": f"Harbour story {key}",
                    "body": [f"The harbour story {key}."], "quotes": quotes,
                    "sources": [{"name": name, "kind": "person"} for name in names]}, REFERENCE,
                   extractor=_as_given)


@pytest.fixture(scope="module", params=BACKENDS)
def many_sources(request, tmp_path_factory):
    """Four sources cited twice and two once, one of them quoted: past a listing of the three most cited."""
    stories = [_citing("a", ["Ana Reyes", "Ben Ode", "Cy Park", "Dee Lund"]),
               _citing("b", ["Ana Reyes", "Ben Ode", "Cy Park", "Dee Lund"]),
               _citing("c", ["Zed Zyzzyva", "Ana Reyes"], quoted="Zed Zyzzyva"),
               _citing("d", ["Seán O'Brien"])]
    engine = own_backend(request, tmp_path_factory, next(_NAMES), stories)
    yield engine
    engine.close()


def test_a_name_is_found_past_the_most_cited_sources(many_sources, monkeypatch):
    """The listing takes the MAX_SOURCES most cited, then the name: a rarely cited person
    was not found at all in an archive citing more sources than that."""
    monkeypatch.setattr("service.quotes.MAX_SOURCES", 3)
    assert sources(many_sources, {"size": 50})["complete"] is False
    found = sources(many_sources, {"size": 50, "name": "zyzz"})
    assert found["complete"] is True
    assert found["sources"] == [{"name": "Zed Zyzzyva", "kind": "person", "articles": 1, "quotes": 1}]
    assert [row["name"] for row in sources(many_sources, {"size": 50, "name": "o brien"})["sources"]] == \
        ["Seán O'Brien"]
    assert [row["name"] for row in sources(many_sources, {"size": 50, "name": "ana"})["sources"]] == ["Ana Reyes"]
