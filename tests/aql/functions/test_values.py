"""AQL values: type and value order (docs-hugo ``aql/fundamentals/type-and-value-order.md``),
ICU string collation as arangod configures it (``lib/Basics/Utf8Helper.cpp``: root locale,
``UCOL_UPPER_FIRST``, identical strength) checked against V8's ICU, conversions
(``Aql/AqlValue.cpp``, ``Aql/Arithmetic.cpp``), and property tests of the order."""

from __future__ import annotations

import datetime
import json
import random
import unicodedata
from functools import cmp_to_key

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fake_arango_tasks._aql._functions._dates import civil_from_days, days_from_civil
from fake_arango_tasks._aql._values import (
    compare,
    compare_strings,
    equals,
    number,
    sort_key,
    string_to_number,
    to_bool,
    to_number,
    to_string,
    type_name,
)

ORDER = "aql/fundamentals/type-and-value-order.md"

# (smaller, larger) pairs given on the docs page, in AQL literal form turned into Python
LESS = [
    (None, False), (None, True), (None, 0), (None, ""), (None, " "), (None, "0"), (None, "abc"), (None, []), (None, {}),
    (False, True), (False, 0), (False, ""), (False, " "), (False, "0"), (False, "abc"), (False, []), (False, {}),
    (True, 0), (True, ""), (True, " "), (True, "0"), (True, "abc"), (True, []), (True, {}),
    (0, ""), (0, " "), (0, "0"), (0, "abc"), (0, []), (0, {}),
    ("", " "), ("", "0"), ("", "abc"), ("", []), ("", {}), ([], {}),
    ([], [0]), ([1], [2]), ([1, 2], [2]), ([99, 99], [100]), ([False], [True]), ([False, 1], [False, ""]),
    ({}, {"a": 1}), ({"a": 1}, {"a": 2}), ({"b": 1}, {"a": 0}), ({"a": {"c": True}}, {"a": {"c": 0}}),
    ({"a": {"c": True, "a": 0}}, {"a": {"c": False, "a": 1}}),
]
EQUAL = [({}, {"a": None}), ({"a": 1, "b": 2}, {"b": 2, "a": 1}), ([], [None]), (1, 1.0)]


@pytest.mark.parametrize("a,b", LESS, ids=lambda v: json.dumps(v))
def test_documented_order(a: object, b: object) -> None:
    assert compare(a, b) == -1 and compare(b, a) == 1, ORDER


@pytest.mark.parametrize("a,b", EQUAL, ids=lambda v: json.dumps(v))
def test_documented_equality(a: object, b: object) -> None:
    assert compare(a, b) == 0 and equals(a, b), ORDER


# Utf8Helper.cpp: UCOL_UPPER_FIRST ("A" < "a"), the root collation, identical strength
COLLATED = ["", " ", "_", "-", "!", "0", "1", "10", "9", "A", "a", "Ä", "ä", "AB", "Ab", "aB", "ab", "B", "b",
            "e", "é", "f", "ss", "ß", "Z", "z", "α", "а", "一"]


def test_collation_examples() -> None:
    ordered = sorted(reversed(COLLATED), key=cmp_to_key(compare_strings))
    assert ordered == COLLATED, "Utf8Helper.cpp: root collation, upper case first"


def test_identical_strength_breaks_ties_by_code_point() -> None:
    """Ignorable characters only count on the identical level; canonically equivalent strings
    (same NFD) are equal there (ICU: the identical level compares NFD code points)."""
    assert compare_strings("a", "a\u0001") == -1 and compare_strings("a\u0001", "a") == 1
    assert compare_strings("\u00e4", "a\u0308") == 0 and equals("\u00e4", "a\u0308")


def _v8_order(corpus: list[str]) -> tuple[list[str], list[int]]:
    from py_mini_racer import MiniRacer

    js = """(function(a){var c=new Intl.Collator('en',{caseFirst:'upper'});
      a.sort(c.compare); var d=[]; for (var i=0;i+1<a.length;i++) d.push(c.compare(a[i],a[i+1]));
      return JSON.stringify([a,d]);})(%s)"""
    ordered, steps = json.loads(MiniRacer().eval(js % json.dumps(corpus)))
    return ordered, steps


