"""The fast JSON writer writes what the one it replaced wrote, byte for byte.

``tests/http/reference_json.py`` is the replaced writer, unchanged; both are run on generated
values with every kind of double (integral, tiny, huge, negative zero, subnormal, 17 significant
digits, :class:`Timestamp`), every kind of string (escapes, non-ASCII, astral, lone surrogates),
subclasses and odd keys, and must agree on the text or on the exception and its message.
"""

from __future__ import annotations

import enum
import math
import struct
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fake_arango_tasks._json import Timestamp, dumps, dumps_bytes, format_number
from tests.http import reference_json as reference

_DOUBLES = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(0, 2**64 - 1).map(lambda bits: struct.unpack("<d", bits.to_bytes(8, "little"))[0])
    .filter(math.isfinite),  # any bit pattern: subnormals, 17-digit values
    st.integers(-(2**60), 2**60).map(float),  # integral
    st.builds(lambda digits, power: float(digits) * 10.0**power, st.integers(-(10**7), 10**7), st.integers(-30, 30)),
    st.sampled_from([0.0, -0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e-7, 1e-6, 1e7, 1e8,
                     1e16, 1e21, 1e22, 0.1, 1 / 3, 123456789012345680.0, 1785857308.7534134, 1704067200.0]),
)
_FLOATS = _DOUBLES | _DOUBLES.map(Timestamp)
_STRINGS = st.text() | st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7F)) | st.text(
    alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)) | st.sampled_from(
    ["\\u00e9", "\\\\u00e9", "\x7f", "\u2028", "\U0001F600", "a\"b\\c/", "\x00\x1f"])
_SCALARS = st.none() | st.booleans() | st.integers() | st.integers(-(10**30), 10**30) | _FLOATS | _STRINGS
_KEYS = _STRINGS | st.integers() | st.booleans() | st.none() | _DOUBLES
VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=8) | st.tuples(inner, inner)
                      | st.dictionaries(_KEYS, inner, max_size=8), max_leaves=40)


def _same_outcome(value: Any) -> None:
    try:
        expected: Any = reference.dumps(value)
    except (TypeError, ValueError) as error:
        expected = (type(error), str(error))
    try:
        actual: Any = dumps(value)
    except (TypeError, ValueError) as error:
        actual = (type(error), str(error))
    assert actual == expected


@given(VALUES)
@settings(max_examples=700)
def test_the_same_text_as_the_reference_writer(value: Any) -> None:
    _same_outcome(value)


@given(_FLOATS)
@settings(max_examples=3000)
def test_every_double_prints_as_before(value: float) -> None:
    assert format_number(value) == reference.format_number(value)


@pytest.mark.parametrize("value", [2**64, -(2**63) - 1, 10**100, -7, 0])
def test_integers_of_any_size_print_as_before(value: int) -> None:
    assert format_number(value) == reference.format_number(value) == str(value)


class _Str(str):
    pass


class _Renamed(str):
    def __str__(self) -> str:
        return "renamed"


class _Int(int):
    def __str__(self) -> str:
        return "int-subclass"


class _Float(float):
    pass


class _Dict(dict):  # type: ignore[type-arg]
    pass


class _List(list):  # type: ignore[type-arg]
    pass


class _Colour(enum.IntEnum):
    RED = 1


@pytest.mark.parametrize(
    "value",
    [
        _Str("x\u00e9"), {_Str("k"): 1}, _Int(5), [_Int(5)], _Float(2.0), _Float(0.5), _Dict(a=1), _List([1, 2]),
        _Colour.RED, {_Colour.RED: _Colour.RED}, (1, (2.0, Timestamp(3.0))), {1: 1, True: 2, None: 3, 1.5: 4},
        {("a", 1): 1}, {b"k": 1}, Timestamp(0.0), Timestamp(-0.0), -0.0,
        float("nan"), float("inf"), Timestamp(float("-inf")), [1, float("nan")], {"a": {1, 2}}, b"bytes",
        object(), [[[]]], {"": ""}, True, None, "",
    ],
    ids=lambda value: "object()" if type(value) is object else repr(value),  # no address: ids equal across xdist workers
)
def test_odd_values_as_before(value: Any) -> None:
    _same_outcome(value)


def test_a_key_is_written_by_its_own_str_even_when_an_equal_one_was_seen() -> None:
    _same_outcome([{"k": 1}, {_Renamed("k"): 2}])


def test_format_number_refuses_what_it_refused() -> None:
    for value in (True, False):
        with pytest.raises(TypeError, match="bool is not a number here"):
            format_number(value)
    with pytest.raises(ValueError, match="nan has no JSON form"):
        format_number(float("nan"))


def test_dumps_bytes_is_the_ascii_of_dumps() -> None:
    value = {"k": "m\u00f6ter \U0001F600", "n": [1, 2.5, Timestamp(3.0)]}
    assert dumps_bytes(value) == dumps(value).encode("ascii")
    assert dumps_bytes(value) == b'{"k":"m\\u00F6ter \\uD83D\\uDE00","n":[1,2.5,3.0]}'


def test_nesting_too_deep_for_python_fails_as_before() -> None:
    value: Any = []
    for _ in range(sys.getrecursionlimit() * 2):
        value = [value]
    with pytest.raises(RecursionError):
        dumps(value)
