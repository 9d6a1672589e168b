"""Databases' collections and documents, with ArangoDB's semantics, in one place.

Every way in shares this store: the HTTP document and collection APIs, task commands' ``db``
objects (through the V8 bridge) and AQL (through the :class:`~._aql._storage.Storage` protocol of
:meth:`DocumentStore.storage`). The rules follow ``arangod/Transaction/Methods.cpp``,
``arangod/RestHandler/RestDocumentHandler.cpp``, ``arangod/V8Server/v8-collection.cpp`` and
``js/server/modules/@arangodb/arango-collection.js`` (docs/behaviour.md §7):

- keys: the traditional key generator, keys drawn from the server tick; a given ``_key`` must
  match ArangoDB's key characters (1221 ``illegal document key``);
- ``_rev``: a hybrid logical clock, ``(milliseconds << 20) + counter``, in ArangoDB's base-64
  alphabet (``lib/Basics/HybridLogicalClock.h``), strictly increasing;
- stored documents start with ``_key``, ``_id`` (``_from``, ``_to`` for edges) and ``_rev``;
- a full scan sees documents in the order they were last written (RocksDB iterates by revision);
- revision preconditions (1200), overwrite modes, ``keepNull``/``mergeObjects``, ``returnOld``/
  ``returnNew``, edges' ``_from``/``_to`` (1233), system names (1208), 1202/1203/1205/1207/1210/1227.

Writes can run inside a transaction (:meth:`DocumentStore.transaction`): an undo log that is
replayed backwards if the block raises (AQL runs each query so).
"""

from __future__ import annotations

import contextlib
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Final, Iterable, Iterator, Literal, Mapping

from . import _errors as E
from ._errors import ArangoError
from ._ticks import Ticks

__all__ = ["Collection", "DocumentStore", "WriteMode"]

Document = dict[str, Any]
WriteMode = Literal["conflict", "update", "replace", "ignore"]

_COLLECTION_NAME: Final = re.compile(r"[a-zA-Z_][a-zA-Z0-9_\-]{0,255}")
_DOCUMENT_KEY: Final = re.compile(r"[a-zA-Z0-9_\-:.@()+,=;$!*'%]{1,254}")
_VERTEX_ID: Final = re.compile(r"[^/]+/[^/]+")
_SYSTEM_ATTRIBUTES: Final = frozenset({"_key", "_id", "_rev", "_from", "_to"})
_ALPHABET: Final = "-_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _encode_rev(stamp: int) -> str:
    text = ""
    while stamp > 0:
        stamp, digit = divmod(stamp, 64)
        text = _ALPHABET[digit] + text
    return text


class RevisionClock:
    """ArangoDB's hybrid logical clock for ``_rev`` values: milliseconds of the clock shifted by 20
    bits plus a counter, never going down."""

    def __init__(self, now_ms: Callable[[], int]) -> None:
        self._now_ms = now_ms
        self._last = 0

    def next(self) -> str:
        """A new revision, greater than every earlier one."""
        stamp = max(self._now_ms() << 20, self._last + 1)
        self._last = stamp
        return _encode_rev(stamp)

    def reset(self) -> None:
        """Start afresh (a reset server)."""
        self._last = 0


@dataclass(eq=False)
class Collection:
    """A collection: documents by ``_key``, in the order they were last written.

    Implements what AQL needs of a collection (:class:`~._aql._storage.Collection`) through the
    store's :class:`_AqlCollection`; documents handed out are shared and never mutated in place.
    """

    name: str
    id: str
    type: int  # 2 document, 3 edge
    docs: dict[str, Document] = field(default_factory=dict)
    last_value: int = 0  # the highest numeric key ever stored (keyOptions.lastValue): never goes down
    is_system: bool = False

    def properties(self) -> dict[str, Any]:
        """``GET /_api/collection/{name}/properties`` without the envelope (ArangoDB 3.12 keys)."""
        return {
            "writeConcern": 1, "waitForSync": False, "usesRevisionsAsDocumentIds": True, "syncByRevision": True,
            "statusString": "loaded", "id": self.id, "isSmartChild": False, "schema": None, "name": self.name,
            "type": self.type, "status": 3, "cacheEnabled": False, "isSystem": self.is_system,
            "internalValidatorType": 0, "globallyUniqueId": f"h{int(self.id):x}/{self.id}",
            "keyOptions": {"allowUserKeys": True, "type": "traditional", "lastValue": self.last_value},
            "computedValues": None, "objectId": self.id,
        }

    def summary(self) -> dict[str, Any]:
        """An element of ``GET /_api/collection``'s ``result``."""
        return {"id": self.id, "name": self.name, "status": 3, "type": self.type,
                "isSystem": self.is_system, "globallyUniqueId": f"h{int(self.id):x}/{self.id}"}

    def describe(self) -> str:
        """What ``String(collection)`` shows in ArangoDB's JavaScript."""
        kind = "edge" if self.type == 3 else "document"
        return f'[ArangoCollection {self.id}, "{self.name}" (type {kind}, status loaded)]'


