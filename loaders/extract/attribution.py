"""Attach a speaker to every quote, with the fallbacks a reader uses when the quote itself names nobody.

Order of evidence, most local first:
1. the writer's words around the quote in its sentence: `,” he said`, `X said: “`, `according to X, ... “`;
2. for a fragment, the subject of its sentence (`Beck called the ruling “judicial activism”`);
3. a sibling quote in the same paragraph (“A,” said X. “B.”);
4. the sentence right after a quote that opens its paragraph (“...” With those words, X ...);
5. a lead-in ending with a colon, here or at the end of the previous paragraph;
6. the subject of the previous sentence (`Burry cut his rating. “We expect ...”`);
7. the quote chain: the previous paragraph's quote;
8. whoever the previous paragraph reported speaking, or was about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extract.cues import CUE_WORDS, SentenceStarts
from loaders.extract.entities import Entity
from loaders.extract.interviews import TURN_LABEL
from loaders.extract.quotes import QuoteSpan
from loaders.extract.registry import Registry
from loaders.extract.phrases import sentence_subject, who_after, who_at_sentence_end, who_before
from loaders.extract.speakers import resolve_who
from loaders.extract.subject_edges import transcript_speaker
from loaders.extract.subjects import trailing_subject


_PERSONAL_PRONOUNS = {"he": "m", "she": "f"}


def _named_in(entity: Entity, text: str) -> bool:
    """Whether a quote speaks of `entity` by name ("Mr. Baker", "Pickens has ..."), as its speaker would not."""
    surname = entity.name.split()[-1]
    return len(surname) > 2 and surname[:1].isupper() and re.search(rf"\b{re.escape(surname)}\b", text) is not None


_SIBLINGS = 20  # how many quotes either side a quote without attribution looks at
_EARLIER_QUOTE = re.compile(r"[“\"][^“”\"]*[”\"]")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


@dataclass
class Attribution:
    entity: Entity | None
    cue: str | None
    found_nearby: bool


class _Sentences:
    """Sentence starts per paragraph (shared with the other rules), and whom each paragraph reported speaking."""

    def __init__(self, starts: SentenceStarts) -> None:
        self.body = starts.body
        self._starts = starts
        self.previous_speaker: dict[int, Entity | None] = {}  # per paragraph: who it reported speaking

    def starts(self, index: int) -> list[int]:
        return self._starts.starts(index)

    def span(self, index: int, position: int) -> tuple[int, int]:
        return self._starts.span(index, position)


def attribute_quotes(body: list[str], quotes: list[QuoteSpan], registry: Registry,
                     starts: SentenceStarts | None = None) -> list[Attribution]:
    """Who said each quote; `starts` are the body's sentence starts when the caller has them already."""
    sentences = _Sentences(starts if starts is not None and starts.body is body else SentenceStarts(body))
    results = [_nearby(body, quote, registry, sentences) for quote in quotes]
    for index, quote in enumerate(quotes):
        if results[index].entity is None:
            results[index] = _fallback(body, quotes, results, index, registry, sentences)
    return results


