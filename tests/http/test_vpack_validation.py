"""What arangod refuses in a VelocyPack request body, with velocypack's exact message.

arangod validates ``application/x-velocypack`` bodies with ``VPackValidator`` and
``VelocyPackHelper::strictRequestValidationOptions`` (``HttpRequest::payload``); the bytes of each
case are from velocypack's ``tests/testsValidator.cpp`` (which asserts the exception type) or built
for the rule named; the message is the throw site's in ``src/Validator.cpp`` (or
``Exception::message`` for the type, ``src/Exception.cpp``).
"""

from __future__ import annotations

import pytest

from fake_arango_tasks._velocypack import NESTING_LIMIT, VPackError, loads
from tests.http.cases import Case, case_id, h, refused

UNEQUAL = "given buffer length is unequal to actual length of Slice in buffer"
V = "ValidatorTest"

SCALARS = [
    refused(b"", "length 0 is invalid for any VelocyPack value", "Validator::validatePart, length == 0"),
    refused(h("15"), "Invalid type found in binary data", f"{V}.ReservedValue1 (ValidatorInvalidType)"),
    refused(h("16"), "Invalid type found in binary data", f"{V}.ReservedValue2"),
    refused(h("d8"), "Invalid type found in binary data", f"{V}.ReservedValue3"),
    refused(h("ed"), "Invalid type found in binary data", "VelocyPack.md: 0xd8-0xed reserved"),
    refused(h("18 41"), UNEQUAL, f"{V}.NullValueWithExtra: trailing bytes (validateSliceLength, isSubPart false)"),
    refused(h("1a 41"), UNEQUAL, f"{V}.TrueValueWithExtra"),
    refused(h("17 41"), UNEQUAL, f"{V}.IllegalWithExtra"),
    refused(h("1b"), UNEQUAL, f"{V}.DoubleValueTruncated"),
    refused(h("1b 00 00 00 00 00 00 00"), UNEQUAL, f"{V}.DoubleValueTooShort"),
    refused(h("1b 00 00 00 00 00 00 00 00 00"), UNEQUAL, f"{V}.DoubleValueTooLong"),
    refused(h("1c 00 00 00 00 00 00 00"), UNEQUAL, f"{V}.UTCDateTooShort"),
    refused(h("30 41"), UNEQUAL, f"{V}.SmallIntWithExtra"),
    refused(h("20"), UNEQUAL, f"{V}.IntPositiveOneByteTooShort"),
    refused(h("27"), UNEQUAL, f"{V}.IntPositiveEightBytesTooShort"),
    refused(h("2f 00 00 00 00 00 00 00 00 41"), UNEQUAL, f"{V}.UIntPositiveEightBytesWithExtra"),
    refused(h("42 41 42 43"), UNEQUAL, f"{V}.StringLongerThanSpecified"),
    refused(h("43 41 42"), UNEQUAL, f"{V}.StringShorterThanSpecified"),
    refused(h("bf"), UNEQUAL, f"{V}.LongStringTooShort"),
    refused(h("bf 01 00 00 00 00 00 00 00"), UNEQUAL, f"{V}.LongStringShorterThanSpecified1"),
    refused(h("bf 00 00 00 00 00 00 00 00 41"), UNEQUAL, f"{V}.LongStringLongerThanSpecified1"),
    refused(h("41 80"), "Invalid UTF-8 sequence", f"{V}.StringInvalidUtf8WithValidation1 (validateUtf8Strings)"),
    refused(h("42 ff 70"), "Invalid UTF-8 sequence", f"{V}.StringInvalidUtf8WithValidation3"),
    refused(h("bf 04 00 00 00 00 00 00 00 ff ff ff 07"), "Invalid UTF-8 sequence", f"{V}.StringInvalidUtf8Long"),
    refused(h("43 ed a0 80"), "Invalid UTF-8 sequence", "Utf8Helper::isValidUtf8 (DFA): a surrogate is not UTF-8"),
    refused(h("42 c0 80"), "Invalid UTF-8 sequence", "Utf8Helper::isValidUtf8: an overlong form is not UTF-8"),
    refused(h("c0"), UNEQUAL, "binary without its length byte (validateSliceLength)"),
    refused(h("c0 03 01 02"), UNEQUAL, "binary shorter than its length"),
    refused(h("f0"), UNEQUAL, f"{V}.CustomOneByteTooShort"),
    refused(h("f0 ff 41"), UNEQUAL, f"{V}.CustomOneByteWithExtra"),
    refused(h("f4 00"), "Invalid size for Custom type", f"{V}.CustomOneByteF4ZeroLength"),
    refused(h("f4 01"), UNEQUAL, f"{V}.CustomOneByteF4TooShort"),
    refused(h("f7 00 00"), "Invalid size for Custom type", f"{V}.CustomOneByteF7ZeroLength"),
    refused(h("fa 01 00 00 00"), UNEQUAL, f"{V}.CustomOneByteFATooShort4"),
    refused(h("fd 00 00 00 00 00 00 00 00"), "Invalid size for Custom type", f"{V}.CustomOneByteFDZeroLength"),
    refused(h("fd 01 00 00 00 00 00 00 00 ff 41"), UNEQUAL, f"{V}.CustomOneByteFDWithExtra"),
]

