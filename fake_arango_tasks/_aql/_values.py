"""AQL values: their types, conversions and order (docs-hugo ``site/content/3.12/aql/fundamentals/
type-and-value-order.md`` and ``data-types.md``; arangod ``Aql/AqlValue.cpp``,
``lib/Basics/VelocyPackHelper.cpp``).

Python stands for AQL's types: ``None`` (null), ``bool``, ``int``/``float`` (number: an IEEE
double in ArangoDB), ``str``, ``list`` (array), ``dict`` (object, insertion-ordered). Values are
treated as immutable once built: functions return new values and never change their arguments.

Owner: the function-library work (``_functions``); the evaluator only calls what is here.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["Value", "type_rank", "type_name", "to_bool", "to_number", "to_string", "compare", "equals",
           "compare_strings", "number"]

Value = Any  # None | bool | int | float | str | list[Value] | dict[str, Value]

_NULL, _BOOL, _NUMBER, _STRING, _ARRAY, _OBJECT = range(6)


def type_rank(value: Value) -> int:
    """The position of ``value``'s type in AQL's type order: null < bool < number < string <
    array < object."""
    if value is None:
        return _NULL
    if value is True or value is False:
        return _BOOL
    if isinstance(value, (int, float)):
        return _NUMBER
    if isinstance(value, str):
        return _STRING
    if isinstance(value, list):
        return _ARRAY
    return _OBJECT


def type_name(value: Value) -> str:
    """AQL's ``TYPENAME()``: ``"null"``, ``"bool"``, ``"number"``, ``"string"``, ``"array"``, ``"object"``."""
    return ("null", "bool", "number", "string", "array", "object")[type_rank(value)]


def number(value: float) -> int | float:
    """A computed number as AQL keeps it: a finite double (NaN and infinities become ``None``,
    ArangoDB's null), integral values as ``int`` so that they print without a fraction."""
    if isinstance(value, int):
        return value
    if not math.isfinite(value):
        return None  # type: ignore[return-value]
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def to_bool(value: Value) -> bool:
    """``TO_BOOL()``: null and false, 0 and "" are false; every other value (any array or object,
    even empty) is true."""
    rank = type_rank(value)
    if rank == _NULL:
        return False
    if rank == _BOOL:
        return bool(value)
    if rank == _NUMBER:
        return value != 0
    if rank == _STRING:
        return value != ""
    return True


def to_number(value: Value) -> int | float:
    """``TO_NUMBER()``: null and false 0, true 1, a numeric string its value (else 0), an empty
    array 0, an array of one element that element's number, any other array or object 0."""
    rank = type_rank(value)
    if rank == _NULL:
        return 0
    if rank == _BOOL:
        return 1 if value else 0
    if rank == _NUMBER:
        return value  # type: ignore[no-any-return]
    if rank == _STRING:
        text = value.strip()
        try:
            parsed = float(text) if text else 0.0
        except ValueError:
            return 0
        return number(parsed) if math.isfinite(parsed) else 0
    if rank == _ARRAY:
        if len(value) == 0:
            return 0
        if len(value) == 1:
            return to_number(value[0])
        return 0
    return 0


def to_string(value: Value) -> str:
    """``TO_STRING()``: null is "", booleans "true"/"false", numbers as ArangoDB prints them,
    strings as they are, arrays and objects as their JSON text."""
    from .._json import dumps  # the one number and string format

    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    return dumps(value)


def compare_strings(a: str, b: str) -> int:
    """-1, 0 or 1: ``a`` against ``b`` as AQL orders strings (ICU collation of the server language;
    see the module's owner for the exact rules)."""
    return (a > b) - (a < b)


def compare(a: Value, b: Value) -> int:
    """-1, 0 or 1: ``a`` against ``b`` in AQL's value order (types first; arrays element-wise with
    null for missing elements; objects by their sorted combined attribute names, then values)."""
    ra, rb = type_rank(a), type_rank(b)
    if ra != rb:
        return -1 if ra < rb else 1
    if ra == _NULL:
        return 0
    if ra in (_BOOL, _NUMBER):
        return (a > b) - (a < b)
    if ra == _STRING:
        return compare_strings(a, b)
    if ra == _ARRAY:
        for i in range(max(len(a), len(b))):
            c = compare(a[i] if i < len(a) else None, b[i] if i < len(b) else None)
            if c:
                return c
        return 0
    for key in sorted(set(a) | set(b)):
        c = compare(a.get(key), b.get(key))
        if c:
            return c
    return 0


def equals(a: Value, b: Value) -> bool:
    """AQL's ``==``."""
    return compare(a, b) == 0
