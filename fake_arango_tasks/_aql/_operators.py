"""AQL's operators on values (docs-hugo ``aql/operators.md``; arangod ``Aql/Arithmetic.h``,
``Aql/Expression.cpp``: ``executeSimpleExpressionArithmetic``, ``...Range``,
``...IndexedAccess``, ``...ArrayComparison``, ``...Expansion``).

Numbers are IEEE doubles: every arithmetic result goes through ``float`` and
:func:`~fake_arango_tasks._aql._values.number` (NaN and infinities become null). Operands of
other types convert with ``TO_NUMBER()``'s rules; comparisons use AQL's type and value order.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Final

from ._values import compare, compare_strings, number, to_bool, to_number, type_name

__all__ = [
    "plus", "minus", "times", "divide", "modulo", "negate", "unary_plus", "equals", "not_equals",
    "less", "less_equal", "greater", "greater_equal", "contains", "not_contains", "make_range",
    "attribute", "indexed", "array_compare", "flatten_levels", "RANGE_LIMIT", "comparator",
    "logical_not", "type_string", "fold_arithmetic",
]

Warn = Callable[[int, str | None], None]
DIVISION_BY_ZERO: Final = 1562

#: ranges are materialised as arrays when used as values: refuse absurd sizes as ArangoDB's
#: resource monitor would (TRI_ERROR_RESOURCE_LIMIT)
RANGE_LIMIT: Final = 10_000_000

_NUM = (int, float)


def _num(value: Any) -> float:
    t = type(value)
    if t is int or t is float:
        return float(value)
    return float(to_number(value))


def plus(a: Any, b: Any) -> Any:
    """``a + b``."""
    return number(_num(a) + _num(b))


def minus(a: Any, b: Any) -> Any:
    """``a - b``."""
    return number(_num(a) - _num(b))


def times(a: Any, b: Any) -> Any:
    """``a * b``."""
    return number(_num(a) * _num(b))


def divide(a: Any, b: Any, warn: Warn) -> Any:
    """``a / b``; division by zero is null with warning 1562."""
    divisor = _num(b)
    if divisor == 0.0:
        warn(DIVISION_BY_ZERO, None)
        return None
    return number(_num(a) / divisor)


def modulo(a: Any, b: Any, warn: Warn) -> Any:
    """``a % b`` (C's ``fmod``: the sign of ``a``); modulo by zero is null with warning 1562."""
    divisor = _num(b)
    if divisor == 0.0:
        warn(DIVISION_BY_ZERO, None)
        return None
    return number(math.fmod(_num(a), divisor))


def negate(a: Any) -> Any:
    """Unary ``-a``."""
    return number(-_num(a))


def unary_plus(a: Any) -> Any:
    """Unary ``+a``: ``a`` as a number."""
    return number(_num(a))


def equals(a: Any, b: Any) -> bool:
    """``a == b``."""
    ta, tb = type(a), type(b)
    if ta is tb and (ta is int or ta is float or ta is bool):
        return bool(a == b)
    if ta is str and tb is str:
        return a == b or compare_strings(a, b) == 0
    if ta in _NUM and tb in _NUM:
        return bool(a == b)
    return compare(a, b) == 0


def not_equals(a: Any, b: Any) -> bool:
    """``a != b``."""
    return not equals(a, b)


def _order(a: Any, b: Any) -> int:
    ta, tb = type(a), type(b)
    if ta in _NUM and tb in _NUM:
        return (a > b) - (a < b)  # type: ignore[no-any-return]
    return compare(a, b)


def less(a: Any, b: Any) -> bool:
    return _order(a, b) < 0


def less_equal(a: Any, b: Any) -> bool:
    return _order(a, b) <= 0


def greater(a: Any, b: Any) -> bool:
    return _order(a, b) > 0


def greater_equal(a: Any, b: Any) -> bool:
    return _order(a, b) >= 0


def contains(a: Any, b: Any) -> bool:
    """``a IN b``: false unless ``b`` is an array with an element equal to ``a``."""
    if type(b) is not list:
        return False
    for element in b:
        if equals(a, element):
            return True
    return False


def not_contains(a: Any, b: Any) -> bool:
    """``a NOT IN b``: true unless ``b`` is an array with an element equal to ``a``."""
    return not contains(a, b)


def _to_int64(value: Any) -> int:
    n = to_number(value)
    if isinstance(n, float):
        if not math.isfinite(n):
            return 0
        return int(n)  # truncation, as static_cast<int64_t>
    return int(n)


def make_range(low: Any, high: Any) -> range:
    """``low..high``: the integers from ``low`` to ``high`` inclusive (descending when
    ``low > high``), bounds truncated to integers first."""
    lo, hi = _to_int64(low), _to_int64(high)
    return range(lo, hi + 1) if lo <= hi else range(lo, hi - 1, -1)


def attribute(value: Any, name: str) -> Any:
    """``value.name``: null unless ``value`` is an object with that attribute."""
    if type(value) is dict:
        return value.get(name)
    return None


def indexed(value: Any, index: Any) -> Any:
    """``value[index]``: an array position (negative from the end; numeric strings and
    fractional numbers truncate) or an object attribute (numbers as their string form)."""
    if type(value) is list:
        if type(index) is str:
            try:
                index = int(float(index.strip()))
            except ValueError:
                return None
        elif type(index) is bool or index is None:
            return None
        elif not isinstance(index, _NUM):
            return None
        position = int(index)
        if position < 0:
            position += len(value)
        if 0 <= position < len(value):
            return value[position]
        return None
    if type(value) is dict:
        if type(index) is str:
            return value.get(index)
        if isinstance(index, _NUM) and type(index) is not bool:
            from .._json import format_number

            return value.get(format_number(number(float(index))))
        return None
    return None


_COMPARATORS: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "==": equals, "!=": not_equals, "<": less, "<=": less_equal, ">": greater, ">=": greater_equal,
    "in": contains, "not in": not_contains,
}


