"""Stable ids and content hashes: the same article always gets the same id."""
from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.identity import ID_PATTERN, canonical_url, content_hash, earlier_ids, keep_earlier_ids, stable_id

BASE = "https://harborgazette.example/politics/2024/02/06/okafor-sable-bank"


# -- canonical_url ---------------------------------------------------------------

def test_scheme_and_host_are_lower_cased_path_is_not():
    assert canonical_url("HTTPS://HarborGazette.EXAMPLE/Politics/Okafor") == \
        "https://harborgazette.example/Politics/Okafor"


@pytest.mark.parametrize("url, expected", [
    ("https://news.example:443/a", "https://news.example/a"),
    ("http://news.example:80/a", "http://news.example/a"),
    ("http://news.example:8080/a", "http://news.example:8080/a"),
    ("https://news.example:80/a", "https://news.example:80/a"),
])
def test_default_port_is_dropped_other_ports_kept(url, expected):
    assert canonical_url(url) == expected


def test_fragment_is_dropped():
    assert canonical_url(BASE + "#comments") == BASE


@pytest.mark.parametrize("query", [
    "utm_source=twitter", "utm_medium=social&utm_campaign=spring", "fbclid=IwAR0abc",
    "gclid=xyz", "UTM_Source=x", "utm_source=a&fbclid=b&utm_content=c",
])
def test_tracking_parameters_are_removed(query):
    assert canonical_url(f"{BASE}?{query}") == BASE


def test_real_parameters_are_kept_and_sorted():
    assert canonical_url("https://news.example/story?page=2&utm_source=x&id=17") == \
        "https://news.example/story?id=17&page=2"
    assert canonical_url("https://news.example/story?b=2&a=1") == \
        canonical_url("https://news.example/story?a=1&b=2")


def test_trailing_slash_and_doubled_slashes():
    assert canonical_url(BASE + "/") == BASE
    assert canonical_url("https://news.example/a//b/") == "https://news.example/a/b"
    assert canonical_url("https://news.example") == "https://news.example/"
    assert canonical_url("https://news.example/") == "https://news.example/"


def test_surrounding_whitespace_and_credentials_are_dropped():
    assert canonical_url(f"  {BASE}\n") == BASE
    assert canonical_url("https://user:secret@news.example/a") == "https://news.example/a"


def test_canonical_url_is_idempotent():
    once = canonical_url("HTTPS://News.Example:443/a//b/?z=1&utm_source=x&a=2#top")
    assert canonical_url(once) == once


def test_canonical_url_keeps_ipv6_brackets():
    # urlsplit().hostname drops the brackets: "https://::1:8443/x" is not a URL any more.
    assert canonical_url("https://[::1]:8443/x") == "https://[::1]:8443/x"


# -- stable_id -------------------------------------------------------------------

def article(**fields) -> dict:
    base = {
        "outlet": "Harbor Gazette",
        "headline": "Okafor: Sable Bank access for small boats is a red line",
        "dateline": {"published_at": "2024-02-06T07:45:00+00:00"},
        "body": ["Fisheries Minister Lena Okafor said on Tuesday ..."],
    }
    base.update(fields)
    return base


def test_given_id_wins_over_url_and_content():
    assert stable_id(article(id="hg-2024-0206-okafor", url=BASE)) == "hg-2024-0206-okafor"


def test_given_id_is_returned_as_text():
    assert stable_id(article(id=12345)) == "12345"


def test_url_wins_over_outlet_headline_and_date():
    with_url = stable_id(article(url=BASE))
    assert with_url == stable_id(article(url=BASE, headline="Another headline", outlet="Other"))
    assert with_url != stable_id(article())


def test_same_article_from_tracking_urls_gets_one_id():
    urls = [
        BASE,
        BASE + "?utm_source=twitter&utm_medium=social",
        BASE + "/?fbclid=IwAR0abc#comments",
        "HTTPS://HarborGazette.example:443" + BASE.split(".example", 1)[1],
    ]
    ids = {stable_id(article(url=url)) for url in urls}
    assert len(ids) == 1


def test_different_urls_get_different_ids():
    assert stable_id(article(url=BASE)) != stable_id(article(url=BASE + "-update"))
    assert stable_id(article(url=BASE + "?page=1")) != stable_id(article(url=BASE + "?page=2"))