def _nearby(body: list[str], quote: QuoteSpan, registry: Registry, sentences: _Sentences) -> Attribution:
    host = body[quote.paragraph]
    open_at = max(quote.start - 1, 0)
    sentence_start, _ = sentences.span(quote.paragraph, open_at)
    # Words inside an earlier quotation of the same sentence are not the writer's: blank them, keeping offsets.
    prefix = _EARLIER_QUOTE.sub(_blank, host[sentence_start:open_at])
    suffix_base = quote.close + 1
    suffix = body[quote.end_paragraph][suffix_base:suffix_base + 300] if quote.closed else ""
    candidates = []
    before = who_before(prefix)
    after = who_after(suffix) if suffix else None
    if quote.kind == "partial" and before is not None:
        candidates = [("before", before), ("after", after)]
    else:
        candidates = [("after", after), ("before", before)]
    for side, found in candidates:
        if found is None:
            continue
        who, cue, offset = found
        if side == "after":
            position = (quote.end_paragraph, suffix_base + offset)
        else:
            position = (quote.paragraph, sentence_start + offset)
        entity = resolve_who(who, position, registry)
        if entity is not None and who.lower() in _PERSONAL_PRONOUNS and _named_in(entity, quote.text):
            # '"Dick Darman has contributed mightily ...," he said': the "he" is not the man the quote
            # speaks of, but the one before him.
            entity = registry.last_person(position, _PERSONAL_PRONOUNS[who.lower()], skip=entity)
        if entity is not None:
            entity.cite(position)
            registry.sight(entity, position)
            return Attribution(entity, cue, True)
    late = who_at_sentence_end(suffix) if quote.kind == "partial" and suffix and after is None else None
    if late is not None:
        # 'French goods were "increasingly ill-adapted to demand" and over-priced, the report said.'
        who, cue, offset = late
        position = (quote.end_paragraph, suffix_base + offset)
        entity = resolve_who(who, position, registry)
        if entity is not None:
            entity.cite(position)
            registry.sight(entity, position)
            return Attribution(entity, cue, True)
    if quote.kind == "partial" and before is None and prefix.strip():
        # `Beck called the ruling “judicial activism”`: the sentence's subject characterises it.
        leading = sentence_subject(prefix)
        if leading is not None and " " not in leading[0] and prefix[leading[1] + len(leading[0]):].startswith(" of ") \
                and not _known_speaker(registry.find(leading[0])):
            leading = None  # "Payment of health benefits would be made “at reduced levels”": a noun, not who
        if leading is not None and leading[0].lower() not in ("it", "i", "we", "they"):
            position = (quote.paragraph, sentence_start + leading[1])
            entity = resolve_who(leading[0], position, registry)
            if entity is not None and entity.kind in ("person", "organization", "anonymous"):
                entity.cite(position)
                registry.sight(entity, position)
                return Attribution(entity, None, True)
    if prefix.rstrip().endswith((",", ":")) and before is None:
        # "Rostenkowski set the tone in a statement, “...”": the sentence's subject introduces the quote.
        leading = sentence_subject(prefix)
        if leading is not None and leading[0].lower() != "it":
            position = (quote.paragraph, sentence_start + leading[1])
            entity = resolve_who(leading[0], position, registry)
            if entity is not None:
                entity.cite(position)
                registry.sight(entity, position)
                return Attribution(entity, None, True)
    return Attribution(None, None, False)


def _fallback(body: list[str], quotes: list[QuoteSpan], results: list[Attribution], index: int,
              registry: Registry, sentences: _Sentences) -> Attribution:
    quote = quotes[index]
    # A sibling in the same paragraph: “A,” said X. “B.”  or  “A.” “B,” X said.
    for other in range(index - 1, max(index - _SIBLINGS, 0) - 1, -1):
        if quotes[other].end_paragraph != quote.paragraph:
            break
        if results[other].entity is not None:
            return Attribution(results[other].entity, results[other].cue, False)
    for other in range(index + 1, min(index + _SIBLINGS, len(quotes))):
        if quotes[other].paragraph != quote.end_paragraph:
            break
        if results[other].entity is not None and results[other].found_nearby:
            return Attribution(results[other].entity, results[other].cue, False)
    # A paragraph opening with a bare quote, then the sentence that names who spoke:
    # "“We are not afraid.” With those words, opposition leader Amara Diallo stepped off a plane."
    host = body[quote.paragraph]
    if quote.closed and quote.end_paragraph == quote.paragraph and not host[:max(quote.start - 1, 0)].strip():
        after = quote.close + 1
        next_start, next_end = sentences.span(quote.paragraph, min(after + 1, len(host) - 1))
        if next_start >= after:
            leading = sentence_subject(host[next_start:next_end])
            if leading is not None and leading[0][:1].isupper() and leading[0].lower() not in ("it", "i", "we", "they"):
                entity = resolve_who(leading[0], (quote.paragraph, next_start + leading[1]), registry)
                if entity is not None and entity.kind == "person":
                    entity.cite((quote.paragraph, quote.start))
                    return Attribution(entity, None, False)
    # A lead-in ending with a colon, in this paragraph or closing the previous one.
    lead = _colon_lead_in(body, quote, sentences)
    if lead is not None:
        who, cue, position = lead
        entity = resolve_who(who, position, registry)
        if entity is not None:
            entity.cite(position)
            return Attribution(entity, cue, False)
    # A quote opening a sentence after one about somebody: "Burry cut his rating. “We expect ...”"
    host = body[quote.paragraph]
    open_at = max(quote.start - 1, 0)
    sentence_start, _ = sentences.span(quote.paragraph, open_at)
    lead_words = host[sentence_start:open_at]
    if sentence_start > 0 and (not lead_words.strip() or CUE_WORDS.found_in(lead_words)):
        previous_start, _ = sentences.span(quote.paragraph, sentence_start - 1)
        leading = sentence_subject(host[previous_start:sentence_start])
        if leading is not None and leading[0][:1].isupper() and leading[0].lower() not in ("it", "i", "we"):
            entity = resolve_who(leading[0], (quote.paragraph, previous_start + leading[1]), registry)
            if entity is not None and entity.kind in ("person", "anonymous", "organization"):
                entity.cite((quote.paragraph, quote.start))
                return Attribution(entity, None, False)
    turn = transcript_speaker(host, quote.paragraph, registry) if host[1:2].isupper() else None
    if turn is not None:
        # 'VARGA: "We will not devalue."': the transcript's label names who speaks.
        turn[0].cite((quote.paragraph, quote.start))
        return Attribution(turn[0], None, False)
    if quote.paragraph == 0:
        return Attribution(None, None, False)
    previous = quote.paragraph - 1
    if _interview_turn(body[previous]) or _interview_turn(host):
        # "Q: Senator Klein says ... ?" then "A: “...”": the answer is the one interviewed, the question
        # the interviewer's; neither continues whoever the other paragraph named.
        return Attribution(None, None, False)
    # The quote chain: the previous paragraph quoted someone.
    for other in range(index - 1, max(index - _SIBLINGS, 0) - 1, -1):
        if quotes[other].end_paragraph < previous:
            break
        if quotes[other].end_paragraph == previous and results[other].entity is not None:
            return Attribution(results[other].entity, None, False)
    # The previous paragraph reported someone speaking: "Smith said the plan would fail."
    if previous not in sentences.previous_speaker:
        sentences.previous_speaker[previous] = _last_reported_speaker(body, previous, registry, sentences) or \
            _last_sentence_subject(body, previous, registry, sentences)
    speaker = sentences.previous_speaker[previous]
    if speaker is not None:
        speaker.cite((quote.paragraph, quote.start))
        return Attribution(speaker, None, False)
    return Attribution(None, None, False)


