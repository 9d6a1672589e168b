"""Aggregating numeric functions over arrays, vector similarity and decay (docs-hugo
``aql/functions/numeric.md`` and ``array.md``; arangod ``Aql/Functions.cpp`` ``Min`` ...
``Percentile``, ``variance``/``sortNumberList``, ``CosineSimilarity``, ``L1Distance``,
``L2Distance``, ``decayFuncImpl``)."""

from __future__ import annotations

import math
from typing import Any, Callable

from .._values import compare
from . import FunctionContext
from ._support import (ARRAY_EXPECTED, INVALID_ARITHMETIC, alias, define, is_number, nullable_number,
                       warn, warn_type, zero_number)


def _array(ctx: FunctionContext, name: str, value: Any) -> list[Any] | None:
    """``value`` when it is an array; else warning 1563 ``array expected`` and ``None``."""
    if isinstance(value, list):
        return value
    warn(ctx, name, ARRAY_EXPECTED)
    return None


@define("MIN", ".")
def min_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``MIN(anyArray)``: the smallest non-null element in AQL's value order; null for none."""
    values = _array(ctx, "MIN", args[0])
    if values is None:
        return None
    best: Any = None
    for item in values:
        if item is not None and (best is None or compare(item, best) < 0):
            best = item
    return best


@define("MAX", ".")
def max_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``MAX(anyArray)``: the greatest element in AQL's value order; null for an empty array."""
    values = _array(ctx, "MAX", args[0])
    if values is None:
        return None
    best: Any = None
    found = False
    for item in values:
        if not found or compare(item, best) > 0:
            best, found = item, True
    return best


def _finite_numbers(values: list[Any]) -> list[float] | None:
    """The numbers of ``values`` (nulls skipped), or ``None`` if there is a non-number."""
    out: list[float] = []
    for item in values:
        if item is None:
            continue
        if not is_number(item):
            return None
        out.append(item)
    return out


