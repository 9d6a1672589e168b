"""Miscellaneous functions (docs-hugo ``aql/functions/miscellaneous.md``; arangod
``Aql/Functions.cpp`` ``Passthru``, ``NotNull``, ``FirstList``, ``FirstDocument``, ``Sleep``,
``Fail``, ``Assert``, ``Warn``, ``Version``, ``CurrentDatabase``, ``CurrentUser``, ``Hash``,
``InRange``, ``Call``/``Apply``/``callApplyBackend``)."""

from __future__ import annotations

import hashlib
from typing import Any

from ..._errors import ERRORS, ArangoError
from .._values import compare, json_text, to_bool
from . import FUNCTIONS, FunctionContext
from ._support import define, is_number, stringify, warn_type


@define("PASSTHRU", ".")
def passthru(ctx: FunctionContext, args: list[Any]) -> Any:
    """``PASSTHRU(value)``: ``value`` unchanged."""
    return args[0]


@define("NOOPT", ".", deterministic=False)
def noopt(ctx: FunctionContext, args: list[Any]) -> Any:
    """``NOOPT(value)``: ``value`` unchanged, never folded at compile time."""
    return args[0]


@define("NOEVAL", ".")
def noeval(ctx: FunctionContext, args: list[Any]) -> Any:
    """``NOEVAL(value)``: ``value`` unchanged (arangod: not evaluated at compile time)."""
    return args[0]


@define("V8", ".")
def v8(ctx: FunctionContext, args: list[Any]) -> Any:
    """``V8(expression)``: the expression's value (arangod evaluates it in V8, which gives the
    same value for the expressions AQL can write)."""
    return args[0]


@define("NOT_NULL", ".|+")
def not_null(ctx: FunctionContext, args: list[Any]) -> Any:
    """``NOT_NULL(alternative, ...)``: the first argument that is not null, else null."""
    return next((a for a in args if a is not None), None)


@define("FIRST_LIST", ".|+")
def first_list(ctx: FunctionContext, args: list[Any]) -> Any:
    """``FIRST_LIST(alternative, ...)``: the first argument that is an array, else null."""
    return next((a for a in args if isinstance(a, list)), None)


@define("FIRST_DOCUMENT", ".|+")
def first_document(ctx: FunctionContext, args: list[Any]) -> Any:
    """``FIRST_DOCUMENT(alternative, ...)``: the first argument that is an object, else null."""
    return next((a for a in args if isinstance(a, dict)), None)


@define("SLEEP", ".", deterministic=False)
def sleep(ctx: FunctionContext, args: list[Any]) -> None:
    """``SLEEP(seconds)``: consume ``seconds`` of the query's (fake) time; null. A non-number
    or a negative number: warning 1542."""
    seconds = args[0]
    if not is_number(seconds) or seconds < 0:
        warn_type(ctx, "SLEEP")
        return None
    ctx.sleep(float(seconds))
    return None


@define("FAIL", "|.", deterministic=False)
def fail_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``FAIL(reason)``: abort the query.

    Raises:
        ArangoError: 1569 with ``reason`` as the message when it is a string, else
            ``FAIL() called``.
    """
    reason = args[0] if args else None
    status = ERRORS[1569].status
    if isinstance(reason, str):
        raise ArangoError(1569, reason, status)
    raise ArangoError(1569, "FAIL() called", status)


@define("ASSERT", ".,.", deterministic=False)
def assert_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``ASSERT(expr, message)``: true when ``expr`` is truthy; a non-string message: warning
    1542 and null.

    Raises:
        ArangoError: 1593 with ``message`` when ``expr`` is falsy (``registerError``).
    """
    if not isinstance(args[1], str):
        warn_type(ctx, "ASSERT")
        return None
    if not to_bool(args[0]):
        raise ArangoError(1593, args[1], ERRORS[1593].status)
    return True


@define("WARN", ".,.", deterministic=False)
def warn_(ctx: FunctionContext, args: list[Any]) -> Any:
    """``WARN(expr, message)``: true when ``expr`` is truthy, else warning 1594 with ``message``
    and false; a non-string message: warning 1542 and null."""
    if not isinstance(args[1], str):
        warn_type(ctx, "WARN")
        return None
    if not to_bool(args[0]):
        ctx.warn(1594, args[1])
        return False
    return True


@define("VERSION", "")
def version(ctx: FunctionContext, args: list[Any]) -> str:
    """``VERSION()``: the server version the fake claims (``"3.12.4"`` by default)."""
    return ctx.version


