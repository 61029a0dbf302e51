"""Who said a quote: the attribution phrase near it, and what that phrase refers to.

Two steps kept apart. `who_after` / `who_before` find the words that name the
speaker and the reporting verb ("he" + "said"); `resolve_who` turns them into
an entity using what the article has said so far ("he" -> the last person
talked about, "Aliyev" -> "Ilham Aliyev", "the senator" -> the last senator,
"the source" -> the last anonymous source).
"""

from __future__ import annotations

import re

from loaders.extract.cues import ACCORDING_TO, CUE, CUE_WORD, sentence_starts
from loaders.extract.lexicon import (
    NOT_NAME_WORDS,
    ANONYMOUS_HEADS,
    CUE_GERUNDS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    NAME_PARTICLES,
    OUTLET_NOUNS,
    ORG_NOUNS,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    TITLE_HEADS,
    TITLE_WORDS,
)
from loaders.extract.names import classify_name, parse_named_phrase
from loaders.extract.registry import Entity, Position, Registry

_AUXILIARY = r"(?:has|had|have|was|were|is|are|also|later|then|again|previously|earlier|once|recently|" \
             r"quickly|simply|just|reportedly|repeatedly|would|will|had\s+earlier|has\s+also|once\s+again)"
_AFTER_INVERTED = re.compile(
    rf"[\s,—–-]*(?P<cue>{CUE_WORD})\s+(?P<who>[^,;:!?“”\"()]{{1,120}}?"
    r"(?:\s*,\s*(?:(?:a|an|the|who\s+is|its|his|her|their)\s[^,;:!?“”\"()]{1,100}?"
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})(?=\s*(?:[,;:!?“”\"(]|\.(?:\s|$)|$)))?)"
    r"(?=\s*(?:[,;:!?“”\"(]|\.(?:\s|$)|$)|\s+(?:on|after|before|when|while|during|adding|as|last|this|"
    r"earlier|later|told|via|in\s+(?:a|an|his|her|their|its)\s+(?:statement|interview|speech|letter|post|memo|"
    r"email|message|tweet|note|report|briefing|press|news|televised|radio|written|emailed|telephone|phone))\b)"
)
_AFTER_NORMAL = re.compile(
    rf"[\s,—–-]*(?P<who>[^“”\"!?;:]{{1,170}}?)\s+(?:{_AUXILIARY}\s+)*(?P<cue>{CUE_WORD})\b"
)
_APPOSITIVE = re.compile(r"^(?P<core>[^,]+?)\s*,\s*(?P<appositive>[^,]{2,100}?)\s*,?\s*$")
_CLAUSE_SPLIT = re.compile(
    r"[,;:()—–]|\s-\s|\b(?:and|but|that|while|whereas|because|when|after|before|as|although|though|if|"
    r"since|so|meanwhile|however|where|which)\s",
    re.IGNORECASE,
)
_TRAILING_AUXILIARY = re.compile(rf"(?:\s+{_AUXILIARY})+\s*$", re.IGNORECASE)
_DETERMINERS = frozenset({"the", "a", "an", "one", "two", "three", "four", "several", "some", "many", "other",
                          "another", "multiple", "both", "most", "few", "senior", "his", "her", "their", "its"})
_QUALIFIER = re.compile(
    r"\s+(?:familiar|close|with|who|in|at|from|for|of|on|speaking|briefed|involved|knowledgeable|aware|"
    r"privy|within|inside|based|representing|that|not)\b",
    re.IGNORECASE,
)
_CLOSE_TO = re.compile(r"\b(?:close\s+to|in|at|from|within|inside|for|of)\s+(?:the\s+)?(?P<who>[A-Z][\w.'’ -]{1,60})")
_TITLE_ALIASES = {"senator": ("senator", "sen."), "representative": ("rep.", "representative"),
                  "governor": ("governor", "gov."), "general": ("general", "gen."),
                  "professor": ("professor", "prof."), "doctor": ("dr.", "doctor")}
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_WORD_LIMIT = 9
_NOT_SUBJECT_WORDS = frozenset(NOT_NAME_WORDS) | {"his", "her", "their", "its", "our", "my"}
_QUOTED_AS = re.compile(r"[\s,]*[^“”\"]{0,80}?\bquot(?:ed|es|ing)\s+(?P<who>[^“”\"]{1,100}?)\s+as\s+(?:saying|telling|writing)\b")
# A verb inside the words before a cue means they are a clause, not the speaker's name.
_NOT_A_SUBJECT = re.compile(
    rf"\b(?:{CUE_WORD}|is|are|was|were|be|been|being|may|might|will|would|could|should|can|must|has|have|had|"
    r"do|does|did|not|if|than|into|onto|per)\b",
    re.IGNORECASE,
)
_CORPORATE_NOUNS = frozenset({
    "company", "firm", "group", "airline", "carrier", "bank", "retailer", "maker", "manufacturer", "insurer",
    "operator", "utility", "lab", "laboratory", "fund", "trust", "subsidiary", "unit", "corporation",
    "conglomerate", "startup", "start-up", "chain", "producer", "exporter", "lender", "brokerage", "automaker",
    "carmaker", "chipmaker", "refiner", "miner", "developer", "publisher", "broadcaster", "club", "team",
    "exchange", "partnership", "supplier", "distributor", "giant", "business", "agency",
})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_SENTENCE_LEAD = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Still|Later|Earlier|Meanwhile|However|Then|Also),?\s+)?"
    r"(?:(?:In|At|On|After|Before|During|Speaking|Asked|Addressing|Responding|Writing|Confirming|"
    r"Commenting|Referring|Separately|Last|This|Since|When|While|As|With|Despite|Amid)\b[^,“”\"]{0,100},\s+)?"
)
_LEADING_PRONOUN = re.compile(r"(?P<np>He|She|They|We|I)\b")
_LEADING_DETERMINER = re.compile(
    r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Ss]everal|[Mm]any|[Oo]ther|[Aa]nother)\s+"
)
_DESCRIPTION_WORD = re.compile(r"[\w'’.-]+")
_LEADING_NAME = re.compile(r"(?:[A-Z][\w.'’&-]*|(?:al|de|van|von|bin|el)\b[- ]?[A-Z][\w'’-]*)"
                           r"(?:\s+(?:(?:of|and|for|de|al|van|von|der|bin)\s+)?[A-Z][\w.'’&-]*){0,6}")


