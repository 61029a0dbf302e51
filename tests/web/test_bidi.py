"""Right-to-left text inside the English pages: isolated (`<bdi>`, `dir`)
so it cannot reorder what stands around it, and an article's own text
carries its language and direction."""
from __future__ import annotations

import pytest

from service.app import create_app
from service.config import Config
from service.web.templating import lang_attrs, text_dir
from tests.web.conftest import html, text

ARABIC = {
    "headline": "محادثات السلام في القدس",
    "body": ["قال الوزير إن المحادثات ستستمر حتى نهاية الشهر.", "وأضاف أن الاتفاق بات قريبا."],
    "url": "https://example.org/ar-talks", "outlet": "الجزيرة", "language": "ar",
    "dateline": {"place": "القدس", "published_at": "2025-05-02T10:00:00Z"},
}


@pytest.fixture(scope="module")
def rtl(tmp_path_factory):
    app = create_app(Config(data_dir=tmp_path_factory.mktemp("rtl"), api_key="k", log_level="WARNING"))
    client = app.test_client()
    created = client.post("/articles", json=ARABIC, headers={"Authorization": "Bearer k"})
    assert created.status_code == 201, created.get_json()
    yield client, created.get_json()["id"]
    app.extensions["news_backend"].close()


def test_directions_from_the_language():
    assert [text_dir(code) for code in ("ar", "he-IL", "fa", "ur", "en", "de-AT", None, "", "x!")] == \
        ["rtl", "rtl", "rtl", "rtl", "ltr", "ltr", "auto", "auto", "auto"]
    assert lang_attrs("ar") == ' lang="ar" dir="rtl"' and lang_attrs(None) == ' dir="auto"'
    assert lang_attrs('ar" onclick="x') == ' dir="auto"'  # not a language tag: never an attribute


def test_search_hit_isolates_outlet_and_place(rtl):
    client, _ = rtl
    doc = html(client.get("/", query_string={"q": "المحادثات", "outlet": "الجزيرة"}))
    hit = doc.xpath("//li[@class='hit']")[0]
    meta = hit.xpath("p[@class='meta']")[0]
    assert meta.xpath("bdi[@class='outlet']")[0].text == "الجزيرة"
    assert meta.xpath("bdi[@class='place']")[0].text == "القدس"
    assert meta.xpath("time")[0].text == "2 May 2025"  # outside any isolate, in the English order
    assert hit.xpath("h3")[0].get("lang") == "ar" and hit.xpath("h3")[0].get("dir") == "rtl"
    assert all(li.get("dir") == "rtl" for li in hit.xpath("ul[@class='fragments']/li"))
    assert doc.get_element_by_id("f-q").get("dir") == "auto"
    assert [text(b) for b in doc.xpath("//div[@class='chips']//a/bdi")] == ["الجزيرة"]
    assert "الجزيرة" in [text(b) for b in doc.xpath("//section[@class='facets']//a//bdi")]
    assert doc.xpath("//h2[@id='results-title']/bdi[@class='query']")[0].text == "المحادثات"


def test_article_body_carries_its_language_and_direction(rtl):
    client, article_id = rtl
    doc = html(client.get(f"/article/{article_id}"))
    assert doc.xpath("/html/@lang") == ["en"]  # the page's own words are English
    body = doc.xpath("//div[@class='article-body']")[0]
    assert (body.get("lang"), body.get("dir")) == ("ar", "rtl")
    h1 = doc.xpath("//h1")[0]
    assert (h1.get("lang"), h1.get("dir")) == ("ar", "rtl")
    assert doc.xpath("//p[@class='dateline']/bdi[@class='place']")[0].text == "القدس"
    assert text(doc.xpath("//p[@class='kicker']/bdi")[0]) == "الجزيرة"


def test_english_articles_say_so(client, seed_id):
    body = html(client.get(f"/article/{seed_id}")).xpath("//div[@class='article-body']")[0]
    assert (body.get("lang"), body.get("dir")) == ("en", "ltr")


RLO = "\u202e"  # right-to-left override: all the text after it runs backwards


@pytest.mark.parametrize("url, where, quoted", [
    ("/?q=oil&q=\u202egas", "//div[@id='form-errors']//li", "gas"),
    ("/quote-search?q=fishermen&match=near&match=\u202eexact", "//div[@id='form-errors']//li", "exact"),
    ("/article/\u202eno-such-article", "//p[@class='error-message']", "no-such-article"),
    ("/statement/\u202es-no-such-statement", "//p[@class='error-message']", "s-no-such-statement"),
])
def test_a_direction_override_from_the_url_does_not_turn_an_error_message_around(client, url, where, quoted):
    """The message quotes what was sent; an override in it ran the rest of
    the sentence backwards ("...“oil”, “sag ,”…")."""
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code in (400, 404)
    messages = [text(node) for node in html(response).xpath(where)]
    assert messages and any(quoted in message for message in messages)
    assert not any(RLO in message for message in messages)