@define("CURRENT_DATABASE", "")
def current_database(ctx: FunctionContext, args: list[Any]) -> str:
    """``CURRENT_DATABASE()``: the name of the query's database."""
    name: str = ctx.storage.database
    return name


@define("CURRENT_USER", "")
def current_user(ctx: FunctionContext, args: list[Any]) -> Any:
    """``CURRENT_USER()``: the authenticated user's name, null without authentication."""
    return ctx.user or None


@define("HASH", ".")
def hash_(ctx: FunctionContext, args: list[Any]) -> int:
    """``HASH(value)``: a non-negative integer below 2^51, equal for equal values (numbers by
    their double value, objects whatever their attribute order).

    Deviation: arangod hashes the value's velocypack form (``Slice::normalizedHash``), so the
    numbers differ from a real server's; only their properties are the same.
    """
    digest = hashlib.blake2b(json_text(_normal(args[0])).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x0007FFFFFFFFFFFF


def _normal(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return {k: _normal(value[k]) for k in sorted(value)}


@define("IN_RANGE", ".,.,.,.,.")
def in_range(ctx: FunctionContext, args: list[Any]) -> Any:
    """``IN_RANGE(value, low, high, includeLow, includeHigh)``: whether ``value`` lies between
    the bounds in AQL's value order; non-bool flags: warning 1542 and null."""
    value, low, high, include_low, include_high = args
    if not isinstance(include_low, bool) or not isinstance(include_high, bool):
        warn_type(ctx, "IN_RANGE")
        return None
    lower = compare(low, value)
    if lower > 0 or (lower == 0 and not include_low):
        return False
    upper = compare(value, high)
    return upper < 0 or (upper == 0 and include_high)


# Functions a dynamic call may not reach: the calling functions themselves and those that
# need compile-time treatment (collection arguments, no evaluation).
_NOT_DYNAMIC = frozenset({"CALL", "APPLY", "NOOPT", "NOEVAL", "V8", "NEAR", "WITHIN", "WITHIN_RECTANGLE",
                          "FULLTEXT", "COLLECTION_COUNT", "DOCUMENT", "IS_SAME_COLLECTION"})


def _dynamic_call(ctx: FunctionContext, caller: str, target: Any, params: list[Any]) -> Any:
    """``callApplyBackend``: call the built-in function named by the string form of ``target``
    (upper-cased) with ``params``.

    Raises:
        ArangoError: 1540 unknown function; 1541 wrong argument count; 1578 a function that
            cannot be called dynamically; 9 a user-defined (``NS::NAME``) function.
    """
    name = stringify(target).upper()
    if "::" in name:
        raise ArangoError(9, f"not supported by fake-arango-tasks: AQL user-defined function {name}()", 501)
    function = FUNCTIONS.get(name)
    if function is None:
        raise ArangoError(1540, f"usage of unknown function '{name}()'", 400)
    if name in _NOT_DYNAMIC:
        raise ArangoError(1578, f"disallowed dynamic call to '{name}'", 400)
    maximum = function.max_args if function.max_args >= 0 else 65536
    if not function.min_args <= len(params) <= maximum:
        raise ArangoError(1541, f"invalid number of arguments for function '{name}()', expected number of "
                                f"arguments: minimum: {function.min_args}, maximum: {maximum}", 400)
    return function.impl(ctx, params)


@define("CALL", ".|.+", deterministic=False)
def call(ctx: FunctionContext, args: list[Any]) -> Any:
    """``CALL(funcName, arg1, ...)``: the named function applied to the arguments; a
    non-string name: error 1542 (``registerError``)."""
    if not isinstance(args[0], str):
        raise ArangoError(1542, "invalid argument type in call to function 'CALL()'", 400)
    return _dynamic_call(ctx, "CALL", args[0], args[1:])


@define("APPLY", ".|.", deterministic=False)
def apply(ctx: FunctionContext, args: list[Any]) -> Any:
    """``APPLY(funcName, arguments)``: the named function applied to the array's elements; a
    non-string name: error 1542; a non-array: warning 1542 and null."""
    if not isinstance(args[0], str):
        raise ArangoError(1542, "invalid argument type in call to function 'APPLY()'", 400)
    params: list[Any] = []
    if len(args) == 2:
        if not isinstance(args[1], list):
            warn_type(ctx, "APPLY")
            return None
        params = list(args[1])
    return _dynamic_call(ctx, "APPLY", args[0], params)
