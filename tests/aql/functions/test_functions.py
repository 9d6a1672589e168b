"""Runs the function cases (``cases_*.py``) by calling the implementations directly, until the
engine is merged: ``RETURN NAME(literal, ...)`` is read by a tiny literal reader, the function
looked up in ``FUNCTIONS``, its argument count checked as the engine does (1541), and the
result, warnings and error compared with ArangoDB's. Every case runs through the engine too, as
do the cases that need it (variables, nested calls, ``FOR``: each module's ``ENGINE_CASES``)."""

from __future__ import annotations

import random
import re
from typing import Any, Iterator

import pytest

from fake_arango_tasks._aql._functions import FUNCTIONS
from fake_arango_tasks._errors import ArangoError
from fake_arango_tasks._json import dumps
from tests.aql.case import MISSING, AqlCase
from tests.aql.test_cases import check_case

from . import (
    cases_arrays,
    cases_dates,
    cases_misc,
    cases_numeric,
    cases_objects,
    cases_strings,
    cases_types,
)
from .stubs import StubContext

MODULES = (cases_arrays, cases_dates, cases_misc, cases_numeric, cases_objects, cases_strings, cases_types)
CASES = [c for m in MODULES for c in m.CASES]
ENGINE_CASES = [c for m in MODULES for c in getattr(m, "ENGINE_CASES", [])]

_TOKEN = re.compile(r"""\s*(?:(?P<num>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
                    r"""|(?P<word>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[\[\]{}(),:]))""")
_ESC = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "/": "/", "\\": "\\", '"': '"', "'": "'"}


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    pos, text = 0, text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m, f"cannot read {text[pos:]!r}"
        pos = m.end()
        yield next((k, v) for k, v in m.groupdict().items() if v is not None)


def _literal(tokens: list[tuple[str, str]]) -> Any:
    kind, text = tokens.pop(0)
    if kind == "num":
        value = float(text)
        return int(value) if value.is_integer() and not any(c in text for c in ".eE") else value
    if kind == "str":
        return re.sub(r"\\u([0-9a-fA-F]{4})|\\(.)", lambda m: chr(int(m[1], 16)) if m[1] else _ESC.get(m[2], m[2]), text[1:-1])
    if kind == "word":
        assert text.lower() in ("null", "true", "false"), f"not a literal: {text}"
        return {"null": None, "true": True, "false": False}[text.lower()]
    closing, out = {"[": "]", "{": "}"}[text], ([] if text == "[" else {})
    while tokens[0][1] != closing:
        if isinstance(out, list):
            out.append(_literal(tokens))
        else:
            key = _literal(tokens) if tokens[0][0] != "word" else tokens.pop(0)[1]
            assert tokens.pop(0)[1] == ":"
            out[key] = _literal(tokens)
        if tokens[0][1] == ",":
            tokens.pop(0)
    tokens.pop(0)
    return out


def read_call(query: str) -> tuple[str, list[Any]]:
    """``RETURN NAME(arg, ...)`` -> ``(NAME, args)``; arguments must be literals."""
    m = re.fullmatch(r"\s*RETURN\s+([A-Za-z0-9_:]+)\s*\((.*)\)\s*", query, re.S)
    assert m, f"not a RETURN FN(...) query: {query}"
    tokens, args = list(_tokens(m[2])), []
    while tokens:
        args.append(_literal(tokens))
        if tokens and tokens[0][1] == ",":
            tokens.pop(0)
    return m[1].upper(), args


def evaluate(case: AqlCase) -> tuple[Any, list[tuple[int, str]], tuple[int, str] | None]:
    """``(result, warnings, error)`` of running ``case`` against the function directly."""
    name, args = read_call(case.query)
    ctx = StubContext(case.collections)
    try:
        function = FUNCTIONS.get(name)
        if function is None:
            raise ArangoError(1540, f"usage of unknown function '{name}()'", 400)
        top = function.max_args if function.max_args >= 0 else 65536
        if not function.min_args <= len(args) <= top:
            raise ArangoError(1541, f"invalid number of arguments for function '{name}()', expected number of "
                                    f"arguments: minimum: {function.min_args}, maximum: {top}", 400)
        result = function.impl(ctx, args)
    except ArangoError as exc:
        return MISSING, ctx.warnings, (exc.error_num, exc.message)
    if case.options.get("failOnWarning") and ctx.warnings:
        return MISSING, [], ctx.warnings[0]
    return result, ctx.warnings, None


def _same(expected: Any, actual: Any) -> bool:
    return dumps(expected) == dumps(actual) and type(expected) is type(actual) or (
        dumps(expected) == dumps(actual) and not isinstance(expected, bool) and not isinstance(actual, bool))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.source}|{c.query[:60]}")
def test_case(case: AqlCase) -> None:
    result, warnings, error = evaluate(case)
    if case.error is not None:
        assert error is not None, f"expected error {case.error}, got {result!r}"
        number, message = case.error
        assert error[0] == number
        assert error[1].startswith(message[:-3]) if message.endswith("...") else error[1] == message
        return
    assert error is None, f"unexpected error {error}"
    assert case.expect is not MISSING and len(case.expect) == 1, "function cases return one value"
    assert _same(case.expect[0], result), f"{dumps(result)} != {dumps(case.expect[0])}"
    assert tuple(warnings) == case.warnings


@pytest.mark.parametrize("case", ENGINE_CASES, ids=lambda c: f"{c.source}|{c.query[:60]}")
def test_engine_case(case: AqlCase) -> None:
    check_case(case)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.source}|{c.query[:60]}")
def test_case_through_the_engine(case: AqlCase) -> None:
    """The same cases, parsed and run by the engine (folding, argument checks, warnings)."""
    check_case(case)


def test_reader_reads_aql_literals() -> None:
    name, args = read_call("""RETURN f( 1, -2.5e1, .5, "a\\"b", 'c\\'d', [1, [2]], {a: 1, "b c": null}, true, NULL )""")
    assert (name, args) == ("F", [1, -25.0, 0.5, 'a"b', "c'd", [1, [2]], {"a": 1, "b c": None}, True, None])


def test_stub_random_is_seeded() -> None:
    assert StubContext().random() == StubContext().random() == random.Random(0).random()
