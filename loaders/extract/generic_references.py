""" "The company said" read again once the article is read: the company it points to.

While the article is read, "the company" points to the company last cited
before it. A company wire copy names by one bare word ("Raytheon said",
"Acmetron said") is read as a surname at first, and the article only shows
it to be a company at the end (`companies.retype_companies`): by then "The
company said" in the next paragraph had found no company and stood as a
source of its own, "the company", beside Raytheon. About thirty Reuters
stories listed such a "the company" among their sources.

Run after the companies are retyped, on the few sources left, this asks the
same question again with the kinds now known, and merges the bare reference
into the company it finds (its mentions, and through `Entity.merged_into`
its quotes), as a short name is merged into the full one.
"""

from __future__ import annotations

from loaders.extract.registry import Entity, Registry

#: "the company", "the firm", "The Company": a reference, no name of its own. A description with more
#: words ("the Dutch chemical firm", "the two companies") says more than which company it is, and stays.
_REFERENCES = frozenset({"company", "firm", "group", "corporation"})


def resolve_company_references(cited: list[Entity], registry: Registry) -> None:
    """Merge each cited bare "the company" into the company cited (else named) last before it."""
    for entity in cited:
        if entity.kind != "organization" or entity.merged_into is not None or not entity.mentions \
                or not _bare_reference(entity):
            continue
        paragraph, start, _, _ = min(entity.mentions)
        company = registry.last_cited_company((paragraph, start)) or registry.last_matching(
            (paragraph, start), ("organization",), corporate=True)
        if company is None or company is entity or company.merged_into is entity:
            continue
        for mention in entity.mentions:
            company.add_mention(*mention)
        company.mentions.sort()
        company.cited = True
        entity.cited = False
        entity.merged_into = company  # its quotes are the company's


def _bare_reference(entity: Entity) -> bool:
    words = entity.name.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    return len(words) == 1 and words[0] in _REFERENCES and entity.head in _REFERENCES
