"""Index versions behind the alias: create, reindex and swap, bulk-load tuning.

The service and the loaders only ever name the alias (`ELASTICSEARCH_INDEX`,
default `news-articles`); the data lives in `news-articles-v<N>`. A mapping
change is a new version filled from the current one with `_reindex`, then
the alias moves in one `_aliases` request, so a search sees either the old
index or the new one, never neither. While the copy runs, the old version
refuses writes (`writes_blocked`), so nothing written meanwhile is left
behind in it: writers get IndexBusy (503, Retry-After) and retry after the
swap. These are operator actions
(`python -m loaders init|reindex`), kept apart from the search path.
"""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from typing import Any, Iterator

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError

from ..errors import EngineTimeout
from .elastic_client import EngineError, engine_errors, reindexing
from .elastic_document import MAPPING_PATH, index_body
from .elastic_rekey import rekey
from .write_results import ReindexResult

log = logging.getLogger(__name__)
#: Settings a large load changes, and what they go back to afterwards.
BULK_SETTINGS = {"refresh_interval": "-1", "number_of_replicas": 0, "auto_expand_replicas": False}
#: `_reindex` of a large archive takes long; its own timeout, not the search one.
REINDEX_TIMEOUT_SECONDS = 3600.0


class IndexAdmin:
    """Versioned indices behind one alias, on one client."""

    def __init__(self, client: Elasticsearch, alias: str, mapping_path=MAPPING_PATH, id_field: str = "id",
                 articles_alias: str | None = None):
        self.client = client
        self.alias = alias
        self.mapping_path = mapping_path
        self.id_field = id_field  # unique in every document: `rekey` pages in its order
        #: The quotes' index reads its articles' authors and tags there (`rekey`).
        self.articles_alias = articles_alias
        self._version = re.compile(re.escape(alias) + r"-v(\d+)")

    def version_name(self, version: int) -> str:
        return f"{self.alias}-v{version}"

    def current_index(self) -> str | None:
        """The index the alias points at, or None when there is no alias yet."""
        with engine_errors("reading the index alias", EngineTimeout):
            try:
                found = self.client.indices.get_alias(name=self.alias)
            except NotFoundError:
                return None
        names = sorted(found.body)
        if len(names) != 1:
            raise EngineError(f"alias {self.alias!r} points at {len(names)} indices: {names}")
        return names[0]

    def ensure_index(self) -> str:
        """Create v1 and the alias if the alias is missing; return the index behind it."""
        current = self.current_index()
        if current is not None:
            self.add_new_fields(current)
            return current
        with engine_errors("creating the index", EngineTimeout):
            if self.client.indices.exists(index=self.alias) and not self._is_versioned(self.alias):
                raise EngineError(
                    f"{self.alias!r} is a plain index, not an alias; move its data to "
                    f"{self.version_name(1)!r} or choose another ELASTICSEARCH_INDEX."
                )
            name = self._latest_version() or self.version_name(1)
            if not self._create(name):
                self.check_mapping(name)
            self.client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias}}])
        log.info("created %s behind alias %s", name, self.alias)
        return self.current_index() or name

    def reindex(self, keep_old: bool = False) -> ReindexResult:
        """Copy the current version into a new one and swap the alias atomically."""
        old = self.current_index()
        if old is None:
            raise EngineError(f"alias {self.alias!r} does not exist; run `python -m loaders init` first.")
        new = self.version_name(self._number(old) + 1)
        slow = self.client.options(request_timeout=REINDEX_TIMEOUT_SECONDS)
        with engine_errors(f"reindexing {old} into {new}", EngineTimeout):
            self._drop_unfinished(old)
            self._create(new)
            with self.bulk_settings(new):
                slow.reindex(source={"index": old}, dest={"index": new},
                             wait_for_completion=True, refresh=True)
                rekeyed = rekey(slow, new, self.id_field, self.articles_alias)  # `_reindex` copied the old keys
            self.client.indices.refresh(index=new)
            before = self.client.count(index=old)["count"]
            after = self.client.count(index=new)["count"]
            if before != after:
                self.client.indices.delete(index=new)
                raise EngineError(f"reindex copied {after} of {before} documents; alias left on {old}.")
            self.client.indices.update_aliases(actions=[
                {"remove": {"index": old, "alias": self.alias}},
                {"add": {"index": new, "alias": self.alias}},
            ])
            if not keep_old:
                self.client.indices.delete(index=old)
        log.info("alias %s moved from %s to %s (%d documents, keys folded anew in %d)",
                 self.alias, old, new, after, rekeyed)
        return ReindexResult(old, new, after, old_deleted=not keep_old)

    @contextmanager
    def writes_blocked(self, index: str) -> Iterator[None]:
        """`index` refuses new documents (`index.blocks.write`) until the block ends.

        A reindex copies a snapshot: an article written to the old version
        after the copy began would be gone once the alias moves. The block is
        lifted at the end unless the index was deleted meanwhile (the swap).
        Searches and settings changes are not blocked.
        """
        with engine_errors("blocking writes for a reindex", EngineTimeout):
            self.client.indices.put_settings(index=index, settings={"index.blocks.write": True})
        try:
            yield
        finally:
            with engine_errors("lifting the write block after a reindex", EngineTimeout):
                try:
                    self.client.indices.put_settings(index=index, settings={"index.blocks.write": None})
                except NotFoundError:
                    pass

    def refuse_blocked_writes(self) -> None:
        """Raise IndexBusy while the index behind the alias is blocked for a reindex.

        Asked before each write: the engine refuses blocked bulk items too,
        but not every engine refuses deletes (osmem, docs/engine-notes.md),
        and a write refused half-way would leave an article's quotes changed.
        """
        with engine_errors("reading the index's write block", EngineTimeout):
            try:
                body = self.client.indices.get_settings(index=self.alias, name="index.blocks.write",
                                                        flat_settings=True)
            except NotFoundError:
                return
        for entry in body.values():
            if str(entry.get("settings", {}).get("index.blocks.write", "")).lower() == "true":
                raise reindexing()

    @contextmanager
    def bulk_settings(self, index: str | None = None) -> Iterator[None]:
        """No refresh and no replicas while a large load runs; the mapping file's values after.

        Restoring from the mapping file rather than from what was read before
        means a load that crashed half-way (leaving refresh off) is repaired
        by the next one.
        """
        index = index or self.current_index() or self.alias
        with engine_errors("tuning the index for a bulk load", EngineTimeout):
            self.client.indices.put_settings(index=index, settings={"index": BULK_SETTINGS})
        try:
            yield
        finally:
            with engine_errors("restoring the index settings after a bulk load", EngineTimeout):
                self.client.indices.put_settings(index=index, settings={"index": restored_settings()})
                self.client.indices.refresh(index=index)

    def upgrade_notice(self) -> str | None:
        """Whether the index behind the alias was made from an older mapping file
        (`_meta.schema_version`) and needs `reindex`, or None."""
        current = self.current_index()
        if current is None:
            return None
        wanted = index_body(self.mapping_path)["mappings"].get("_meta", {}).get("schema_version", 0)
        with engine_errors("reading an index mapping", EngineTimeout):
            found = self.client.indices.get_mapping(index=current)
        meta = next(iter(found.body.values()), {}).get("mappings", {}).get("_meta") or {}
        version = meta.get("schema_version", 0)
        if version >= wanted:
            return None
        name = self.mapping_path.name
        missing = "; ".join(change for since, files, change in _VERSION_CHANGES
                            if version < since <= wanted and (name in files or name not in _BOTH)) \
            or "its mapping differs"
        return (f"The index {current} was made from schema version {version} of {self.mapping_path.name} and this "
                f"release writes version {wanted}: {missing}. Run `python -m loaders reindex` (the copy derives "
                "them anew).")

    def add_new_fields(self, index: str | None = None) -> list[str]:
        """Map the fields of the mapping file that the index lacks; their names.

        A release that adds a field writes it into every document, which
        `dynamic: strict` refuses on an index made before, and a sort on a
        field no document maps fails. A new field is an addition every
        engine takes on a live index (put mapping); the documents already
        there have no value for it until `reindex` derives one.
        """
        index = index or self.current_index()
        if index is None:
            return []
        wanted = index_body(self.mapping_path)["mappings"].get("properties", {})
        with engine_errors("reading an index mapping", EngineTimeout):
            found = self.client.indices.get_mapping(index=index)
        present = next(iter(found.body.values()), {}).get("mappings", {}).get("properties", {})
        new = {name: spec for name, spec in wanted.items() if name not in present}
        if new:
            with engine_errors(f"mapping the new fields {sorted(new)} in {index}", EngineTimeout):
                self.client.indices.put_mapping(index=index, properties=new)
            log.warning("mapped the new fields %s in %s (their values come with `reindex`)", sorted(new), index)
        return sorted(new)

    def settings(self, index: str | None = None) -> dict[str, Any]:
        index = index or self.current_index() or self.alias
        with engine_errors("reading the index settings", EngineTimeout):
            body = self.client.indices.get_settings(index=index)
        return next(iter(body.values()))["settings"]["index"]

    def check_mapping(self, name: str) -> None:
        """Refuse to put the alias on an index whose fields are not the mapping file's.

        An index of that name may already exist without the alias: left by
        a concurrent `init` (fine), or created by hand or by a write straight
        to it, with the engine's dynamic mapping. Adopting the latter would
        let every load succeed into fields that no search can use (every
        search a 503). Field types are compared, not analyzers: those change
        through `reindex`.
        """
        with engine_errors("reading an index mapping", EngineTimeout):
            found = self.client.indices.get_mapping(index=name)
        actual = next(iter(found.body.values()), {}).get("mappings", {})
        problems = mapping_differences(index_body(self.mapping_path)["mappings"], actual)
        if problems:
            shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
            raise EngineError(
                f"index {name!r} exists without the alias {self.alias!r} and its mapping is not "
                f"{self.mapping_path.name}'s ({shown}). Delete it, or move its data to another name, "
                "then run `python -m loaders init` again.")

    def _create(self, name: str) -> bool:
        """Create `name` from the mapping file; False if it already exists."""
        body = index_body(self.mapping_path)
        try:
            self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
        except BadRequestError as error:  # a concurrent init created it first: fine
            if "resource_already_exists" not in str(error):
                raise
            return False
        return True

    def _drop_unfinished(self, live: str) -> None:
        """Delete the versions after `live` the alias never reached: copies an interrupted
        reindex left half made. Else each killed run left one more behind, holding disk,
        and the next took the number after it."""
        with engine_errors("listing index versions", EngineTimeout):
            try:
                names = list(self.client.indices.get(index=f"{self.alias}-v*").body)
            except NotFoundError:
                return
        for name in names:
            if self._is_versioned(name) and self._number(name) > self._number(live):
                log.warning("deleting %s: a copy an interrupted reindex of %s left unfinished", name, live)
                self.client.indices.delete(index=name)

    def _latest_version(self) -> str | None:
        with engine_errors("listing index versions", EngineTimeout):
            try:
                names = list(self.client.indices.get(index=f"{self.alias}-v*").body)
            except NotFoundError:
                return None
        versioned = [n for n in names if self._is_versioned(n)]
        return max(versioned, key=self._number) if versioned else None

    def _is_versioned(self, name: str) -> bool:
        return self._version.fullmatch(name) is not None

    def _number(self, name: str) -> int:
        match = self._version.fullmatch(name)
        return int(match.group(1)) if match else 0


