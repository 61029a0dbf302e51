"""The seed article, asserted exactly: every hard case the issue names."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from loaders.extract import extract, extract_parts
from loaders.extract.date_lines import parse_date_line

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "seed_article.txt"
REFERENCE = datetime(2025, 4, 12, 9, 0)


@pytest.fixture(scope="module")
def seed() -> dict:
    if not SEED.is_file():
        raise AssertionError(f"seed article missing at {SEED}")
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {"id": "seed", "headline": lines[0], "date_line": lines[1], "body": lines[2:],
            "dateline": {"published_at": None}}


def test_seed_date_line(seed):
    assert parse_date_line(seed["date_line"], REFERENCE) == datetime(2025, 4, 11, 14, 54)


def test_seed_quotes_and_speakers_exactly(seed):
    _, quotes, _ = extract_parts(seed["body"], REFERENCE)
    got = [(q["paragraph"], q["kind"], q["speaker"], q["cue"], q["text"][:40]) for q in quotes]
    assert got == [
        (1, "partial", "the source close to Israel", "according to", "made it unequivocally clear that any cha"),
        (3, "direct", "Turkish sources", "said", "Efforts will continue to establish this "),
        (4, "partial", "Ilham Aliyev", "revealed", "the first successful normalisation betwe"),
        (6, "direct", "Ilham Aliyev", "said", "With Turkey, we are allies. We signed th"),
        (7, "direct", "Ilham Aliyev", "went on saying", "Israel is a friendly country to Azerbaij"),
    ]
    for quote in quotes:
        assert seed["body"][quote["paragraph"]][quote["start"]:quote["end"]] == quote["text"]
        assert quote["source"] == quote["speaker"]
        assert quote["end_paragraph"] is None
    assert quotes[1]["text"] == "Efforts will continue to establish this mechanism"
    assert quotes[0]["text"].endswith("is a red line.")
    assert quotes[4]["text"].endswith("it circulates quite broadly")


def test_seed_titles_and_terms_are_not_quotes(seed):
    _, quotes, _ = extract_parts(seed["body"], REFERENCE)
    texts = " | ".join(q["text"] for q in quotes)
    assert "Facing a New World Order" not in texts
    assert "deconfliction mechanism" not in texts


def test_seed_sources_exactly(seed):
    _, _, sources = extract_parts(seed["body"], REFERENCE)
    got = {(s["name"], s["kind"], s["title"], s["affiliation"]) for s in sources}
    assert got == {
        ("Jerusalem Post", "outlet", None, None),
        ("Ilham Aliyev", "person", "President", "Azerbaijan"),
        ("a source familiar with the matter", "anonymous", None, None),
        ("the source close to Israel", "anonymous", None, "Israel"),
        ("Turkish sources", "anonymous", None, "Turkey"),
    }
    by_name = {s["name"]: s for s in sources}
    assert [(m["paragraph"], m["text"]) for m in by_name["Ilham Aliyev"]["mentions"]] == [
        (4, "Ilham Aliyev"), (5, "Aliyev"), (7, "Aliyev")]
    assert [(m["paragraph"], m["text"]) for m in by_name["a source familiar with the matter"]["mentions"]] == [
        (0, "a source familiar with the matter"), (1, "the source")]
    for source in sources:
        for mention in source["mentions"]:
            assert seed["body"][mention["paragraph"]][mention["start"]:mention["end"]] == mention["text"]


def test_extract_keeps_input_and_fills_dateline(seed):
    article = dict(seed, dateline={"published_at": "2025-04-11T14:54:00", "place": None})
    result = extract(article, REFERENCE)
    assert result is not article
    assert article["dateline"] == {"published_at": "2025-04-11T14:54:00", "place": None}
    assert result["dateline"]["published_at"] == "2025-04-11T14:54:00"
    assert len(result["quotes"]) == 5
    assert {s["name"] for s in result["sources"]} >= {"Ilham Aliyev", "Jerusalem Post"}
