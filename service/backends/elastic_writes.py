"""Writes on Elasticsearch: articles and their quotes by bulk, and deletes.

Kept apart from `elastic.py`, which searches: writing has its own worries.
An article and its quotes live in two indices, so what the embedded index
does in one commit is here several bulk items, and each can be refused on
its own. The rules that follow from that:

* Quotes go first, the article (with its content hash) last: the hash is
  what a write sent again trusts to skip an unchanged article, so it must
  not land before what it vouches for.
* An article counts as written only once its quotes are in too; one refused
  in part is taken out whole (`_remove_partly_written`), so a re-run writes
  it again rather than finding it unchanged.
* Items the engine refuses as busy (429/503) are retried with doubling
  backoff: long for a load (BULK_RETRIES), short for a write a client waits
  on (REQUEST_BULK_RETRIES), then the write is a 503 the client may retry.
* A conditional write's article is written only over its own claim
  (`claims`; why in `elastic_conditional`): overtaken, it leaves the later
  write's article and quotes alone and raises Superseded.

`ElasticWrites` is held by `ElasticBackend` as `writes`; it reads the
backend's client, aliases, bulk settings and statement lookups at each use,
so what is set on the backend (a test's smaller threshold) holds here too.
"""
from __future__ import annotations

import logging
from collections import defaultdict, deque
from contextlib import ExitStack
from typing import TYPE_CHECKING, Iterable

from elasticsearch import ConflictError, Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk

from ..errors import BackendUnavailable
from ..iterables import batches
from ..statements import StatementAssigner
from .elastic_client import (
    DELETE_AGAIN, RETRY_AFTER_SECONDS, WRITE_BLOCKED, EngineError, bulk_reason, engine_errors, error_type,
    reindexing, writing,
)
from .elastic_conditional import Superseded, delete_checked
from .elastic_document import quote_source, to_source
from .quote_documents import article_and_quote_documents, quote_texts
from .write_results import Precondition, WriteResult, settled_ids

if TYPE_CHECKING:
    from .elastic import ElasticBackend

log = logging.getLogger(__name__)
#: Articles per bulk round (content hashes are fetched per round with mget).
BATCH_ARTICLES = 500
#: A long load refreshes the quotes index this often, so statement lookups
#: see what it wrote and the assigner can forget it: memory stays bounded.
QUOTES_REFRESH_EVERY = 10_000
#: Bulk requests are cut at this many bytes, whatever the article count.
CHUNK_BYTES = 5 * 1024 * 1024
#: A bulk item's status when its `if_seq_no` no longer holds (another write came first).
VERSION_CONFLICT = 409
#: A bulk item's error when its alias is gone (bulk runs with `require_alias`,
#: so the engine never creates an unmapped index under the alias's name).
INDEX_MISSING = "index_not_found_exception"
#: Retries of items refused with 429/503 (engine busy), with doubling backoff.
BULK_RETRIES = 5
BULK_RETRY_STATUSES = (429, 503)
BULK_INITIAL_BACKOFF = 1.0
BULK_MAX_BACKOFF = 30.0
#: A load larger than this turns refresh and replicas off until it ends.
BULK_TUNING_THRESHOLD = 5_000
#: A bulk request of CHUNK_BYTES may take longer than a search is allowed to.
BULK_TIMEOUT_SECONDS = 120.0
#: A write a client waits on (POST /articles) retries busy items briefly (0.5 s, then 1 s) and
#: gives up with a 503 it may retry: a load's 31 s of backoff outlasted proxies' and clients' timeouts.
REQUEST_BULK_RETRIES = 2
REQUEST_BULK_INITIAL_BACKOFF = 0.5


