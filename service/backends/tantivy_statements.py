"""Statement lookups on the embedded index: which indexed quotes share a quote's
LSH keys, and the quotes of one statement or one article (as `elastic_statements`
does on Elasticsearch)."""
from __future__ import annotations

import orjson
import tantivy
from tantivy import Occur, Query

from ..statements import CANDIDATE_LIMIT
from .base import MAX_OCCURRENCES
from .quote_documents import in_article_order, oldest_first
from .tantivy_schema import key_seconds


def statement_candidates(schema: tantivy.Schema, searcher: tantivy.Searcher, keys: list[str],
                         limit: int = CANDIDATE_LIMIT) -> list[tuple[str, str]]:
    """Indexed quotes sharing the most LSH keys with these, best first."""
    query = Query.boolean_query(
        [(Occur.Should, Query.term_query(schema, "bands", key)) for key in keys])
    found = {}
    for _, address in searcher.search(query, limit, count=False).hits:
        document = searcher.doc(address)
        found.setdefault((document.get_first("statement_id"), document.get_first("wording").decode()), None)
    return list(found)


def statement_quotes(schema: tantivy.Schema, searcher: tantivy.Searcher, statement_id: str,
                     limit: int = MAX_OCCURRENCES) -> list[dict]:
    """The quotes of a statement, oldest first, undated last: the first `limit`."""
    query = Query.term_query(schema, "statement_id", statement_id)
    result = searcher.search(query, limit, count=False,
                             order_by_field="oldest_key", order=tantivy.Order.Desc)
    # Quotes of the same second by article, as on Elasticsearch (not by the
    # key's tie code), so the statement's first occurrence is the same on both.
    return oldest_first([(key_seconds(key), orjson.loads(searcher.doc(address).get_first("doc")))
                         for key, address in result.hits])


def article_quotes(schema: tantivy.Schema, searcher: tantivy.Searcher, article_id: str) -> list[dict]:
    """Every quote of the article: read up to MAX_OCCURRENCES, a long digest's past it had no statement."""
    query = Query.term_query(schema, "article_id", article_id)
    counted = searcher.search(query, 1, count=True).count
    if not counted:
        return []
    found = [orjson.loads(searcher.doc(address).get_first("doc"))
             for _, address in searcher.search(query, counted, count=False).hits]
    return in_article_order(found)
