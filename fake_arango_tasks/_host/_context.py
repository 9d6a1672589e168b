"""What every family of host operations shares: the server's services, who a run acts as, and
the JavaScript transactions runs have open."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from .. import _errors as E
from .._auth import Access, Auth, Principal
from .._databases import Databases
from .._documents import DocumentStore, Transaction
from .._errors import ArangoError
from .._outgoing import OutgoingHttp
from .._runtime import Job
from .._tasks import TaskTable

__all__ = ["HostContext", "Op", "RunTransactions", "arg", "options", "principal"]

#: One host operation: the job it is for and its arguments from JavaScript.
Op = Callable[[Job, list[Any]], Any]


def principal(user: str) -> Principal:
    """Who a task's run acts as (``ExecContext`` of the task's user; ``""`` is the superuser)."""
    return Principal(user, superuser=user == "")


def arg(args: list[Any], index: int) -> Any:
    """The ``index``-th argument, ``None`` when absent."""
    return args[index] if index < len(args) else None


def options(args: list[Any], index: int) -> dict[str, Any]:
    """The ``index``-th argument if it is an object, else ``{}``."""
    value = arg(args, index)
    return value if isinstance(value, dict) else {}


class RunTransactions:
    """The JavaScript transactions (``db._executeTransaction``) each run has open, innermost last.

    A run's transactions end with its action; a run stopped by a limit cannot end them, so the
    runtime calls :meth:`abort_all` when a batch is over.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[int, tuple[Job, list[Transaction]]] = {}

    def current(self, job: Job) -> Transaction | None:
        """The innermost transaction of ``job``'s run, if any."""
        with self._lock:
            entry = self._open.get(id(job))
            return entry[1][-1] if entry is not None and entry[0] is job and entry[1] else None

    def push(self, job: Job, trx: Transaction) -> None:
        with self._lock:
            self._open.setdefault(id(job), (job, []))[1].append(trx)

    def pop(self, job: Job, trx: Transaction) -> None:
        with self._lock:
            entry = self._open.get(id(job))
            if entry is not None and trx in entry[1]:
                entry[1].remove(trx)
                if not entry[1]:
                    del self._open[id(job)]

    def abort_all(self, store: DocumentStore) -> None:
        """Abort every transaction still open (its run is over)."""
        with self._lock:
            left = [t for _, stack in self._open.values() for t in stack]
            self._open.clear()
        for trx in reversed(left):
            store.abort(trx)


@dataclass
class HostContext:
    """The services host operations act on.

    Attributes:
        allow_use_database: ``--server.allow-use-database``: whether task commands may switch
            databases (``Task::work`` gives them the internal security context only then).
    """

    tasks: TaskTable
    documents: DocumentStore
    databases: Databases
    auth: Auth
    outgoing: OutgoingHttp
    allow_use_database: bool = False
    transactions: RunTransactions = field(default_factory=RunTransactions)

    def level(self, job: Job, database: str) -> Access:
        """The run's user's access level to ``database``."""
        return self.auth.access(principal(job.task.user), database)

    def require(self, job: Job, database: str, write: bool) -> None:
        """403/11 unless the run's user may read (or write) ``database``."""
        level = self.level(job, database)
        if level == "none" or (write and level != "rw"):
            raise ArangoError(E.FORBIDDEN)

    def is_admin(self, job: Job) -> bool:
        """``ExecContext::isAdminUser``: the superuser, or a user with rw access to ``_system``."""
        return self.level(job, "_system") == "rw"
