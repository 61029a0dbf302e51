"""An entity the article talks about: a person, organisation, outlet or anonymous source, and where it was cited.

The record every rule reads and fills in (title, affiliation, gender, the
head noun of a description, the mentions a fact-checker finds it at).
Kept apart from registry.py, which remembers who was seen where and
answers the look-backs: the record has no say in how it is found.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

Position = tuple[int, int]  # (paragraph, offset)


def _citation_order(citation: tuple) -> tuple:
    """A citation's place in the log: where it stands, then which entity was made first."""
    return citation[0], citation[1]


@dataclass(slots=True)
class Entity:
    """A person, organisation, outlet or anonymous source; mutable while the article is read.

    Slotted: an article makes dozens, and every rule reads their fields.
    """

    name: str
    kind: str
    title: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    head: str | None = None          # for descriptions: "source", "official", "daily"
    author: "Entity | None" = None   # for documents: who issued "a filing", "the memo"
    cited: bool = False              # said, told, reported something: it is a source
    wire_agency: bool = False        # the agency of the story's own dateline: never "the agency" it reports on
    first_seen: Position = (0, 0)
    cited_at: Position | None = None  # where it was first cited
    citations: list[Position] = field(default_factory=list)  # every citing position, for "the memo said" look-backs
    mentions: list[tuple[int, int, int, str]] = field(default_factory=list)
    merged_into: "Entity | None" = None  # a short form's full name ("Royal Bank" -> "Royal Bank of Canada")
    _seen_mentions: set[tuple[int, int, int, str]] = field(default_factory=set, repr=False, compare=False)
    #: The registry's citations of every entity, (position, order made, entity) by the first two
    #: (`Registry.last_cited`); None for an entity made outside a registry.
    _citation_log: list | None = field(default=None, repr=False, compare=False)
    _order: int = field(default=0, repr=False, compare=False)

    def cite(self, position: Position) -> None:
        self.cited = True
        if self.cited_at is None or position < self.cited_at:
            self.cited_at = position
        bisect.insort(self.citations, position)
        if self._citation_log is not None:
            bisect.insort(self._citation_log, (position, self._order, self), key=_citation_order)

    def full(self) -> "Entity":
        """The entity this one was merged into, all the way ("Royal Bank" -> "Royal Bank of Canada"), or itself."""
        entity = self
        while entity.merged_into is not None:
            entity = entity.merged_into
        return entity

    def drop_mentions(self, dropped: set[tuple[int, int, int, str]]) -> None:
        """Forget these mentions (a reading another rule made better, see overlaps.py)."""
        self.mentions[:] = [mention for mention in self.mentions if mention not in dropped]
        self._seen_mentions.difference_update(dropped)

    def add_mention(self, paragraph: int, start: int, end: int, text: str) -> None:
        mention = (paragraph, start, end, text)
        if mention not in self._seen_mentions:
            self._seen_mentions.add(mention)
            self.mentions.append(mention)
