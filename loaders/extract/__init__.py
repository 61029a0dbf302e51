"""Extraction of datelines, quotes, speakers and sources from one article.

Pure and deterministic: no model, no network, no clock. Only regexes and
small word lists (see `lexicon.py`), so it runs at thousands of articles per
second and gives the same answer on every machine.

Choices the output depends on:

* A quote broken by its attribution (“A,” said X. “B.”) comes out as TWO
  quotes with the same speaker (and cue), each with exact offsets, so
  `body[paragraph][start:end] == text` holds for every one-paragraph quote.
* A quote running over several paragraphs (an opening mark left open at a
  paragraph's end and repeated at the next one's start) is ONE quote:
  `end_paragraph` is its last paragraph, `end` an offset there, and `text`
  joins the parts with a single space.
* Quotation marks are read in English, German, Polish, French, Scandinavian
  and Finnish styles, and British single marks (‘We will fight,’ she said)
  in a paragraph without double ones; `’` closes such a quote only where no
  apostrophe could stand (`the workers’ union` is no end).
* Reporting verbs are English, plus the past tenses of French, Spanish,
  Italian and Portuguese wire copy (`dijo`, `a déclaré`, `ha detto`,
  `disse`; lexicon.CUE_VERBS); not German, whose capitalised nouns would
  pass for names. Chinese and Japanese paragraphs have rules of their own
  (`ideographic.py`: “...”, 「...」 and 『...』, 说/表示 and と...述べた, a
  speaker's title split off its name).
* Spans in quotation marks that quote nobody are left out: titles
  (`titled “...”`, headline-style capitals), names (`called “...”`) and scare
  quotes of three words or fewer with no reporting verb next to them.
* `partial` is a fragment woven into the writer's sentence (`said that “the
  first ...”`, Tel-Aviv “made it clear ...”); `direct` is whole speech.
* `speaker` is the full name ("Ilham Aliyev" for "he" or "Aliyev") or, for
  an unnamed source, its description as first written ("a source familiar
  with the matter" for a later "the source"), in lower case where only the
  start of a sentence capitalised it ("Analysts said" -> "analysts"), so one
  description is one source across the archive. `source` is the `name` of
  the entry in `sources`; both are null when nobody can be told. Words
  that are also names count as names only beside another name: "Theresa
  May" and "Grace Will" (then "May said"), "Will Hutton"; a month opening a
  run ("since last August Smart ...") stays a date.
* Every source has the mentions where it is named or described, pronouns
  aside, with offsets into the body; an in-body dateline's place is none.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import regex

from loaders.extract.attribution import Attribution, attribute_quotes
from loaders.extract.companies import merge_short_forms, retype_companies
from loaders.extract.cues import SentenceStarts, with_capitals
from loaders.extract.date_lines import parse_date_line
from loaders.extract.dateline import Dateline, find_dateline, resolve_year
from loaders.extract.descriptions import sentence_case
from loaders.extract.entities import Entity
from loaders.extract.generic_references import (name_company_affiliations, resolve_company_references,
                                                 resolve_joint_references)
from loaders.extract.headlines import register_headline_company
from loaders.extract.ideographic import has_ideographs, ideographic_quotes
from loaders.extract.interviews import ANSWER_CUE, interview_answers
from loaders.extract.lexicon import (
    FEMALE_NAMES,
    FIRST_NAMES,
    KNOWN_PLACES,
    MALE_NAMES,
    ORG_HEADS,
    OUTLET_ALIASES,
    TITLE_HEADS,
    TITLE_WORDS,
)
from loaders.extract.names import Mention, find_mentions
from loaders.extract.overlaps import drop_overlapping_readings
from loaders.extract.quotes import QuoteSpan, find_quotes, quoted_ranges, raw_quote_spans
from loaders.extract.registry import Registry
from loaders.extract.sources import find_cited_sources
from loaders.extract.titled_names import parse_named_phrase
from loaders.extract.wirecopy import BARE_SUFFIXES, without_ticker_marks

__all__ = ["extract", "extract_parts", "Dateline", "find_dateline", "parse_date_line", "resolve_year"]

_BYLINE_PREFIXES = ("by ", "from ")


def extract(article: dict, reference: datetime) -> dict:
    """Takes an article dict (keys below; body = list of paragraph strings) and returns a NEW dict with
    `dateline`, `sources`, `quotes` filled. Existing non-empty `quotes`/`sources` given by the input are kept
    as they are (a JSON input may carry them). An existing dateline's non-null fields win over extracted ones;
    missing ones are filled from the in-body dateline of the first paragraph(s) (also after a `By ...` byline
    paragraph). Never raises on odd text; pure and deterministic."""
    result = dict(article)
    body = _clean_body(article.get("body"))
    try:
        if article.get("quotes") and article.get("sources"):
            # Both given (a dump, another system's extraction): only the dateline is
            # read, not the three quarters of a load's time the whole pass costs.
            dateline, quotes, sources = _find_body_dateline(body, reference), [], []
        else:
            dateline, quotes, sources = extract_parts(body, reference, outlet=article.get("outlet"),
                                                      headline=article.get("headline"))
    except Exception:  # pragma: no cover - a last guard for the indexer; tests call extract_parts directly
        dateline, quotes, sources = _find_body_dateline(body, reference), [], []
    result["dateline"] = _merge_dateline(article.get("dateline"), dateline)
    result["quotes"] = article["quotes"] if article.get("quotes") else quotes
    result["sources"] = article["sources"] if article.get("sources") else sources
    return result


def extract_parts(body: list[str], reference: datetime, outlet: str | None = None,
                  headline: str | None = None) -> tuple[Dateline | None, list[dict], list[dict]]:
    """(in-body dateline, quotes, sources) of a body; raises on bugs, unlike `extract`.

    `outlet` is the article's as given: an agency's copy that another outlet
    runs cites the agency (see _register_agency). `headline` may name the
    company a story is about (see headlines.register_headline_company).
    """
    dateline = _find_body_dateline(body, reference)
    text = _without_dateline(body, dateline)
    spans = raw_quote_spans(text)
    ranges = quoted_ranges(text, spans)
    written, text = text, without_ticker_marks(_without_emoji(text, ranges), ranges)
    registry = Registry(text)
    mentions = [find_mentions(index, paragraph, paragraph is not written[index] and "<" in written[index])
                for index, paragraph in enumerate(text)]
    titled_before = _register_names(text, mentions, registry, ranges)
    if headline and "<" in headline and any("ompany" in paragraph or "irm" in paragraph for paragraph in text):
        register_headline_company(headline, registry)  # only a "company" or "firm" of the body points to it
    if dateline is not None and dateline.agency:
        _register_agency(body, dateline, registry, cited=not _same_outlet(outlet, dateline.agency))
    starts = SentenceStarts(text)  # each paragraph split into sentences once, for all three
    find_cited_sources(text, registry, ranges, mentions, starts)
    quotes = find_quotes(text, spans, starts)
    attributions = attribute_quotes(text, quotes, registry, starts)
    if (interview := interview_answers(text, registry)) is not None:
        quotes, attributions = _with_answers(quotes, attributions, *interview)
    speakers = frozenset(id(attribution.entity) for attribution in attributions if attribution.entity)
    _give_titles(titled_before)
    cited = registry.sources()
    retype_companies(cited, written, headline, speakers)
    merge_short_forms(cited, registry.entities)
    resolve_company_references(cited, registry)
    name_company_affiliations(cited, registry)
    drop_overlapping_readings(cited, speakers)
    resolve_joint_references(cited, speakers)
    quote_dicts = []
    for quote, attribution in zip(quotes, attributions):
        entity = attribution.entity
        while entity is not None and entity.merged_into is not None:
            entity = entity.merged_into  # "Royal Bank said", after "Royal Bank of Canada": listed by the full name
        quote_dicts.append({
            "text": quote.text,
            "kind": quote.kind,
            "speaker": _display_name(entity) if entity else None,
            "cue": attribution.cue,
            "paragraph": quote.paragraph,
            "start": quote.start,
            "end": quote.end,
            "end_paragraph": quote.end_paragraph if quote.end_paragraph != quote.paragraph else None,
            "source": _display_name(entity) if entity else None,
        })
    if not all(paragraph.isascii() for paragraph in written) and any(map(has_ideographs, written)):
        quote_dicts = _with_ideographic_quotes(quote_dicts, ideographic_quotes(written, registry))
    sources = [_source_dict(entity) for entity in registry.sources()]
    if text is not written:  # a mention is the body as written, emoji (and dateline) and all
        for mention in (mention for source in sources for mention in source["mentions"]):
            mention["text"] = body[mention["paragraph"]][mention["start"]:mention["end"]]
    return dateline, quote_dicts, sources


def _with_answers(quotes: list[QuoteSpan], attributions: list[Attribution], interviewee: Entity,
                  answers: list[QuoteSpan]) -> tuple[list[QuoteSpan], list[Attribution]]:
    """The quotes with a Q&A's answers, each the interviewee's, in article order; a quotation inside an
    answer is the answer's own words, no quote of its own (see interviews.py)."""
    answered = {answer.paragraph for answer in answers}
    kept = [(quote, attribution) for quote, attribution in zip(quotes, attributions)
            if quote.paragraph not in answered and quote.end_paragraph not in answered]
    for answer in answers:
        interviewee.cite((answer.paragraph, answer.start))
    given = [(answer, Attribution(interviewee, ANSWER_CUE, True)) for answer in answers]
    merged = sorted(kept + given, key=lambda pair: (pair[0].paragraph, pair[0].start))
    return [quote for quote, _ in merged], [attribution for _, attribution in merged]


