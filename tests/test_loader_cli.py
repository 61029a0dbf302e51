"""`python -m loaders load|extract|count` end to end, on a temporary embedded index."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from loaders.cli import main
from loaders.identity import stable_id
from service.backends.base import Filters, SearchRequest
from service.backends.embedded import EmbeddedBackend
from service.config import Config
from service.query import parse

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "seed_article.txt"
SAMPLE_GLOBS = [str(SAMPLES / f"*.{ext}") for ext in ("txt", "json", "jsonl", "html", "rss", "atom")]
SEED_HEADLINE = "Azerbaijan hosts Israel-Turkey meeting aimed at laying out “red lines” in Syria"


@pytest.fixture()
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture()
def run(data_dir):
    config = Config(data_dir=data_dir)

    def run(*argv: str) -> int:
        command, *rest = argv
        extra = ["--no-progress"] if command in ("load", "extract") else []
        return main([command, *extra, *rest], config=config)

    return run


def index_count(data_dir: Path) -> int:
    backend = EmbeddedBackend(data_dir)
    try:
        return backend.count()
    finally:
        backend.close()


def get_article(data_dir: Path, article_id: str) -> dict | None:
    backend = EmbeddedBackend(data_dir)
    try:
        return backend.get(article_id)
    finally:
        backend.close()


def rejects(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def summary_line(capsys) -> str:
    return capsys.readouterr().err.strip().splitlines()[-1]


def rejects_reported(err: str) -> list[dict]:
    """The rejects lines `extract` writes to stderr (log records may be there too)."""
    lines = (json.loads(line) for line in err.splitlines() if line.startswith('{"source": '))
    return [line for line in lines if set(line) == {"source", "reason", "at"}]


def extracted(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


# -- loading the samples -------------------------------------------------------------

@pytest.fixture()
def sample_ids(run, capsys) -> list[str]:
    """Ids of the sample articles as `extract` sees them (no index involved)."""
    assert run("extract", "--reference-date", "2025-06-01", *SAMPLE_GLOBS) == 0
    return [article["id"] for article in extracted(capsys)]


def test_load_samples_indexes_every_article(run, data_dir, capsys, sample_ids):
    n = len(sample_ids)
    assert n >= 30  # 34 fictional articles plus the seed, in six formats
    assert len(set(sample_ids)) == n  # no two samples collapse into one id

    assert run("load", "--reference-date", "2025-06-01", *SAMPLE_GLOBS) == 0
    assert summary_line(capsys) == f"read {n}, indexed {n}, updated 0, unchanged 0, rejected 0"
    assert index_count(data_dir) == n
    assert rejects(data_dir / "rejects.jsonl") == []
    for article_id in sample_ids[:3] + sample_ids[-3:]:
        assert get_article(data_dir, article_id)["id"] == article_id


def test_loading_again_changes_nothing(run, data_dir, capsys, sample_ids):
    n = len(sample_ids)
    assert run("load", "--reference-date", "2025-06-01", *SAMPLE_GLOBS) == 0
    capsys.readouterr()
    assert run("load", "--reference-date", "2025-06-01", *SAMPLE_GLOBS) == 0
    assert summary_line(capsys) == f"read {n}, indexed 0, updated 0, unchanged {n}, rejected 0"
    assert index_count(data_dir) == n


def test_changed_article_is_updated_not_duplicated(run, data_dir, tmp_path, capsys):
    story = tmp_path / "in" / "story.json"
    story.parent.mkdir()
    article = {"url": "https://portweekly.example/robots", "outlet": "Port Weekly",
               "headline": "Harbour robots tie up first ship", "body": ["First version."]}
    story.write_text(json.dumps(article))
    assert run("load", str(story)) == 0
    story.write_text(json.dumps({**article, "body": ["Second version."]}))
    capsys.readouterr()
    assert run("load", str(story)) == 0
    assert summary_line(capsys) == "read 1, indexed 0, updated 1, unchanged 0, rejected 0"
    assert index_count(data_dir) == 1
    assert get_article(data_dir, stable_id(article))["body"] == ["Second version."]


def test_loading_the_samples_folder_skips_the_readme(run, data_dir, tmp_path, capsys):
    folder = tmp_path / "samples"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "README.md").write_text("# Sample articles\n")
    assert run("load", "--reference-date", "2025-06-01", str(folder)) == 0
    assert summary_line(capsys) == "read 1, indexed 1, updated 0, unchanged 0, rejected 0"


def test_feed_items_sharing_a_link_are_all_indexed_and_a_rerun_changes_nothing(run, data_dir, capsys):
    feed = ROOT / "tests" / "fixtures" / "feeds" / "shared_links.rss"
    assert run("load", str(feed)) == 0
    assert summary_line(capsys) == "read 4, indexed 4, updated 0, unchanged 0, rejected 0"
    assert run("load", str(feed)) == 0
    assert summary_line(capsys) == "read 4, indexed 0, updated 0, unchanged 4, rejected 0"
    assert index_count(data_dir) == 4


def test_an_article_replacing_another_of_the_same_load_is_said(run, data_dir, tmp_path, capsys):
    first = {"url": "https://herald.example/a", "headline": "Story A", "body": ["First version."]}
    path = tmp_path / "versions.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in (
        first, {**first, "url": "https://herald.example/b"}, first, {**first, "body": ["Second version."]})))
    assert run("load", str(path)) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-2:] == [
        "read 4, indexed 2, updated 1, unchanged 1, rejected 0",
        f"1 article has the id of a different article earlier in this load and replaced it (first: {path}:4 "
        f"replaced {path}:3); if they are different articles, give each its own id or URL"]
    assert index_count(data_dir) == 2


def test_a_rerun_of_a_load_holding_two_versions_changes_nothing(run, data_dir, tmp_path, capsys):
    """The index holds the later version: re-run, the earlier was written over it
    and the later again, "updated 2" for a load that changed nothing."""
    first = {"url": "https://herald.example/a", "headline": "Story A", "body": ["First version."]}
    path = tmp_path / "versions.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in (first, {**first, "body": ["Second version."]})))
    assert run("load", str(path)) == 0
    capsys.readouterr()
    assert run("load", str(path)) == 0
    counts = [line for line in capsys.readouterr().err.splitlines() if line.startswith("read ")]
    assert counts == ["read 2, indexed 0, updated 0, unchanged 2, rejected 0"]
    assert get_article(data_dir, stable_id(first))["body"] == ["Second version."]


def test_two_outlets_relative_urls_alike_are_two_articles(run, data_dir, tmp_path, capsys):
    """A JSON export's `/news/1` names a page on its outlet's site only: another
    outlet's `/news/1` replaced it in the index, counted as an update."""
    path = tmp_path / "exports.jsonl"
    path.write_text("\n".join(json.dumps({"url": "/news/1", "outlet": outlet, "headline": f"{outlet} story",
                                          "body": [f"Told by {outlet}."]})
                              for outlet in ("Port Weekly", "Harbor Gazette")))
    assert run("load", str(path)) == 0
    assert summary_line(capsys) == "read 2, indexed 2, updated 0, unchanged 0, rejected 0"
    assert index_count(data_dir) == 2
    assert run("load", str(path)) == 0
    assert summary_line(capsys) == "read 2, indexed 0, updated 0, unchanged 2, rejected 0"