class ElasticWrites:
    """The write path of one `ElasticBackend`: upserts by bulk, deletes, and what a failed one leaves."""

    def __init__(self, backend: "ElasticBackend"):
        self.backend = backend
        self.alias = backend.alias
        self.quotes_alias = backend.quotes_alias
        self.admin = backend.admin
        self.quotes_admin = backend.quotes_admin

    @property
    def client(self) -> Elasticsearch:
        """The backend's client, read at each use: whoever swaps it (a test's counter) swaps it here too."""
        return self.backend.client

    def write_all(self, articles: Iterable[dict], result: WriteResult, claims: dict[str, dict] | None = None) -> None:
        """Stream articles to bulk in batches; a large load runs with refresh off.

        Articles stream from the loader, so the size of a load shows only as it
        goes: once more than `bulk_tuning_threshold` have been seen, refresh
        and replicas are turned off for the rest and restored at the end
        (even on failure). One refresh then makes everything searchable.
        `claims`: per article id, the version a conditional write claimed
        (`elastic_conditional`); its article is written only over that version,
        else Superseded is raised and nothing of it is left.
        """
        if not self.backend._index_checked:
            self.backend.ensure_index()
        written = seen = 0
        tuned = False
        # One assigner per write: quotes of this load join each other's statements
        # before a refresh makes them searchable.
        statements = StatementAssigner(self.backend.statement_candidates)
        with ExitStack() as tuning:
            for batch in batches(articles, BATCH_ARTICLES):
                seen += len(batch)
                if seen > self.backend.bulk_tuning_threshold and not tuned:
                    tuning.enter_context(self.admin.bulk_settings())
                    tuning.enter_context(self.quotes_admin.bulk_settings())
                    tuned = True
                written += self._write_batch(batch, result, statements, claims=claims or {})
                if seen % QUOTES_REFRESH_EVERY < BATCH_ARTICLES:
                    with engine_errors("refreshing quotes during a load"):
                        self.client.indices.refresh(index=self.quotes_alias)
                    statements.rebase(self.backend.statement_candidates)
        if written:
            with engine_errors("refreshing after a write"):
                self.client.indices.refresh(index=[self.alias, self.quotes_alias])

    def _quote_action(self, record: dict, statement_id: str, wording: str, bands: list[str]) -> dict:
        return {"_op_type": "index", "_index": self.quotes_alias, "_id": record["quote_id"],
                "_source": quote_source(record, statement_id, wording, bands)}

    def _write_batch(self, batch: list[dict], result: WriteResult,
                     statements: StatementAssigner, claims: dict[str, dict]) -> int:
        """Index the changed articles of one batch and their quotes; returns how many were sent."""
        existing = self._hashes([a["id"] for a in batch])
        settled = settled_ids(batch, existing)
        changed = [a for a in batch if a["id"] not in settled and existing.get(a["id"]) != a.get("content_hash")]
        statements.prefetch(quote_texts(changed), self.backend.statement_candidates_many)
        planned: dict[str, deque[str]] = defaultdict(deque)
        actions: list[dict] = []
        #: Per article, the quotes of its last copy in the batch: an earlier copy's
        #: quotes sent too, those the later one no longer has stayed as orphans.
        quote_actions: dict[str, list[dict]] = {}
        for article in batch:  # in order: a later copy of the same id replaces the earlier
            article_id = article["id"]
            if article_id in settled or existing.get(article_id) == article.get("content_hash"):
                result.add("unchanged", article_id)
                continue
            try:
                source, quotes = article_and_quote_documents(article, statements, to_source, self._quote_action)
            except (TypeError, ValueError, KeyError, AttributeError) as error:
                result.fail(article_id, f"cannot index: {error}")
                continue
            planned[article_id].append("updated" if article_id in existing else "indexed")
            existing[article_id] = article.get("content_hash")
            actions.append({"_op_type": "index", "_index": self.alias, "_id": article_id,
                            "_source": source, **claims.get(article_id, {})})
            quote_actions[article_id] = quotes
        if not actions:
            return 0
        self.admin.refuse_blocked_writes()
        if any("updated" in outcomes for outcomes in planned.values()):
            self._see_recent_quotes()
        self._check_claims({article_id: claims[article_id] for article_id in planned if article_id in claims})
        self._delete_quotes([a["_id"] for a in actions])
        # Quotes first: an article's content hash is what a write sent again trusts. Sent
        # before its quotes, a write cut off between two bulk requests (a timeout, a killed
        # load) left the article with its new hash and no quotes, and sent again it was
        # unchanged: the quotes were gone for good. Cut off now, the article is written again.
        actions = [action for quotes in quote_actions.values() for action in quotes] + actions
        blocked = missing = False
        # An article counts once its quotes are in too: its outcome waits for the whole batch.
        written: list[tuple[str, str]] = []
        refused: dict[str, str] = {}
        # Refused as too busy still after the retries: the engine's state, not the article's fault.
        busy: dict[str, str] = {}
        # Claimed articles whose claim a later write overwrote, and the quotes they wrote meanwhile.
        superseded: list[str] = []
        claimed_quotes: list[tuple[str, dict]] = []
        with engine_errors("writing articles"):
            for ok, item in streaming_bulk(
                self.client.options(request_timeout=self.backend.bulk_timeout_seconds), actions, chunk_size=BATCH_ARTICLES, max_chunk_bytes=CHUNK_BYTES,
                raise_on_error=False, raise_on_exception=True, max_retries=self.backend.bulk_retries,
                initial_backoff=self.backend.bulk_initial_backoff, max_backoff=BULK_MAX_BACKOFF,
                retry_on_status=BULK_RETRY_STATUSES, require_alias=True,
            ):
                outcome = next(iter(item.values()))
                if not ok and error_type(outcome) == WRITE_BLOCKED:
                    blocked = True  # a reindex began after the check: the write is refused, not rejected
                    continue
                if not ok and error_type(outcome) == INDEX_MISSING:
                    missing = True  # deleted since the alias was checked: not the article's fault
                    continue
                article_id = str(outcome.get("_id"))
                if not ok and outcome.get("status") in BULK_RETRY_STATUSES:
                    busy.setdefault(article_id.split("#q")[0], f"{outcome['status']} {bulk_reason(outcome)}")
                    continue
                if "#q" in article_id:  # a quote: only its failure is news
                    if ok and article_id.split("#q")[0] in claims:
                        claimed_quotes.append((article_id, {"if_seq_no": outcome["_seq_no"],
                                                            "if_primary_term": outcome["_primary_term"]}))
                    if not ok:
                        owner = article_id.split("#q")[0]
                        refused.setdefault(owner, f"quote {article_id}: {bulk_reason(outcome)}")
                    continue
                if not ok and article_id in claims and outcome.get("status") == VERSION_CONFLICT:
                    superseded.append(article_id)
                    continue
                queue = planned.get(article_id)
                kind = queue.popleft() if queue else "indexed"
                if ok:
                    written.append((kind, article_id))
                else:
                    refused.setdefault(article_id, bulk_reason(outcome))
        if missing:
            self.backend._index_checked = False  # the next write creates the versions again
            self._forget_batch(list(planned))
            raise EngineError(f"The index behind {self.alias!r} or {self.quotes_alias!r} was deleted "
                              "during the write; nothing of this batch is kept. Write again to recreate it.")
        if superseded:  # the later write stands, article and quotes: take back only what is still ours
            self._take_back_quotes([(quote, version) for quote, version in claimed_quotes
                                    if quote.split("#q")[0] in superseded])
            raise Superseded(superseded[0])
        for kind, article_id in written:
            if article_id not in refused and article_id not in busy:
                result.add(kind, article_id)
        for article_id, reason in refused.items():
            if article_id not in busy:
                result.fail(article_id, reason)
        if blocked:
            raise reindexing()
        if refused or busy:
            self._remove_partly_written(list({**refused, **busy}))
        if busy:
            raise BackendUnavailable(
                f"Elasticsearch is overloaded: it refused {len(busy)} article(s) "
                f"({next(iter(busy.values()))}) after {self.backend.bulk_retries} retries, and kept nothing of "
                "them. Send the same articles again shortly: ids are stable, so nothing is duplicated.",
                retry_after=RETRY_AFTER_SECONDS)
        return len(actions)

    def _forget_batch(self, article_ids: list[str]) -> None:
        """Take out what a batch wrote to whichever of the two indices is still there."""
        for index, query in ((self.alias, {"ids": {"values": article_ids}}),
                             (self.quotes_alias, {"terms": {"article_id": article_ids}})):
            try:
                self.client.delete_by_query(index=index, query=query, refresh=True, conflicts="proceed")
            except NotFoundError:
                pass  # the one that was deleted
            except Exception:  # noqa: BLE001 - the write fails anyway, with the reason that matters
                log.warning("could not take out a failed batch from %s", index, exc_info=True)

    def _remove_partly_written(self, article_ids: list[str]) -> None:
        """Take out articles the engine refused in part (the article or one of its quotes).

        On the embedded index an article and its quotes are one commit; here
        they are separate bulk items. Keeping what was accepted would leave an
        article without a quote (and a re-run, finding its content unchanged,
        would never add it) or quotes of an article that is not there. Gone
        whole, the article is a reject like any other, and a re-run writes it.
        """
        with engine_errors("removing partly written articles"):
            self.client.delete_by_query(index=self.alias, query={"ids": {"values": article_ids}},
                                        refresh=True, conflicts="proceed")
        self._delete_quotes(article_ids)

    def _check_claims(self, claims: dict[str, dict]) -> None:
        """Superseded unless each claimed article still holds its claim: checked before its quotes are
        replaced, so a write a later one overtook deletes none of that one's quotes."""
        for article_id, version in claims.items():
            with engine_errors("reading the article a conditional write claimed"):
                try:
                    found = self.client.get(index=self.alias, id=article_id, source=False)
                except NotFoundError as error:
                    if error_type(error.body) is not None:  # the index is missing, not the article
                        raise
                    raise Superseded(article_id) from None
            if (found["_seq_no"], found["_primary_term"]) != (version["if_seq_no"], version["if_primary_term"]):
                raise Superseded(article_id)

    def _take_back_quotes(self, written: list[tuple[str, dict]]) -> None:
        """Delete quotes a superseded write wrote, each only at the version its write got: one the later
        write has rewritten since (or deleted) is that write's and stays."""
        with engine_errors("taking back the quotes of a superseded write"):
            for quote_id, version in written:
                try:
                    self.client.delete(index=self.quotes_alias, id=quote_id, refresh=True, **version)
                except (ConflictError, NotFoundError):
                    pass

    def _hashes(self, ids: list[str]) -> dict[str, str]:
        with engine_errors("reading content hashes"):
            response = self.client.mget(index=self.alias, ids=list(dict.fromkeys(ids)),
                                        source=["content_hash"])
        return {d["_id"]: d["_source"].get("content_hash") for d in response["docs"] if d.get("found")}

    def delete(self, article_id: str, expected: Precondition | None = None) -> bool:
        """False when there was no article; its quotes are taken out either way, so a
        DELETE sent again after one whose quotes' delete failed leaves none behind.
        With `expected`, the delete is of the version checked (`elastic_conditional`)."""
        with writing(DELETE_AGAIN):
            self.admin.refuse_blocked_writes()
            if expected is not None:
                found = delete_checked(self.client, self.alias, article_id, expected)
            else:
                with engine_errors("deleting an article"):
                    try:
                        self.client.delete(index=self.alias, id=article_id, refresh=True)
                        found = True
                    except NotFoundError:
                        found = False
            self._delete_quotes([article_id])
            return found

    def _see_recent_quotes(self) -> None:
        """Make the quotes written lately searchable, before those of replaced articles are deleted.

        `_delete_quotes` deletes by query, which sees what was refreshed: a
        large load runs with refresh off, and even at the usual interval a
        second may pass. An article written earlier in the load and replaced
        by a later batch kept the quotes of its first version that the second
        has no more, found by quote searches and in its attribution. osmem
        sees writes at once, so only a real cluster showed it. Only batches
        replacing an article pay for it: a first load replaces none.
        """
        with engine_errors("refreshing quotes before replacing an article's"):
            self.client.indices.refresh(index=self.quotes_alias)

    def _delete_quotes(self, article_ids: list[str]) -> None:
        """Remove the quotes of articles about to be replaced or deleted."""
        with engine_errors("deleting quotes"):
            self.client.delete_by_query(index=self.quotes_alias, query={"terms": {"article_id": article_ids}},
                                        refresh=True, conflicts="proceed")
