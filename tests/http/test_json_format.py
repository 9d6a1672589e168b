"""Numbers and strings as velocypack prints them (fpconv_dtoa, escapeUnicode)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fake_arango_tasks._json import Timestamp, dumps, format_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2.0, "2"), (0.0, "0"), (1e-6, "0.000001"), (1e-7, "1e-7"), (4.345, "4.345"), (1e7, "10000000"),
        (1e8, "1e+8"), (1e21, "1e+21"), (1.5e300, "1.5e+300"), (-0.5, "-0.5"), (10000, "10000"),
        (1785857308.802875, "1785857308.802875"),
        # 17 significant digits go to exponent form: why ArangoDB's recorded GET of a task is 3 bytes longer
        (1785857308.7534134, "1.7858573087534134e+9"),
        (Timestamp(1704067200.0), "1704067200.0"), (Timestamp(1700000000.0), "1.7e+9"), (Timestamp(0.0), "0.0"),
    ],
)
def test_numbers_print_as_fpconv(value: float, text: str) -> None:
    assert format_number(value) == text


def test_strings_escape_non_ascii_with_upper_case_hex() -> None:
    assert dumps({"k": "m\u00f6ter \\u00e9 \x01 \U0001F600 /"}) == '{"k":"m\\u00F6ter \\\\u00e9 \\u0001 \\uD83D\\uDE00 /"}'


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_float_reads_back_exactly(value: float) -> None:
    # an integral double prints without a decimal point (62167487918186870): a JSON reader that
    # takes it for a double gets the same double back
    assert json.loads(format_number(value), parse_int=float) == value


def _same(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return a == b or float(a) == float(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return a == b and type(a) is type(b)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False, allow_infinity=False),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=20))
def test_dumps_is_json(value: object) -> None:
    assert _same(json.loads(dumps(value)), value)
