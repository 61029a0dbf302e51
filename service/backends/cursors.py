"""Cursors: how a search pages, the same on every engine.

A cursor is encoded here and only taken back when it is exactly one this
service issued for the same query, filters and sort, so its values can reach
an engine safely and any worker can serve the next page.
"""
from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..errors import InvalidCursor

if TYPE_CHECKING:  # annotations only: base imports Cursor to check a request's cursor
    from .base import SearchHit, SearchPage, SearchRequest

#: Relevance pages by offset (engines expose no score-based search-after);
#: like Elasticsearch's max_result_window, deeper pages must sort by date.
MAX_RELEVANCE_WINDOW = 10_000


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts.

    Date sorts page by search-after: `key` is the last hit's sort key and
    `seen` the ids already returned with that same key (ties), so no hit is
    repeated or skipped. Relevance pages by `offset`, bounded by
    MAX_RELEVANCE_WINDOW.
    """

    fingerprint: str
    offset: int = 0
    key: int | None = None
    seen: tuple[str, ...] = ()

    def encode(self) -> str:
        payload = {"f": self.fingerprint, "o": self.offset, "k": self.key, "s": list(self.seen)}
        raw = json.dumps(payload, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str, request: SearchRequest) -> "Cursor":
        """The cursor in `text`, if it is exactly one this service issues for `request`.

        Anything else (not base64 JSON, other keys, a wrong type, a value out
        of range, a relevance cursor on a date sort) is InvalidCursor: its
        values reach the engine, which must never see one it cannot take.
        """
        cursor = cls._parse(text)
        if cursor is None:
            raise InvalidCursor("The cursor is not one this service issued.")
        if cursor.fingerprint != request.fingerprint():
            raise InvalidCursor(
                "The cursor belongs to a different query, filter or sort; "
                "start again without a cursor."
            )
        if request.sort == "relevance":
            issued = cursor.key is None and not cursor.seen and 0 < cursor.offset < MAX_RELEVANCE_WINDOW
        else:
            issued = cursor.key is not None and bool(cursor.seen) and cursor.offset == 0
        if not issued:
            raise InvalidCursor("The cursor is not one this service issued.")
        return cursor

    @classmethod
    def _parse(cls, text: str) -> "Cursor | None":
        """The fields of an encoded cursor when each has the type and range `encode` gives it."""
        if not isinstance(text, str) or len(text) > MAX_CURSOR_LENGTH:
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        except (ValueError, binascii.Error):
            return None
        if not isinstance(payload, dict) or set(payload) != {"f", "o", "k", "s"}:
            return None
        fingerprint, offset, key, seen = payload["f"], payload["o"], payload["k"], payload["s"]
        if not (isinstance(fingerprint, str) and _FINGERPRINT.fullmatch(fingerprint)):
            return None
        if not _is_int(offset) or not 0 <= offset < MAX_RELEVANCE_WINDOW:
            return None
        if key is not None and not (_is_int(key) and MIN_SORT_KEY <= key <= MAX_SORT_KEY):
            return None
        if not (isinstance(seen, list) and all(isinstance(s, str) and s and s.isprintable() for s in seen)):
            return None  # every id issued is printable text: a `\ud800` escape was tantivy's ValueError, a 500
        return cls(fingerprint=fingerprint, offset=offset, key=key, seen=tuple(seen))


#: Cursors longer than this were not issued here (ties on one second carry their ids).
MAX_CURSOR_LENGTH = 100_000
#: Date sort keys are 64-bit integers on every engine.
MIN_SORT_KEY, MAX_SORT_KEY = -(2**63), 2**63 - 1
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def relevance_window_ended(request: SearchRequest, page: SearchPage) -> bool:
    """Whether `page` has no next page only because best-match order stops at
    MAX_RELEVANCE_WINDOW hits, not because the matches ran out."""
    if request.sort != "relevance" or page.next_cursor or not page.hits:
        return False
    reached = (Cursor.decode(request.cursor, request).offset if request.cursor else 0) + len(page.hits)
    return reached >= MAX_RELEVANCE_WINDOW and page.total > reached


def with_window_end(request: SearchRequest, page: SearchPage) -> SearchPage:
    """`page`, its `relevance_window_end` set: article and quote searches alike."""
    return replace(page, relevance_window_end=True) if relevance_window_ended(request, page) else page


def next_cursor(request: SearchRequest, cursor: Cursor | None, hits: list[SearchHit],
                sort_keys: list[int], more: bool, ties_by_id: bool = False) -> str | None:
    """The cursor after this page, or None on the last page.

    `ties_by_id`: the engine orders hits of one sort key by id, so the last
    id alone says where the next page starts (Elasticsearch's search_after);
    else every id given with the last key is carried, and a run of equal keys
    (undated articles all share one) grows the cursor by an id a hit.
    """
    if not more or not hits:
        return None
    fingerprint = request.fingerprint()
    if request.sort == "relevance":
        offset = (cursor.offset if cursor else 0) + len(hits)
        if offset >= MAX_RELEVANCE_WINDOW:
            return None
        return Cursor(fingerprint, offset=offset).encode()
    last = sort_keys[-1]
    seen = [h.id for h, k in zip(hits, sort_keys) if k == last]
    if ties_by_id:
        seen = seen[-1:]
    elif cursor is not None and cursor.key == last:
        seen = list(cursor.seen) + seen
    return Cursor(fingerprint, key=last, seen=tuple(seen)).encode()
