"""VelocyPack bytes <-> Python values: the examples of ``VelocyPack.md`` and every value type."""

from __future__ import annotations

import pytest

from fake_arango_tasks._velocypack import (
    ILLEGAL,
    MAX_KEY,
    MIN_KEY,
    NONE,
    Custom,
    UTCDate,
    dumps,
    loads,
    to_json_compatible,
)
from tests.http.cases import Case, case_id, h, ok, same_value

SPEC = "VelocyPack.md"

# VelocyPack.md, "Arrays": [1,2,3] in every array layout
SPEC_ARRAYS = [
    ok(h("02 05 31 32 33"), [1, 2, 3], f"{SPEC} Arrays, most compact"),
    ok(h("03 06 00 31 32 33"), [1, 2, 3], f"{SPEC} Arrays"),
    ok(h("04 08 00 00 00 31 32 33"), [1, 2, 3], f"{SPEC} Arrays"),
    ok(h("05 0c 00 00 00 00 00 00 00 31 32 33"), [1, 2, 3], f"{SPEC} Arrays"),
    ok(h("06 09 03 31 32 33 03 04 05"), [1, 2, 3], f"{SPEC} Arrays"),
    ok(h("07 0e 00 03 00 31 32 33 05 00 06 00 07 00"), [1, 2, 3], f"{SPEC} Arrays"),
    ok(h("08 18 00 00 00 03 00 00 00 31 32 33 09 00 00 00 0a 00 00 00 0b 00 00 00"), [1, 2, 3], f"{SPEC} Arrays"),
    ok(h("09 2c 00 00 00 00 00 00 00 31 32 33 09 00 00 00 00 00 00 00 0a 00 00 00 00 00 00 00"
         " 0b 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00"), [1, 2, 3], f"{SPEC} Arrays, 8-byte count last"),
    ok(h("13 06 31 28 10 02"), [1, 16], f"{SPEC} Arrays, compact array [1, 16]"),
]

# VelocyPack.md, "Objects": {"a": 12, "b": true, "c": "xyz"} stored b, a, c; members keep the
# stored order (arangod's Dumper writes them so: dumpAttributesInIndexOrder = false)
SPEC_OBJECTS = [
    ok(h("0b 13 03 41 62 1a 41 61 28 0c 41 63 43 78 79 7a 06 03 0a"), {"b": True, "a": 12, "c": "xyz"},
       f"{SPEC} Objects, sorted 1-byte index"),
    ok(h("0d 22 00 00 00 03 00 00 00 41 62 1a 41 61 28 0c 41 63 43 78 79 7a 0c 00 00 00 09 00 00 00 10 00 00 00"),
       {"b": True, "a": 12, "c": "xyz"}, f"{SPEC} Objects, 4-byte index"),
    ok(h("0f 13 03 41 62 1a 41 61 28 0c 41 63 43 78 79 7a 03 06 0a"), {"b": True, "a": 12, "c": "xyz"},
       f"{SPEC} (2016 revision) Objects, unsorted 1-byte index"),
    # the spec writes "14 0a 41 61 31 42 62 28 10 02": 0x42 would be a 2-byte string and the
    # 10 bytes would not add up; with 0x41 ("b") they do
    ok(h("14 0a 41 61 31 41 62 28 10 02"), {"a": 1, "b": 16}, f"{SPEC} Objects, compact object (typo fixed)"),
]

SCALARS = [
    ok(h("00"), NONE, f"{SPEC} 0x00 none; ValidatorTest.NoneValue"),
    ok(h("01"), [], f"{SPEC} 0x01 empty array"),
    ok(h("0a"), {}, f"{SPEC} 0x0a empty object"),
    ok(h("17"), ILLEGAL, f"{SPEC} 0x17 illegal; ValidatorTest.Illegal"),
    ok(h("18"), None, f"{SPEC} 0x18 null"),
    ok(h("19"), False, f"{SPEC} 0x19 false"),
    ok(h("1a"), True, f"{SPEC} 0x1a true"),
    ok(h("1b 00 00 00 00 00 00 f8 3f"), 1.5, f"{SPEC} Doubles (little-endian IEEE-754)"),
    ok(h("1b 00 00 00 00 00 00 00 80"), -0.0, f"{SPEC} Doubles"),
    ok(h("1c 00 f4 51 c2 8c 01 00 00"), UTCDate(1704067200000), f"{SPEC} Dates, ms since the epoch"),
    ok(h("1c ff ff ff ff ff ff ff ff"), UTCDate(-1), f"{SPEC} Dates, two's complement"),
    ok(h("1e"), MIN_KEY, f"{SPEC} 0x1e minKey"),
    ok(h("1f"), MAX_KEY, f"{SPEC} 0x1f maxKey"),
    ok(h("20 ff"), -1, f"{SPEC} 0x20 1-byte signed int"),
    ok(h("21 00 80"), -32768, f"{SPEC} 0x21 2-byte signed int"),
    ok(h("27 00 00 00 00 00 00 00 80"), -(2**63), f"{SPEC} 0x27 8-byte signed int"),
    ok(h("27 ff ff ff ff ff ff ff 7f"), 2**63 - 1, f"{SPEC} 0x27 8-byte signed int"),
    ok(h("28 ff"), 255, f"{SPEC} 0x28 1-byte uint"),
    ok(h("2b 01 02 03 04"), 0x04030201, f"{SPEC} 0x2b 4-byte uint, little-endian"),
    ok(h("2f ff ff ff ff ff ff ff ff"), 2**64 - 1, f"{SPEC} 0x2f 8-byte uint"),
    ok(h("30"), 0, f"{SPEC} 0x30-0x39 small ints"),
    ok(h("39"), 9, f"{SPEC} 0x30-0x39 small ints"),
    ok(h("3a"), -6, f"{SPEC} 0x3a-0x3f small negative ints"),
    ok(h("3f"), -1, f"{SPEC} 0x3a-0x3f small negative ints"),
    ok(h("40"), "", f"{SPEC} 0x40 empty string"),
    ok(h("43 78 79 7a"), "xyz", f"{SPEC} short string"),
    ok(h("44 f0 9f 98 80"), "\U0001F600", f"{SPEC} strings are UTF-8 bytes, not characters"),
    ok(h("41 00"), "\x00", f"{SPEC} strings may contain zero bytes"),
    ok(h("bf 03 00 00 00 00 00 00 00 61 62 63"), "abc", f"{SPEC} 0xbf long string, 8-byte length"),
    ok(h("c0 03 01 02 03"), b"\x01\x02\x03", f"{SPEC} 0xc0 binary, 1-byte length"),
    ok(h("c1 00 00"), b"", f"{SPEC} 0xc1 binary, 2-byte length, empty"),
    ok(h("f0 ff"), Custom(h("f0 ff")), f"{SPEC} Custom types; ValidatorTest.CustomOneByte"),
    ok(h("f4 01 ff"), Custom(h("f4 01 ff")), f"{SPEC} Custom types; ValidatorTest.CustomOneByteF4"),
    ok(h("fd 01 00 00 00 00 00 00 00 ff"), Custom(h("fd 01 00 00 00 00 00 00 00 ff")),
       f"{SPEC} Custom types; ValidatorTest.CustomOneByteFD"),
]

