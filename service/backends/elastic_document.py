"""What the Elasticsearch index holds: its mapping file, one article's document, its date sorts.

The index settings and mappings live in `mappings/news-articles.json` (so
they can be reviewed, diffed and applied by hand) and are read from there,
never repeated in Python. The document mirrors the embedded schema
(`tantivy_schema.py`) field for field, filled from the same
`derived_fields`, so a filter, facet or sort means the same on both engines.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .base import FACETS, KEYWORD_FILTERS
from .date_keys import MISSING_KEY, SORT_FIELDS, TIE_MASK, join_key, second_keys, tie_code  # noqa: F401 - SORT_FIELDS: the sorts of this document
from .document import derived_fields, parse_timestamp
from .letter_folding import fold_letters
from .quote_documents import stored_quote

MAPPING_PATH = Path(__file__).resolve().parents[2] / "mappings" / "news-articles.json"
#: One document per quote, in its own index beside the articles (see README).
QUOTES_MAPPING_PATH = MAPPING_PATH.with_name("news-quotes.json")
#: Date sorts run descending on `newest_key` or `oldest_key` (seconds), then
#: on `tie` (date_keys.tie_code), then by id: the embedded index's order.
TIE_FIELD = "tie"
#: The second sort of a date sort: documents of one second by their tie code,
#: as on the embedded index. An index made before mapping v3 (until
#: `add_new_fields` maps the field) has no `tie`: its documents sort as 0.
TIE_SORT = {TIE_FIELD: {"order": "desc", "missing": 0, "unmapped_type": "integer"}}
#: Apostrophes (straight, typographic, modifier letter), the underscore and the
#: invisible format marks (soft hyphen, zero-width joiner and non-joiner,
#: direction marks and isolates, word joiner, byte order mark) split words.
_SPLITTING = re.compile("['\u2018\u2019\u02bc_\u00ad\u200c-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
                        # between letters: the period, the colon and the marks Unicode files with them
                        # (the middle dot, the Hebrew gershayim, their fullwidth and small forms)
                        "|(?<=[^\\W\\d_])[.:\u00b7\u0387\u05f4\u2024\u2027\ufe13\ufe52\ufe55\uff0e\uff1a](?=[^\\W\\d_])"
                        # between digits: the separators a figure holds ("1,987", "3.5"), which the standard
                        # tokenizer keeps inside one number where the embedded one cuts it
                        "|(?<=\\d)[.,;\u066b\u066c\u2024\ufe50\ufe52\ufe54\uff0c\uff0e\uff1b](?=\\d)")
#: The same before the underscore and the invisible marks split words.
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc]")


class MappingFileError(RuntimeError):
    """The mapping file is missing or is not the JSON the index needs."""


@lru_cache(maxsize=1)
def _load(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
        body = json.loads(text)
    except (OSError, ValueError) as error:
        raise MappingFileError(f"cannot read {path}: {error}") from error
    if not {"settings", "mappings"} <= set(body):
        raise MappingFileError(f"{path} needs both 'settings' and 'mappings'")
    return text


def index_body(path: Path = MAPPING_PATH) -> dict[str, Any]:
    """A fresh copy of `{settings, mappings}` for creating an index version."""
    return json.loads(_load(str(path)))


def index_text(text: str) -> str:
    """Text as the engine sees it, indexed and queried: apostrophes become spaces.

    The embedded tokenizer splits "fishermen's" into "fishermen" + "s", so a
    search for "fishermen" finds it. Elasticsearch's standard tokenizer keeps
    it whole and relies on a possessive filter, which osmem and OpenSearch
    handle differently (osmem ignores char filters and `pattern_replace` at
    index time and breaks on `possessive_english`). Splitting here, in
    Python, behaves the same on every engine. The replacement keeps every
    character position, so highlight marks map back onto the original text.

    The underscore splits words too: the standard tokenizer joins words
    around it, the embedded one splits them, so "@Reuters_Biz" and
    "#OPEC_talks" were found by `reuters` and `opec` on the embedded index only.
    So do the invisible format marks, which the standard tokenizer keeps
    inside a word and tantivy's splits at: "oil" followed by a direction
    mark, as right-to-left pages print Latin words, was found by `oil` on
    the embedded index only.

    So does a period or colon between two letters, which the standard
    tokenizer (UAX #29) reads as inside one word: "Amazon.com", a ticker's
    "<ACME.N>", "reuters.com" in an address, "news.desk@afp.com", "U.S."
    were each one word there, so `amazon`, `acme` or `afp` found them on
    the embedded index only. So does a figure's comma or point between
    digits ("1,987", "3.5", "51,187,000"), which the standard tokenizer keeps
    in one number and the embedded one cuts: `987` found "1,987 tonnes" on
    the embedded index only, and near spellings of figures (`1987~`) found
    other articles on each. A colon between digits ("16:30") both split.

    The Turkish "İ" is given as "I": Lucene lower-cases it to "i", osmem
    to "i" and a combining dot, a word `Istanbul` did not find there. Greek
    loses its accents and "ё" is "е", as on the embedded index
    (letter_folding.py): a document written before keeps them, and a query
    also asks for its words as typed (`index_text_as_before`, `on_field`).
    """
    if "\u0130" in text:
        text = text.replace("\u0130", "I")  # as Lucene lower-cases it ("i"); osmem made it "i" and a dot
    return _SPLITTING.sub(" ", fold_letters(text))


def index_text_as_before(text: str) -> str:
    """`index_text` as documents written before the underscore and the
    invisible marks split words were indexed: "reuters_biz" is one word there
    until the article is written again."""
    return _APOSTROPHES.sub(" ", text)


def to_source(article: dict, derived: dict | None = None) -> dict[str, Any]:
    """The indexed document; `doc` is the article whole, returned as given."""
    derived = derived or derived_fields(article)
    source: dict[str, Any] = {
        "id": article["id"],
        "content_hash": article.get("content_hash") or "",
        "doc": article,
        "headline": index_text(article.get("headline") or ""),
        "body": [index_text(p) for p in article.get("body") or []],
        "quote": [index_text(q) for q in derived["quote_text"]],
        "speaker": [index_text(n) for n in derived["keywords"]["speaker"]],
        "source": [index_text(n) for n in derived["keywords"]["source"]],
        "outlet": [index_text(n) for n in derived["keywords"]["outlet"]],
        "dateline": [index_text(derived["dateline_text"])] if derived["dateline_text"] else [],
        "author": [index_text(n) for n in derived["keywords"]["author"]],
    }
    source["source_entry_facet"] = derived["source_entries"]
    _add_keys_and_dates(source, derived["keys"], derived["keywords"], derived["published"], article["id"])
    source["ingested_key"] = ingested_key(article)
    return source


def ingested_key(article: dict) -> int:
    """`sort=ingested`'s key of an article: the second it was last written (`ingested_at`)."""
    return second_keys(parse_timestamp(article.get("ingested_at")))[0]


def quote_source(record: dict, statement_id: str, wording: str, bands: list[str]) -> dict[str, Any]:
    """The indexed document of one quote (quote_documents.quote_records)."""
    source: dict[str, Any] = {
        "quote_id": record["quote_id"],
        "article_id": record["article_id"],
        "statement_id": statement_id,
        "wording": wording,
        "band": bands,
        "doc": stored_quote(record, statement_id),
        "headline": index_text(record["article"].get("headline") or ""),
        "quote": [index_text(record["quote"].get("text") or "")],
        "speaker": [index_text(n) for n in record["keywords"]["speaker"]],
        "source": [index_text(n) for n in record["keywords"]["source"]],
        "outlet": [index_text(n) for n in record["keywords"]["outlet"]],
        "dateline": [index_text(record["dateline_text"])] if record["dateline_text"] else [],
        "author": [index_text(n) for n in record["keywords"]["author"]],
    }
    _add_keys_and_dates(source, record["keys"], record["keywords"], record["published"], record["quote_id"])
    return source


def _add_keys_and_dates(source: dict, keys: dict, keywords: dict, published, identity: str) -> None:
    for name in KEYWORD_FILTERS:
        source[f"{name}_key"] = keys.get(name, [])
    for name in FACETS:
        source[f"{name}_facet"] = keywords.get(name, [])
    if published is not None:
        source["published"] = published.isoformat()
    source["newest_key"], source["oldest_key"] = second_keys(published)
    source[TIE_FIELD] = tie_code(identity)


def key_sort(field: str) -> dict:
    """Descending on a date key; a document without one (an article written before
    mapping v5 gave `ingested_key`, until `reindex`) sorts as undated, last."""
    return {field: {"order": "desc", "missing": MISSING_KEY, "unmapped_type": "long"}}


def date_key(row: dict) -> int:
    """A date-sorted hit's key as the embedded index has it: second and tie code in one.

    osmem reports the sort value of an unmapped `tie` as the smallest
    integer whatever `missing` says; read as 0, what `missing` asks for.
    """
    second, tie = max(int(row["sort"][0]), MISSING_KEY), int(row["sort"][1])
    return join_key(second, tie if 0 <= tie <= TIE_MASK else 0)
