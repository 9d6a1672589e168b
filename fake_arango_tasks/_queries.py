"""AQL as the server runs it for a caller: ``POST /_api/cursor``, the simple-query routes and task
commands' ``db._query`` all come here, so that options, permissions, error texts and the query's
context (clock, random stream, user, version, collections) are decided once.

- options: ``QueryOptions(opts)`` reads what it knows of the request's ``options`` and ignores a
  value of the wrong type (``arangod/Aql/QueryOptions.cpp`` ``fromVelocyPack``);
- errors: a query error reaches the caller as ``Query`` reports it, ``AQL: <message> (while
  <state>)`` (``arangod/Aql/Query.cpp``, ``QueryExecutionState::toStringWithPrefix``), with the
  status ``GeneralResponse::responseCode`` maps its number to;
- permissions: a query needs read access to the database, a data-modification query write access
  (11 ``forbidden`` otherwise; ``ExecContext`` checks in ``arangod/Aql/Collections.cpp``);
- the context: the query's clock and random stream are the caller's (a task run's fake time and
  seeded stream; the server clock and the server's seeded stream over HTTP).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import _errors as E
from ._aql import QueryContext, QueryOptions, QueryResult, execute, phase_of, prepare
from ._documents import DocumentStore, Transaction
from ._errors import ArangoError

__all__ = ["Caller", "options_from_json", "query_error", "run_query"]


@dataclass(frozen=True)
class Caller:
    """Who runs a query, and on what clock.

    Attributes:
        user: the user's name (``CURRENT_USER()``); ``None`` without authentication.
        access: the user's access to the database: ``"rw"``, ``"ro"`` or ``"none"``.
        now_ms: the query's clock, Unix milliseconds.
        random: numbers in [0, 1) from the caller's seeded stream (``RAND()``, ``UUID()``).
        sleep: consume seconds of the caller's (fake) time, for ``SLEEP()``.
        version: the ArangoDB version the server claims (``VERSION()``).
        check: called every few thousand rows; raises to stop the query (a run's time limit).
        max_rows: the most values the query may return (its memory bound; 0: none).
    """

    user: str | None
    access: str
    now_ms: Callable[[], int]
    random: Callable[[], float]
    sleep: Callable[[float], None]
    version: str = "3.12.4"
    check: Callable[[], None] = lambda: None
    max_rows: int = 0


def _flag(value: Any, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def _number(value: Any, default: float) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return default


def options_from_json(options: Any, *, count: Any = None) -> QueryOptions:
    """The engine's options from a request's ``options`` object (anything else: the defaults).

    Args:
        options: ``{"fullCount": true, "failOnWarning": true, "maxWarningCount": 3,
            "maxRuntime": 1.5, "profile": 1, ...}``; unknown keys (``optimizer``, ``stream``,
            ``memoryLimit``, ``maxPlans``, ...) are accepted and have no effect; ``maxRuntime``
            is in seconds.
        count: the request's top-level ``count`` (a bool), kept for the cursor layer.
    """
    given: Mapping[str, Any] = options if isinstance(options, dict) else {}
    max_warnings = _number(given.get("maxWarningCount"), 10)
    profile = given.get("profile")
    return QueryOptions(
        full_count=_flag(given.get("fullCount"), False),
        fail_on_warning=_flag(given.get("failOnWarning"), False),
        max_warning_count=max(int(max_warnings), 0),
        max_runtime=max(_number(given.get("maxRuntime"), 0.0), 0.0),
        count=_flag(count, False),
        profile=int(profile) if isinstance(profile, int) and not isinstance(profile, bool) else (1 if profile is True else 0),
    )


def query_error(error: ArangoError) -> ArangoError:
    """``error`` as the caller of a query sees it: ``AQL: <message> (while <state>)``, with the
    status of its number."""
    return ArangoError(error.error_num, f"AQL: {error.message} (while {phase_of(error)})", E.status_of(error.error_num))


def run_query(store: DocumentStore, database: str, query: Any, bind_vars: Mapping[str, Any] | None,
              options: QueryOptions, caller: Caller, trx: Transaction | None = None) -> QueryResult:
    """Run ``query`` in ``database`` for ``caller``.

    Args:
        query: the AQL text (anything else is 1502 ``query is empty``).
        bind_vars: the bind parameters (``None``: none).
        trx: the transaction the query runs in (a stream transaction's ``x-arango-trx-id``, a
            command's ``db._executeTransaction``); ``None``: its own.

    Raises:
        ArangoError: 11 no access (write access for a data-modification query); every error of
            the engine (:func:`~fake_arango_tasks._aql.execute`) as :func:`query_error` words it.
    """
    if caller.access == "none":
        raise ArangoError(E.FORBIDDEN)
    try:
        prepared = prepare(query) if isinstance(query, str) and query else prepare("")
    except ArangoError as exc:
        exc.query_phase = "parsing"  # type: ignore[attr-defined]
        raise query_error(exc) from None
    if prepared.is_modification and caller.access != "rw":
        raise ArangoError(E.FORBIDDEN)
    context = QueryContext(
        store.storage(database, trx), now_ms=caller.now_ms, random=caller.random, sleep=caller.sleep, user=caller.user,
        version=caller.version, list_collections=lambda: [(c.id, c.name) for c in store.collections(database)],
        check=caller.check, max_rows=caller.max_rows,
    )
    try:
        return execute(prepared, bind_vars, context, options)
    except ArangoError as exc:
        raise query_error(exc) from None