def test_collation_agrees_with_icu_in_v8() -> None:
    """V8's ``Intl.Collator('en', {caseFirst: 'upper'})`` is ICU's root collation with upper case
    first at tertiary strength: every strict step of its order must be one here too, and its
    ties must be ties on our three collation levels (we then order by code point)."""
    alphabet = list("aAbBzZ09 -_!.,;:'\"#$%&()*+/<=>?@[\\]^`{|}~") + list("äÄéÉèçßøØåÅæÆœñÑüÜαΑβбБжЖ一二")
    alphabet += ["\u0301", "\u0308", "€", "£", "°", "½", "ﬁ", "\u00a0", "Ａ"]
    rnd = random.Random(7)
    corpus = sorted({"".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 4))) for _ in range(1500)})
    ordered, steps = _v8_order(corpus)
    from fake_arango_tasks._aql._values import collation_key

    for (a, b), step in zip(zip(ordered, ordered[1:]), steps):
        if step < 0:
            assert compare_strings(a, b) == -1, (a, b)
        else:
            assert collation_key(a)[:3] == collation_key(b)[:3], (a, b)


NUMBERS = [("1", 1), (" 1 ", 1), ("1.5e3", 1500), ("0x1A", 26), ("-0x10", -16), (".5", 0.5), ("5.", 5), ("+3", 3),
           ("", 0), ("  ", 0), ("abc", 0), ("1e", 0), ("1_0", 0), ("1e999", 0), ("1\v", 0), ("\v1", 1), ("[1]", 0)]


@pytest.mark.parametrize("text,value", NUMBERS)
def test_string_to_number(text: str, value: float) -> None:
    """``aql::stringToNumber``: ``std::stod`` over the whole string (leading C whitespace, hex
    floats), trailing blanks only; failures are 0."""
    assert to_number(text) == value and type(to_number(text)) is type(value)


def test_string_to_number_special_values() -> None:
    assert string_to_number("inf")[0] == float("inf") and not string_to_number("-Infinity")[1]
    assert string_to_number("nan")[0] != string_to_number("nan")[0]
    assert number(to_number("inf")) is None


CONVERSIONS = [(None, False, 0, ""), (False, False, 0, "false"), (True, True, 1, "true"), (0, False, 0, "0"),
               (-1.5, True, -1.5, "-1.5"), ("", False, 0, ""), ("0", True, 0, "0"), ([], True, 0, "[]"),
               ([2], True, 2, "[2]"), ([1, 2], True, 0, "[1,2]"), ({}, True, 0, "{}"), (["ä"], True, 0, '["ä"]')]


@pytest.mark.parametrize("value,boolean,num,text", CONVERSIONS, ids=lambda v: json.dumps(v))
def test_conversions(value: object, boolean: bool, num: float, text: str) -> None:
    """docs-hugo ``aql/functions/type-check-and-cast.md``: TO_BOOL, TO_NUMBER, TO_STRING."""
    assert (to_bool(value), to_number(value), to_string(value)) == (boolean, num, text)


def test_number_normalises() -> None:
    assert number(2.0) == 2 and type(number(2.0)) is int and number(0.5) == 0.5
    assert number(float("nan")) is None and number(float("-inf")) is None and number(-0.0) == 0


values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**60, 2**60) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet="aAbBäÄ 1_-\u0301", max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet="abAB_", max_size=2), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(values, values)
def test_compare_is_antisymmetric(a: object, b: object) -> None:
    assert compare(a, b) == -compare(b, a)
    assert (compare(a, b) == 0) == equals(a, b)


@settings(max_examples=300, deadline=None)
@given(values, values, values)
def test_compare_is_transitive(a: object, b: object, c: object) -> None:
    x, y, z = sorted([a, b, c], key=sort_key)
    assert compare(x, y) <= 0 and compare(y, z) <= 0 and compare(x, z) <= 0


@settings(max_examples=200, deadline=None)
@given(values)
def test_compare_is_reflexive_and_conversions_total(a: object) -> None:
    assert compare(a, a) == 0
    assert isinstance(to_bool(a), bool) and isinstance(to_string(a), str)
    assert type_name(a) in ("null", "bool", "number", "string", "array", "object")
    assert number(to_number(a)) is None or isinstance(number(to_number(a)), (int, float))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAbBzZäÄéÉß 0-_!\u0301\u0308一", max_size=5), st.text(alphabet="aAbBzZäÄéÉß 0-_!\u0301\u0308一", max_size=5))
def test_string_collation_is_total(a: str, b: str) -> None:
    assert compare_strings(a, b) == -compare_strings(b, a)
    assert (compare_strings(a, b) == 0) == (unicodedata.normalize("NFD", a) == unicodedata.normalize("NFD", b))


@settings(max_examples=300, deadline=None)
@given(st.dates())
def test_civil_calendar_matches_python(day: datetime.date) -> None:
    """``_dates``' Hinnant calendar agrees with Python's proleptic Gregorian one (years 1..9999)."""
    n = (day - datetime.date(1970, 1, 1)).days
    assert days_from_civil(day.year, day.month, day.day) == n
    assert civil_from_days(n) == (day.year, day.month, day.day)
