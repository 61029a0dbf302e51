"""The embedded index's schema and analyzers.

Every analysed field comes in two variants, as in the Elasticsearch mapping:
`news_stem` (lowercase, ASCII folding, English stemming) for words, and
`news_exact` (no stemming) for quoted phrases, prefixes and names. Keyword
fields come in two as well: `<name>_key` holds normalised values for exact
filters, which facets count too (tantivy_facets.py: by code or by key), and
`<name>_facet` holds the values as given, the spellings buckets show.
"""
from __future__ import annotations


import regex
import tantivy
from tantivy import Filter, TextAnalyzerBuilder, Tokenizer

from .base import KEYWORD_FILTERS
from .date_keys import key_seconds, sort_keys  # noqa: F401 - the schema's keys, as its callers import them
from .letter_folding import fold_letters
from .tantivy_facets import KEY_COUNTED, add_facet_fields

#: Bump when the schema changes: a new version lives in a new directory.
#: v7: date sort keys end in a tie code (sort_keys); a source entry field per kind.
#: v8: keys fold hyphens, periods and apostrophes (keys.normalize_key).
#: v9: a quote's tie code keeps its article's quotes in article order (date_keys.tie_code).
#: v10: each Han or Hiragana character is a word (`indexed_text`).
#: v11: the Turkish "İ" is read as "I" (`as_read`).
#: v12: `ingested_key`, the time an article was last written, for `sort=ingested`.
#: v13: less to index for the same searches (`build_schema`): the content hash is stored only,
#:      the ids keep no positions, the sort keys are columns only, a quote's LSH keys are one text.
#: v14: Greek is read without accents, its final sigma as a sigma, and Russian "ё" as "е" (`as_read`).
#: v15: `author` and `tag` filters and facets, from an article's `authors` and `tags`; `author:` searches them.
SCHEMA_VERSION = 15
STEM, EXACT = "news_stem", "news_exact"
#: Words longer than this are noise (URLs, base64) and are not indexed.
MAX_TOKEN_LENGTH = 60


#: Chinese and Japanese write no spaces between words: the simple tokenizer took a whole run of
#: Han and kana as one word (a sentence), so `北京` found nothing, and a run over 20 characters
#: (60 bytes) was not indexed at all. Each Han or Hiragana character is a word of its own, as
#: Elasticsearch's standard tokenizer (UAX #29) makes them, and a word of several is a phrase.
#: Only letters and digits: the simple tokenizer reads a Han radical (`⽇`, U+2F47, in text copied
#: from PDFs) or 🈀 as a space, so a query or highlight taking one for a word looked for a word no
#: document holds, and `⽇本` found nothing in `⽇本经济`.
IDEOGRAPHS = r"[\p{Han}\p{Hiragana}]&&[\p{Alphabetic}\p{N}]"
_IDEOGRAPH = regex.compile(f"[{IDEOGRAPHS}]", regex.V1)
#: What the simple tokenizer reads in `indexed_text`, read in the text as written (for its offsets).
_IDEOGRAPHIC_TOKENS = f"[{IDEOGRAPHS}]|[[\\p{{Alphabetic}}\\p{{N}}]--[{IDEOGRAPHS}]]+"


def _analyzer(stem: bool, tokenizer: tantivy.Tokenizer | None = None) -> tantivy.TextAnalyzer:
    builder = (
        TextAnalyzerBuilder(tokenizer or Tokenizer.simple())
        .filter(Filter.remove_long(MAX_TOKEN_LENGTH))
        .filter(Filter.lowercase())
        .filter(Filter.ascii_fold())
    )
    if stem:
        builder = builder.filter(Filter.stemmer("english"))
    return builder.build()


ANALYZERS = {STEM: _analyzer(stem=True), EXACT: _analyzer(stem=False)}
#: The same words from text holding ideographs, where it stands as written (queries, highlights).
#: The index gets `indexed_text` instead: the regex tokenizer costs four times the simple one.
IDEOGRAPHIC_ANALYZERS = {variant: _analyzer(variant == STEM, Tokenizer.regex(_IDEOGRAPHIC_TOKENS))
                         for variant in (STEM, EXACT)}


#: The first bytes in UTF-8 of every Han and Hiragana character (U+3000-U+9FFF, U+F900-U+FAFF, and
#: beyond U+FFFF), and of some other characters: a text with none of them has no ideograph.
_IDEOGRAPH_LEAD_BYTES = bytes([0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEF, 0xF0])


def has_ideographs(text: str) -> bool:
    """Whether `text` holds a Han or Hiragana character.

    Asked of every paragraph a search highlights: the regex alone took 7 µs
    of a 430-character paragraph with curly quotes (not ASCII), 0.7 ms of a
    page of ten hits; the bytes test rules nearly all of them out in 1 µs.
    """
    if text.isascii():
        return False
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded.translate(None, _IDEOGRAPH_LEAD_BYTES)) == len(encoded):
        return False
    return _IDEOGRAPH.search(text) is not None


