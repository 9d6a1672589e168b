"""JSON as ArangoDB writes it: compact, keys in insertion order, numbers as velocypack prints them.

ArangoDB serialises responses with velocypack's ``Dumper``, which prints doubles with
``fpconv_dtoa`` (velocypack ``src/fpconv.cpp``): the shortest digits that read back to the same
double, an integral value with no decimal point (``2.0`` -> ``2``), small fractions positionally
(``1e-06`` -> ``0.000001``) and only very large or very small magnitudes in exponent form
(``1e+21``, ``1e-7``). Strings escape every non-ASCII character as ``\\uXXXX`` with upper-case
hex (``lib/Rest/HttpResponse.cpp`` dumps with ``escapeUnicode``). :func:`dumps` reproduces that, so a client sees ``"period":2`` (go-driver
decodes it as int64) and ``"offset":0.000001``.

:class:`Timestamp` marks a float that must always read back as a float (``created``: python-arango
checks ``isinstance(created, float)``), so an integral one keeps a ``.0``.
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from typing import Any

__all__ = ["Timestamp", "dumps", "format_number"]


class Timestamp(float):
    """A float that :func:`dumps` never prints as an integer (``1700000000.0``, not ``1700000000``)."""

    __slots__ = ()


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
    if value == 0:
        return "0.0" if isinstance(value, Timestamp) else "0"
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
