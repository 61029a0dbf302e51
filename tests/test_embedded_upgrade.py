"""After a schema change, `python -m loaders reindex` copies the articles an
earlier release's index stored into the new one, without their sources."""
from __future__ import annotations

import logging
from datetime import datetime

import orjson
import pytest
import tantivy

from loaders.cli import main
from loaders.pipeline import prepare
from service.backends.base import Filters, QuoteSearchRequest, SearchRequest
from service.backends.embedded import EmbeddedBackend
from service.app import create_app
from service.backends.tantivy_schema import SCHEMA_VERSION
from service.config import Config
from service.query import parse

from tests.contract.corpus import corpus, hyphenated_article


def _old_release_index(data_dir, articles: list[dict], version: int = SCHEMA_VERSION - 1,
                       statements: dict[str, str] | None = None) -> None:
    """An index as an earlier schema stored it: every article whole in `doc`, one
    document per quote beside it (with the statement id `statements` gives it by
    quote id), and an article replaced once (its first version still in the
    segment's store, deleted)."""
    statements = statements or {}
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("doc_type", tokenizer_name="raw")
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("article_id", tokenizer_name="raw")
    builder.add_bytes_field("doc", stored=True, indexed=False)
    path = data_dir / f"tantivy-v{version}"
    path.mkdir(parents=True)
    index = tantivy.Index(builder.build(), str(path))
    writer = index.writer(heap_size=15_000_000, num_threads=1)

    def add(doc_type: str, doc_id: str, stored: dict, article_id: str = "") -> None:
        writer.add_document(tantivy.Document(doc_type=doc_type, id=doc_id, article_id=article_id,
                                             doc=orjson.dumps(stored)))

    first = articles[0]
    add("article", first["id"], {**first, "headline": "An early version", "content_hash": "early"})
    writer.commit()
    writer.delete_documents_by_term("id", first["id"])
    for article in articles:
        add("article", article["id"], article)
        for n, quote in enumerate(article.get("quotes") or []):
            quote_id = f"{article['id']}#q{n}"
            add("quote", quote_id, {"id": quote_id, "text": quote.get("text"), "statement_id": statements.get(quote_id)},
                article["id"])
    writer.commit()
    writer.wait_merging_threads()


@pytest.fixture
def articles():
    return corpus()


def test_reindex_copies_each_live_article_once_and_deletes_the_old_version(tmp_path, articles, capsys):
    _old_release_index(tmp_path, articles)
    config = Config(backend="embedded", data_dir=tmp_path)

    assert main(["reindex"], config) == 0
    assert f"{len(articles)} documents, old version deleted" in capsys.readouterr().err
    backend = EmbeddedBackend(tmp_path)
    assert backend.count() == len(articles)
    assert backend.get(articles[0]["id"]) == articles[0]  # the live version, not the replaced one
    quotes = sum(len(a.get("quotes") or []) for a in articles)
    assert backend.search_quotes(QuoteSearchRequest(parse(""), size=1)).total == quotes  # quotes rebuilt
    assert not (tmp_path / f"tantivy-v{SCHEMA_VERSION - 1}").exists()
    assert main(["reindex"], config) == 64  # nothing older left: a command with nothing to do (EX_USAGE)


def test_reindex_again_with_the_old_version_kept_duplicates_nothing(tmp_path, articles):
    _old_release_index(tmp_path, articles)
    backend = EmbeddedBackend(tmp_path)
    first = backend.reindex(keep_old=True)
    second = backend.reindex(keep_old=True)
    assert first.documents == second.documents == len(articles)
    assert not first.old_deleted and (tmp_path / first.old_index).exists()
    assert backend.count() == len(articles)
    fresh = EmbeddedBackend(tmp_path / "fresh")
    fresh.upsert(articles)
    for text in ("harbour", '"red line"', "speaker:aliyev"):
        assert backend.search(SearchRequest(parse(text))).total == fresh.search(SearchRequest(parse(text))).total


