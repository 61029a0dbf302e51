"""The labeled set holds the issue's targets; a drop below them fails here, before any benchmark run."""

from __future__ import annotations

import json

from benchmarks.extraction_eval import FIXTURES, evaluate_fixtures


def test_labeled_set_is_large_and_well_formed():
    paths = sorted(FIXTURES.glob("*.json"))
    assert len(paths) >= 41  # at least 40 of our own plus the seed article
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert {"reference", "expected"} <= data.keys(), path.name
        assert "article" in data or "article_file" in data, path.name
        for quote in data["expected"]["quotes"]:
            assert quote["kind"] in ("direct", "partial") and quote["text"], path.name
        for source in data["expected"]["sources"]:
            assert source["kind"] in ("person", "organization", "outlet", "anonymous"), path.name


def test_labeled_set_meets_the_targets():
    scores, _ = evaluate_fixtures()
    numbers = scores.summary()
    misses = "\n".join(scores.misses)
    assert numbers["direct_quote_precision"] >= 0.95, misses
    assert numbers["direct_quote_recall"] >= 0.95, misses
    assert numbers["speaker_accuracy"] >= 0.90, misses
    assert numbers["anonymous_source_recall"] >= 0.90, misses
    assert numbers["dateline_accuracy"] >= 0.95, misses
