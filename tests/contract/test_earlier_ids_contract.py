"""Articles an index holds under an earlier id are updated under it, on every backend.

Ids hash a web address in its https form; an index loaded before holds an
`http://` story under the hash of that address, and one with a relative url
under a hash without its outlet. A load (or a POST) of the same story finds
it there instead of adding it again (loaders.identity.keep_earlier_ids).
"""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from loaders.identity import stable_id
from loaders.indexer import load
from loaders.pipeline import prepare

from .conftest import BACKENDS, own_backend

#: Ids the code before the https form made (tests/unit/test_identity.py pins them).
HTTP_ID = "0a2c7a73360cca1cfe6a9cea"  # http://example.org/news/1
RELATIVE_ID = "c81df6e53f79e20d5bcbf188"  # /news/1, whatever the outlet


def _stored(url: str, outlet: str, earlier_id: str, body: str) -> dict:
    """An article as the code before indexed it: under its earlier id."""
    article = prepare({"url": url, "outlet": outlet, "headline": f"Ferry timetable {body}",
                       "body": [f"The ferry runs {body}."]}, reference=datetime(2025, 5, 1))
    article["id"] = earlier_id
    return article


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path_factory):
    backend = own_backend(request, tmp_path_factory, f"earlier-ids-{request.node.name[-20:].lower()}", [
        _stored("http://example.org/news/1", "Harbor Gazette", HTTP_ID, "twice daily"),
        _stored("/news/1", "Northgate Post", RELATIVE_ID, "on Sundays"),
    ])
    yield backend
    backend.close()


def _load(engine, tmp_path, *articles) -> dict:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(article) + "\n" for article in articles))
    return load(engine, [str(path)], tmp_path / "rejects.jsonl").counts()


def test_a_story_loaded_as_http_is_updated_when_its_https_address_comes(engine, tmp_path):
    moved = {"url": "https://example.org/news/1", "outlet": "Harbor Gazette",
             "headline": "Ferry timetable twice daily", "body": ["The ferry runs three times a day."]}
    before = engine.count()
    assert _load(engine, tmp_path, moved) == {"read": 1, "indexed": 0, "updated": 1, "unchanged": 0,
                                              "rejected": 0}
    assert engine.count() == before
    assert engine.get(HTTP_ID)["url"] == "https://example.org/news/1"
    assert engine.get(HTTP_ID)["body"] == ["The ferry runs three times a day."]
    assert engine.get(stable_id(moved)) is None
    # and again, from either address: the same article, unchanged
    assert _load(engine, tmp_path, moved)["unchanged"] == 1
    assert _load(engine, tmp_path, {**moved, "url": "http://example.org/news/1/"})["updated"] == 1
    assert engine.count() == before


def test_a_relative_url_keeps_its_earlier_id_only_within_its_outlet(engine, tmp_path):
    other_outlet = {"url": "/news/1", "outlet": "Harbor Gazette", "headline": "Harbour dues rise",
                    "body": ["Dues rise in May."]}
    same_outlet = {"url": "/news/1", "outlet": "Northgate Post", "headline": "Ferry timetable on Sundays",
                   "body": ["The ferry now runs on Saturdays too."]}
    before = engine.count()
    assert _load(engine, tmp_path, other_outlet)["indexed"] == 1  # Northgate's /news/1 is another story
    assert engine.get(RELATIVE_ID)["outlet"] == "Northgate Post"
    assert _load(engine, tmp_path, same_outlet)["updated"] == 1
    assert engine.get(RELATIVE_ID)["body"] == ["The ferry now runs on Saturdays too."]
    assert engine.count() == before + 1


def test_new_stories_get_one_id_from_either_address(engine, tmp_path):
    story = {"outlet": "Harbor Gazette", "headline": "Bridge opens", "body": ["The bridge opened."]}
    counts = _load(engine, tmp_path, {**story, "url": "http://example.org/news/9"},
                   {**story, "url": "https://example.org/news/9"}, {**story, "url": "//example.org/news/9"})
    assert counts["indexed"] == 1 and counts["read"] == 3
    assert engine.get(stable_id({**story, "url": "https://example.org/news/9"}))["url"] == "//example.org/news/9"
