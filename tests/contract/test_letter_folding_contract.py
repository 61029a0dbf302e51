"""Greek with or without accents, and Russian "ё" or "е", find each other on
every backend (service/backends/letter_folding.py), and the hit marks the
word as the article writes it."""
from __future__ import annotations

import pytest

from loaders.pipeline import prepare
from service.backends.base import SearchRequest
from service.query import parse

from .conftest import BACKENDS, own_backend
from .corpus import REFERENCE

STORIES = {
    "el-caps": ("ΜΗΤΣΟΤΑΚΗΣ: ΝΕΑ ΜΕΤΡΑ ΓΙΑ ΤΗΝ ΑΘΗΝΑ", ["Ο πρωθυπουργός ανακοίνωσε μέτρα για την πρωτεύουσα."]),
    "el-text": ("Νέα μέτρα στην Αθήνα", ["Ο Κυριάκος Μητσοτάκης ανακοίνωσε νέα μέτρα για την Αθήνα.",
                                        "Οι κάτοικοι της Αθήνας περιμένουν."]),
    "el-plain": ("Μετρα χωρις τονους", ["Ο Μητσοτακης μιλησε στην Αθηνα."]),
    "ru-yo": ("Ёлка на Красной площади", ["Фёдоров сказал, что ёлка будет установлена."]),
    "ru-ye": ("Елка в Москве", ["Федоров подтвердил, что елка готова."]),
    "en": ("Athens unveils measures", ["The prime minister announced new measures for Athens."]),
}


@pytest.fixture(scope="module", params=BACKENDS)
def engine(request, tmp_path_factory):
    articles = [prepare({"id": article_id, "headline": headline, "body": body, "outlet": "Wire"}, REFERENCE)
                for article_id, (headline, body) in STORIES.items()]
    backend = own_backend(request, tmp_path_factory, "letters", articles)
    yield backend
    backend.close()


def _search(engine, q: str, highlight: bool = False):
    return engine.search(SearchRequest(parse(q), highlight=highlight, size=20))


def _ids(engine, q: str) -> list[str]:
    return sorted(hit.id for hit in _search(engine, q).hits)


@pytest.mark.parametrize(("q", "expected"), [
    ("Αθήνα", ["el-caps", "el-plain", "el-text"]),
    ("ΑΘΗΝΑ", ["el-caps", "el-plain", "el-text"]),
    ("αθηνα", ["el-caps", "el-plain", "el-text"]),
    ("Αθήνας", ["el-text"]),  # the genitive, its final sigma as typed or in capitals
    ("ΑΘΗΝΑΣ", ["el-text"]),
    ("Μητσοτάκης", ["el-caps", "el-plain", "el-text"]),
    ("Μητσοτακης", ["el-caps", "el-plain", "el-text"]),
    ('"νέα μέτρα"', ["el-caps", "el-text"]),
    ("Αθή*", ["el-caps", "el-plain", "el-text"]),
    ("ΑΘΗ*", ["el-caps", "el-plain", "el-text"]),
    ("Μητσοτάκη~1", ["el-caps", "el-plain", "el-text"]),
    ("headline:αθηνα", ["el-caps", "el-text"]),
    ("ёлка", ["ru-ye", "ru-yo"]),
    ("елка", ["ru-ye", "ru-yo"]),
    ("Фёдоров", ["ru-ye", "ru-yo"]),
    ("Athens", ["en"]),
])
def test_spellings_with_and_without_marks_find_each_other(engine, q, expected):
    assert _ids(engine, q) == expected


@pytest.mark.parametrize(("q", "article_id", "field", "marked"), [
    ("ΑΘΗΝΑ", "el-text", "headline", "Νέα μέτρα στην <em>Αθήνα</em>"),
    ("αθηνα", "el-caps", "headline", "ΜΗΤΣΟΤΑΚΗΣ: ΝΕΑ ΜΕΤΡΑ ΓΙΑ ΤΗΝ <em>ΑΘΗΝΑ</em>"),
    ("Μητσοτακης", "el-text", "body", "Ο Κυριάκος <em>Μητσοτάκης</em> ανακοίνωσε"),
    ("елка", "ru-yo", "headline", "<em>Ёлка</em> на Красной площади"),
])
def test_the_word_is_marked_as_the_article_writes_it(engine, q, article_id, field, marked):
    [hit] = [hit for hit in _search(engine, q, highlight=True).hits if hit.id == article_id]
    shown = hit.highlights[field] if field == "headline" else " ".join(hit.highlights[field])
    assert marked in shown