def test_the_newest_older_version_is_copied(tmp_path, articles):
    _old_release_index(tmp_path, articles[:3], version=SCHEMA_VERSION - 2)
    _old_release_index(tmp_path, articles, version=SCHEMA_VERSION - 1)
    result = EmbeddedBackend(tmp_path).reindex()
    assert result.old_index == f"tantivy-v{SCHEMA_VERSION - 1}" and result.documents == len(articles)
    assert (tmp_path / f"tantivy-v{SCHEMA_VERSION - 2}").exists()


def test_an_empty_index_beside_an_older_one_is_reported_at_start(tmp_path, articles, caplog):
    _old_release_index(tmp_path, articles)
    with caplog.at_level(logging.WARNING, logger="service.app"):
        create_app(Config(backend="embedded", data_dir=tmp_path))
    assert "python -m loaders reindex" in caplog.text
    EmbeddedBackend(tmp_path).reindex()
    assert EmbeddedBackend(tmp_path).upgrade_notice() is None


def test_an_older_version_holding_more_articles_is_reported_after_samples_were_loaded(tmp_path, articles):
    """`make run` loads the samples into the new version before the service starts:
    the articles only the older version holds must still be reported."""
    _old_release_index(tmp_path, articles)
    backend = EmbeddedBackend(tmp_path)
    backend.upsert(articles[:2])
    assert "python -m loaders reindex" in backend.upgrade_notice()
    backend.reindex(keep_old=True)
    assert backend.upgrade_notice() is None  # everything copied; the old version kept on purpose


def test_an_article_written_since_the_upgrade_is_not_replaced_by_the_old_version(tmp_path, articles):
    """The README: articles already in the new version are skipped. An edit made after the
    upgrade (a load, a POST) was undone: the old release's copy replaced it."""
    _old_release_index(tmp_path, articles)
    backend = EmbeddedBackend(tmp_path)
    edited = {**articles[1], "headline": "Edited after the upgrade", "content_hash": "edited"}
    backend.upsert([edited])
    result = backend.reindex()
    assert result.documents == len(articles) and result.old_deleted
    assert backend.get(edited["id"])["headline"] == "Edited after the upgrade"
    assert backend.get(articles[2]["id"]) == articles[2]  # the others copied as stored
    assert backend.count() == len(articles)


def test_an_older_version_tantivy_cannot_read_is_one_line_naming_it(tmp_path, capsys):
    """A damaged meta.json: tantivy's ValueError came out of `reindex` as a traceback, status 1."""
    old = tmp_path / f"tantivy-v{SCHEMA_VERSION - 1}"
    old.mkdir()
    (old / "meta.json").write_text("{garbage\n")
    assert main(["reindex"], Config(backend="embedded", data_dir=tmp_path)) == 64
    err = capsys.readouterr().err
    assert err.startswith(f"error: The older index version {old} cannot be read") and err.count("\n") == 1
    assert old.exists()  # never deleted when it could not be copied


@pytest.mark.parametrize("command", [["count"], ["load", "--no-progress", "samples"], ["reindex"]])
def test_a_damaged_index_is_one_line_naming_it_and_status_74(tmp_path, capsys, command):
    """A damaged meta.json of the current version: tantivy's ValueError as a traceback, status 1."""
    current = tmp_path / f"tantivy-v{SCHEMA_VERSION}"
    current.mkdir()
    (current / "meta.json").write_text("{garbage\n")
    assert main(command, Config(backend="embedded", data_dir=tmp_path)) == 74
    err = capsys.readouterr().err
    assert err.startswith(f"error: The index {current} cannot be opened") and err.count("\n") == 1


