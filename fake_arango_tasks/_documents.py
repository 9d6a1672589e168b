"""Databases' collections and documents: Python's copy of what task commands and the HTTP API wrote.

The semantics (keys, revisions, errors) live once, in ``_documents.js``, which runs inside V8:
task commands use it directly, and the HTTP API's writes go through it too
(:meth:`DocumentStore.write`). Every change made in V8 comes back as an operation that
:meth:`DocumentStore.apply` replays here, so the HTTP API reads documents without entering V8, and
a V8 context that had to be replaced is loaded from this copy (:meth:`DocumentStore.snapshot`).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from . import _errors as E
from ._errors import ArangoError

__all__ = ["Collection", "DocumentStore"]


@dataclass
class Collection:
    """A collection as Python holds it: documents as JSON text by ``_key``, in insertion order."""

    name: str
    id: str
    type: int  # 2 document, 3 edge
    docs: dict[str, str] = field(default_factory=dict)
    last_value: int = 0  # the highest numeric key ever stored (keyOptions.lastValue): never goes down

    def properties(self, database: str) -> dict[str, Any]:
        """``GET /_api/collection/{name}/properties`` without the envelope (ArangoDB 3.12 keys)."""
        return {
            "writeConcern": 1, "waitForSync": False, "usesRevisionsAsDocumentIds": True, "syncByRevision": True,
            "statusString": "loaded", "id": self.id, "isSmartChild": False, "schema": None, "name": self.name,
            "type": self.type, "status": 3, "cacheEnabled": False, "isSystem": self.name.startswith("_"),
            "internalValidatorType": 0, "globallyUniqueId": f"h{int(self.id):x}/{self.id}",
            "keyOptions": {"allowUserKeys": True, "type": "traditional", "lastValue": self.last_value},
            "computedValues": None, "objectId": self.id,
        }

    def summary(self) -> dict[str, Any]:
        """An element of ``GET /_api/collection``'s ``result``."""
        return {"id": self.id, "name": self.name, "status": 3, "type": self.type,
                "isSystem": self.name.startswith("_"), "globallyUniqueId": f"h{int(self.id):x}/{self.id}"}


class DocumentStore:
    """All databases' collections, thread-safe.

    Args:
        write: ``write(op, args) -> result`` performs a write with ArangoDB's semantics (in V8);
            it raises :class:`ArangoError` and feeds its changes back through :meth:`apply`.
    """

    def __init__(self, write: Callable[[str, list[Any]], Any] | None = None) -> None:
        self._write = write
        self._lock = threading.RLock()
        self._databases: dict[str, dict[str, Collection]] = {}
        self._last_rev = "0"

    def bind(self, write: Callable[[str, list[Any]], Any]) -> None:
        """Set the write function (the V8 runtime, created after the store)."""
        self._write = write

    # -- replication from V8 ------------------------------------------------------------------------

    def apply(self, ops: Sequence[list[Any]]) -> None:
        """Replay operations drained from V8 (see ``_documents.js``)."""
        with self._lock:
            for op in ops:
                kind = op[0]
                if kind == "rev":
                    self._last_rev = op[1]
                    continue
                if kind == "dropdb":
                    self._databases.pop(op[1], None)
                    continue
                collections = self._databases.setdefault(op[1], {})
                if kind == "create":
                    collections[op[2]] = Collection(op[2], op[3]["id"], op[3]["type"], last_value=op[3].get("lastValue", 0))
                elif kind == "drop":
                    collections.pop(op[2], None)
                elif kind == "truncate":
                    collections[op[2]].docs.clear()
                elif kind == "put":
                    collection = collections[op[2]]
                    collection.docs[op[3]] = op[4]
                    if op[3].isdigit():
                        collection.last_value = max(collection.last_value, int(op[3]))
                elif kind == "del":
                    collections[op[2]].docs.pop(op[3], None)

    def snapshot(self) -> dict[str, Any]:
        """Everything, in the form ``_documents.js``'s ``load`` reads."""
        with self._lock:
            return {
                "lastRev": self._last_rev,
                "databases": {
                    db: [{"name": c.name, "id": c.id, "type": c.type, "lastValue": c.last_value,
                          "docs": list(c.docs.items())} for c in collections.values()]
                    for db, collections in self._databases.items()
                },
            }

    def clear(self) -> None:
        """Forget every collection of every database."""
        with self._lock:
            self._databases.clear()
            self._last_rev = "0"

    # -- reading ------------------------------------------------------------------------------------

    def collections(self, database: str) -> list[Collection]:
        """The collections of ``database``, in creation order."""
        with self._lock:
            return list(self._databases.get(database, {}).values())

    def collection(self, database: str, name: str, *, suffix: bool = False) -> Collection:
        """Collection ``name`` of ``database``.

        Raises:
            ArangoError: 404/1203 no such collection (``suffix``: the message names it, as the
                document API's does).
        """
        with self._lock:
            found = self._databases.get(database, {}).get(name)
        if found is None:
            raise ArangoError(E.DATA_SOURCE_NOT_FOUND, f"collection or view not found: {name}" if suffix else None)
        return found

    def document(self, database: str, name: str, key: str) -> dict[str, Any]:
        """The document ``key`` of collection ``name``.

        Raises:
            ArangoError: 404/1203 no such collection, 404/1202 no such document.
        """
        text = self.collection(database, name, suffix=True).docs.get(key)
        if text is None:
            raise ArangoError(E.DOCUMENT_NOT_FOUND)
        document: dict[str, Any] = json.loads(text)
        return document

    # -- writing (through V8) -------------------------------------------------------------------------

    def write(self, op: str, *args: Any) -> Any:
        """Perform write ``op`` (``createCollection``, ``dropCollection``, ``truncate``, ``insert``,
        ``update``, ``replace``, ``remove``, ``dropDatabase``) with ArangoDB's semantics.

        Raises:
            ArangoError: what ArangoDB raises for it (1203, 1202, 1207, 1208, 1210, 1221, ...).
        """
        if self._write is None:
            raise RuntimeError("the document store has no V8 runtime bound")
        return self._write(op, list(args))
