"""The AQL contract as data: one :class:`AqlCase` per rule, each naming the ArangoDB doc example or
test it comes from. The same cases run against the fake's engine and, with ``ARANGO_URL`` set,
against a real ArangoDB over ``POST /_api/cursor`` (collections created and dropped per case)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["AqlCase", "MISSING"]

MISSING: Any = object()  # no expected result given (an error case)


@dataclass(frozen=True)
class AqlCase:
    """One query and what ArangoDB 3.12 answers.

    Attributes:
        source: where the expectation comes from: a docs-hugo page and anchor
            (``aql/functions/string.md#concat``) or an ArangoDB test (``tests/js/...:testName``).
        query: the AQL text.
        bind_vars: the bind parameters.
        collections: document collections to create first, name -> documents to insert.
        edges: edge collections to create first, name -> edges to insert.
        expect: the result array (values in order), or :data:`MISSING` for an error case.
        ordered: ``False`` when the query does not fix the order (compare as a multiset).
        error: ``(errorNum, errorMessage)`` the query fails with; a message ending in ``...`` is a
            prefix.
        warnings: ``(code, message)`` pairs expected in ``extra.warnings``, in order.
        options: query options (``{"fullCount": True}``, ``{"failOnWarning": True}``, ...).
        fake_only: depends on the fake (its clock, its seed): skipped against a real server.
        stats: ``extra.stats`` attributes to check (``{"writesExecuted": 2}``).
    """

    source: str
    query: str
    bind_vars: dict[str, Any] = field(default_factory=dict)
    collections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    edges: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    expect: Any = MISSING
    ordered: bool = True
    error: tuple[int, str] | None = None
    warnings: tuple[tuple[int, str], ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    fake_only: bool = False
    stats: dict[str, Any] = field(default_factory=dict)
