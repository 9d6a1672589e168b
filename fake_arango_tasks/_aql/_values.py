"""AQL values: their types, conversions and order (docs-hugo ``site/content/3.12/aql/fundamentals/
type-and-value-order.md`` and ``data-types.md``; arangod ``Aql/AqlValue.cpp``,
``lib/Basics/VelocyPackHelper.cpp``, ``lib/Basics/Utf8Helper.cpp``).

Python stands for AQL's types: ``None`` (null), ``bool``, ``int``/``float`` (number: an IEEE
double in ArangoDB; integers read from JSON stay exact as velocypack keeps them), ``str``,
``list`` (array), ``dict`` (object, insertion-ordered). Values are treated as immutable once
built: functions return new values and never change their arguments.

String order is ICU's collation as arangod configures it (``Utf8Helper::setCollatorLanguage``):
the root/"en" collation with ``UCOL_CASE_FIRST = UCOL_UPPER_FIRST`` ("A" < "a"), normalization
off and strength ``UCOL_IDENTICAL`` (strings equal on the three collation levels are ordered by
the code points of their NFD forms, so only canonically equivalent strings compare equal). It
is emulated with the Unicode
Collation Algorithm's default table (DUCET, from the pure-Python ``pyuca`` package), which CLDR's
root collation is derived from; see :func:`collation_key` for the levels and the known gaps.

Owner: the function-library work (``_functions``); the evaluator only calls what is here.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = ["Value", "type_rank", "type_name", "to_bool", "to_number", "to_string", "compare", "equals",
           "compare_strings", "number", "collation_key", "string_to_number", "sort_key", "json_text"]

Value = Any  # None | bool | int | float | str | list[Value] | dict[str, Value]

_NULL, _BOOL, _NUMBER, _STRING, _ARRAY, _OBJECT = range(6)


def type_rank(value: Value) -> int:
    """The position of ``value``'s type in AQL's type order: null < bool < number < string <
    array < object."""
    if value is None:
        return _NULL
    if value is True or value is False:
        return _BOOL
    if isinstance(value, (int, float)):
        return _NUMBER
    if isinstance(value, str):
        return _STRING
    if isinstance(value, list):
        return _ARRAY
    return _OBJECT


def type_name(value: Value) -> str:
    """AQL's ``TYPENAME()``: ``"null"``, ``"bool"``, ``"number"``, ``"string"``, ``"array"``, ``"object"``."""
    return ("null", "bool", "number", "string", "array", "object")[type_rank(value)]


def number(value: float) -> int | float:
    """A computed number as AQL keeps it: a finite double (NaN and infinities become ``None``,
    ArangoDB's null: ``AqlValue(AqlValueHintDouble)`` in ``Aql/AqlValue.cpp``; -0.0 becomes 0),
    integral values as ``int`` so that they print without a fraction."""
    if isinstance(value, int):
        return value
    if not math.isfinite(value):
        return None  # type: ignore[return-value]
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def to_bool(value: Value) -> bool:
    """``TO_BOOL()`` (``AqlValue::toBoolean``): null and false, 0 and "" are false; every other
    value (any array or object, even empty) is true."""
    rank = type_rank(value)
    if rank == _NULL:
        return False
    if rank == _BOOL:
        return bool(value)
    if rank == _NUMBER:
        return bool(value != 0)
    if rank == _STRING:
        return bool(value != "")
    return True


# std::isspace (C locale) skips these before the number; ``stringToNumber`` allows these after it.
_LEADING_SPACE = " \t\n\v\f\r"
_TRAILING_SPACE = " \t\r\n\f"


def string_to_number(text: str) -> tuple[float, bool]:
    """``(value, failed)`` as arangod's ``aql::stringToNumber`` (``Aql/Arithmetic.cpp``) reads a
    string: ``std::stod`` (leading C whitespace, a sign, a decimal or ``0x`` hexadecimal
    float, ``inf``/``infinity``/``nan`` in any case), then only whitespace may follow. A string
    of whitespace only (or empty) is ``(0.0, False)``; anything else unreadable, or out of
    double range (``std::out_of_range``), is ``(0.0, True)``. The value may be infinite or NaN."""
    body = text.lstrip(_LEADING_SPACE)
    end = len(body.rstrip(_TRAILING_SPACE))
    core = body[:end]
    if not core:
        return 0.0, text.strip(" \t\r\n\f\b") != ""
    parsed = _parse_stod(core)
    if parsed is None:
        return 0.0, True
    return parsed, False


