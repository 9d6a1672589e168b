"""A stub :class:`~fake_arango_tasks._aql._functions.FunctionContext` and a minimal in-memory
storage for running functions without the engine: fixed clock, seeded random stream."""

from __future__ import annotations

import random
from typing import Any, Iterator

from fake_arango_tasks._documents._collection import RevisionClock
from fake_arango_tasks._errors import ArangoError

NOW_MS = 1_700_000_000_000  # 2023-11-14T22:13:20.000Z


class StubCollection:
    """One collection of :class:`StubStorage`: documents by ``_key``."""

    def __init__(self, name: str, documents: list[dict[str, Any]], revisions: RevisionClock) -> None:
        self.name, self.type = name, 2
        self._docs: dict[str, dict[str, Any]] = {}
        for i, doc in enumerate(documents):
            key = str(doc.get("_key", i + 1))
            self._docs[key] = {"_key": key, "_id": f"{name}/{key}", "_rev": revisions.next(), **doc}

    def get(self, key: str) -> dict[str, Any] | None:
        return self._docs.get(key)

    def count(self) -> int:
        return len(self._docs)

    def all(self) -> Iterator[dict[str, Any]]:
        return iter(self._docs.values())


class StubStorage:
    """The collections of database ``_system``."""

    database = "_system"

    def __init__(self, collections: dict[str, list[dict[str, Any]]]) -> None:
        revisions = RevisionClock(lambda: NOW_MS)  # the document store's revisions, on the stub's clock
        self._collections = {n: StubCollection(n, docs, revisions) for n, docs in collections.items()}

    def has_collection(self, name: str) -> bool:
        return name in self._collections

    def collection(self, name: str) -> StubCollection:
        if name not in self._collections:
            raise ArangoError(1203, f"collection or view not found: {name}", 404)
        return self._collections[name]


class StubContext:
    """Warnings collected in order, the clock at :data:`NOW_MS`, randomness from ``Random(0)``,
    sleeps recorded, user ``root``, version ``3.12.4``."""

    def __init__(self, collections: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.warnings: list[tuple[int, str]] = []
        self.slept: list[float] = []
        self._random = random.Random(0)
        self._storage = StubStorage(collections or {})
        self.user: str | None = "root"
        self.version = "3.12.4"

    def warn(self, error_num: int, message: str | None = None) -> None:
        self.warnings.append((error_num, message or ""))

    def now_ms(self) -> int:
        return NOW_MS

    def random(self) -> float:
        return self._random.random()

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)

    def hold_text(self, characters: int) -> None:
        pass  # no memory bound here (tests/aql/test_memory_limit.py tests it)

    @property
    def storage(self) -> StubStorage:
        return self._storage

    def collections(self) -> list[tuple[str, str]]:
        return [(str(100 + i), name) for i, name in enumerate(sorted(self._storage._collections))]
