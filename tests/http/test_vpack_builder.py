"""What :func:`dumps` builds: ``VPackBuilder`` with arangod's default options.

Layouts follow ``Builder::close`` / ``closeArray`` / ``closeCompactArrayOrObject``
(``src/Builder.cpp``; padding behaviour ``Flexible``, indexed arrays and objects). The sizes and
head bytes velocypack's ``tests/testsParser.cpp`` asserts for parsed JSON are those of the same
Builder, so they pin these layouts: the test name of each case says where it comes from.
"""

from __future__ import annotations

from typing import Any

import pytest

from fake_arango_tasks._json import Timestamp
from fake_arango_tasks._velocypack import NONE, VPackError, dumps, loads
from tests.http.cases import h

P = "ParserTest"
ONE_KB = "0123456789abcdef" * 64


def _test_keys(count: int) -> dict[str, int]:
    """testsParser.cpp's {"test000": 0, ...}: 7-character names, values 0..count-1."""
    return {f"test{i:03d}": i for i in range(count)}


@pytest.mark.parametrize(
    ("value", "head", "size", "source"),
    [
        ([1], 0x02, 3, f"{P}.Array1"),
        ([1, 2], 0x02, 4, f"{P}.Array2"),
        ([-1, 2, 4.5, 3, -99.99], 0x06, 29, f"{P}.Array3: mixed sizes need the 1-byte index table"),
        (["foo", "bar", "baz", None, True, False, -42.23], 0x06, 34, f"{P}.Array4"),
        ([[]], 0x02, 3, f"{P}.NestedArray1"),
        ([[], [[]], [], [[[[], [], []], []]], []], 0x06, 27, f"{P}.NestedArray2"),
        ([["foo", ["bar", "baz", None], True, False], -42.23], 0x06, 42, f"{P}.NestedArray3"),
        (list(range(255)), 0x07, 1019, f"{P}.ShortArrayMembers: 2-byte sizes keep the 8-byte head"),
        ([ONE_KB] * 65, 0x04, 67154, f"{P}.LongArrayFewMembers: equal sizes, no index, 4-byte size"),
        (list(range(256)), 0x07, 1023, f"{P}.LongArrayManyMembers"),
        ({}, 0x0A, 1, f"{P}.EmptyObject"),
        ({"foo": 1}, 0x14, 8, f"{P}.ObjectSimple1: one member, compact (Builder::close)"),
        ({"foo": "bar", "baz": True}, 0x0B, 18, f"{P}.ObjectSimple2"),
        ({"a": "b", "c": "d"}, 0x0B, 13, f"{P}.ObjectDenseNotation"),
        ({"null": "true", "false": "bar", "true": "foo"}, 0x0B, 35, f"{P}.ObjectReservedKeys"),
        ({"foo": None, "bar": True, "baz": 13.53, "qux": [1], "quz": {}}, 0x0B, 43, f"{P}.ObjectMixed"),
        (_test_keys(255), 0x0C, 3059, f"{P}.ShortObjectMembers"),
        ({f"test{i:03d}": ONE_KB for i in range(64)}, 0x0D, 66889, f"{P}.LongObjectFewMembers"),
        (_test_keys(256), 0x0C, 3071, f"{P}.LongObjectManyMembers"),
        ("der hund ging in den wald und aß den fuxx", 0x40 + 42, 43, f"{P}.StringLiteral (UTF-8 bytes)"),
        (0, 0x30, 1, f"{P}.Zero"),
        (-1, 0x3F, 1, f"{P}.IntM1"),
        (100000, 0x2A, 4, f"{P}.Int2: uint, 3 bytes"),
        (-100000, 0x22, 4, f"{P}.Int3: int, 3 bytes"),
        (-(2**63), 0x27, 9, f"{P}.IntMin"),
        (2**63 - 1, 0x2F, 9, f"{P}.IntMax: non-negative ints are uints"),
        (2**64 - 1, 0x2F, 9, f"{P}.UIntMax"),
        (1.0124, 0x1B, 9, f"{P}.Double1"),
    ],
)
def test_layout_as_velocypack_s_builder_makes_it(value: Any, head: int, size: int, source: str) -> None:
    data = dumps(value)
    assert (data[0], len(data)) == (head, size), source
    assert loads(data) == value


