"""An older schema version of the embedded index, read back for an upgrade.

A schema change gets a directory of its own (`tantivy-v<SCHEMA_VERSION>`), so
a new release starts on an empty index beside the old one. Every version
stores each article whole, as the loader prepared it, so the upgrade indexes
the stored articles again: no source file is read and nothing is extracted
again, and articles loaded from sources since deleted are not lost.
"""
from __future__ import annotations

import itertools
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Callable, Iterable, Iterator

import orjson
import tantivy
from tantivy import Query

from ..errors import InvalidRequest
from .tantivy_writes import chunks

log = logging.getLogger(__name__)
_VERSION_DIR = re.compile(r"tantivy-v(\d+)")


def older_versions(data_dir: Path, current: int) -> list[Path]:
    """The index directories of earlier schema versions, newest first."""
    found = []
    for path in data_dir.glob("tantivy-v*"):
        match = _VERSION_DIR.fullmatch(path.name)
        if match and int(match.group(1)) < current and (path / "meta.json").exists():
            found.append((int(match.group(1)), path))
    return [path for _, path in sorted(found, reverse=True)]


#: What an older version being deleted is renamed to first: out of `older_versions`' sight.
_RETIRED = ".{name}.retired"


def retire(path: Path) -> None:
    """Delete an older version's directory, renamed first in one step.

    Removed file by file where it lay, a `reindex` killed in the middle left
    `meta.json` beside segments already gone: the next `reindex` (and every
    start) took the copied version for a damaged one to restore from a
    backup. A killed deletion now leaves a directory no version is read
    from, which the next process opening the index removes (`remove_retired`).
    """
    remove_retired(path.parent)
    retired = path.with_name(_RETIRED.format(name=path.name))
    os.rename(path, retired)
    # Another process opening the index may be removing it too: what either leaves, the next removes.
    shutil.rmtree(retired, ignore_errors=True)


def remove_retired(data_dir: Path) -> None:
    """Remove what deletions of older versions (`retire`) that were killed left."""
    for path in data_dir.glob(_RETIRED.format(name="tantivy-v*")):
        shutil.rmtree(path, ignore_errors=True)


class OlderVersionUnreadable(InvalidRequest):
    """The older version's files cannot be read: said with its path, not tantivy's traceback."""


def stored_articles(path: Path) -> Iterator[dict]:
    """Every live article an index directory holds, in the order it stores them.

    A directory tantivy cannot read (a damaged `meta.json`, a segment gone)
    raises `OlderVersionUnreadable` naming it: `reindex` printed tantivy's
    ValueError as a traceback and exited 1.
    """
    try:
        yield from _stored_articles(path)
    except (ValueError, OSError) as error:
        raise OlderVersionUnreadable(
            f"The older index version {path} cannot be read ({error}); the copy stopped there. Restore it "
            f"from a backup and run reindex again, or move it aside to go on without its articles.") from None


def _stored_articles(path: Path) -> Iterator[dict]:
    """Only the hits of a search are live: a replaced or deleted article stays
    in its segment's store until a merge, and must not come back."""
    index = tantivy.Index.open(str(path))
    searcher = index.searcher()
    query = _articles(index)
    addresses = sorted((address for _, address in searcher.search(query, max(1, searcher.num_docs),
                                                                    count=False).hits),
                       key=lambda address: (address.segment_ord, address.doc))
    for address in addresses:
        stored = searcher.doc(address).get_first("doc")
        if stored is None:
            continue
        article = orjson.loads(stored)
        if isinstance(article, dict) and "id" in article and "body" in article:
            yield article


#: Stored articles whose ids are looked up in the new version at once.
PRESENT_CHUNK = 256


def not_yet_copied(articles: Iterable[dict], present: Callable[[list[str]], dict],
                   on_present: Callable[[str], None],
                   id_today: Callable[[dict], str | None] = lambda article: None) -> Iterator[dict]:
    """The articles whose id the new version does not hold, the others passed to `on_present`.

    An article the new version holds was written there after the upgrade
    (the samples `make run` loads, a load or an edit through the API): it is
    the newer one. Copied over, the old release's version replaced it, so an
    edit made since the upgrade was silently undone. So is one held under an
    earlier id (`id_today` gives the id today's rules give it) when the new
    version holds it under today's: a load since the upgrade cannot see the
    older version's id, and wrote the story under today's.
    """
    for chunk in chunks(iter(articles), PRESENT_CHUNK):
        yield from _absent(chunk, present, on_present, id_today)


