"""The two implementations of the engine's ``Storage`` protocol the AQL tests run against, behind
one test interface (:class:`TestStorage`): the real document store (``DocumentStore.storage``,
what HTTP and task commands use; the default) and ``memory_storage.MemoryStorage``
(``AQL_STORAGE=memory``)."""

from __future__ import annotations

import os
from typing import Any, Iterable, Protocol

from fake_arango_tasks._aql._storage import Storage
from fake_arango_tasks._documents import DatabaseStorage, DocumentStore
from fake_arango_tasks._ticks import Ticks
from tests.aql.memory_storage import MemoryStorage

__all__ = ["TestStorage", "new_storage", "NOW_MS", "STORAGE_KIND"]

#: ``"store"`` (the default) or ``"memory"``: the storage the AQL tests run against.
STORAGE_KIND = os.environ.get("AQL_STORAGE", "store")
NOW_MS = 1_700_000_000_000  # the clock of the store's revisions and of the cases' queries


class TestStorage(Storage, Protocol):
    """A ``Storage`` a test can fill and inspect."""

    __test__ = False  # not a test class

    def create(self, name: str, documents: Iterable[dict[str, Any]] = (), *, edge: bool = False) -> Any:
        """Create collection ``name`` holding ``documents``."""
        ...

    def documents(self, name: str) -> dict[str, dict[str, Any]]:
        """The documents of collection ``name`` by key, in scan order."""
        ...


class StoreStorage(DatabaseStorage):
    """``DocumentStore.storage("_system")`` with the test interface."""

    def __init__(self) -> None:
        self.store = DocumentStore(Ticks(), lambda: NOW_MS)
        super().__init__(self.store, "_system")

    def create(self, name: str, documents: Iterable[dict[str, Any]] = (), *, edge: bool = False) -> Any:
        made = self.store.create_collection("_system", name, edge=edge)
        for document in documents:
            self.store.insert("_system", name, dict(document))
        return made

    def documents(self, name: str) -> dict[str, dict[str, Any]]:
        return dict(self.store.collection("_system", name).docs)


class MemoryTestStorage(MemoryStorage):
    """``MemoryStorage`` with the test interface."""

    def documents(self, name: str) -> dict[str, dict[str, Any]]:
        return dict(self.collection(name).documents)


def new_storage() -> TestStorage:
    """An empty database: the real store unless ``AQL_STORAGE=memory``."""
    if STORAGE_KIND == "memory":
        return MemoryTestStorage()
    return StoreStorage()