# what arangod's strict options refuse that velocypack's defaults would not
ARANGOD = [
    refused(h("d0"), "BCD types are not allowed in this configuration",
            f"{V}.BCD (NotImplemented by default); arangod sets disallowBCD (VelocyPackHelper::initialize)"),
    refused(h("c8 01 00 00 00 00 12"), "BCD types are not allowed in this configuration", "disallowBCD"),
    refused(h("ee 01 18"), "Tagged types are not allowed in this configuration", "disallowTags"),
    refused(h("ef 01 00 00 00 00 00 00 00 18"), "Tagged types are not allowed in this configuration", "disallowTags"),
    refused(h("1d 00 00 00 00 00 00 00 00"), "Externals are not allowed in this configuration",
            f"{V}.ExternalDisallowed (disallowExternals)"),
    refused(h("02 03 1d"), "Externals are not allowed in this configuration", "disallowExternals, nested"),
    refused(h("14 05 36 18 01"), "Cannot translate key",
            "an integer name the translator has no entry for (translator knows 1-5)"),
    refused(h("14 06 28 ff 18 01"), "Cannot translate key", "uint key without translation"),
]

ARRAYS = [
    refused(h("01 02"), UNEQUAL, f"{V}.EmptyArrayWithExtra"),
    refused(h("02"), UNEQUAL, f"{V}.ArrayOneByteTooShortBytesize0"),
    refused(h("02 05"), UNEQUAL, f"{V}.ArrayOneByteTooShortBytesize1"),
    refused(h("02 04 18"), "Array length is out of bounds", f"{V}.ArrayOneByteTooShort"),
    refused(h("02 05 18"), "Array length is out of bounds", f"{V}.ArrayOneByteTooFewMembers1"),
    refused(h("02 05 18 18"), "Array length is out of bounds", f"{V}.ArrayOneByteTooFewMembers2"),
    refused(h("02 05 18 28 00"), "Unexpected Array value length", f"{V}.ArrayOneByteMultipleMembersDifferentSizes"),
    refused(h("02 09 00 00 00 00 00 00 18"), "Array padding is invalid", f"{V}.ArrayOneByteInvalidPaddings"),
    refused(h("02 04 00 18"), "Array padding is invalid", f"{V}.ArrayOneByteInvalidPaddings"),
    refused(h("02 03 00"), "Array structure is invalid", f"{V}.ArrayEqualSizeContainingNone"),
    refused(h("02 05 18 41 40"), "Unexpected Array value length", f"{V}.ArrayEqualSizeUnequalElements"),
    refused(h("02 04 18 18 41"), UNEQUAL, f"{V}.ArrayEqualSizeMultipleWithExtra"),
    refused(h("03 05 00 18"), "Array length is out of bounds", f"{V}.ArrayTwoBytesTooShort"),
    refused(h("03 06 00 18 28 00"), "Unexpected Array value length", f"{V}.ArrayTwoBytesMultipleMembersDifferentSizes"),
    refused(h("05 09 00 00 00 00 00 00 00 18"), "Array structure is invalid", f"{V}.ArrayEightBytesTooShort"),
    refused(h("05 0b 00 00 00 00 00 00 00 18"), "Array length is out of bounds", f"{V}.ArrayEightBytesTooFewMembers1"),
    refused(h("06 03 00"), UNEQUAL, f"{V}.ArrayOneByteIndexedEmpty (too short for a head)"),
    refused(h("06 05 01 18 04"), "Array index table is wrong", f"{V}.ArrayOneByteIndexedIndexOutOfBounds"),
    refused(h("06 09 02 18 18 18 03 04 05"), "Array index table is wrong", f"{V}.ArrayOneByteIndexedTooManyMembers1"),
    refused(h("06 08 03 18 18 18 03 04"), "Array index table is wrong", f"{V}.ArrayOneByteIndexedTooManyMembers3"),
    refused(h("06 07 02 18 18 03 03"), "Array index table is wrong", f"{V}.ArrayOneByteIndexedRepeatedValues"),
    refused(h("06 0a 01 00 00 00 00 00 18 08"), "Array padding is invalid", f"{V}.ArrayOneByteIndexedInvalidPaddings"),
    refused(h("06 06 01 be 30 04"), UNEQUAL, f"{V}.ArrayMoreItemsThanIndex (0xbe claims 126 bytes)"),
    refused(h("07 05 00 00 00"), UNEQUAL, f"{V}.ArrayTwoByteIndexedEmpty (shorter than a 2-byte head)"),
    refused(h("07 05 00 01 00"), UNEQUAL, f"{V}.ArrayTwoByteIndexedInvalidLength7"),
    refused(h("08 09 00 00 00 00 00 00 00"), UNEQUAL, f"{V}.ArrayFourByteIndexedEmpty"),
    refused(h("09 11 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"), UNEQUAL, f"{V}.ArrayEightByteIndexedEmpty"),
    refused(h("09 1a 00 00 00 00 00 00 00 18 0a 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00"),
            "Array index table is wrong", f"{V}.ArrayEightByteIndexedIndexOutOfBounds"),
    refused(h("13 04 18 01 41"), UNEQUAL, f"{V}.ArrayCompactWithExtra"),
    refused(h("13 04"), UNEQUAL, f"{V}.ArrayCompactTooShort1"),
    refused(h("13 04 18"), UNEQUAL, f"{V}.ArrayCompactTooShort2"),
    refused(h("13 80 80 80"), "Compound value length value is out of bounds", f"{V}.ArrayCompactTooShort4 (4 bytes)"),
    refused(h("13 80 05 18"), "Array length value is out of bounds", f"{V}.ArrayCompactTooShort5"),
    refused(h("13 04 18 02"), "length 0 is invalid for any VelocyPack value", f"{V}.ArrayCompactTooShort6"),
    refused(h("13 04 18 00"), "Array length value is out of bounds", f"{V}.ArrayCompactEmpty"),
    refused(h("13 04 06 01"), UNEQUAL, f"{V}.ArrayCompactTooShort8 (member runs past the count)"),
]

