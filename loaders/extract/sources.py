"""Sources that are cited without a quote: anonymous descriptions, outlets, and subjects of reporting verbs.

A quote makes its speaker a source, but most sourcing has no quotation
marks: "a source familiar with the matter has told Jerusalem Post", "Turkish
sources stressed", "Acme Inc said it sold". These rules find those, so a
fact-checker can search on whose authority a claim was reported.

This module reads each paragraph once for the words the rules start from
and runs them: unnamed sources (`anonymous.py`), outlets (`outlets.py`),
documents (`documents.py`) and the subjects of reporting verbs (`statements.py`).
"""

from __future__ import annotations

from loaders.extract.anonymous import HEAD_NOUNS, anonymous_sources
from loaders.extract.cues import CUE, VERBS_OR_NOUNS, SentenceStarts, WordPattern, trie_alternation
from loaders.extract.documents import introduced_documents
from loaders.extract.lexicon import CUE_VERBS, DOCUMENT_NOUNS
from loaders.extract.names import Mention
from loaders.extract.outlets import cited_outlets
from loaders.extract.registry import Registry
from loaders.extract.statements import statement_subjects
from loaders.extract.subject_edges import transcript_speaker

#: Reporting verbs, head nouns and document nouns as one alternation factored by prefixes: every
#: paragraph is read for all three, and one scan over one trie costs about what the verbs' scan alone did.
_WORDS_READ = WordPattern(rf"{trie_alternation(sorted({*CUE_VERBS, *HEAD_NOUNS, *DOCUMENT_NOUNS}))}\b",
                          openers="".join({word[0] for word in (*CUE_VERBS, *HEAD_NOUNS, *DOCUMENT_NOUNS)}))
_CUE_VERB_SET = frozenset(CUE_VERBS)
_HEAD_NOUN_SET = frozenset(HEAD_NOUNS)


def _cues_heads_documents(paragraph: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], bool]:
    """(spans of CUE_WORDS, spans of anonymous._HEAD_WORDS, whether a document noun stands as a word), from one scan.

    No word is two of them and no match overlaps another (the verbs of several words go on only
    with "reporters", "out", "on", "later", "to say", "saying"), so each list is what its own scan
    finds. A verb must not run on with "-", "'" or "’" ("said-so"); where it does, the verbs' own
    pattern, tried there, says which shorter verb stands ("told" of "told reporters'"), if any. A
    paragraph with no document noun standing as a word has no match of documents._DOCUMENT_INTRO, whose noun
    follows a space.
    """
    cues: list[tuple[int, int]] = []
    heads: list[tuple[int, int]] = []
    documents = False
    for start, end in _WORDS_READ.spans(paragraph):
        word = paragraph[start:end]
        if word in _HEAD_NOUN_SET:
            heads.append((start, end))
        elif word in _CUE_VERB_SET or " ".join(word.split()) in _CUE_VERB_SET:
            if word in VERBS_OR_NOUNS:
                if CUE.match(paragraph, start) is not None:  # a verb only where no noun could be (cues.py)
                    cues.append((start, end))
            elif paragraph[end:end + 1] not in _CUE_TAIL:
                cues.append((start, end))
            else:
                shorter = CUE.match(paragraph, start)
                if shorter is not None:
                    cues.append(shorter.span())
        else:
            documents = True
    return cues, heads, documents


_CUE_TAIL = ("-", "’", "'")


def find_cited_sources(body: list[str], registry: Registry, quoted: dict[int, list[tuple[int, int]]],
                       mentions: list[list[Mention]], starts: SentenceStarts | None = None) -> None:
    """Mark as sources everything the writer cites outside quotation marks; mentions get their offsets.

    `starts` are the body's sentence starts, shared with the quote rules that run after.
    """
    if starts is None or starts.body is not body:
        starts = SentenceStarts(body)
    for index, paragraph in enumerate(body):
        if not paragraph:
            continue
        ranges = quoted.get(index, [])
        cues, heads, documents = _cues_heads_documents(paragraph)
        if heads:
            anonymous_sources(index, paragraph, registry, ranges, heads)
        cited_outlets(index, paragraph, registry, ranges, mentions[index])
        issued = introduced_documents(index, paragraph, registry, ranges, starts) if documents else None
        statement_subjects(index, paragraph, registry, ranges, starts, cues, issued)
        if paragraph[1:2].isupper() and (turn := transcript_speaker(paragraph, index, registry)) is not None:
            # "VARGA: The forint will not be devalued.": the person a transcript's label names speaks.
            person, start, end = turn
            person.cite((index, start))
            person.add_mention(index, start, end, paragraph[start:end])