def _with_ideographic_quotes(quotes: list[dict], ideographic: list[dict]) -> list[dict]:
    """Both kinds in article order; where both rules read a quote, the ideographic one's reading,
    unless it found no reporting verb and the English rules a speaker: in English copy,
    “中国不会接受……。” Wang Yi said lost its speaker to the Chinese reading, which saw none.
    """
    english = {(quote["paragraph"], quote["start"]): quote for quote in quotes}
    ideographic = [quote for quote in ideographic
                   if quote["cue"] is not None
                   or (english.get((quote["paragraph"], quote["start"])) or {}).get("speaker") is None]
    taken = {(quote["paragraph"], quote["start"]) for quote in ideographic}
    kept = [quote for quote in quotes if (quote["paragraph"], quote["start"]) not in taken]
    return sorted(kept + ideographic, key=lambda quote: (quote["paragraph"], quote["start"]))


#: An emoji with what it is built of (skin tones, the emoji style selector, joined emoji), and flags;
#: or a direction mark, embedding or isolate, which right-to-left pages set around Latin names.
_EMOJI = regex.compile("(?:\\p{Extended_Pictographic}|[\U0001F1E6-\U0001F1FF])"
                       "(?:[\uFE0F\U0001F3FB-\U0001F3FF]|\u200D\\p{Extended_Pictographic})*"
                       "|[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _without_emoji(text: list[str], ranges: dict[int, list[tuple[int, int]]]) -> list[str]:
    """The paragraphs with each emoji or direction mark outside quotation marks a space (one for
    each character).

    Copy of a post sets emoji beside names: 'said Joe Biden 👍' or 'Joe Biden 🇺🇸 said' had no
    speaker (the name ran into the emoji, no name), 'said Joe Biden.🇺🇸' one named with the
    flag; 'said \u2067Angela Merkel\u2069, the chancellor' (an isolate, as a right-to-left page
    wraps a Latin name) had none either. Offsets stay those of the text; quoted words are left
    as written.
    """
    if all(paragraph.isascii() for paragraph in text) or not any(map(_EMOJI.search, text)):
        return text
    cleaned = []
    for index, paragraph in enumerate(text):
        if not paragraph.isascii() and _EMOJI.search(paragraph):
            inside = ranges.get(index, [])
            paragraph = _EMOJI.sub(lambda m: m.group() if any(s <= m.start() < e for s, e in inside)
                                   else " " * len(m.group()), paragraph)
        cleaned.append(paragraph)
    return cleaned


def _clean_body(body: Any) -> list[str]:
    if isinstance(body, str):
        return [body]
    if not isinstance(body, list):
        return []
    return [paragraph if isinstance(paragraph, str) else "" for paragraph in body]


def _find_body_dateline(body: list[str], reference: datetime) -> Dateline | None:
    for index, paragraph in enumerate(body[:3]):
        if index and not _is_byline(body[index - 1]):
            break
        if _is_byline(paragraph):
            continue
        found = find_dateline(paragraph, reference)
        if found is not None:
            return found
        break
    return None


def _leading_bylines(body: list[str]) -> int:
    """How many paragraphs open the body as its byline ("By Jane Smith", "by Cal Mankowski, Reuters")."""
    count = 0
    while count < min(len(body) - 1, 2) and _is_byline(body[count]):
        count += 1
    return count


def _is_byline(paragraph: str) -> bool:
    text = paragraph.strip()
    return len(text) < 120 and text.lower().startswith(_BYLINE_PREFIXES)


def _without_dateline(body: list[str], dateline: Dateline | None) -> list[str]:
    """The body with its in-body dateline blanked out, every offset kept.

    "SAN ANTONIO, TEXAS, March 31 - ..., said X": the place opens the
    paragraph but is neither a name in the story nor the subject of its
    first sentence.
    """
    if dateline is None:
        return body
    for index, paragraph in enumerate(body[:3]):
        if paragraph.lstrip(" \t*•·").startswith(dateline.raw):
            blanked = list(body)
            blanked[index] = " " * dateline.end + paragraph[dateline.end:]
            return blanked
    return body


def _register_names(body: list[str], mentions: list[list[Mention]], registry: Registry,
                    ranges: dict[int, list[tuple[int, int]]]) -> list[tuple[Entity, str, str | None]]:
    """Every name mention registered; returns the titles written in lower case before a person's name
    (`_title_before`), for whoever the reporting phrases leave untitled (see `_give_titles`)."""
    titled_before: list[tuple[Entity, str, str | None]] = []
    bylines = _leading_bylines(body)
    for index, paragraph in enumerate(body):
        if index < bylines:
            continue  # "By Cal Mankowski, Reuters": who wrote the story, never who "he said" is
        quoted = ranges.get(index, [])
        for mention in mentions[index]:
            # Unpacked once: each field is read several times below, and a named tuple's field is a lookup.
            _, start, end, name, kind, title, affiliation, gender, subject_like = mention
            if quoted and any(low <= start < high for low, high in quoted):
                continue
            company = _company_short_name(paragraph, index, mention, registry) if title else None
            if company is not None:
                start -= len(title) + 1
                company.add_mention(index, start, end, paragraph[start:end])
                registry.named_at(company, index, start, end)
                registry.sight(company, (index, start), subject_like)
                continue
            if kind in ("person", "unknown") and not title and \
                    paragraph[max(0, start - 4):start] in ("the ", "The ") and \
                    not _MODIFIES_NOUN.match(paragraph, end) and \
                    name.split()[0].lower() not in FIRST_NAMES:
                kind = "unknown"  # "awarded the Coastal Cross": no one "she" could be is "the" Name
            entity = _entity_for(name, kind, (index, start), registry)
            if entity is None:
                continue
            if kind == "person" and not title and paragraph[start - 2:start - 1].islower() and \
                    (titled := _title_before(paragraph, start, name)) is not None:
                titled_before.append((entity, *titled))  # "USX Corp chairman David Roderick called for ..."
            if title and not entity.title:
                entity.title = title
            if affiliation and not entity.affiliation:
                entity.affiliation = affiliation
            if gender and not entity.gender:
                entity.gender = gender
            if entity.kind == "person" and not entity.gender:
                entity.gender = _possessive_gender(paragraph, end) or _first_name_gender(entity.name)
            entity.add_mention(index, start, end, paragraph[start:end])
            registry.named_at(entity, index, start, end)
            registry.sight(entity, (index, start), subject_like)
    return titled_before


def _give_titles(titled_before: list[tuple[Entity, str, str | None]]) -> None:
    """A person still untitled once every reporting phrase is read takes the title written before
    the name: a phrase's own reading ("shipping executive", of "U.K. shipping executive X said") says more."""
    for entity, title, affiliation in titled_before:
        if entity.kind == "person" and not entity.title:
            entity.title = title
            entity.affiliation = entity.affiliation or affiliation


#: The last word of a title in lower case before a name: "USX Corp chairman David Roderick".
_LOWER_TITLE_HEADS = TITLE_HEADS | {"manager", "strategist", "adviser", "advisor", "treasurer"}


def _title_before(paragraph: str, start: int, name: str) -> tuple[str, str | None] | None:
    """(title, affiliation) written in lower case before a person's name, outside any reporting phrase
    ("USX Corp chairman David Roderick called for ...", "after analyst Maryann Keller raised ..."),
    which the name scan, reading capitalised runs, leaves out. Read back word by word: title words
    in lower case, then the body's capitalised words, and parsed as a reporting phrase would be."""
    words = paragraph[max(0, start - 100):start].split()
    if not words or words[-1] not in _LOWER_TITLE_HEADS:
        return None
    at = len(words) - 1
    while at > 0 and len(words) - at < 4 and words[at - 1].islower() and words[at - 1] in TITLE_WORDS:
        at -= 1  # "chief economist", "deputy foreign trade minister"
    first = at
    if at > 0 and words[at - 1][:1].isupper():  # not "Owen Bieber and vice president Marc Stepp"
        while at > 0 and first - at < 6 and (words[at - 1][:1].isupper() or words[at - 1] in ("of", "and", "&")) \
                and words[at - 1][-1:].isalnum() and not words[at - 1].endswith("-based"):
            at -= 1  # "Federal Reserve Board", "Kidder Peabody and Co"
        while at < first and words[at] in ("of", "and", "&"):
            at += 1
    parsed = parse_named_phrase(" ".join(words[at:]) + " " + name)
    if parsed is None or parsed[0] != name or not parsed[1]:
        return None
    affiliation = parsed[2]
    if affiliation and affiliation.lower().rstrip(".") in BARE_SUFFIXES:
        affiliation = None  # "Jardine Fleming (Securities) Ltd analyst": the name cut at its parenthesis
    return parsed[1], affiliation


#: A lower-case word after a name: the name qualifies it ("the Halvorsund plant").
_MODIFIES_NOUN = re.compile(
    r"(?:'s|’s)?\s+(?!(?:and|or|but|said|says|to|of|in|on|for|at|with|by|from|as|is|was|are|were|has|had|have|will|"
    r"would|could|can|may|might|that|which|who|since|after|before|because|it|its|their|this|these|than)\b)[a-z]")


def _company_short_name(paragraph: str, index: int, mention: Mention, registry: Registry) -> Entity | None:
    """ "General Mills said" after General Mills Inc: the company's short name, not General Mills the person."""
    if not mention.title or mention.kind != "person":
        return None
    start = mention.start - len(mention.title) - 1
    if start < 0 or not paragraph.startswith(mention.title, start):
        return None
    return registry.shortened(paragraph[start:mention.end], (index, start))


_POSSESSIVE_AFTER = re.compile(with_capitals(r"[^.;:“”\"A-Z]{0,60}?\b(?P<word>his|her|himself|herself)\b"))


def _possessive_gender(paragraph: str, end: int) -> str | None:
    """ "Governor Ellen Brooks defended her budget": a his/her right after a name, before any other name."""
    window = paragraph[end:end + 63]  # the word opens within 60 characters of the name
    if "hi" not in window and "her" not in window:
        return None  # no "his", "him(self)" or "her(self)": most names are followed by none, and the scan is long
    match = _POSSESSIVE_AFTER.match(paragraph, end)
    if match is None:
        return None
    return "m" if match.group("word").startswith("h") and match.group("word") in ("his", "himself") else "f"


def _first_name_gender(name: str) -> str | None:
    first = name.split()[0].lower() if " " in name else ""
    if first in FEMALE_NAMES and first not in MALE_NAMES:
        return "f"
    if first in MALE_NAMES and first not in FEMALE_NAMES:
        return "m"
    return None


def _entity_for(name: str, kind: str, position: tuple[int, int], registry: Registry) -> Entity | None:
    if " " not in name and kind in ("unknown", "place", "person"):
        # "Aliyev" is Ilham Aliyev; "Dauphin" (no one of that surname) is Dauphin Deposit Corp named before.
        known = registry.by_surname(name, position) or (registry.containing(name, position) if kind == "unknown" else None)
        if known is not None:
            return known
        if kind == "unknown" and registry.common_word_at(name, position):
            return None  # "Showers continued", "Production of rice": a common word its sentence capitalised
    if " " in name and kind in ("person", "unknown") and name.split()[0].lower() not in FIRST_NAMES and \
            registry.has_name_word(name.split()[0]):
        # "Santos Alvite said" after "Fernando Santos Alvite": a surname of two words, not a new person.
        known = registry.by_surname(name, position)
        if known is not None:
            return known
    if " " in name and kind in ("person", "unknown", "organization"):
        # "American Express said" after "American Express Co": the company's short name, not a person's;
        # "Texaco Canada" after "Texaco Canada Inc": not a second company. A body's name that goes on
        # with more than head words ("Federal Reserve Bank of New York") is another body, when it ends
        # with a head word itself ("Federal Reserve").
        company = registry.shortened(name, position)
        if company is not None and (kind != "organization" or name.split()[-1].lower() not in ORG_HEADS or all(
                word in ORG_HEADS for word in company.name[len(name):].lower().split())):
            return company
    if " " not in name and kind == "organization" and name.lower() in ORG_HEADS:
        # "The Bank also said", after "the Bank of England": the organisation named in full before.
        known = registry.containing(name, position)
        if known is not None:
            return known
        if name.lower() in _GENERIC_BODIES:
            return None  # "Group turnover fell", "Company said": a noun its sentence capitalised, no name
    return registry.entity(name, kind, position)


#: Nouns for a company that name none: wire copy opens sentences with them ("Company said").
_GENERIC_BODIES = frozenset({"company", "group", "firm", "corporation"})


def _register_agency(body: list[str], dateline: Dateline, registry: Registry, cited: bool) -> None:
    """The dateline's agency, known to the registry, and `cited` only where
    another outlet runs its copy (a paper's story "LONDON (Reuters) - ...").

    The agency's own story names no outlet, or the agency: it is the story's
    outlet then, not one of its sources. Cited, every Reuters story listed
    Reuters among its sources, and `/sources` and `source:` were led by the
    agencies of the wires loaded. Known, "the agency said" further on is a
    government agency, not the wire; and a story that does cite it ("told
    Reuters") lists it with the dateline's mention too.
    """
    for index, paragraph in enumerate(body[:3]):
        position = paragraph.find(dateline.raw)
        if position < 0:
            continue
        raw_agency = dateline.raw
        for candidate in (dateline.agency, dateline.agency.rstrip("s")):
            at = raw_agency.find(candidate)
            if at >= 0:
                start = position + at
                entity = registry.entity(dateline.agency, "outlet", (index, start))
                entity.kind = "outlet"
                entity.wire_agency = True
                if cited:
                    entity.cite((index, start))
                entity.add_mention(index, start, start + len(candidate), paragraph[start:start + len(candidate)])
                return


def _same_outlet(outlet: str | None, agency: str) -> bool:
    """Whether an article's outlet is its dateline's agency (or names none):
    "AP News" and "The Associated Press" are AP, "Reuters.com" is Reuters."""
    return not outlet or _outlet_key(outlet) == _outlet_key(agency)


def _outlet_key(name: str) -> str:
    key = name.strip().lower().removeprefix("the ").removesuffix(".com").removesuffix(" news").strip()
    return OUTLET_ALIASES.get(key, key)


def _merge_dateline(existing: Any, found: Dateline | None) -> dict:
    existing = existing if isinstance(existing, dict) else {}
    merged = dict(existing)
    extracted = {
        "place": found.place if found else None,
        "agency": found.agency if found else None,
        "published_at": found.published_at.isoformat() if found and found.published_at else None,
        "raw": found.raw if found else None,
    }
    for key, value in extracted.items():
        if merged.get(key) is None:
            merged[key] = value
    if found is not None and len(found.places) > 1 and merged.get("places") is None \
            and merged.get("place") == found.place:
        # Only for a story of several bureaus, and the first is the place kept: every
        # other article's dateline (and content hash) is what it was.
        merged["places"] = list(found.places)
    return merged


def _display_name(entity: Entity) -> str:
    return _squeezed(sentence_case(entity.name, "organization" if entity.kind == "place" else entity.kind))


def _squeezed(text: str | None) -> str | None:
    """One space where a blanked ticker left several ("a Hitachi Ltd <HIT.T> spokesman"), none
    before the possessive a closing mark stood in front of ("<Consolidated Gold Fields PLC>'s")."""
    if text and ("  " in text or " '" in text):
        return " ".join(text.split()).replace(" 's ", "'s ")
    return text


_UNIT_TITLES = frozenset({"unit", "subsidiary", "subisidiary", "affiliate", "division", "arm"})


def _source_dict(entity: Entity) -> dict:
    kind = entity.kind
    if kind == "unknown":
        kind = "person"
    elif kind == "place":
        kind = "organization"
    title, affiliation = entity.title, entity.affiliation
    if title and kind in ("organization", "outlet"):
        # A body's "title" is the person-shaped reading of the words before its name ("Holding company
        # <Gemina Spa>", "New Jersey-based overnight messenger Purolator"): none. What stood before that
        # is whose unit it is ("Hoechst AG's U.S. unit") or where it is from ("Dutch chemicals group"), or junk.
        if title.rsplit(None, 1)[-1].lower() not in _UNIT_TITLES and (affiliation or "").lower() not in KNOWN_PLACES:
            affiliation = None
        title = None
    return {
        "name": _display_name(entity),
        "kind": kind,
        "title": _squeezed(title) if title and " " in title else title,
        "affiliation": _squeezed(affiliation) if affiliation and " " in affiliation else affiliation,
        "mentions": [
            {"paragraph": paragraph, "start": start, "end": end, "text": text}
            for paragraph, start, end, text in sorted(entity.mentions)
        ],
    }
