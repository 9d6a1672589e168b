"""Sorting rows by AQL's value order (docs-hugo ``aql/fundamentals/type-and-value-order.md``),
fast: one stable sort per criterion, last criterion first, each on a native key when the column is
all numbers, else on :func:`~fake_arango_tasks._aql._values.compare` (strings by the collation
of ``compare_strings``)."""

from __future__ import annotations

from functools import cmp_to_key
from typing import Any, Callable, TypeVar

from ._values import compare, compare_strings

__all__ = ["sort_by_columns"]

T = TypeVar("T")

_by_value = cmp_to_key(compare)
_by_string = cmp_to_key(compare_strings)


def _column_key(values: list[Any]) -> Callable[[Any], Any]:
    if all(type(v) is int or type(v) is float for v in values):
        return lambda v: v
    if all(type(v) is str for v in values):
        return _by_string
    return _by_value


def sort_by_columns(items: list[T], keys: list[list[Any]], ascending: list[bool]) -> list[T]:
    """``items`` ordered by their ``keys`` (one list of criterion values per item), each
    criterion ascending or not; stable (equal items keep their order)."""
    order = list(range(len(items)))
    for column in reversed(range(len(ascending))):
        values = [k[column] for k in keys]
        key = _column_key(values)
        order.sort(key=lambda i: key(values[i]), reverse=not ascending[column])
    return [items[i] for i in order]
