"""A stream cut into lists of a size: the loaders and the engines' bulk writes
each send or prepare a few hundred items at a time, never the whole stream."""
from __future__ import annotations

from typing import Iterable, Iterator, TypeVar

Item = TypeVar("Item")


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """`items` in lists of `size` (the last may be shorter), taken as they come."""
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
