"""One article, from a reader's raw dict to what gets indexed.

The loader CLI and `POST /articles` both call `prepare`, so an article is
cleaned, extracted, identified and validated the same way on every path.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timezone
from typing import Callable

from marshmallow import ValidationError

from service.errors import ArticleRejected
from service.schemas.article import ArticleSchema, item_name, load_plain, published_at_problem

from .extract import extract
from .identity import content_hash, stable_id
from .languages import primary_language

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")  # _SPACES but the plain space
_BLANK_LINES = re.compile(r"\n\s*\n")
#: Characters no stored text may hold: control characters but newline and tab
#: (a NUL in a headline breaks clients and exports) and unpaired surrogates
#: (JSON's `\ud800` escape decodes to one; it cannot be encoded as UTF-8, so the
#: content hash and every writer after it would fail on the article).
_UNFIT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: The control characters Python counts as whitespace become a space, not nothing,
#: so "one\x0ctwo" stays two words; the others are dropped.
_UNFIT_REPLACEMENTS = {
    **{code: None for code in (*range(0x00, 0x09), *range(0x0e, 0x1c), *range(0x7f, 0xa0))},
    **{code: " " for code in (0x0b, 0x0c, 0x1c, 0x1d, 0x1e, 0x1f, 0x85)},
    **{code: "\ufffd" for code in range(0xd800, 0xe000)},
}
#: The soft hyphen (HTML's `&shy;`) marks where a word may break across lines
#: and is invisible otherwise; kept, "inter\u00adnational" was two words to the
#: embedded index and one unknown word to Elasticsearch, so a search for
#: "international" found it on neither. Dropped from the body and headline.
SOFT_HYPHEN = "\u00ad"
_TEXT = frozenset({str})
_SCHEMA = ArticleSchema()
#: Quotes and sources the built-in extractor found are well formed by construction
#: (tests/unit/test_pipeline.py holds it to the full schema), and checking them
#: costs a quarter of a prepare: they skip the schema; anything given is checked.
_EXTRACTED = ("quotes", "sources")
_SCHEMAS_SKIPPING = {
    skipped: ArticleSchema(exclude=skipped) if skipped else _SCHEMA
    for skipped in ((), ("quotes",), ("sources",), _EXTRACTED)
}


def clean_text(value, field: str = "text") -> str | None:
    """Text with normalised spaces and line ends, or None when blank.

    Numbers become text (`"section": 5`); any other non-text (a list, an
    object, true/false) is refused with the field's name rather than stored
    as its Python repr ("['x', 'y']").
    """
    if value is None:
        return None
    if isinstance(value, str):
        text = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(value)
    else:
        problem = f"{field} must be text, not {json_type(value)}"
        raise ArticleRejected(problem, errors=_field_errors(field, problem))
    if _UNFIT.search(text):
        text = text.translate(_UNFIT_REPLACEMENTS)
    if field != "url" and not _composed(text):
        text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Most text has single plain spaces only, which _SPACES would replace by themselves: skip the rewrite.
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return text.strip() or None


def _composed(text: str) -> bool:
    """Whether `text` is in composed form (NFC), as typed on most keyboards.

    Copy from some systems (macOS file names, PDF exports) writes "é" as "e"
    and a combining accent. Elasticsearch then indexed a word no query typed
    with "é" finds (its ASCII folding folds "é", not a lone accent), and the
    embedded index cut the word at the accent, so the two found different
    articles and the extraction read "E\u0301ric Zemmour" as no name. Stored
    composed, it is the same text to a reader and the same word to both
    engines. URLs are left as given: their ids hash them as written.
    """
    return text.isascii() or unicodedata.is_normalized("NFC", text)


def clean_paragraphs(body) -> list[str]:
    """A body given as one string splits at blank lines (or lines, if none)."""
    if body is None:
        return []
    if isinstance(body, str):
        text = body.replace("\r\n", "\n").replace("\r", "\n")
        body = _BLANK_LINES.split(text) if _BLANK_LINES.search(text) else text.split("\n")
        body = [" ".join(part.split("\n")) for part in body]
    if not isinstance(body, (list, tuple)):
        raise ArticleRejected(f"body must be text or a list of paragraphs, not {type(body).__name__}")
    if _plain_paragraphs(body):
        return [paragraph for paragraph in map(str.strip, body) if paragraph]
    cleaned = (clean_text(part, f"body paragraph {number}")
               for number, part in enumerate(body, start=1) if part is not None)
    return [p for p in map(drop_soft_hyphens, cleaned) if p]


def clean_dateline(dateline: dict) -> dict:
    """Each dateline field cleaned as text; `places` (the bureaus of a story
    filed from several, a list) place by place.

    Every field was cleaned as one text, so a dateline holding `places`
    was refused ("dateline.places must be text, not a list"): an article
    fetched from `/articles/<id>` could not be posted back, nor loaded from
    a JSON export, whenever its story came from two bureaus.
    """
    cleaned = {}
    for key, value in dateline.items():
        if key == "places" and isinstance(value, (list, tuple)):
            cleaned[key] = [place for place in (clean_text(place, "dateline.places") for place in value) if place]
        else:
            cleaned[key] = clean_text(value, f"dateline.{key}")
    return cleaned


def drop_soft_hyphens(text: str | None) -> str | None:
    """`text` without soft hyphens, stripped, or None when nothing else is left."""
    if not text or SOFT_HYPHEN not in text:
        return text
    return text.replace(SOFT_HYPHEN, "").strip() or None


def _field_errors(field: str, problem: str) -> dict:
    """`problem` at `field` as marshmallow nests errors, for the API's
    `details.errors`: "body paragraph 3" is `body` -> `"2"`, "dateline.place"
    is `dateline` -> `place` (the reason itself names them as people count)."""
    if field.startswith("body paragraph "):
        return {"body": {str(int(field.rsplit(" ", 1)[1]) - 1): [problem]}}
    if field.startswith("dateline."):
        return {"dateline": {field.split(".", 1)[1]: [problem]}}
    return {field: [problem]}


def _plain_paragraphs(body: list | tuple) -> bool:
    """Whether every paragraph is text `clean_text` would only strip.

    Most bodies are, and one look at them joined costs a third of cleaning
    each paragraph (15 us an article). The newline joining them is no
    character `clean_text` rewrites and makes no double space, so the joined
    text holds one exactly when a paragraph does.
    """
    if not set(map(type, body)) <= _TEXT:
        return False
    text = "\n".join(body)
    return not ("  " in text or "\r" in text or SOFT_HYPHEN in text or _UNFIT.search(text)
                or _ODD_SPACE.search(text) or not _composed(text))


def json_type(value) -> str:
    """The JSON name of a value's type, as the person who wrote the input knows it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return type(value).__name__


