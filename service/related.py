"""Related coverage: an article's telling words, searched as one query.

A newsroom's "related stories" and a fact-checker's "what else was written
about this" are a search for the words and names a story is about. The
query is built here in the query language (names as phrases, then the
words the headline and body use most), shown to the client as text, and run
by the one search path: both backends rank it as they rank any search,
with the filters, limits and highlights of `/search`, and a client can
refine it or page through it there. Engines' own more-like-this queries
would rank differently on each backend and are not in the query language.

Pure: no Flask, no engine.
"""
from __future__ import annotations

import re
from collections import Counter

from .query.ast import Node, Or, Phrase, Term, combined
from .query.format import to_text
from .query.parser import composed

#: Words searched at the most: a story's subject fits in them, and every
#: word more matches more of the archive for less.
MOST_WORDS = 20
#: Names (quoted speakers, cited people and organisations) among them.
MOST_NAMES = 6
#: A headline word counts as this many uses in the body: it says what the story is about.
HEADLINE_WEIGHT = 3
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
#: Function words and the words of every news story ("said", "told", weekdays,
#: months, counts), which would rank stories by how they are written.
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on
once only or other our ours out over own same she should so some such than that the their theirs them then
there these they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yet via per since upon within without among amid despite
said says say saying told tell tells according added adding noted asked statement statements reported
report reports news reuters reuter mln pct billion million percent cts dlrs dlr shr net vs year years
week weeks month months day days today yesterday tomorrow time times new one two three four five six seven
eight nine ten first second third last next earlier later monday tuesday wednesday thursday friday
saturday sunday january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr inc corp co ltd plc
make made makes making take took taken takes get got gets going including well still even many much
like back whether however around another every several source sources official officials familiar
matter spokesman spokeswoman spokesperson people person cent
""".split())
#: The same for the languages other wires write in most (AFP, EFE, dpa, ANSA,
#: Lusa, ANP): in an English archive such a story's function words are rare,
#: so they ranked its related stories. Chosen by the article's `language`.
STOP_WORDS_BY_LANGUAGE = {language: frozenset(words.split()) for language, words in {
    "fr": """le la les un une des du de et ou mais donc car ni que qui quoi dont où ce cet cette ces son sa ses
             sera seront était étaient
             leur leurs au aux en dans par pour sur sous avec sans entre vers chez est sont été être avoir
             a ont avait fait plus moins très aussi ne pas il elle ils elles nous vous on se lui y l d qu
             selon déclaré dit affirmé indiqué estimé ajouté lundi mardi mercredi jeudi vendredi samedi
             dimanche janvier février mars avril mai juin juillet août septembre octobre novembre décembre""",
    "de": """der die das den dem des ein eine einen einem einer eines und oder aber denn dass daß wenn als wie
             mit von zu zur zum im in an am auf aus bei nach vor über unter durch für gegen ohne um ist sind
             war waren wird werden wurde wurden hat haben hatte sich nicht auch noch nur schon er sie es wir
             ihr man sein seine ihre laut sagte sagten erklärte teilte mit montag dienstag mittwoch
             donnerstag freitag samstag sonntag januar februar märz april mai juni juli august september
             oktober november dezember""",
    "es": """el la los las un una unos unas de del al y o pero que quien cual cuyo donde en por para con sin
             sobre entre hacia desde es son fue fueron ser estar está están ha han había se su sus le les lo
             no más muy también ya según dijo afirmó señaló explicó añadió lunes martes miércoles jueves
             viernes sábado domingo enero febrero marzo abril mayo junio julio agosto septiembre octubre
             noviembre diciembre""",
    "it": """il lo la i gli le un uno una di del della dei degli delle da dal dalla in nel nella su sul sulla
             per con tra fra e o ma che chi cui dove è sono era stato stata essere ha hanno aveva si non più
             anche già secondo detto dichiarato spiegato aggiunto lunedì martedì mercoledì giovedì venerdì
             sabato domenica gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre
             novembre dicembre""",
    "pt": """o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela para com sem sobre entre
             e ou mas que quem qual onde é são foi foram ser estar está estão tem têm se seu sua seus suas
             não mais muito também já segundo disse afirmou explicou acrescentou segunda terça quarta quinta
             sexta sábado domingo janeiro fevereiro março abril maio junho julho agosto setembro outubro
             novembro dezembro""",
    "nl": """de het een en of maar dat die dit deze wie wat waar van in op aan met voor door bij naar uit over
             onder tot om te is zijn was waren wordt worden werd heeft hebben had zich niet ook nog al er hij
             zij ze wij we volgens zei zegt verklaarde maandag dinsdag woensdag donderdag vrijdag zaterdag
             zondag januari februari maart april mei juni juli augustus september oktober november december""",
}.items()}
#: What French and Italian write before an apostrophe for an article or a
#: preposition: there "l'Élysée" is the word "élysée" (in English copy
#: "D'Arcy" and "O'Brien" stay whole).
ELIDING_LANGUAGES = frozenset({"fr", "it"})
_ELIDED = frozenset({"l", "qu", "j", "m", "n", "s", "t", "c", "dell", "all", "dall", "nell", "sull", "un", "d"})
_PERSON_OR_BODY = ("person", "organization")


def related_query(article: dict, *, max_terms: int = MOST_WORDS, max_length: int | None = None) -> Node | None:
    """Names and words `article` is about, as an OR of phrases and terms; None
    for a story with nothing telling (every word a stop word).

    `max_terms` and `max_length` are the query limits `/search` applies
    (NEWS_INDEX_MAX_QUERY_TERMS and _LENGTH): the query is given back as text
    for the client to run there, so the least telling words are left out
    until it fits them rather than return a `q` that /search refuses.
    """
    names = list(dict.fromkeys(_names(article)))  # two spellings may be one name as words
    named_words = {word for name in names for word in _words(name)}
    language = _language(article.get("language"))
    stop_words = STOP_WORDS | STOP_WORDS_BY_LANGUAGE.get(language, frozenset())
    elide = language in ELIDING_LANGUAGES
    counts: Counter[str] = Counter()
    for word in _words(article.get("headline") or "", stop_words, elide):
        counts[word] += HEADLINE_WEIGHT
    for paragraph in _body_without_dateline(article):
        counts.update(_words(paragraph, stop_words, elide))
    words = [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
             if word not in named_words][:MOST_WORDS - len(names)]
    children = [_name_node(name) for name in names] + [Term(word) for word in words]
    del children[max(0, max_terms):]
    while children and max_length is not None and len(to_text(combined(Or, children))) > max_length:
        children.pop()
    return combined(Or, children) if children else None


def story_key(article: dict) -> str:
    """What two copies of one story share: the headline's words, in any case.
    An update, a correction and another outlet's run of a wire story are one
    story to a reader of related coverage, and are shown once."""
    return " ".join(_WORD.findall((article.get("headline") or "").casefold()))


def _language(language) -> str:
    """An article's language as two letters ("fr-CA", "FR" are "fr")."""
    return language.strip().lower()[:2] if isinstance(language, str) else ""


