"""The engine's :class:`~fake_arango_tasks._aql._storage.Storage` protocol in memory, with
ArangoDB's write semantics as far as the AQL tests need them (``arangod/RocksDBEngine/
RocksDBCollection.cpp``, ``arangod/Transaction/Methods.cpp``, ``lib/Basics/VelocyPackHelper.cpp``
``mergeObjects``; key rules ``arangod/VocBase/KeyGenerator.cpp``).

- keys: ``_key`` given (validated: 1-254 bytes of ``[a-zA-Z0-9_-:.@()+,=;$!*'%]``, else 1221)
  or generated, increasing numbers as the traditional key generator makes them;
- documents start with ``_key``, ``_id``, ``_rev`` (and ``_from``, ``_to`` for edges);
- a second document with the same key: 1210 ``unique constraint violated - in index primary of
  type primary over '_key'; conflicting key: <key>``, unless ``overwriteMode`` says otherwise;
- edges need ``_from`` and ``_to`` of the form ``collection/key`` (1233);
- UPDATE merges (``keepNull: false`` removes attributes set to null; ``mergeObjects: false``
  replaces sub-objects), REPLACE replaces; both keep the system attributes;
- full scans return documents in last-modified order (the RocksDB engine's order of local
  document ids).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from fake_arango_tasks._aql._storage import Direction, WriteOptions
from fake_arango_tasks._errors import ArangoError

__all__ = ["MemoryStorage", "MemoryCollection"]

Document = dict[str, Any]
_KEY = re.compile(r"[a-zA-Z0-9_\-:.@()+,=;$!*'%]{1,254}")
_SYSTEM = ("_key", "_id", "_rev", "_from", "_to")


class MemoryCollection:
    """One collection in memory."""

    def __init__(self, storage: MemoryStorage, name: str, type: int) -> None:
        self._storage = storage
        self._name = name
        self._type = type
        self.documents: dict[str, Document] = {}

    @property
    def name(self) -> str:
        return self._name

    @property
    def type(self) -> int:
        return self._type

    def all(self) -> Iterator[Document]:
        return iter(list(self.documents.values()))

    def get(self, key: str) -> Document | None:
        return self.documents.get(key)

    def count(self) -> int:
        return len(self.documents)

    def edges(self, vertex_id: str, direction: Direction) -> Iterable[Document]:
        out = []
        for document in self.documents.values():
            if direction in ("outbound", "any") and document.get("_from") == vertex_id:
                out.append(document)
            elif direction in ("inbound", "any") and document.get("_to") == vertex_id:
                out.append(document)
        return out

    # --- writes ---------------------------------------------------------------------------

    def _stored(self, key: str, body: Document, edge: tuple[str, str] | None) -> Document:
        document: Document = {"_key": key, "_id": f"{self._name}/{key}", "_rev": self._storage.next_rev()}
        if edge is not None:
            document["_from"], document["_to"] = edge
        for name, value in body.items():
            if name not in _SYSTEM:
                document[name] = value
        return document

    def _edge(self, body: Document, old: Document | None = None) -> tuple[str, str] | None:
        if self._type != 3:
            return None
        ends = []
        for attribute in ("_from", "_to"):
            value = body.get(attribute, old.get(attribute) if old else None)
            if not isinstance(value, str) or not re.fullmatch(r"[^/]+/[^/]+", value):
                raise ArangoError(1233)
            ends.append(value)
        return ends[0], ends[1]

    def _put(self, key: str, document: Document) -> None:
        self.documents.pop(key, None)
        self.documents[key] = document  # last modified goes last

    def insert(self, document: Document, options: WriteOptions) -> tuple[Document | None, Document]:
        if not isinstance(document, dict):
            raise ArangoError(1227)
        if "_key" in document:
            key = document["_key"]
            if not isinstance(key, str) or not _KEY.fullmatch(key):
                raise ArangoError(1221)
        else:
            key = self._storage.next_key()
        old = self.documents.get(key)
        if old is not None:
            mode = options.overwrite_mode
            if mode == "ignore":
                return None, old
            if mode == "update":
                return self.update(key, document, options)
            if mode == "replace":
                return self.replace(key, document, options)
            raise ArangoError(1210, "unique constraint violated - in index primary of type primary over '_key'; "
                                    f"conflicting key: {key}")
        stored = self._stored(key, document, self._edge(document))
        self._put(key, stored)
        return None, stored

    def _existing(self, key: str, options: WriteOptions, rev: str | None) -> Document:
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise ArangoError(1221)
        old = self.documents.get(key)
        if old is None:
            raise ArangoError(1202)
        if rev is not None and not options.ignore_revs and rev != old["_rev"]:
            raise ArangoError(1200, "conflict, _rev values do not match")
        return old

    def update(self, key: str, patch: Document, options: WriteOptions, rev: str | None = None) -> tuple[Document, Document]:
        old = self._existing(key, options, rev)
        body = _merge({k: v for k, v in old.items() if k not in _SYSTEM}, patch, options.keep_null,
                      options.merge_objects)
        stored = self._stored(key, body, self._edge(patch, old))
        self._put(key, stored)
        return old, stored

    def replace(self, key: str, document: Document, options: WriteOptions, rev: str | None = None) -> tuple[Document, Document]:
        old = self._existing(key, options, rev)
        stored = self._stored(key, document, self._edge(document))
        self._put(key, stored)
        return old, stored

    def remove(self, key: str, options: WriteOptions, rev: str | None = None) -> Document:
        old = self._existing(key, options, rev)
        del self.documents[key]
        return old


def _merge(old: Document, patch: Document, keep_null: bool, merge_objects: bool) -> Document:
    """``VelocyPackHelper::merge``: ``patch`` over ``old``; nested objects merged when
    ``merge_objects``; with ``keep_null`` false a null removes the attribute (also nested)."""
    out = dict(old)
    for name, value in patch.items():
        if name in _SYSTEM:
            continue
        if value is None and not keep_null:
            out.pop(name, None)
        elif isinstance(value, dict) and merge_objects and isinstance(out.get(name), dict):
            out[name] = _merge(out[name], value, keep_null, merge_objects)
        elif isinstance(value, dict) and not keep_null:
            out[name] = _merge({}, value, keep_null, merge_objects)
        else:
            out[name] = value
    return out


class MemoryStorage:
    """A database of :class:`MemoryCollection`."""

    def __init__(self, database: str = "_system") -> None:
        self._database = database
        self.collections: dict[str, MemoryCollection] = {}
        self._tick = 100

    @property
    def database(self) -> str:
        return self._database

    def next_key(self) -> str:
        self._tick += 1
        return str(self._tick)

    def next_rev(self) -> str:
        self._tick += 1
        return f"_r{self._tick:08d}"

    def create(self, name: str, documents: Iterable[Document] = (), *, edge: bool = False) -> MemoryCollection:
        """Create collection ``name`` (an edge collection with ``edge``) holding ``documents``."""
        collection = MemoryCollection(self, name, 3 if edge else 2)
        self.collections[name] = collection
        for document in documents:
            collection.insert(copy.deepcopy(document), WriteOptions())
        return collection

    def collection(self, name: str) -> MemoryCollection:
        found = self.collections.get(name)
        if found is None:
            raise ArangoError(1203, f"collection or view not found: {name}")
        return found

    def has_collection(self, name: str) -> bool:
        return name in self.collections

    @contextmanager
    def transaction(self, write: Iterable[str] = ()) -> Iterator[None]:
        saved = {name: dict(c.documents) for name, c in self.collections.items()}
        tick = self._tick
        try:
            yield
        except BaseException:
            for name, documents in saved.items():
                self.collections[name].documents = documents
            self._tick = tick
            raise
