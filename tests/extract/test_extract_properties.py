"""Properties over generated text: never raises, offsets match text, same input gives the same output."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from loaders.extract import extract, extract_parts
from loaders.extract.date_lines import parse_date_line
from loaders.extract.dateline import find_dateline
from loaders.extract.dateline_places import place_display
from loaders.extract.dates import FOREIGN_MONTHS

REFERENCE = datetime(2025, 4, 12, 9, 0)

_FRAGMENTS = [
    "“", "”", "\"", " ", ", ", ". ", "said", " he said.", " she told Reuters", "according to", " the source",
    "a source familiar with the matter", "Turkish sources", "Ilham Aliyev", "Aliyev", "President", "“Yes,”",
    "titled", "the senator", "LONDON, March 3 (Reuters) - ", "By Jane Doe", "—", "--", " - ", ":", "it",
    "officials who asked not to be named", "Jerusalem Post", "de Hora", "U.S.", "Mr.", "the company said",
    "“We will win.”", "\n", "é", "ß", "🙂", "'", "’", "(", ")", "<", "12", "Feb 29", "”,", "“.", "…",
    "PARIS, 3 mars (AFP) - ", "HONG KONG/SHANGHAI, ", "3. März", " out ", "/",
]
_PARAGRAPH = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=8)), max_size=25).map("".join)
_BODY = st.lists(_PARAGRAPH, max_size=6)


def _check_offsets(body: list[str], quotes: list[dict], sources: list[dict]) -> None:
    for quote in quotes:
        paragraph = body[quote["paragraph"]]
        assert 0 <= quote["start"] <= len(paragraph)
        if quote["end_paragraph"] is None:
            assert quote["start"] <= quote["end"] <= len(paragraph)
            assert paragraph[quote["start"]:quote["end"]] == quote["text"]
        else:
            assert quote["end_paragraph"] > quote["paragraph"]
            assert 0 <= quote["end"] <= len(body[quote["end_paragraph"]])
            assert quote["text"].startswith(paragraph[quote["start"]:].strip()[:10])
        assert quote["kind"] in ("direct", "partial")
        assert quote["text"].strip()
    names = {source["name"] for source in sources}
    for quote in quotes:
        assert quote["source"] is None or quote["source"] in names
    for source in sources:
        assert source["name"].strip()
        assert source["kind"] in ("person", "organization", "outlet", "anonymous")
        for mention in source["mentions"]:
            assert body[mention["paragraph"]][mention["start"]:mention["end"]] == mention["text"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_BODY)
@example(["<“00>…"])  # a ticker's marks round a quote's opening: the quote's ">" was blanked in its text
def test_extraction_never_raises_and_offsets_hold(body):
    _, quotes, sources = extract_parts(body, REFERENCE)
    _check_offsets(body, quotes, sources)


#: Chinese and Japanese wire copy in pieces (ideographic.py reads their quotes and speakers).
_IDEOGRAPHIC_FRAGMENTS = [
    "“", "”", "「", "」", "『", "』", "，", "。", "：", "！", "（", "）", "说", "表示", "指出", "他", "同氏", "李强",
    "总理", "外交部", "发言人", "周二", "在记者会上", "新华社北京3月5日电", "と", "は", "が", "の", "述べた", "語った",
    "植田和男", "総裁", "日銀", "のは", "5日", "…", "\n", " ", "said",
]
_IDEOGRAPHIC_BODY = st.lists(st.lists(st.one_of(st.sampled_from(_IDEOGRAPHIC_FRAGMENTS), st.text(max_size=4)),
                                      max_size=25).map("".join), max_size=4)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_IDEOGRAPHIC_BODY)
def test_chinese_and_japanese_extraction_never_raises_and_offsets_hold(body):
    _, quotes, sources = extract_parts(body, REFERENCE)
    _check_offsets(body, quotes, sources)


@settings(max_examples=150, deadline=None)
@given(_BODY)
def test_extraction_is_deterministic(body):
    article = {"id": "x", "headline": "h", "body": body, "dateline": None}
    assert extract(article, REFERENCE) == extract(article, REFERENCE)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.datetimes(min_value=datetime(1901, 3, 1), max_value=datetime(2099, 12, 1)))
def test_dateline_parsers_never_raise(text, reference):
    found = find_dateline(text, reference)
    if found is not None:
        assert 0 <= found.end <= len(text)
        assert found.raw and found.raw in text
        if found.published_at is not None and found.raw.count(",") < 3:
            assert found.published_at.year <= reference.year + 1
    parse_date_line(text, reference)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", "\"", "a", " ", ".", ",", "said", "X"]), max_size=40).map("".join))
def test_quote_marks_in_any_order(paragraph):
    body = [paragraph, paragraph]
    _, quotes, sources = extract_parts(body, REFERENCE)
    _check_offsets(body, quotes, sources)


_WORDS = st.lists(st.sampled_from(["We", "will", "win", "it", "said", "Smith", "“", ",", "."]), min_size=1,
                  max_size=10).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=4), _WORDS)
def test_quotes_left_open_across_paragraphs(middle, last):
    body = ["Jane Smith spoke."] + ["“" + part for part in middle] + ["“" + last + ",” she said."]
    _, quotes, sources = extract_parts(body, REFERENCE)
    _check_offsets(body, quotes, sources)


def test_adversarial_paragraphs_stay_linear():
    """Long paragraphs of quote marks, cues and capitals finish in seconds, not minutes (no quadratic path)."""
    import time

    paragraphs = [
        '"a, " said ' * 4000,
        "“We will win,” he said, “and they, the people familiar with the matter, " * 1200,
        "the officials said that the source close to the people familiar with " * 1500,
        "Alpha Beta Gamma " * 5000,
        "Smith, a, b, c, " * 6000,
        "x" * 100_000,
    ]
    started = time.process_time()
    for paragraph in paragraphs:
        extract_parts([paragraph, paragraph[:3000]], REFERENCE)
        find_dateline(paragraph, REFERENCE)
    assert time.process_time() - started < 20


#: Every month of another language whose capitals are letters of their own: "μαΐου" in capitals is
#: "ΜΑΪ́ΟΥ" to Python, with a combining accent no Greek capitals carry (they write "ΜΑΪΟΥ", also listed).
_MONTHS_WITH_CAPITALS = sorted((name, number) for name, number in FOREIGN_MONTHS.items()
                               if len(name.upper()) == len(name))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["PARIS", "ROMA", "MADRID", "BERLIN", "SÃO PAULO", "RIO DE JANEIRO", "GENÈVE"]),
       st.integers(min_value=1, max_value=28), st.sampled_from(_MONTHS_WITH_CAPITALS),
       st.sampled_from(["{day} {month}", "{day}. {month}", "{day} de {month}", "{day} {month}."]),
       st.sampled_from(["", " 2024"]), st.sampled_from(["AFP", "EFE", "ANSA", "dpa", "Lusa"]),
       st.booleans())
def test_day_first_month_of_another_language_is_read(place, day, month, form, year, agency, upper):
    name, number = month
    name = name.upper() if upper else name
    paragraph = f"{place}, {form.format(day=day, month=name)}{year} ({agency}) - Le texte."
    found = find_dateline(paragraph, REFERENCE)
    assert found is not None and (found.place, found.agency) == (place_display(place), agency)
    assert (found.published_at.month, found.published_at.day) == (number, day)
    if year:
        assert found.published_at.year == 2024
    else:  # the latest such day not after the reference, as for English datelines
        assert found.published_at <= REFERENCE + timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["BUENOS AIRES", "MADRID", "LIMA", "BOGOTÁ", "SÃO PAULO", "ROMA"]),
       st.integers(min_value=1, max_value=28), st.sampled_from(_MONTHS_WITH_CAPITALS),
       st.sampled_from(["{month} {day}", "{month}. {day}", "{day} {month}"]), st.sampled_from(["", ", 2024"]),
       st.sampled_from(["EFE", "ANSA", "AFP", "Lusa"]), st.booleans(), st.booleans())
def test_month_first_and_agency_first_are_read(place, day, month, form, year, agency, upper, agency_first):
    name, number = month
    date = form.format(day=day, month=name.upper() if upper else name) + year
    paragraph = (f"({agency}) - {place}, {date} - El texto." if agency_first
                 else f"{place}, {date} ({agency}) - El texto.")
    found = find_dateline(paragraph, REFERENCE)
    assert found is not None and (found.place, found.agency) == (place_display(place), agency)
    assert (found.published_at.month, found.published_at.day) == (number, day)
    assert paragraph[found.end:] == "El texto."
