"""The databases of the fake server: ``_system`` plus those created over ``/_api/database``.

Names and errors follow ``arangod/RestServer/DatabaseFeature.cpp`` and
``arangod/RestHandler/RestDatabaseHandler.cpp`` (ArangoDB 3.12, traditional names).
"""

from __future__ import annotations

import itertools
import re
import threading
from typing import Any, Callable, Final

from . import _errors as E
from ._errors import ArangoError

__all__ = ["Databases", "SYSTEM"]

SYSTEM: Final = "_system"
# Traditional database names: a letter first, then letters, digits, '_' and '-', at most 64 bytes.
_TRADITIONAL_NAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9_\-]{0,63}")


class Databases:
    """Thread-safe set of database names, each with ArangoDB's string ``id``.

    Args:
        on_drop: called with a database's name after it is dropped (the task table removes its
            tasks, as ArangoDB does).
    """

    def __init__(self, on_drop: Callable[[str], None] | None = None) -> None:
        self._on_drop = on_drop
        self._lock = threading.Lock()
        self._ids = itertools.count(10_000, 7)
        self._databases: dict[str, str] = {}
        self.reset()

    def reset(self) -> None:
        """Back to ``_system`` only (and database ids afresh)."""
        with self._lock:
            self._databases = {SYSTEM: "1"}
            self._ids = itertools.count(10_000, 7)

    def snapshot(self) -> dict[str, object]:
        """``{"databases": {name: id}, "nextId": n}`` (``fake.snapshot()``)."""
        with self._lock:
            following = next(self._ids)
            self._ids = itertools.count(following, 7)
            return {"databases": dict(self._databases), "nextId": following}

    def restore(self, state: dict[str, Any]) -> None:
        """Back to the databases of a :meth:`snapshot` (without telling ``on_drop``)."""
        with self._lock:
            self._databases = dict(state["databases"])
            self._ids = itertools.count(int(state["nextId"]), 7)

    def exists(self, name: str) -> bool:
        """Whether database ``name`` exists."""
        return name in self._databases

    def not_found(self) -> ArangoError:
        """404/1228 as arangod's connection layer sends it for a request to an unknown database."""
        return ArangoError(E.DATABASE_NOT_FOUND, origin="connection")

    def names(self) -> list[str]:
        """All database names, sorted as ArangoDB lists them."""
        with self._lock:
            return sorted(self._databases)

    def info(self, name: str) -> dict[str, object]:
        """``GET /_api/database/current``'s ``result`` for ``name`` (single server)."""
        with self._lock:
            database_id = self._databases.get(name)
        if database_id is None:
            raise self.not_found()
        return {"id": database_id, "name": name, "isSystem": name == SYSTEM, "path": "none"}

    def create(self, name: object) -> None:
        """Create database ``name``.

        Raises:
            ArangoError: 400/1229 invalid name, 409/1207 the name exists.
        """
        if not isinstance(name, str) or not _TRADITIONAL_NAME.fullmatch(name):
            raise ArangoError(E.DATABASE_NAME_INVALID)
        with self._lock:
            if name in self._databases:
                raise ArangoError(E.DUPLICATE_NAME, f"duplicate database name '{name}'")
            self._databases[name] = str(next(self._ids))

    def drop(self, name: str) -> None:
        """Drop database ``name`` and, through ``on_drop``, its tasks.

        Raises:
            ArangoError: 403/11 for ``_system``, 404/1228 unknown database.
        """
        if name == SYSTEM:
            raise ArangoError(E.FORBIDDEN)
        with self._lock:
            if self._databases.pop(name, None) is None:
                raise ArangoError(E.DATABASE_NOT_FOUND)
        if self._on_drop is not None:
            self._on_drop(name)