_DECIMAL = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_HEX = re.compile(r"(?:[0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)(?:p[+-]?[0-9]+)?")
_NAN = re.compile(r"nan(?:\([0-9a-z_]*\))?")
_MIN_NORMAL = 2.2250738585072014e-308


def _parse_stod(core: str) -> float | None:
    """The double ``std::stod`` reads from all of ``core`` (no surrounding spaces), or ``None``
    (does not parse as a whole, or overflows/underflows: ERANGE makes ``std::stod`` throw)."""
    sign = -1.0 if core[0] == "-" else 1.0
    body = core[1:] if core[0] in "+-" else core
    lowered = body.lower()
    if lowered in ("inf", "infinity"):
        return sign * math.inf
    if _NAN.fullmatch(lowered):
        return math.nan
    if lowered.startswith("0x") and _HEX.fullmatch(lowered[2:]):
        mantissa, _, exponent = lowered[2:].partition("p")
        try:
            value = float.fromhex("0x" + mantissa + "p" + (exponent or "0"))
        except OverflowError:
            return None
        nonzero = mantissa.strip("0.") != ""
    elif _DECIMAL.fullmatch(body):
        value = float(body)
        nonzero = lowered.partition("e")[0].strip("0.") != ""
    else:
        return None
    if math.isinf(value) or (nonzero and abs(value) < _MIN_NORMAL):
        return None
    return sign * value


def to_number(value: Value) -> int | float:
    """``TO_NUMBER()``'s conversion (``AqlValue::toDouble``): null and false 0, true 1, a numeric
    string its value (see :func:`string_to_number`; an unreadable one 0), an empty array 0, an
    array of one element that element's number, any other array or object 0.

    A string such as ``"inf"`` or ``"nan"`` gives an infinite or NaN float, as in arangod:
    pass results through :func:`number` (which makes them null) before handing them out."""
    rank = type_rank(value)
    if rank == _NULL:
        return 0
    if rank == _BOOL:
        return 1 if value else 0
    if rank == _NUMBER:
        return value  # type: ignore[no-any-return]
    if rank == _STRING:
        parsed, failed = string_to_number(value)
        if failed:
            return 0
        if math.isfinite(parsed):
            return number(parsed)
        return parsed
    if rank == _ARRAY and len(value) == 1:
        return to_number(value[0])
    return 0


def to_string(value: Value) -> str:
    """``TO_STRING()`` (``Functions::Stringify``): null is "", booleans "true"/"false", numbers
    as ArangoDB prints them (``2``, ``0.5``, ``1e+21``), strings as they are, arrays and objects as
    their compact JSON text with non-ASCII characters unescaped (velocypack ``Dumper`` with
    ``escapeUnicode = false``: ``TO_STRING(["ä"])`` is ``["ä"]``)."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    return json_text(value)


def json_text(value: Value) -> str:
    """``value`` as velocypack's ``Dumper`` writes it with default options (``JSON_STRINGIFY()``):
    compact, ArangoDB's number format, non-ASCII characters as they are."""
    from .._json import dumps  # the one number and string format

    text = dumps(value)
    if text.isascii() and "\\u" not in text:
        return text
    return _ESCAPE.sub(_unescape, text)


_ESCAPE = re.compile(r"(\\+)u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})|(\\+)u([0-9A-F]{4})")


def _unescape(match: re.Match[str]) -> str:
    """One ``\\uXXXX`` escape of :func:`~fake_arango_tasks._json.dumps` back to its character,
    unless it is a control character (which stays escaped) or the backslash is itself escaped."""
    if match.group(1) is not None:
        slashes, high, low = match.group(1), int(match.group(2), 16), int(match.group(3), 16)
        if len(slashes) % 2 == 0:
            return match.group(0)
        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        return slashes[:-1] + chr(code)
    slashes, code = match.group(4), int(match.group(5), 16)
    if len(slashes) % 2 == 0 or code < 0x80:
        return match.group(0)
    return slashes[:-1] + chr(code)


# ---------------------------------------------------------------------------------------------
# String collation

# DUCET tertiary weights of upper-case forms (capital, wide/compat/font/circled capital, square
# capital) and of the large kana, which ICU's case bits mark "upper" (ICU ``FractionalUCA``).
_UPPER_TERTIARIES = frozenset((0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0E, 0x11, 0x12, 0x1D))


def _tertiary(weight: int) -> str:
    """One tertiary weight with ICU's upper-first case bits in front: upper < anything else."""
    return chr((0 if weight in _UPPER_TERTIARIES else 0x100) + weight)


_collator: Any = None