def cue_text(raw: str) -> str:
    return " ".join(raw.lower().split())


def who_after(suffix: str) -> tuple[str, str, int] | None:
    """(who, cue, offset of who) when the text right after a closing quote attributes it."""
    starts = sentence_starts(suffix)
    sentence = suffix[:starts[1]] if len(starts) > 1 else suffix
    for mark in "“\"":
        position = sentence.find(mark)
        if position >= 0:
            sentence = sentence[:position]
    quoted_as = _QUOTED_AS.match(sentence)
    if quoted_as:
        return quoted_as.group("who").strip(), "said", quoted_as.start("who")
    inverted = _AFTER_INVERTED.match(sentence)
    if inverted:
        return inverted.group("who").strip(), cue_text(inverted.group("cue")), inverted.start("who")
    normal = _AFTER_NORMAL.match(sentence)
    if normal:
        who = normal.group("who").strip()
        if who.endswith(",") and "," not in who[:-1]:
            # `" and more," said Joel Reed`: the words before the comma are the quote's tail, not a subject.
            late = _AFTER_INVERTED.match(sentence, normal.start("cue"))
            if late and late.group("who").strip():
                return late.group("who").strip(), cue_text(late.group("cue")), late.start("who")
            return None
        if len(who.split()) <= _WORD_LIMIT + 12 and _looks_like_subject(who):
            return who, cue_text(normal.group("cue")), normal.start("who")
    return None


def _looks_like_subject(who: str) -> bool:
    main = who.split(",", 1)[0].strip()
    words = main.split()
    if not words or len(words) > _WORD_LIMIT:
        return False
    first = words[0].lower()
    if first in ("which", "that", "as", "and", "but", "or", "so", "if", "when", "while", "because", "to", "in"):
        return False
    if main[:1].islower() and first not in _DETERMINERS and first not in _SUBJECT_PRONOUNS \
            and first not in NAME_PARTICLES and not _ends_with_anonymous_head(main.lower()) \
            and not _titles_then_name(words):
        return False
    return True


def _titles_then_name(words: list[str]) -> int:
    """How many lower-case title words open "chief executive Olivia Brandt" (0 unless a name follows)."""
    count = 0
    while count < min(len(words) - 1, 4) and words[count].islower():
        count += 1
    if not count or not words[count][:1].isupper():
        return 0
    last_lower = words[count - 1]
    return count if last_lower in TITLE_WORDS or last_lower in TITLE_HEADS or last_lower in ANONYMOUS_HEADS else 0


