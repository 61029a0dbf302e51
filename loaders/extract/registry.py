"""Who has been mentioned where: the memory that pronouns, surnames and descriptions resolve against.

Every lookup takes a position, so "he said" in paragraph 6 only sees people
named before it: the same rule a reader follows.

The entity record itself is in entities.py, the index of where a
paragraph's names stand in name_spans.py, and the rules for which entity
a pronoun or description may point to in antecedents.py.
"""

from __future__ import annotations

import bisect
import re

from loaders.extract.antecedents import _governmental, _is_one_person, _no_company, _same_head
from loaders.extract.cues import trie_alternation
from loaders.extract.entities import Entity, Position, _citation_order
from loaders.extract.lexicon import DEMONYMS, KNOWN_PLACES, OUTLET_ALIASES
from loaders.extract.name_spans import _NamesAt

LOOKBACK = 300


_SENTENCE_END = frozenset(".!?:;\"“”‘’'(-—")
_NOT_NAME_ENDINGS = ("ing", "ly")
_PUNCTUATION = ".,;:!?\"“”‘’()[]<>/—–"
_PUNCTUATION_TO_SPACE = str.maketrans({mark: " " for mark in _PUNCTUATION})
#: The same for ASCII text, which holds only the ASCII marks: bytes.translate maps each character by
#: a table in one C loop, where str.translate looks each one up in a dict (ten times as long).
_ASCII_PUNCTUATION_TO_SPACE = bytes.maketrans(
    "".join(mark for mark in _PUNCTUATION if mark.isascii()).encode("ascii"),
    b" " * sum(mark.isascii() for mark in _PUNCTUATION))


def _punctuation_to_space(text: str) -> str:
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_PUNCTUATION_TO_SPACE).decode("ascii")
    return text.translate(_PUNCTUATION_TO_SPACE)
#: Words well-typed copy never writes in lower case (countries, peoples, the wire's name), but for
#: those that are also common words ("turkey", "china").
_CAPITALISED_ALWAYS = re.compile(" (?:" + trie_alternation(sorted(
    word for word in KNOWN_PLACES | frozenset(DEMONYMS) | {"reuters", "reuter"} if " " not in word and "." not in word
    and word not in {"turkey", "china", "chad", "jordan", "georgia", "guinea", "niger", "jamaica", "japan", "panama",
                     "gulf", "us", "washington", "mali", "peru", "nice", "reading", "bath", "mobile", "victoria",
                     "western", "arab", "polish"})) + ")(?:'s)? ")


#: Invisible marks right-to-left copy sets around Latin words (direction marks, embeddings,
#: isolates, the word joiner, the byte order mark): "said Angela Merkel\u200e." named a source
#: "Angela Merkel\u200e", whose key no filter typed matches and whose bucket stood apart.
_EDGE_MARKS = " \u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"


_COMPANY_STOPS = (" inc.", " corp.", " co.", " ltd.", " cos.")


def _company_key(lowered: str) -> str:
    """ "acme inc." and "acme inc" are one company: a name keeps its "Inc." (see names._KEPT_STOPS),
    wire copy writes it without, and a sentence may end with either."""
    return lowered[:-1] if lowered.endswith(_COMPANY_STOPS) else lowered


def _without_article(lowered: str, name: str) -> str:
    """ "the bank of japan sources" is "bank of japan sources": an unnamed source described by its
    body's name is one source with "the" or without ("Bank of Japan sources said ... The Bank of
    Japan sources also said"). Only before a capital: "the sources" may be other ones than "sources"."""
    if lowered.startswith("the ") and name[4:5].isupper():
        return lowered[4:]
    return lowered