#: The Turkish capital "İ" (U+0130), one letter for one: tantivy lower-cases it to "i" and a
#: combining dot above, which ASCII folding keeps, so "İstanbul" and "İmamoğlu" were words that
#: `Istanbul` and `Imamoglu` did not find (nor `İstanbul` "Istanbul"), where Elasticsearch (Lucene
#: lower-cases letter by letter) finds both.
_DOTTED_CAPITAL_I = str.maketrans({"\u0130": "I"})


def as_read(text: str) -> str:
    """`text` as the analyzers are given it, indexed or queried: "İ" is "I", Greek has no
    accents and "ё" is "е" (letter_folding.py). Same length, so character offsets in it are
    offsets in `text`."""
    if "\u0130" in text:
        text = text.translate(_DOTTED_CAPITAL_I)
    return fold_letters(text)


def indexed_text(text: str) -> str:
    """The text as the index is given it: each Han or Hiragana character between spaces."""
    if text.isascii():  # most wire copy: nothing to read otherwise
        return text
    text = as_read(text)
    if not has_ideographs(text):
        return text
    return _IDEOGRAPH.sub(r" \g<0> ", text)


def analyzers_for(text: str) -> dict[str, tantivy.TextAnalyzer]:
    """The analyzers (by variant, STEM and EXACT) that read `text` as written as the index reads it."""
    return IDEOGRAPHIC_ANALYZERS if has_ideographs(text) else ANALYZERS


def analyzer(variant: str, text: str) -> tantivy.TextAnalyzer:
    return analyzers_for(text)[variant]

#: Text fields with a stemmed and an exact variant: (stemmed, exact).
PAIRED_TEXT = {
    "headline": ("headline", "headline_exact"),
    "body": ("body", "body_exact"),
    "quote": ("quote", "quote_exact"),
}
#: A quote document's copy of its article's headline has fields of its own, so
#: that no quote document matches a search on article text (headline, body):
#: such a search needs no clause on the document type, which costs most of a
#: common word's search on a large index.
QUOTE_PAIRED_TEXT = {**PAIRED_TEXT, "headline": ("quote_headline", "quote_headline_exact")}
#: Text fields of names, searched unstemmed only.
NAME_TEXT = {"speaker": "speaker", "source": "source", "outlet": "outlet", "dateline": "dateline", "author": "author"}


#: Every (stemmed, exact) pair of fields, in a fixed order: the schema must be
#: the same in every process.
_ALL_PAIRED = tuple(dict.fromkeys([*PAIRED_TEXT.values(), *QUOTE_PAIRED_TEXT.values()]))
_STEMMED_FIELDS = frozenset(stemmed for stemmed, _ in _ALL_PAIRED)


def field_analyzer(field_name: str) -> tantivy.TextAnalyzer:
    return ANALYZERS[STEM if field_name in _STEMMED_FIELDS else EXACT]


def field_words(field_name: str, text: str) -> list[str]:
    """The words of `text` as written (a query's) as the field indexed them."""
    text = as_read(text)
    return analyzer(STEM if field_name in _STEMMED_FIELDS else EXACT, text).analyze(text)


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    # Articles and their quotes live in one index, so an article and its
    # quotes are written, replaced and deleted in one commit.
    builder.add_text_field("doc_type", tokenizer_name="raw", index_option="basic")
    # Looked up whole, never by phrase: no positions to record.
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("quote_id", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("article_id", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("statement_id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("wording", stored=True, indexed=False)
    # A quote's LSH keys (statements.band_keys), given as one text that tantivy cuts at the
    # spaces: 32 values a quote cost the writing thread more than the rest of the quote.
    builder.add_text_field("bands", tokenizer_name="whitespace", index_option="basic")
    # Read back beside the id, never searched: indexing it made a 64-character term an article.
    builder.add_bytes_field("content_hash", stored=True, indexed=False)
    builder.add_bytes_field("doc", stored=True, indexed=False)
    for stemmed, exact in _ALL_PAIRED:
        builder.add_text_field(stemmed, tokenizer_name=STEM, index_option="position")
        builder.add_text_field(exact, tokenizer_name=EXACT, index_option="position")
    for name in NAME_TEXT.values():
        builder.add_text_field(name, tokenizer_name=EXACT, index_option="position")
    for name in KEYWORD_FILTERS:
        builder.add_text_field(f"{name}_key", tokenizer_name="raw", index_option="basic", fast=name in KEY_COUNTED)
    add_facet_fields(builder)
    builder.add_date_field("published", indexed=True, fast=True)
    # Date sorts always run descending on one of these (sort_keys), so undated
    # articles (MISSING_KEY) come last both ways, as in Elasticsearch. Columns
    # only: sorts read them and cursors' ranges scan them there, and a key is
    # nearly unique to its document, so indexed they put three terms a
    # document into the term dictionary for nothing.
    builder.add_integer_field("newest_key", indexed=False, fast=True)
    builder.add_integer_field("oldest_key", indexed=False, fast=True)
    builder.add_integer_field("ingested_key", indexed=False, fast=True)  # articles only (`sort=ingested`)
    return builder.build()


def register_analyzers(index: tantivy.Index) -> None:
    for name, analyzer in ANALYZERS.items():
        index.register_tokenizer(name, analyzer)
