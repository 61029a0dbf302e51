"""Stable article ids and content hashes.

An id is the one given, else a hash of the canonical URL in its https form
(a URL without a host: of the outlet + the URL), else a hash of outlet + headline + date (feed
entries without a link: of feed + guid): loading the same article again, from
any format, finds the same id, so a re-run replaces instead of duplicating.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Callable, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import orjson

from service.backends.document import parse_timestamp
from service.backends.keys import fold_case_and_accents

ID_PATTERN = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\Z")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|ref|smid|mod)$", re.I)
_DEFAULT_PORTS = {"http": "80", "https": "443"}
#: Fields that make up an article's content; ids and timestamps are not content.
CONTENT_FIELDS = (
    "url", "outlet", "headline", "body", "authors", "language", "section", "tags",
    "dateline", "sources", "quotes",
)


def canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    if parts.port and str(parts.port) != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    return urlunsplit((scheme, host, path, query, ""))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def stable_id(article: dict) -> str:
    if article.get("id"):
        return str(article["id"])
    if article.get("url"):
        return _url_id(identity_url(article["url"]), article.get("outlet"))
    return _dated_id(article, _utc_day(_published(article)))


def _published(article: dict) -> str:
    published = (article.get("dateline") or {}).get("published_at")
    return published if isinstance(published, str) else ""


def _utc_day(published: str) -> str:
    """The day (YYYY-MM-DD, in UTC) an id without a url hashes.

    The readers give every date in UTC (`2025-03-03T19:30:00+00:00`), while
    `POST /articles` stores it as sent (`2025-03-04T01:00:00+05:30`, or ISO
    8601's basic `20250304T013000+0530`): hashed as written (its first ten
    characters), one story loaded from a file and posted got two ids, two
    articles. A value that is no date keeps its first ten characters.
    """
    instant = parse_timestamp(published)
    return instant.date().isoformat() if instant is not None else published[:10]


def _dated_id(article: dict, day: str) -> str:
    # Not `normalize_key`: its folding may change (punctuation, schema v8), an id never may.
    key = "\n".join(fold_case_and_accents(v or "")
                    for v in (article.get("outlet"), article.get("headline"), day))
    return _digest("article\n" + key)


def _url_id(canonical: str, outlet: str | None) -> str:
    """Id of an article by its address; a relative one (`/news/1`, `news/1`) within its outlet.

    JSON exports and `POST /articles` may give a url without a host, which
    names a page only on its own site: hashed alone, one outlet's `/news/1`
    took another's id, and the second article loaded replaced the first
    without a word. A url with a host keeps the key it always had (indexes
    hold those ids), and so does a relative one of an article naming no
    outlet, which has nothing to tell it apart by.
    """
    folded = fold_case_and_accents(outlet or "") if urlsplit(canonical).netloc == "" else ""
    if not folded:
        return _digest("url\n" + canonical)
    # The folded outlet has no line break, nor does a canonical URL (urlsplit drops them): no old key is met.
    return _digest("url\n" + folded + "\n" + canonical)


def identity_url(url: str) -> str:
    """The form of a web address its article's id hashes: canonical, and https (ValueError if malformed).

    Whatever tells links apart where ids are at stake (a feed's links shared
    by several entries) reads them so, or it takes one page for two.
    """
    return _secure(canonical_url(url))


def _secure(canonical: str) -> str:
    """The `https` form of a web address (`http://host/...`, or `//host/...`), which ids hash.

    A site that moved to https (or a feed that links both ways) names each
    story twice; hashed as written, each name was an article of its own, and
    a re-run of the same feed after the move added every story again.

    A port of 443 is https's own, and `canonical_url` leaves it out of an
    https address: `//host:443/a` and `http://host:443/a`, read as https,
    are `https://host/a`, not another address of their own.
    """
    netloc = urlsplit(canonical).netloc
    if not netloc:  # relative, as `http:/news/1` is (canonically `http:///news/1`)
        return canonical
    if not canonical.startswith(("http://", "//")):  # canonical_url lower-cased the scheme
        return canonical
    address = canonical.partition("//")[2]  # the netloc (host[:port], no credentials), then the rest
    if netloc.endswith(":443"):
        address = netloc[:-len(":443")] + address[len(netloc):]
    return "https://" + address


def earlier_ids(article: dict) -> tuple[str, ...]:
    """Ids an index may hold this article under, from before `stable_id` was what it is.

    - a web address was hashed as written, `http://host/...` or
      `//host/...`, where its https form is hashed now;
    - a relative one (`/news/1`) was hashed without its outlet: such an id
      may be another outlet's article, so it is only to be taken where the
      article stored there has this one's id under today's rules
      (`same_article`);
    - without a url, the date was hashed as written, not as its UTC day.

    Empty for an article whose id was given, or whose url or date gives the id it always gave.
    """
    url = article.get("url")
    if not url:
        return _earlier_dated_ids(article)
    try:
        canonical = canonical_url(url)
    except ValueError:
        return ()
    if article.get("id") != _url_id(_secure(canonical), article.get("outlet")):
        return ()  # given, or not from this url
    if urlsplit(canonical).netloc:
        address = canonical.partition("//")[2]
        earlier = {_digest("url\nhttp://" + address), _digest("url\n//" + address)}
    else:
        earlier = {_digest("url\n" + canonical)}
    earlier.discard(article["id"])
    return tuple(sorted(earlier))


def _earlier_dated_ids(article: dict) -> tuple[str, ...]:
    """The id an article without a url had when its date was hashed as written
    (see `_utc_day`): posted with an offset that moves the day, or in ISO 8601's basic form."""
    published = _published(article)
    if not published or article.get("id") != _dated_id(article, _utc_day(published)):
        return ()  # given, or not from this date
    before = _dated_id(article, published[:10])
    return (before,) if before != article["id"] else ()