def _words(text: str, stop_words: frozenset[str] = STOP_WORDS, elide: bool = False) -> list[str]:
    """Lower-case words of three letters or more, but stop words; "Estavia's" is "estavia"."""
    found = []
    for match in _WORD.finditer(composed(text)):  # as the parser reads `q` back
        word = match.group(0).lower()
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        word = word.strip("'’-")
        elided, mark, rest = word.replace("’", "'").partition("'")
        if elide and mark and elided in _ELIDED and rest:  # French and Italian "l'Élysée", "dell'Unione"
            word = rest
        if len(word) >= 3 and word not in stop_words:
            found.append(word)
    return found


def _names(article: dict) -> list[str]:
    """The people and organisations the story cites, most mentioned and quoted
    first; not its anonymous sources ("a source close to the talks"), whose
    words are in every such story."""
    counts: Counter[str] = Counter()
    for source in article.get("sources") or ():
        if isinstance(source, dict) and source.get("kind") in _PERSON_OR_BODY and _plain(source.get("name")):
            counts[source["name"].strip()] += max(1, len(source.get("mentions") or ()))
    for quote in article.get("quotes") or ():
        speaker = quote.get("speaker") if isinstance(quote, dict) else None
        if isinstance(speaker, str) and speaker.strip() in counts:
            counts[speaker.strip()] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [" ".join(_WORD.findall(composed(name))) for name, _ in ranked if _words(name)][:MOST_NAMES]


def _name_node(name: str) -> Node:
    """A name of several words as a phrase (its words together, in order), of one as a word."""
    return Phrase(name) if " " in name else Term(name)


def _plain(name) -> bool:
    """A name a phrase can hold: letters and spaces, no quote marks of its own."""
    return isinstance(name, str) and bool(name.strip()) and '"' not in name and len(name) <= 80


def _body_without_dateline(article: dict) -> list[str]:
    """The body, its in-body dateline ("LONDON, March 3 (Reuters) -") left out:
    the agency is in every story of the wire, the place in every story from it."""
    body = [paragraph for paragraph in article.get("body") or () if isinstance(paragraph, str)]
    raw = ((article.get("dateline") or {}).get("raw") or "").strip()
    if body and raw and body[0].lstrip().startswith(raw):
        body[0] = body[0].lstrip()[len(raw):]
    return body
