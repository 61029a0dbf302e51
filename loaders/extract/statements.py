"""Subjects of reporting verbs as sources: "Acme Inc said it sold", "according to the ministry", "quoted X as saying".

The words before each reporting verb of a sentence are read for the
subject that ends them, around what wire copy sets in the way (tickers,
"(NYSE: ACM)", "<Bryson Oil and Gas Plc>", a clause of anonymity).
"""

from __future__ import annotations

import re

from loaders.extract.coordination import cite_coordinated, firm_of_two_names
from loaders.extract.cues import ACCORDING_TO_WORDS, SentenceStarts, with_capitals
from loaders.extract.descriptions import citable
from loaders.extract.entities import Entity
from loaders.extract.lexicon import CUE_GERUNDS, FIRST_NAMES
from loaders.extract.phrases import NAME_IN_APPOSITION, inverted_subject
from loaders.extract.quotes import inside_ranges
from loaders.extract.registry import Registry
from loaders.extract.speakers import resolve_who
from loaders.extract.subjects import trailing_subject
from loaders.extract.wirecopy import BARE_SUFFIXES, TICKER_AT_END, no_comment_subjects, restore, without_rics

_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+(?P<who>[^“”\".;:]{1,100}?)\s+as\s+(?:saying|telling|writing)\b")
_ITS_AFTER = re.compile(r"\s+(?:that\s+)?(?:it|its)\b")
#: "a report in the Financial Times", "an interview published by Le Monde": what an outlet ran.
_REPORT_IN = re.compile(with_capitals(
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:report|article|story|editorial|interview|column|op-ed|piece|broadcast|"
    r"investigation|feature)\s+(?:(?:published|carried|run)\s+(?P<link>in|by)|(?:aired|broadcast)\s+on|(?P<link2>in|by))"
    r"\s+(?:the\s+)?(?=[A-Z])"))
_WHEN_AT_END = re.compile(r"\s+(?:on|last|this|late|early|earlier)\s+[\w-]+(?:\s+[\w-]+)?$")
_NOUN_CUE = re.compile(r"(?:reports|report|statements|comments|remarks|estimates)\s+(?:said|say|says|suggested|"
                       r"suggest|indicated|indicate|showed|show|quoted|have|had|were|are|spoke|speak|in|that|"
                       r"from|on|of)\b")
#: A subject's closing clause of anonymity ("who asked not to be named", "who spoke on condition
#: of anonymity"), which no name parse reads through.
_ANONYMITY_CLAUSE_AT_END = re.compile(
    r",?\s+who\s+(?:asked|requested|declined|spoke|did\s+not\s+want|would\s+not\s+be)\b[^,;:.]*,?\s*$")
_BARE_CAPITALISED = re.compile(with_capitals(r"\s*[A-Z][a-z]+\s*"))
_EXCHANGE_TICKER = re.compile(
    r"\((?:NYSE|NASDAQ|Nasdaq|NYSE American|TSX|TSXV|TSX-V|LSE|AIM|ASX|OTCQX|OTCQB|OTC|CSE|Euronext|SIX|XETRA|HKEX|"
    r"SGX)\s*:\s*[A-Z0-9.-]{1,10}(?:\s*[;,]\s*[A-Za-z ]{2,15}:\s*[A-Z0-9.-]{1,10})*\)(?=\s+\S+\s*$|\s*$)")
_NOUN_CUE_OPENINGS = ("report", "statements", "comments", "remarks", "estimates")
_ASKED_ANONYMITY = re.compile(r"asked\s+(?:(?:not\s+to\s+be|that\s+\w+\s+not\s+be)\s+(?:named|identified|quoted)"
                              r"|to\s+remain\s+(?:unidentified|unnamed|anonymous)|for\s+anonymity)")
#: Where the name after "according to" / "seen by" ends: punctuation, a relative clause, or an "and"
#: that goes on with a verb ("seen by Bloomberg and later confirmed by the company").
_TAIL_STOP = re.compile(r"[,;:.“\"]|\s(?:who|which|that|whose|after|before|when|while|because)\s|"
                        r"\s(?:and|or|but)\s+(?=(?:later|then|also|subsequently|was|were|is|are|has|have|had)\b|"
                        r"[a-z]+ed\b)")


def _cite_inverted(index: int, paragraph: str, cue_start: int, registry: Registry) -> None:
    found = inverted_subject(paragraph, cue_start)
    if found is None:
        return
    who, offset = found
    entity = resolve_who(who, (index, offset), registry)
    if entity is not None and entity.kind not in ("place", "unknown"):
        entity.cite((index, offset))


#: "BankAmerica Corp's Bank of America unit said": a company's unit, named after its parent's possessive.
_UNIT_WORDS = (" unit ", " subsidiary ", " affiliate ", " division ")
_UNIT_AT_END = re.compile(with_capitals(
    r"(?<![\w.&'’/-])(?P<parent>[A-Z][\w.&'’/-]*(?:\s+(?:[A-Z][\w.&/-]*|of|and|&)){0,5}?)(?:'s|’s)\s+"
    r"(?P<unit>[A-Z][\w.&'’/-]*(?:\s+(?:[A-Z][\w.&'’/-]*|and|of|&)){0,6}?)\s+(?:[a-z]+\s+)?"
    r"(?:unit|subsidiary|affiliate|division)\s$"))


def _cite_unit(index: int, paragraph: str, offset_base: int, cuts: list[tuple[int, int]], unit: re.Match,
               registry: Registry) -> None:
    # Named as written, not as the name rules read the words: they keep the parent's possessive
    # ("AMR Corp's American Airlines") or split at an "and" ("Sun Refining and Marketing").
    start = offset_base + restore(unit.start("unit"), cuts)
    end = offset_base + restore(unit.end("unit"), cuts)
    name = " ".join(paragraph[start:end].split())
    entity = registry.entity(name, "organization", (index, start))
    if entity.kind not in ("organization", "person", "unknown"):
        return
    entity.add_mention(index, start, end, paragraph[start:end])
    registry.named_at(entity, index, start, end)
    registry.sight(entity, (index, start))
    entity.kind = "organization"
    entity.title = None
    entity.affiliation = entity.affiliation or " ".join(unit.group("parent").split())
    entity.cite((index, start))


#: What follows "continued" where it is speech: a mark or a quote ("..., she continued.", "He continued: “").
_SPEECH_GOES_ON = re.compile(r"\s*(?:[,.;:“”\"]|$)")
#: A passive's auxiliary right before a reporting verb: "was reported", "were announced", "has been told".
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being)\s+$")


