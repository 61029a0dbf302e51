"""Where the capitalised names of one paragraph stand, looked up by their offsets.

registry.py files each name here as the extractor registers it, and asks
which name stands around a phrase or ends where it ends ("Co Inc" inside
"Bowne and Co Inc"). An index of its own: scanning every name of the
paragraph for every lookup was quadratic in their number.
"""

from __future__ import annotations

import bisect

from loaders.extract.entities import Entity


class _NamesAt:
    """The capitalised names of one paragraph, (start, end, entity) in the order they were
    registered, looked up by where they stand. Each lookup scanned every name of the
    paragraph: a 99,000-character paragraph naming 3,000 people and firms took 1.5 s to
    extract (a 2 MB POST of such paragraphs half a minute), the square of their number."""

    __slots__ = ("_by_end", "_starts", "_order", "_longest")

    def __init__(self):
        self._by_end: dict[int, list[tuple[int, int, Entity]]] = {}
        self._starts: list[tuple[int, int]] = []  # (start, registration number), sorted
        self._order: list[tuple[int, int, Entity]] = []  # as registered
        self._longest = 0

    def add(self, start: int, end: int, entity: Entity) -> None:
        name = (start, end, entity)
        self._by_end.setdefault(end, []).append(name)
        bisect.insort(self._starts, (start, len(self._order)))
        self._order.append(name)
        self._longest = max(self._longest, end - start)

    def ending_at(self, end: int) -> list[tuple[int, int, Entity]]:
        """The names ending at `end`, in the order registered."""
        return self._by_end.get(end, [])

    def around(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """The names standing around [start, end) (start <= its start, its end <= end), in the
        order registered. Only names starting within the longest name's length before `start` can."""
        low = bisect.bisect_left(self._starts, (start - self._longest, -1))
        high = bisect.bisect_right(self._starts, (start, len(self._order)))
        found = sorted(number for _, number in self._starts[low:high])
        return [self._order[number] for number in found if end <= self._order[number][1]]