KEYS = [
    # arangod's attribute translator (VelocyPackHelper::initialize): integer names 1-5
    ok(h("14 05 31 18 01"), {"_key": None}, "VelocyPackHelper::initialize translator: 1 = _key"),
    ok(h("0b 09 02 32 18 35 18 03 05"), {"_rev": None, "_to": None}, "translator: 2 = _rev, 5 = _to"),
    ok(h("14 06 28 03 18 01"), {"_id": None}, f"{SPEC} Objects: uint keys index the translator; 3 = _id"),
    ok(h("14 05 34 18 01"), {"_from": None}, "translator: 4 = _from"),
    # duplicate names pass arangod's Validator (it has no uniqueness check); the first is kept,
    # as ParserTest.DuplicateAttributesAllowed reads {"foo":1,"foo":2}
    ok(h("0b 09 02 40 18 40 30 03 05"), {"": None}, "ValidatorTest.ObjectOneByteNrItemsMatch (duplicate names)"),
]


@pytest.mark.parametrize("case", SPEC_ARRAYS + SPEC_OBJECTS + SCALARS + KEYS, ids=case_id)
def test_bytes_decode_to_values(case: Case) -> None:
    assert same_value(loads(case.data), case.expected), case.source


def test_memoryview_and_bytearray_are_accepted() -> None:
    assert loads(memoryview(h("02 05 31 32 33"))) == [1, 2, 3]
    assert loads(memoryview(h("14 07 41 61 41 62 01"))) == {"a": "b"}
    assert type(loads(memoryview(h("c0 01 ff")))) is bytes
    assert loads(bytearray(h("43 78 79 7a"))) == "xyz"


def test_the_builder_writes_the_spec_s_most_compact_array() -> None:
    # VelocyPack.md, Arrays: "02 05 31 32 33 in the most compact representation"
    assert dumps([1, 2, 3]) == h("02 05 31 32 33")


def test_values_without_json_form_encode_as_themselves() -> None:
    for value, data in [(NONE, h("00")), (ILLEGAL, h("17")), (MIN_KEY, h("1e")), (MAX_KEY, h("1f")),
                        (UTCDate(-1), h("1c ff ff ff ff ff ff ff ff")),
                        (UTCDate(1704067200000), h("1c 00 f4 51 c2 8c 01 00 00")), (b"\x01\x02\x03", h("c0 03 01 02 03")),
                        (Custom(h("f1 00 01")), h("f1 00 01"))]:
        assert dumps(value) == data
        assert same_value(loads(data), value)


def test_utc_date_converts_to_an_aware_datetime() -> None:
    assert UTCDate(1704067200123).to_datetime().isoformat() == "2024-01-01T00:00:00.123000+00:00"


def test_values_without_json_form_render_as_arangod_s_dumper_writes_them() -> None:
    # Dumper::handleUnsupportedType under ConvertUnsupportedType, the default arangod sets in
    # VelocyPackHelper::initialize; text as velocypack's StringDumperTest.ConvertUnsupportedTypeUTCDate
    value = {"d": UTCDate(0), "b": b"\x01", "n": [NONE, ILLEGAL, MIN_KEY, MAX_KEY], "c": Custom(h("f0 01")), "k": 1}
    assert to_json_compatible(value) == {
        "d": "(non-representable type utc-date)", "b": "(non-representable type binary)",
        "n": ["(non-representable type none)", "(non-representable type illegal)",
              "(non-representable type minkey)", "(non-representable type maxkey)"],
        "c": "(non-representable type custom)", "k": 1}
    plain = {"a": [1, "x", None, 2.5]}
    assert to_json_compatible(plain) is plain  # nothing to change: nothing copied
