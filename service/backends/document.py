"""What every backend indexes about an article, derived in one place.

Both engines index the same derived values (quote texts, speaker and source
names, the month, normalised keys), so a filter or facet means the same on
each. The article itself is stored whole and returned as given.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from .keys import normalize_key

#: The article fields a search hit carries (the body is fetched by id).
SUMMARY_FIELDS = (
    "id", "url", "outlet", "headline", "authors", "language", "section", "tags", "dateline",
)


def parse_timestamp(value: str | None) -> datetime | None:
    """ISO 8601 to an aware UTC datetime; a naive time is taken as UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def published_at(article: dict) -> datetime | None:
    return parse_timestamp((article.get("dateline") or {}).get("published_at"))


#: Most sources a hit's summary lists, the article's first (`source_count` tells
#: how many it has). Every quote of an article stores its summary: a digest
#: citing 2,000 sources in 1,100 quotes stored 2.3 million source entries.
SUMMARY_MAX_SOURCES = 100


def summary(article: dict, most_sources: int | None = SUMMARY_MAX_SOURCES) -> dict[str, Any]:
    """`most_sources` None: every source, as an export lists them."""
    sources = article.get("sources") or ()
    result = {name: article.get(name) for name in SUMMARY_FIELDS}
    result["quote_count"] = len(article.get("quotes") or ())
    result["source_count"] = len(sources)
    result["sources"] = [{"name": s.get("name"), "kind": s.get("kind")} for s in sources[:most_sources]]
    return result


def _unique(values) -> list[str]:
    return list(dict.fromkeys(filter(None, values)))


def _one(value) -> list[str]:
    return [value] if value else []


def listed_values(values) -> list[str]:
    """A list field's values once each (`authors`, `tags`); a stored article holds a list,
    an older or hand-made one may hold a single text."""
    if not values:
        return []
    if isinstance(values, str):
        return [values]
    return _unique(value for value in values if isinstance(value, str))


def _places(dateline: dict) -> list[str]:
    """The dateline's place, and every other bureau of a story filed from several."""
    places = dateline.get("places")
    if not places or type(places) is not list:
        return _one(dateline.get("place"))
    return _unique([dateline.get("place"), *places])


def folded_keys(keywords: dict[str, list[str]]) -> dict[str, list[str]]:
    """The normalised keys of each keyword field's values, once each.

    A value that folds to nothing ("-") has no key: a filter on it must match
    nothing, not every document holding another such value. Elasticsearch's
    reindex derives the keys again from the stored spellings with this.
    """
    return {name: _unique(map(normalize_key, values)) if len(values) > 1
            else _one(normalize_key(values[0])) if values else []
            for name, values in keywords.items()}


def derived_fields(article: dict) -> dict[str, Any]:
    """Searchable text and keyword values shared by every backend.

    Runs once per article on the loader's writing side, which is the load's
    bottleneck beside the engine: hence plain loops over the quotes and
    sources instead of one generator per field.
    """
    dateline = article.get("dateline") or {}
    quotes = article.get("quotes") or ()
    sources = article.get("sources") or ()
    published = published_at(article)
    speakers = _unique([q.get("speaker") for q in quotes])
    names = [source.get("name") for source in sources]
    kinds = [source.get("kind") for source in sources]
    keywords = {
        "outlet": _one(article.get("outlet")),
        "place": _places(dateline),
        "speaker": speakers,
        "source": _unique(names),
        "source_kind": _unique(kinds),
        "section": _one(article.get("section")),
        "language": _one(article.get("language")),
        "author": listed_values(article.get("authors")),
        "tag": listed_values(article.get("tags")),
        "month": [f"{published.year:04d}-{published.month:02d}"] if published else [],
    }
    return {
        "quote_text": [text for text in (q.get("text") for q in quotes) if text],
        "dateline_text": " ".join(
            v for v in (dateline.get("place"), dateline.get("agency"), dateline.get("raw")) if v
        ),
        "published": published,
        "keywords": keywords,
        "keys": folded_keys(keywords),
        "source_entries": source_entries(sources),
    }


def source_entries(sources) -> list[str]:
    """"kind|name" of each source, for listing sources with their kind: one per kind and key.

    An article citing one source in two spellings ("Agriculture Department." and
    "Agriculture Department", in 1987's Reuters) lists it once, in the first:
    /sources added up its spellings' articles, so such an article counted twice
    there while /search?source= found it once.
    """
    entries: dict[tuple, str] = {}
    for source in sources:
        name, kind = source.get("name"), source.get("kind")
        if name:
            entries.setdefault((kind, normalize_key(name)), f"{kind}|{name}")
    return list(entries.values())
