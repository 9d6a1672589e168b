"""AQL from commands: ``db._query``, statements, the collections' simple queries (``js/aql.js``),
run by the engine every way in shares (``_queries.run_query``) as the run's owner, on the run's
clock, inside the JavaScript transaction the run has open."""

from __future__ import annotations

import math
import random
from typing import Any, Callable

from .. import _errors as E
from .. import _simple as S
from .._aql import parse_info
from .._errors import ArangoError
from .._queries import Caller, options_from_json, query_error, run_query
from .._runtime import Job
from ._context import HostContext, principal

__all__ = ["QueryOps"]


class QueryOps:
    """The ``aql`` bridge request.

    Attributes:
        check_run_time: called every few thousand rows of a query: stops a run past its time
            limit (the server sets the runtime's check here once the runtime exists).
        max_rows: the most values a command's query may keep at once (its memory bound; 0: none).
    """

    def __init__(self, ctx: HostContext) -> None:
        self._ctx = ctx
        self.check_run_time: Callable[[], None] = lambda: None
        self.max_rows = 0

    def aql(self, job: Job, database: str, request: dict[str, Any]) -> dict[str, Any]:
        """Run a command's query as its task's owner, on the run's clock.

        Args:
            request: ``{"kind": "query", "query", "bindVars", "options", "count"}``, ``{"kind":
                "parse", "query"}`` or ``{"kind": "simple", "simple": "byExample", "collection",
                ...}`` (see :func:`_simple_query`: also ``edges``, ``removeByKeys``), with ``nowUs`` (the run's clock, microseconds)
                and ``seed`` (for ``RAND()``, drawn from the run's seeded stream).

        Returns:
            ``{"result": [...], "extra": {"warnings", "stats"}, "sleptUs": n}`` (``SLEEP()``'s
            fake microseconds, which the run consumes); a parse: ``POST /_api/query``'s answer.

        Raises:
            ArangoError: the query's error, as ArangoDB words it (``AQL: ... (while ...)``).
        """
        now_us = int(request.get("nowUs") or 0)
        slept = [0]
        stream = random.Random(int(request.get("seed") or 0))

        def sleep(seconds: float) -> None:
            if seconds > 0 and math.isfinite(seconds):
                slept[0] += int(seconds * 1_000_000)

        user = job.task.user
        caller = Caller(user=user or None, access=self._ctx.auth.access(principal(user), database),
                        now_ms=lambda: (now_us + slept[0]) // 1000, random=stream.random, sleep=sleep,
                        check=self.check_run_time, max_rows=self.max_rows)
        kind = request.get("kind")
        if kind == "parse":
            try:
                return {"parsed": True, **parse_info(request.get("query"))}  # type: ignore[arg-type]
            except ArangoError as exc:
                exc.query_phase = "parsing"  # type: ignore[attr-defined]
                raise query_error(exc) from None
        if kind == "simple":
            self._ctx.require(job, database, write=False)
            collection = self._ctx.documents.collection(database, str(request.get("collection")))  # 1203 unless it exists
            made = _simple_query(request, collection.type)
            query: Any = made.query
            bind_vars: Any = made.bind_vars
            options = options_from_json(None)
        else:
            query, bind_vars = request.get("query"), request.get("bindVars")
            options = options_from_json(request.get("options"), count=request.get("count"))
        result = run_query(self._ctx.documents, database, query, bind_vars, options, caller,
                           trx=self._ctx.transactions.current(job))
        return {"result": result.values, "extra": result.extra, "sleptUs": slept[0]}


def _simple_query(request: dict[str, Any], collection_type: int) -> S.SimpleQuery:
    """The AQL of a collection's simple query (``request["simple"]`` names it)."""
    name, kind = str(request.get("collection")), request.get("simple")
    skip, limit = request.get("skip"), request.get("limit")
    if kind == "all":
        return S.all_documents(name, skip, limit)
    if kind == "byExample":
        return S.by_example(name, request.get("example"), skip, limit)
    if kind == "any":
        return S.any_document(name)
    if kind == "range":
        return S.range_query(name, request.get("attribute"), request.get("left"), request.get("right"),
                             request.get("closed") is True, skip, limit)
    if kind == "removeByExample":
        return S.remove_by_example(name, request.get("example"), limit)
    if kind == "updateByExample":
        return S.update_by_example(name, request.get("example"), request.get("newValue"),
                                   request.get("keepNull") is not False, request.get("mergeObjects") is not False, limit)
    if kind == "replaceByExample":
        return S.replace_by_example(name, request.get("example"), request.get("newValue"), limit)
    if kind == "edges":
        return S.edges(name, collection_type, str(request.get("direction")), request.get("vertex"))
    if kind == "removeByKeys":
        return S.remove_by_keys(name, request["keys"])  # a list: js/aql.js checks (usage: removeByKeys(<keys>))
    raise ArangoError(E.INTERNAL, f"internal error of fake-arango-tasks: unknown simple query {kind!r}")
