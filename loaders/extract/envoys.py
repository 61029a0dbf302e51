"""Titles that name where their holder is posted: "U.S. Ambassador to the UN Linda Thomas-Greenfield".

The "to" breaks the capitalised run, so the name scan sees "U.S. Ambassador"
(a person of that name) and "UN Linda Thomas-Greenfield" (an organisation).
Joined again here, the person is Linda Thomas-Greenfield, titled "Ambassador
to the UN", of the United States. Only where the words after "to" are a
body or a place the lexicon knows, so the name's start is certain. The name
may also follow after a comma ("ambassador to the United States, Yechiel Leiter").

find_mentions sends here only text where a posted title's word ends before
" to " (substring tests: a pattern searched in every paragraph holding " to "
cost a tenth of the name scan).
"""

from __future__ import annotations

import re

from loaders.extract.lexicon import DEMONYMS, KNOWN_PLACES

_POSTED_TO = re.compile(r"\b(?P<title>[Aa]mbassador|[Ee]nvoy|[Rr]epresentative|[Cc]onsul|[Cc]onsul-[Gg]eneral|"
                        r"[Hh]igh [Cc]ommissioner) to (?:the )?(?=[A-Z])")
#: Bodies an envoy is posted to, besides the places of the lexicon.
_BODIES = frozenset({
    "un", "u.n.", "united nations", "eu", "e.u.", "european union", "nato", "african union", "au", "iaea", "wto",
    "opec", "osce", "asean", "vatican", "holy see", "un security council", "u.n. security council",
    "security council", "arab league", "imf", "world bank", "council of europe", "organization of american states",
    "gatt", "oecd", "unesco", "fao", "unctad", "ec", "e.c.", "european community", "european communities",
    "comecon", "oas", "gcc", "icco", "ico",
})


def _posted_at(words: list[str], named_after: bool = False) -> int:
    """How many of the first words name where the envoy is posted (0 when none is known): the longest wins.

    Two words are left for the name, unless it follows after a comma (`named_after`)."""
    for count in range(min(len(words) - (0 if named_after else 2), 4), 0, -1):
        lowered = " ".join(words[:count]).lower()
        if lowered in _BODIES or lowered in KNOWN_PLACES:
            return count
    return 0


def _holder(words: str) -> str | None:
    """The country an envoy serves, from the words before the title ("U.S.", "Britain's")."""
    holder = words.strip()
    holder = holder[:-2] if holder.endswith(("’s", "'s")) else holder
    lowered = holder.lower()
    if lowered in DEMONYMS:
        return DEMONYMS[lowered]
    return holder if lowered in KNOWN_PLACES else None


def join_posted_titles(text: str, mentions: list) -> list:
    """`mentions` of `text` with "<holder> Ambassador" and "<body> <Name>" read as one titled person."""
    for match in _POSTED_TO.finditer(text):
        posted = next((mention for mention in mentions if mention.start == match.end()), None)
        if posted is None:
            continue
        words = text[match.end():posted.end].split(" ")
        named = None
        if text.startswith(", ", posted.end):
            # "Israel's ambassador to the United States, Yechiel Leiter, said": the name set off after the body
            named = next((mention for mention in mentions if mention.start == posted.end + 2
                          and mention.kind in ("person", "unknown") and " " in mention.name), None)
        count = _posted_at(words, named is not None)
        if named is not None and count == len(words):
            mentions = [mention for mention in mentions if mention is not posted]
            posted, name_start = named, named.start
            title_end = match.end() + len(" ".join(words))
        elif count == 0 or not all(word[:1].isupper() for word in words[count:]):
            continue
        else:
            name_start = match.end() + len(" ".join(words[:count])) + 1
            title_end = name_start - 1
        before = next((mention for mention in mentions if mention.end == match.end("title")), None)
        if before is not None:
            # "U.S. Ambassador": the run before "to", read as a person's name, is whose envoy
            affiliation = _holder(text[before.start:match.start()])
            subject_like = before.subject_like
        else:
            last_word = text[max(0, match.start() - 30):match.start()].rsplit(None, 1)[-1:]
            affiliation = _holder(last_word[0]) if last_word else None
            subject_like = True
        person = posted._replace(start=name_start, name=text[name_start:posted.end], kind="person",
                                 title=text[match.start():title_end], affiliation=affiliation,
                                 subject_like=subject_like)
        mentions = [mention for mention in mentions if mention is not posted and mention is not before]
        mentions.append(person)
        mentions.sort(key=lambda mention: mention.start)
    return mentions
