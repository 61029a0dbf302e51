"""Articles read back from the embedded index by id."""
from __future__ import annotations

import orjson
import tantivy
from tantivy import Query


def documents_by_id(schema: tantivy.Schema, searcher: tantivy.Searcher, ids: list[str]):
    """(address, document) of each article with one of these ids."""
    if not ids:
        return  # tantivy panics on a search for no hits
    query = Query.term_set_query(schema, "id", ids)
    for _, address in searcher.search(query, len(ids), count=False).hits:
        yield address, searcher.doc(address)


def articles_by_id(schema: tantivy.Schema, searcher: tantivy.Searcher, ids: list[str]) -> dict[str, dict]:
    """The stored articles with these ids, by id."""
    return {article["id"]: article for article in
            (orjson.loads(document.get_first("doc")) for _, document in documents_by_id(schema, searcher, ids))}
