"""``/_api/cursor``: AQL over HTTP, as ``arangod/RestHandler/RestCursorHandler.cpp`` (devel, 2024;
read at arangodb/arangodb) and ``arangod/Aql/QueryCursor.cpp`` ``QueryResultCursor::dumpSync``
answer it.

- ``POST /_api/cursor``: run the query. A result of at most ``batchSize`` (default 1000) rows is
  answered at once: ``result, hasMore: false, [count], cached, extra, error, code: 201``; a
  larger one makes a cursor: ``result, hasMore: true, id, [count], extra, cached, nextBatchId,
  error, code``. ``count`` appears when the request asked for it.
- ``POST`` or ``PUT /_api/cursor/{id}``: the next batch (code 200); the last batch has no ``id``
  and no ``nextBatchId``, and ends the cursor (unless ``options.allowRetry``).
- ``POST /_api/cursor/{id}/{batchId}``: with ``allowRetry``, the current batch again, or the next.
- ``DELETE /_api/cursor/{id}``: ``{id, error, code: 202}``; an unknown cursor is 404/1600.

A cursor lives ``ttl`` seconds (default 30) after its last use. ArangoDB measures that on wall
time (``Cursor::release``: ``TRI_microtime() + ttl``); the fake measures it on the server's clock
(the fake clock unless the server runs on wall time), so that a test decides when a cursor
expires by advancing time, and no test depends on how long it took. The query's own clock is
the server's; ``SLEEP()`` moves only the query's clock (no real wait, no task runs).
"""

from __future__ import annotations

import itertools
import random
import threading
from dataclasses import dataclass, field
from typing import Any, Final

from .. import _errors as E
from .._errors import ArangoError
from .._queries import Caller, options_from_json, run_query
from ._call import Call, Reply
from ._routing import Route
from ._transactions import transaction_of

__all__ = ["ROUTES", "Cursors", "cursor_reply", "caller_of"]

_TYPE_ERROR: Final = 17
_QUERY_EMPTY: Final = 1502
_CURSOR_NOT_FOUND: Final = 1600
#: ``--query.registry-ttl`` on a single server, seconds.
DEFAULT_TTL: Final = 30.0
DEFAULT_BATCH_SIZE: Final = 1000


@dataclass
class Cursor:
    """A query result being fetched in batches."""

    id: str
    values: list[Any]
    batch_size: int
    count: bool
    extra: dict[str, Any]
    ttl: float
    expires: float
    retriable: bool
    position: int = 0
    batch_id: int = 0
    last_batch: dict[str, Any] | None = field(default=None, repr=False)


