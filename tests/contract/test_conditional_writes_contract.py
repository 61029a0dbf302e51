"""Conditional writes: `expected` is checked atomically with the write, on every backend.

An editor's If-Match becomes a condition on the stored article
(`write_results.Precondition`); the API computes ETags, the backends see only the
predicate. A failed condition writes nothing, article or quotes, and says
what is stored. The race test is the point: two writes conditioned on the
same version, each waiting a moment after its check, cannot both land
(with a check before the write, not under it, both did).
"""
from __future__ import annotations

import threading
import time

import pytest

from loaders.pipeline import prepare
from service.errors import PreconditionFailed

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _article, _as_given


def _version(article_id: str, headline: str, said: str) -> dict:
    return prepare(_article(article_id, headline, [f"“{said}”, she said."], outlet="Reuters",
                            published="2025-03-03T10:00:00Z",
                            quotes=[{"text": said, "kind": "direct", "speaker": "Ann Lee", "source": "Ann Lee",
                                     "paragraph": 0}],
                            sources=[{"name": "Ann Lee", "kind": "person"}]),
                   REFERENCE, extractor=_as_given)


ORIGINAL = _version("cond-1", "Harbour levy agreed", "the levy starts in May")
DOOMED = _version("cond-doomed", "Ferry timetable set", "ferries leave at noon")


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    engine = own_backend(request, tmp_path_factory, "conditional", [ORIGINAL, DOOMED])
    yield engine
    engine.close()


def _is(version: dict):
    """The condition an If-Match with `version`'s ETag stands for: that content is stored."""
    return lambda stored: stored is not None and stored["content_hash"] == version["content_hash"]


def _quote_texts(engine, article_id: str) -> list[str]:
    return [quote["text"] for quote in engine.article_quotes(article_id)]


def test_a_write_whose_condition_fails_writes_nothing(engine):
    seen = []
    stale = _version("cond-1", "Harbour levy scrapped", "there is no levy")
    with pytest.raises(PreconditionFailed) as refused:
        engine.upsert([stale], expected=lambda stored: seen.append(stored) or False)
    assert [s["content_hash"] for s in seen] == [ORIGINAL["content_hash"]]  # the predicate sees what is stored
    assert refused.value.code == "precondition_failed"
    assert refused.value.current["content_hash"] == ORIGINAL["content_hash"]
    assert engine.get("cond-1")["headline"] == "Harbour levy agreed"
    assert _quote_texts(engine, "cond-1") == ["the levy starts in May"]


def test_a_write_whose_condition_holds_lands_and_chains(engine):
    first = _version("cond-chain", "Dock strike called", "we walk out on Monday")
    assert engine.upsert([first], expected=lambda stored: stored is None).indexed == ["cond-chain"]
    second = _version("cond-chain", "Dock strike called off", "we are back on Monday")
    assert engine.upsert([second], expected=_is(first)).updated == ["cond-chain"]
    assert engine.get("cond-chain")["headline"] == "Dock strike called off"
    assert _quote_texts(engine, "cond-chain") == ["we are back on Monday"]
    with pytest.raises(PreconditionFailed):  # the first version is gone: conditioned on it, refused
        engine.upsert([first], expected=_is(first))
    assert engine.upsert([second], expected=_is(second)).unchanged == ["cond-chain"]


def test_create_only_refuses_an_existing_article_and_expecting_one_refuses_none(engine):
    with pytest.raises(PreconditionFailed) as exists:
        engine.upsert([_version("cond-1", "Another levy", "a new levy")], expected=lambda stored: stored is None)
    assert exists.value.current["id"] == "cond-1"
    with pytest.raises(PreconditionFailed) as missing:
        engine.upsert([_version("cond-none", "Nothing here", "nothing at all")],
                      expected=lambda stored: stored is not None)
    assert missing.value.current is None
    assert engine.get("cond-none") is None and engine.get("cond-1")["headline"] == "Harbour levy agreed"


def test_a_conditional_delete(engine):
    with pytest.raises(PreconditionFailed):
        engine.delete("cond-doomed", expected=lambda stored: False)
    assert engine.get("cond-doomed") is not None and _quote_texts(engine, "cond-doomed")
    with pytest.raises(PreconditionFailed):
        engine.delete("cond-absent", expected=lambda stored: stored is not None)
    assert engine.delete("cond-doomed", expected=_is(DOOMED)) is True
    assert engine.get("cond-doomed") is None and _quote_texts(engine, "cond-doomed") == []


def _racing(engine, writes) -> list:
    """Run each `write(expected)` in its own thread at once, each condition holding only of
    ORIGINAL and dawdling after its check (a check outside the write's step lets the other in)."""
    def expected(stored):
        holds = _is(ORIGINAL)(stored)
        time.sleep(0.3)
        return holds

    start = threading.Barrier(len(writes))
    outcomes: list = [None] * len(writes)

    def run(n, write):
        start.wait()
        try:
            outcomes[n] = write(expected)
        except PreconditionFailed as error:
            outcomes[n] = error

    threads = [threading.Thread(target=run, args=(n, write)) for n, write in enumerate(writes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def test_two_editors_racing_on_one_version_exactly_one_wins(engine):
    mine = _version("cond-1", "Harbour levy agreed for June", "the levy starts in June")
    theirs = _version("cond-1", "Harbour levy agreed for July", "the levy starts in July")
    outcomes = _racing(engine, [lambda expected, article=article: engine.upsert([article], expected=expected)
                                for article in (mine, theirs)])
    refused = [o for o in outcomes if isinstance(o, PreconditionFailed)]
    won = [n for n, o in enumerate(outcomes) if not isinstance(o, PreconditionFailed)]
    assert len(refused) == 1 and len(won) == 1, outcomes
    winner = (mine, theirs)[won[0]]
    assert outcomes[won[0]].updated == ["cond-1"]
    assert refused[0].current["content_hash"] == winner["content_hash"]
    assert engine.get("cond-1")["headline"] == winner["headline"]
    assert _quote_texts(engine, "cond-1") == [winner["quotes"][0]["text"]]
    engine.upsert([ORIGINAL])  # as the other tests found it


def test_an_edit_racing_a_delete_of_the_same_version_one_wins(engine):
    edit = _version("cond-1", "Harbour levy amended", "the levy is halved")
    outcomes = _racing(engine, [lambda expected: engine.upsert([edit], expected=expected),
                                lambda expected: engine.delete("cond-1", expected=expected)])
    assert sum(isinstance(o, PreconditionFailed) for o in outcomes) == 1, outcomes
    stored = engine.get("cond-1")
    if isinstance(outcomes[0], PreconditionFailed):
        assert outcomes[1] is True and stored is None and outcomes[0].current is None
    else:
        assert stored["headline"] == "Harbour levy amended"
    engine.upsert([ORIGINAL])