def same_article(stored: dict, article_id: str) -> bool:
    """Whether the article stored under an earlier id is the one `article_id` names now."""
    try:
        return stable_id({**stored, "id": None}) == article_id
    except ValueError:
        return False


def id_today(stored: dict) -> str | None:
    """The id today's rules give an article an index holds under an earlier id, else None.

    None too for an article under today's id or a given one. What an upgrade
    of the embedded index asks of each article it copies: a load since the
    upgrade, which cannot see the older version, wrote the story under this
    id, and a copy under the earlier one would be the story twice.
    """
    try:
        today = stable_id({**stored, "id": None})
    except ValueError:
        return None
    if today == stored.get("id") or stored.get("id") not in earlier_ids({**stored, "id": today}):
        return None
    return today


def keep_earlier_ids(articles: Sequence[dict], stored: Callable[[list[str]], dict[str, dict]]) -> None:
    """Give each article the earlier id the index holds it under, if any (in place).

    `stored` is the backend's `get_many`. An article found under today's id
    keeps it; one found under an earlier id (an http address loaded before
    the site moved to https) keeps that one, so a re-run updates it instead
    of adding it again, and the id that readers and links know stays valid.
    """
    pending = [(article, ids) for article in articles if (ids := earlier_ids(article))]
    if not pending:
        return
    found = stored(list(dict.fromkeys(
        i for article, ids in pending for i in (article["id"], *ids))))
    for article, ids in pending:
        if article["id"] in found:
            continue
        for candidate in ids:
            if candidate in found and same_article(found[candidate], article["id"]):
                article["id"] = candidate
                break


def guid_id(feed: str | None, guid: str) -> str:
    """Id of a feed entry that has no web link: its guid, within its feed.

    Without it such entries fell back to outlet + headline + day, so two
    link-less entries with the same title on the same day overwrote each
    other. The feed is part of the key because many feeds number their guids
    from 1. Articles without a guid keep the old fallback (indexes hold it).
    """
    return _digest("guid\n" + fold_case_and_accents(feed or "") + "\n" + guid)


def content_hash(article: dict, json_only: tuple[str, ...] = ()) -> str:
    """SHA-256 of the content fields as `json.dumps(sort_keys=True, ensure_ascii=False)`
    writes them compactly, in UTF-8: the hashes indices hold were made so.

    `json_only` names fields the caller knows hold only text, integers,
    true/false/null, lists and objects with text keys (the built-in
    extractor's quotes and sources): they are not walked to make sure.
    """
    content = {name: article.get(name) for name in CONTENT_FIELDS}
    return hashlib.sha256(_canonical_json(content, json_only)).hexdigest()


#: Values orjson writes byte for byte as `json.dumps` does (exact types, not subclasses).
_SAME_IN_ORJSON = frozenset({str, int, bool, type(None)})
_TEXT = frozenset({str})


def _canonical_json(content: dict, json_only: tuple[str, ...] = ()) -> bytes:
    """The bytes `content_hash` hashes; orjson writes them where it writes json's bytes.

    `json.dumps` with sorted keys cost a third of a prepare outside the
    extraction (35-40 us an article); orjson writes the same bytes in a
    sixth of that for strings, integers, true/false/null, lists and objects
    with text keys (tests/unit/test_identity.py compares the two). Floats it
    writes otherwise (`1e-5`, and NaN as null), and other types too: content
    holding any goes to json, as does what orjson refuses (an integer beyond
    64 bits, an unpaired surrogate, which json's bytes then refuse with
    UnicodeEncodeError as before). Checking the extractor's quotes and sources,
    ten small objects an article, would cost half the saving: see `json_only`.
    """
    if all(name in json_only or _json_alike(value) for name, value in content.items()):
        try:
            return orjson.dumps(content, option=orjson.OPT_SORT_KEYS)
        except TypeError:  # orjson.JSONEncodeError
            pass
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_alike(value) -> bool:
    """Whether `value` holds only what orjson writes as `json.dumps` does (see `_canonical_json`).

    The types of a list's items or an object's keys and values are taken as
    one set (`map(type, ...)` runs in C): only nested lists and objects recurse.
    """
    kind = type(value)
    if kind in _SAME_IN_ORJSON:
        return True
    if kind is dict:
        if not set(map(type, value)) <= _TEXT:
            return False
        items = value.values()
    elif kind is list or kind is tuple:
        items = value
    else:
        return False
    return set(map(type, items)) <= _SAME_IN_ORJSON or all(map(_json_alike, items))
