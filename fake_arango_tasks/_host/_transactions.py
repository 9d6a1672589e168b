"""``db._executeTransaction`` (``arangod/VocBase/Methods/Transactions.cpp`` ``executeTransactionJS``,
``v8-vocbase.cpp`` ``JS_Transaction``): the action runs in JavaScript; Python holds the
transaction it runs in, whose writes commit when the action returns and are forgotten when it
throws.

A transaction begun while the run has one open is 400/1651 (``nested transactions detected``)
unless the inner one asks to ``embed``, in which case it joins the outer one. A declared
collection that does not exist is 404/1203; the declaration's checks and messages are
:func:`~.._documents.parse_options`.
"""

from __future__ import annotations

from typing import Any

from .. import _errors as E
from .._documents import parse_options
from .._errors import ArangoError
from .._runtime import Job
from ._context import HostContext, Op, arg

__all__ = ["TransactionOps"]


class TransactionOps:
    """The ``trx.*`` host operations (see :attr:`ops`)."""

    def __init__(self, ctx: HostContext) -> None:
        self._ctx = ctx
        self.ops: dict[str, Op] = {"trx.begin": self._begin, "trx.end": self._end}

    def _begin(self, job: Job, args: list[Any]) -> Any:
        """``[database, declaration, embed, action error]`` -> ``{"id": <transaction id>,
        "embedded": bool}``. The action is JavaScript's: an error about it (missing, not a
        function, not compiling) comes after the declaration's checks and before the
        collections are looked up, as in ``executeTransactionJS``."""
        database, spec, embed, action_error = str(arg(args, 0)), arg(args, 1), arg(args, 2) is True, arg(args, 3)
        self._ctx.require(job, database, False)
        declared = parse_options(spec)
        if isinstance(action_error, str):
            raise ArangoError(E.BAD_PARAMETER, action_error)
        open_trx = self._ctx.transactions.current(job)
        if open_trx is not None:
            if not embed:
                raise ArangoError(E.TRANSACTION_NESTED)
            return {"id": open_trx.id, "embedded": True}
        trx = self._ctx.documents.begin(database, spec, kind="js", user=job.task.user, options=declared)
        if trx.options.write or trx.options.exclusive:
            try:
                self._ctx.require(job, database, True)
            except ArangoError:
                self._ctx.documents.abort(trx)
                raise
        self._ctx.transactions.push(job, trx)
        return {"id": trx.id, "embedded": False}

    def _end(self, job: Job, args: list[Any]) -> Any:
        """``[transaction id, commit]``: commit or abort the run's innermost transaction."""
        trx = self._ctx.transactions.current(job)
        if trx is None or trx.id != arg(args, 0):
            return False
        self._ctx.transactions.pop(job, trx)
        if arg(args, 1) is True:
            self._ctx.documents.commit(trx)
        else:
            self._ctx.documents.abort(trx)
        return True
