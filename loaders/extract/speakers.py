"""Who said a quote: the attribution phrase near it, and what that phrase refers to.

Two steps kept apart. `who_after` / `who_before` find the words that name the
speaker and the reporting verb ("he" + "said"); `resolve_who` turns them into
an entity using what the article has said so far ("he" -> the last person
talked about, "Aliyev" -> "Ilham Aliyev", "the senator" -> the last senator,
"the source" -> the last anonymous source).
"""

from __future__ import annotations

import re

from loaders.extract.cues import ACCORDING_TO, CUE, CUE_WORD
from loaders.extract.lexicon import (
    ANONYMOUS_HEADS,
    DEMONYMS,
    OUTLET_NOUNS,
    ORG_NOUNS,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    TITLE_HEADS,
)
from loaders.extract.names import classify_name, parse_named_phrase
from loaders.extract.registry import Entity, Position, Registry

_AUXILIARY = r"(?:has|had|have|was|were|is|are|also|later|then|again|previously|earlier|once|recently|" \
             r"quickly|simply|just|reportedly|repeatedly|would|will|had\s+earlier|has\s+also|once\s+again)"
_AFTER_INVERTED = re.compile(
    rf"[\s,—–-]*(?P<cue>{CUE_WORD})\s+(?P<who>[^,;:!?“”\"()]{{1,120}}?)"
    r"(?=\s*(?:[,;:!?“”\"(]|\.(?:\s|$)|$)|\s+(?:on|in|at|after|before|when|while|during|adding|as|who|last|"
    r"this|to|from|with|of|about|earlier|later|told|via)\b)"
)
_AFTER_NORMAL = re.compile(
    rf"[\s,—–-]*(?P<who>[^“”\"!?;:]{{1,120}}?)\s+(?:{_AUXILIARY}\s+)*(?P<cue>{CUE_WORD})\b"
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z“\"]")
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


def cue_text(raw: str) -> str:
    return " ".join(raw.lower().split())


def who_after(suffix: str) -> tuple[str, str, int] | None:
    """(who, cue, offset of who) when the text right after a closing quote attributes it."""
    sentence = suffix
    cut = _SENTENCE_BREAK.search(sentence)
    if cut:
        sentence = sentence[:cut.start() + 1]
    for mark in "“\"":
        position = sentence.find(mark)
        if position >= 0:
            sentence = sentence[:position]
    inverted = _AFTER_INVERTED.match(sentence)
    if inverted:
        return inverted.group("who").strip(), cue_text(inverted.group("cue")), inverted.start("who")
    normal = _AFTER_NORMAL.match(sentence)
    if normal:
        who = normal.group("who").strip()
        if len(who.split()) <= _WORD_LIMIT + 12 and _looks_like_subject(who):
            return who, cue_text(normal.group("cue")), normal.start("who")
    return None


def _looks_like_subject(who: str) -> bool:
    core = _APPOSITIVE.match(who)
    main = core.group("core") if core else who
    return len(main.split()) <= _WORD_LIMIT and not main.lower().startswith(("which ", "that ", "it "))


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
        if who and len(who.split()) <= _WORD_LIMIT + 4:
            best = (who, cue_text(match.group(0).split()[0] + " " + match.group(0).split()[1]), match.end())
            best_at = match.start()
    last_cue = None
    for match in CUE.finditer(prefix):
        last_cue = match
    if last_cue is not None and last_cue.start() > best_at:
        subject = trailing_subject(prefix[:last_cue.start()])
        if subject is not None:
            return subject[0], cue_text(last_cue.group(0)), subject[1]
        inverted = _AFTER_INVERTED.match(prefix, last_cue.start())
        if inverted and inverted.group("who").strip():
            return inverted.group("who").strip(), cue_text(last_cue.group(0)), inverted.start("who")
    return best


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
    match = _APPOSITIVE.match(who)
    if match:
        who, appositive = match.group("core").strip(), match.group("appositive").strip()
    lowered = who.lower()
    if lowered in PRONOUNS_PERSON:
        return registry.last_person(position, _PRONOUN_GENDER[lowered])
    if lowered in PRONOUNS_PLURAL:
        return registry.last_matching(position, ("anonymous", "organization", "outlet"))
    if lowered in ("i", "we", "it", "you", "this", "that", "which", "who"):
        return registry.last_matching(position, ("organization", "outlet")) if lowered == "it" else None
    first = lowered.split()[0]
    if first in _DETERMINERS or not who[:1].isupper() or _ends_with_anonymous_head(lowered):
        entity = _resolve_description(who, position, registry)
    else:
        entity = _resolve_name(who, position, registry)
    if entity is not None and appositive:
        _apply_appositive(entity, appositive)
    return entity


def _ends_with_anonymous_head(lowered: str) -> bool:
    head, _ = _description_head(lowered)
    return head in ANONYMOUS_HEADS and head not in ("one",) and len(lowered.split()) <= 6


def _resolve_name(who: str, position: Position, registry: Registry) -> Entity | None:
    parsed = parse_named_phrase(who)
    if parsed is None:
        return _resolve_description(who, position, registry)
    name, title, affiliation, gender = parsed
    if len(name.split()) > 6:
        return None
    entity = registry.find(name)
    if entity is None and " " not in name:
        entity = registry.by_surname(name, position)
    if entity is None:
        kind = classify_name(name)
        if kind in ("unknown", "place"):
            kind = "person" if (title or " " in name or kind == "unknown") else "organization"
        entity = registry.entity(name, kind, position)
    elif entity.kind in ("unknown", "place"):
        entity.kind = "person"
    if title and not entity.title:
        entity.title = title
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
    if head in ORG_NOUNS or any(noun in lowered for noun in (" ministry", " company", " association")):
        earlier = registry.last_matching(position, ("organization",), head=head)
        if earlier is None and head in ("company", "firm", "group", "statement", "report"):
            earlier = registry.last_matching(position, ("organization",))
        if earlier is not None and determiner == "the":
            return earlier
        entity = registry.entity(who, "organization", position)
        entity.head = head
        return entity
    if head in TITLE_HEADS:
        entity = registry.entity(who, "person", position)
        entity.head = head
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