def prepare(raw: dict, reference: datetime, now: datetime | None = None,
            extractor: Callable[[dict, datetime], dict] = extract) -> dict:
    """Clean, extract and validate one article; raises ArticleRejected with the reason.

    `extractor` is swappable so tests of the index can pin the quotes and
    sources they search for, whatever the extractor would find.
    """
    if not isinstance(raw, dict):
        raise ArticleRejected(f"an article must be an object, not {type(raw).__name__}")
    article = dict(raw)
    article["headline"] = clean_text(article.get("headline"), "headline")
    article["body"] = clean_paragraphs(article.get("body"))
    if not article["headline"] and not article["body"]:
        raise ArticleRejected("no headline and no body text",
                              errors={"headline": ["no headline"], "body": ["no body text"]})
    if not article["headline"]:
        raise ArticleRejected("no headline", errors={"headline": ["no headline"]})
    if not article["body"]:
        raise ArticleRejected("no body text", errors={"body": ["no body text"]})
    for name in ("url", "outlet", "section", "language"):
        article[name] = clean_text(article.get(name), name)
    for name in ("authors", "tags"):
        values = article.get(name) or []
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, (list, tuple)):
            raise ArticleRejected(f"{name} must be a list of strings", errors={name: ["must be a list of strings"]})
        article[name] = [v for v in (clean_text(x, name) for x in values) if v]
    if article.get("dateline") is not None and not isinstance(article["dateline"], dict):
        raise ArticleRejected("dateline must be an object with place, agency, published_at, raw",
                              errors={"dateline": ["must be an object with place, agency, published_at, raw"]})
    article["dateline"] = clean_dateline(article.get("dateline") or {})
    article.setdefault("language", None)
    # Stored as feeds and pages store it, `fr` for `fr-FR`: kept as given by JSON and POST, the same
    # story read from JSON and from its feed had two languages, and `language=fr` missed the first.
    article["language"] = primary_language(article["language"]) or article["language"] or "en"
    given = {name: article.get(name) for name in _EXTRACTED}
    article = extractor(article, reference)
    if problem := published_at_problem((article.get("dateline") or {}).get("published_at")):
        # As POST's 422 says it, on every backend: not tantivy's range error at the write.
        raise ArticleRejected(f"dateline.published_at: {problem}", errors={"dateline": {"published_at": [problem]}})
    article["id"] = _given_id(article.get("id"))
    try:
        article["id"] = stable_id(article)
    except ValueError as error:
        problem = f"malformed url {article.get('url')!r}: {error}"
        raise ArticleRejected(problem, errors={"url": [problem]}) from None
    # After the id, which hashes the headline as it was (an article without a url keeps its id).
    article["headline"] = drop_soft_hyphens(article["headline"]) or article["headline"]
    if not article.get("outlet") and (agency := (article.get("dateline") or {}).get("agency")):
        # Wire copy names no outlet: the agency of its dateline ("(Reuters)") published it, so a
        # search for outlet=Reuters finds it. Set after the id, which keeps the outlet as given:
        # an article indexed before keeps its id and is updated, never duplicated.
        article["outlet"] = agency
    extracted = tuple(name for name in _EXTRACTED if article[name] is not given[name]) if extractor is extract else ()
    try:
        article["content_hash"] = content_hash(article, json_only=extracted)
    except UnicodeEncodeError:
        # Cleaned fields cannot hold one; given quotes, sources or dateline keys can.
        raise ArticleRejected("text holds an unpaired surrogate (an invalid \\ud800-\\udfff escape), "
                              "which cannot be stored") from None
    article["ingested_at"] = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    found = {name: article.pop(name) for name in extracted}
    skipped = extracted
    try:
        loaded = load_plain(article, skipped)
        if loaded is None:
            loaded = _SCHEMAS_SKIPPING[skipped].load(article)
    except ValidationError as error:
        raise ArticleRejected(f"invalid article: {describe_errors(error.messages)}",
                              errors=error.messages) from None
    if len(extracted) < len(_EXTRACTED):
        # Quotes or sources given: hashed as stored, the schema's defaults filled in, so the
        # article fetched (or dumped) and given back as it is is unchanged, not updated again.
        loaded["content_hash"] = content_hash({**loaded, **found})
    return {**loaded, **found}


def _given_id(value):
    """A given id as text, or None: `true` or an object (`{"$oid": ...}`) is
    refused by name rather than stored as its Python repr ("True")."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, type(None))):
        problem = f"id must be text or a number, not {json_type(value)}"
        raise ArticleRejected(problem, errors={"id": [problem]})
    return value


def describe_errors(messages, prefix: str = "") -> str:
    """Flatten marshmallow's nested messages into `field: problem; ...`.

    A paragraph, author or tag is named as people count them, "body paragraph
    3" or "tag 1", not by the schema's index (`body.2`, `tags.0`), as
    `clean_text`'s reasons and the API's messages name it (`item_name`).
    """
    parts = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            if name := item_name(prefix.rstrip("."), key):
                parts.append(describe_errors(value, f"{name}."))
                continue
            parts.append(describe_errors(value, f"{prefix}{key}." if prefix or key != "_schema" else ""))
    elif isinstance(messages, list):
        parts.append(f"{prefix.rstrip('.') or 'article'}: {' '.join(str(m) for m in messages)}")
    else:
        parts.append(f"{prefix.rstrip('.')}: {messages}")
    return "; ".join(p for p in parts if p)