def who_before(prefix: str) -> tuple[str, str, int] | None:
    """(who, cue, offset of who) from the writer's words before an opening quote, in the same sentence."""
    best: tuple[str, str, int] | None = None
    best_at = -1
    for match in ACCORDING_TO.finditer(prefix):
        tail = prefix[match.end():]
        end = len(tail)
        for stop in (",", ";", ":", "“", "\""):
            position = tail.find(stop)
            if 0 <= position < end:
                end = position
        who = tail[:end].strip()
        named_after = _NAME_IN_APPOSITION.match(tail, end)
        if named_after:
            who = who + ", " + named_after.group("name")
        if who and len(who.split()) <= _WORD_LIMIT + 6:
            best = (who, cue_text(match.group(0).split()[0] + " " + match.group(0).split()[1]), match.end())
            best_at = match.start()
    last_cue = None
    for match in CUE.finditer(prefix):
        last_cue = match
    if last_cue is not None and last_cue.start() > best_at:
        cue = cue_text(last_cue.group(0))
        gerund = cue.split()[0] in CUE_GERUNDS
        subject = None if gerund else trailing_subject(prefix[:last_cue.start()])
        if gerund:
            # "the company said ..., adding “...”": the subject of the verb the gerund hangs on.
            for earlier in reversed(list(CUE.finditer(prefix, 0, last_cue.start()))):
                subject = trailing_subject(prefix[:earlier.start()])
                if subject is not None:
                    break
        if subject is not None:
            return subject[0], cue, subject[1]
        if not gerund:
            inverted = _AFTER_INVERTED.match(prefix, last_cue.start())
            if inverted and inverted.group("who").strip() and inverted.group("who").strip()[:1].isupper():
                return inverted.group("who").strip(), cue, inverted.start("who")
        # "X said ..., adding that “...”" / "..., but added “...”": the sentence's subject speaks.
        leading = sentence_subject(prefix[:last_cue.start()])
        if leading is not None:
            return leading[0], cue, leading[1]
    return best


def sentence_subject(sentence: str) -> tuple[str, int] | None:
    """The noun phrase a sentence opens with: a pronoun, "the/a ... noun", or the first name in its first clause.

    "His captain, Luka Horvat, was more measured" gives "Luka Horvat": the
    possessive is skipped and the name in apposition is taken.
    """
    position = _SENTENCE_LEAD.match(sentence).end()
    pronoun = _LEADING_PRONOUN.match(sentence, position)
    if pronoun:
        return pronoun.group("np"), pronoun.start("np")
    determiner = _LEADING_DETERMINER.match(sentence, position)
    if determiner:
        # "The interior ministry", "A senior official": the first noun we know as a head ends the phrase.
        cursor = determiner.end()
        for _ in range(4):
            word = _DESCRIPTION_WORD.match(sentence, cursor)
            if word is None:
                break
            head = word.group(0).lower().strip(".")
            if head in ANONYMOUS_HEADS or head in TITLE_HEADS or head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS \
                    or head in OUTLET_NOUNS or head in DOCUMENT_NOUNS:
                end = word.end()
                named = re.match(r"\s*,\s*(?P<name>[A-Z][^,]{1,50}),", sentence[end:end + 60])
                if named and parse_named_phrase(named.group("name")) is not None:
                    return named.group("name"), end + named.start("name")
                return sentence[position:end], position
            cursor = word.end()
            while cursor < len(sentence) and sentence[cursor] == " ":
                cursor += 1
    clause_end = len(sentence)
    for stop in (" said", " told", " who ", " which ", " that ", ";", ":"):
        at = sentence.find(stop, position)
        if 0 <= at < clause_end:
            clause_end = at
    for match in _LEADING_NAME.finditer(sentence, position, min(clause_end, position + 120)):
        words = match.group(0).split()
        while words and words[0].lower() in _NOT_SUBJECT_WORDS:
            words = words[1:]
        if words:
            text = " ".join(words)
            offset = match.start() + match.group(0).find(words[0])
            return text, offset
    return None


