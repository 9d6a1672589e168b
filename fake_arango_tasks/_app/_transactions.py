"""``/_api/transaction``: stream transactions (``RestTransactionHandler.cpp``) and the
``x-arango-trx-id`` header that puts a document, collection or cursor request into one
(``RestVocbaseBaseHandler::createTransaction``).

- ``POST /_api/transaction/begin`` ``{collections: {read, write, exclusive}, ...}``: 201
  ``{code, error, result: {id, status: "running"}}``; 400/10 a bad declaration, 404/1203 an
  unknown collection; a request that carries ``x-arango-trx-id`` itself is 400/9 (``Not supported
  on this server type``: only DB servers accept one).
- ``GET /_api/transaction/{id}``: ``{code, error, result: {id, status}}``; 404/1655.
- ``PUT`` commits, ``DELETE`` aborts (idempotent; the other end is 400/1653; unknown 404/1655).
- ``GET /_api/transaction``: ``{transactions: [{id, state}]}`` (``Manager::toVelocyPack``).
- ``POST /_api/transaction`` (JavaScript transactions) runs the action in V8: not emulated over
  HTTP (501/9); task commands have ``db._executeTransaction``.
"""

from __future__ import annotations

from .. import _errors as E
from .._documents import Transaction
from .._errors import ArangoError
from ._call import Call, Reply
from ._routing import Route

__all__ = ["ROUTES", "transaction_of"]

HEADER = "x-arango-trx-id"


def transaction_of(call: Call) -> Transaction | None:
    """The stream transaction a request's ``x-arango-trx-id`` header names (``None`` without one).

    Raises:
        ArangoError: see :meth:`~.._documents.DocumentStore.lease`.
    """
    value = call.request.headers.get(HEADER)
    if value is None:
        return None
    return call.services.documents.lease(call.database, value.strip())


def _result(status: int, trx: Transaction) -> Reply:
    return status, {"code": status, "error": False, "result": trx.to_json()}


def begin(call: Call) -> Reply:
    if HEADER in call.request.headers:
        raise ArangoError(E.NOT_IMPLEMENTED, "Not supported on this server type", 400)
    body = call.body()
    trx = call.services.documents.begin(call.database, body, kind="stream", user=call.principal.user)
    if trx.options.write or trx.options.exclusive:
        try:
            call.require_write()
        except ArangoError:
            call.services.documents.abort(trx)
            raise
    return _result(201, trx)


def javascript_transaction(call: Call) -> Reply:
    raise ArangoError(E.NOT_IMPLEMENTED, "not supported by fake-arango-tasks: JavaScript transactions over HTTP "
                                         "(POST /_api/transaction); use db._executeTransaction in a task command")


def status(call: Call) -> Reply:
    trx_id = call.args["trx"]
    if not trx_id.isdigit() or int(trx_id) == 0:
        raise ArangoError(E.BAD_PARAMETER, "Illegal transaction ID")
    trx = call.services.documents.stream_transaction(call.database, str(int(trx_id)))
    if trx is None:
        raise ArangoError(E.TRANSACTION_NOT_FOUND)
    return _result(200, trx)


def end(call: Call) -> Reply:
    trx = call.services.documents.end_stream(call.database, call.args["trx"], commit=call.method == "PUT")
    return _result(200, trx)


def list_transactions(call: Call) -> Reply:
    running = call.services.documents.stream_transactions(call.database)
    return 200, {"transactions": [{"id": t.id, "state": t.status} for t in running]}


ROUTES = (
    Route("/_api/transaction", {"GET": list_transactions, "POST": javascript_transaction}),
    Route("/_api/transaction/begin", {"POST": begin}),
    Route("/_api/transaction/<segment:trx>", {"GET": status, "PUT": end, "DELETE": end}),
)
