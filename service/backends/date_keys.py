"""Date sort keys: the order of `sort=newest` and `sort=oldest`, the same on every engine.

Both sorts run descending on a key (`newest_key`, `oldest_key`), so undated
documents (MISSING_KEY) come last both ways. Documents of the same second
(every undated one shares one) are ordered by a tie code of their id, the
same code on both engines, so a date-sorted page lists the same hits in the
same order on either. The quotes of an article all share its second: their
codes keep them together and in the article's order (`tie_code`).

The embedded index sorts on one field, so its keys hold the second and the
tie code together (`sort_keys`, 62 bits). Elasticsearch stores the second
and the tie code apart and sorts on both (then on id), because osmem keeps a
`long` as a 64-bit float and loses a combined key's low bits
(docs/engine-notes.md). A cursor carries the combined key on both engines;
`split_key` and `join_key` convert for Elasticsearch's `search_after`.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from hashlib import blake2b

MISSING_KEY = -(2**62)
#: The field each date sort runs descending on, on both engines. `ingested`
#: is the time an article was last written into the index (its `ingested_at`):
#: what arrived or changed lately, whatever its publication date.
SORT_FIELDS = {"newest": "newest_key", "oldest": "oldest_key", "ingested": "ingested_key"}
#: Sorts of article documents only: quotes hold no time of writing.
ARTICLE_ONLY_SORTS = frozenset({"ingested"})
#: Low bits of a combined key: the tie code. Without it, equal dates came
#: in index order and a cursor had to carry every id already given of a run
#: of equal keys (at about 500 undated articles deep, a page link longer
#: than URLs may be); now a key is shared only by documents of one second
#: whose codes collide, and a cursor carries those. Seconds from 1678 to
#: 2261 (tantivy's dates) fit above them in 63 bits.
TIE_BITS = 28
TIE_MASK = (1 << TIE_BITS) - 1


#: A quote's tie code ends in its place in its article, so the quotes of one
#: article come in the order the article gives them (a fact-checker reads
#: them in context), where a hash of each quote's id scattered them. The
#: first 255 places are told apart; later ones share the last code and
#: come in id order.
QUOTE_PLACE_BITS = 8
QUOTE_PLACE_MASK = (1 << QUOTE_PLACE_BITS) - 1


def tie_code(identity: str) -> int:
    """28 bits of a document's id: a hash of an article's id; for a quote (`<article id>#q<n>`,
    quote_documents.quote_id) the high bits of its article's code, then its place counted
    down (both date sorts run descending, so the first quote comes first either way).

    Article ids never hold `#` (identity.ID_PATTERN; generated ids are hexadecimal).
    """
    article, mark, place = identity.rpartition("#q")
    if mark and place.isascii() and place.isdigit():
        return (_hashed(article) & ~QUOTE_PLACE_MASK) | (QUOTE_PLACE_MASK - min(int(place), QUOTE_PLACE_MASK))
    return _hashed(identity)


@lru_cache(maxsize=1024)  # an article's quotes, and its `ingested_key`, hash its id again
def _hashed(identity: str) -> int:
    return int.from_bytes(blake2b(identity.encode(), digest_size=4).digest(), "little") >> (32 - TIE_BITS)


def second_keys(published: datetime | None) -> tuple[int, int]:
    """(newest, oldest) keys of a second, without the tie code: what Elasticsearch stores."""
    if published is None:
        return MISSING_KEY, MISSING_KEY
    seconds = int(published.timestamp())
    return seconds, -seconds


def sort_keys(published: datetime | None, identity: str) -> tuple[int, int]:
    """(newest_key, oldest_key) of a document: its second, then its tie code (the embedded index's)."""
    tie = tie_code(identity)
    newest, oldest = second_keys(published)
    return join_key(newest, tie), join_key(oldest, tie)


def join_key(second_key: int, tie: int) -> int:
    """The combined key of a second's key (as `second_keys` gives it) and a tie code."""
    if second_key == MISSING_KEY:
        return MISSING_KEY + tie
    return (second_key << TIE_BITS) + tie


def combined_key_range(first: int | None, last: int | None) -> tuple[int, int | None]:
    """The combined keys (`join_key`) of the seconds `first` to `last` (None: open at that
    end), an undated document's left out: (lowest, highest or None)."""
    lower = join_key(first, 0) if first is not None else MISSING_KEY + TIE_MASK + 1
    return lower, (join_key(last, TIE_MASK) if last is not None else None)


def split_key(key: int) -> tuple[int, int]:
    """(second's key, tie code) of a combined key: the inverse of `join_key`."""
    tie = key & TIE_MASK
    second_key = key >> TIE_BITS
    if key - tie == MISSING_KEY:
        return MISSING_KEY, tie
    return second_key, tie


def key_seconds(key: int) -> int:
    """The second a combined key stands for (signed: oldest_key holds it negated)."""
    return key >> TIE_BITS
