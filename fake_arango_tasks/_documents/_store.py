"""The document store: every database's collections, documents, indexes and transactions.

Every way in shares it: the HTTP document, collection, index and transaction APIs, task
commands' ``db`` objects (through the V8 bridge) and AQL (through :meth:`DocumentStore.storage`).
The rules follow ``arangod/Transaction/Methods.cpp``, ``arangod/RestHandler/RestDocumentHandler.cpp``,
``arangod/V8Server/v8-collection.cpp`` and ``js/server/modules/@arangodb/arango-collection.js``
(docs/behaviour.md §7): stored documents start with ``_key``, ``_id`` (``_from``, ``_to``) and
``_rev``; revision preconditions (1200), overwrite modes, ``keepNull``/``mergeObjects``, edges'
``_from``/``_to`` (1233), system names (1208), 1202/1203/1205/1207/1210/1221/1227.

Writes take an optional :class:`~._transactions.Transaction`: its writes stay in its overlay
until :meth:`DocumentStore.commit`. Without one, a write applies at once (and, inside
:meth:`DocumentStore.transaction`, is undone if the block raises: AQL runs each query so).
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping

from .. import _errors as E
from .._errors import ArangoError
from .._ticks import Ticks
from ._collection import (COLLECTION_NAME, DOCUMENT_KEY, SYSTEM_ATTRIBUTES, VERTEX_ID, Collection, Document,
                          RevisionClock, WriteMode, merge_patch)
from ._indexes import Index, define_index, describe, matches, shown, system_indexes, ttl_timestamp
from ._transactions import IDLE_TIMEOUT_US, Transaction, TransactionOptions, parse_options
from ._ttl import TtlThread, expired_keys

if TYPE_CHECKING:
    from ._aql import DatabaseStorage

__all__ = ["DocumentStore"]

#: What a lock is held on: (id of the collection, ("key", key) or ("unique", index id, values)).
LockKey = tuple[int, Any]


def per_element(value: Any, one: Callable[[Any], Any]) -> Any:
    """``one(value)``, or for an array one result per element with a failed element's error in
    its place as ``{"error": true, "errorNum", "errorMessage"}`` (``transaction::Methods``'
    per-document results, the same for HTTP and the JavaScript collection API).

    Raises:
        ArangoError: ``one`` failed on a single (non-array) value.
    """
    if not isinstance(value, list):
        return one(value)
    results: list[Any] = []
    for item in value:
        try:
            results.append(one(item))
        except ArangoError as exc:
            results.append({"error": True, "errorNum": exc.error_num, "errorMessage": exc.message})
    return results


@dataclass(frozen=True)
class _Undo:
    """One step of an undo log: put ``document`` back at ``key`` (``None``: remove the key) in
    ``collection``; or drop a collection the block created."""

    database: str
    collection: Collection
    key: str | None = None
    document: Document | None = None
    created: bool = False


class DocumentStore:
    """All databases' collections and documents, thread-safe.

    Args:
        ticks: the server tick keys, collection, index and transaction ids are drawn from.
        now_ms: the server's clock in milliseconds (revisions, index names, TTL, idle timeouts).
    """

    def __init__(self, ticks: Ticks, now_ms: Callable[[], int]) -> None:
        self._ticks = ticks
        self._now_ms = now_ms
        self._revisions = RevisionClock(now_ms)
        self._lock = threading.RLock()
        self._databases: dict[str, dict[str, Collection]] = {}
        self._undo: list[list[_Undo]] = []  # open undo blocks (innermost last)
        self._locks: dict[LockKey, Transaction] = {}
        self._transactions: dict[str, Transaction] = {}
        self.ttl = TtlThread(now_ms() * 1000)
        """The TTL background thread's schedule, properties and statistics."""

    # -- the TTL thread -------------------------------------------------------------------------------

    def run_ttl(self, now_us: int | None = None) -> None:
        """Make the TTL thread's runs due by ``now_us`` (the server clock when ``None``)."""
        with self._lock:
            if not self._undo:
                self.ttl.catch_up(self._now_ms() * 1000 if now_us is None else now_us, self._expire)

    def _expire(self, stamp: float, total: int, per_collection: int) -> tuple[int, bool]:
        removed = 0
        limited = False
        for database, collections in self._databases.items():
            for collection in list(collections.values()):
                for index in collection.indexes:
                    if index.type != "ttl":
                        continue
                    attribute = str(index.fields[0])
                    limit = min(per_collection, total - removed)
                    stamps = ((key, ttl_timestamp(doc, attribute)) for key, doc in collection.docs.items()
                              if (id(collection), ("key", key)) not in self._locks)
                    due = expired_keys(stamps, stamp - float(index.extra["expireAfter"]), limit + 1)
                    if len(due) > limit:
                        limited, due = True, due[:limit]
                    for key in due:
                        self._put(database, collection, key, None)
                    removed += len(due)
        return removed, limited

    # -- collections --------------------------------------------------------------------------------

    def collections(self, database: str) -> list[Collection]:
        """The collections of ``database``, in creation order."""
        with self._lock:
            return list(self._databases.get(database, {}).values())

    def collection(self, database: str, name: str, *, suffix: bool = True) -> Collection:
        """Collection ``name`` of ``database`` (its committed state).

        Raises:
            ArangoError: 404/1203 ``collection or view not found: <name>`` (without the name
                when ``suffix`` is false, as ``GET /_api/collection/{name}`` says it).
        """
        self.run_ttl()
        with self._lock:
            found = self._databases.get(database, {}).get(name)
        if found is None:
            raise ArangoError(E.DATA_SOURCE_NOT_FOUND, f"collection or view not found: {name}" if suffix else None)
        return found

    def has(self, database: str, name: str) -> bool:
        """Whether ``database`` has a collection ``name``."""
        with self._lock:
            return name in self._databases.get(database, {})

    def create_collection(self, database: str, name: Any, *, edge: bool = False, is_system: bool = False,
                          wait_for_sync: bool = False) -> Collection:
        """Create collection ``name`` (``wait_for_sync``: its ``waitForSync`` property).

        Raises:
            ArangoError: 400/1208 an illegal name (a leading ``_`` needs ``is_system``), 409/1207
                the name exists.
        """
        text = str(name)
        if not isinstance(name, str) or not COLLECTION_NAME.fullmatch(text) or (text.startswith("_") and not is_system):
            raise ArangoError(E.ILLEGAL_NAME)
        with self._lock:
            collections = self._databases.setdefault(database, {})
            if text in collections:
                raise ArangoError(E.DUPLICATE_NAME)
            collection = Collection(text, str(self._ticks.take()), 3 if edge else 2, is_system=text.startswith("_"),
                                    wait_for_sync=wait_for_sync)
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

    def truncate(self, database: str, name: str, trx: Transaction | None = None) -> Collection:
        """Remove every document of ``name`` (keys are not reused).

        Raises:
            ArangoError: 1203; 1652 (``trx`` did not declare it for writing); 409/1200 a document
                is locked by another transaction.
        """
        with self._lock:
            collection = self._target(database, name, trx, write=True)
            for key in [d["_key"] for d in self._scan(collection, trx)]:
                self._store(database, collection, key, None, trx)
            return collection

    def drop_database(self, database: str) -> None:
        """Forget every collection of ``database`` (and abort its transactions)."""
        with self._lock:
            for trx in [t for t in self._transactions.values() if t.database == database and t.status == "running"]:
                self._finish(trx, "aborted")
            self._databases.pop(database, None)

    def clear(self) -> None:
        """Forget every collection of every database (a reset server): also transactions, the
        revision clock and the TTL thread (which starts again from the clock's time)."""
        with self._lock:
            self._databases.clear()
            self._revisions.reset()
            self._undo.clear()
            self._locks.clear()
            self._transactions.clear()
            self.ttl.reset(self._now_ms() * 1000)

    # -- snapshots ----------------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Every collection, document and secondary index as JSON values (``fake.snapshot()``):
        ``{"revision": last _rev stamp, "databases": {name: [{"name", "id", "type", "lastValue",
        "isSystem", "indexes": [...], "documents": [...]}]}}``, documents in scan order. Open
        transactions are not part of it (a restore aborts them)."""
        with self._lock:
            return {"revision": self._revisions._last, "databases": {
                database: [{"name": c.name, "id": c.id, "type": c.type, "lastValue": c.last_value,
                            "isSystem": c.is_system, "waitForSync": c.wait_for_sync, "documents": list(c.docs.values()),
                            "indexes": [{"id": i.id, "type": i.type, "name": i.name, "fields": i.fields,
                                         "unique": i.unique, "sparse": i.sparse, "extra": i.extra}
                                        for i in c.indexes]}
                           for c in collections.values()]
                for database, collections in self._databases.items()}}

    def restore(self, state: Mapping[str, Any]) -> None:
        """Replace every collection, document and index with those of a :meth:`snapshot`; open
        transactions end, the TTL thread starts afresh from the clock's time."""
        with self._lock:
            self._undo.clear()
            self._locks.clear()
            self._transactions.clear()
            self._revisions._last = int(state["revision"])
            self._databases = {
                database: {c["name"]: _restored(c) for c in collections}
                for database, collections in state["databases"].items()}
            self.ttl.reset(self._now_ms() * 1000)

    # -- undo blocks (AQL) -------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Every write without a :class:`Transaction` inside the block is undone if the block
        raises (nested blocks roll back to their own start). The store's lock is held
        throughout: writes are serialised."""
        self.run_ttl()
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
                self._put(step.database, step.collection, step.key, step.document, log=False)

    # -- reading ------------------------------------------------------------------------------------

    def _target(self, database: str, name: str, trx: Transaction | None, *, write: bool) -> Collection:
        collection = self.collection(database, name)
        if trx is not None:
            trx.check(collection, write)
        return collection

    @staticmethod
    def _read(collection: Collection, key: str, trx: Transaction | None) -> Document | None:
        if trx is not None:
            changes = trx.changes.get(collection)
            if changes is not None and key in changes:
                return changes[key]
        return collection.docs.get(key)

    @staticmethod
    def _scan(collection: Collection, trx: Transaction | None) -> list[Document]:
        changes = None if trx is None else trx.changes.get(collection)
        if not changes:
            return list(collection.docs.values())
        out = [d for k, d in collection.docs.items() if k not in changes]
        out.extend(d for d in changes.values() if d is not None)
        return out

    def documents(self, database: str, name: str, trx: Transaction | None = None) -> list[Document]:
        """Every document of ``name`` as ``trx`` sees it, in full-scan order (last written last).

        Raises:
            ArangoError: 1203; 1652 (an undeclared collection, ``allowImplicit`` false).
        """
        with self._lock:
            return self._scan(self._target(database, name, trx, write=False), trx)

    def count(self, database: str, name: str, trx: Transaction | None = None) -> int:
        """The number of documents of ``name`` as ``trx`` sees it."""
        with self._lock:
            collection = self._target(database, name, trx, write=False)
            changes = None if trx is None else trx.changes.get(collection)
            total = len(collection.docs)
            for key, document in (changes or {}).items():
                total += (document is not None) - (key in collection.docs)
            return total

    def lookup(self, database: str, name: str, selector: Any, trx: Transaction | None = None) -> Document | None:
        """The document a selector names, or ``None`` (``collection.exists``).

        Raises:
            ArangoError: 1203, 1205, 1221, 1652.
        """
        with self._lock:
            collection = self._target(database, name, trx, write=False)
            return self._read(collection, self.key_of(collection, selector), trx)

    @staticmethod
    def key_of(collection: Collection, selector: Any) -> str:
        """The key a selector names: a key, an ``_id`` (``collection/key``), or an object with
        ``_key`` or ``_id``.

        Raises:
            ArangoError: 400/1205 an ``_id`` of another collection (or not a string).
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

    @staticmethod
    def rewrite_answer(old: Document, new: Document, *, return_new: bool, return_old: bool) -> Document:
        """What a replace or update answers (HTTP and JavaScript alike): ``{_id, _key, _rev,
        _oldRev}``, then ``new`` and ``old`` when asked (``RestDocumentHandler``, ``v8-collection.cpp``)."""
        result = {"_id": new["_id"], "_key": new["_key"], "_rev": new["_rev"], "_oldRev": old["_rev"]}
        if return_new:
            result["new"] = new
        if return_old:
            result["old"] = old
        return result

    def get(self, database: str, name: str, selector: Any, trx: Transaction | None = None) -> Document:
        """The document a selector names.

        Raises:
            ArangoError: 1203, 1205, 404/1202 no such document, 1652.
        """
        document = self.lookup(database, name, selector, trx)
        if document is None:
            raise ArangoError(E.DOCUMENT_NOT_FOUND)
        return document

    # -- writing: the primitives every API uses ---------------------------------------------------------

    def _put(self, database: str, collection: Collection, key: str, document: Document | None, *,
             log: bool = True) -> None:
        """Write committed state: ``document`` at ``key`` (``None`` removes it), last in scan
        order, keeping unique index entries; undoable inside :meth:`transaction`."""
        old = collection.docs.pop(key, None)
        if log:
            self._log(_Undo(database, collection, key, old))
        for index in collection.indexes:
            if index.enforces_unique:
                if old is not None:
                    for entry in index.values(old):
                        if index.entries.get(entry) == key:
                            del index.entries[entry]
                if document is not None:
                    for entry in index.values(document):
                        index.entries[entry] = key
        if document is not None:
            collection.docs[key] = document
            if key.isdigit():
                collection.last_value = max(collection.last_value, int(key))

    def _store(self, database: str, collection: Collection, key: str, document: Document | None,
               trx: Transaction | None) -> None:
        """Write ``document`` at ``key`` (``None``: remove) for ``trx`` (committed state when
        ``None``), after the lock and unique checks."""
        wanted: list[LockKey] = [(id(collection), ("key", key))]
        unique = [i for i in collection.indexes if i.enforces_unique]
        if document is not None:
            wanted += [(id(collection), ("unique", i.id, v)) for i in unique for v in i.values(document)]
        for lock in wanted:
            holder = self._locks.get(lock)
            if holder is not None and holder is not trx:
                raise self._locked(collection, key, lock)
        if document is not None:
            self._check_unique(collection, key, document, trx, unique)
        if trx is None:
            self._put(database, collection, key, document)
            return
        for lock in wanted:
            self._locks[lock] = trx
            trx.locks.add(lock)
        changes = trx.changes.setdefault(collection, {})
        changes.pop(key, None)
        changes[key] = document
        if document is not None and key.isdigit():
            collection.last_value = max(collection.last_value, int(key))

    @staticmethod
    def _locked(collection: Collection, key: str, lock: LockKey) -> ArangoError:
        """RocksDB's lock timeout (``rocksutils::convertStatus``, ``kLockTimeout``), with the
        index context of ``Index::addErrorMsg`` (3.11's wording)."""
        what = lock[1]
        if what[0] == "key":
            return ArangoError(E.CONFLICT, "Timeout waiting to lock key - in index primary of type primary over "
                                           f"'_key'; conflicting key: {key}", 409)
        index = next(i for i in collection.indexes if i.id == what[1])
        values = ", ".join(shown(v) for v in what[2])
        return ArangoError(E.CONFLICT, f"Timeout waiting to lock key - in index {index.name} of type {index.type} "
                                       f"over '{', '.join(map(str, index.fields))}'; document key: {key}; "
                                       f"indexed values: [{values}]", 409)

    def _check_unique(self, collection: Collection, key: str, document: Document, trx: Transaction | None,
                      unique: list[Index]) -> None:
        """1210 if a unique index already holds one of the document's values for another key
        (as ``trx`` sees the collection)."""
        changes = {} if trx is None else trx.changes.get(collection, {})
        for index in unique:
            entries = index.values(document)
            for entry in entries:
                holder = index.entries.get(entry)
                if holder is not None and holder != key and holder in changes:
                    changed = changes[holder]
                    if changed is None or entry not in index.values(changed):
                        holder = None
                if holder is None or holder == key:
                    holder = next((k for k, d in changes.items() if k != key and d is not None
                                   and entry in index.values(d)), None)
                if holder is not None:
                    raise ArangoError(E.UNIQUE_CONSTRAINT_VIOLATED,
                                      "unique constraint violated" + index.error_suffix(holder))

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
            if name not in SYSTEM_ATTRIBUTES:
                document[name] = value
        return document

    @staticmethod
    def _check_edge(collection: Collection, body: Mapping[str, Any]) -> None:
        if collection.type != 3:
            return
        for name in ("_from", "_to"):
            value = body.get(name)
            if not isinstance(value, str) or not VERTEX_ID.fullmatch(value):
                raise ArangoError(E.INVALID_EDGE_ATTRIBUTE)

    def _write(self, database: str, collection: Collection, key: str, body: Mapping[str, Any],
               trx: Transaction | None) -> Document:
        self._check_edge(collection, body)
        document = self._assemble(collection, key, body)
        self._store(database, collection, key, document, trx)
        return document

    def insert(self, database: str, name: str, body: Any, *, mode: WriteMode = "conflict", keep_null: bool = True,
               merge_objects: bool = True, trx: Transaction | None = None) -> tuple[Document | None, Document]:
        """Insert ``body``; ``(old, new)``: ``old`` is the document an overwrite mode replaced,
        updated or kept (``ignore`` answers the kept document as ``new``), else ``None``.

        Raises:
            ArangoError: 400/1227 not an object, 400/1221 a bad ``_key``, 409/1210 the key exists
                (mode ``conflict``) or a unique index holds a value, 400/1233 edge attributes,
                400/1652 an undeclared collection, 409/1200 a locked key.
        """
        with self._lock:
            collection = self._target(database, name, trx, write=True)
            if not isinstance(body, dict):
                raise ArangoError(E.DOCUMENT_TYPE_INVALID)
            if "_key" in body:
                key = body["_key"]
                if not isinstance(key, str) or not DOCUMENT_KEY.fullmatch(key):
                    raise ArangoError(E.DOCUMENT_KEY_BAD)
            else:
                key = self._new_key(collection)
            old = self._read(collection, key, trx)
            if old is not None:
                if mode == "ignore":
                    return old, old
                if mode == "conflict":
                    raise ArangoError(
                        E.UNIQUE_CONSTRAINT_VIOLATED,
                        f"unique constraint violated - in index primary of type primary over '_key'; conflicting key: {key}",
                    )
                new_body = merge_patch(old, body, merge_objects, keep_null) if mode == "update" else body
                return old, self._write(database, collection, key, new_body, trx)
            return None, self._write(database, collection, key, body, trx)

    def update(self, database: str, name: str, selector: Any, patch: Any, *, rev: str | None = None,
               keep_null: bool = True, merge_objects: bool = True,
               trx: Transaction | None = None) -> tuple[Document, Document]:
        """Merge ``patch`` into the selected document; ``(old, new)``.

        Args:
            rev: the revision the caller expects (``If-Match``, or a selector's ``_rev`` where
                the API honours it); a different current revision is 412/1200.

        Raises:
            ArangoError: 400/1227 not an object, 1202, 1205, 412/1200, 1210, 1233, 1652, 409/1200.
        """
        return self._rewrite(database, name, selector, patch, rev,
                             lambda old, given: merge_patch(old, given, merge_objects, keep_null), trx)

    def replace(self, database: str, name: str, selector: Any, body: Any, *, rev: str | None = None,
                trx: Transaction | None = None) -> tuple[Document, Document]:
        """Replace the selected document with ``body``; ``(old, new)``. Raises as :meth:`update`."""
        return self._rewrite(database, name, selector, body, rev, lambda old, given: given, trx)

    def _rewrite(self, database: str, name: str, selector: Any, given: Any, rev: str | None,
                 new_body: Callable[[Document, Document], Mapping[str, Any]],
                 trx: Transaction | None) -> tuple[Document, Document]:
        with self._lock:
            collection = self._target(database, name, trx, write=True)
            if not isinstance(given, dict):
                raise ArangoError(E.DOCUMENT_TYPE_INVALID)
            key = self.key_of(collection, selector)
            old = self._read(collection, key, trx)
            if old is None:
                raise ArangoError(E.DOCUMENT_NOT_FOUND)
            _check_rev(old, rev)
            body = dict(new_body(old, given))
            if collection.type == 3:
                body.setdefault("_from", old["_from"])
                body.setdefault("_to", old["_to"])
            return old, self._write(database, collection, key, body, trx)

    def remove(self, database: str, name: str, selector: Any, *, rev: str | None = None,
               trx: Transaction | None = None) -> Document:
        """Remove the selected document; the removed document.

        Raises:
            ArangoError: 1202, 1205, 412/1200, 1652, 409/1200.
        """
        with self._lock:
            collection = self._target(database, name, trx, write=True)
            key = self.key_of(collection, selector)
            old = self._read(collection, key, trx)
            if old is None:
                raise ArangoError(E.DOCUMENT_NOT_FOUND)
            _check_rev(old, rev)
            self._store(database, collection, key, None, trx)
            return old

    # -- indexes ------------------------------------------------------------------------------------------

    def _description(self, collection: Collection, index: Index) -> dict[str, Any]:
        return describe(collection, index, lambda: collection.docs.values())

    def indexes(self, database: str, name: str) -> list[dict[str, Any]]:
        """The descriptions of every index of ``name``: primary, edge, then secondary indexes in
        creation order (``collection.getIndexes()``, ``GET /_api/index``).

        Raises:
            ArangoError: 1203.
        """
        with self._lock:
            collection = self.collection(database, name)
            return system_indexes(collection, len(collection.docs)) + \
                [self._description(collection, i) for i in collection.indexes]

    def ensure_index(self, database: str, name: str, spec: Any) -> tuple[dict[str, Any], bool]:
        """``ensureIndex``: the existing index a definition matches, or a new one;
        ``(description, created)``.

        Raises:
            ArangoError: 1203; 400/10 a bad definition or a second TTL index; 1208; 409/1207 another index has the
                name; 409/1210 a unique index over existing duplicates.
        """
        with self._lock:
            collection = self.collection(database, name)
            wanted = define_index(spec, lambda: str(self._ticks.take()),
                                  lambda: f"idx_{self._revisions.stamp()}")
            named = isinstance(spec, dict) and isinstance(spec.get("name"), str)
            for index in collection.indexes:
                if matches(index, wanted, named):
                    return self._description(collection, index), False
            if wanted.type == "ttl" and any(index.type == "ttl" for index in collection.indexes):
                # RocksDBCollection::createIndex: findIndex gives the collection's TTL index, whatever its definition
                raise ArangoError(E.BAD_PARAMETER, "there can only be one ttl index per collection")
            if named and (wanted.name in ("primary", "edge") or any(i.name == wanted.name for i in collection.indexes)):
                raise ArangoError(E.DUPLICATE_NAME, f"duplicate value: index with name '{wanted.name}' already exists")
            if wanted.enforces_unique:
                for key, document in collection.docs.items():
                    for entry in wanted.values(document):
                        holder = wanted.entries.get(entry)
                        if holder is not None and holder != key:
                            raise ArangoError(E.UNIQUE_CONSTRAINT_VIOLATED,
                                              "unique constraint violated" + wanted.error_suffix(holder))
                        wanted.entries[entry] = key
            collection.indexes.append(wanted)
            return self._description(collection, wanted), True

    def _find_index(self, collection: Collection, handle: Any) -> Index | str:
        """The secondary index a handle names (an id, ``c/id``, a name, ``c/name``, or an object
        with ``id``); ``"0"``/``"1"``/``"2"`` for the system indexes (``Indexes::extractHandle``).

        Raises:
            ArangoError: 400/1214 a handle of another collection; 404/1212 no such index.
        """
        if isinstance(handle, dict) and "id" in handle:
            handle = handle["id"]
        if isinstance(handle, (int, float)) and not isinstance(handle, bool):
            handle = str(int(handle))
        if not isinstance(handle, str):
            raise ArangoError(E.INDEX_NOT_FOUND)
        text: str = handle
        if "/" in text:
            owner, _, text = text.partition("/")
            if owner != collection.name:
                raise ArangoError(E.INDEX_HANDLE_BAD)
        if text in ("0", "primary") or (collection.type == 3 and text in ("1", "2", "edge")):
            return text
        for index in collection.indexes:
            if index.id == text or index.name == text:
                return index
        raise ArangoError(E.INDEX_NOT_FOUND)

    def index(self, database: str, name: str, handle: Any) -> dict[str, Any]:
        """The description of one index (``collection.index(handle)``, ``GET /_api/index/c/id``).

        Raises:
            ArangoError: 1203, 1212, 1214.
        """
        with self._lock:
            collection = self.collection(database, name)
            found = self._find_index(collection, handle)
            if isinstance(found, str):
                listed = system_indexes(collection, len(collection.docs))
                return listed[0] if found in ("0", "primary") else listed[1]
            return self._description(collection, found)

    def drop_index(self, database: str, name: str, handle: Any) -> str:
        """Drop an index; its handle ``c/id``.

        Raises:
            ArangoError: 1203, 1214, 404/1212 no such index (and, as ArangoDB 3.11 on, for the
                primary and edge indexes, which cannot be dropped: ``Indexes::drop``).
        """
        with self._lock:
            collection = self.collection(database, name)
            found = self._find_index(collection, handle)
            if isinstance(found, str):
                raise ArangoError(E.INDEX_NOT_FOUND)
            collection.indexes.remove(found)
            return f"{collection.name}/{found.id}"

    # -- transactions -------------------------------------------------------------------------------------

    def begin(self, database: str, spec: Any, *, kind: str = "stream", user: str = "",
              options: TransactionOptions | None = None) -> Transaction:
        """Start a transaction over the collections ``spec`` declares.

        Raises:
            ArangoError: 400/10 a bad declaration; 404/1203 a declared collection does not exist.
        """
        declared = options if options is not None else parse_options(spec)
        with self._lock:
            for name in declared.exclusive + declared.write + declared.read:
                if not self.has(database, name):
                    raise ArangoError(E.DATA_SOURCE_NOT_FOUND, f"collection or view not found: {name}")
            trx = Transaction(str(self._ticks.take()), database, declared, "js" if kind == "js" else "stream", user)
            trx.expires_us = self._now_ms() * 1000 + IDLE_TIMEOUT_US
            self._transactions[trx.id] = trx
            return trx

    def _finish(self, trx: Transaction, status: str) -> None:
        if status == "committed":
            for collection, changes in trx.changes.items():
                if self._databases.get(trx.database, {}).get(collection.name) is not collection:
                    continue  # dropped meanwhile
                for key, document in changes.items():
                    self._put(trx.database, collection, key, document)
        for lock in trx.locks:
            if self._locks.get(lock) is trx:
                del self._locks[lock]
        trx.locks.clear()
        trx.changes.clear()
        trx.status = "committed" if status == "committed" else "aborted"
        if trx.kind == "js":
            self._transactions.pop(trx.id, None)

    def commit(self, trx: Transaction) -> None:
        """Apply a running transaction's writes, in the order they were made."""
        with self._lock:
            if trx.status == "running":
                self._finish(trx, "committed")

    def abort(self, trx: Transaction) -> None:
        """Forget a running transaction's writes."""
        with self._lock:
            if trx.status == "running":
                self._finish(trx, "aborted")

    def _expire_idle(self) -> None:
        now = self._now_ms() * 1000
        for trx in self._transactions.values():
            if trx.status == "running" and trx.kind == "stream" and now > trx.expires_us:
                self._finish(trx, "aborted")
                trx.expired = True

    def stream_transaction(self, database: str, trx_id: str) -> Transaction | None:
        """The stream transaction ``trx_id`` of ``database`` (also finished ones), or ``None``."""
        with self._lock:
            self._expire_idle()
            trx = self._transactions.get(trx_id)
            return trx if trx is not None and trx.database == database and trx.kind == "stream" else None

    def stream_transactions(self, database: str) -> list[Transaction]:
        """The running stream transactions of ``database``."""
        with self._lock:
            self._expire_idle()
            return [t for t in self._transactions.values() if t.database == database and t.kind == "stream"
                    and t.status == "running"]

    def lease(self, database: str, trx_id: str) -> Transaction:
        """The stream transaction an ``x-arango-trx-id`` header names, for one operation
        (``RestVocbaseBaseHandler::createTransaction``, ``Manager::leaseManagedTrx``); the use
        restarts its idle timeout.

        Raises:
            ArangoError: 400/10 ``invalid transaction ID``; 404/1655 ``transaction <id> not found``;
                410/1654 aborted; 400/1653 committed.
        """
        if not trx_id.isdigit() or int(trx_id) == 0:
            raise ArangoError(E.BAD_PARAMETER, "invalid transaction ID")
        with self._lock:
            trx = self.stream_transaction(database, str(int(trx_id)))
            if trx is None:
                raise ArangoError(E.TRANSACTION_NOT_FOUND, f"transaction {int(trx_id)} not found")
            problem = trx.not_usable()
            if problem is not None:
                raise problem
            trx.expires_us = self._now_ms() * 1000 + IDLE_TIMEOUT_US
            return trx

    def end_stream(self, database: str, trx_id: str, commit: bool) -> Transaction:
        """``PUT`` (commit) or ``DELETE`` (abort) ``/_api/transaction/{id}``
        (``Manager::updateTransaction``): idempotent; the other end of a finished one is 1653.

        Raises:
            ArangoError: 400/10 a bad id; 404/1655 unknown; 400/1653 already ended the other way.
        """
        operation = "commit" if commit else "abort"
        if not trx_id.isdigit() or int(trx_id) == 0:
            raise ArangoError(E.BAD_PARAMETER, "bad transaction ID")
        with self._lock:
            trx = self.stream_transaction(database, str(int(trx_id)))
            if trx is None:
                raise ArangoError(E.TRANSACTION_NOT_FOUND, f"transaction {int(trx_id)} not found on {operation} operation")
            wanted = "committed" if commit else "aborted"
            if trx.status == "running":
                self._finish(trx, wanted)
            elif trx.status != wanted or trx.expired:
                was = "expired" if trx.expired else trx.status
                raise ArangoError(E.TRANSACTION_DISALLOWED_OPERATION,
                                  f"while trying to {operation} transaction {trx.id}: transaction was already {was}")
            return trx

    # -- AQL ------------------------------------------------------------------------------------------

    def storage(self, database: str, trx: Transaction | None = None) -> DatabaseStorage:
        """``database`` as the AQL engine reads and writes it (:class:`~.._aql._storage.Storage`),
        inside ``trx`` when given (a cursor with ``x-arango-trx-id``, ``db._query`` in a JS
        transaction)."""
        from ._aql import DatabaseStorage
        return DatabaseStorage(self, database, trx)


def _restored(entry: Mapping[str, Any]) -> Collection:
    """A collection of a snapshot, its unique indexes' entries rebuilt from its documents."""
    collection = Collection(entry["name"], entry["id"], entry["type"], {d["_key"]: d for d in entry["documents"]},
                            entry["lastValue"], entry["isSystem"], wait_for_sync=bool(entry.get("waitForSync", False)))
    for spec in entry.get("indexes", ()):
        index = Index(spec["id"], spec["type"], spec["name"], list(spec["fields"]), bool(spec["unique"]),
                      bool(spec["sparse"]), dict(spec["extra"]))
        if index.enforces_unique:
            for key, document in collection.docs.items():
                for value in index.values(document):
                    index.entries[value] = key
        collection.indexes.append(index)
    return collection


def _check_rev(old: Document, rev: str | None) -> None:
    if rev is not None and rev != old["_rev"]:
        raise ArangoError(E.CONFLICT, "conflict, _rev values do not match", 412)
