"""Array functions (docs-hugo ``aql/functions/array.md``; arangod ``Aql/Functions.cpp``
``Length`` ... ``Interleave``; ``AqlFunctionFeature::addListFunctions``).

Equality of elements is AQL's ``==`` (``VelocyPackHelper::equal``); sets of values are kept in
first-seen order. arangod builds the results of ``UNION_DISTINCT``, ``INTERSECTION``,
``OUTERSECTION`` and ``MINUS`` from hash tables, so their order is unspecified there (the docs
say so); here it is first-seen order.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

from .._values import compare, equals, json_text, sort_key, to_bool
from . import FunctionContext
from ._support import ARRAY_EXPECTED, alias, bool_arg, define, fail, numeric, to_double, to_int64, warn, warn_type


class _ValueSet:
    """A set of AQL values under ``==`` (hashable keys: canonical JSON of a normalised value)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def add(self, value: Any) -> bool:
        """Add ``value``; ``True`` when it was not there yet."""
        key = _key(value)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def __contains__(self, value: Any) -> bool:
        return _key(value) in self._seen


def _key(value: Any) -> str:
    """A string equal for exactly the AQL-equal values (numbers by value, objects without their
    null-valued attributes' absence mattering... objects by sorted attributes)."""
    return json_text(_normal(value))


def _normal(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value) if isinstance(value, int) and abs(value) >= 2**53 else value
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return {k: _normal(value[k]) for k in sorted(value) if value[k] is not None}


def _unique(values: Iterable[Any]) -> list[Any]:
    seen = _ValueSet()
    return [v for v in values if seen.add(v)]


def _array_or_warn(ctx: FunctionContext, name: str, value: Any) -> list[Any] | None:
    if isinstance(value, list):
        return value
    warn(ctx, name, ARRAY_EXPECTED)
    return None


@define("LENGTH", ".")
def length(ctx: FunctionContext, args: list[Any]) -> int:
    """``LENGTH(value)`` (alias ``COUNT``; ``Functions::Length``): elements of an array,
    attributes of an object, code points of a string, characters of a number's printed form,
    true 1, false and null 0."""
    value = args[0]
    if isinstance(value, (list, dict)):
        return len(value)
    if value is None or value is False:
        return 0
    if value is True:
        return 1
    if isinstance(value, str):
        return len(value)
    return len(json_text(value))


alias("COUNT", "LENGTH")


@define("FIRST", ".")
def first(ctx: FunctionContext, args: list[Any]) -> Any:
    """``FIRST(anyArray)``: the first element, null when empty; not an array: warning 1563."""
    values = _array_or_warn(ctx, "FIRST", args[0])
    return values[0] if values else None


@define("LAST", ".")
def last(ctx: FunctionContext, args: list[Any]) -> Any:
    """``LAST(anyArray)``: the last element, null when empty; not an array: warning 1563."""
    values = _array_or_warn(ctx, "LAST", args[0])
    return values[-1] if values else None


@define("NTH", ".,.")
def nth(ctx: FunctionContext, args: list[Any]) -> Any:
    """``NTH(anyArray, position)``: the element at ``position`` (0-based, no negatives), null
    when out of bounds; not an array: warning 1563."""
    values = _array_or_warn(ctx, "NTH", args[0])
    if not values:
        return None
    index = to_int64(args[1])
    return values[index] if 0 <= index < len(values) else None


@define("POSITION", ".,.|.")
def position(ctx: FunctionContext, args: list[Any]) -> Any:
    """``POSITION(anyArray, search, returnIndex)`` (alias ``CONTAINS_ARRAY``): whether
    ``search`` is an element, or with ``returnIndex`` its first index or -1."""
    values = _array_or_warn(ctx, "POSITION", args[0])
    if values is None:
        return None
    want_index = bool_arg(args, 2, False) if len(args) == 3 else False
    for i, item in enumerate(values):
        if equals(item, args[1]):
            return i if want_index else True
    return -1 if want_index else False


alias("CONTAINS_ARRAY", "POSITION")


def _flatten(values: list[Any], depth: int, out: list[Any], current: int = 0) -> None:
    for item in values:
        if isinstance(item, list) and current < depth:
            _flatten(item, depth, out, current + 1)
        else:
            out.append(item)


