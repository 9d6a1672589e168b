"""What every function family shares: registration from ArangoDB's argument signatures, its
two warning shapes, and its argument conversions (arangod ``Aql/Functions.cpp`` helpers,
``Aql/Function.cpp``)."""

from __future__ import annotations

import math
from typing import Any, Callable

from ..._errors import ERRORS, ArangoError
from .._values import number, string_to_number, to_number, to_string, type_rank
from . import FUNCTIONS, Function, FunctionContext, register

__all__ = ["Impl", "define", "alias", "arity", "warn_type", "warn", "fail", "to_int64", "to_double", "numeric",
           "stringify", "text_of", "is_number", "is_null", "nullable_number", "bool_arg"]

Impl = Callable[[FunctionContext, list[Any]], Any]

TYPE_MISMATCH = 1542
ARRAY_EXPECTED = 1563
INVALID_ARITHMETIC = 1561
INVALID_DATE = 1572
INVALID_REGEX = 1543


def arity(signature: str) -> tuple[int, int]:
    """``(min, max)`` arguments of an ArangoDB signature string (``Function::initializeArguments``
    in ``Aql/Function.cpp``): ``.``/``h``/``c`` one argument, ``,`` the next, ``|`` the start of
    the optional ones, ``+`` any number more (max ``-1``).

    >>> arity(".,.|.,.")
    (2, 4)
    >>> arity(".|+")
    (1, -1)
    """
    minimum = maximum = 0
    optional = found = False
    for char in signature:
        if char == "|":
            if found:
                minimum += 1
                maximum += 1
            optional, found = True, False
        elif char == ",":
            if not optional:
                minimum += 1
            maximum += 1
            found = False
        elif char == "+":
            return minimum, -1
        elif char in ".hc":
            found = True
        else:
            raise ValueError(f"bad AQL function signature {signature!r}")
    if found:
        if not optional:
            minimum += 1
        maximum += 1
    return minimum, maximum


def define(name: str, signature: str, *, deterministic: bool = True) -> Callable[[Impl], Impl]:
    """Decorator: register ``impl`` as AQL function ``name`` with the argument counts of
    ArangoDB's ``signature`` in ``Aql/AqlFunctionFeature.cpp`` (see :func:`arity`)."""
    minimum, maximum = arity(signature)
    return register(name, minimum, maximum, deterministic=deterministic)


def alias(name: str, original: str) -> None:
    """``AqlFunctionFeature::addAlias``: ``name`` is ``original`` under another name."""
    base = FUNCTIONS[original]
    FUNCTIONS[name] = Function(name, base.min_args, base.max_args, base.impl, base.deterministic)


def warn_type(ctx: FunctionContext, name: str) -> None:
    """``registerInvalidArgumentWarning``: warning 1542 ``invalid argument type in call to
    function 'NAME()'``."""
    ctx.warn(TYPE_MISMATCH, f"invalid argument type in call to function '{name}()'")


def warn(ctx: FunctionContext, name: str, code: int, detail: str | None = None) -> None:
    """``registerWarning(ctx, NAME, code)``: 1542 (and 1541) as :func:`warn_type`, any other code
    as ``in function 'NAME()': <default message or detail>``."""
    if code == TYPE_MISMATCH and detail is None:
        warn_type(ctx, name)
        return
    message = detail if detail is not None else ERRORS[code].message
    ctx.warn(code, f"in function '{name}()': {message}")


def fail(code: int, name: str) -> ArangoError:
    """The error ``THROW_ARANGO_EXCEPTION_PARAMS(code, NAME)`` raises (1542: ``invalid argument
    type in call to function 'NAME()'``), to be raised by the caller."""
    template = ERRORS[code].message
    return ArangoError(code, template.replace("%s", name, 1), ERRORS[code].status)


def is_null(value: Any) -> bool:
    return value is None


def is_number(value: Any) -> bool:
    """``AqlValue::isNumber``: an int or float, never a bool."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def numeric(value: Any) -> float:
    """``AqlValue::toDouble`` as a float (may be infinite or NaN for ``"inf"``/``"nan"``)."""
    return float(to_number(value))


def to_double(value: Any) -> tuple[float, bool]:
    """``AqlValue::toDouble(failed)``: ``(value, failed)``; null, bools, numbers, numeric or
    blank strings, empty arrays and one-element arrays of those convert, the rest fail (0)."""
    rank = type_rank(value)
    if rank <= 2:
        return float(to_number(value)), False
    if rank == 3:
        parsed, failed = string_to_number(value)
        return parsed, failed
    if rank == 4 and len(value) <= 1:
        return to_double(value[0]) if value else (0.0, False)
    return 0.0, True


def to_int64(value: Any) -> int:
    """``AqlValue::toInt64``: numbers truncated toward zero, booleans 0/1, a string read with
    ``std::stoll`` (leading digits; else 0), a one-element array its element's, else 0."""
    rank = type_rank(value)
    if rank == 1:
        return 1 if value else 0
    if rank == 2:
        if isinstance(value, int):
            return value
        if not math.isfinite(value):
            return 0 if math.isnan(value) else (2**63 - 1 if value > 0 else -(2**63))
        return int(value)
    if rank == 3:
        return _stoll(value)
    if rank == 4 and len(value) == 1:
        return to_int64(value[0])
    return 0


def _stoll(text: str) -> int:
    """``std::stoll(text)``: optional leading whitespace and sign, then decimal digits; 0 when
    there are none (the exception is swallowed by ``toInt64``)."""
    body = text.lstrip(" \t\n\v\f\r")
    sign = 1
    if body[:1] in ("+", "-"):
        sign = -1 if body[0] == "-" else 1
        body = body[1:]
    digits = ""
    for char in body:
        if not "0" <= char <= "9":
            break
        digits += char
    if not digits:
        return 0
    result = sign * int(digits)
    if not -(2**63) <= result < 2**63:
        return 0  # std::out_of_range, swallowed
    return result


def stringify(value: Any) -> str:
    """``Functions::Stringify`` (``appendAsString``): the text functions work on."""
    return to_string(value)


text_of = stringify


def nullable_number(value: float) -> Any:
    """``numberValue(value, true)``: a finite double, NaN/infinity as null."""
    return number(value)


def zero_number(value: float) -> Any:
    """``numberValue(value, false)``: a finite double, NaN/infinity as 0."""
    result = number(value)
    return 0 if result is None else result


def bool_arg(args: list[Any], index: int, default: bool) -> bool:
    """``getBooleanParameter``: argument ``index`` by ``toBoolean``, ``default`` when absent."""
    from .._values import to_bool

    return to_bool(args[index]) if index < len(args) else default


def arg(args: list[Any], index: int) -> Any:
    """``extractFunctionParameterValue``: argument ``index``, or null when absent."""
    return args[index] if index < len(args) else None