#: Ids of https URLs as the code before relative URLs were keyed by outlet made them:
#: indexes hold them, so they never change (whatever the outlet).
PINNED_URL_IDS = [
    ("https://www.harborgazette.example/2024/02/06/ferry-service?utm_source=x", "583a4957f09ad7165b3d1991"),
    ("https://example.org/news/1", "9731210d30a36b281abe9301"),
]
#: An http (or scheme-less) address: its https form's id, and the id the code before gave it
#: among its earlier ones, which a load keeps where the index holds the article under it.
PINNED_EARLIER_IDS = [
    ("HTTP://Example.ORG:80/news/1/", "https://example.org/news/1", "9731210d30a36b281abe9301",
     "0a2c7a73360cca1cfe6a9cea"),
    ("//example.org/news/1", "https://example.org/news/1", "9731210d30a36b281abe9301", "79152ba09f8688f0022f1ca7"),
    ("http://[2001:db8::1]:8080/a?b=2&a=1", "https://[2001:db8::1]:8080/a?a=1&b=2", "039bb0f730cce3655d05d273",
     "b1f593aa8caee029b4b0b3d7"),
]


@pytest.mark.parametrize("url, expected", PINNED_URL_IDS)
@pytest.mark.parametrize("outlet", [None, "Harbor Gazette", "Northgate Post"])
def test_ids_of_https_urls_are_as_before(url, expected, outlet):
    assert stable_id({"url": url, "outlet": outlet, "headline": "Any"}) == expected


@pytest.mark.parametrize("url, https, expected, before", PINNED_EARLIER_IDS)
@pytest.mark.parametrize("outlet", [None, "Harbor Gazette"])
def test_http_urls_take_the_id_of_their_https_form(url, https, expected, before, outlet):
    for address in (url, https):  # an https article may be in the index under its http id
        article = {"url": address, "outlet": outlet, "headline": "Any"}
        assert stable_id(article) == expected
        assert before in earlier_ids({**article, "id": expected})


def test_earlier_ids_are_only_of_ids_made_from_the_url():
    assert earlier_ids({"url": "https://example.org/news/1", "id": "given-id"}) == ()
    assert earlier_ids({"url": "/news/1", "id": stable_id({"url": "/news/1"})}) == ()  # no outlet: as before
    assert earlier_ids({"headline": "No url", "id": stable_id({"headline": "No url"})}) == ()
    assert earlier_ids({"url": "http://example.org:99999/x", "id": "x"}) == ()  # malformed: rejected later
    relative = {"url": "/news/1", "outlet": "Harbor Gazette"}
    assert earlier_ids({**relative, "id": stable_id(relative)}) == ("c81df6e53f79e20d5bcbf188",)


def _earlier(url: str, outlet: str | None = None) -> dict:
    """A prepared article (its id from its url) and the index's copy under its first earlier id."""
    article = {"url": url, "outlet": outlet, "headline": "Any"}
    article["id"] = stable_id(article)
    return article


def test_keep_earlier_ids_takes_the_id_the_index_holds():
    article = _earlier("https://example.org/news/1")
    stored = {"0a2c7a73360cca1cfe6a9cea": {"url": "http://example.org/news/1", "headline": "Old"}}
    keep_earlier_ids([article], lambda ids: {i: stored[i] for i in ids if i in stored})
    assert article["id"] == "0a2c7a73360cca1cfe6a9cea"


def test_keep_earlier_ids_prefers_todays_id_and_skips_other_articles():
    today = _earlier("http://example.org/news/1")
    both = {"9731210d30a36b281abe9301": {"url": "https://example.org/news/1"},
            "0a2c7a73360cca1cfe6a9cea": {"url": "http://example.org/news/1"}}
    keep_earlier_ids([today], lambda ids: {i: both[i] for i in ids if i in both})
    assert today["id"] == "9731210d30a36b281abe9301"
    relative = _earlier("/news/1", "Harbor Gazette")
    mine = relative["id"]
    northgate = {"c81df6e53f79e20d5bcbf188": {"url": "/news/1", "outlet": "Northgate Post"}}
    keep_earlier_ids([relative], lambda ids: {i: northgate[i] for i in ids if i in northgate})
    assert relative["id"] == mine


def test_keep_earlier_ids_asks_nothing_of_articles_without_a_url():
    asked = []
    keep_earlier_ids([{"id": "given", "url": "https://example.org/a"}, {"id": "x", "headline": "h"}],
                     lambda ids: asked.append(ids) or {})
    assert asked == []