#: "X and Y said they": two who spoke, where a firm "said it".
_THEY_AFTER = re.compile(r"\s+(?:that\s+)?(?:they|their|them|both)\b")


def _may_cite_by(paragraph: str) -> bool:
    """Whether ACCORDING_TO_WORDS can match: a few substring tests cost far less than its scan.

    The words are matched in any case, so the test is too: headline-style
    copy writes "ACCORDING TO THE MINISTRY" and "Seen By".
    """
    return " by " in paragraph or "ccording" in paragraph or " BY " in paragraph or "CCORDING" in paragraph \
        or " By " in paragraph


def statement_subjects(index: int, paragraph: str, registry: Registry, ranges: list[tuple[int, int]],
                        starts: SentenceStarts, cues: list[tuple[int, int]],
                        issued: dict[int, Entity] | None = None) -> None:
    """"Acme Inc said it sold", "according to the ministry": the subject of a reporting verb is a source.

    `cues` are the spans of the reporting verbs (CUE_WORDS) in the paragraph; `issued` the documents
    a verb introduces ("said in a field report"), by where it ends: its subject issued each.
    """
    for cue_start, cue_end in cues:
        if (ranges and inside_ranges(ranges, cue_start, cue_end)) or paragraph[cue_start:cue_end].split()[0] in CUE_GERUNDS:
            continue
        # Each pattern opens with its words: a cue that starts with none of them is spared the match.
        if paragraph.startswith(_NOUN_CUE_OPENINGS, cue_start) and _NOUN_CUE.match(paragraph, cue_start):
            continue  # "Press reports said": "reports" is the subject's noun, "said" the cue
        if paragraph.startswith("asked", cue_start) and _ASKED_ANONYMITY.match(paragraph, cue_start):
            continue  # "officials who asked not to be named said": the condition of anonymity, not a statement
        if paragraph.startswith("continue", cue_start) and not _SPEECH_GOES_ON.match(paragraph, cue_end):
            continue  # "Growth in jobs continued in March": going on, not speaking (", she continued." is)
        if _PASSIVE_BEFORE.search(paragraph, max(0, cue_start - 12), cue_start) \
                and not paragraph.startswith(("quoted", "asked"), cue_start):
            continue  # "Rain was reported across Iowa": what was reported, not who ("was quoted as saying",
            # "was asked ... and replied" are)
        sentence_start, _ = starts.span(index, cue_start)
        before = paragraph[sentence_start:cue_start]
        last_mark = max(before.rfind("”"), before.rfind("\""), before.rfind("“"))
        if ranges and "’" in before:  # a British quote's closing mark (a quoted range ends at it), not an apostrophe
            last_mark = max([last_mark] + [end - sentence_start for _, end in ranges
                                           if sentence_start <= end < cue_start and paragraph[end] == "’"])
        if last_mark >= 0:
            before = before[last_mark + 1:]
            offset_base = cue_start - len(before)
        else:
            offset_base = sentence_start
        if before.endswith("> "):
            before = TICKER_AT_END.sub(" ", before)  # "Jardine Matheson Holdings Ltd <JARD.HKG> said"
        if "(" in before and ":" in before and (ticker := _EXCHANGE_TICKER.search(before)) is not None:
            # "Acme Inc. (NYSE: ACM) today announced": a press release's ticker, no part of the subject;
            # spaces keep every offset
            before = before[:ticker.start()] + " " * (ticker.end() - ticker.start()) + before[ticker.end():]
        cuts: list[tuple[int, int]] = []
        if ")" in before:
            # "Acme Corp (ACME.N) said", "Foo Inc (FOO.O), the largest maker, said": today's wire copy
            # writes the ticker in parentheses; cut out, the name before it is the subject.
            before, cuts = without_rics(before)
        if before.endswith("> ") and "<" in before:
            # "<Bryson Oil and Gas Plc> said": wire copy marks an unlisted company so; the marks are no part
            # of its name. Spaces keep every offset.
            # Only a name that opens the clause: "Italy's state-owned <Banca ...>" keeps its marks, as
            # the words before them are part of the subject, which must stand as written.
            opening = before.rfind("<")
            lead = before[:opening].rstrip()
            if (not lead or lead[-1] in ",;(") and any(letter.islower() for letter in before[opening:]):
                before = before[:opening] + " " + before[opening + 1:-2] + "  "
        if " who " in before and (clause := _ANONYMITY_CLAUSE_AT_END.search(before)) is not None \
                and _BARE_CAPITALISED.fullmatch(before, 0, clause.start()):
            # "Officials who asked not to be named said": the subject is who asked, not the clause. Only
            # for one word a sentence capitalised: descriptions in lower case ("two diplomats who ...")
            # are read whole, clause and all, by _ANONYMOUS.
            before = before[:clause.start()] + " "
        if before.endswith(_UNIT_WORDS) and (unit := _UNIT_AT_END.search(before)) is not None:
            # "Sun Co's Sun Refining and Marketing subsidiary said": the unit speaks, its parent owns it.
            _cite_unit(index, paragraph, offset_base, cuts, unit, registry)
            continue
        subject = trailing_subject(before)
        if subject is None:
            if before.rstrip().endswith(","):
                # "Futures now set oil prices, said Arnold Safer, president of ...": the subject follows.
                _cite_inverted(index, paragraph, cue_start, registry)
            continue
        who, offset = subject
        if who.startswith(("who ", "whom ", "which ")):
            # "said the official, who the newspaper said was ...": the relative pronoun is no part of the subject
            cut = who.index(" ") + 1
            who, offset = who[cut:], offset + cut
        if who.lower() in ("he", "she", "they", "it", "i", "we", "you"):
            continue
        coordinated_before = before[:offset]
        offset = restore(offset, cuts)  # where the subject stands in the paragraph, the tickers and all
        if coordinated_before.endswith(" and ") and " " not in who and not cuts and \
                not _THEY_AFTER.match(paragraph, cue_end) and \
                (firm := firm_of_two_names(index, coordinated_before, offset_base, who, registry)) is not None:
            # "Phillips and Drew said": one firm, not Drew (and Phillips) saying it
            firm.cite((index, offset_base + offset))
            continue
        entity = resolve_who(who, (index, offset_base + offset), registry)
        if entity is not None and entity.kind not in ("place", "unknown") and entity.name.lower() not in BARE_SUFFIXES:
            # (a suffix alone is the tail of a name cut at its parenthesis: "<Sigma Mines (Quebec) Ltd>")
            entity.cite((index, offset_base + offset))
            if issued and (document := issued.get(cue_end)) is not None and document.author is None \
                    and entity is not document and entity.kind in ("person", "organization", "anonymous"):
                document.author = entity  # "Acme said in a statement": the statement is Acme's
            its = _ITS_AFTER.match(paragraph, cue_end) if entity.kind == "person" and not entity.title \
                and not entity.gender else None  # only read for such a person
            if its and (" " not in entity.name or (its.group(0).endswith("its")
                                                   and entity.name.split()[0].lower() not in FIRST_NAMES)):
                # "Unilever said it", "Goldman Sachs said its clients": a company, not a person
                entity.kind = "organization"
            cite_coordinated(index, coordinated_before, offset_base, entity, registry, who)
    if "comment" in paragraph:
        no_comment_subjects(index, paragraph, registry, ranges, starts)
    for match in (_QUOTED_AS.finditer(paragraph) if "quot" in paragraph else ()):
        if inside_ranges(ranges, match.start(), match.end()):
            continue
        entity = resolve_who(match.group("who"), (index, match.start("who")), registry)
        if entity is not None and entity.kind not in ("place", "unknown"):
            entity.cite((index, match.start("who")))
    for _, tail_start in (ACCORDING_TO_WORDS.spans(paragraph) if _may_cite_by(paragraph) else ()):
        stop = _TAIL_STOP.search(paragraph[tail_start:tail_start + 120])
        stop_at = tail_start + (stop.start() if stop else 80)
        who = paragraph[tail_start:stop_at].strip()
        named_after = NAME_IN_APPOSITION.match(paragraph, stop_at)
        if named_after:
            who = who + ", " + named_after.group("name")
        if not who or inside_ranges(ranges, tail_start, tail_start + 1) or not citable(who):
            continue
        report = _REPORT_IN.match(who)
        if report is not None:
            # "according to a report in the Financial Times": the outlet that ran it is the source.
            tail_start += len(paragraph[tail_start:stop_at]) - len(paragraph[tail_start:stop_at].lstrip()) + report.end()
            who = _WHEN_AT_END.sub("", who[report.end():])  # "... in The Wall Street Journal on Friday"
        entity = resolve_who(who, (index, tail_start), registry)
        if report is not None and entity is not None and "by" not in (report.group("link"), report.group("link2")):
            entity.kind = "outlet"  # what ran "in" a paper is the paper's; "by the Commerce Department" is not
        if entity is not None:
            if entity.kind in ("place", "unknown"):
                entity.kind = "organization"
            entity.cite((index, tail_start))