@define("FLATTEN", ".|.")
def flatten(ctx: FunctionContext, args: list[Any]) -> Any:
    """``FLATTEN(anyArray, depth)``: nested arrays spliced in up to ``depth`` levels (default
    1; below 1 or unreadable: 1); not an array: warning 1563."""
    values = _array_or_warn(ctx, "FLATTEN", args[0])
    if values is None:
        return None
    depth = 1
    if len(args) == 2:
        value, failed = to_double(args[1])
        if not failed and value >= 1:
            depth = int(value) if math.isfinite(value) else 2**31
    out: list[Any] = []
    _flatten(values, depth, out)
    return out


@define("UNIQUE", ".")
def unique(ctx: FunctionContext, args: list[Any]) -> Any:
    """``UNIQUE(anyArray)``: the distinct elements, first occurrence kept."""
    values = _array_or_warn(ctx, "UNIQUE", args[0])
    return None if values is None else _unique(values)


@define("SORTED", ".")
def sorted_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SORTED(anyArray)``: the elements in AQL's value order."""
    values = _array_or_warn(ctx, "SORTED", args[0])
    return None if values is None else sorted(values, key=sort_key)


@define("SORTED_UNIQUE", ".")
def sorted_unique(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SORTED_UNIQUE(anyArray)``: the distinct elements in AQL's value order."""
    values = _array_or_warn(ctx, "SORTED_UNIQUE", args[0])
    if values is None:
        return None
    out: list[Any] = []
    for item in sorted(values, key=sort_key):
        if not out or compare(out[-1], item) != 0:
            out.append(item)
    return out


@define("COUNT_DISTINCT", ".")
def count_distinct(ctx: FunctionContext, args: list[Any]) -> Any:
    """``COUNT_DISTINCT(anyArray)`` (alias ``COUNT_UNIQUE``): the number of distinct elements."""
    values = _array_or_warn(ctx, "COUNT_DISTINCT", args[0])
    return None if values is None else len(_unique(values))


alias("COUNT_UNIQUE", "COUNT_DISTINCT")


def _arrays(ctx: FunctionContext, name: str, args: list[Any], code: int) -> list[list[Any]] | None:
    """All arguments, which must be arrays (else a warning ``code`` and ``None``)."""
    for value in args:
        if not isinstance(value, list):
            if code == ARRAY_EXPECTED:
                warn(ctx, name, code)
            else:
                warn_type(ctx, name)
            return None
    return list(args)


@define("UNION", ".,.|+")
def union(ctx: FunctionContext, args: list[Any]) -> Any:
    """``UNION(array1, array2, ...)``: all elements of all arrays; a non-array: warning 1542."""
    arrays = _arrays(ctx, "UNION", args, 1542)
    return None if arrays is None else [item for values in arrays for item in values]


@define("UNION_DISTINCT", ".,.|+")
def union_distinct(ctx: FunctionContext, args: list[Any]) -> Any:
    """``UNION_DISTINCT(array1, array2, ...)``: the distinct elements of all arrays."""
    arrays = _arrays(ctx, "UNION_DISTINCT", args, 1542)
    return None if arrays is None else _unique(item for values in arrays for item in values)


@define("INTERSECTION", ".,.|+")
def intersection(ctx: FunctionContext, args: list[Any]) -> Any:
    """``INTERSECTION(array1, array2, ...)``: the distinct elements found in every array; a
    non-array: warning 1563."""
    arrays = _arrays(ctx, "INTERSECTION", args, ARRAY_EXPECTED)
    if arrays is None:
        return None
    result = _unique(arrays[0])
    for values in arrays[1:]:
        present = _ValueSet()
        for item in values:
            present.add(item)
        result = [item for item in result if item in present]
    return result


@define("OUTERSECTION", ".,.|+")
def outersection(ctx: FunctionContext, args: list[Any]) -> Any:
    """``OUTERSECTION(array1, array2, ...)``: the elements occurring exactly once over all
    arrays; a non-array: warning 1563."""
    arrays = _arrays(ctx, "OUTERSECTION", args, ARRAY_EXPECTED)
    if arrays is None:
        return None
    counts: dict[str, int] = {}
    order: list[tuple[str, Any]] = []
    for values in arrays:
        for item in values:
            key = _key(item)
            if key not in counts:
                counts[key] = 0
                order.append((key, item))
            counts[key] += 1
    return [item for key, item in order if counts[key] == 1]


@define("MINUS", ".,.|+")
def minus(ctx: FunctionContext, args: list[Any]) -> Any:
    """``MINUS(array1, array2, ...)``: the distinct elements of the first array found in none of
    the others; a non-array: warning 1542."""
    arrays = _arrays(ctx, "MINUS", args, 1542)
    if arrays is None:
        return None
    removed = _ValueSet()
    for values in arrays[1:]:
        for item in values:
            removed.add(item)
    return [item for item in _unique(arrays[0]) if item not in removed]


@define("JACCARD", ".,.")
def jaccard(ctx: FunctionContext, args: list[Any]) -> Any:
    """``JACCARD(array1, array2)``: |intersection| / |union| of the distinct elements (two empty
    arrays: 1); a non-array: warning 1563."""
    arrays = _arrays(ctx, "JACCARD", args, ARRAY_EXPECTED)
    if arrays is None:
        return None
    left, right = _unique(arrays[0]), _unique(arrays[1])
    union_size = len(_unique(left + right))
    if union_size == 0:
        return 1
    right_set = _ValueSet()
    for item in right:
        right_set.add(item)
    common = sum(1 for item in left if item in right_set)
    return common / union_size if common % union_size else common // union_size


@define("SLICE", ".,.|.")
def slice_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SLICE(anyArray, start, length)`` (``Functions::Slice``): ``length`` elements (default:
    all; negative: up to that many from the end) from ``start`` (negative: from the end); not
    an array: warning 1542."""
    values = args[0]
    if not isinstance(values, list):
        warn_type(ctx, "SLICE")
        return None
    n = len(values)
    start = to_int64(args[1])
    if start < 0:
        start = max(0, n + start)
    if len(args) < 3 or args[2] is None:
        end = n
    else:
        amount = to_int64(args[2])
        end = start + amount if amount >= 0 else max(0, n + amount)
    return values[start:end]


@define("PUSH", ".,.|.")
def push(ctx: FunctionContext, args: list[Any]) -> Any:
    """``PUSH(anyArray, value, unique)``: the array with ``value`` appended (unless ``unique``
    and already present); null array: ``[value]``; another type: warning 1542."""
    values, item = args[0], args[1] if len(args) > 1 else None
    if values is None:
        return [item]
    if not isinstance(values, list):
        warn_type(ctx, "PUSH")
        return None
    if len(args) == 3 and to_bool(args[2]) and any(equals(v, item) for v in values):
        return list(values)
    return values + [item]


@define("APPEND", ".,.|.")
def append(ctx: FunctionContext, args: list[Any]) -> Any:
    """``APPEND(anyArray, values, unique)`` (``Functions::Append``): the elements of ``values``
    (or the single value) appended; with ``unique`` no duplicates are added (and the array's
    own duplicates are dropped). A null or empty ``values`` returns the array; a null array
    ``values``; another type: warning 1542."""
    values, extra = args[0], args[1]
    if extra is None or extra == []:
        return values
    unique_ = bool_arg(args, 2, False) if len(args) == 3 else False
    if values is None:
        return extra
    if not isinstance(values, list):
        warn_type(ctx, "APPEND")
        return None
    additions = extra if isinstance(extra, list) else [extra]
    if not unique_:
        return values + additions
    seen = _ValueSet()
    out = [v for v in values if seen.add(v)]
    if not isinstance(extra, list):
        return out + ([extra] if extra not in seen else [])
    return out + [v for v in additions if seen.add(v)]


@define("POP", ".")
def pop(ctx: FunctionContext, args: list[Any]) -> Any:
    """``POP(anyArray)``: the array without its last element; null stays null; another type:
    warning 1542."""
    values = args[0]
    if values is None:
        return None
    if not isinstance(values, list):
        warn_type(ctx, "POP")
        return None
    return values[:-1]


@define("SHIFT", ".")
def shift(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SHIFT(anyArray)``: the array without its first element; null stays null; another type:
    warning 1542."""
    values = args[0]
    if values is None:
        return None
    if not isinstance(values, list):
        warn_type(ctx, "SHIFT")
        return None
    return values[1:]


@define("UNSHIFT", ".,.|.")
def unshift(ctx: FunctionContext, args: list[Any]) -> Any:
    """``UNSHIFT(anyArray, value, unique)``: ``value`` prepended (unless ``unique`` and already
    present); a null array gives ``[value]``; another type: warning 1542."""
    values, item = args[0], args[1]
    if values is not None and not isinstance(values, list):
        warn_type(ctx, "UNSHIFT")
        return None
    if len(args) == 3 and to_bool(args[2]) and isinstance(values, list) and any(equals(v, item) for v in values):
        return values
    return [item] + (values or [])


@define("REMOVE_VALUE", ".,.|.")
def remove_value(ctx: FunctionContext, args: list[Any]) -> Any:
    """``REMOVE_VALUE(anyArray, value, limit)``: the array without the elements equal to
    ``value`` (at most ``limit`` removed); null array: ``[]``; another type: warning 1542."""
    values = args[0]
    if values is None:
        return []
    if not isinstance(values, list):
        warn_type(ctx, "REMOVE_VALUE")
        return None
    limit = to_int64(args[2]) if len(args) == 3 and args[2] is not None else -1
    use_limit = len(args) == 3 and args[2] is not None
    out: list[Any] = []
    for item in values:
        if use_limit and limit == 0:
            out.append(item)
            continue
        if equals(args[1], item):
            limit -= 1
            continue
        out.append(item)
    return out


@define("REMOVE_VALUES", ".,.")
def remove_values(ctx: FunctionContext, args: list[Any]) -> Any:
    """``REMOVE_VALUES(anyArray, values)``: the array without any element equal to one of
    ``values``; null values: the array; null array: ``[]``; other types: warning 1542."""
    values, removed = args[0], args[1]
    if removed is None:
        return values
    if values is None:
        return []
    if not isinstance(values, list) or not isinstance(removed, list):
        warn_type(ctx, "REMOVE_VALUES")
        return None
    gone = _ValueSet()
    for item in removed:
        gone.add(item)
    return [item for item in values if item not in gone]


@define("REMOVE_NTH", ".,.")
def remove_nth(ctx: FunctionContext, args: list[Any]) -> Any:
    """``REMOVE_NTH(anyArray, position)``: the array without the element at ``position``
    (negative: from the end; out of bounds: unchanged); null: ``[]``; another type: 1542."""
    values = args[0]
    if values is None:
        return []
    if not isinstance(values, list):
        warn_type(ctx, "REMOVE_NTH")
        return None
    count = float(len(values))
    p = numeric(args[1])
    if not (-count <= p < count):
        return values
    if p < 0:
        p += count
    target = int(p)
    return values[:target] + values[target + 1:]


@define("REPLACE_NTH", ".,.,.|.")
def replace_nth(ctx: FunctionContext, args: list[Any]) -> Any:
    """``REPLACE_NTH(anyArray, position, replaceValue, defaultPaddingValue)``: the element at
    ``position`` (negative: from the end) replaced; past the end, padded with the padding
    value (required, else error 1542); not an array: warning 1542; a null position: error 1542.

    Raises:
        ArangoError: 1542 for a null position, or a position past the end without padding.
    """
    values = args[0]
    if not isinstance(values, list):
        warn_type(ctx, "REPLACE_NTH")
        return None
    if args[1] is None:
        raise fail(1542, "REPLACE_NTH")
    n = len(values)
    pos = to_int64(args[1])
    offset = pos if pos >= 0 else max(0, n + pos)
    if n < offset and len(args) < 4:
        raise fail(1542, "REPLACE_NTH")
    out = list(values)
    if offset < n:
        out[offset] = args[2]
        return out
    padding = args[3] if len(args) == 4 else None
    out.extend([padding] * (offset - n))
    out.append(args[2])
    return out


@define("INTERLEAVE", ".,.|+")
def interleave(ctx: FunctionContext, args: list[Any]) -> Any:
    """``INTERLEAVE(array1, array2, ...)``: round-robin over the arrays' elements; a non-array:
    warning 1563."""
    arrays = _arrays(ctx, "INTERLEAVE", args, ARRAY_EXPECTED)
    if arrays is None:
        return None
    out: list[Any] = []
    longest = max(len(a) for a in arrays)
    for i in range(longest):
        out.extend(a[i] for a in arrays if i < len(a))
    return out