@given(st.sampled_from(["http://", "https://", "HTTPS://", "//"]), st.sampled_from(["http://", "https://", "//"]),
       st.from_regex(r"[a-z]{1,10}\.example(/[a-z0-9]{1,8}){0,3}", fullmatch=True))
def test_one_address_under_any_scheme_is_one_id(first, second, address):
    assert stable_id({"url": first + address}) == stable_id({"url": second + address})


@pytest.mark.parametrize(("url", "https"), [
    ("//example.org:443/news/1", "https://example.org/news/1"),
    ("http://example.org:443/news/1", "https://example.org/news/1"),
    ("http://[2001:db8::1]:443/a", "https://[2001:db8::1]/a"),
])
def test_port_443_read_as_https_is_https_own(url, https):
    """`//host:443/a` in an https page is `https://host/a`: its id was of an address of its own."""
    article = {"url": url, "outlet": "Harbor Gazette"}
    assert stable_id(article) == stable_id({"url": https})
    # the id it had when hashed as written is still looked for
    as_written = hashlib.sha256(f"url\n{canonical_url(url)}".encode()).hexdigest()[:24]
    assert as_written in earlier_ids({**article, "id": stable_id(article)})


@pytest.mark.parametrize("url", ["/news/1", "news/1", "/news/1?id=7", "http:/news/1"])
def test_a_url_without_a_host_is_identified_within_its_outlet(url):
    one = stable_id(article(url=url, outlet="Harbor Gazette"))
    assert one != stable_id(article(url=url, outlet="Northgate Post"))
    # the outlet folded as the outlet + headline + day key folds it; the headline still does not count
    assert one == stable_id(article(url=url, outlet="harbor  GAZETTE", headline="Another headline"))
    assert one != stable_id(article(url=url.replace("1", "2"), outlet="Harbor Gazette"))
    assert ID_PATTERN.fullmatch(one)


def test_a_url_without_a_host_and_no_outlet_keeps_its_old_id():
    """Nothing tells two such articles apart: the id stays what indexes hold."""
    assert stable_id({"url": "/news/1", "headline": "Any"}) == "c81df6e53f79e20d5bcbf188"
    assert stable_id({"url": "news/1", "outlet": " ", "headline": "Any"}) == "d38d552820ef60eac6b90933"


def test_without_url_the_id_comes_from_outlet_headline_and_day():
    one = stable_id(article())
    # Key normalisation: case, accents and spacing; only the day of publication counts.
    assert one == stable_id(article(outlet="harbor  GAZETTE",
                                    dateline={"published_at": "2024-02-06T23:59:00"}))
    assert one != stable_id(article(dateline={"published_at": "2024-02-07T07:45:00+00:00"}))
    assert one != stable_id(article(headline="A different headline"))
    assert one != stable_id(article(outlet="Northgate Post"))


def test_id_without_url_or_date_is_still_stable():
    bare = {"headline": "Temporary bridge opens in Brenning", "body": ["x"]}
    assert stable_id(bare) == stable_id(dict(bare))
    assert stable_id(bare) == stable_id({**bare, "dateline": {"published_at": None}})


def test_computed_ids_match_the_id_pattern():
    for candidate in (article(), article(url=BASE)):
        assert ID_PATTERN.fullmatch(stable_id(candidate))


def test_empty_id_falls_back_to_computed_one():
    assert stable_id(article(id="", url=BASE)) == stable_id(article(url=BASE))


# -- content_hash ------------------------------------------------------------------

def test_content_hash_ignores_id_and_ingestion_time():
    one = article(url=BASE)
    two = {**one, "id": "something-else", "ingested_at": "2030-01-01T00:00:00+00:00",
           "content_hash": "stale"}
    assert content_hash(one) == content_hash(two)


def test_content_hash_ignores_key_order():
    one = article(url=BASE, tags=["a", "b"])
    assert content_hash(one) == content_hash(dict(reversed(list(one.items()))))


@pytest.mark.parametrize("change", [
    {"body": ["Fisheries Minister Lena Okafor said on Wednesday ..."]},
    {"body": ["Fisheries Minister Lena Okafor said on Tuesday ...", "A second paragraph."]},
    {"headline": "Okafor: a red line"},
    {"dateline": {"published_at": "2024-02-07T07:45:00+00:00"}},
    {"authors": ["Kari Dahl"]},
    {"quotes": [{"text": "We will not accept any deal", "speaker": "Lena Okafor"}]},
])
def test_content_hash_changes_when_content_changes(change):
    assert content_hash(article()) != content_hash({**article(), **change})


