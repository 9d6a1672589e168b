"""What one execution of a query carries: its options, its context (clock, random stream,
storage), its warnings and its statistics.

Warnings follow ``QueryWarnings::registerWarning`` (``arangod/Aql/QueryWarnings.cpp``): with
``failOnWarning`` the first warning is thrown as an error instead; otherwise at most
``maxWarningCount`` are kept, in order. Statistics are ``ExecutionStats``' counters, reported in
the order of ``ExecutionStats::toVelocyPack`` (``arangod/Aql/ExecutionStats.cpp``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from .._errors import ERRORS, ArangoError
from ._storage import Collection, Storage

__all__ = ["QUERY_ROW_BYTES", "QueryOptions", "QueryContext", "Run", "Stats"]

#: What a value an AQL query returns or holds is taken to cost, bytes: ``run_max_memory`` divided
#: by it bounds the values one query may hold (tasks' queries and HTTP cursors alike); a string a
#: function builds counts one value per this many characters.
QUERY_ROW_BYTES = 256


@dataclass(frozen=True)
class QueryOptions:
    """The options of one query (``POST /_api/cursor``'s ``options``, ``db._query``'s third
    argument), with ArangoDB's defaults.

    Attributes:
        full_count: report ``stats.fullCount``, the row count as if the last top-level LIMIT
            were absent.
        fail_on_warning: turn the first warning into the query's error.
        max_warning_count: keep at most this many warnings (later ones are dropped).
        max_runtime: seconds of (fake) time after which the query is killed (1500); 0: never.
        count: the caller wants the result count (kept for the cursor layer).
        profile: 0, 1 or 2 (accepted; no per-node statistics are produced).
    """

    full_count: bool = False
    fail_on_warning: bool = False
    max_warning_count: int = 10
    max_runtime: float = 0.0
    count: bool = False
    profile: int = 0


@dataclass
class QueryContext:
    """What the engine needs from its caller (implements
    :class:`~fake_arango_tasks._aql._functions.FunctionContext` through :class:`Run`).

    Attributes:
        storage: the database's collections (:class:`~fake_arango_tasks._aql._storage.Storage`).
        now_ms: the query's clock, Unix milliseconds (the fake clock).
        random: numbers in [0, 1) from the query's seeded stream.
        sleep: consume (fake) seconds, for ``SLEEP()``.
        user: the user the query runs as (``CURRENT_USER()``); ``None`` without authentication.
        version: the ArangoDB version the server claims (``VERSION()``).
        list_collections: ``(id, name)`` of every collection of the database (``COLLECTIONS()``).
        check: called every few thousand rows a FOR makes; raises to stop the query (a task
            run's time limit: the engine cannot be interrupted otherwise).
        max_rows: the most values a query may return (a bound on its memory; 0: none), past
            which it fails as a query over its memory limit (32).
    """

    storage: Storage
    now_ms: Callable[[], int] = field(default=lambda: int(time.time() * 1000))
    random: Callable[[], float] = field(default=lambda: 0.5)
    sleep: Callable[[float], None] = field(default=lambda seconds: None)
    user: str | None = None
    version: str = "3.12.4"
    list_collections: Callable[[], list[tuple[str, str]]] = field(default=lambda: [])
    check: Callable[[], None] = field(default=lambda: None)
    max_rows: int = 0


class Stats:
    """ExecutionStats' counters."""

    __slots__ = ("writes_executed", "writes_ignored", "document_lookups", "scanned_full",
                 "scanned_index", "filtered", "full_count", "cursors_created")

    def __init__(self) -> None:
        self.writes_executed = 0
        self.writes_ignored = 0
        self.document_lookups = 0
        self.scanned_full = 0
        self.scanned_index = 0
        self.filtered = 0
        self.cursors_created = 0
        self.full_count = 0

    def to_dict(self, report_full_count: bool, execution_time: float) -> dict[str, Any]:
        """The ``extra.stats`` object, keys in ArangoDB 3.12's order."""
        out: dict[str, Any] = {
            "writesExecuted": self.writes_executed,
            "writesIgnored": self.writes_ignored,
            "documentLookups": self.document_lookups,
            "seeks": 0,
            "scannedFull": self.scanned_full,
            "scannedIndex": self.scanned_index,
            "cursorsCreated": self.cursors_created,
            "cursorsRearmed": 0,
            "cacheHits": 0,
            "cacheMisses": 0,
            "filtered": self.filtered,
            "httpRequests": 0,
        }
        if report_full_count:
            out["fullCount"] = self.full_count
        out["executionTime"] = execution_time
        out["peakMemoryUsage"] = 0
        out["intermediateCommits"] = 0
        return out


class Run:
    """One execution: implements the function library's ``FunctionContext``."""

    def __init__(self, context: QueryContext, options: QueryOptions, bind_vars: dict[str, Any]) -> None:
        self.context = context
        self.options = options
        self.bind_vars = bind_vars
        self.warnings: list[dict[str, Any]] = []
        self.stats = Stats()
        self._collections: dict[str, Collection] = {}
        self.held = 0  # values the query holds at once, at most: SORT/COLLECT buffers, results
        self.deadline = 0.0
        if options.max_runtime > 0:
            self.deadline = context.now_ms() / 1000.0 + options.max_runtime

    # FunctionContext
    def warn(self, error_num: int, message: str | None = None) -> None:
        """Register a warning; raise it instead with ``failOnWarning``."""
        if message is None:
            info = ERRORS.get(error_num)
            message = info.message if info is not None else "warning"
        if self.options.fail_on_warning:
            raise ArangoError(error_num, message, status=ERRORS[error_num].status if error_num in ERRORS else 400)
        if len(self.warnings) < self.options.max_warning_count:
            self.warnings.append({"code": error_num, "message": message})

    def now_ms(self) -> int:
        return self.context.now_ms()

    def random(self) -> float:
        return self.context.random()

    def sleep(self, seconds: float) -> None:
        self.context.sleep(seconds)
        self.check_time()

    @property
    def storage(self) -> Storage:
        return self.context.storage

    @property
    def user(self) -> str | None:
        return self.context.user

    @property
    def version(self) -> str:
        return self.context.version

    def collections(self) -> list[tuple[str, str]]:
        return self.context.list_collections()

    def collection(self, name: str) -> Collection:
        """The collection ``name`` (resolved once per run).

        Raises:
            ArangoError: 1203 not found.
        """
        found = self._collections.get(name)
        if found is None:
            found = self.context.storage.collection(name)
            self._collections[name] = found
        return found

    def hold(self, count: int = 1) -> None:
        """Count ``count`` more values the query keeps (a SORT buffer, a COLLECT group, a
        result); past the context's ``max_rows`` the query fails as arangod's does when its
        ResourceMonitor passes the memory limit (``ResourceMonitor::increaseMemoryUsage``).

        Raises:
            ArangoError: 32 ``query would use more memory than allowed``.
        """
        self.held += count
        if self.held > self.context.max_rows > 0:
            raise ArangoError(32, "query would use more memory than allowed")

    def hold_text(self, characters: int) -> None:
        """Count a string of ``characters`` a function is about to build (:meth:`hold`, one value
        per :data:`QUERY_ROW_BYTES` characters): checked before it is built, so that a runaway
        ``CONCAT_SEPARATOR`` fails instead of taking a gigabyte first.

        Raises:
            ArangoError: 32 ``query would use more memory than allowed``.
        """
        self.hold(characters // QUERY_ROW_BYTES)

    def check_time(self) -> None:
        """Kill the query once ``maxRuntime`` has passed (1500 ``query killed``)."""
        if self.deadline and self.context.now_ms() / 1000.0 > self.deadline:
            raise ArangoError(1500)