class Registry:
    """Entities of one article, with the positions each was seen at."""

    def __init__(self, body: list[str] | None = None) -> None:
        #: The paragraphs, so that a mention is only recorded where its text really stands.
        self.body = body or []
        self.entities: list[Entity] = []
        self._names: dict[int, _NamesAt] = {}  # per paragraph: where its capitalised names stand
        self._name_words: set[str] = set()  # every word of every entity's name: most `containing` calls end here
        #: Each word of every name an entity has had (split at spaces, and at hyphens too) to the
        #: entities that had it, in the order they were made: the only ones `by_surname` can find by it.
        self._by_name_word: dict[str, list[Entity]] = {}
        self._order: dict[int, int] = {}  # id(entity) -> its place in `entities`, for by_surname's ties
        self._citations: list[tuple[Position, int, Entity]] = []  # every entity's citations (Entity.cite)
        self._by_key: dict[tuple[str, str], Entity] = {}
        #: (entity, whether it was seen as a subject might be), in reading order: plain tuples, as an article
        #: has a few dozen and every lookback reads them.
        self._sightings: list[tuple[Entity, bool]] = []
        self._sighted_at: list[Position] = []  # the sightings' positions, in step: bisect runs on plain tuples
        self._words: str | None = None  # the text's words between spaces, for a quick lower-case lookup
        self._lower_copy: bool | None = None
        self._word_set: set[str] | None = None  # the pieces of `_words` between single spaces

    def common_word_at(self, word: str, position: Position) -> bool:
        """Whether `word`, opening a sentence at `position`, is capitalised only by it: the
        article writes it in lower case elsewhere ("Showers continued ... later showers")."""
        paragraph = self.body[position[0]] if position[0] < len(self.body) else ""
        before = paragraph[max(0, position[1] - 4):position[1]].rstrip()
        if before and before[-1] not in _SENTENCE_END:
            return False
        if word.endswith(_NOT_NAME_ENDINGS) and word[:1].isupper() and word[1:].islower():
            return True  # "Testifying at a hearing", "Technically, ...": a participle or an adverb
        if self._words is None:
            self._words = " " + _punctuation_to_space(" ".join(self.body)) + " "
        if not self._written_in_lower_case(word.lower()):
            return False
        if self._lower_copy is None:
            # Copy typed all in lower case ("caracas, march 11 - venezuela ...") writes names so too.
            self._lower_copy = _CAPITALISED_ALWAYS.search(self._words) is not None
        return not self._lower_copy

    def _written_in_lower_case(self, lowered: str) -> bool:
        """Whether ` lowered ` stands in `_words`: for a word without spaces, a set lookup, as the
        substring search read the whole text for each capitalised word (quadratic in a long article)."""
        if " " in lowered or not lowered:
            return f" {lowered} " in self._words
        if self._word_set is None:
            self._word_set = set(self._words.split(" "))
        return lowered in self._word_set

    def entity(self, name: str, kind: str, position: Position) -> Entity:
        """The entity of that name and kind, created on first sight."""
        name = name.strip(_EDGE_MARKS) or name
        lowered = name.lower()
        named = OUTLET_ALIASES.get(lowered, lowered)
        if named[-1:] == "." and named.endswith(_COMPANY_STOPS):
            named = named[:-1]  # "acme inc." is "acme inc" (see _company_key), inline on this hot path
        if "  " in named:
            named = " ".join(named.split())  # "Delta <DAL> Airlines Inc", its ticker blanked, is Delta Airlines Inc
        if kind == "anonymous":
            key = (_without_article(named, name), "anonymous")
        else:
            key = (named, "named")
        found = self._by_key.get(key)
        if found is None:
            found = Entity(name=name, kind=kind, first_seen=position, _citation_log=self._citations,
                           _order=len(self.entities))
            self._by_key[key] = found
            self._name_words.update(key[0].split())
            self._order[id(found)] = len(self.entities)
            self.entities.append(found)
            self._index_name_words(found, lowered)
            self.sight(found, position, subject_like=False)
        else:
            if found.kind in ("unknown", "place") and kind not in ("unknown", "place"):
                found.kind = kind
            if lowered == key[0] and found.name != name and found.name.lower() != lowered:  # same name: no lower()
                found.name = name  # "AP", then "the Associated Press": listed by its full name
                self._index_name_words(found, lowered)
        return found

    def _index_name_words(self, entity: Entity, lowered: str) -> None:
        """File `entity` under each word of its name `lowered` (kept when it is renamed: by_surname checks
        the name it has when asked, so a word of an earlier name only makes it a candidate)."""
        words = lowered.split()
        if "-" in lowered:
            words += lowered.replace("-", " ").split()
        for word in dict.fromkeys(words):
            self._by_name_word.setdefault(word, []).append(entity)  # a renamed one twice: by_surname skips repeats

    def mention(self, entity: Entity, paragraph: int, start: int, text: str) -> None:
        """Record `text` at `start` as a mention of `entity`, if that is where the text stands.

        Phrases are sometimes rebuilt with single spaces ("B Feb" from
        "B\\rFeb"): the words are then matched across any whitespace.
        """
        words = text.split()
        if not words or not 0 <= paragraph < len(self.body) or start < 0:
            return
        if self.body[paragraph].startswith(text, start):
            entity.add_mention(paragraph, start, start + len(text), text)
            return
        found = re.compile(r"\s+".join(map(re.escape, words))).match(self.body[paragraph], start)
        if found is not None:
            entity.add_mention(paragraph, start, found.end(), found.group(0))

    def named_at(self, entity: Entity, paragraph: int, start: int, end: int) -> None:
        """Where a capitalised name of the text stands: a phrase cut out of it means the whole name."""
        names = self._names.get(paragraph)
        if names is None:  # not setdefault: that builds one for every name, to throw all but one away
            names = self._names[paragraph] = _NamesAt()
        names.add(start, end, entity)

    def name_around(self, paragraph: int, start: int, end: int) -> Entity | None:
        """The entity whose name stands around [start, end) and is longer ("Co Inc" in "Bowne and
        Co Inc"), or the organisation named exactly there ("A and W Brands Inc")."""
        names = self._names.get(paragraph)
        if names is None:
            return None
        for name_start, name_end, entity in names.around(start, end):
            if (name_start, name_end) != (start, end) or entity.kind in ("organization", "outlet"):
                return entity
        return None

    def person_ending(self, paragraph: int, start: int, end: int) -> Entity | None:
        """A person whose name ends a longer phrase [start, end): "President of the Rio de Janeiro
        Coffee Trade Association Carlos Calmon" is Carlos Calmon."""
        names = self._names.get(paragraph)
        for name_start, _, entity in names.ending_at(end) if names is not None else ():
            if start < name_start and entity.kind == "person" and " " in entity.name:
                return entity
        return None

    def person_ending_at(self, paragraph: int, end: int) -> Entity | None:
        """A person whose name ends exactly at `end`: "George Miller" before ", vice-president of ..."."""
        names = self._names.get(paragraph)
        for _, _, entity in names.ending_at(end) if names is not None else ():
            if entity.kind == "person":
                return entity
        return None

    def named_exactly(self, paragraph: int, start: int, end: int) -> Entity | None:
        """The entity a capitalised name standing exactly at [start, end) was registered as."""
        names = self._names.get(paragraph)
        for name_start, _, entity in names.ending_at(end) if names is not None else ():
            if name_start == start:
                return entity
        return None

    def find(self, name: str) -> Entity | None:
        lowered = name.lower()
        lowered = _company_key(OUTLET_ALIASES.get(lowered, lowered))
        if "  " in lowered:
            lowered = " ".join(lowered.split())
        return self._by_key.get((lowered, "named")) or self._by_key.get((lowered, "anonymous"))

    def sight(self, entity: Entity, position: Position, subject_like: bool = True) -> None:
        sighted_at = self._sighted_at
        if not sighted_at or position >= sighted_at[-1]:
            # Names are mostly sighted in reading order: appending is where bisect_right would insert.
            sighted_at.append(position)
            self._sightings.append((entity, subject_like))
            return
        index = bisect.bisect_right(sighted_at, position)
        sighted_at.insert(index, position)
        self._sightings.insert(index, (entity, subject_like))

    def has_name_word(self, word: str) -> bool:
        """Whether some entity's name holds `word`: a set lookup that spares most by_surname scans."""
        return word.lower() in self._name_words

    def by_surname(self, surname: str, before: Position | None = None) -> Entity | None:
        """A person named in full whose last (or any) name is `surname`; the latest one seen wins.

        Only the entities filed under the surname's word (its last, for "Leigh Pemberton") are
        looked at: scanning every entity for every surname was quadratic, and a long article
        naming some two thousand people took 20 s to extract.
        """
        wanted = surname.lower()
        words = wanted.split()
        if not words:
            return None
        candidates = self._by_name_word.get(wanted, ())
        if words[-1] != wanted:
            candidates = [*candidates, *self._by_name_word.get(words[-1], ())]
        if not candidates:
            return None  # in no name: most single words ("Reuters", "U.S.") are nobody's surname
        if len(candidates) > 1:
            candidates = sorted(_unique(candidates), key=lambda e: self._order[id(e)])
        best: Entity | None = None
        for entity in candidates:
            if entity.kind != "person" or " " not in entity.name:
                continue
            lowered = entity.name.lower()
            if wanted not in lowered:
                continue  # every test below needs the surname inside the name: most names are passed over here
            parts = lowered.replace("-", " ").split()
            whole_parts = lowered.split()
            if wanted in whole_parts or wanted == parts[-1] or wanted in parts[1:] or \
                    (" " in wanted and lowered.endswith(" " + wanted)):
                if before is None or entity.first_seen <= before:
                    best = entity if best is None or entity.first_seen >= best.first_seen else best
        return best

    def last_person(self, before: Position, gender: str | None = None, skip: Entity | None = None) -> Entity | None:
        """The person a "he"/"she" most likely means.

        The latest subject-like mention wins, skipping people known to be of
        the other gender; a person named only as an object ("criticised
        Norton") is taken when nobody else fits.
        """
        fallback: Entity | None = None
        for entity, subject_like in self._recent(before):
            if entity is skip or not _is_one_person(entity):
                continue
            if gender and entity.gender and entity.gender != gender:
                continue
            if not (subject_like or entity.cited):
                fallback = fallback or entity
                continue
            return entity
        return fallback

    def last_matching(self, before: Position, kinds: tuple[str, ...], head: str | None = None,
                      title_head: str | None = None, corporate: bool = False,
                      companies_only: bool = False) -> Entity | None:
        """Latest entity of these kinds seen before `before`, optionally with a description head or title word.

        `corporate` skips government bodies and documents, for "the company"-like descriptions;
        `companies_only` also unions, associations and the like, for "the company" and "the firm".
        """
        for entity, _ in self._recent(before):
            if entity.kind not in kinds:
                continue
            if corporate and (entity.head is not None or _governmental(entity.name)
                              or companies_only and _no_company(entity.name)):
                continue
            if head and not _same_head(entity.head, head) and head not in entity.name.lower():
                continue
            if title_head and not (entity.title and title_head in entity.title.lower()):
                continue
            return entity
        return None

    def shortened(self, words: str, before: Position) -> Entity | None:
        """An organisation seen before whose name opens with `words` and goes on ("General Mills"
        after "General Mills Inc", "Security Pacific" after "Security Pacific Corp")."""
        lowered = words.lower()
        if lowered.split(" ", 1)[0] not in self._name_words:
            return None
        prefix = lowered + " "
        for entity, _ in self._recent(before):
            if entity.kind == "organization" and entity.name.lower().startswith(prefix):
                return entity
        return None

    def containing(self, word: str, before: Position) -> Entity | None:
        """An organisation or outlet seen before whose name holds `word` ("Chamber" -> "U.S. Chamber of Commerce")."""
        wanted = word.lower()
        if wanted not in self._name_words:
            return None
        for entity, _ in self._recent(before):
            if entity.kind in ("organization", "outlet") and wanted in entity.name.lower().split():
                return entity
        return None

    def last_cited(self, before: Position, kinds: tuple[str, ...] = ("person", "organization")) -> Entity | None:
        """The entity of these kinds that most recently, before `before`, said or wrote something; of
        several cited at that very place, the one made first.

        Read back from `before` in the log of all citations: "It said" and "the company said" ask at
        every sentence, and a scan of every entity each time made an article naming thousands of
        companies quadratic."""
        log = self._citations
        index = bisect.bisect_left(log, (before, -1), key=_citation_order)
        best: Entity | None = None
        while index:
            index -= 1
            position, _, entity = log[index]
            if best is not None and position != best_at:
                break
            if entity.kind in kinds:
                best, best_at = entity, position
        return best

    def last_cited_company(self, before: Position, companies_only: bool = False) -> Entity | None:
        """The company (no government body, no document) that most recently, before `before`, said
        something; with `companies_only`, no union or association either."""
        cited = self.last_cited(before, ("organization",))
        if cited is None or cited.head is not None or _governmental(cited.name) \
                or companies_only and _no_company(cited.name):
            return None
        return cited

    def _recent(self, before: Position):
        """Sightings before `before`, latest first, at most LOOKBACK of them.

        What a pronoun or "the company" points to is never hundreds of names
        back; the bound keeps pathological texts linear.
        """
        end = bisect.bisect_left(self._sighted_at, before)
        return reversed(self._sightings[max(end - LOOKBACK, 0):end])

    def sources(self) -> list[Entity]:
        return [entity for entity in self.entities if entity.cited]


def _unique(entities: list[Entity]) -> list[Entity]:
    """`entities` without repeats (Entity is a dataclass: equal fields are not the same entity)."""
    seen: set[int] = set()
    return [entity for entity in entities if id(entity) not in seen and not seen.add(id(entity))]
