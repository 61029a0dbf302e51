"""Wire copy from everywhere: right-to-left paragraphs and accents written as marks of their own.

Copy from right-to-left pages opens and closes paragraphs with invisible
direction marks; copy from some systems writes "é" as "e" and a combining
accent. Both backends must find the same articles in such text, for queries
typed either way, and mark the same words.
"""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import SearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE, _as_given

ACUTE, TILDE, CEDILLA = "\u0301", "\u0303", "\u0327"
RLM, LRM = "\u200f", "\u200e"
STORIES = {
    "rtl": (f"{RLM}שלום לכולם", [f"{RLM}ראש הממשלה אמר שלום.", f"Oil prices rose{LRM}"]),
    "decomposed": (f"Jose{ACUTE} Mourinho returns", [f"Cafe{ACUTE} owners in Sa{TILDE}o Paulo cheered Franc{CEDILLA}ois."]),
    "composed": ("André Villas-Boas leaves", ["Café owners in Porto were sad."]),
    "greek": ("Απεργία", ["Η Αθήνα σταμάτησε σήμερα."]),
    "ukrainian": ("Заява", ["Андрій Єрмак заявив про переговори."]),
    "arabic": ("بيان", ["قال مُحَمَّد إن الوضع هادئ."]),
    "hebrew": ("הודעה", ["שָׁלוֹם לכולם."]),
    "hindi": ("बयान", ["मोदी ने कहा कि भारत तैयार है।"]),
    "dotted": ("İstanbul'da görüşme", ["Ekrem İmamoğlu met delegates in İSTANBUL."]),
    "dotless": ("Istanbul talks", ["Ekrem Imamoglu met delegates in Istanbul."]),
}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    articles = [prepare({"id": article_id, "headline": headline, "body": body, "outlet": "Wire"},
                        REFERENCE, extractor=_as_given)
                for article_id, (headline, body) in STORIES.items()]
    backend = own_backend(request, tmp_path_factory, "world-text", articles)
    yield backend
    backend.close()


def _hits(engine, q: str):
    return engine.search(SearchRequest(parse(q))).hits


@pytest.mark.parametrize(("q", "part", "expected"), [
    ("שלום", "headline", f"{RLM}<em>שלום</em> לכולם"),
    ("שלום", "body", [f"{RLM}ראש הממשלה אמר <em>שלום</em>."]),
    ("oil", "body", [f"<em>Oil</em> prices rose{LRM}"]),
])
def test_a_text_opening_or_closing_with_a_direction_mark_is_highlighted(engine, q, part, expected):
    """Elasticsearch gives a marked value back without the spaces its ends were indexed with (the
    marks split words as spaces), so such a headline or paragraph was found but never marked there."""
    hit, = _hits(engine, q)
    assert hit.highlights.get(part) == expected


@pytest.mark.parametrize(("q", "expected"), [
    ("José", ["decomposed"]), ("Jose", ["decomposed"]), (f"Jose{ACUTE}", ["decomposed"]),
    ("cafe", ["composed", "decomposed"]), (f"Cafe{ACUTE}", ["composed", "decomposed"]),
    ('"São Paulo"', ["decomposed"]), ("Francois", ["decomposed"]), ("François", ["decomposed"]),
    (f"Andre{ACUTE}", ["composed"]), (f"headline:Andre{ACUTE}*", ["composed"]),
])
def test_an_accent_written_as_a_mark_of_its_own_is_the_letter_it_makes(engine, q, expected):
    """Elasticsearch indexed "Jose" and a combining accent as a word "José" did not find (it folds
    "é", not a lone accent), where the embedded index cut it at the accent: `José` found the
    article on the embedded index only, `Jose\u0301` typed so found "André" there only, and a
    phrase or word the accent stood inside (`"São Paulo"`, `François`) on neither."""
    assert sorted(hit.id for hit in _hits(engine, q)) == expected


def test_decomposed_text_is_marked_and_returned_composed(engine):
    hit, = _hits(engine, "José")
    assert hit.highlights["headline"] == "<em>José</em> Mourinho returns"
    assert hit.article["headline"] == "José Mourinho returns"


@pytest.mark.parametrize(("q", "expected", "marked"), [
    ("Αθή*", ["greek"], "Η <em>Αθήνα</em> σταμάτησε σήμερα."),
    ("Андрій*", ["ukrainian"], "<em>Андрій</em> Єрмак заявив про переговори."),
    ("مُحَ*", ["arabic"], "قال <em>مُحَمَّد</em> إن الوضع هادئ."),
    ("שָׁל*", ["hebrew"], "<em>שָׁלוֹם</em> לכולם."),
    ("मोद*", ["hindi"], "<em>मोदी</em> ने कहा कि भारत तैयार है।"),
])
def test_a_word_start_keeps_the_marks_its_script_keeps(engine, q, expected, marked):
    """Elasticsearch's prefix stripped every mark from the word start, where ASCII folding strips
    Latin ones only: `Αθή*` looked for "αθη", no word of "Αθήνα". The embedded index took a word
    start with a vowel sign, haraka or point for no word (Python's `\\w` has none) and found nothing."""
    hits = _hits(engine, q)
    assert [hit.id for hit in hits] == expected
    assert hits[0].highlights["body"] == [marked]


@pytest.mark.parametrize(("q", "expected"), [
    ("Istanbul", ["dotless", "dotted"]), ("İstanbul", ["dotless", "dotted"]), ("istanbul", ["dotless", "dotted"]),
    ("Imamoglu", ["dotless", "dotted"]), ("İmamoğlu", ["dotless", "dotted"]), ("İst*", ["dotless", "dotted"]),
    ('"Ekrem İmamoğlu met"', ["dotless", "dotted"]), ("headline:istanbul", ["dotless", "dotted"]),
])
def test_the_turkish_dotted_capital_i_is_an_i(engine, q, expected):
    """tantivy (and osmem) lower-cased "İ" to "i" and a combining dot above, which ASCII folding
    keeps: `Istanbul` and `Imamoglu` did not find "İstanbul" and "İmamoğlu", nor `İstanbul`
    "Istanbul", where Elasticsearch, lower-casing letter by letter, finds both."""
    assert sorted(hit.id for hit in _hits(engine, q)) == expected


def test_a_word_with_the_dotted_capital_i_is_marked_whole(engine):
    hit = next(hit for hit in _hits(engine, "imamoglu istanbul") if hit.id == "dotted")
    assert hit.highlights == {"headline": "<em>İstanbul</em>&#x27;da görüşme",
                              "body": ["Ekrem <em>İmamoğlu</em> met delegates in <em>İSTANBUL</em>."]}
