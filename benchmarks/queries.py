"""The query set every engine answers, and the three forms it is handed over in.

`queries.txt` (plus the Reuters queries for that corpus) is read once into
BenchQuery items; the hand-compiled references (raw tantivy, FTS5) read them with
`hand_parse`, the embedded engine gets the arguments the API would pass on
(`api_args`), and the HTTP client the URL (`http_path`). Keeping the three side
by side is what makes the engines answer the same question.
"""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import corpus as corpora

QUERIES_FILE = Path(__file__).with_name("queries.txt")
#: Every engine is asked for one page of this many hits.
PAGE_SIZE = 10


@dataclass
class BenchQuery:
    cls: str
    q: str
    params: list[tuple[str, str]] = field(default_factory=list)  # GET /search parameters
    offset: int = 0

    @property
    def label(self) -> str:
        extra = "&".join(f"{k}={v}" for k, v in self.params)
        return self.q + (f" [{extra}]" if extra else "") + (f" [offset={self.offset}]" if self.offset else "")

    def param(self, name: str) -> list[str]:
        return [v for k, v in self.params if k == name]


def load_queries(corpus: str, path: Path = QUERIES_FILE) -> list[BenchQuery]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        cls, q = parts[0].strip(), parts[1]
        params_text = parts[2].strip() if len(parts) > 2 else ""
        scope = parts[3].strip() if len(parts) > 3 else "all"
        if scope not in ("all", corpus):
            continue
        params = urllib.parse.parse_qsl("" if params_text in ("", "-") else params_text)
        offset = sum(int(v) for k, v in params if k == "offset")
        queries.append(BenchQuery(cls, q, [(k, v) for k, v in params if k != "offset"], offset))
    if corpus == "reuters":
        for query, kind, _freq in corpora.reuters_queries():
            queries.append(BenchQuery(f"reuters_{kind}", query))
    return queries


# ======================================================================================
# a minimal query reader for the hand-compiled references (raw tantivy, FTS5)
#
# Independent of service/query on purpose: it only knows the constructs in
# queries.txt and the Reuters queries (words, "phrases", AND, OR, NOT/-,
# field:word, field:"phrase", field:(...)).

_HAND_TOKEN = re.compile(r'\s*(?:(?P<field>[a-z]+):)?(?P<tok>"[^"]*"|\(|\)|-|[^\s()"]+)')


def hand_parse(text: str):
    tokens: list[tuple[str | None, str]] = []
    position = 0
    while position < len(text):
        match = _HAND_TOKEN.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
        tokens.append((match.group("field"), match.group("tok")))
    tokens = [t for t in tokens if t[1]]
    index = 0

    def peek():
        return tokens[index] if index < len(tokens) else (None, None)

    def expression(scope):
        nonlocal index
        parts = [conjunction(scope)]
        while peek()[1] == "OR":
            index += 1
            parts.append(conjunction(scope))
        return parts[0] if len(parts) == 1 else ("or", parts)

    def conjunction(scope):
        nonlocal index
        parts = []
        while peek()[1] not in (None, ")", "OR"):
            if peek()[1] == "AND":
                index += 1
                continue
            parts.append(unary(scope))
        return parts[0] if len(parts) == 1 else ("and", parts)

    def unary(scope):
        nonlocal index
        field_name, token = peek()
        if token in ("-", "NOT"):
            index += 1
            return ("not", unary(scope))
        return primary(scope)

    def primary(scope):
        nonlocal index
        field_name, token = peek()
        index += 1
        scope = field_name or scope
        if token == "(":
            node = expression(scope)
            index += 1  # ")"
            return node
        if token.startswith('"'):
            return ("phrase", scope, token.strip('"'))
        return ("term", scope, token)

    return expression(None)


def hand_leaves(node, negated=False):
    kind = node[0]
    if kind in ("term", "phrase"):
        if not negated:
            yield node
    elif kind == "not":
        yield from hand_leaves(node[1], not negated)
    else:
        for child in node[1]:
            yield from hand_leaves(child, negated)


_LIST_PARAMS = ("outlet", "place", "speaker", "source", "source_kind", "section", "language")


def api_args(bench: BenchQuery) -> dict:
    """`GET /search` arguments as SearchArgsSchema loads them, with the cursor of a deep page."""
    from service.backends.cursors import Cursor
    from service.schemas.search import SearchArgsSchema
    from service.search import build_request

    raw: dict[str, Any] = {"q": bench.q, "size": PAGE_SIZE}
    for key, value in bench.params:
        if key in _LIST_PARAMS:
            raw.setdefault(key, []).append(value)
        else:
            raw[key] = value
    args = SearchArgsSchema().load(raw)
    if bench.offset:
        fingerprint = build_request(args).fingerprint()
        args["cursor"] = Cursor(fingerprint, offset=bench.offset).encode()
    return args


def http_path(bench: BenchQuery) -> str:
    params = [("q", bench.q), ("size", str(PAGE_SIZE))] + list(bench.params)
    if bench.offset:
        params.append(("cursor", api_args(bench)["cursor"]))
    return "/search?" + urllib.parse.urlencode(params)