def test_a_repeated_identical_article_is_no_replacement(run, tmp_path, capsys):
    line = json.dumps({"url": "https://herald.example/a", "headline": "Story A", "body": ["Text."]})
    path = tmp_path / "twice.jsonl"
    path.write_text(f"{line}\n{line}\n")
    assert run("load", str(path)) == 0
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "read 2, indexed 1, updated 0, unchanged 1, rejected 0")


# -- bad inputs -------------------------------------------------------------------------

GOOD_LINE_1 = {"url": "https://orbisnews.example/world/2024/08/05/ferry-strike-ends",
               "outlet": "Orbis News Service", "headline": "Sable Line ferry strike ends after two days",
               "body": ["A two-day strike by deckhands at the ferry operator Sable Line ended on Monday."],
               "dateline": {"place": "Oskarvik", "published_at": "2024-08-05T16:00:00Z"}}
GOOD_LINE_3 = {"url": "https://fenwicksports.example/sailing/2024/08/11/vesterholm-regatta",
               "outlet": "Fenwick Sports Daily", "headline": "Dunmere crew wins Vesterholm Regatta",
               "body": ["A crew from Dunmere won the Vesterholm Regatta on Sunday."],
               "dateline": {"place": "Vesterholm", "published_at": "2024-08-11T19:30:00Z"}}


