"""A point in time for long reads (exports), on Elasticsearch and OpenSearch alike.

Elasticsearch opens one with `POST /<index>/_pit`; OpenSearch (and osmem)
with `POST /<index>/_search/point_in_time`. We try the first, then the
second; an engine with neither still exports, by plain search-after, which
may reflect writes made during the export (engine-notes.md).
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from elasticsearch import ApiError, Elasticsearch

log = logging.getLogger(__name__)
KEEP_ALIVE = "2m"
_JSON = {"accept": "application/json", "content-type": "application/json"}


@dataclass
class PointInTime:
    id: str
    flavour: str  # "elasticsearch" or "opensearch"

    def clause(self) -> dict:
        return {"id": self.id, "keep_alive": KEEP_ALIVE}


@contextmanager
def point_in_time(client: Elasticsearch, index: str) -> Iterator[PointInTime | None]:
    pit = _open(client, index)
    try:
        yield pit
    finally:
        if pit is not None:
            _close(client, pit)


def _open(client: Elasticsearch, index: str) -> PointInTime | None:
    try:
        return PointInTime(client.open_point_in_time(index=index, keep_alive=KEEP_ALIVE)["id"],
                           "elasticsearch")
    except ApiError as error:
        if error.status_code not in (400, 404, 405):
            raise
    try:
        response = client.perform_request("POST", f"/{index}/_search/point_in_time",
                                          params={"keep_alive": KEEP_ALIVE}, headers=_JSON)
        return PointInTime(response.body["pit_id"], "opensearch")
    except (ApiError, KeyError) as error:
        log.warning("no point in time on this engine (%s); exporting by plain search_after", error)
        return None


def _close(client: Elasticsearch, pit: PointInTime) -> None:
    try:
        if pit.flavour == "elasticsearch":
            client.close_point_in_time(id=pit.id)
        else:
            client.perform_request("DELETE", "/_search/point_in_time", body={"pit_id": [pit.id]},
                                   headers=_JSON)
    except ApiError:  # it expires by itself after KEEP_ALIVE
        log.warning("could not close point in time %s", pit.id, exc_info=True)