#: The label a question-and-answer interview opens each turn with: "Q:", "A.", "Question:".


def _interview_turn(paragraph: str) -> bool:
    """Whether a paragraph is a turn of a Q&A interview (a first-letter test spares all others the match)."""
    return paragraph.lstrip()[:1] in ("Q", "A") and TURN_LABEL.match(paragraph) is not None


def _known_speaker(entity: Entity | None) -> bool:
    """Whether a name read alone is someone the article has shown speaking or titled, not a capitalised noun."""
    return entity is not None and (entity.cited or entity.title is not None)


def _colon_lead_in(body: list[str], quote: QuoteSpan, sentences: _Sentences) -> tuple[str, str, tuple[int, int]] | None:
    host = body[quote.paragraph]
    before = host[:max(quote.start - 1, 0)].rstrip()
    if before.endswith(":"):
        sentence_start, _ = sentences.span(quote.paragraph, max(len(before) - 1, 0))
        found = who_before(host[sentence_start:len(before) - 1])
        if found is not None:
            return found[0], found[1], (quote.paragraph, sentence_start + found[2])
    elif not before and quote.paragraph > 0:
        previous = body[quote.paragraph - 1].rstrip()
        if previous.endswith(":"):
            sentence_start, _ = sentences.span(quote.paragraph - 1, max(len(previous) - 1, 0))
            found = who_before(previous[sentence_start:len(previous) - 1])
            if found is not None:
                return found[0], found[1], (quote.paragraph - 1, sentence_start + found[2])
    return None


def _last_reported_speaker(body: list[str], index: int, registry: Registry, sentences: _Sentences) -> Entity | None:
    paragraph = body[index]
    last = None
    for last in CUE_WORDS.spans(paragraph):
        pass
    if last is None:
        return None
    sentence_start, _ = sentences.span(index, last[0])
    subject = trailing_subject(paragraph[sentence_start:last[0]])
    if subject is None:
        return None
    return resolve_who(subject[0], (index, sentence_start + subject[1]), registry)


def _last_sentence_subject(body: list[str], index: int, registry: Registry, sentences: _Sentences) -> Entity | None:
    """ "But the official expressed misgivings." then a bare quote: the official is speaking."""
    paragraph = body[index].rstrip()
    if not paragraph:
        return None
    sentence_start, _ = sentences.span(index, len(paragraph) - 1)
    leading = sentence_subject(paragraph[sentence_start:])
    if leading is None or leading[0].lower() in ("it", "i", "we"):
        return None
    entity = resolve_who(leading[0], (index, sentence_start + leading[1]), registry)
    if entity is not None and entity.kind in ("person", "anonymous"):
        return entity
    return None
