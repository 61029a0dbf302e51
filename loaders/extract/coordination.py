"""Subjects joined by "and": "Britain and West Germany said" cites both, "Phillips and Drew said" one firm.

A cue's subject rule reads the name right before the verb; these rules
read the "X and" before it, as a second source of the same sort or as the
first half of a firm's name.
"""

from __future__ import annotations

import re

from loaders.extract.cues import with_capitals
from loaders.extract.entities import Entity
from loaders.extract.lexicon import DEMONYMS, KNOWN_PLACES, ORG_HEADS, TITLE_WORDS
from loaders.extract.registry import Registry
from loaders.extract.wirecopy import BARE_SUFFIXES

#: A name opening its clause, then "and", before the subject a cue's sentence ends with.
_COORDINATED = re.compile(with_capitals(r"(?:^\s*|[,;:(]\s*|\b(?:while|but|as|and)\s+)(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
                          r"\s+(?:and|&)\s+$"))


def cite_coordinated(index: int, before: str, offset_base: int, cited: Entity, registry: Registry,
                     subject: str = "") -> None:
    """ "Britain and West Germany said", "Reagan and Gorbachev said": the name before the "and" said it too,
    when it is a name of the same sort standing whole there (not a title's "Energy and Mines Minister").

    `subject` is the phrase after the "and" that the cue's subject rule read: where it opens with the
    affiliation of the person it names ("Carroll McEntee and McGinley Futures analyst Brian Singer said"),
    the "and" is inside the firm's name, which becomes the whole affiliation, unless the name before it is
    someone the article names on their own ("Stoltenberg and Bundesbank President Karl Otto Poehl said").
    """
    if before.endswith("  "):
        # "Lac Minerals Ltd and <Cambior Inc> said": the ticker marks, blanked, left spaces before the
        # subject; the positions before them stay as they are
        before = before.rstrip() + " "
    if not before.endswith((" and ", " & ")):
        return  # most subjects stand alone: no need to search the sentence
    if " and " in cited.name and before.endswith(cited.name[:cited.name.rfind(" and ") + 5]):
        # "Allied-Signal Inc and Kohlberg Kravis Roberts and Co said": the subject was cut at its own "and"
        before = before[:len(before) - cited.name.rfind(" and ") - 5]
        if not before.endswith((" and ", " & ")):
            return
    coordinated = _COORDINATED.search(before)
    if coordinated is None:
        return
    start, end = offset_base + coordinated.start("name"), offset_base + coordinated.end("name")
    entity = registry.named_exactly(index, start, end)
    if entity is None and coordinated.group("name").lower() in BARE_SUFFIXES:
        # "Kohlberg Kravis Roberts and Co and Allied-Signal Inc said": the name cut at its own "and"
        entity = registry.name_around(index, start, end)
    if entity is None or entity.name.split()[-1].lower() in TITLE_WORDS or entity.name.lower() in DEMONYMS:
        return  # "Japanese Trade and Industry Minister X": the start of a title; "British and Commonwealth
        # Shipping Co Plc said": the start of a company's name
    if cited.kind == "person" and cited.affiliation and subject.startswith(cited.affiliation + " ") \
            and not entity.title and all(mention[:2] == (index, start) for mention in entity.mentions):
        cited.affiliation = f"{coordinated.group('name')}{before[coordinated.end('name'):].rstrip()} {cited.affiliation}"
        return
    same_sort = (entity.kind == cited.kind == "person" or (
        entity.kind in ("organization", "place") and cited.kind == "organization"))
    if same_sort and entity is not cited:
        if entity.kind == "place":
            entity.kind = "organization"  # "Britain and West Germany said": the governments speak
        entity.cite((index, start))


#: A capitalised word right before a comma: the "Margarine," of a list of names "Margarine, Fats and Oils".
_CAPITAL_BEFORE_COMMA = re.compile(with_capitals(r"(?<![\w'’.-])[A-Z][\w'’.-]*$"))
#: One capitalised word opening its clause, then "and", before a cue's one-word subject: "Phillips and Drew".
_FIRST_HALF = re.compile(with_capitals(r"(?:^|[,;:(])\s*(?P<name>[A-Z][\w'’-]*)\s+and\s+$"))


def firm_of_two_names(index: int, before: str, offset_base: int, second: str, registry: Registry) -> Entity | None:
    """The firm "Phillips and Drew" where a clause opens with two words joined by "and" that name
    no one else: brokers, publishers and law firms are called so ("Harper and Row said"). Not two
    names the article gives on their own ("Chirac and Reagan said", each named before or after
    alone or in full), places ("Britain and Canada said"), nor bodies or titles ("Trade and Labour")."""
    first = _FIRST_HALF.search(before)
    if first is None or not second[:1].isupper() or not second.isalpha():
        return None
    if before[first.start():first.start() + 1] == "," and _CAPITAL_BEFORE_COMMA.search(before, 0, first.start()):
        return None  # "the Commodity Board for Margarine, Fats and Oils said": the end of a list of names
    halves = ((first.group("name"), offset_base + first.start("name")),
              (second, offset_base + len(before)))
    for word, start in halves:
        lowered = word.lower()
        if lowered in KNOWN_PLACES or lowered in DEMONYMS or lowered in TITLE_WORDS or lowered in ORG_HEADS \
                or registry.by_surname(word) is not None or registry.containing(word, (index + 1, 0)) is not None:
            return None
        alone = registry.named_exactly(index, start, start + len(word))
        if alone is not None and any(mention[:2] != (index, start) for mention in alone.mentions):
            return None  # "Drew said" elsewhere: a name of its own
    start, end = halves[0][1], halves[1][1] + len(second)
    paragraph = registry.body[index]
    firm = registry.entity(paragraph[start:end], "organization", (index, start))
    firm.kind = "organization"
    firm.add_mention(index, start, end, paragraph[start:end])
    registry.named_at(firm, index, start, end)
    registry.sight(firm, (index, start))
    return firm