def test_content_hash_is_a_sha256_hex_digest():
    digest = content_hash(article())
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert digest == content_hash(article())


def _json_module_hash(article: dict) -> str:
    """What `content_hash` has always been: stored hashes were made this way."""
    import hashlib
    import json

    from loaders.identity import CONTENT_FIELDS

    content = {name: article.get(name) for name in CONTENT_FIELDS}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


#: Every code point but the surrogates, in runs, as keys and values: orjson must escape as json does.
_EVERY_CHARACTER = [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000]
_RUNS = ["".join(_EVERY_CHARACTER[start:start + 4096]) for start in range(0, len(_EVERY_CHARACTER), 4096)]


@pytest.mark.parametrize("content", [
    {"headline": "Økonomi: «vekst» \u2028 \"sitat\" \\ tab\there", "body": ["Para\u00a0one", "To\x7f"]},
    {"body": _RUNS, "tags": _RUNS[:3]},
    {"dateline": {run: run for run in _RUNS[:8]}},
    {"dateline": {"b": "1", "a": "2", "B": "3", "é": "4", "e\u0301": "5", "\U0001F600": "6", "": "7"}},
    {"quotes": [{"text": "x", "paragraph": 0, "start": -1, "end": 2**64 - 1, "speaker": None, "ok": True}]},
    {"sources": [{"name": "Ann", "mentions": [{"paragraph": 2, "start": 0, "end": 3}], "extra": [[[]], {}]}]},
    {"quotes": [{"text": "x", "paragraph": 1.0, "score": 1e-05, "big": 1e16, "nan": float("nan")}]},
    {"quotes": [{"text": "x", "paragraph": 2**70, "start": -(2**64)}]},
    {"quotes": [{"text": "x", 1: "a non-text key"}]},
    {"tags": ("a", "tuple"), "authors": []},
])
def test_content_hash_is_the_json_modules(content):
    """orjson writes the hashed bytes where it writes what `json.dumps` writes; the rest goes to json."""
    article = {"id": "a1", "headline": "H", "body": ["B"], **content}
    assert _outcome(content_hash, article) == _outcome(_json_module_hash, article)


def _outcome(hashing, article):
    """The hash, or the type of error (json cannot sort an int key among text keys)."""
    try:
        return hashing(article)
    except (TypeError, ValueError) as error:
        return type(error)


def test_content_hash_of_fields_known_to_be_json_is_the_json_modules():
    article = {"headline": "H", "body": ["B"], "quotes": [{"text": "é", "paragraph": 0, "start": 1, "end": 2}],
               "sources": [{"name": "Ann", "kind": "person", "mentions": [{"paragraph": 0, "start": 0, "end": 3}]}]}
    assert content_hash(article, json_only=("quotes", "sources")) == _json_module_hash(article)


def test_content_hash_of_an_unpaired_surrogate_fails_as_json_does():
    with pytest.raises(UnicodeEncodeError):
        content_hash({"headline": "H", "body": ["B"], "dateline": {"place\ud800": "Oslo"}})
    with pytest.raises(UnicodeEncodeError):
        content_hash({"headline": "H", "body": ["B"], "quotes": [{"text": "\udfff"}]}, json_only=("quotes",))


def test_an_id_without_url_hashes_the_utc_day_and_knows_the_day_as_written():
    """A date with an offset that moves the day was hashed as written; such an
    article is found under that id (`earlier_ids`), and a UTC date has no other."""
    local = {"headline": "Night ferry", "outlet": "Harbor Gazette",
             "dateline": {"published_at": "2025-03-04T01:00:00+05:30"}}
    utc = {**local, "dateline": {"published_at": "2025-03-03T19:30:00+00:00"}}
    assert stable_id(local) == stable_id(utc) == stable_id({**local, "dateline": {"published_at": "2025-03-03"}})
    as_written = stable_id({**local, "dateline": {"published_at": "2025-03-04"}})
    assert earlier_ids({**local, "id": stable_id(local)}) == (as_written,)
    assert earlier_ids({**utc, "id": stable_id(utc)}) == ()
    assert earlier_ids({**local, "id": "given"}) == ()
