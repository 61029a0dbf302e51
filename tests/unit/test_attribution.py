"""service.attribution on hand-made articles: what a source is cited for."""
from __future__ import annotations

import pytest

from service.attribution import _sentence_ends, attribution
from tests.growth import GROWTH_BOUND, growth


def _claims(paragraph: str, name: str) -> list[str]:
    start = paragraph.index(name)
    article = {"id": "a", "body": [paragraph], "quotes": [], "sources": [{
        "name": name, "kind": "person",
        "mentions": [{"paragraph": 0, "start": start, "end": start + len(name), "text": name}]}]}
    return [claim["text"] for claim in attribution(article)["sources"][0]["claims"]]


@pytest.mark.parametrize("paragraph, name, claim", [
    ("The council met on Monday. Olafur Sigurdsson said the plan was dead. Emile Roux disagreed.",
     "Olafur Sigurdsson", "Olafur Sigurdsson said the plan was dead."),
    # A sentence starting with a capital outside A-Z was glued to the ones around it.
    ("The council met on Monday. Ólafur Sigurdsson said the plan was dead. Émile Roux disagreed.",
     "Ólafur Sigurdsson", "Ólafur Sigurdsson said the plan was dead."),
    ("Talks resumed. İlham Aliyev said the meeting went well. Łukasz Nowak agreed.",
     "İlham Aliyev", "İlham Aliyev said the meeting went well."),
    # Arabic has no capitals: a sentence end is its full stop (or ؟) and a space.
    ("وقال المتحدث إن الخطة انتهت. وأضاف أحمد أن المفاوضات ستستمر؟ وانتهى الاجتماع.",
     "أحمد", "وأضاف أحمد أن المفاوضات ستستمر؟"),
    # A lower-case word after a full stop still does not start a sentence.
    ("Olafur Sigurdsson spoke at 5 p.m. on the quay. Then it rained.",
     "Olafur Sigurdsson", "Olafur Sigurdsson spoke at 5 p.m. on the quay."),
    # Initials and titles do not end a sentence: Reuters claims read "WASHINGTON, Feb 26 - The U.S."
    ("WASHINGTON, Feb 26 - The U.S. Agriculture Department said wheat exports rose. Prices fell.",
     "Agriculture Department", "WASHINGTON, Feb 26 - The U.S. Agriculture Department said wheat exports rose."),
    ("Talks resumed. The plan of Gov. Ana Ruiz and J. P. Soto was dead, Ana Ruiz said. Prices fell.",
     "Ana Ruiz", "The plan of Gov. Ana Ruiz and J. P. Soto was dead, Ana Ruiz said."),
    # ... while a word ending a sentence still ends it.
    ("Exports rose to the U.K. in May. Olafur Sigurdsson said the plan was dead.",
     "Olafur Sigurdsson", "Olafur Sigurdsson said the plan was dead."),
])
def test_a_claim_is_the_sentence_naming_the_source(paragraph, name, claim):
    assert _claims(paragraph, name) == [claim]


def test_a_byline_is_no_claim():
    """ "By Rich Miller, Reuters" names the agency as the story's writer, not as a source of it."""
    assert _claims("By Rich Miller, Reuters", "Reuters") == []
    assert _claims("The figures were first reported by Reuters on Monday.", "Reuters") == [
        "The figures were first reported by Reuters on Monday."]


def test_a_dateline_is_no_claim_of_its_agency():
    """Every wire story cited its agency for its lead: "WASHINGTON, Jan 5 (Reuters) - The
    ministry said ..." was a Reuters claim, though Reuters only filed it. The dateline's
    agency keeps its mention; a later sentence naming it is still a claim."""
    lead = "WASHINGTON, Jan 5 (Reuters) - The ministry said the plan was dead."
    later = "Prices fell, Reuters reported."
    article = {"id": "a", "body": [lead, later], "quotes": [],
               "dateline": {"place": "Washington", "agency": "Reuters", "raw": "WASHINGTON, Jan 5 (Reuters) -"},
               "sources": [{"name": "Reuters", "kind": "outlet", "mentions": [
                   {"paragraph": 0, "start": 19, "end": 26, "text": "Reuters"},
                   {"paragraph": 1, "start": 13, "end": 20, "text": "Reuters"}]}]}
    reuters = attribution(article)["sources"][0]
    assert [claim["text"] for claim in reuters["claims"]] == [later] and len(reuters["mentions"]) == 2
    # After a byline paragraph, and agency first, as ANSA writes it.
    article["body"] = ["By Ann Lee", lead, later]
    for mention in article["sources"][0]["mentions"]:
        mention["paragraph"] += 1
    assert [claim["text"] for claim in attribution(article)["sources"][0]["claims"]] == [later]
    assert _claims("(ANSA) - ROMA, 3 MAR - Il governo ha ceduto.", "ANSA") == [
        "(ANSA) - ROMA, 3 MAR - Il governo ha ceduto."]  # no dateline given: a sentence like any
    ansa = {"id": "b", "body": ["(ANSA) - ROMA, 3 MAR - Il governo ha ceduto."], "quotes": [],
            "dateline": {"raw": "(ANSA) - ROMA, 3 MAR -"},
            "sources": [{"name": "ANSA", "kind": "outlet",
                         "mentions": [{"paragraph": 0, "start": 1, "end": 5, "text": "ANSA"}]}]}
    assert attribution(ansa)["sources"][0]["claims"] == []


