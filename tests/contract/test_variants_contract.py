"""Words typed in one spelling are found in both, on every backend: `US` finds
"U.S.", `U.K.` finds "UK", `cease-fire` finds "ceasefire"
(service/query/variants.py), and the hit marks the spelling it holds."""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import SearchRequest
from service.query import parse
from service.query.variants import with_variants

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE

STORIES = {
    "dotted-us": ("U.S. sanctions widen", ["WASHINGTON, March 3 (Reuters) - The U.S. Treasury widened sanctions."]),
    "plain-us": ("US sanctions on steel", ["LONDON - The US said on Monday it would widen its steel tariffs."]),
    "pronoun": ("Strikers talk to reporters", ["\"Nobody told us anything,\" a docker said on Monday."]),
    "dotted-uk": ("U.K. inflation slows", ["Prices in the U.K. rose less than forecast."]),
    "plain-uk": ("UK inflation slows again", ["Prices in the UK rose by 2 percent."]),
    "fbi": ("F.B.I. opens inquiry", ["The F.B.I. said it had opened an inquiry into the leak."]),
    "other": ("Steel output rises", ["Steel output rose in March, the ministry said."]),
    "hyphenated": ("Cease-fire holds", ["The cease-fire agreed on Sunday held, officials said by e-mail."]),
    "joined": ("Ceasefire talks resume", ["Talks on a ceasefire resumed, the ministry said in an email."]),
    "open": ("Cease fire broken", ["A cease fire signed last week was broken, the therapist said."]),
    "rapist": ("Court jails attacker", ["The rapist was jailed for ten years."]),
    "per-cent": ("Prices up 3 per cent", ["Prices rose 3 per cent in the euro zone, the anti-Semitism report said."]),
    "percent": ("Prices up 3 percent", ["Prices rose 3 percent in the eurozone."]),
    "possessive": ("Japan's exports rise", ["Japan’s exports rose 3 percent in May."]),
    "plain-japan": ("Exports from Japan rise", ["Exports from Japan rose in May."]),
}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    articles = [prepare({"id": article_id, "headline": headline, "body": body, "outlet": "Wire"}, REFERENCE)
                for article_id, (headline, body) in STORIES.items()]
    backend = own_backend(request, tmp_path_factory, "variants", articles)
    yield backend
    backend.close()


def _search(engine, q: str, highlight: bool = False):
    return engine.search(SearchRequest(with_variants(parse(q)), highlight=highlight, size=20))


def _ids(engine, q: str) -> list[str]:
    return sorted(hit.id for hit in _search(engine, q).hits)


@pytest.mark.parametrize(("q", "expected"), [
    ("US", ["dotted-us", "plain-us", "pronoun"]),  # typed in capitals: the word "us" too, as always
    ("U.S.", ["dotted-us"]),  # not widened to "us": every quote with "told us" would match
    ("us", ["plain-us", "pronoun"]),  # lower case: no acronym typed
    ("UK", ["dotted-uk", "plain-uk"]),
    ("U.K.", ["dotted-uk", "plain-uk"]),
    ("U.K", ["dotted-uk", "plain-uk"]),
    ("FBI", ["fbi"]),
    ("headline:UK", ["dotted-uk", "plain-uk"]),
    ('"US sanctions"', ["dotted-us", "plain-us"]),
    ('"UK inflation slows"', ["dotted-uk", "plain-uk"]),
    ("sanctions -US", []),
    ("inflation -U.K.", []),
    ("steel -US", ["other"]),
    ("cease-fire", ["hyphenated", "joined", "open"]),
    ("ceasefire", ["hyphenated", "joined", "open"]),  # a compound of COMPOUNDS: split where it splits
    ("ceasefires", ["hyphenated", "joined", "open"]),
    ('"ceasefire talks"', ["joined"]),
    ("percent", ["per-cent", "percent", "plain-uk", "possessive"]),
    ("eurozone", ["per-cent", "percent"]),
    ("antisemitism", ["per-cent"]),
    ("therapist", ["open"]),  # any other joined word: never split ("the rapist")
    ("e-mail", ["hyphenated", "joined"]),
    ('"cease-fire talks"', ["joined"]),
    ("headline:cease-fire", ["hyphenated", "joined", "open"]),
    ("ministry -cease-fire", ["other"]),
    ("Japan's", ["plain-japan", "possessive"]),
    ("Japan’s exports", ["plain-japan", "possessive"]),
    ('"Japan\'s exports"', ["possessive"]),  # a phrase is exact
])
def test_words_match_both_spellings(engine, q, expected):
    assert _ids(engine, q) == expected


@pytest.mark.parametrize(("q", "article_id", "marked"), [
    ("US", "dotted-us", "<em>U.S</em>."),  # the final dot ends the sentence as often as the word
    ("UK", "dotted-uk", "<em>U.K</em>."),
    ("U.K.", "plain-uk", "<em>UK</em> "),
    ("FBI", "fbi", "<em>F.B.I</em>."),
    ("cease-fire", "joined", "<em>Ceasefire</em> "),
    ("ceasefire", "hyphenated", "<em>Cease-fire</em> "),
])
def test_the_spelling_found_is_marked(engine, q, article_id, marked):
    [hit] = [hit for hit in _search(engine, q, highlight=True).hits if hit.id == article_id]
    assert marked in hit.highlights["headline"] + " "
    assert marked.lower() in " ".join(hit.highlights["body"]).lower()
