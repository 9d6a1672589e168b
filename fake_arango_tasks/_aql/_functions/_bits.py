"""Bit functions (docs-hugo ``aql/functions/bit.md``; arangod ``Aql/Functions.cpp``
``handleBitOperation``, ``BitNegate`` ... ``BitFromString``): unsigned 32-bit values, a
non-number or a number outside 0..2^32-1 is warning 1542 and null."""

from __future__ import annotations

import math
from typing import Any, Callable

from . import FunctionContext
from ._support import define, is_number, warn_type

_MAX_VALUE = 2**32 - 1
_MAX_BITS = 32


def _bit_value(value: Any) -> int | None:
    """``bitOperationValue``: a number in 0..2^32-1 (truncated), else ``None``."""
    if not is_number(value) or not math.isfinite(value) or value < 0:
        return None
    result = int(value)
    return result if result <= _MAX_VALUE else None


def _fold(name: str, op: Callable[[int, int], int]) -> None:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        if len(args) == 2:
            a, b = _bit_value(args[0]), _bit_value(args[1])
            if a is None or b is None:
                warn_type(ctx, name)
                return None
            return op(a, b)
        values = args[0]
        if not isinstance(values, list):
            warn_type(ctx, name)
            return None
        result: int | None = None
        for item in values:
            if item is None:
                continue
            current = _bit_value(item)
            if current is None:
                warn_type(ctx, name)
                return None
            result = current if result is None else op(result, current)
        return result

    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = (f"``{name}(numbersArray)`` / ``{name}(value1, value2)``: the bitwise fold over the numbers "
                    "(nulls skipped; no numbers: null).")
    define(name, ".|.")(impl)


_fold("BIT_AND", lambda a, b: a & b)
_fold("BIT_OR", lambda a, b: a | b)
_fold("BIT_XOR", lambda a, b: a ^ b)


def _pair(args: list[Any]) -> tuple[int, int] | None:
    """``binaryBitFunctionParameters``: two bit values, the second at most 32."""
    a, b = _bit_value(args[0]), _bit_value(args[1])
    if a is None or b is None or b > _MAX_BITS:
        return None
    return a, b


@define("BIT_NEGATE", ".,.")
def bit_negate(ctx: FunctionContext, args: list[Any]) -> Any:
    """``BIT_NEGATE(value, bits)``: the lowest ``bits`` bits of ``~value``."""
    pair = _pair(args)
    if pair is None:
        warn_type(ctx, "BIT_NEGATE")
        return None
    value, width = pair
    return ~value & ((1 << width) - 1)


@define("BIT_TEST", ".,.")
def bit_test(ctx: FunctionContext, args: list[Any]) -> Any:
    """``BIT_TEST(value, index)``: whether bit ``index`` (0..31) is set."""
    pair = _pair(args)
    if pair is None or pair[1] >= _MAX_BITS:
        warn_type(ctx, "BIT_TEST")
        return None
    return bool(pair[0] & (1 << pair[1]))


@define("BIT_POPCOUNT", ".")
def bit_popcount(ctx: FunctionContext, args: list[Any]) -> Any:
    """``BIT_POPCOUNT(value)``: the number of set bits."""
    value = _bit_value(args[0])
    if value is None:
        warn_type(ctx, "BIT_POPCOUNT")
        return None
    return bin(value).count("1")


def _shift(name: str, left: bool) -> None:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        pair = _pair(args)
        width = _bit_value(args[2])
        if pair is None or width is None or width > _MAX_BITS:
            warn_type(ctx, name)
            return None
        value, shift = pair
        shifted = value << shift if left else value >> shift
        return shifted & ((1 << width) - 1)

    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = f"``{name}(value, shift, bits)``: the shifted value masked to its lowest ``bits`` bits."
    define(name, ".,.,.")(impl)


_shift("BIT_SHIFT_LEFT", True)
_shift("BIT_SHIFT_RIGHT", False)


@define("BIT_CONSTRUCT", ".")
def bit_construct(ctx: FunctionContext, args: list[Any]) -> Any:
    """``BIT_CONSTRUCT(positionsArray)``: the number with the bits at the positions (0..31) set."""
    positions = args[0]
    if not isinstance(positions, list):
        warn_type(ctx, "BIT_CONSTRUCT")
        return None
    result = 0
    for item in positions:
        position = _bit_value(item)
        if position is None or position >= _MAX_BITS:
            warn_type(ctx, "BIT_CONSTRUCT")
            return None
        result |= 1 << position
    return result


@define("BIT_DECONSTRUCT", ".")
def bit_deconstruct(ctx: FunctionContext, args: list[Any]) -> Any:
    """``BIT_DECONSTRUCT(value)``: the positions of the set bits, ascending."""
    value = _bit_value(args[0])
    if value is None:
        warn_type(ctx, "BIT_DECONSTRUCT")
        return None
    return [i for i in range(_MAX_BITS) if value & (1 << i)]


@define("BIT_TO_STRING", ".,.")
def bit_to_string(ctx: FunctionContext, args: list[Any]) -> Any:
    """``BIT_TO_STRING(value, bits)``: the lowest ``bits`` bits as a string of 0 and 1."""
    pair = _pair(args)
    if pair is None:
        warn_type(ctx, "BIT_TO_STRING")
        return None
    value, width = pair
    return "".join("1" if value & (1 << i) else "0" for i in range(width - 1, -1, -1))


@define("BIT_FROM_STRING", ".")
def bit_from_string(ctx: FunctionContext, args: list[Any]) -> Any:
    """``BIT_FROM_STRING(bitstring)``: the number a string of at most 32 0s and 1s stands for."""
    text = args[0]
    if not isinstance(text, str) or len(text) > _MAX_BITS or any(c not in "01" for c in text):
        warn_type(ctx, "BIT_FROM_STRING")
        return None
    return int(text, 2) if text else 0
