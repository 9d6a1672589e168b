"""The engine's public API: prepare a query once, execute it with bind parameters against a
context, get the values, statistics and warnings ArangoDB would report."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._errors import ArangoError
from ._analysis import check_bind_parameters, check_collections, check_modifications, collections_of
from ._ast_json import ast_json
from ._parser import ParseResult, parse
from ._pipeline import PipelineCompiler
from ._runtime import QueryContext, QueryOptions, Run

__all__ = ["PreparedQuery", "QueryResult", "prepare", "execute", "parse_info", "phase_of"]

_CACHE_SIZE = 512
_cache: OrderedDict[str, PreparedQuery] = OrderedDict()
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class PreparedQuery:
    """A parsed and analysed query (immutable; shared between executions).

    Attributes:
        text: the query string.
        bind_parameters: the names of its bind parameters (``@@coll`` as ``"@coll"``).
        collections: the collections it names (read or written, without bind parameters).
        is_modification: it contains INSERT, UPDATE, REPLACE, REMOVE or UPSERT.
        warnings: the parser's warnings (``number out of range``), reported by every execution.
    """

    text: str
    parsed: ParseResult = field(repr=False)
    bind_parameters: frozenset[str]
    collections: tuple[str, ...]
    is_modification: bool
    warnings: tuple[tuple[int, str], ...] = ()


@dataclass
class QueryResult:
    """What one execution produced.

    Attributes:
        values: the result array.
        stats: ``extra.stats``, keys in ArangoDB 3.12's order.
        warnings: ``extra.warnings``: ``{"code": n, "message": "..."}`` in order.
        full_count: the ``fullCount`` statistic when it was asked for, else ``None``.
        writes: the collections the query may have written.
    """

    values: list[Any]
    stats: dict[str, Any]
    warnings: list[dict[str, Any]]
    full_count: int | None = None
    writes: tuple[str, ...] = ()

    @property
    def extra(self) -> dict[str, Any]:
        """The cursor's ``extra`` object: ``{"warnings": [...], "stats": {...}}``."""
        return {"warnings": list(self.warnings), "stats": dict(self.stats)}


def prepare(query: str) -> PreparedQuery:
    """Parse and analyse ``query``; cached per query text.

    Raises:
        ArangoError: 1502 empty; 1501 syntax; 1510-1512 variables; 1540/1541 functions;
            1574 aggregates; 1575 options (see :func:`~fake_arango_tasks._aql._parser.parse`).
    """
    if not isinstance(query, str):
        raise ArangoError(1502)
    with _cache_lock:
        found = _cache.get(query)
        if found is not None:
            _cache.move_to_end(query)
            return found
    parsed = parse(query)
    names = list(dict.fromkeys(parsed.read_collections + parsed.write_collections))
    prepared = PreparedQuery(query, parsed, frozenset(parsed.parameters), tuple(names),
                             parsed.is_modification, tuple(parsed.warnings))
    with _cache_lock:
        _cache[query] = prepared
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return prepared


def execute(query: str | PreparedQuery, bind_vars: Mapping[str, Any] | None, context: QueryContext,
            options: QueryOptions | None = None) -> QueryResult:
    """Run ``query`` with ``bind_vars`` against ``context.storage``.

    A data-modification query runs inside ``storage.transaction(...)``: when it fails, none of its
    writes remain.

    Raises:
        ArangoError: the parse errors of :func:`prepare`; 1550-1553 bind parameters; 1579 access
            after modification; 1203 unknown collection; and whatever the query raises while it
            runs (1563 FOR over a non-array, 1210 unique constraint, a warning with
            ``failOnWarning``, ...).
    """
    try:
        prepared = query if isinstance(query, PreparedQuery) else prepare(query)
        options = options or QueryOptions()
        parsed = prepared.parsed
        check_bind_parameters(parsed, bind_vars if bind_vars is not None else {})
        bind = dict(bind_vars) if bind_vars is not None else {}
        check_modifications(parsed, bind)
        read, written = collections_of(parsed, bind)
        storage = context.storage
        check_collections(read + written, storage)
    except ArangoError as exc:
        exc.query_phase = "parsing"  # type: ignore[attr-defined]
        raise
    run = Run(context, options, bind)
    for code, message in prepared.warnings:
        run.warn(code, message)
    started = time.perf_counter()
    pipeline = PipelineCompiler(run, len(parsed.variables))
    if prepared.is_modification:
        with storage.transaction(written):
            values = pipeline.top_level(parsed.query)()
    else:
        values = pipeline.top_level(parsed.query)()
    elapsed = time.perf_counter() - started
    full_count = None
    if options.full_count:
        full_count = run.stats.full_count if pipeline.full_count_limit is not None else len(values)
        run.stats.full_count = full_count
    return QueryResult(values, run.stats.to_dict(options.full_count, elapsed), run.warnings, full_count,
                       tuple(written))


def phase_of(error: ArangoError) -> str:
    """The state ``Query`` was in when ``error`` (raised by :func:`execute`) happened, as
    ``QueryExecutionState::toString`` names it: ``"parsing"`` (syntax, names, bind parameters,
    collections) or ``"executing"`` (anything raised while the query ran)."""
    return str(getattr(error, "query_phase", "executing"))


def parse_info(query: str) -> dict[str, Any]:
    """What ``POST /_api/query`` answers for ``query`` (besides ``code``/``error``/``parsed``):
    ``{"collections": [...], "bindVars": [...], "ast": [...]}``.

    Raises:
        ArangoError: as :func:`prepare`.
    """
    prepared = prepare(query)
    parsed = prepared.parsed
    return {
        "collections": sorted(set(parsed.read_collections) | set(parsed.write_collections)),
        "bindVars": list(parsed.parameters),
        "ast": [ast_json(parsed)],
    }
