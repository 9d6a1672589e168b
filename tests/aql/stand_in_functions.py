"""Test-only stand-ins for the library functions the language tests call (LENGTH, CONCAT, LIKE,
REGEX_TEST, ...), registered into ``FUNCTIONS`` only under names the function library has not
registered, so that the real implementations win once both branches are merged. Each mirrors
docs-hugo ``aql/functions/*.md`` for the inputs the language cases use, no more."""

from __future__ import annotations

import re
from typing import Any, Callable

import fake_arango_tasks._aql  # noqa: F401  (imports the library's families first)
from fake_arango_tasks._aql._functions import FUNCTIONS, Function, FunctionContext
from fake_arango_tasks._aql._values import to_string

Impl = Callable[[FunctionContext, list[Any]], Any]


def _like(ctx: FunctionContext, args: list[Any]) -> Any:
    text, pattern = to_string(args[0]), to_string(args[1])
    regex = ""
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            regex += re.escape(pattern[i + 1])
            i += 2
            continue
        regex += ".*" if c == "%" else "." if c == "_" else re.escape(c)
        i += 1
    return re.fullmatch(regex, text, re.S | (re.I if len(args) > 2 and args[2] else 0)) is not None


def _length(ctx: FunctionContext, args: list[Any]) -> Any:
    v = args[0]
    if v is None:
        return 0
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, (list, dict)):
        return len(v)
    return len(to_string(v))


def _fail(ctx: FunctionContext, args: list[Any]) -> Any:
    from fake_arango_tasks._errors import ArangoError

    raise ArangoError(1569, f"FAIL({to_string(args[0]) if args else ''}) called")


def _document(ctx: FunctionContext, args: list[Any]) -> Any:
    name, _, key = to_string(args[0]).partition("/")
    storage = ctx.storage
    return storage.collection(name).get(key) if storage.has_collection(name) else None


_FUNCTIONS: dict[str, tuple[int, int, Impl, bool]] = {
    "DOCUMENT": (1, 2, _document, False),
    "LENGTH": (1, 1, _length, True),
    "COUNT": (1, 1, _length, True),
    "CONCAT": (1, -1, lambda ctx, a: "".join(to_string(x) for x in a), True),
    "LIKE": (2, 3, _like, True),
    "REGEX_TEST": (2, 3, lambda ctx, a: re.search(to_string(a[1]), to_string(a[0])) is not None, True),
    "TO_STRING": (1, 1, lambda ctx, a: to_string(a[0]), True),
    "UPPER": (1, 1, lambda ctx, a: to_string(a[0]).upper(), True),
    "NOOPT": (1, 1, lambda ctx, a: a[0], False),
    "FAIL": (0, 1, _fail, False),
    "MERGE": (1, -1, lambda ctx, a: {k: v for d in a for k, v in d.items()}, True),
    "KEEP": (2, -1, lambda ctx, a: {k: v for k, v in a[0].items() if k in a[1:]}, True),
    "CONTAINS": (2, 3, lambda ctx, a: to_string(a[1]) in to_string(a[0]), True),
    "FLOOR": (1, 1, lambda ctx, a: int(a[0] // 1), True),
    "DATE_NOW": (0, 0, lambda ctx, a: ctx.now_ms(), False),
    "RAND": (0, 0, lambda ctx, a: ctx.random(), False),
    "SUM": (1, 1, lambda ctx, a: sum(x for x in a[0] if x is not None), True),
    "MIN": (1, 1, lambda ctx, a: min((x for x in a[0] if x is not None), default=None), True),
    "MAX": (1, 1, lambda ctx, a: max((x for x in a[0] if x is not None), default=None), True),
    "AVERAGE": (1, 1, lambda ctx, a: sum(a[0]) / len(a[0]) if a[0] else None, True),
    "UNIQUE": (1, 1, lambda ctx, a: list(dict.fromkeys(a[0])), True),
    "WARN_TEST": (1, 1, lambda ctx, a: ctx.warn(1562) or a[0], False),
    "HAS": (2, 2, lambda ctx, a: isinstance(a[0], dict) and to_string(a[1]) in a[0], True),
    "IS_STRING": (1, 1, lambda ctx, a: isinstance(a[0], str), True),
    "IS_NULL": (1, 1, lambda ctx, a: a[0] is None, True),
    "ATTRIBUTES_TEST": (1, 1, lambda ctx, a: list(a[0]), True),
}


def register_test_functions() -> None:
    """Register each stand-in whose name the library has not taken."""
    for name, (low, high, impl, deterministic) in _FUNCTIONS.items():
        if name not in FUNCTIONS:
            FUNCTIONS[name] = Function(name, low, high, impl, deterministic)
