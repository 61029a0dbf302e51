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
* A Q&A interview's answers ("A: ..."), which print no quotation marks, are
  direct quotes of the person its introduction names, with the cue
  "answered" (`interviews.py`).
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

from datetime import datetime
from typing import Any

import regex

from loaders.extract.attribution import Attribution, attribute_quotes
from loaders.extract.companies import merge_short_forms, retype_companies
from loaders.extract.cues import SentenceStarts
from loaders.extract.date_lines import parse_date_line
from loaders.extract.dateline import Dateline, find_dateline, resolve_year
from loaders.extract.descriptions import sentence_case
from loaders.extract.entities import Entity
from loaders.extract.generic_references import (name_company_affiliations, resolve_company_references,
                                                 resolve_joint_references)
from loaders.extract.headlines import register_headline_company
from loaders.extract.ideographic import has_ideographs, ideographic_quotes
from loaders.extract.interviews import ANSWER_CUE, interview_answers
from loaders.extract.lexicon import KNOWN_PLACES, OUTLET_ALIASES
from loaders.extract.names import find_mentions
from loaders.extract.overlaps import drop_overlapping_readings
from loaders.extract.quotes import QuoteSpan, find_quotes, quoted_ranges, raw_quote_spans
from loaders.extract.registration import give_titles, is_byline, register_names
from loaders.extract.registry import Registry
from loaders.extract.sources import find_cited_sources
from loaders.extract.wirecopy import without_ticker_marks

__all__ = ["extract", "extract_parts", "Dateline", "find_dateline", "parse_date_line", "resolve_year"]

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
    titled_before = register_names(text, mentions, registry, ranges)
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
    give_titles(titled_before)
    cited = registry.sources()
    retype_companies(cited, written, headline, speakers)
    merge_short_forms(cited, registry.entities)
    resolve_company_references(cited, registry)
    name_company_affiliations(cited, registry)
    drop_overlapping_readings(cited, speakers)
    resolve_joint_references(cited, speakers)
    quote_dicts = []
    for quote, attribution in zip(quotes, attributions):
        # "Royal Bank said", after "Royal Bank of Canada": listed by the full name
        entity = attribution.entity.full() if attribution.entity is not None else None
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
        if index and not is_byline(body[index - 1]):
            break
        if is_byline(paragraph):
            continue
        found = find_dateline(paragraph, reference)
        if found is not None:
            return found
        break
    return None



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