class Cursors:
    """The cursors of one server (``CursorRepository``), and the random stream of its HTTP
    queries (seeded: the same requests give the same ``RAND()`` values on a fresh server).

    Thread-safe; :meth:`clear` is the server's reset.
    """

    def __init__(self, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._cursors: dict[str, Cursor] = {}
        self._seed = seed
        self._ids = itertools.count(1)
        self._random = random.Random(seed)

    def random(self) -> float:
        """The next number of the HTTP queries' random stream, in [0, 1)."""
        with self._lock:
            return self._random.random()

    def add(self, values: list[Any], batch_size: int, count: bool, extra: dict[str, Any], ttl: float, now: float,
            retriable: bool) -> Cursor:
        """A new cursor over ``values`` (``ttl`` seconds; ``now`` is the server clock, seconds)."""
        with self._lock:
            self._expire(now)
            made = Cursor(str(next(self._ids) + 1_000_000), values, batch_size, count, extra, ttl, now + ttl, retriable)
            self._cursors[made.id] = made
            return made

    def find(self, cursor_id: str, now: float) -> Cursor | None:
        """The live cursor ``cursor_id``; its ttl starts again (``Cursor::release``)."""
        with self._lock:
            self._expire(now)
            found = self._cursors.get(cursor_id)
            if found is not None:
                found.expires = now + found.ttl
            return found

    def remove(self, cursor_id: str, now: float) -> bool:
        """Drop cursor ``cursor_id``; whether it was there."""
        with self._lock:
            self._expire(now)
            return self._cursors.pop(cursor_id, None) is not None

    def __len__(self) -> int:
        with self._lock:
            return len(self._cursors)

    def clear(self) -> None:
        """Forget every cursor and start the random stream afresh (a reset server)."""
        with self._lock:
            self._cursors.clear()
            self._ids = itertools.count(1)
            self._random = random.Random(self._seed)

    def _expire(self, now: float) -> None:
        for key in [k for k, c in self._cursors.items() if c.expires < now]:
            del self._cursors[key]


def caller_of(call: Call) -> Caller:
    """The request's user, access, clock and random stream as a query sees them."""
    services = call.services
    offset = [0.0]  # SLEEP() moves the query's own clock
    start = services.control.now

    def sleep(seconds: float) -> None:
        if seconds > 0:
            offset[0] += seconds

    return Caller(
        user=call.principal.user or None, access=services.auth.access(call.principal, call.database),
        now_ms=lambda: int((start + offset[0]) * 1000), random=services.cursors.random, sleep=sleep,
        version=services.version, max_rows=services.query_max_rows,
    )


def _batch_size(value: Any) -> int:
    """``batchSize``: a positive number (``buildOptions``), else the default.

    Raises:
        ArangoError: 400/17 ``expecting positive value for <batchSize>``.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value <= 0 or value != value:
            raise ArangoError(_TYPE_ERROR, "expecting positive value for <batchSize>", 400)
        return max(int(value), 1)
    return DEFAULT_BATCH_SIZE


def _ttl(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 and value == value:
        return float(min(value, 10**9))
    return DEFAULT_TTL


def cursor_reply(call: Call, values: list[Any], extra: dict[str, Any], request: dict[str, Any], *, count: bool,
                 code: int = 201) -> Reply:
    """The answer to a query that produced ``values``: at once, or the first batch of a cursor.

    Args:
        request: the request's ``batchSize``, ``ttl`` and ``options`` (``allowRetry``).
        count: the request asked for ``count``.
    """
    batch_size = _batch_size(request.get("batchSize"))
    if len(values) <= batch_size:
        body: dict[str, Any] = {"result": values, "hasMore": False}
        if count:
            body["count"] = len(values)
        body.update({"cached": False, "extra": extra, "error": False, "code": code})
        return code, body
    options = request.get("options")
    retriable = isinstance(options, dict) and options.get("allowRetry") is True
    made = call.services.cursors.add(values, batch_size, count, extra, _ttl(request.get("ttl")), call.services.control.now,
                                     retriable)
    return code, _dump(call, made, code)


def _dump(call: Call, cursor: Cursor, code: int) -> dict[str, Any]:
    """``QueryResultCursor::dumpSync`` plus the handler's ``error`` and ``code``."""
    batch = cursor.values[cursor.position:cursor.position + cursor.batch_size]
    cursor.position += len(batch)
    more = cursor.position < len(cursor.values)
    body: dict[str, Any] = {"result": batch, "hasMore": more}
    if more:
        body["id"] = cursor.id
    if cursor.count:
        body["count"] = len(cursor.values)
    body["extra"] = cursor.extra
    body["cached"] = False
    cursor.batch_id += 1
    if more:
        body["nextBatchId"] = str(cursor.batch_id + 1)
    body.update({"error": False, "code": code})
    if cursor.retriable:
        cursor.last_batch = body
    elif not more:
        call.services.cursors.remove(cursor.id, call.services.control.now)
    return body


def create_cursor(call: Call) -> Reply:
    body = call.body()
    if isinstance(body, dict) and not body:
        raise ArangoError(E.CORRUPTED_JSON)
    if not isinstance(body, dict) or not isinstance(body.get("query"), str) or not body["query"]:
        raise ArangoError(_QUERY_EMPTY, status=400)
    bind_vars = body.get("bindVars")
    if bind_vars is not None and not isinstance(bind_vars, dict):
        raise ArangoError(_TYPE_ERROR, "expecting object for <bindVars>", 400)
    _batch_size(body.get("batchSize"))  # checked before the query runs
    count = body.get("count") is True
    result = run_query(call.services.documents, call.database, body["query"], bind_vars,
                       options_from_json(body.get("options"), count=count), caller_of(call),
                       trx=transaction_of(call))  # x-arango-trx-id: inside a stream transaction
    return cursor_reply(call, result.values, result.extra, body, count=count)


def _lookup(call: Call, cursor_id: str) -> Cursor:
    found = call.services.cursors.find(cursor_id, call.services.control.now)
    if found is None:
        raise ArangoError(_CURSOR_NOT_FOUND)
    return found


def next_batch(call: Call) -> Reply:
    return 200, _dump(call, _lookup(call, call.args["cursor_id"]), 200)


def retry_batch(call: Call) -> Reply:
    """``showLatestBatch``: the current batch again (``allowRetry``), or the next one."""
    found = _lookup(call, call.args["cursor_id"])
    batch = call.args["batch_id"]
    wanted = int(batch) if batch.isdigit() else -1
    if not found.retriable:
        raise ArangoError(E.HTTP_BAD_PARAMETER, "expecting allowRetry option to be true")
    if wanted == found.batch_id + 1 and found.position < len(found.values):
        return 200, _dump(call, found, 200)
    if wanted != found.batch_id or found.last_batch is None:
        raise ArangoError(_CURSOR_NOT_FOUND, "batch id not found")
    return 200, found.last_batch


def delete_cursor(call: Call) -> Reply:
    cursor_id = call.args["cursor_id"]
    if not call.services.cursors.remove(cursor_id, call.services.control.now):
        raise ArangoError(_CURSOR_NOT_FOUND)
    return 202, {"id": cursor_id, "error": False, "code": 202}


def _expecting(text: str) -> Any:
    def handler(call: Call) -> Reply:
        raise ArangoError(E.HTTP_BAD_PARAMETER, text)

    return handler


ROUTES = (
    Route("/_api/cursor", {"POST": create_cursor, "PUT": _expecting("expecting POST /_api/cursor/<cursor-id>"),
                           "DELETE": _expecting("expecting DELETE /_api/cursor/<cursor-id>")}),
    Route("/_api/cursor/<segment:cursor_id>", {"POST": next_batch, "PUT": next_batch, "DELETE": delete_cursor}),
    Route("/_api/cursor/<segment:cursor_id>/<segment:batch_id>", {
        "POST": retry_batch, "PUT": _expecting("expecting POST /_api/cursor/<cursor-id>"),
        "DELETE": _expecting("expecting DELETE /_api/cursor/<cursor-id>")}),
)