@dataclass(frozen=True)
class _Undo:
    """One step of a transaction's undo log: put ``document`` back at ``key`` (or remove the key
    when ``document`` is ``None``) in ``collection``; or drop/restore a whole collection."""

    database: str
    collection: Collection
    key: str | None = None
    document: Document | None = None
    created: bool = False  # the step created the collection: dropping it undoes it


class DocumentStore:
    """All databases' collections and documents, thread-safe.

    Args:
        ticks: the server tick keys and collection ids are drawn from.
        now_ms: the server's clock in milliseconds (revisions).
    """

    def __init__(self, ticks: Ticks, now_ms: Callable[[], int]) -> None:
        self._ticks = ticks
        self._revisions = RevisionClock(now_ms)
        self._lock = threading.RLock()
        self._databases: dict[str, dict[str, Collection]] = {}
        self._undo: list[list[_Undo]] = []  # open transactions' undo logs (innermost last)

    # -- collections --------------------------------------------------------------------------------

    def collections(self, database: str) -> list[Collection]:
        """The collections of ``database``, in creation order."""
        with self._lock:
            return list(self._databases.get(database, {}).values())

    def collection(self, database: str, name: str, *, suffix: bool = True) -> Collection:
        """Collection ``name`` of ``database``.

        Raises:
            ArangoError: 404/1203 ``collection or view not found: <name>`` (without the name
                when ``suffix`` is false, as ``GET /_api/collection/{name}`` says it).
        """
        with self._lock:
            found = self._databases.get(database, {}).get(name)
        if found is None:
            raise ArangoError(E.DATA_SOURCE_NOT_FOUND, f"collection or view not found: {name}" if suffix else None)
        return found

    def has(self, database: str, name: str) -> bool:
        """Whether ``database`` has a collection ``name``."""
        with self._lock:
            return name in self._databases.get(database, {})

    def create_collection(self, database: str, name: Any, *, edge: bool = False, is_system: bool = False) -> Collection:
        """Create collection ``name``.

        Raises:
            ArangoError: 400/1208 an illegal name (a leading ``_`` needs ``is_system``), 409/1207
                the name exists.
        """
        text = str(name)
        if not isinstance(name, str) or not _COLLECTION_NAME.fullmatch(text) or (text.startswith("_") and not is_system):
            raise ArangoError(E.ILLEGAL_NAME)
        with self._lock:
            collections = self._databases.setdefault(database, {})
            if text in collections:
                raise ArangoError(E.DUPLICATE_NAME)
            collection = Collection(text, str(self._ticks.take()), 3 if edge else 2, is_system=text.startswith("_"))
            collections[text] = collection
            self._log(_Undo(database, collection, created=True))
            return collection

    def drop_collection(self, database: str, name: str) -> Collection:
        """Drop collection ``name``.

        Raises:
            ArangoError: 404/1203 no such collection.
        """
        with self._lock:
            collection = self.collection(database, name, suffix=False)
            del self._databases[database][name]
            return collection

    def truncate(self, database: str, name: str) -> Collection:
        """Remove every document of ``name`` (keys are not reused)."""
        with self._lock:
            collection = self.collection(database, name)
            for key, document in list(collection.docs.items()):
                self._log(_Undo(database, collection, key, document))
            collection.docs.clear()
            return collection

    def drop_database(self, database: str) -> None:
        """Forget every collection of ``database``."""
        with self._lock:
            self._databases.pop(database, None)

    def clear(self) -> None:
        """Forget every collection of every database (a reset server)."""
        with self._lock:
            self._databases.clear()
            self._revisions.reset()
            self._undo.clear()

    def snapshot(self) -> dict[str, Any]:
        """Every collection and document as JSON values (``fake.snapshot()``): ``{"revision":
        last _rev stamp, "databases": {name: [{"name", "id", "type", "lastValue", "isSystem",
        "documents": [...]}]}}``, documents in scan order."""
        with self._lock:
            return {"revision": self._revisions._last, "databases": {
                database: [{"name": c.name, "id": c.id, "type": c.type, "lastValue": c.last_value,
                            "isSystem": c.is_system, "documents": list(c.docs.values())}
                           for c in collections.values()]
                for database, collections in self._databases.items()}}

    def restore(self, state: Mapping[str, Any]) -> None:
        """Replace every collection and document with those of a :meth:`snapshot`."""
        with self._lock:
            self._undo.clear()
            self._revisions._last = int(state["revision"])
            self._databases = {
                database: {c["name"]: Collection(c["name"], c["id"], c["type"],
                                                 {d["_key"]: d for d in c["documents"]}, c["lastValue"],
                                                 c["isSystem"]) for c in collections}
                for database, collections in state["databases"].items()}

    # -- transactions ---------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Every write inside the block is undone if the block raises (nested blocks roll back
        to their own start). The store's lock is held throughout: writes are serialised."""
        with self._lock:
            log: list[_Undo] = []
            self._undo.append(log)
            try:
                yield
            except BaseException:
                self._undo.pop()
                self._rollback(log)
                raise
            self._undo.pop()
            if self._undo:
                self._undo[-1].extend(log)

    def _log(self, step: _Undo) -> None:
        if self._undo:
            self._undo[-1].append(step)

    def _rollback(self, log: list[_Undo]) -> None:
        for step in reversed(log):
            if step.created:
                self._databases.get(step.database, {}).pop(step.collection.name, None)
            elif step.key is not None:
                if step.document is None:
                    step.collection.docs.pop(step.key, None)
                else:
                    step.collection.docs[step.key] = step.document

    # -- documents: the primitives every API uses ------------------------------------------------------

    def _store(self, database: str, collection: Collection, key: str, document: Document | None) -> None:
        """Write ``document`` at ``key`` (``None`` removes it), last in scan order, undoably."""
        self._log(_Undo(database, collection, key, collection.docs.get(key)))
        collection.docs.pop(key, None)
        if document is not None:
            collection.docs[key] = document
            if key.isdigit():
                collection.last_value = max(collection.last_value, int(key))

    def _new_key(self, collection: Collection) -> str:
        return str(self._ticks.take())

    def _assemble(self, collection: Collection, key: str, body: Mapping[str, Any]) -> Document:
        """A stored document: ``_key``, ``_id``, (``_from``, ``_to``,) ``_rev``, then the rest."""
        document: Document = {"_key": key, "_id": f"{collection.name}/{key}"}
        if collection.type == 3:
            document["_from"] = body.get("_from")
            document["_to"] = body.get("_to")
        document["_rev"] = self._revisions.next()
        for name, value in body.items():
            if name not in _SYSTEM_ATTRIBUTES:
                document[name] = value
        return document

    @staticmethod
    def _check_edge(collection: Collection, body: Mapping[str, Any]) -> None:
        if collection.type != 3:
            return
        for name in ("_from", "_to"):
            value = body.get(name)
            if not isinstance(value, str) or not _VERTEX_ID.fullmatch(value):
                raise ArangoError(E.INVALID_EDGE_ATTRIBUTE)

    @staticmethod
    def key_of(collection: Collection, selector: Any) -> str:
        """The key a selector names: a key, an ``_id`` (``collection/key``), or an object with
        ``_key`` or ``_id``.

        Raises:
            ArangoError: 400/1205 an ``_id`` of another collection (or not a string); 400/1221 a
                bad key.
        """
        key: Any = selector
        if isinstance(selector, dict):
            key = selector.get("_key", selector.get("_id"))
        if not isinstance(key, str):
            raise ArangoError(E.DOCUMENT_HANDLE_BAD)
        if "/" in key:
            name, _, rest = key.partition("/")
            if name != collection.name:
                raise ArangoError(E.DOCUMENT_HANDLE_BAD)
            key = rest
        return str(key)

    @staticmethod
    def header(collection: Collection, document: Document) -> Document:
        """``{_id, _key, _rev}`` of a document, as write operations answer."""
        return {"_id": document["_id"], "_key": document["_key"], "_rev": document["_rev"]}

    def get(self, database: str, name: str, selector: Any) -> Document:
        """The document a selector names.

        Raises:
            ArangoError: 1203, 1205, 404/1202 no such document.
        """
        with self._lock:
            collection = self.collection(database, name)
            document = collection.docs.get(self.key_of(collection, selector))
        if document is None:
            raise ArangoError(E.DOCUMENT_NOT_FOUND)
        return document

    def insert(self, database: str, name: str, body: Any, *, mode: WriteMode = "conflict", keep_null: bool = True,
               merge_objects: bool = True) -> tuple[Document | None, Document]:
        """Insert ``body``; ``(old, new)``: ``old`` is the document an overwrite mode replaced,
        updated or kept (``ignore`` answers the kept document as ``new``), else ``None``.

        Raises:
            ArangoError: 400/1227 not an object, 400/1221 a bad ``_key``, 409/1210 the key exists
                (mode ``conflict``), 400/1233 edge attributes.
        """
        with self._lock:
            collection = self.collection(database, name)
            if not isinstance(body, dict):
                raise ArangoError(E.DOCUMENT_TYPE_INVALID)
            if "_key" in body:
                key = body["_key"]
                if not isinstance(key, str) or not _DOCUMENT_KEY.fullmatch(key):
                    raise ArangoError(E.DOCUMENT_KEY_BAD)
            else:
                key = self._new_key(collection)
            old = collection.docs.get(key)
            if old is not None:
                if mode == "ignore":
                    return old, old
                if mode == "conflict":
                    raise ArangoError(
                        E.UNIQUE_CONSTRAINT_VIOLATED,
                        f"unique constraint violated - in index primary of type primary over '_key'; conflicting key: {key}",
                    )
                new_body = _merge(old, body, merge_objects, keep_null) if mode == "update" else body
                return old, self._write(database, collection, key, new_body)
            return None, self._write(database, collection, key, body)

    def _write(self, database: str, collection: Collection, key: str, body: Mapping[str, Any]) -> Document:
        self._check_edge(collection, body)
        document = self._assemble(collection, key, body)
        self._store(database, collection, key, document)
        return document

    def update(self, database: str, name: str, selector: Any, patch: Any, *, rev: str | None = None,
               keep_null: bool = True, merge_objects: bool = True) -> tuple[Document, Document]:
        """Merge ``patch`` into the selected document; ``(old, new)``.

        Args:
            rev: the revision the caller expects (``If-Match``, or a selector's ``_rev`` where
                the API honours it); a different current revision is 412/1200.

        Raises:
            ArangoError: 400/1227 not an object, 1202, 1205, 412/1200, 1233.
        """
        return self._rewrite(database, name, selector, patch, rev,
                             lambda old, given: _merge(old, given, merge_objects, keep_null))

    def replace(self, database: str, name: str, selector: Any, body: Any, *, rev: str | None = None) -> tuple[Document, Document]:
        """Replace the selected document with ``body``; ``(old, new)``. Raises as :meth:`update`."""
        return self._rewrite(database, name, selector, body, rev, lambda old, given: given)

    def _rewrite(self, database: str, name: str, selector: Any, given: Any, rev: str | None,
                 new_body: Callable[[Document, Document], Mapping[str, Any]]) -> tuple[Document, Document]:
        with self._lock:
            collection = self.collection(database, name)
            if not isinstance(given, dict):
                raise ArangoError(E.DOCUMENT_TYPE_INVALID)
            key = self.key_of(collection, selector)
            old = collection.docs.get(key)
            if old is None:
                raise ArangoError(E.DOCUMENT_NOT_FOUND)
            _check_rev(old, rev)
            body = dict(new_body(old, given))
            if collection.type == 3:
                body.setdefault("_from", old["_from"])
                body.setdefault("_to", old["_to"])
            return old, self._write(database, collection, key, body)

    def remove(self, database: str, name: str, selector: Any, *, rev: str | None = None) -> Document:
        """Remove the selected document; the removed document.

        Raises:
            ArangoError: 1202, 1205, 412/1200.
        """
        with self._lock:
            collection = self.collection(database, name)
            key = self.key_of(collection, selector)
            old = collection.docs.get(key)
            if old is None:
                raise ArangoError(E.DOCUMENT_NOT_FOUND)
            _check_rev(old, rev)
            self._store(database, collection, key, None)
            return old

    # -- AQL ------------------------------------------------------------------------------------------

    def storage(self, database: str) -> "DatabaseStorage":
        """``database`` as the AQL engine reads and writes it (:class:`~._aql._storage.Storage`)."""
        return DatabaseStorage(self, database)