@pytest.mark.parametrize(
    ("value", "data", "rule"),
    [
        ([1, 2, 3], "02 05 31 32 33", "equal sizes: no index table, 1-byte size, head shrunk (memmove)"),
        ([1, 300], "06 09 02 31 29 2c 01 03 04", "unequal sizes: index table of offsets"),
        ([None], "02 03 18", "one member: never an index table"),
        ({"a": 12, "b": True, "c": "xyz"}, "0b 13 03 41 61 28 0c 41 62 1a 41 63 43 78 79 7a 03 07 0a",
         "members in insertion order, index table sorted by name"),
        ({"b": 1, "a": 2}, "0b 0b 02 41 62 31 41 61 32 06 03", "the index is sorted, the members are not"),
        ({"ab": 1, "a": 2, "b": 3}, "0b 10 03 42 61 62 31 41 61 32 41 62 33 07 03 0a",
         "sortObjectIndex: bytewise, a prefix first"),
        ({"é": 1, "z": 2}, "0b 0c 02 42 c3 a9 31 41 7a 32 07 03", "names sort by their UTF-8 bytes"),
        ({"a": 1}, "14 06 41 61 31 01", "one member: compact object, size forwards, count backwards"),
        ([NONE, NONE], "02 0b 00 00 00 00 00 00 00 00 00",
         "a none among the first members keeps the 8-byte head (isAllowedToMemmove)"),
        ([NONE, 300], "06 0f 02 00 00 00 00 00 00 00 29 2c 01 09 0a", "ditto with an index table"),
        ([1, 2, 3, 4, 5, 6, NONE], "02 09 31 32 33 34 35 36 00", "only the first 6 members are looked at"),
    ],
)
def test_exact_bytes(value: Any, data: str, rule: str) -> None:
    assert dumps(value) == h(data), rule


@pytest.mark.parametrize(
    ("value", "data"),
    [
        (9, "39"), (10, "28 0a"), (255, "28 ff"), (256, "29 00 01"), (-6, "3a"), (-7, "20 f9"), (-128, "20 80"),
        (-129, "21 7f ff"), (-32768, "21 00 80"), (-32769, "22 ff 7f ff"), (2**63, "2f 00 00 00 00 00 00 00 80"),
    ],
)
def test_integers_take_the_fewest_bytes(value: int, data: str) -> None:
    # Builder::addInt (intLength: two's complement) and addUInt (appendUInt: fewest bytes)
    assert dumps(value) == h(data)


def test_sizes_switch_width_where_the_builder_switches() -> None:
    # closeArray: 1-byte sizes while bytes + index (- 6 for the shrunk head) <= 0xff
    assert dumps(["a" * 120, "b" * 125, "c"])[:2] == h("06 ff")  # 3 + 121 + 126 + 2 + 3 = 255
    assert dumps(["a" * 120, "b" * 126, "c"])[0] == 0x07  # one byte more: 2-byte sizes
    # equal-size members of 4 GB would need 8-byte sizes; 64 KB + need 4-byte ones
    assert dumps(["x" * 1000] * 70)[0] == 0x04
    # Builder::close for objects: 1-byte while bytes + count - 6 <= 0xff
    assert dumps({"a": "x" * 100, "b": "y" * 100})[0] == 0x0B
    assert dumps({"a": "x" * 126, "b": "y" * 126})[0] == 0x0C
    # a 2-byte object keeps the 8-byte head: members start at 9
    data = dumps({"a": "x" * 126, "b": "y" * 126})
    assert data[5:9] == bytes(4) and data[9] == 0x41


def test_long_strings_and_binary() -> None:
    assert dumps("x" * 126)[0] == 0xBE
    assert dumps("x" * 127)[:9] == h("bf 7f 00 00 00 00 00 00 00")
    assert dumps(b"\x00" * 256)[:3] == h("c1 00 01")
    assert dumps(b"") == h("c0 00")


def test_floats_are_doubles_whatever_their_value() -> None:
    assert dumps(2.0) == h("1b 00 00 00 00 00 00 00 40")
    assert dumps(Timestamp(2.0)) == dumps(2.0)
    assert dumps(float("nan"))[0] == 0x1B  # VelocyPack holds NaN; JSON output refuses it


def test_lone_surrogates_are_kept_as_velocypack_s_parser_keeps_them() -> None:
    # Parser::parseString writes \ud800 as the 3 bytes ed a0 80
    assert dumps("\ud800") == h("43 ed a0 80")


@pytest.mark.parametrize(("value", "error"), [({1: 2}, TypeError), (object(), TypeError), ({1.5}, TypeError),
                                               (2**64, VPackError), (-(2**63) - 1, VPackError)])
def test_what_cannot_be_encoded(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        dumps(value)


def test_tuples_are_arrays() -> None:
    assert dumps((1, 2, 3)) == dumps([1, 2, 3])