def _elements(text: str) -> list[list[int]]:
    """DUCET collation elements ``[primary, secondary, tertiary]`` of NFD ``text`` (pyuca)."""
    global _collator
    if _collator is None:
        import pyuca  # type: ignore[import-untyped]  # loaded on first non-ASCII string: about 0.1 s

        _collator = pyuca.Collator()
    result: list[list[int]] = _collator.collation_elements(text)
    return result


def _ascii_tables() -> tuple[dict[int, str | None], dict[int, str | None]]:
    """Translation tables giving an ASCII string's primary and tertiary levels directly (no
    ASCII character has a contraction or an expansion in DUCET; controls are ignorable)."""
    primary: dict[int, str | None] = {}
    tertiary: dict[int, str | None] = {}
    for code in range(128):
        ((p, _s, t),) = _ascii_element(code)
        primary[code] = chr(p) if p else None
        tertiary[code] = _tertiary(t) if t else None
    return primary, tertiary


def _ascii_element(code: int) -> list[list[int]]:
    return _elements(chr(code))


_ASCII: tuple[dict[int, str | None], dict[int, str | None]] | None = None


@lru_cache(maxsize=65536)
def collation_key(text: str) -> tuple[str, str, str, str]:
    """The sort key of ``text`` under arangod's collator (see the module docstring): a tuple of
    (primary, secondary, tertiary with upper-first case bits, identical) levels, each a string
    of weights; comparing keys compares the strings as ICU's ``Collator::compareUTF8`` does.

    Gaps against ICU (CLDR root): weights come from DUCET 9.0 (pyuca), so characters added to
    Unicode later get implicit weights and CLDR's few root tailorings (U+FFFE/U+FFFF, some
    Tibetan contractions) are missing; "mixed case" expansions use the case of each element.
    """
    global _ASCII
    if text.isascii():
        if _ASCII is None:
            _ASCII = _ascii_tables()
        primary = text.translate(_ASCII[0])
        return primary, "\x20" * len(primary), text.translate(_ASCII[1]), text
    nfd = unicodedata.normalize("NFD", text)
    p: list[str] = []
    s: list[str] = []
    t: list[str] = []
    for element in _elements(nfd):
        if element[0]:
            p.append(chr(element[0]))
        if element[1]:
            s.append(chr(element[1]))
        if element[2]:
            t.append(_tertiary(element[2]))
    return "".join(p), "".join(s), "".join(t), nfd


def compare_strings(a: str, b: str) -> int:
    """-1, 0 or 1: ``a`` against ``b`` as AQL orders strings: ICU collation of the server
    language with upper case first and identical strength (``Utf8Helper::compareUtf8``); only
    canonically equivalent strings (equal NFD forms) are equal. ``"A" < "a" < "B"``,
    ``"a" < "ä" < "b"``, ``"10" < "9"``."""
    if a == b:
        return 0
    ka, kb = collation_key(a), collation_key(b)
    if ka == kb:
        return 0  # canonically equivalent ("\u00e4" and "a\u0308"): ICU's identical level compares NFD
    return -1 if ka < kb else 1


def compare(a: Value, b: Value) -> int:
    """-1, 0 or 1: ``a`` against ``b`` in AQL's value order (``VelocyPackHelper::compare`` with
    UTF-8 collation): types first (null < bool < number < string < array < object); arrays
    element-wise with null for missing elements; objects by the collated union of their
    attribute names, a missing attribute counting as null."""
    ra, rb = type_rank(a), type_rank(b)
    if ra != rb:
        return -1 if ra < rb else 1
    if ra == _NULL:
        return 0
    if ra == _BOOL or ra == _NUMBER:
        return int((a > b) - (a < b))
    if ra == _STRING:
        return compare_strings(a, b)
    if ra == _ARRAY:
        na, nb = len(a), len(b)
        for i in range(max(na, nb)):
            c = compare(a[i] if i < na else None, b[i] if i < nb else None)
            if c:
                return c
        return 0
    for key in sorted(set(a) | set(b), key=_string_sort_key):
        c = compare(a.get(key), b.get(key))
        if c:
            return c
    return 0


def _string_sort_key(text: str) -> tuple[tuple[str, str, str, str], str]:
    return collation_key(text), text


def equals(a: Value, b: Value) -> bool:
    """AQL's ``==``: :func:`compare` is 0."""
    if a is b:
        return True
    return compare(a, b) == 0


def sort_key(value: Value) -> Any:
    """A key for ``sorted()`` that orders values as :func:`compare` does."""
    from functools import cmp_to_key

    return cmp_to_key(compare)(value)
