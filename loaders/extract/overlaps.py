"""One source per place in the text: where two sources were read from overlapping words, the fuller one.

The rules read the same words more than once (the scan of unnamed
descriptions, the subjects of reporting verbs, the outlets named before
their noun), and each reading may make its own source. "A maritime security
source said" became "security source" and "a maritime security source";
"figures compiled by Euromoney magazine" sat beside "Euromoney". Each pair
stands at one place, so after every rule has run the pair is settled there:

* two unnamed descriptions, one inside the other: the longer says more
  ("oil industry analysts" over "industry analysts");
* a description of a body around a name ("the BHP statement", "in today's
  Gazeta Mercantil newspaper"): the name;
* two unnamed sources at the very same words ("the Union Pacific spokesman",
  read as itself and as the "spokesman for the company" before it): the one
  with more mentions.

A source loses only that mention; one left with none is no longer cited,
unless a quote is given to it (its speaker must stay listed).
"""

from __future__ import annotations

from loaders.extract.entities import Entity

#: Kinds a description of a body can have, and a name inside it must have to stand for it.
_BODIES = ("organization", "outlet")
_NAMED = ("organization", "outlet", "person")
_ANOTHER = frozenset({"other", "another", "second", "third"})


def drop_overlapping_readings(entities: list[Entity], speakers: frozenset[int] = frozenset()) -> None:
    """Settle each pair of cited sources read from overlapping words of one paragraph (see the module)."""
    cited = [entity for entity in entities if entity.cited and entity.mentions]
    if len(cited) < 2:
        return
    by_paragraph: dict[int, list[tuple[int, int, Entity, tuple]]] = {}
    for entity in cited:
        for mention in entity.mentions:
            by_paragraph.setdefault(mention[0], []).append((mention[1], -mention[2], entity, mention))
    dropped: dict[int, set[tuple]] = {}
    for placed in by_paragraph.values():
        if len(placed) < 2:
            continue
        # By start, the longer first: what stands inside a mention follows it, before the first that starts
        # after its end (a sweep, not every pair: a paragraph may name thousands).
        placed.sort(key=lambda item: (item[0], item[1], id(item[2])))
        count = len(placed)
        for number, (start, negative_end, outer, outer_mention) in enumerate(placed):
            end = -negative_end
            for following in range(number + 1, count):  # indices, not a slice: a copy of the rest is quadratic
                inner_start, inner_negative_end, inner, inner_mention = placed[following]
                if inner_start >= end:
                    break
                if inner is outer or -inner_negative_end > end:
                    continue  # overlapping only: both stand
                if (inner_start, -inner_negative_end) == (start, end):
                    loser = _read_twice(inner, outer)
                else:
                    loser = _redundant(inner=inner, outer=outer)
                if loser is not None:
                    dropped.setdefault(id(loser), set()).add(inner_mention if loser is inner else outer_mention)
    if not dropped:
        return
    for entity in cited:
        lost = dropped.get(id(entity))
        if not lost:
            continue
        if id(entity) in speakers and lost.issuperset(entity.mentions):
            continue  # a quote's speaker stays listed, where it was read
        entity.drop_mentions(lost)
        if not entity.mentions:
            entity.cited = False


def _read_twice(first: Entity, second: Entity) -> Entity | None:
    """Of two unnamed sources read at the very same words, the one made there: "the Union Pacific
    spokesman" is also the "spokesman for the company" met before, whose reading has more to go on."""
    if first.kind != "anonymous" or second.kind != "anonymous" or len(first.mentions) == len(second.mentions):
        return None
    loser = first if len(first.mentions) < len(second.mentions) else second
    if _ANOTHER & set(loser.name.lower().split()):
        return None  # "the other official" after "one of the officials": another one, whatever else read it
    return loser


def _redundant(inner: Entity, outer: Entity) -> Entity | None:
    """Which of two sources read from nested words is the extra reading, or None when both stand."""
    if inner.kind == "anonymous" and outer.kind == "anonymous":
        return inner
    if outer.kind in _BODIES and outer.name[:1].islower() and inner.kind in _NAMED and inner.name[:1].isupper():
        return outer
    return None
