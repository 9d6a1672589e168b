"""The JSON writer as it was before the fast one (``fake_arango_tasks/_json.py`` at commit 3ea77a9),
kept verbatim as the reference the fast writer must match byte for byte (``test_json_writer.py``,
``bench/bench_json.py``). Only the imports changed: :class:`Timestamp` is the package's own, so
both writers see the same class.
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from typing import Any

from fake_arango_tasks._json import Timestamp

__all__ = ["dumps", "format_number"]


def format_number(value: float | int) -> str:
    """``value`` as ArangoDB's JSON output prints it (velocypack ``fpconv_dtoa``).

    Raises:
        ValueError: ``value`` is NaN or infinite (ArangoDB cannot store those).
        TypeError: ``value`` is a bool.
    """
    if isinstance(value, bool):
        raise TypeError("bool is not a number here")
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"{value!r} has no JSON form")
    if value == 0:  # -0.0 is "-0" since fpconv's sign bit was honoured (the one change since it was copied)
        return "0.0" if isinstance(value, Timestamp) else "-0" if math.copysign(1.0, value) < 0 else "0"
    sign, digit_tuple, exponent = Decimal(repr(abs(value))).normalize().as_tuple()
    assert isinstance(exponent, int)
    text = _emit_digits("".join(map(str, digit_tuple)), exponent)
    if isinstance(value, Timestamp) and not any(c in text for c in ".e"):
        text += ".0"
    return ("-" if value < 0 else "") + text


def _emit_digits(digits: str, k: int) -> str:
    """fpconv's ``emit_digits``: ``digits`` * 10**``k`` in fpconv's notation choice."""
    ndigits = len(digits)
    exp = abs(k + ndigits - 1)
    if k >= 0 and exp < ndigits + 7:  # plain integer
        return digits + "0" * k
    if k < 0 and (k > -7 or exp < 4):  # decimal without exponent
        offset = ndigits - abs(k)
        if offset <= 0:
            return "0." + "0" * -offset + digits
        return digits[:offset] + "." + digits[offset:]
    mantissa = digits[0] + ("." + digits[1:] if ndigits > 1 else "")
    return f"{mantissa}e{'-' if k + ndigits - 1 < 0 else '+'}{exp}"


_UNICODE_ESCAPE = re.compile(r"(\\+)u([0-9a-f]{4})")


def _string(text: str) -> str:
    """``text`` as a JSON string literal the way velocypack escapes it (``m\\u00F6ter``)."""
    return _UNICODE_ESCAPE.sub(_upper_escape, json.dumps(text))


def _upper_escape(match: re.Match[str]) -> str:
    slashes, digits = match.groups()
    return f"{slashes}u{digits.upper()}" if len(slashes) % 2 else match.group(0)


def dumps(value: Any) -> str:
    """Serialise ``value`` (dicts, lists, str, int, float, bool, None) as ArangoDB would.

    Raises:
        TypeError: an unsupported type.
        ValueError: a NaN or infinite float.
    """
    parts: list[str] = []
    _write(value, parts)
    return "".join(parts)


def _write(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, (int, float)):
        out.append(format_number(value))
    elif isinstance(value, dict):
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            if i:
                out.append(",")
            out.append(_string(str(key)))
            out.append(":")
            _write(item, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _write(item, out)
        out.append("]")
    else:
        raise TypeError(f"cannot serialise {type(value).__name__}")