def restored_settings() -> dict[str, Any]:
    """The values of BULK_SETTINGS as the mapping file sets them (None = default)."""
    configured = index_body()["settings"]
    configured = configured.get("index", configured)
    return {name: configured.get(name) for name in BULK_SETTINGS}


#: What each mapping version changed, for the notice an older index gets.
#: What an index of an older mapping version lacks: (version, the mapping files it concerns, the change).
#: Each file counts its own versions (quotes are at 4 where articles are at 3).
_BOTH = ("news-articles.json", "news-quotes.json")
_VERSION_CHANGES = (
    (2, _BOTH, "its keys do not fold hyphens, periods and apostrophes, so filters find such names only as "
               "spelt there"),
    (3, _BOTH, "its documents of the same second come in id order, not in the order of the tie code newer "
               "documents and the embedded index sort them by"),
    (4, ("news-quotes.json",), "the quotes of one article come in the order of a hash of their ids, not in "
                               "article order as on the embedded index"),
    (4, ("news-articles.json",), "its paragraphs stand 100 positions apart, so a proximity phrase never finds "
                                 "words across two of them, as the embedded index does"),
    (5, ("news-quotes.json",), "its names and headlines stand 100 positions apart, so a proximity phrase never "
                               "finds words across two of them, as the embedded index does"),
    (5, ("news-articles.json",), "its articles hold no time of writing, so sort=ingested lists them last"),
    (6, _BOTH, "its documents hold no authors and tags to filter and count, so author= and tag= find none of "
               "them"),
)