@pytest.fixture()
def bad_dir(tmp_path) -> Path:
    """The kinds of broken input in samples/bad, written here so the test owns them."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "invalid_json.json").write_text(
        '{\n  "url": "https://harborgazette.example/truncated",\n  "headline": "Cut off",\n'
        '  "body": [\n    "The first paragraph is fine, but the list is never closed,\n')
    (folder / "meeting_notes.docx").write_text("random bytes pretending to be a Word document")
    (folder / "nav_only.html").write_text(
        "<!DOCTYPE html><html><head><title>Sections | Northgate Post</title></head><body>"
        "<nav><ul>" + "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in
                              ("Home", "News", "World", "Politics", "Business", "Sport", "Culture"))
        + "</ul></nav></body></html>")
    (folder / "no_headline_no_body.json").write_text(json.dumps(
        {"url": "https://northgatepost.example/placeholder", "outlet": "Northgate Post",
         "authors": ["Helena Marsh"], "dateline": {"published_at": "2024-05-02T10:00:00Z"}}))
    (folder / "partly_broken.jsonl").write_text(
        json.dumps(GOOD_LINE_1) + "\n"
        + '{"url": "https://orbisnews.example/broken", "headline": "This line is broken", "body": ["missing\n'
        + json.dumps(GOOD_LINE_3) + "\n")
    return folder


def test_bad_inputs_are_rejected_with_reasons_and_good_lines_kept(run, data_dir, bad_dir, capsys):
    assert run("load", str(bad_dir)) == 2
    assert summary_line(capsys) == (
        f"read 8, indexed 2, updated 0, unchanged 0, rejected 6 (reasons in {data_dir / 'rejects.jsonl'})")

    lines = rejects(data_dir / "rejects.jsonl")
    by_source = {line["source"]: line["reason"] for line in lines}
    assert len(lines) == len(by_source) == 6
    assert set(by_source) == {
        str(bad_dir / "empty.txt"),
        str(bad_dir / "invalid_json.json"),
        str(bad_dir / "meeting_notes.docx"),
        str(bad_dir / "nav_only.html"),
        str(bad_dir / "no_headline_no_body.json"),
        f"{bad_dir / 'partly_broken.jsonl'}:2",
    }
    assert all(isinstance(reason, str) and reason for reason in by_source.values())
    assert by_source[str(bad_dir / "empty.txt")].startswith("empty file")
    assert by_source[str(bad_dir / "invalid_json.json")].startswith("invalid JSON")
    assert "unsupported file type '.docx'" in by_source[str(bad_dir / "meeting_notes.docx")]
    assert "no article text" in by_source[str(bad_dir / "nav_only.html")]
    assert by_source[str(bad_dir / "no_headline_no_body.json")] == "no headline and no body text"
    assert "line 2" in by_source[f"{bad_dir / 'partly_broken.jsonl'}:2"]
    assert all({"source", "reason", "at"} <= set(line) for line in lines)

    # Nothing valid is lost: both good lines of the partly broken file are in the index.
    assert index_count(data_dir) == 2
    assert get_article(data_dir, stable_id(GOOD_LINE_1))["headline"] == GOOD_LINE_1["headline"]
    assert get_article(data_dir, stable_id(GOOD_LINE_3))["headline"] == GOOD_LINE_3["headline"]


def test_poisoned_inputs_are_rejected_and_the_rest_still_loads(run, data_dir, tmp_path, capsys):
    folder = tmp_path / "poisoned"
    folder.mkdir()
    # A lone surrogate escape, a list headline, and a file nested deeper than the parser's stack.
    (folder / "lines.jsonl").write_text(
        '{"headline":"s","body":["A\\ud800B."],"url":"https://x.example/s"}\n'
        '{"headline":["x","y"],"body":["b"],"url":"https://x.example/list"}\n'
        + json.dumps(GOOD_LINE_1) + "\n", encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "good.json").write_text(json.dumps(GOOD_LINE_3))
    assert run("load", str(folder)) == 2
    assert summary_line(capsys).startswith("read 5, indexed 3, updated 0, unchanged 0, rejected 2")
    by_source = {line["source"]: line["reason"] for line in rejects(data_dir / "rejects.jsonl")}
    assert by_source == {str(folder / "deep.json"): "invalid JSON: nested too deeply",
                         f"{folder / 'lines.jsonl'}:2": "headline must be text, not a list"}
    assert get_article(data_dir, stable_id({"url": "https://x.example/s"}))["body"] == ["A\ufffdB."]
    assert get_article(data_dir, stable_id(GOOD_LINE_3)) is not None


def test_a_number_too_long_to_read_rejects_its_line_or_file_and_the_rest_still_loads(run, data_dir, tmp_path,
                                                                                        capsys):
    """Python reads no integer of more than 4,300 digits: its ValueError was taken for the
    whole file's, so a JSONL file lost every line after such a number, unread and unnamed."""
    folder = tmp_path / "numbers"
    folder.mkdir()
    huge = "9" * 5_000
    (folder / "lines.jsonl").write_text(
        json.dumps(GOOD_LINE_1) + "\n"
        + '{"headline": "n", "body": ["b"], "section": ' + huge + ', "url": "https://x.example/n"}\n'
        + json.dumps(GOOD_LINE_3) + "\n", encoding="utf-8")
    (folder / "one.json").write_text('{"headline": "n", "body": ["b"], "section": ' + huge + "}")
    assert run("load", str(folder)) == 2
    assert summary_line(capsys).startswith("read 4, indexed 2, updated 0, unchanged 0, rejected 2")
    by_source = {line["source"]: line["reason"] for line in rejects(data_dir / "rejects.jsonl")}
    too_long = "a number of 5000 digits; at most 4300 can be read"
    assert by_source == {f"{folder / 'lines.jsonl'}:2": f"invalid JSON on line 2: {too_long}",
                         str(folder / "one.json"): f"invalid JSON: {too_long}"}
    assert get_article(data_dir, stable_id(GOOD_LINE_3)) is not None


def test_rejects_file_is_rewritten_each_run(run, data_dir, bad_dir, capsys):
    assert run("load", str(bad_dir)) == 2
    assert run("load", str(SEED), "--reference-date", "2025-06-01") == 0
    assert rejects(data_dir / "rejects.jsonl") == []