def _check_rev(old: Document, rev: str | None) -> None:
    if rev is not None and rev != old["_rev"]:
        raise ArangoError(E.CONFLICT, "conflict, _rev values do not match", 412)


def _merge(old: Mapping[str, Any], patch: Mapping[str, Any], merge_objects: bool, keep_null: bool) -> Document:
    """``patch`` merged into a copy of ``old`` (UPDATE's rules): a null removes an attribute
    unless ``keep_null``; nested objects merge when ``merge_objects``."""
    merged = dict(old)
    for name, value in patch.items():
        if value is None and not keep_null:
            merged.pop(name, None)
        elif (merge_objects and isinstance(value, dict) and isinstance(merged.get(name), dict)):
            merged[name] = _merge(merged[name], value, merge_objects, keep_null)
        else:
            merged[name] = value
    return merged


def _owned(value: Any) -> Any:
    """``value`` with every nested object and array copied (scalars are immutable): what a write
    from AQL stores, so that no stored document shares a container with the query (its folded
    constants, its variables) or with another document. About 1.5 microseconds for a small
    document, against 0.1 for the top-level copy alone (measured on the project's machine)."""
    kind = type(value)
    if kind is dict:
        return {key: _owned(item) for key, item in value.items()}
    if kind is list:
        return [_owned(item) for item in value]
    return value