@define("SUM", ".")
def sum_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SUM(numArray)``: the sum of the numbers (nulls skipped); any other element: null
    without a warning; not an array: warning 1563 and null."""
    values = _array(ctx, "SUM", args[0])
    if values is None:
        return None
    numbers = _finite_numbers(values)
    if numbers is None:
        return None
    total = 0.0
    for item in numbers:
        total += item
    return zero_number(total)


@define("AVERAGE", ".")
def average(ctx: FunctionContext, args: list[Any]) -> Any:
    """``AVERAGE(numArray)`` (alias ``AVG``): the mean of the numbers (nulls skipped), null for
    none; a non-number element or a non-array: warning 1563 and null."""
    values = _array(ctx, "AVERAGE", args[0])
    if values is None:
        return None
    numbers = _finite_numbers(values)
    if numbers is None:
        warn(ctx, "AVERAGE", ARRAY_EXPECTED)
        return None
    if not numbers:
        return None
    total = 0.0
    for item in numbers:
        total += item
    return zero_number(total / len(numbers))


alias("AVG", "AVERAGE")


@define("PRODUCT", ".")
def product(ctx: FunctionContext, args: list[Any]) -> Any:
    """``PRODUCT(numArray)``: the product of the numbers (nulls skipped; empty: 1); any other
    element: null; not an array: warning 1563 and null."""
    values = _array(ctx, "PRODUCT", args[0])
    if values is None:
        return None
    numbers = _finite_numbers(values)
    if numbers is None:
        return None
    result = 1.0
    for item in numbers:
        result *= item
    return zero_number(result)


def _sorted_numbers(ctx: FunctionContext, name: str, value: Any) -> list[float] | None:
    values = _array(ctx, name, value)
    if values is None:
        return None
    numbers = _finite_numbers(values)
    if numbers is None:
        warn(ctx, name, INVALID_ARITHMETIC)
        return None
    return sorted(float(n) for n in numbers)


@define("MEDIAN", ".")
def median(ctx: FunctionContext, args: list[Any]) -> Any:
    """``MEDIAN(numArray)``: the middle number (mean of the two middle ones); null for none; a
    non-number element: warning 1561 and null."""
    numbers = _sorted_numbers(ctx, "MEDIAN", args[0])
    if not numbers:
        return None
    mid = len(numbers) // 2
    if len(numbers) % 2 == 0:
        return nullable_number((numbers[mid - 1] + numbers[mid]) / 2)
    return nullable_number(numbers[mid])


@define("PERCENTILE", ".,.|.")
def percentile(ctx: FunctionContext, args: list[Any]) -> Any:
    """``PERCENTILE(numArray, n, method)`` (``Functions::Percentile``): the ``n``-th percentile
    (0 < n <= 100) by ``"rank"`` (default) or ``"interpolation"``. A bad ``n`` or method:
    warning 1542 and null; non-numbers: warning 1561 and null."""
    if _array(ctx, "PERCENTILE", args[0]) is None:
        return None
    border = args[1]
    if not is_number(border) or not 0 < border <= 100:
        warn_type(ctx, "PERCENTILE")
        return None
    interpolate = False
    if len(args) == 3:
        if args[2] not in ("interpolation", "rank"):
            warn_type(ctx, "PERCENTILE")
            return None
        interpolate = args[2] == "interpolation"
    numbers = _sorted_numbers(ctx, "PERCENTILE", args[0])
    if not numbers:
        return None
    count = len(numbers)
    if count == 1:
        return nullable_number(numbers[0])
    p = float(border)
    if interpolate:
        idx = p * (count + 1) / 100.0
        pos = math.floor(idx)
        if pos >= count:
            return nullable_number(numbers[-1])
        if pos <= 0:
            return None
        delta = idx - pos
        return nullable_number(delta * (numbers[pos] - numbers[pos - 1]) + numbers[pos - 1])
    pos = math.ceil(p * count / 100.0)
    if pos >= count:
        return nullable_number(numbers[-1])
    if pos <= 0:
        return None
    return nullable_number(numbers[pos - 1])


def _variance(ctx: FunctionContext, name: str, value: Any) -> tuple[float, int] | None:
    """Welford's running variance (``::variance``): (sum of squared deviations, count)."""
    values = _array(ctx, name, value)
    if values is None:
        return None
    numbers = _finite_numbers(values)
    if numbers is None:
        warn(ctx, name, INVALID_ARITHMETIC)
        return None
    mean = m2 = 0.0
    count = 0
    for item in numbers:
        count += 1
        delta = item - mean
        mean += delta / count
        m2 += delta * (item - mean)
    return m2, count


def _spread(name: str, sample: bool, root: bool) -> None:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        result = _variance(ctx, name, args[0])
        if result is None:
            return None
        m2, count = result
        divisor = count - 1 if sample else count
        if divisor < 1:
            return None
        value = m2 / divisor
        return nullable_number(math.sqrt(value) if root else value)

    kind = "sample" if sample else "population"
    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = (f"``{name}(numArray)``: the {kind} {'standard deviation' if root else 'variance'} of the "
                    f"numbers (nulls skipped); fewer than {2 if sample else 1}: null; a non-number: warning 1561.")
    define(name, ".")(impl)


_spread("VARIANCE_SAMPLE", True, False)
_spread("VARIANCE_POPULATION", False, False)
alias("VARIANCE", "VARIANCE_POPULATION")
_spread("STDDEV_SAMPLE", True, True)
_spread("STDDEV_POPULATION", False, True)
alias("STDDEV", "STDDEV_POPULATION")