def test_rejects_option_chooses_the_file(run, data_dir, bad_dir, tmp_path):
    target = tmp_path / "reports" / "why.jsonl"
    assert run("load", "--rejects", str(target), str(bad_dir / "empty.txt")) == 2
    assert [line["source"] for line in rejects(target)] == [str(bad_dir / "empty.txt")]
    assert not (data_dir / "rejects.jsonl").exists()


def test_missing_path_is_reported_as_rejected(run, data_dir, tmp_path, capsys):
    missing = tmp_path / "no-such-folder" / "story.txt"
    assert run("load", "--reference-date", "2025-06-01", str(missing), str(SEED)) == 2
    assert summary_line(capsys).startswith("read 2, indexed 1, updated 0, unchanged 0, rejected 1")
    assert rejects(data_dir / "rejects.jsonl")[0]["source"] == str(missing)
    assert rejects(data_dir / "rejects.jsonl")[0]["reason"] == "no such file or folder"
    assert index_count(data_dir) == 1


def test_glob_matching_nothing_is_reported(run, data_dir, tmp_path):
    pattern = str(tmp_path / "*.json")
    assert run("load", pattern) == 2
    assert rejects(data_dir / "rejects.jsonl")[0]["source"] == pattern


def test_malformed_url_is_rejected_and_the_rest_still_loads(run, data_dir, tmp_path, capsys):
    path = tmp_path / "urls.jsonl"
    path.write_text("\n".join([
        json.dumps({**GOOD_LINE_1}),
        json.dumps({"url": "http://orbisnews.example:abc/bad-port", "headline": "Bad port",
                    "body": ["This article's URL has a port that is not a number."]}),
        json.dumps({**GOOD_LINE_3}),
    ]) + "\n")
    assert run("load", str(path)) == 2
    assert [line["source"] for line in rejects(data_dir / "rejects.jsonl")] == [f"{path}:2"]
    assert index_count(data_dir) == 2


def test_a_script_url_is_rejected_with_its_reason_and_the_rest_still_loads(run, data_dir, tmp_path, capsys):
    """A `javascript:` url was indexed as given; now it is a rejection, never a silent drop."""
    path = tmp_path / "links.jsonl"
    path.write_text("\n".join([
        json.dumps({**GOOD_LINE_1}),
        json.dumps({"url": "javascript:alert(document.cookie)", "headline": "Scripted",
                    "body": ["This article's link is a script."]}),
        json.dumps({**GOOD_LINE_3}),
    ]) + "\n")
    assert run("load", str(path)) == 2
    [rejected] = rejects(data_dir / "rejects.jsonl")
    assert rejected["source"] == f"{path}:2" and "url: Not a web address" in rejected["reason"]
    assert "javascript" in rejected["reason"]
    assert index_count(data_dir) == 2


def test_too_many_tags_or_too_long_a_byline_is_rejected_with_the_size_and_the_limit(run, data_dir, tmp_path):
    """Authors and tags had no limit: the loader indexed an article with any number of them."""
    path = tmp_path / "limits.jsonl"
    path.write_text("\n".join([
        json.dumps({**GOOD_LINE_1}),
        json.dumps({"headline": "Tagged", "body": ["Text."], "tags": [f"tag{n}" for n in range(150)]}),
        json.dumps({"headline": "Bylined", "body": ["Text."], "authors": ["Kari Dahl", "n" * 250]}),
        json.dumps({**GOOD_LINE_3}),
    ]) + "\n")
    assert run("load", str(path)) == 2
    assert [(line["source"], line["reason"]) for line in rejects(data_dir / "rejects.jsonl")] == [
        (f"{path}:2", "invalid article: tags: The article has 150 tags; at most 100 are accepted: "
                      "keep the most telling ones."),
        (f"{path}:3", "invalid article: author 2: This author's name has 250 characters; at most 200 are "
                      "accepted: shorten it."),
    ]
    assert index_count(data_dir) == 2


def test_json_fields_articles_lack_are_left_out_and_counted_not_rejected(run, data_dir, tmp_path, capsys):
    path = tmp_path / "cms.jsonl"
    path.write_text("\n".join(json.dumps({**line, "image": "i.png", **extra}) for line, extra in (
        (GOOD_LINE_1, {"cms_id": 7}), (GOOD_LINE_3, {}))) + "\n")
    assert run("load", str(path)) == 0
    err = capsys.readouterr().err
    assert "read 2, indexed 2," in err
    assert err.strip().splitlines()[-1] == ("left out, as articles have no such field: "
                                            "image (2 articles), cms_id (1 article)")
    assert index_count(data_dir) == 2