OBJECTS = [
    refused(h("0a 02"), UNEQUAL, f"{V}.EmptyObjectWithExtra"),
    refused(h("0b 03 00"), UNEQUAL, f"{V}.ObjectOneByteEmpty"),
    refused(h("0b 06 02 40 18 03"), "Object value leaking into index table", f"{V}.ObjectOneByteNrItemsWrong1"),
    refused(h("0b 08 01 40 18 40 18 03"), "Object value has more key/value pairs than announced", f"{V}.ObjectOneByteNrItemsWrong2"),
    refused(h("0b 05 01 40 03"), "Object value leaking into index table", f"{V}.ObjectOneByteOnlyKey"),
    refused(h("0b 06 01 45 41 03"), UNEQUAL, f"{V}.ObjectOneByteStopInKey"),
    refused(h("0b 06 01 41 61 03"), "Object value leaking into index table", f"{V}.ObjectValueLeakIndex"),
    refused(h("0b 08 01 be 41 61 31 04"), UNEQUAL, f"{V}.ObjectMoreItemsThanIndex (0xbe claims 126 bytes)"),
    refused(h("0b 07 01 00 40 18 04"), "Object padding is invalid", f"{V}.ObjectOneByteInvalidPaddings"),
    refused(h("0b 06 01 40 18 04"), "Object has invalid index offset", "an index entry that is no member's offset"),
    refused(h("0b 06 01 20 18 03"), "Invalid object key type", "a signed int as name (Validator: Invalid object key type)"),
    refused(h("0b 06 01 30 18 03"), "Invalid object key type", "small int 0 as name (must be > 0)"),
    refused(h("0b 06 01 18 18 03"), "Invalid object key type", "null as name"),
    refused(h("0c 05 00 00 00"), UNEQUAL, f"{V}.ObjectTwoByteEmpty (shorter than a 2-byte head)"),
    refused(h("0c 09 00 02 00 40 18 05 00"), "Object has fewer items than in index", f"{V}.ObjectTwoByteNrItemsWrong1"),
    refused(h("0d 10 00 00 00 01 00 00 00 40 18 09 00 00 00 41"), UNEQUAL, f"{V}.ObjectFourByteWithExtra"),
    refused(h("14 03 00"), UNEQUAL, f"{V}.ObjectCompactEmpty"),
    refused(h("14 06 40 18 01 41"), "Invalid object key type", f"{V}.ObjectCompactWithExtra (0x41 read as 65 members)"),
    refused(h("14 05 40 18 02"), "length 0 is invalid for any VelocyPack value", f"{V}.ObjectCompactNrItemsWrong1"),
    refused(h("14 07 40 18 40 18 01"), "Object has more members than specified", f"{V}.ObjectCompactNrItemsWrong2"),
    refused(h("14 04 40 01"), UNEQUAL, f"{V}.ObjectCompactOnlyKey"),
    refused(h("14 05 45 41 01"), UNEQUAL, f"{V}.ObjectCompactStopInKey"),
    # velocypack 3.12 looks for the members of an 8-byte object at its end (firstMember = ptr +
    # byteSize in validateIndexedObject), so it finds none, though VelocyPack.md allows the layout
    refused(bytes((0x0E,)) + (39).to_bytes(8, "little") + h("41 61 31 41 62 32")
            + (9).to_bytes(8, "little") + (12).to_bytes(8, "little") + (2).to_bytes(8, "little"),
            "Object has fewer items than in index", "Validator::validateIndexedObject, 0x0e/0x12"),
]


