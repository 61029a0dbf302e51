"""Many articles written in one request, each answered on its own.

A CMS or a wire ingester pushing a day's copy sent one `POST /articles` per
story: a commit each, and on the embedded index a writer taken and given
back each time. A batch is prepared item by item (the loader's pipeline, as
one POST runs it) and written in one `upsert`, so one commit; an item that
cannot be indexed is answered with its reason beside the others, as a
loader writes it to its rejects file, and never stops the rest. Nothing is
dropped unsaid: every item has an answer, in the order given.

No Flask here: the view parses the body, this decides each item's fate.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import RAISE, ValidationError

from loaders.identity import keep_earlier_ids
from loaders.pipeline import json_type, describe_errors, prepare

from .backends.base import SearchBackend
from .errors import ArticleRejected
from .schemas.article import ArticleInputSchema, published_at_problem

#: What each item's `status` may be; the first three as `POST /articles` says them.
STATUSES = ("indexed", "updated", "unchanged", "rejected", "failed", "superseded")
_INPUT = ArticleInputSchema()


def write_batch(backend: SearchBackend, items: list[Any], now: datetime | None = None) -> dict:
    """`{"errors", "counts", "items"}`: one answer per item, in order.

    An item is `rejected` when it is no valid article (the 422 its own POST
    would get, as its `error`); `failed` when the engine refused it; and
    `superseded` when a later item of the batch is the same article (same
    id): the later one is written, as a re-run of a load would leave it.
    """
    now = now or datetime.now()
    answers: list[dict | None] = [None] * len(items)
    prepared: list[tuple[int, dict]] = []
    for index, item in enumerate(items):
        try:
            prepared.append((index, _prepared(item, now)))
        except _Refused as refused:
            # Where in this request's body, as every 422 names it: `articles` -> "3" -> the field.
            error = {"code": refused.code, "message": refused.message,
                     "details": {"errors": {"json": {"articles": {str(index): refused.messages}}}}}
            answers[index] = {"index": index, "id": None, "status": "rejected", "error": error}
    keep_earlier_ids([article for _, article in prepared], backend.get_many)
    last = {article["id"]: index for index, article in prepared}
    writing = []
    for index, article in prepared:
        if last[article["id"]] == index:
            writing.append((index, article))
        else:
            answers[index] = {"index": index, "id": article["id"], "status": "superseded", "error": None}
    # Nothing to write (every item rejected): the writer is not taken, so no 503 while a loader holds it.
    outcome = _outcomes(backend.upsert([article for _, article in writing])) if writing else {}
    for index, article in writing:
        status, reason = outcome.get(article["id"], ("failed", "the engine gave no answer for it"))
        error = None if reason is None else {"code": "index_failed", "message": reason, "details": {}}
        answers[index] = {"index": index, "id": article["id"], "status": status, "error": error}
    counts = dict.fromkeys(STATUSES, 0)
    for answer in answers:
        counts[answer["status"]] += 1
    return {"errors": bool(counts["rejected"] or counts["failed"]), "counts": counts, "items": answers}


class _Refused(Exception):
    def __init__(self, code: str, message: str, messages: dict):
        super().__init__(message)
        self.code, self.message, self.messages = code, message, messages


def _prepared(item: Any, now: datetime) -> dict:
    """The item through the checks and pipeline of `POST /articles`, or `_Refused`
    with the code, message and field errors that POST would answer."""
    if not isinstance(item, dict):
        problem = f"an article must be a JSON object, not {json_type(item)}"
        raise _Refused("invalid_parameters", problem, {"_schema": [problem]})
    try:
        article = _INPUT.load(item, unknown=RAISE)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        raise _Refused("invalid_parameters", f"invalid article: {describe_errors(messages)}", messages) from None
    try:
        return prepare_posted(article, now)
    except ArticleRejected as error:
        raise _Refused(error.code, error.message, error.details.get("errors") or {"_schema": [error.message]}) \
            from None


def prepare_posted(article: dict, now: datetime) -> dict:
    """An article a client posted (validated by ArticleInputSchema) through the loader's pipeline.

    A `published_at` given that no backend can store is refused as given,
    before the extraction could put the dateline's own date in its place.
    Raises ArticleRejected with the reason.
    """
    if problem := published_at_problem((article.get("dateline") or {}).get("published_at")):
        raise ArticleRejected(f"invalid article: dateline.published_at: {problem}",
                              errors={"dateline": {"published_at": [problem]}})
    return prepare(article, reference=now)


def _outcomes(result) -> dict[str, tuple[str, str | None]]:
    """Each written id's status, and the engine's reason when it failed."""
    found: dict[str, tuple[str, str | None]] = {}
    for status in ("indexed", "updated", "unchanged"):
        found.update((article_id, (status, None)) for article_id in getattr(result, status))
    found.update((article_id, ("failed", reason)) for article_id, reason in result.failed)
    return found