def test_fields_quotes_and_sources_lack_are_left_out_and_counted_not_dropped_unsaid(run, data_dir, tmp_path,
                                                                                      capsys):
    """A given quote's or source's own unknown fields (a tool's `confidence`) were
    dropped without a word by the schema; now named in the summary as the article's are."""
    path = tmp_path / "tool.jsonl"
    quoted = {**GOOD_LINE_1, "body": ["Ann Lee said the ferry runs."],
              "quotes": [{"text": "the ferry runs", "speaker": "Ann Lee", "confidence": 0.9}],
              "sources": [{"name": "Ann Lee", "kind": "person", "role": "mayor",
                           "mentions": [{"paragraph": 0, "start": 0, "end": 7, "salience": 1}]}]}
    path.write_text(json.dumps(quoted) + "\n")
    assert run("load", str(path)) == 0
    err = capsys.readouterr().err
    assert "read 1, indexed 1," in err
    assert err.strip().splitlines()[-1] == ("left out, as articles have no such field: quotes.confidence "
                                            "(1 article), sources.mentions.salience (1 article), "
                                            "sources.role (1 article)")
    stored = get_article(data_dir, stable_id(quoted))
    assert stored["quotes"][0]["text"] == "the ferry runs" and stored["sources"][0]["name"] == "Ann Lee"


@pytest.mark.parametrize("published, reason", [
    ("0001-01-01T00:00:00", "The year 1 is out of range"),  # a placeholder some exports write
    ("2999-01-01", "The year 2999 is out of range"),
])
def test_publication_date_out_of_range_is_rejected_as_the_api_rejects_it(run, data_dir, tmp_path, published,
                                                                         reason):
    path = tmp_path / "dates.jsonl"
    path.write_text(json.dumps({**GOOD_LINE_1, "dateline": {"published_at": published}}) + "\n")
    assert run("load", str(path)) == 2
    [reject] = rejects(data_dir / "rejects.jsonl")
    assert reject["reason"].startswith(f"dateline.published_at: {reason}: dates run from 1678 to 2261")


# -- extract ------------------------------------------------------------------------------

def test_extract_prints_one_json_article_per_line(run, data_dir, capsys):
    paths = [str(SEED), str(SAMPLES / "harbor_gazette_okafor_sable_bank.json"),
             str(SAMPLES / "sable_coast_herald.rss")]
    assert run("extract", "--reference-date", "2025-06-01", *paths) == 0
    captured = capsys.readouterr()
    lines = [line for line in captured.out.splitlines() if line.strip()]
    assert len(lines) == 1 + 1 + 4
    articles = [json.loads(line) for line in lines]
    for article in articles:
        assert {"id", "headline", "body", "dateline", "quotes", "sources", "content_hash"} <= set(article)
        assert isinstance(article["body"], list) and article["body"]
        assert isinstance(article["quotes"], list) and isinstance(article["sources"], list)
        assert set(article["dateline"]) >= {"place", "agency", "published_at", "raw"}
        assert len(article["content_hash"]) == 64
    assert articles[0]["headline"] == SEED_HEADLINE
    assert "read 6, rejected 0" in captured.err
    # extract never opens the index.
    assert not list(data_dir.glob("tantivy*"))


def test_extract_is_deterministic(run, capsys):
    assert run("extract", "--reference-date", "2025-06-01", str(SEED)) == 0
    first = extracted(capsys)[0]
    assert run("extract", "--reference-date", "2025-06-01", str(SEED)) == 0
    second = extracted(capsys)[0]
    assert first["id"] == second["id"] and first["content_hash"] == second["content_hash"]


@pytest.mark.parametrize("reference, published", [
    ("2025-06-01", "2025-04-11T14:54:00"),
    ("2025-03-01", "2024-04-11T14:54:00"),
    ("2025-04-11T14:54", "2025-04-11T14:54:00"),
])
def test_extract_honours_reference_date(run, capsys, reference, published):
    assert run("extract", "--reference-date", reference, str(SEED)) == 0
    (article,) = extracted(capsys)
    assert article["dateline"]["published_at"] == published


@pytest.mark.parametrize("reference, published", [
    ("2025-06-01", "2025-04-11T14:54:00"),
    ("2025-03-01", "2024-04-11T14:54:00"),
])
def test_load_honours_reference_date(run, data_dir, capsys, reference, published):
    assert run("extract", "--reference-date", reference, str(SEED)) == 0
    (article_id,) = [a["id"] for a in extracted(capsys)]
    assert run("load", "--reference-date", reference, str(SEED)) == 0
    stored = get_article(data_dir, article_id)
    assert stored["headline"] == SEED_HEADLINE
    assert stored["dateline"]["published_at"] == published
    assert len(stored["body"]) == 9


def test_extract_reports_rejections(run, data_dir, bad_dir, capsys):
    assert run("extract", str(bad_dir)) == 2
    captured = capsys.readouterr()
    headlines = [json.loads(line)["headline"] for line in captured.out.splitlines()]
    assert headlines == [GOOD_LINE_1["headline"], GOOD_LINE_3["headline"]]
    assert "read 8, rejected 6 (reasons in the lines above)" in captured.err
    reported = rejects_reported(captured.err)
    assert len(reported) == 6 and all({"source", "reason", "at"} <= set(line) for line in reported)
    assert not list(data_dir.glob("tantivy*"))