def test_after_the_upgrade_keys_fold_punctuation_the_old_version_did_not(tmp_path, articles):
    """v8 keys fold hyphens and apostrophes: the copy derives them anew from the stored
    articles, so a name the old version keyed "leigh-pemberton" is found as "Leigh Pemberton"."""
    named = hyphenated_article("u-hyphen")
    _old_release_index(tmp_path, [*articles, named])
    backend = EmbeddedBackend(tmp_path)
    backend.reindex()
    assert backend.get("u-hyphen")["id"] == "u-hyphen"  # the same id, the article as stored
    for filters in ({"speaker": ["Robin Leigh Pemberton"]}, {"source": ["Sean O'Brien"]},
                    {"place": ["Stoke on Trent"]}, {"outlet": ["Irish Times"]}):
        page = backend.search(SearchRequest(parse(""), filters=Filters.build(**filters)))
        assert [hit.id for hit in page.hits] == ["u-hyphen"], filters
        quotes = backend.search_quotes(QuoteSearchRequest(parse(""), filters=Filters.build(**filters)))
        assert quotes.total == (0 if "source" in filters else 1), filters  # O’Brien said no quote
    facets = backend.search(SearchRequest(parse(""), filters=Filters.build(outlet=["irish times"]),
                                          facets=("speaker", "place"))).facets
    assert facets == {"speaker": [{"value": "Robin Leigh-Pemberton", "count": 1}],
                      "place": [{"value": "Stoke-on-Trent", "count": 1}]}


def test_a_story_loaded_under_its_new_id_since_the_upgrade_is_not_copied_again_under_its_earlier_id(tmp_path):
    """The older version holds an http story under the id of its http address (an earlier
    release's); a load since the upgrade, which cannot see the older version, wrote it again
    under today's id. `reindex` copied the older copy beside it: one story, two articles."""
    story = {"url": "http://example.org/news/1", "outlet": "Harbor Gazette",
             "headline": "Ferry timetable twice daily", "body": ["The ferry runs twice daily."]}
    stored = {**prepare(story, reference=datetime(2025, 5, 1)), "id": "0a2c7a73360cca1cfe6a9cea"}
    _old_release_index(tmp_path, [stored])
    backend = EmbeddedBackend(tmp_path)
    reloaded = prepare({**story, "url": "https://example.org/news/1", "body": ["The ferry runs hourly."]},
                       reference=datetime(2025, 5, 1))
    backend.upsert([reloaded])
    result = backend.reindex()
    assert backend.count() == 1 and result.documents == 1 and result.old_deleted
    assert backend.get(reloaded["id"])["body"] == ["The ferry runs hourly."]
    assert backend.get(stored["id"]) is None


def test_an_article_deleted_before_the_reindex_does_not_come_back(tmp_path, articles):
    """A DELETE before `reindex` answered 404 for an article only the older version held, and one
    deleted from the new version came back with the copy: a story taken down was up again."""
    _old_release_index(tmp_path, articles)
    backend = EmbeddedBackend(tmp_path)
    backend.upsert([articles[1]])  # loaded again since the upgrade
    assert backend.delete(articles[1]["id"]) is True
    assert backend.delete(articles[2]["id"]) is True  # not copied yet
    assert backend.delete("no-such-article") is False
    backend.reindex()
    assert backend.get(articles[1]["id"]) is None and backend.get(articles[2]["id"]) is None
    assert backend.count() == len(articles) - 2


def test_a_statement_keeps_its_id_whatever_order_the_older_version_stores_its_quotes_in(tmp_path):
    """A statement's id is a hash of the first wording a write saw: the copy, in the order the
    older version stores its articles (merges reorder them), gave a statement another wording's
    hash, and its address (/quotes/<statement_id>/occurrences, the feeds' links) was a 404."""
    from service.statements import new_statement_id, normalize

    first = "We will not accept any deal that leaves our fishermen behind"
    later = "We will not accept any deal that leaves our fishermen and their families behind"

    def said(article_id: str, words: str) -> dict:
        return prepare({"id": article_id, "headline": f"Quota talks {article_id}", "body": [f"“{words},” she said."],
                        "quotes": [{"text": words, "kind": "direct", "speaker": "Lena Okafor"}],
                        "sources": [{"name": "Lena Okafor", "kind": "person"}]}, reference=datetime(2025, 5, 1))

    statement = new_statement_id(normalize(first))
    assert new_statement_id(normalize(later)) != statement
    stored = [said("filed-later", later), said("filed-first", first)]  # the order a merge left them in
    _old_release_index(tmp_path, stored, statements={"filed-first#q0": statement,
                                                     "filed-later#q0": statement})
    backend = EmbeddedBackend(tmp_path)
    backend.reindex()
    assert [quote["statement_id"] for quote in backend.statement_quotes(statement)] == [statement, statement]