def mapping_differences(expected: dict[str, Any], actual: dict[str, Any], prefix: str = "") -> list[str]:
    """How `actual` (an engine's mapping) departs from `expected` in fields and types."""
    problems = []
    if not prefix and str(actual.get("dynamic", "true")).lower() != str(expected.get("dynamic", "true")).lower():
        problems.append(f"dynamic is {actual.get('dynamic', 'true')}, not {expected.get('dynamic', 'true')}")
    wanted, present = expected.get("properties", {}), actual.get("properties", {})
    for field, spec in wanted.items():
        path = prefix + field
        if field not in present:
            problems.append(f"{path} is missing")
            continue
        kind, found = spec.get("type", "object"), present[field].get("type", "object")
        if kind != found:
            problems.append(f"{path} is {found}, not {kind}")
            continue
        if spec.get("enabled", True) and "properties" in spec:
            problems += mapping_differences(spec, present[field], f"{path}.")
        for sub, sub_spec in spec.get("fields", {}).items():
            sub_found = present[field].get("fields", {}).get(sub)
            if sub_found is None:
                problems.append(f"{path}.{sub} is missing")
            elif sub_found.get("type") != sub_spec.get("type"):
                problems.append(f"{path}.{sub} is {sub_found.get('type')}, not {sub_spec.get('type')}")
    problems += [f"{prefix}{field} is not in the mapping file" for field in present if field not in wanted]
    return problems
