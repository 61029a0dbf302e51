"""What a write reports, and the condition it may be made on.

Shared by both engines so that a load, the API and the tests read one shape
of outcome whichever engine wrote, and a refused conditional write says the
same thing on each.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..errors import PreconditionFailed

OUTCOMES = ("indexed", "updated", "unchanged", "failed")

#: A write's condition on what the index holds under the id written: called with the
#: stored article (None when there is none), it says whether the write may go on.
#: The backend calls it atomically with the write, so no other write lands between the
#: check and this one: an editor's If-Match is checked against the version replaced.
#: A predicate, not an ETag: backends know no HTTP.
Precondition = Callable[[dict | None], bool]


def check_precondition(expected: Precondition | None, article_id: str, stored: dict | None) -> None:
    """Raise PreconditionFailed (nothing written) unless `expected` holds of `stored`."""
    if expected is not None and not expected(stored):
        raise precondition_failed(article_id, stored)


def precondition_failed(article_id: str, stored: dict | None) -> PreconditionFailed:
    """The refusal of a conditional write; `stored` is what the index holds now."""
    if stored is None:
        return PreconditionFailed(f"The write expected an article with id '{article_id}', and there is none; "
                                  "nothing was written.", current=None, id=article_id)
    return PreconditionFailed(f"The article with id '{article_id}' is not the version the write expected "
                              "(another write changed it, or it exists already); nothing was written.",
                              current=stored, id=article_id)


@dataclass(frozen=True)
class ReindexResult:
    """A copy of the index into a new version: what was copied, from where to where."""
    old_index: str
    new_index: str
    documents: int
    old_deleted: bool
    failed: int = 0


@dataclass
class WriteResult:
    """What a write did, per article id; nothing is dropped silently.

    A load of millions keeps counts only (`keep_ids=False`), so its memory
    does not grow with its size, and hears of each failure as it happens
    (`on_failure`), while it still knows where that article came from.
    """

    indexed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    keep_ids: bool = True
    on_failure: Callable[[str, str], None] | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))

    def add(self, outcome: str, article_id: str) -> None:
        """Count an indexed, updated or unchanged article."""
        self.counts[outcome] += 1
        if self.keep_ids:
            getattr(self, outcome).append(article_id)

    def fail(self, article_id: str, reason: str) -> None:
        self.counts["failed"] += 1
        if self.on_failure is not None:
            self.on_failure(article_id, reason)
        else:
            self.failed.append((article_id, reason))


def settled_ids(batch: list[dict], stored: dict[str, str | None]) -> set[str]:
    """Ids whose last copy in `batch` has the content the index holds (`stored`: id -> content hash).

    A batch may hold an article twice (a feed listing an update above its
    first version, a corrected copy later in one export). Compared in order,
    the earlier copy differed from what the index held (the later version),
    so every re-run of the load wrote it, then the later one over it, and
    counted both "updated". Every copy of such an id is unchanged.
    """
    last = {article["id"]: article.get("content_hash") for article in batch}
    return {article_id for article_id, content in last.items()
            if article_id in stored and stored[article_id] == content}
