"""The publication date filter on tantivy, exact to the microsecond as the bounds are.

tantivy keeps a date field to the second (the Python binding offers no other
precision): "10:00:00.500" is stored as 10:00:00. Compared as stored,
`until=10:00:00` took in the article of 10:00:00.500, and `from=10:00:00.500`
(the time of the last article a client saw, to poll for what came since)
left out that article and everything else later in its second; Elasticsearch,
which keeps milliseconds, did neither. Only the seconds a bound falls in are
in doubt: their articles are read and their full times compared, and the
range is the seconds wholly inside the bounds plus the articles so chosen
(with their quotes, which share their date).
"""
from __future__ import annotations

from datetime import datetime

import orjson
import tantivy
from tantivy import FieldType, Occur, Query

from .document import published_at
from .tantivy_documents import ARTICLE

def _stored_range(schema: tantivy.Schema, lower: datetime, upper: datetime) -> Query:
    return Query.range_query(schema, "published", FieldType.Date, lower_bound=lower, upper_bound=upper,
                             include_lower=True, include_upper=True)


def exact_range(schema: tantivy.Schema, searcher: tantivy.Searcher, lower: datetime, upper: datetime,
                since_given: bool, until_given: bool) -> Query:
    """Documents published from `lower` to `upper` (both included), as their full times say.

    `since_given`/`until_given`: whether each bound is the one asked for (a side left
    open, or asked beyond the dates tantivy holds, is clamped to them: no article stands there).
    """
    first, last = lower.replace(microsecond=0), upper.replace(microsecond=0)
    # A whole-second `from` takes its whole second, and a bound at a second's last
    # microsecond (a bare day's `until`) all of its: only other bounds are in doubt.
    in_doubt = ((first, since_given and first != lower), (last, until_given and upper.microsecond != 999_999))
    edges = sorted({second for second, doubtful in in_doubt if doubtful})
    if not edges:
        return _stored_range(schema, lower, upper)
    clauses = [(Occur.Must, _stored_range(schema, lower, upper))]
    clauses += [(Occur.MustNot, _stored_range(schema, second, second)) for second in edges]
    inside = Query.boolean_query(clauses)
    chosen = _articles_within(schema, searcher, edges, lower, upper)
    if not chosen:
        return inside
    return Query.boolean_query([
        (Occur.Should, inside),
        (Occur.Should, Query.term_set_query(schema, "id", chosen)),
        (Occur.Should, Query.term_set_query(schema, "article_id", chosen)),
    ])


def _articles_within(schema: tantivy.Schema, searcher: tantivy.Searcher, seconds: list[datetime],
                     lower: datetime, upper: datetime) -> list[str]:
    """Ids of the articles stored under one of `seconds` whose full time lies within the bounds."""
    stored = Query.boolean_query([(Occur.Should, _stored_range(schema, second, second)) for second in seconds])
    query = Query.boolean_query([(Occur.Must, Query.term_query(schema, "doc_type", ARTICLE)), (Occur.Must, stored)])
    count = searcher.search(query, 1, count=True).count
    if not count:
        return []
    chosen = []
    for _, address in searcher.search(query, count, count=False).hits:
        article = orjson.loads(searcher.doc(address).get_first("doc"))
        published = published_at(article)
        if published is not None and lower <= published <= upper:
            chosen.append(article["id"])
    return chosen