def test_an_older_version_is_reported_while_its_articles_are_missing_however_many_were_loaded_since(
        tmp_path, articles):
    """The notice compared counts: once the loads since the upgrade outnumbered the older
    version's articles it said nothing, though none of them had been copied."""
    _old_release_index(tmp_path, articles[:3])
    backend = EmbeddedBackend(tmp_path)
    backend.upsert(articles[3:])
    assert backend.count() > 3
    assert "python -m loaders reindex" in backend.upgrade_notice()
    backend.reindex(keep_old=True)
    assert backend.upgrade_notice() is None


#: `python -m loaders reindex` on argv[1], killed (SIGKILL) by the deletion of the
#: old version once it has removed the segment files of the directory it was
#: given and before it reaches `meta.json`, as a kill in the middle of it can.
_KILLED_WHILE_DELETING = """
import os, shutil, signal, sys
from pathlib import Path

def interrupted(path, *args, **kwargs):
    for name in os.listdir(path):
        if name != "meta.json" and not name.startswith("."):
            os.unlink(os.path.join(path, name))
    os.kill(os.getpid(), signal.SIGKILL)

shutil.rmtree = interrupted
from loaders.cli import main
from service.config import Config
sys.exit(main(["reindex"], Config(backend="embedded", data_dir=Path(sys.argv[1]))))
"""


def test_a_reindex_killed_while_deleting_the_old_version_leaves_no_damaged_version_behind(tmp_path, articles,
                                                                                             capsys):
    """The copy was complete, but `meta.json` outlived the segments: the next `reindex`
    (and every start) took the remains for a damaged older version, told to restore
    it from a backup, and a DELETE logged a warning each time it looked into it."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    _old_release_index(tmp_path, articles)
    killed = subprocess.run([sys.executable, "-c", _KILLED_WHILE_DELETING, str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    config = Config(backend="embedded", data_dir=tmp_path)
    assert main(["reindex"], config) == 64
    assert "No older index version" in capsys.readouterr().err
    backend = EmbeddedBackend(tmp_path)
    assert backend.upgrade_notice() is None and backend.count() == len(articles)
    assert sorted(path.name for path in tmp_path.iterdir() if "tantivy-v" in path.name) == [
        f".tantivy-v{SCHEMA_VERSION}.create.lock", f"tantivy-v{SCHEMA_VERSION}"]  # the remains are gone


#: `EmbeddedBackend(argv[1]).delete(argv[2])`, as a worker serving a DELETE runs it,
#: killed (SIGKILL) as it takes the article out of an older version: before
#: (argv[3] "before") or once it has (argv[3] "after").
_KILLED_WHILE_DELETING_AN_ARTICLE = """
import os, signal, sys
import service.backends.embedded as embedded

data_dir, article_id, when = sys.argv[1:]
delete_from = embedded.delete_from

def killed(*args):
    if when == "after":
        delete_from(*args)
    os.kill(os.getpid(), signal.SIGKILL)

embedded.delete_from = killed
embedded.EmbeddedBackend(data_dir).delete(article_id)
"""


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_delete_killed_midway_never_shows_an_article_gone_that_a_reindex_brings_back(tmp_path, articles, when):
    """A DELETE took the article out of this version (committed: 404 from then on)
    and then out of the older versions: killed between the two, the article was
    gone, and the next `reindex` copied it back from the older version."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    _old_release_index(tmp_path, articles)
    backend = EmbeddedBackend(tmp_path)
    backend.reindex(keep_old=True)
    target = articles[2]["id"]
    killed = subprocess.run([sys.executable, "-c", _KILLED_WHILE_DELETING_AN_ARTICLE, str(tmp_path), target, when],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr
    shown = backend.get(target) is not None
    backend.reindex()
    assert (backend.get(target) is not None) == shown  # what a reader saw after the kill stays so
    if shown:  # the client, with no answer, sends the DELETE again
        assert backend.delete(target) is True and backend.get(target) is None