def trailing_subject(text: str) -> tuple[str, int] | None:
    """The noun phrase that ends `text` (the subject standing before a cue), with its offset."""
    stripped = _TRAILING_AUXILIARY.sub("", text).rstrip()
    if not stripped:
        return None
    appositive_end = None
    if stripped.endswith(","):
        # "John Smith, a spokeswoman for Acme," -> keep the appositive with its name.
        inner = stripped[:-1]
        comma = inner.rfind(",")
        if comma > 0:
            appositive_end = comma
            stripped_core = inner[:comma]
        else:
            return None
    else:
        stripped_core = stripped
    clause_start = 0
    for match in _CLAUSE_SPLIT.finditer(stripped_core):
        clause_start = match.end()
    clause = stripped_core[clause_start:]
    lead = len(clause) - len(clause.lstrip())
    clause = clause.strip()
    if not clause:
        return None
    words = clause.split()
    if _NOT_A_SUBJECT.search(clause):
        return None
    if appositive_end is None and words[-1].lower() in _SUBJECT_PRONOUNS:
        # "a figure he said was ..." -> "he"
        return words[-1], clause_start + lead + clause.rfind(words[-1])
    if len(words) > _WORD_LIMIT:
        return None
    who = clause if appositive_end is None else stripped[clause_start + lead:].rstrip(",")
    return who, clause_start + lead


def _description_head(description: str) -> tuple[str, str | None]:
    """(head noun, qualifier text) of "a source familiar with the matter" -> ("source", "familiar with ...")."""
    qualifier = _QUALIFIER.search(description)
    core = description[:qualifier.start()] if qualifier else description
    words = core.lower().split()
    head = words[-1].strip("'’,.") if words else ""
    return head, description[qualifier.start():].strip() if qualifier else None


def affiliation_of(description: str) -> str | None:
    """Country or body a description ties its source to: "Turkish sources" -> Turkey, "close to Israel" -> Israel."""
    close = _CLOSE_TO.search(description)
    if close:
        return close.group("who").strip().rstrip(".")
    for word in description.replace(",", " ").split()[:4]:
        country = DEMONYMS.get(word.lower())
        if country:
            return country
    return None


def resolve_who(who: str, position: Position, registry: Registry) -> Entity | None:
    """The entity an attribution phrase refers to; created when it is new. None when it cannot be told."""
    who = who.strip().strip(",").strip()
    if not who:
        return None
    appositive = None
    if "," in who:
        who, appositive = (part.strip() for part in who.split(",", 1))
        appositive = appositive.rstrip(",").strip() or None
        if not who:
            return None
    lowered = who.lower()
    if lowered in PRONOUNS_PERSON:
        person = registry.last_person(position, _PRONOUN_GENDER[lowered])
        if person is not None and person.gender is None:
            person.gender = _PRONOUN_GENDER[lowered]
        return person
    if lowered in PRONOUNS_PLURAL:
        return registry.last_matching(position, ("anonymous", "organization", "outlet"))
    if lowered in ("one", "another", "the other", "a second", "one of them"):
        # "said one": one of the sources just mentioned.
        return registry.last_matching(position, ("anonymous",))
    if lowered in ("i", "we", "it", "you", "this", "that", "which", "who"):
        return registry.last_matching(position, ("organization", "outlet")) if lowered == "it" else None
    words = who.split()
    first = words[0].lower()
    if appositive and (first in _DETERMINERS or who[:1].islower()) and appositive[:1].isupper():
        # "a Pentagon spokeswoman, Lt. Col. Dana Ruiz": the name in apposition is the speaker.
        named = parse_named_phrase(appositive)
        if named is not None and classify_name(named[0]) in ("person", "unknown", "organization", "outlet"):
            entity = _resolve_name(appositive, position, registry)
            if entity is not None:
                _title_from_description(entity, who)
                return entity
    source_of_data = _DATA_FROM.match(who)
    if source_of_data:
        # "preliminary data from the Federal Statistics Office" -> the office.
        return _resolve_organisation_name(source_of_data.group("name"), who, position, registry)
    if _titles_then_name(words):
        # "economist Jonas Weber of Commerzbank", "chief executive Olivia Brandt": lower-case titles before a name.
        named = _resolve_name(who, position, registry)
        if named is not None:
            return named
    if first == "the" and len(words) > 1 and words[1][:1].isupper() and _all_capitalised(words[1:]) \
            and words[-1].lower() not in TITLE_HEADS:
        entity = _resolve_organisation_name(" ".join(words[1:]), who, position, registry)
    elif first in NAME_PARTICLES and len(words) > 1 and words[1][:1].isupper():
        entity = _resolve_name(who, position, registry)
    elif first in _DETERMINERS or not who[:1].isupper() or _ends_with_anonymous_head(lowered):
        entity = _resolve_description(who, position, registry)
    else:
        entity = _resolve_name(who, position, registry)
    if entity is not None and appositive:
        _apply_appositive(entity, appositive)
    return entity


def _all_capitalised(words: list[str]) -> bool:
    return all(word[:1].isupper() or word.lower() in ("of", "for", "and", "on", "de", "du") for word in words)