def _vector_function(name: str, measure: Callable[[FunctionContext, list[float], list[float]], Any]) -> None:
    """``DistanceImpl``: two equally long numeric arrays, or a matrix (array of arrays) and an
    array (result: one value per row)."""

    def pairwise(ctx: FunctionContext, a: list[Any], b: list[Any]) -> Any:
        if len(a) != len(b):
            warn_type(ctx, name)
            return None
        if not all(is_number(x) for x in a) or not all(is_number(x) for x in b):
            warn_type(ctx, name)
            return None
        return measure(ctx, a, b)

    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        lhs, rhs = args[0], args[1]
        if not isinstance(lhs, list) or not isinstance(rhs, list) or not lhs or not rhs:
            warn_type(ctx, name)
            return None
        if isinstance(lhs[0], list) or isinstance(rhs[0], list):
            matrix, vector = (lhs, rhs) if isinstance(lhs[0], list) else (rhs, lhs)
            out = []
            for row in matrix:
                if not isinstance(row, list):
                    warn_type(ctx, name)
                    return None
                value = pairwise(ctx, row, vector)
                if value is None:
                    return None
                out.append(value)
            return out
        return pairwise(ctx, lhs, rhs)

    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = (f"``{name}(x, y)``: see docs-hugo ``aql/functions/vector.md``/``numeric.md``; x or y may be a "
                    "matrix (one result per row); unequal lengths or non-numbers: warning 1542 and null.")
    define(name, ".,.")(impl)


def _cosine(ctx: FunctionContext, a: list[float], b: list[float]) -> Any:
    dot = sum_a = sum_b = 0.0
    for x, y in zip(a, b):
        dot += x * y
        sum_a += x * x
        sum_b += y * y
    denominator = math.sqrt(sum_a) * math.sqrt(sum_b)
    if denominator == 0:
        warn(ctx, "COSINE_SIMILARITY", INVALID_ARITHMETIC)
        return None
    return nullable_number(dot / denominator)


def _l1(ctx: FunctionContext, a: list[float], b: list[float]) -> Any:
    total = 0.0
    for x, y in zip(a, b):
        total += abs(x - y)
    return nullable_number(total)


def _l2(ctx: FunctionContext, a: list[float], b: list[float]) -> Any:
    total = 0.0
    for x, y in zip(a, b):
        total += (x - y) ** 2
    return nullable_number(math.sqrt(total))


_vector_function("COSINE_SIMILARITY", _cosine)
_vector_function("L1_DISTANCE", _l1)
_vector_function("L2_DISTANCE", _l2)


def _decay(name: str, factory: Callable[[float, float, float, float], Callable[[float], float]]) -> None:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        value, origin, scale, offset, decay = args[:5]
        if not (is_number(value) or isinstance(value, list)) or not all(
                is_number(x) for x in (origin, scale, offset, decay)):
            warn_type(ctx, name)
            return None
        if scale <= 0 or offset < 0 or decay <= 0 or decay >= 1:
            warn(ctx, name, 1504)
            return None
        func = factory(float(origin), float(scale), float(offset), float(decay))
        if is_number(value):
            return nullable_number(func(float(value)))
        if not all(is_number(x) for x in value):
            warn_type(ctx, name)
            return None
        return [nullable_number(func(float(x))) for x in value]

    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = (f"``{name}(value, origin, scale, offset, decay)`` (``decayFuncImpl``): the decay score of a "
                    "number or of each number of an array; scale <= 0, offset < 0 or decay outside (0, 1): "
                    "warning 1504 and null.")
    define(name, ".,.,.,.,.,")(impl)


def _gauss(origin: float, scale: float, offset: float, decay: float) -> Callable[[float], float]:
    sigma_sqr = -(scale * scale) / (2 * math.log(decay))
    return lambda x: math.exp(-(max(0.0, abs(x - origin) - offset) ** 2) / (2 * sigma_sqr))


def _exponential(origin: float, scale: float, offset: float, decay: float) -> Callable[[float], float]:
    lam = math.log(decay) / scale
    return lambda x: math.exp(lam * max(0.0, abs(x - origin) - offset))


def _linear(origin: float, scale: float, offset: float, decay: float) -> Callable[[float], float]:
    s = scale / (1.0 - decay)
    return lambda x: max((s - max(0.0, abs(x - origin) - offset)) / s, 0.0)


_decay("DECAY_GAUSS", _gauss)
_decay("DECAY_EXP", _exponential)
_decay("DECAY_LINEAR", _linear)