def _absent(chunk: list[dict], present: Callable[[list[str]], dict], on_present: Callable[[str], None],
            id_today: Callable[[dict], str | None]) -> Iterator[dict]:
    today = {article["id"]: id_today(article) for article in chunk}
    asked = list(dict.fromkeys(i for article in chunk for i in (article["id"], today[article["id"]]) if i))
    here = present(asked) if asked else {}
    for article in chunk:
        if article["id"] in here or today[article["id"]] in here:
            on_present(article["id"])
        else:
            yield article


def with_earlier_statements(articles: Iterable[dict], path: Path, founding: dict[str, str]) -> Iterator[dict]:
    """`articles` as they come, the statement ids the older version at `path` gave
    their quotes put in `founding` (by quote id) first, for the write's assigner.

    A statement's id is a hash of the first wording a write sees: the copy sees
    them in the order the older version stores its articles, which merges
    change, so a statement took another wording's hash and its address
    (`/quotes/<statement_id>/occurrences`, the feeds' links) was a 404.
    """
    index = searcher = None  # opened once an article came: `articles` reads the older version first
    for chunk in chunks(iter(articles), PRESENT_CHUNK):
        if index is None:
            index = tantivy.Index.open(str(path))
            searcher = index.searcher()
        founding.update(_statements_of(index, searcher, [a["id"] for a in chunk]))
        yield from chunk


def _statements_of(index: tantivy.Index, searcher: tantivy.Searcher, article_ids: list[str]) -> dict[str, str]:
    try:  # a version before quote documents (or their article ids) has none to give
        query = Query.term_set_query(index.schema, "article_id", article_ids)
    except ValueError:
        return {}
    found = {}
    for _, address in searcher.search(query, max(1, searcher.num_docs), count=False).hits:
        stored = searcher.doc(address).get_first("doc")
        quote = orjson.loads(stored) if stored is not None else None
        if isinstance(quote, dict) and isinstance(quote.get("id"), str) and isinstance(quote.get("statement_id"), str):
            found[quote["id"]] = quote["statement_id"]
    return found


def delete_from(path: Path, article_id: str) -> bool:
    """Take an article out of an older version; whether it held it.

    `reindex` copies what an older version holds: an article deleted only
    from the new one came back with it, and one not copied yet was a 404
    that the copy then brought in. A version tantivy cannot read is left as
    it is (the copy cannot read it either).
    """
    try:
        index = tantivy.Index.open(str(path))
        if not index.searcher().search(Query.term_query(index.schema, "id", article_id), 1, count=True).count:
            return False
        writer = index.writer(heap_size=15_000_000, num_threads=1)
        writer.delete_documents_by_term("id", article_id)
        writer.commit()
        writer.wait_merging_threads()
    except (ValueError, OSError) as error:
        log.warning("cannot take %s out of the older index version %s: %s", article_id, path, error)
        return False
    return True


def first_missing(path: Path, present: Callable[[list[str]], dict],
                  id_today: Callable[[dict], str | None] = lambda article: None) -> bool:
    """Whether the first PRESENT_CHUNK articles an older version stores are not all here.

    What the start-up notice asks besides the counts: loads since the upgrade
    that outnumber the older version's articles do not mean it was copied.
    """
    shown = itertools.islice(stored_articles(path), PRESENT_CHUNK)
    return any(True for _ in not_yet_copied(shown, present, lambda article_id: None, id_today))


def article_count(path: Path) -> int:
    """Live articles an index directory holds."""
    index = tantivy.Index.open(str(path))
    return index.searcher().search(_articles(index), 1, count=True).count


def _articles(index: tantivy.Index) -> Query:
    try:
        return Query.term_query(index.schema, "doc_type", "article")
    except ValueError:  # a version without document types held articles only
        return Query.all_query()
