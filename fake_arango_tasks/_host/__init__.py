"""What task commands reach through the V8 bridge: the server's services, acting as the run's owner.

The runtime (``_runtime``) knows nothing of tasks, documents or users; it hands each request of
the prelude to this :class:`Host` with the :class:`~.._runtime.Job` it belongs to. Here the
requests are served with ArangoDB's JavaScript API conventions on top of the same services HTTP
uses, with the permissions of the task's owner (``ExecContext`` of the task's user). One module
per family of operations:

- ``_documents``: ``db`` and collections, indexes (``doc`` requests);
- ``_transactions``: ``db._executeTransaction``;
- ``_databases``: ``db._useDatabase`` and friends;
- ``_users``: ``@arangodb/users``;
- ``_crypto``: ``@arangodb/crypto``'s native functions;
- ``_queries``: AQL (``aql`` requests: ``db._query``, statements, simple queries).
"""

from __future__ import annotations

from typing import Any

from .. import _errors as E
from .._auth import Auth
from .._databases import Databases
from .._documents import DocumentStore, Transaction
from .._errors import ArangoError
from .._journal import OutgoingRequest
from .._outgoing import OutgoingHttp
from .._runtime import Job, RunnableTask
from .._runtime._prelude import module_source
from .._tasks import TaskTable
from ._context import HostContext, Op, arg, principal
from ._crypto import CryptoOps
from ._databases import DatabaseOps
from ._documents import DocumentOps
from ._queries import QueryOps
from ._transactions import TransactionOps
from ._users import UserOps

__all__ = ["Host"]


class Host:
    """The services of one server, as commands reach them (implements ``_runtime.Host``).

    Args:
        allow_use_database: ``--server.allow-use-database`` (default false, as in arangod):
            whether ``db._useDatabase`` works in task commands.
    """

    def __init__(self, tasks: TaskTable, documents: DocumentStore, databases: Databases, auth: Auth,
                 outgoing: OutgoingHttp, *, allow_use_database: bool = False) -> None:
        self._ctx = HostContext(tasks, documents, databases, auth, outgoing, allow_use_database)
        self._documents = DocumentOps(self._ctx)
        self.queries = QueryOps(self._ctx)
        """AQL from commands; the server sets its ``check_run_time`` and ``max_rows``."""
        self._ops: dict[str, Op] = {}
        self.crypto = CryptoOps()
        """``crypto.*``; the server sets its ``bounded``."""
        for family in (TransactionOps(self._ctx), DatabaseOps(self._ctx), UserOps(self._ctx), self.crypto):
            self._ops.update(family.ops)
        self._ops["module.source"] = self._module_source

    @property
    def allow_use_database(self) -> bool:
        """Whether ``db._useDatabase`` works in task commands (``--server.allow-use-database``)."""
        return self._ctx.allow_use_database

    @allow_use_database.setter
    def allow_use_database(self, value: bool) -> None:
        self._ctx.allow_use_database = bool(value)

    # -- tasks --------------------------------------------------------------------------------------

    def register(self, job: Job, now_us: int, spec: dict[str, Any]) -> dict[str, Any]:
        task = job.task
        writable = self._ctx.auth.access(principal(task.user), task.database) == "rw"
        made, due_us = self._ctx.tasks.create_from_js(spec, database=task.database, user=task.user, now_us=now_us,
                                                      writable=writable)
        return {"task": made, "dueUs": due_us}

    def unregister(self, job: Job, task_id: str) -> None:
        task = job.task
        if self._ctx.auth.access(principal(task.user), task.database) != "rw":
            raise ArangoError(E.FORBIDDEN, "registerTask() needs db RW permissions")
        self._ctx.tasks.remove(task_id, principal(task.user).task_owner)

    def get_tasks(self, job: Job, task_id: str | None) -> Any:
        owner = principal(job.task.user).task_owner
        if task_id is None:
            return [t.to_json() for t in self._ctx.tasks.list(owner)]
        return self._ctx.tasks.get(task_id, owner).to_json()

    def is_current(self, task: RunnableTask) -> bool:
        return self._ctx.tasks.is_current(task)

    # -- outgoing requests --------------------------------------------------------------------------

    def request(self, job: Job, request: OutgoingRequest, timeout: float | None) -> dict[str, Any]:
        """An outgoing request: a canned answer, a real loopback request (when the server opted
        in), or a refused connection; ``timeout`` (seconds) bounds a real request's wait."""
        return self._ctx.outgoing.answer(request, timeout=timeout)

    # -- documents and the rest -----------------------------------------------------------------------

    def documents(self, job: Job, database: str, op: str, args: list[Any]) -> Any:
        """A ``doc`` request: operation ``op`` on ``database`` (see ``_host._documents``)."""
        return self._documents.serve(job, database, op, args)

    def aql(self, job: Job, database: str, request: dict[str, Any]) -> dict[str, Any]:
        """An ``aql`` request: a command's query (see ``_host._queries``)."""
        return self.queries.aql(job, database, request)

    def call(self, job: Job, op: str, args: list[Any]) -> Any:
        """Any other host operation: ``trx.*``, ``db.*``, ``users.*``, ``crypto.*``.

        Raises:
            ArangoError: what ArangoDB throws; 500/4 an unknown operation (a bug of the prelude).
        """
        handler = self._ops.get(op)
        if handler is None:
            raise ArangoError(E.INTERNAL, f"internal error of fake-arango-tasks: unknown host operation {op!r}")
        return handler(job, args)

    @staticmethod
    def _module_source(job: Job, args: list[Any]) -> Any:
        """The source of a bundled module the prelude loads on first use (``lodash``)."""
        try:
            return module_source(str(arg(args, 0)))
        except KeyError:
            raise ArangoError(E.MODULE_NOT_FOUND, f"cannot locate module\nFile: {arg(args, 0)}") from None

    def transaction_of(self, job: Job) -> Transaction | None:
        """The JavaScript transaction ``job``'s run has open (``db._query`` inside an action runs
        in it: ``DocumentStore.storage(database, trx)``)."""
        return self._ctx.transactions.current(job)

    def batch_over(self) -> None:
        """A batch ended: a transaction a stopped run left open is aborted."""
        self._ctx.transactions.abort_all(self._ctx.documents)