def _resolve_organisation_name(name: str, as_written: str, position: Position, registry: Registry) -> Entity:
    """ "the Chamber", "the DOT", "the Fed": a named body, matched to a fuller name seen before."""
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    entity = registry.find(name)
    if entity is None:
        entity = registry.containing(name, position)
    if entity is None:
        kind = classify_name(name)
        entity = registry.entity(name, kind if kind in ("outlet", "organization") else "organization", position)
    if entity.kind in ("unknown", "place"):
        entity.kind = "organization"
    return entity


def _ends_with_anonymous_head(lowered: str) -> bool:
    head, _ = _description_head(lowered)
    return head in ANONYMOUS_HEADS and head not in ("one",) and len(lowered.split()) <= 6


_DATA_FROM = re.compile(
    r"(?:[\w'’-]+\s+){0,3}?(?:data|figures|statistics|estimates|numbers|survey|results|report|statement|"
    r"study|forecast|forecasts|projections)\s+(?:from|by|of|published\s+by|released\s+by)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w.'’&-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w.'’&-]*){0,6})\s*$"
)
_NAME_IN_APPOSITION = re.compile(r",\s*(?P<name>[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,4})\s*(?=[,.;:]|$)")
_NAME_TAIL = re.compile(r"\s(?:in|at|on|to|from|with|during|after|before|for|of)\s")


def _resolve_name(who: str, position: Position, registry: Registry) -> Entity | None:
    tail = _NAME_TAIL.search(who)
    affiliation_hint = None
    if tail is not None:
        # "Smith of Acme Corp", "Jones at a news conference": the name stops at the preposition.
        rest = who[tail.end():].strip()
        if tail.group(0).strip() in ("of", "for", "at") and rest[:1].isupper():
            affiliation_hint = rest
        who = who[:tail.start()]
    parsed = parse_named_phrase(who)
    if parsed is None:
        return _resolve_description(who, position, registry)
    name, title, affiliation, gender = parsed
    if len(name.split()) > 6:
        return None
    entity = registry.find(name)
    if entity is None and " " not in name:
        entity = registry.by_surname(name, position) or registry.containing(name, position)
    if entity is None:
        kind = classify_name(name)
        if kind in ("unknown", "place"):
            kind = "person" if (title or " " in name or kind == "unknown") else "organization"
        entity = registry.entity(name, kind, position)
    elif entity.kind == "unknown":
        entity.kind = "person"
    elif entity.kind == "place":
        entity.kind = "organization"  # "Norway said": the country's government speaks
    if title and not entity.title:
        entity.title = title
    affiliation = affiliation or affiliation_hint
    if affiliation and not entity.affiliation:
        entity.affiliation = affiliation
    if gender and not entity.gender:
        entity.gender = gender
    return entity


def _resolve_description(who: str, position: Position, registry: Registry) -> Entity | None:
    words = who.split()
    if len(words) > _WORD_LIMIT + 6:
        return None
    head, qualifier = _description_head(who)
    lowered = who.lower()
    determiner = words[0].lower()
    bare_definite = determiner in ("the", "that", "this") and qualifier is None and len(words) <= 4
    if head in TITLE_HEADS and bare_definite:
        for alias in _TITLE_ALIASES.get(head, (head,)):
            person = registry.last_matching(position, ("person",), title_head=alias)
            if person is not None:
                return person
    if head in OUTLET_NOUNS or lowered.endswith("news agency"):
        outlet = registry.last_matching(position, ("outlet",))
        if outlet is not None and determiner == "the":
            return outlet
        entity = registry.entity(who, "outlet", position)
        entity.head = head
        return entity
    if head in ANONYMOUS_HEADS:
        if bare_definite:
            earlier = registry.last_matching(position, ("anonymous",), head=head)
            if earlier is not None:
                return earlier
        entity = registry.entity(who, "anonymous", position)
        entity.head = head
        entity.affiliation = entity.affiliation or affiliation_of(who)
        return entity
    if head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS or any(noun in lowered for noun in (" ministry", " company", " association")):
        earlier = registry.last_matching(position, ("organization",), head=head)
        if earlier is None and (head in _CORPORATE_NOUNS or head.rstrip("s") in _CORPORATE_NOUNS):
            # "the airline said": the company last named, whatever it is called.
            earlier = registry.last_matching(position, ("organization",), corporate=True)
        if earlier is not None and determiner == "the":
            return earlier
        entity = registry.entity(who, "organization", position)
        entity.head = head
        return entity
    if head in DOCUMENT_NOUNS:
        # "the memo said": the memo speaks for whoever was last said to write or say something,
        # else for itself, under the name it was introduced with ("A draft government report").
        earlier = registry.last_matching(position, ("organization",), head=head)
        if earlier is not None and earlier.author is not None and determiner in ("the", "that", "this", "its"):
            return earlier.author
        author = registry.last_cited(position)
        if author is not None:
            return author
        if earlier is not None and determiner in ("the", "that", "this", "its"):
            return earlier
        entity = registry.entity(who, "organization", position)
        entity.head = head
        return entity
    if head in TITLE_HEADS and determiner != "the":
        entity = registry.entity(who, "person", position)
        entity.head = head
        return entity
    core_words = len(who[:len(who) - len(qualifier or "")].split())
    if core_words == 1 and not head.endswith("s") and who[:1].islower():
        return None  # a bare singular noun ("member", "spokesman") is a fragment of a longer phrase
    if (determiner in _DETERMINERS or not who[:1].isupper()) and core_words <= 5 and _person_noun(head) \
            and not _NOT_A_SUBJECT.search(who[:len(who) - len(qualifier or "")]):
        # "one delegate", "a lobbyist for a commodity group", "traders": unnamed, so anonymous.
        if bare_definite:
            earlier = registry.last_matching(position, ("anonymous",), head=head)
            if earlier is not None:
                return earlier
        entity = registry.entity(who, "anonymous", position)
        entity.head = head
        entity.affiliation = entity.affiliation or affiliation_of(who)
        return entity
    return None