class _AqlCollection:
    """A collection as the AQL engine sees it (:class:`~._aql._storage.Collection`).

    Reads hand out the stored documents themselves (never mutated in place: every write stores
    a new dict); writes store a copy of what they are given (:func:`_owned`).
    """

    def __init__(self, store: DocumentStore, database: str, collection: Collection) -> None:
        self._store = store
        self._database = database
        self._collection = collection

    @property
    def name(self) -> str:
        return self._collection.name

    @property
    def type(self) -> int:
        return self._collection.type

    def all(self) -> Iterator[Document]:
        return iter(list(self._collection.docs.values()))

    def get(self, key: str) -> Document | None:
        return self._collection.docs.get(key)

    def count(self) -> int:
        return len(self._collection.docs)

    def edges(self, vertex_id: str, direction: str) -> Iterable[Document]:
        out = []
        for edge in self._collection.docs.values():
            if (direction in ("outbound", "any") and edge.get("_from") == vertex_id) or \
               (direction in ("inbound", "any") and edge.get("_to") == vertex_id):
                out.append(edge)
        return out

    def insert(self, document: Document, options: Any) -> tuple[Document | None, Document]:
        """``(None, kept)`` for a key that exists under ``overwriteMode: "ignore"`` (nothing was
        written), else as :meth:`DocumentStore.insert`."""
        mode: WriteMode = getattr(options, "overwrite_mode", None) or "conflict"
        old, new = self._store.insert(self._database, self.name, _owned(document), mode=mode,
                                      keep_null=getattr(options, "keep_null", True),
                                      merge_objects=getattr(options, "merge_objects", True))
        return (None, new) if mode == "ignore" and old is new else (old, new)

    def update(self, key: str, patch: Document, options: Any, rev: str | None = None) -> tuple[Document, Document]:
        return self._store.update(self._database, self.name, key, _owned(patch),
                                  rev=None if getattr(options, "ignore_revs", True) else rev,
                                  keep_null=getattr(options, "keep_null", True),
                                  merge_objects=getattr(options, "merge_objects", True))

    def replace(self, key: str, document: Document, options: Any, rev: str | None = None) -> tuple[Document, Document]:
        return self._store.replace(self._database, self.name, key, _owned(document),
                                   rev=None if getattr(options, "ignore_revs", True) else rev)

    def remove(self, key: str, options: Any, rev: str | None = None) -> Document:
        return self._store.remove(self._database, self.name, key, rev=None if getattr(options, "ignore_revs", True) else rev)


class DatabaseStorage:
    """One database as the AQL engine sees it (:class:`~._aql._storage.Storage`)."""

    def __init__(self, store: DocumentStore, database: str) -> None:
        self._store = store
        self._database = database

    @property
    def database(self) -> str:
        return self._database

    def collection(self, name: str) -> _AqlCollection:
        return _AqlCollection(self._store, self._database, self._store.collection(self._database, name))

    def has_collection(self, name: str) -> bool:
        return self._store.has(self._database, name)

    def transaction(self, write: Iterable[str] = ()) -> contextlib.AbstractContextManager[None]:
        return self._store.transaction()
