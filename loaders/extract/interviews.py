"""A Q&A interview's answers, each a quote of the person interviewed.

"Five questions for Oskarvik's harbourmaster" introduces Nadia Fors, then
prints "Q: ..." and "A: ..." turns. The answers are her words, verbatim as
the interview was edited, with no quotation marks and no reporting verb:
the quote rules see nothing in them, and a fact-checker searching what she
said found none of it. Here each answer paragraph (and each paragraph that
carries an answer on before the next question) is one direct quote of the
person the introduction names first.

Only where the introduction names a person: "Q: Senator Klein says the bill
is dead. Is it?" then "A: ..." with no one introduced leaves the answer
without a speaker, as before (the question's Klein is not who answers).
Quotation marks inside an answer are part of what the person said ("I tell
them what I tell my children: “I know as much as the radio knows.”"): the
answer is the quote, and no second, inner one is kept.
"""

from __future__ import annotations

import re

from loaders.extract.entities import Entity
from loaders.extract.quotes import QuoteSpan
from loaders.extract.registry import Registry

#: A turn's label: "Q:", "A.", "Question:", "ANSWER:".
TURN_LABEL = re.compile(r"\s*(?P<label>Q|A|Question|Answer|QUESTION|ANSWER)\s*[:.]\s")
#: The cue an answer is given under: the interview's own verb.
ANSWER_CUE = "answered"


def interview_answers(body: list[str], registry: Registry) -> tuple[Entity, list[QuoteSpan]] | None:
    """(who answers, the answers as quotes) of a Q&A interview, or None for any other article."""
    if not any(paragraph.lstrip()[:1] in ("Q", "A") for paragraph in body):
        return None  # most articles: no paragraph opens as a turn could
    turns = [(index, match) for index, paragraph in enumerate(body)
             if paragraph.lstrip()[:1] in ("Q", "A") and (match := TURN_LABEL.match(paragraph)) is not None]
    questions = [index for index, match in turns if match.group("label")[:1] in ("Q", "q")]
    answers = [(index, match) for index, match in turns if match.group("label")[:1] in ("A", "a")]
    if not questions or not answers:
        return None
    interviewee = _introduced(registry, questions[0])
    if interviewee is None:
        return None
    turn_at = {index for index, _ in turns}
    spans = []
    for index, match in answers:
        spans.append(_whole(body, index, match.end()))
        following = index + 1
        while following < len(body) and following not in turn_at and following < questions[-1]:
            # an answer of several paragraphs, carried on before the next question
            spans.append(_whole(body, following, len(body[following]) - len(body[following].lstrip())))
            following += 1
    spans = [span for span in spans if span.text]
    return (interviewee, spans) if spans else None


def _introduced(registry: Registry, first_question: int) -> Entity | None:
    """The person the introduction (the paragraphs before the first question) names first."""
    named = []
    for entity in registry.entities:
        introduced = [mention[:2] for mention in entity.mentions if mention[0] < first_question]
        if introduced and entity.kind in ("person", "unknown"):
            named.append((min(introduced), entity))
    return min(named, key=lambda pair: pair[0])[1] if named else None


#: An answer printed in quotation marks ("A: “They will.”"): the marks are no part of the words.
_OPENERS, _CLOSERS = "“\"«„", "”\"»“"


def _whole(body: list[str], index: int, start: int) -> QuoteSpan:
    """The rest of a paragraph from `start`, without the marks around it if it is printed in them."""
    paragraph = body[index]
    end = len(paragraph.rstrip())
    if end - start > 2 and paragraph[start] in _OPENERS and paragraph[end - 1] in _CLOSERS \
            and not any(mark in paragraph[start + 1:end - 1] for mark in _OPENERS + _CLOSERS):
        start, end = start + 1, end - 1
    return QuoteSpan(paragraph=index, start=start, end_paragraph=index, end=end, text=paragraph[start:end],
                     kind="direct", closed=True, close=end)
