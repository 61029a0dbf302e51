"""Conditional writes on Elasticsearch: the check and the write one step, by sequence number.

The stored article is read with its `_seq_no` and `_primary_term`, the
condition checked on it, and the write sent with `if_seq_no` and
`if_primary_term` (`op_type=create` where none was stored): a write that
lands in between makes the engine refuse ours (409), which becomes
PreconditionFailed, never a lost update.

An upsert is two indices (quotes, then the article), so its conditional
step is a *claim*: the new article written over the version read, its
`content_hash` blank. Another conditional write that read the old version
is refused from then on; one that reads after it checks against the new
content. The ordinary write follows (quotes, then the article with its
hash); cut off in between, the blank hash makes the same write sent again
write the quotes instead of finding the article unchanged.

The ordinary write after a claim is conditional on the claim itself: the
claim's own `_seq_no`/`_primary_term` go with the article's last write
(`ElasticWrites`' `claims`). A second conditional write that reads the
claimed version (its ETag got from a GET in those milliseconds) and claims
over it has checked against the first one's content, so it stands: the
first finds its claim gone, before it touches the quotes or when its last
write is refused (409), and answers PreconditionFailed (412) naming the
version stored now. Its quotes written by then are taken out again where
nothing rewrote them since (each delete conditional on the sequence number
its own write got), and the second write deletes and rewrites the article's
quotes itself. Left open, as between two unconditional writes of one
article: quotes and article are two indices, so in the milliseconds between
the first write's last check and its last bulk request, its quote delete
and quote writes can still land amid the second's.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from elasticsearch import ConflictError, Elasticsearch, NotFoundError

from ..errors import WriteTimeout
from .elastic_client import engine_errors, error_type
from .elastic_document import to_source
from .write_results import Precondition, WriteResult, check_precondition, precondition_failed

if TYPE_CHECKING:
    from .elastic import ElasticBackend

#: What `_source` a conditional write reads: the article, and the hash a claim blanks.
_READ = ["doc", "content_hash"]


def write_checked(backend: "ElasticBackend", article: dict, expected: Precondition, result: WriteResult) -> None:
    """Write one article if `expected` holds of the version stored: checked, claimed, then
    written as any write is. The same content stored is `unchanged`, with no write at all."""
    if not backend._index_checked:
        backend.ensure_index()
    source, version = read_versioned(backend.client, backend.alias, article["id"])
    check_precondition(expected, article["id"], stored_article(source))
    if source is not None and source.get("content_hash") == article.get("content_hash"):
        result.add("unchanged", article["id"])
        return
    backend.admin.refuse_blocked_writes()
    try:
        claimed = claim(backend.client, backend.alias, article, version)
    except (TypeError, ValueError, KeyError, AttributeError) as error:  # as `ElasticWrites._write_batch` rejects one
        result.fail(article["id"], f"cannot index: {error}")
        return
    written = WriteResult()
    try:
        backend.writes.write_all([article], written, claims={article["id"]: claimed})
    except Superseded:  # a later write checked against our claim and came first: it stands
        raise _refused(backend.client, backend.alias, article["id"]) from None
    for article_id in written.indexed + written.updated:  # the claim made it exist: a new one is "indexed"
        result.add("updated" if source is not None else "indexed", article_id)
    for article_id, reason in written.failed:
        result.fail(article_id, reason)


def delete_checked(client: Elasticsearch, alias: str, article_id: str, expected: Precondition) -> bool:
    """Delete the article if `expected` holds of the version stored (False: none was stored)."""
    source, version = read_versioned(client, alias, article_id)
    check_precondition(expected, article_id, stored_article(source))
    return delete_versioned(client, alias, article_id, version)


def read_versioned(client: Elasticsearch, alias: str, article_id: str) -> tuple[dict | None, dict]:
    """The stored source (`doc`, `content_hash`) or None, and the options that make a write of
    this id conditional on that version: `if_seq_no`/`if_primary_term`, or `op_type=create`."""
    with engine_errors("reading the article a conditional write expects", WriteTimeout):
        try:
            found = client.get(index=alias, id=article_id, source=_READ)  # real time: no refresh needed
        except NotFoundError as error:
            if error_type(error.body) is not None:  # the index is missing, not the article
                raise
            return None, {"op_type": "create"}
    return found["_source"], {"if_seq_no": found["_seq_no"], "if_primary_term": found["_primary_term"]}


def stored_article(source: dict | None) -> dict | None:
    return None if source is None else source.get("doc")


def claim(client: Elasticsearch, alias: str, article: dict, version: dict) -> dict:
    """Write `article` over the version `read_versioned` gave `version` for, its hash blank
    (see the module); PreconditionFailed when another write came first. Returns the options
    that make a write conditional on the claim itself, for the write's last step."""
    source = {**to_source(article), "content_hash": ""}
    with engine_errors("writing an article conditionally", WriteTimeout):
        try:
            written = client.index(index=alias, id=article["id"], document=source, require_alias=True, **version)
            return {"if_seq_no": written["_seq_no"], "if_primary_term": written["_primary_term"]}
        except ConflictError:
            pass
    raise _refused(client, alias, article["id"])


def delete_versioned(client: Elasticsearch, alias: str, article_id: str, version: dict) -> bool:
    """Delete the version `read_versioned` read (False: none was stored, nothing deleted);
    PreconditionFailed when another write came first."""
    if version.get("op_type") == "create":
        return False
    with engine_errors("deleting an article conditionally", WriteTimeout):
        try:
            client.delete(index=alias, id=article_id, refresh=True, **version)
            return True
        except (ConflictError, NotFoundError):  # changed, or deleted, since it was read
            pass
    raise _refused(client, alias, article_id)


class Superseded(Exception):
    """A claim overwritten before its write's last step: a later write came first (see the module)."""

    def __init__(self, article_id: str):
        super().__init__(f"the claim of {article_id!r} was overwritten by a later write")
        self.article_id = article_id


def _refused(client: Elasticsearch, alias: str, article_id: str):
    source, _ = read_versioned(client, alias, article_id)
    return precondition_failed(article_id, stored_article(source))
