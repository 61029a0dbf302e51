"""A minister of two portfolios: "Trade and Industry Minister Hajime Tamura".

The "and" splits the capitalised run, so the title kept only the words after
it ("Industry Minister"), or the first portfolio became where he works
("Minister" of "Mines" in "Energy and Mines Minister"), and "British Trade" a
person of its own. Joined again here when the word before "and" is one a
portfolio or a title is named by; "Reagan and Treasury Secretary James Baker"
names two people and is left alone.
"""

from __future__ import annotations

import re

from loaders.extract.lexicon import DEMONYMS, TITLE_WORDS

#: Portfolios the title words leave out: "Energy and Mines Minister", "Power and Steel Minister".
PORTFOLIOS = TITLE_WORDS | frozenset({
    "mines", "mining", "minerals", "resources", "power", "steel", "research", "food", "fisheries", "forestry",
    "tourism", "works", "posts", "telecommunications", "employment", "welfare", "water", "lands", "affairs",
    "international", "external", "primary", "home", "livestock",
})
_BEFORE_AND = re.compile(r"(?:^|(?<= ))(?P<word>[A-Z][\w-]*) and $")
_TWO_PORTFOLIOS = re.compile(r"(?P<first>[A-Z][\w-]*) and (?P<second>[A-Z][\w-]*)")

NamedRun = tuple[int, int, int, str, str, "str | None", "str | None", "str | None"]


def _title_start(run: str, portfolio_at: int) -> int:
    """Where the title opens that the portfolios at `portfolio_at` end: a title and what it is of
    before them ("Japan's Minister of International Trade and Industry"), title words ("Crown Prince
    and Prime Minister"), or the portfolios themselves."""
    tokens = [(match.start(), match.group()) for match in re.finditer(r"\S+", run[:portfolio_at])]
    cut = len(tokens)
    for index in range(len(tokens) - 1, 0, -1):
        if tokens[index][1] in ("of", "for") and tokens[index - 1][1].lower() in TITLE_WORDS:
            cut = index - 1
            break
    while cut > 0 and tokens[cut - 1][1].lower() in PORTFOLIOS:
        cut -= 1
    return tokens[cut][0] if cut < len(tokens) else portfolio_at


def join_portfolios(run: str, names: list[NamedRun]) -> list[NamedRun]:
    """`names` of `run` with a title of two portfolios whole, and the names its first part made dropped."""
    joined: list[NamedRun] = []
    for named in names:
        lead, start, end, name, kind, title, affiliation, gender = named
        if kind != "person" or not title or " and " not in run[:start]:
            joined.append(named)
            continue
        title_at = run.rfind(title, 0, start)
        head = run[:title_at] if title_at >= 0 else ""
        read_as_body = bool(affiliation) and head.rstrip().endswith(affiliation)
        pair = _TWO_PORTFOLIOS.fullmatch(affiliation) if read_as_body else None
        found = None if pair else _BEFORE_AND.search(head[:len(head) - len(affiliation) - 1] if read_as_body else head)
        if pair is not None and pair.group("first").lower() in PORTFOLIOS:
            portfolio_at = len(head.rstrip()) - len(affiliation)  # "Mines and Energy Minister": read as his body
        elif found is not None and found.group("word").lower() in PORTFOLIOS:
            portfolio_at = found.start("word")
        else:
            joined.append(named)
            continue
        portfolio_at = _title_start(run, portfolio_at)
        words = run[portfolio_at:title_at].strip()
        holder = run[:portfolio_at].strip()
        if holder.endswith(("'s", "’s")):
            holder = holder[:-2]
        # "British Trade", "Mines and Energy": the names the portfolios made are none
        joined = [other for other in joined if other[2] <= portfolio_at or other[1] >= title_at]
        joined.append((0 if holder else portfolio_at, start, end, name, kind, f"{words} {title}",
                       DEMONYMS.get(holder.lower(), holder) if holder else None, gender))
    return joined