def comparator(symbol: str) -> Callable[[Any, Any], bool]:
    """The comparison function for ``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``, ``in``, ``not in``."""
    return _COMPARATORS[symbol]


def array_compare(left: Any, right: Any, test: Callable[[Any, Any], bool], quantifier: str,
                  at_least: int = 0) -> bool:
    """``left ALL|ANY|NONE|AT LEAST (n) <op> right``: ``test`` each element of ``left`` against
    ``right``; a ``left`` that is not an array is false."""
    if type(left) is not list:
        return False
    if quantifier == "all":
        return all(test(e, right) for e in left)
    if quantifier == "any":
        return any(test(e, right) for e in left)
    if quantifier == "none":
        return not any(test(e, right) for e in left)
    hits = 0
    for element in left:
        if test(element, right):
            hits += 1
            if hits >= at_least:
                return True
    return hits >= at_least


def flatten_levels(value: list[Any], levels: int) -> list[Any]:
    """``value`` with ``levels`` levels of nested arrays flattened (``[**]`` flattens one)."""
    for _ in range(levels):
        flat: list[Any] = []
        for element in value:
            if type(element) is list:
                flat.extend(element)
            else:
                flat.append(element)
        value = flat
    return value


def logical_not(value: Any) -> bool:
    return not to_bool(value)


def type_string(value: Any) -> str:
    """A value's type as ArangoDB's messages name it (``AqlValue::getTypeString``)."""
    return type_name(value)


_INT64_MIN: Final = -(2**63)
_INT64_MAX: Final = 2**63 - 1
NUMBER_OUT_OF_RANGE: Final = 1504


def _cast_constant(value: Any) -> int | float:
    """``AstNode::castToNumber``: integers stay integers (null, booleans, integral strings too)."""
    if value is None or value is False:
        return 0
    if value is True:
        return 1
    t = type(value)
    if t is int or t is float:
        return value  # type: ignore[no-any-return]
    if t is str:
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            pass
        n = to_number(value)
        return n
    if t is list:
        return _cast_constant(value[0]) if len(value) == 1 else 0
    return 0


def fold_arithmetic(symbol: str, a: Any, b: Any, warn: Warn) -> Any:
    """``a <symbol> b`` for constant operands, as ``Ast::optimizeBinaryOperatorArithmetic`` folds
    it: integer operands use exact 64-bit integer arithmetic while the result fits (so large
    integers keep their precision), otherwise doubles; a result that is not finite is null with
    warning 1504 (``number out of range``), a division by zero null with warning 1562."""
    l, r = _cast_constant(a), _cast_constant(b)
    if type(l) is int and type(r) is int:
        result: int | None = None
        if symbol == "+":
            result = l + r
        elif symbol == "-":
            result = l - r
        elif symbol == "*":
            result = l * r
        elif symbol == "/":
            if r == 0:
                warn(DIVISION_BY_ZERO, None)
                return None
            if r in (1, -1):
                result = l * r
        else:
            if r == 0:
                warn(DIVISION_BY_ZERO, None)
                return None
            result = abs(l) % abs(r) * (-1 if l < 0 else 1)
        if result is not None and _INT64_MIN <= result <= _INT64_MAX:
            return result
    x, y = float(l), float(r)
    if symbol == "+":
        value = x + y
    elif symbol == "-":
        value = x - y
    elif symbol == "*":
        value = x * y
    elif symbol == "/":
        if y == 0.0:
            warn(DIVISION_BY_ZERO, None)
            return None
        value = x / y
    else:
        if y == 0.0:
            warn(DIVISION_BY_ZERO, None)
            return None
        value = math.fmod(x, y)
    if not math.isfinite(value):
        warn(NUMBER_OUT_OF_RANGE, None)
        return None
    return number(value)