def test_extract_missing_path(run, data_dir, tmp_path, capsys):
    missing = tmp_path / "nope.txt"
    assert run("extract", str(missing)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = rejects_reported(captured.err)
    assert (line["source"], line["reason"]) == (str(missing), "no such file or folder")


def test_extract_leaves_the_last_loads_rejects_file_alone(run, data_dir, bad_dir, capsys):
    assert run("load", str(bad_dir)) == 2
    before = (data_dir / "rejects.jsonl").read_bytes()
    assert len(rejects(data_dir / "rejects.jsonl")) == 6
    assert run("extract", "--reference-date", "2025-06-01", str(SEED)) == 0
    assert run("extract", str(bad_dir / "empty.txt")) == 2
    assert (data_dir / "rejects.jsonl").read_bytes() == before


def test_extract_writes_rejects_to_the_file_it_is_given(run, data_dir, bad_dir, tmp_path, capsys):
    target = tmp_path / "why.jsonl"
    assert run("extract", "--rejects", str(target), str(bad_dir / "empty.txt")) == 2
    assert [line["source"] for line in rejects(target)] == [str(bad_dir / "empty.txt")]
    assert f"(reasons in {target})" in capsys.readouterr().err
    assert not (data_dir / "rejects.jsonl").exists()


def test_outlet_option_fills_articles_without_one(run, capsys):
    assert run("extract", "--reference-date", "2025-06-01", "--outlet", "Jerusalem Post", str(SEED),
               str(SAMPLES / "harbor_gazette_okafor_sable_bank.json")) == 0
    seed, gazette = extracted(capsys)
    assert seed["outlet"] == "Jerusalem Post"
    assert gazette["outlet"] == "Harbor Gazette"


def test_wire_copy_is_found_under_its_agency(run, data_dir, capsys):
    """Plain wire copy names no outlet; "(Reuters)" in its dateline makes Reuters the outlet it is filtered by."""
    assert run("load", "--reference-date", "2025-06-01", str(SAMPLES / "estavia_fisheries_reuters.txt"),
               str(SEED)) == 0
    backend = EmbeddedBackend(data_dir)
    found = backend.search(SearchRequest(parse("Estavia"), Filters.build(outlet=["reuters"])))
    assert [hit.article["headline"] for hit in found.hits] == [
        "Estavia digs in on Sable Bank quotas as talks with Morvane resume"]
    seed = backend.search(SearchRequest(parse('"red lines"'))).hits[0].article
    assert seed["outlet"] is None  # no agency in its dateline: nothing to go by


# -- arguments and count ------------------------------------------------------------------

def test_bad_reference_date_is_a_usage_error(run, capsys):
    with pytest.raises(SystemExit) as exit_:
        run("load", "--reference-date", "11 April", str(SEED))
    assert exit_.value.code == 64  # EX_USAGE: not 2, which says "done, some inputs rejected"
    assert "is not a date" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["load", "extract"])
@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "1678-06-01"])
def test_reference_date_past_the_stored_years_is_a_usage_error(run, capsys, command, date):
    """Not every article rejected with "OverflowError: date value out of range", nor,
    in 1678, every "Dec 31" rejected for falling in 1677."""
    with pytest.raises(SystemExit) as exit_:
        run(command, "--reference-date", date, str(SEED))
    assert exit_.value.code == 64
    assert "out of range: dates run from 1678 to 2261" in capsys.readouterr().err


def test_count_prints_the_number_of_articles(run, capsys):
    assert run("load", "--reference-date", "2025-06-01", str(SEED), str(SAMPLES / "wire_digest.jsonl")) == 0
    capsys.readouterr()
    assert run("count") == 0
    assert capsys.readouterr().out.strip() == "6"


# -- settings, Ctrl-C, progress, options ---------------------------------------------------