@pytest.mark.parametrize("case", SCALARS + ARANGOD + ARRAYS + OBJECTS, ids=case_id)
def test_refused_with_velocypack_s_message(case: Case) -> None:
    with pytest.raises(VPackError) as caught:
        loads(case.data)
    assert caught.value.message == case.expected, case.source


def test_the_http_layer_answers_400_600_with_the_message() -> None:
    # RestBaseHandler::parseVPackBody: "VPackError error: " + e.what(), 400, errorNum 600
    with pytest.raises(VPackError) as caught:
        loads(h("18 41"))
    error = caught.value.to_arango_error()
    assert (error.status, error.error_num, error.message) == (400, 600, f"VPackError error: {UNEQUAL}")
    assert isinstance(caught.value, ValueError)


def _nested(depth: int, innermost: bytes = b"\x01") -> bytes:
    """``depth`` levels: one-member arrays around ``innermost`` (itself one level)."""
    data = innermost
    for _ in range(depth - 1):
        data = _one_member_array(data)
    return data


def _one_member_array(member: bytes) -> bytes:
    if len(member) + 2 <= 0xFF:
        return bytes((0x02, len(member) + 2)) + member
    return bytes((0x03,)) + (len(member) + 3).to_bytes(2, "little") + member


@pytest.mark.parametrize(("depth", "innermost"), [(NESTING_LIMIT, b"\x01"), (NESTING_LIMIT, b"\x0a"),
                                                 (NESTING_LIMIT - 1, h("14 05 40 0a 01"))])
def test_200_levels_of_arrays_and_objects_pass(depth: int, innermost: bytes) -> None:
    # VelocyPackHelper::initialize: nestingLimit = 200 + 1, "the threshold value is exclusive"
    value = loads(_nested(depth, innermost))
    levels = 0
    while isinstance(value, (list, dict)) and value:
        value = value[0] if isinstance(value, list) else next(iter(value.values()))
        levels += 1
    assert levels + 1 == NESTING_LIMIT


@pytest.mark.parametrize("innermost", [b"\x01", b"\x0a", h("02 03 18")])
def test_the_201st_level_is_refused_even_when_empty(innermost: bytes) -> None:
    # Validator::validatePart counts every Array/Object, the empty 0x01/0x0a too (++_nesting >= limit)
    with pytest.raises(VPackError) as caught:
        loads(_nested(NESTING_LIMIT + 1, innermost))
    assert caught.value.message == "Too deep nesting in Array/Object"
