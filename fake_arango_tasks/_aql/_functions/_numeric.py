"""Numeric functions (docs-hugo ``aql/functions/numeric.md``; arangod ``Aql/Functions.cpp``
``Floor`` ... ``Pi``, ``Rand``, ``Range``; ``AqlFunctionFeature::addNumericFunctions``).

Every argument is converted with ``AqlValue::toDouble`` (``TO_NUMBER()``'s rules, no warning);
results that are NaN or infinite become null (``numberValue(x, true)``).
"""

from __future__ import annotations

import math
from typing import Any, Callable

from . import FunctionContext
from ._support import define, nullable_number, numeric, warn_type


def _unary(name: str, op: Callable[[float], float]) -> None:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        try:
            return nullable_number(op(numeric(args[0])))
        except (ValueError, OverflowError):
            return None  # a domain error is NaN (or ±inf) in C++: null

    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = f"``{name}(value)``: {op.__doc__ or name.lower()} of the value as a number; NaN/inf null."
    define(name, ".")(impl)


def _round(x: float) -> float:
    """round half up (``std::floor(x + 0.5)``)"""
    return math.floor(x + 0.5) if math.isfinite(x) else x


def _floor(x: float) -> float:
    """floor"""
    return math.floor(x) if math.isfinite(x) else x


def _ceil(x: float) -> float:
    """ceiling"""
    return math.ceil(x) if math.isfinite(x) else x


def _sqrt(x: float) -> float:
    """square root"""
    return math.sqrt(x) if x >= 0 else math.nan


def _log(base: Callable[[float], float]) -> Callable[[float], float]:
    def op(x: float) -> float:
        if x == 0:
            return -math.inf
        return base(x) if x > 0 else math.nan

    op.__doc__ = "logarithm"
    return op


def _exp(x: float) -> float:
    """e to the power"""
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def _exp2(x: float) -> float:
    """2 to the power"""
    try:
        return float(2.0 ** x)
    except OverflowError:
        return math.inf


for _name, _op in (("FLOOR", _floor), ("CEIL", _ceil), ("ROUND", _round), ("ABS", abs), ("SQRT", _sqrt),
                   ("LOG", _log(math.log)), ("LOG2", _log(math.log2)), ("LOG10", _log(math.log10)),
                   ("EXP", _exp), ("EXP2", _exp2), ("SIN", math.sin), ("COS", math.cos), ("TAN", math.tan),
                   ("ASIN", math.asin), ("ACOS", math.acos), ("ATAN", math.atan),
                   ("RADIANS", lambda x: x * (math.pi / 180.0)), ("DEGREES", lambda x: x * (180.0 / math.pi))):
    _unary(_name, _op)


@define("POW", ".,.")
def pow_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``POW(base, exp)`` (``std::pow``): NaN and infinite results are null."""
    base, exp = numeric(args[0]), numeric(args[1])
    try:
        return nullable_number(math.pow(base, exp))
    except (ValueError, OverflowError):
        return None


@define("ATAN2", ".,.")
def atan2(ctx: FunctionContext, args: list[Any]) -> Any:
    """``ATAN2(y, x)`` (``std::atan2``)."""
    return nullable_number(math.atan2(numeric(args[0]), numeric(args[1])))


@define("PI", "")
def pi(ctx: FunctionContext, args: list[Any]) -> float:
    """``PI()``: ``std::acos(-1.0)``."""
    return math.pi


@define("RAND", "", deterministic=False)
def rand(ctx: FunctionContext, args: list[Any]) -> Any:
    """``RAND()``: a number in [0, 1) from the query's seeded random stream."""
    return nullable_number(ctx.random())


_MAX_RANGE = 10_000_000


@define("RANGE", ".,.|.")
def range_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``RANGE(start, stop, step)`` (``Functions::Range``): without a step (or a null step)
    the integers from ``start`` to ``stop`` (both truncated toward zero), counting down when
    ``stop`` is smaller; with a step, doubles from ``start`` while not past ``stop``. A zero
    step or one pointing away from ``stop``: warning 1542 and null."""
    start, stop = numeric(args[0]), numeric(args[1])
    if len(args) < 3 or args[2] is None:
        low, high = _trunc(start), _trunc(stop)
        step_int = 1 if high >= low else -1
        _check_size(abs(high - low) + 1)
        return list(range(low, high + step_int, step_int))
    step = numeric(args[2])
    if step == 0 or (start < stop and step < 0) or (start > stop and step > 0) or math.isnan(step):
        warn_type(ctx, "RANGE")
        return None
    _check_size(int(abs((stop - start) / step)) + 1 if math.isfinite(stop - start) else _MAX_RANGE + 1)
    out: list[Any] = []
    value = start
    if step < 0:
        while value >= stop:
            out.append(nullable_number(value))
            value += step
    else:
        while value <= stop:
            out.append(nullable_number(value))
            value += step
    return out


def _trunc(value: float) -> int:
    if not math.isfinite(value):
        return 0
    return int(value)


def _check_size(count: int) -> None:
    """``Range::throwIfTooBigForMaterialization``: more than 10 million values is an error."""
    if count > _MAX_RANGE:
        from ..._errors import ArangoError

        raise ArangoError(32, "resource limit exceeded: range with more than 10000000 elements not allowed", 400)