def test_a_quote_given_with_its_source_in_another_case_is_attributed_to_it():
    """A posted article's quote named its source "the ministry of finance", the
    source list "The Ministry of Finance": the quote was unattributed and the
    ministry cited for nothing, though `/quotes?source=` files it under the ministry."""
    article = {"id": "a", "body": ["The Ministry of Finance said the budget is balanced."],
               "quotes": [{"text": "the budget is balanced", "kind": "partial", "speaker": None,
                           "source": "the ministry of finance", "paragraph": 0, "start": 29, "end": 51}],
               "sources": [{"name": "The Ministry of Finance", "kind": "organization", "mentions": []}]}
    found = attribution(article)
    assert [q["text"] for q in found["sources"][0]["quotes"]] == ["the budget is balanced"]
    assert found["unattributed_quotes"] == [] and found["counts"]["quotes_named"] == 1


def test_the_close_of_a_quote_running_over_paragraphs_is_no_claim():
    """A quote running on to the next paragraph, closed there ('"... know it," Ruiz
    added.'): that closing sentence was listed as a claim beside the quote itself
    (8 claims on the Reuters stories); only its opening paragraph was held as quoted."""
    body = ["Ana Ruiz spoke on Monday. \"The harbour will close in May for repairs.",
            "\"There is no other choice.", "\"The fishermen know it,\" Ruiz added. The port fell silent. Ruiz left."]
    quote = {"text": "The harbour will close in May for repairs. There is no other choice. The fishermen know it",
             "kind": "direct", "speaker": "Ana Ruiz", "source": "Ana Ruiz", "paragraph": 0, "start": 27,
             "end": 22, "end_paragraph": 2}
    mentions = [{"paragraph": 0, "start": 0, "end": 8, "text": "Ana Ruiz"},
                {"paragraph": 2, "start": 25, "end": 29, "text": "Ruiz"},
                {"paragraph": 2, "start": 59, "end": 63, "text": "Ruiz"}]
    article = {"id": "a", "body": body, "quotes": [quote],
               "sources": [{"name": "Ana Ruiz", "kind": "person", "mentions": mentions}]}
    assert [claim["text"] for claim in attribution(article)["sources"][0]["claims"]] == [
        "Ana Ruiz spoke on Monday.", "Ruiz left."]


def test_a_source_listed_as_two_kinds_has_its_quotes_where_quote_search_files_them():
    """Reuters: an article lists "Fundamental Brokers Institutional Associates"
    as an organization and as an anonymous source. `/quotes` files the quote
    under the name's last kind (anonymous: `/quotes?source_kind=anonymous` finds
    it), while the attribution gave it to the first (a named quote)."""
    from service.backends.quote_documents import quote_records

    name = "Fundamental Brokers Institutional Associates"
    article = {"id": "a", "body": [f"{name} said prices would rise further this week."],
               "quotes": [{"text": "prices would rise further", "kind": "partial", "speaker": name,
                           "source": name, "paragraph": 0, "start": 50, "end": 75}],
               "sources": [{"name": name, "kind": "organization", "mentions": []},
                           {"name": name, "kind": "anonymous", "mentions": []}]}
    filed_as = quote_records(article)[0]["quote"]["source_kind"]
    found = attribution(article)
    assert [s["kind"] for s in found["sources"] if s["quotes"]] == [filed_as]
    assert found["counts"]["quotes_anonymous" if filed_as == "anonymous" else "quotes_named"] == 1


def _paragraph_naming(speakers: int) -> dict:
    sentences = [f"Trader Number{i} said quotas were fine." for i in range(speakers)]
    paragraph = " ".join(sentences)
    sources, offset = [], 0
    for i, sentence in enumerate(sentences):
        name = f"Trader Number{i}"
        sources.append({"name": name, "kind": "person", "mentions": [
            {"paragraph": 0, "start": offset, "end": offset + len(name), "text": name}]})
        offset += len(sentence) + 1
    return {"id": "a", "body": [paragraph], "quotes": [], "sources": sources}


def _attributed_afresh(article: dict) -> dict:
    # As at an article's first view: its paragraphs' sentence ends, once cached, would hide
    # from every run after the first a step that reads them again for each mention.
    _sentence_ends.cache_clear()
    return attribution(article)


def test_a_long_paragraph_naming_many_sources_is_attributed_in_linear_time():
    """Each mention's sentence was found by reading its paragraph from the start:
    a 99,000-character paragraph naming 1,500 speakers took 4 s, at every view of the article."""
    small, large = _paragraph_naming(400), _paragraph_naming(3_200)
    result = attribution(large)
    assert [source["claims"][0]["text"] for source in result["sources"]] == \
        [f"Trader Number{i} said quotas were fine." for i in range(3_200)]
    ratio = growth(lambda: _attributed_afresh(small), lambda: _attributed_afresh(large))
    assert ratio < GROWTH_BOUND, f"eight times the speakers took {ratio:.1f} times as long to attribute"