def _apply_appositive(entity: Entity, appositive: str) -> None:
    """ "a spokeswoman for the ministry" -> title "spokeswoman", affiliation "the ministry"."""
    if entity.kind not in ("person", "anonymous"):
        return
    lowered = appositive.lower()
    words = lowered.split()
    if not words or words[0] not in ("a", "an", "the", "who") and not any(word in TITLE_HEADS for word in words[:4]):
        return
    split = re.search(r"\s(?:for|of|at|with|to|in)\s", appositive)
    title_part = appositive[:split.start()] if split else appositive
    title_words = [word for word in title_part.split() if word.lower() not in ("a", "an", "the", "who", "is", "was")]
    if title_words and not entity.title and len(title_words) <= 5:
        entity.title = " ".join(title_words)
    if split and not entity.affiliation:
        entity.affiliation = appositive[split.end():].strip().rstrip(".")


def _title_from_description(entity: Entity, description: str) -> None:
    """ "a Pentagon spokeswoman" -> title "spokeswoman", affiliation "Pentagon"."""
    words = [word for word in description.split() if word.lower() not in _DETERMINERS]
    if not words or entity.title:
        return
    split = re.search(r"\s(?:for|of|at|with)\s", " ".join(words))
    if split:
        joined = " ".join(words)
        entity.title = joined[:split.start()]
        entity.affiliation = entity.affiliation or joined[split.end():].strip()
        return
    capitalised = [word for word in words if word[:1].isupper()]
    rest = [word for word in words if not word[:1].isupper()]
    if rest:
        entity.title = " ".join(rest)
    if capitalised and not entity.affiliation:
        joined = " ".join(capitalised)
        if joined.endswith(("’s", "'s")):
            joined = joined[:-2]
        entity.affiliation = DEMONYMS.get(joined.lower(), joined)


def _person_noun(head: str) -> bool:
    """A noun that names people ("trader", "teacher", "delegates"), so an unnamed one can be a source."""
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return any(form in ANONYMOUS_HEADS or form in TITLE_HEADS or form in TITLE_WORDS
               for form in (head, singular, head.replace("men", "man")))


def citable(who: str) -> bool:
    """Whether "according to <who>" names a source: a name, or a noun for people, bodies, outlets or papers.

    "according to farm size" and "according to plan" are not sourcing.
    """
    words = who.replace(",", " ").split()
    if not words:
        return False
    if any(word[:1].isupper() for word in words if word.lower() not in _DETERMINERS):
        return True
    head, _ = _description_head(who)
    return (_person_noun(head) or head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS or head in OUTLET_NOUNS
            or head in DOCUMENT_NOUNS or head in _DATA_NOUNS)


_DATA_NOUNS = frozenset({"data", "figures", "statistics", "estimates", "numbers", "survey", "poll", "polls",
                         "results", "forecast", "forecasts", "projections", "records", "documents", "sources"})