ARABIC_QUOTE = {
    "headline": "ميناء جديد في المدينة", "language": "ar", "outlet": "الجزيرة",
    "body": ["قال الوزير \"سنبني الميناء الجديد هذا العام\" يوم الاثنين."],
    "dateline": {"published_at": "2025-03-04T10:00:00Z"},
}


def test_each_part_is_read_in_its_own_language(rtl, client, okafor_statement):
    """A screen reader picks its voice by `lang`: the hidden English labels
    inside an Arabic article were read as Arabic, and a statement's Arabic
    words, in the page's English, as English."""
    rtl_client, _ = rtl
    created = rtl_client.post("/articles", json=ARABIC_QUOTE, headers={"Authorization": "Bearer k"})
    assert created.status_code == 201, created.get_json()
    article = html(rtl_client.get(f"/article/{created.get_json()['id']}"))
    quote = article.xpath("//div[@class='article-body']//a[contains(@class, 'quote')]")[0]
    labels = quote.xpath("span[@class='visually-hidden']")
    assert [text(label) for label in labels] == ["Quote from an unidentified speaker:", "(end of quote)"]
    assert all(label.get("lang") == "en" for label in labels)

    statement = html(rtl_client.get(quote.get("href")))
    arabic = [statement.xpath("//h1/q")[0], *statement.xpath("//blockquote[@class='wording']")]
    assert len(arabic) == 3  # the statement, its occurrence, its wording
    assert all((node.get("lang"), node.get("dir")) == ("ar", "auto") for node in arabic)

    diffs = html(client.get(f"/statement/{okafor_statement}")).xpath(
        "//blockquote[@class='wording']//*[self::ins or self::del]/span[@class='visually-hidden']")
    assert diffs and all(label.get("lang") == "en" for label in diffs)


ARABIC_SOURCED = {
    "headline": "الوزير يعد بميناء جديد", "language": "ar", "outlet": "الجزيرة",
    "body": ["قال وزير النقل \"سنبني الميناء الجديد هذا العام\" يوم الاثنين.",
             "وأكد وزير النقل أن العمل يبدأ في الربيع."],
    "dateline": {"published_at": "2025-03-05T10:00:00Z"},
    "sources": [{"name": "وزير النقل", "kind": "person", "title": "وزير", "affiliation": "الحكومة",
                 "mentions": [{"paragraph": 1, "start": 5, "end": 14, "text": "وزير النقل"}]}],
    "quotes": [{"text": "سنبني الميناء الجديد هذا العام", "speaker": "وزير النقل", "source": "وزير النقل",
                "paragraph": 0, "start": 16, "end": 46},
               {"text": "العمل يبدأ في الربيع", "paragraph": 1, "start": 18, "end": 38}],
}


def test_an_articles_words_outside_its_body_are_read_in_its_language(rtl):
    """The article's own words quoted elsewhere on a page (its quotes, its
    sources' names, roles and mentions in the side column, its headline under
    a quote hit) sat in the page's English: a screen reader read the Arabic
    with an English voice (WCAG 3.1.2)."""
    client, _ = rtl
    created = client.post("/articles", json=ARABIC_SOURCED, headers={"Authorization": "Bearer k"})
    assert created.status_code == 201, created.get_json()
    article_id = created.get_json()["id"]

    def language(node):
        return next((n.get("lang") for n in node.iterancestors() if n.get("lang")), None) \
            if node.get("lang") is None else node.get("lang")

    side = html(client.get(f"/article/{article_id}")).xpath("//aside")[0]
    words = {"وزير", "الحكومة", "وزير النقل", "سنبني الميناء الجديد هذا العام", "العمل يبدأ في الربيع"}
    # Names (of the source, an outlet, a place) are names in any language: these are the article's words.
    shown = [node for node in side.xpath(".//span[@class='role']//bdi | .//p[@class='mentions']//bdi"
                                          " | .//ul[@class='source-quotes']//bdi")]
    assert {text(node) for node in shown} == words
    assert [language(node) for node in shown] == ["ar"] * len(shown)

    hits = html(client.get("/quote-search", query_string={"q": "الميناء"}))
    meta = hits.xpath("//ol[contains(@class, 'quote-hits')]/li//p[@class='meta']/a/bdi")
    assert meta and all(language(node) == "ar" for node in meta)
    hidden = hits.xpath("//p[@class='statement-link']//*[contains(text(), 'الميناء')]")  # the link's hidden words
    assert hidden and all(language(node) == "ar" for node in hidden)
