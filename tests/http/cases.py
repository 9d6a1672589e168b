"""Shared helpers for the wire-format data cases: hex notation and sources.

Sources cited by the cases (arangodb/velocypack unless said otherwise):
``VelocyPack.md`` (the format), ``src/Validator.cpp`` (request validation), ``src/Builder.cpp``
(``Builder::close``, ``closeArray``, ``closeCompactArrayOrObject``), ``src/Parser.cpp`` and
``include/velocypack/Parser.h`` (JSON parsing), ``src/Exception.cpp`` (messages),
``tests/testsValidator.cpp``, ``tests/testsParser.cpp`` (the library's own tests), and arangodb's
``lib/Basics/VelocyPackHelper.cpp`` (``VelocyPackHelper::initialize``: arangod's options).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple


def h(text: str) -> bytes:
    """Bytes from hex with any spacing: ``h("02 05 31")``."""
    return bytes.fromhex(text)


class Case(NamedTuple):
    """One data case: ``data`` in, ``expected`` out (a value, or an error message string when
    ``error`` is true), and the ``source`` that says so."""

    data: bytes
    expected: Any
    source: str
    error: bool = False


def ok(data: bytes, value: Any, source: str) -> Case:
    return Case(data, value, source)


def refused(data: bytes, message: str, source: str) -> Case:
    return Case(data, message, source, error=True)


def case_id(case: Case) -> str:
    return case.data[:24].hex(" ") + ("..." if len(case.data) > 24 else "")


def same_value(a: Any, b: Any) -> bool:
    """Equal with the same types all the way down (1 is not 1.0, True is not 1, -0.0 is not
    0.0), NaN equal to NaN, dict key order included."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (a != a and b != b) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same_value, a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    return bool(a == b)