@pytest.mark.parametrize("subcommand", [["count"], ["load", "samples"], ["reindex"]])
def test_a_bad_setting_stops_the_loader_with_one_line(subcommand, tmp_path):
    import os
    import subprocess
    import sys

    (tmp_path / "file").write_text("")
    env = {**os.environ, "NEWS_INDEX_DATA_DIR": str(tmp_path / "file")}
    result = subprocess.run([sys.executable, "-m", "loaders", *subcommand], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 78
    assert result.stderr.startswith("error: NEWS_INDEX_DATA_DIR=") and result.stderr.count("\n") == 1


def test_ctrl_c_stops_a_load_with_130_and_says_how_to_complete_it(run, data_dir, capsys, monkeypatch):
    import loaders.cli as cli
    from service.load_stats import read_stats, stats_path

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load", interrupted)
    assert run("load", str(SEED)) == 130
    assert "run the same command again" in capsys.readouterr().err
    assert read_stats(stats_path(data_dir))["runs"] == {"interrupted": 1}


def test_a_preparing_worker_leaves_ctrl_c_to_the_load():
    import subprocess
    import sys

    # Ctrl-C reaches every process of the terminal's group; each worker would print a traceback.
    code = ("import signal; from loaders.indexer import _worker_started; _worker_started(); "
            "print(signal.getsignal(signal.SIGINT) == signal.SIG_IGN)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True", result.stderr


def test_without_a_terminal_progress_is_plain_lines(data_dir, capsys, monkeypatch):
    import loaders.indexer as indexer

    monkeypatch.setattr(indexer, "PROGRESS_EVERY_SECONDS", 0)
    assert main(["load", "--reference-date", "2025-06-01", str(SEED), str(SAMPLES / "wire_digest.jsonl")],
                config=Config(data_dir=data_dir)) == 0
    lines = capsys.readouterr().err.splitlines()
    progress = [line for line in lines if line.startswith("loading: ")]
    assert progress and all("\r" not in line and "read" in line for line in progress)
    assert lines[-1].startswith("read 6, indexed 6")


def test_on_a_terminal_the_bar_counts_articles_not_files(data_dir, capsys, monkeypatch):
    """One archive file holds every article: a bar of files stood at 0/1 for the whole load."""
    import loaders.indexer as indexer

    monkeypatch.setattr(indexer, "_is_terminal", lambda stream: True)
    assert main(["load", "--reference-date", "2025-06-01", str(SEED), str(SAMPLES / "wire_digest.jsonl")],
                config=Config(data_dir=data_dir)) == 0
    err = capsys.readouterr().err
    assert "loading file 2/2: 6 articles [" in err and " read, " not in err  # a bar, not plain lines


def test_no_progress_means_no_progress_lines(run, capsys, monkeypatch):
    import loaders.indexer as indexer

    monkeypatch.setattr(indexer, "PROGRESS_EVERY_SECONDS", 0)
    assert run("load", "--reference-date", "2025-06-01", str(SEED)) == 0
    assert "loading: " not in capsys.readouterr().err


@pytest.mark.parametrize("workers", ["0", "-2", "many"])
def test_a_bad_workers_option_is_a_usage_error(run, capsys, workers):
    with pytest.raises(SystemExit) as exit_:
        run("load", "--workers", workers, str(SEED))
    assert exit_.value.code == 64
    assert "argument --workers" in capsys.readouterr().err


def test_a_rejects_file_that_cannot_be_written_is_one_line(run, data_dir, tmp_path, capsys):
    assert run("load", "--rejects", str(tmp_path), str(SEED)) == 64
    err = capsys.readouterr().err
    assert err.startswith("error: the rejects file") and "it is a directory" in err and "Traceback" not in err
    assert run("extract", "--rejects", str(tmp_path), str(SEED)) == 64
    assert "it is a directory" in capsys.readouterr().err


def test_help_lists_the_exit_statuses(capsys):
    for argv in (["--help"], ["load", "--help"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 0
        out = capsys.readouterr().out
        assert "exit status:" in out and "130" in out and "78" in out and "NEWS_INDEX_DATA_DIR" in out


class _Stdin:
    """What `sys.stdin` is to a pipeline: text on top of the bytes the reader copies."""

    def __init__(self, data: bytes):
        import io

        self.buffer = io.BytesIO(data)


PIPED = (json.dumps({"headline": "Ferry service resumes", "url": "https://example.com/ferry",
                     "body": ["OSLO, May 2 (Reuters) - The ferry runs again, the port authority said."]})
         + "\n" + json.dumps({"headline": "No body"}) + "\n").encode()


def test_a_dash_loads_standard_input_and_piping_it_again_changes_nothing(run, data_dir, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(PIPED))
    assert run("load", "-") == 2
    assert "read 2, indexed 1, updated 0, unchanged 0, rejected 1" in capsys.readouterr().err
    rejected = [json.loads(line) for line in (data_dir / "rejects.jsonl").read_text().splitlines()]
    assert [(r["source"], r["reason"]) for r in rejected] == [("<stdin>:2", "no body text")]
    backend = EmbeddedBackend(data_dir)
    assert backend.get(stable_id({"url": "https://example.com/ferry"}))["headline"] == "Ferry service resumes"
    backend.close()
    monkeypatch.setattr("sys.stdin", _Stdin(PIPED))
    assert run("load", "-") == 2
    assert "read 2, indexed 0, updated 0, unchanged 1, rejected 1" in capsys.readouterr().err
    assert not list(Path("/tmp").glob("news-index-stdin-*/stdin.jsonl"))  # the copy is gone


def test_a_repeat_on_standard_input_is_named_as_stdin(run, capsys, monkeypatch):
    """The summary names the line of the pipe, not the temporary copy deleted after the load."""
    first = {"headline": "Ferry service resumes", "url": "https://example.com/ferry",
             "body": ["OSLO, May 2 (Reuters) - The ferry runs again, the port authority said."]}
    second = {**first, "body": ["OSLO, May 2 (Reuters) - The ferry runs again on Sunday, the port authority said."]}
    monkeypatch.setattr("sys.stdin", _Stdin(f"{json.dumps(first)}\n{json.dumps(second)}\n".encode()))
    assert run("load", "-") == 0
    err = capsys.readouterr().err
    assert "(first: <stdin>:2 replaced <stdin>:1)" in err and "news-index-stdin" not in err


def test_gzipped_standard_input_is_read_as_a_gz_file_is(run, data_dir, capsys, monkeypatch):
    """`curl .../feed.jsonl.gz | python -m loaders load -`: each line was rejected as not UTF-8."""
    import gzip

    monkeypatch.setattr("sys.stdin", _Stdin(gzip.compress(PIPED)))
    assert run("load", "-") == 2
    assert "read 2, indexed 1, updated 0, unchanged 0, rejected 1" in capsys.readouterr().err
    rejected = [json.loads(line) for line in (data_dir / "rejects.jsonl").read_text().splitlines()]
    assert [(r["source"], r["reason"]) for r in rejected] == [("<stdin>:2", "no body text")]


def test_extract_into_a_reader_that_stops_early_ends_quietly():
    """`python -m loaders extract samples | head -1`: a BrokenPipeError traceback and status 1."""
    import subprocess
    import sys

    extract = subprocess.Popen([sys.executable, "-m", "loaders", "extract", "samples"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert extract.stdout.readline().startswith(b"{")  # more than a pipe's buffer follows (138 kB)
    extract.stdout.close()
    stderr = extract.stderr.read().decode()
    assert extract.wait(timeout=60) == 141, stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


def test_standard_input_may_hold_a_feed(run, capsys, monkeypatch):
    feed = (SAMPLES / "feed.rss") if (SAMPLES / "feed.rss").exists() else next(SAMPLES.glob("*.rss"))
    monkeypatch.setattr("sys.stdin", _Stdin(feed.read_bytes()))
    assert run("extract", "-", "--stdin-format", "rss") == 0
    from_stdin = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert run("extract", str(feed)) == 0
    from_file = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert from_stdin and [a["id"] for a in from_stdin] == [a["id"] for a in from_file]


def test_an_unknown_stdin_format_is_a_usage_error(run, capsys):
    with pytest.raises(SystemExit) as stopped:
        run("load", "-", "--stdin-format", "docx")
    assert stopped.value.code == 64 and "--stdin-format" in capsys.readouterr().err


@pytest.mark.parametrize("command, words", [
    ("count", "how many articles"), ("init", "Elasticsearch only"), ("reindex", "swap the alias"),
    ("load", "index them"), ("extract", "as it would be indexed"),
])
def test_each_commands_help_says_what_it_does(capsys, command, words):
    """`count --help`, `init --help` and `reindex --help` showed only the usage and options."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    usage, _, rest = capsys.readouterr().out.partition("\n\n")
    assert words in rest.split("\n\n")[0], rest


@pytest.mark.parametrize("command", ["load", "extract"])
def test_a_rejects_file_that_is_also_an_input_is_refused_before_anything_is_read(run, tmp_path, capsys, command):
    """`--rejects` naming an input (a typo, a shell's tab completion) opened it for
    writing before the load read it: its articles were lost without a line."""
    articles = tmp_path / "inbox" / "articles.jsonl"
    articles.parent.mkdir()
    content = json.dumps({"headline": "Ferry resumes", "body": ["The ferry resumed on Friday."]}) + "\n"
    articles.write_text(content)
    for named in (articles, articles.parent):  # the file itself, or the folder holding it
        assert run(command, str(named), "--rejects", str(articles)) == 64
        assert articles.read_text() == content
        assert "is also an input" in capsys.readouterr().err


def test_a_folder_holding_the_index_is_loaded_without_the_index_own_files(tmp_path, capsys):
    """`load .` where NEWS_INDEX_DATA_DIR is ./data: its rejects file was an input, so the
    load refused to start, and the index's files would have been read as articles."""
    folder = tmp_path / "desk"
    (folder / "data").mkdir(parents=True)
    (folder / "story.json").write_text(json.dumps(GOOD_LINE_1), encoding="utf-8")
    config = Config(data_dir=folder / "data")
    assert main(["load", "--no-progress", str(folder)], config=config) == 0
    assert summary_line(capsys).startswith("read 1, indexed 1")
    assert (folder / "data" / "rejects.jsonl").exists()  # written: the index's folder holds files now
    assert main(["load", "--no-progress", str(folder)], config=config) == 0  # again: unchanged, not refused
    assert summary_line(capsys).startswith("read 1, indexed 0, updated 0, unchanged 1")
    assert main(["load", "--no-progress", str(folder / "data")], config=config) == 2  # named: told why
    assert "the index's own folder" in [line["reason"] for line in rejects(folder / "data" / "rejects.jsonl")][-1]
