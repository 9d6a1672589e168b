"""JSON request bodies as arangod reads them: velocypack's ``Parser`` with arangod's strict options.

Each case names velocypack's own test (``tests/testsParser.cpp``, which asserts the exception
type, once the message) and the message's throw site in ``src/Parser.cpp`` / ``Parser.h``; arangod
adds ``checkAttributeUniqueness``, ``validateUtf8Strings`` and ``nestingLimit = 200 + 1``
(``VelocyPackHelper::initialize``).

Not established from the sources, so not pinned: velocypack copies runs of plain characters in
16-byte blocks that do not forget a pending ``\\ud800``, so ``"\\ud800" + 16+ plain characters +
"\\udc00"`` would pair the surrogates across the run there; here (and in velocypack's byte-wise
path) they stay apart.
"""

from __future__ import annotations

import pytest

from fake_arango_tasks._json import _Parser, loads_json
from fake_arango_tasks._velocypack import NESTING_LIMIT, VPackError
from tests.http.cases import Case, case_id, ok, refused, same_value

P = "ParserTest"
NINES = b"9" * 1000

SYNTAX = [
    refused(b"", "Expecting item", f"{P}.Empty; Parser::parseJson skipWhiteSpace"),
    refused(b"  ", "Expecting item", f"{P}.WhitespaceOnly"),
    refused(b"z", "Expecting digit", f"{P}.GarbageCatchVelocyPackException (asserts this text)"),
    refused(b"foo", "Expecting 'false'", f"{P}.Garbage2; Parser::parseFalse"),
    refused(b"truth", "Expecting 'true'", f"{P}.Garbage3; Parser::parseTrue"),
    refused(b"tru", "Expecting 'true'", f"{P}.Garbage4"),
    refused(b"truebar", "Expecting EOF", f"{P}.Garbage5; Parser::parseInternal"),
    refused(b"fals", "Expecting 'false'", f"{P}.Garbage6"),
    refused(b"falselaber", "Expecting EOF", f"{P}.Garbage7"),
    refused(b"zauberzauber", "Expecting digit", f"{P}.Garbage8"),
    refused(b"true,", "Expecting EOF", f"{P}.Garbage9"),
    refused(b",", "Expecting digit", f"{P}.Punctuation1: anything else is parsed as a number"),
    refused(b"/", "Expecting digit", f"{P}.Punctuation2"),
    refused(b"@", "Expecting digit", f"{P}.Punctuation3"),
    refused(b":", "Expecting digit", f"{P}.Punctuation4"),
    refused(b"nork", "Expecting 'null'", f"{P}.NullInvalid; Parser::parseNull"),
    refused(b"fork", "Expecting 'false'", f"{P}.FalseInvalid"),
    refused(b"tork", "Expecting 'true'", f"{P}.TrueInvalid"),
    refused(b"[", "Expecting item or ']'", f"{P}.BrokenArray1; Parser::parseArray"),
    refused(b"[,", "Expecting digit", f"{P}.BrokenArray2"),
    refused(b"[1,", "Expecting item", f"{P}.BrokenArray3"),
    refused(b"[1,]", "Expecting digit", "Parser::parseArray: after ',' a value must follow"),
    refused(b"[1 2]", "Expecting ',' or ']'", "Parser::parseArray"),
    refused(b"[ [ ]", "Expecting ',' or ']'", f"{P}.NestedArrayInvalid1"),
    refused(b"[ ] ]", "Expecting EOF", f"{P}.NestedArrayInvalid2"),
    refused(b'[ [ "foo", [ "bar", "baz", null ] ]', "Expecting ',' or ']'", f"{P}.NestedArrayInvalid3"),
    refused(b"{", "Expecting item or '}'", f"{P}.BrokenObject1; Parser::parseObject"),
    refused(b"{,", "Expecting '\"' or '}'", f"{P}.BrokenObject2"),
    refused(b"{1,", "Expecting '\"' or '}'", f"{P}.BrokenObject3"),
    refused(b'{"foo', "Unfinished string", f"{P}.BrokenObject4"),
    refused(b'{"foo"', "Expecting ':'", f"{P}.BrokenObject5"),
    refused(b'{"foo":', "Expecting item", f"{P}.BrokenObject6"),
    refused(b'{"foo":"foo', "Unfinished string", f"{P}.BrokenObject7"),
    refused(b'{"foo":"foo", ', "Expecting '\"' or '}'", f"{P}.BrokenObject8"),
    refused(b'{"foo":"foo", }', "Expecting '\"' or '}'", f"{P}.BrokenObject9: no trailing comma"),
    refused(b'{"foo" }', "Expecting ':'", f"{P}.BrokenObject10"),
    refused(b'{"foo" : [', "Expecting item or ']'", f"{P}.BrokenObject11"),
    refused(b'{"a":1 "b":2}', "Expecting ',' or '}'", "Parser::parseObject"),
    refused(b"{'foo':'bar' }", "Expecting '\"' or '}'", f"{P}.ObjectInvalidQuotes"),
    refused(b'{foo:"bar" }', "Expecting '\"' or '}'", f"{P}.ObjectMissingQuotes"),
    refused(b"\xef\xbb", "Expecting digit", f"{P}.Utf8BomBroken: a BOM is skipped only whole"),
]

NUMBERS = [
    ok(b"0", 0, f"{P}.Zero"),
    ok(b"1", 1, f"{P}.Int1"),
    ok(b"-1", -1, f"{P}.IntM1"),
    ok(b"100000", 100000, f"{P}.Int2"),
    ok(b"-100000", -100000, f"{P}.Int3"),
    ok(b"-0", 0, "Parser::parseNumber: addInt(-0)"),
    ok(b"[-0.0]", [-0.0], "atof(\"-0.0\")"),
    ok(b"-9223372036854775808", -(2**63), f"{P}.IntMin: INT64_MIN stays an int"),
    ok(b"-9223372036854775809", -9.223372036854775809e18, f"{P}.IntMinMinusOne: a double"),
    ok(b"9223372036854775807", 2**63 - 1, f"{P}.IntMax"),
    ok(b"9223372036854775808", 2**63, f"{P}.IntMaxPlusOne: a uint"),
    ok(b"18446744073709551615", 2**64 - 1, f"{P}.UIntMax"),
    ok(b"18446744073709551616", 1.8446744073709552e19, f"{P}.UIntMaxPlusOne: a double"),
    ok(b"-18446744073709551615", -1.8446744073709552e19, f"{P}.UIntMaxNeg: beyond int64, a double"),
    ok(b"-184467440737095516161", -1.8446744073709552e20, f"{P}.DoubleNeg"),
    ok(b"[184467440737095516161]", [1.8446744073709552e20], "ParsedNumber::addDigit: digits accumulate in a double"),
    ok(b"1.0124", 1.0124, f"{P}.Double1"),
    ok(b"-1.0124", -1.0124, f"{P}.Double2"),
    ok(b"-3e12", -3e12, f"{P}.DoubleScientificWithoutDot1"),
    ok(b"-1.0124e42", -1.0124e42, f"{P}.DoubleScientific1"),
    ok(b"3122243.0124e-42", 3122243.0124e-42, f"{P}.DoubleScientific3"),
    ok(b"2335431.0124E-42", 2335431.0124e-42, f"{P}.DoubleScientific4"),
    # a body that ends right after its fraction keeps velocypack's own digit sum, not atof:
    # 0 + 0.1 * 3 (ParserTest.DoublePrecision1 compares with ASSERT_DOUBLE_EQ for this reason)
    ok(b"0.3", 0.30000000000000004, f"{P}.DoublePrecision1; Parser::parseNumber, fraction at EOF"),
    ok(b"0.3 ", 0.3, "Parser::parseNumber: anything after the fraction, and it is atof"),
    ok(b"[0.3]", [0.3], "Parser::parseNumber: atof inside an array"),
    ok(b"1.5", 1.5, "fraction at EOF: 1 + 0.1 * 5 is exact"),
    ok(b"[1e308]", [1e308], "Parser::parseNumber: 1 * pow(10, 308) is finite"),
    ok(b"[1e-400]", [0.0], "Parser::parseNumber: underflow is no error"),
    ok(b"[1.7976931348623157e308]", [1.7976931348623157e308], "the largest double"),
    refused(b"00", "Expecting EOF", f"{P}.ZeroInvalid: a leading 0 ends the number"),
    refused(b"[01]", "Expecting ',' or ']'", "Parser::parseNumber: a leading 0 ends the number"),
    refused(b"-", "Incomplete number", f"{P}.NumberIncomplete"),
    refused(b"-a", "Expecting digit", "Parser::parseNumber"),
    refused(b"+1", "Expecting digit", "Parser::parseNumber: no leading +"),
    refused(b".5", "Expecting digit", "Parser::parseNumber"),
    refused(b"1234.", "Incomplete number", f"{P}.DoubleBroken1"),
    refused(b"1234.a", "Incomplete number", f"{P}.DoubleBroken2"),
    refused(b"1234.33e", "Incomplete number", f"{P}.DoubleBrokenExponent"),
    refused(b"1234.33e-", "Incomplete number", f"{P}.DoubleBrokenExponent2"),
    refused(b"1234.33e+", "Incomplete number", f"{P}.DoubleBrokenExponent3"),
    refused(b"1234.33ea", "Incomplete number", f"{P}.DoubleBrokenExponent4"),
    refused(b"1e22222222222222222222222222222222222222222222222222222222222222", "Number out of range",
            f"{P}.DoubleBrokenExponent5 (NumberOutOfRange)"),
    refused(b"-" + NINES, "Number out of range", f"{P}.IntMinusInf"),
    refused(NINES, "Number out of range", f"{P}.IntPlusInf"),
    refused(b"[" + NINES + b"]", "Number out of range", "ParsedNumber::addDigit inside an array"),
    refused(b"[1" + b"0" * 5000 + b"]", "Number out of range", "5000 digits (no int() of them anywhere)"),
    refused(b"-1.2345e999", "Number out of range", f"{P}.DoubleMinusInf"),
    refused(b"1.2345e999", "Number out of range", f"{P}.DoublePlusInf"),
    refused(b"[1e400]", "Number out of range", "Parser::parseNumber: value * pow(10, exp) overflows"),
    refused(b"[0e400]", "Number out of range", "Parser::parseNumber: 0 * pow(10, 400) is NaN"),
    refused(b"[0.1e309]", "Number out of range", "Parser::parseNumber: 0.1 * inf, though atof would be finite"),
    refused(b"[" + NINES + b".5]", "Number out of range", "Parser::parseNumber: the integer part overflows first"),
    refused(b"[" + NINES + b".]", "Number out of range", "the integer part is scanned before the '.' is checked"),
    refused(b"NaN", "Expecting digit", "Parser::parseJson: no NaN in JSON"),
    refused(b"[Infinity]", "Expecting digit", "no Infinity"),
    refused(b"[-Infinity]", "Expecting digit", "no -Infinity"),
    refused(b'{"a":NaN}', "Expecting digit", "no NaN inside an object"),
]

STRINGS = [
    ok(b'"der m\\u00d6ter"', "der m\u00d6ter", f"{P}.StringLiteralUtf8SequenceLowerCase"),
    ok(b'"der m\\u00D6ter"', "der m\u00d6ter", f"{P}.StringLiteralUtf8SequenceUpperCase"),
    ok(b'"\\ud800\\udc00\\udbff\\udfff\\udbc8\\udf45"', "\U00010000\U0010ffff\U00102345",
       f"{P}.StringLiteralWithSurrogatePairs"),
    ok(b'  "der\\thund\\nging\\rin\\fden\\\\wald\\"und\\b\\nden\'fux"  ',
       "der\thund\nging\rin\fden\\wald\"und\b\nden'fux", f"{P}.StringLiteralWithSpecials"),
    ok(b'"\\/"', "/", "Parser::parseString: \\/ is /"),
    ok(b'"\\u0000"', "\x00", "Parser::parseString: \\u0000 is a zero byte"),
    ok('"der mötör klötörte"'.encode(), "der mötör klötörte", f"{P}.StringLiteralUtf8Chars"),
    ok(b'"\xf0\xa4\xad\xa2"', "\U00024B62", f"{P}.StringFourByteUTF8"),
    ok(b'"\x7f"', "\x7f", "Parser::parseString: DEL is no control character"),
    # kept as the bytes velocypack writes, then read as the characters its Dumper prints
    ok(b'"\\ud800"', "\ud800", "Parser::parseString: a lone high surrogate is 3 bytes (ed a0 80)"),
    ok(b'"\\udc00"', "\udc00", "Parser::parseString: a lone low surrogate"),
    ok(b'"\\ud800\\ud800\\udc00"', "\ud800\U00010000", "Parser::parseString: the later high surrogate pairs"),
    ok(b'"\\ud800x\\udc00"', "\ud800x\udc00", "Parser::parseString: any other character resets the pair"),
    ok(b'"\xed\xa0\x80"', "\ud800", "Parser::parseString validateUtf8Strings: lead and continuation bits only"),
    ok(b'"\xc0\x80"', "\x00", "an overlong 2-byte form passes; Dumper::dumpString prints \\u0000"),
    ok(b'"\xe0\x80\x80"', "\x00", "an overlong 3-byte form passes"),
    ok(b'"\xf5\x80\x80\x80"', "\ud8c0\udc00", "a 4-byte form past U+10FFFF passes; the Dumper's surrogate pair"),
    refused(b'"der hund', "Unfinished string", f"{P}.UnterminatedStringLiteral"),
    refused(b'"der hund\\', "Invalid escape sequence", f"{P}.UnterminatedEscapeSequence"),
    refused(b'"\\u"', "Illegal \\uXXXX escape sequence", f"{P}.UnterminatedEscapeUnicodeSequence1"),
    refused(b'"\\u0"', "Illegal \\uXXXX escape sequence", f"{P}.UnterminatedEscapeUnicodeSequence2"),
    refused(b'"\\u', "Unfinished \\uXXXX escape sequence", f"{P}.UnterminatedEscapeUnicodeSequence5"),
    refused(b'"\\u123', "Unfinished \\uXXXX escape sequence", f"{P}.UnterminatedEscapeUnicodeSequence8"),
    refused(b'"\\u1234', "Unfinished string", f"{P}.UnterminatedEscapeUnicodeSequence9"),
    refused(b'"\\uz"', "Illegal \\uXXXX escape sequence", f"{P}.InvalidEscapeUnicodeSequence1"),
    refused(b'"\\U----"', "Invalid escape sequence", f"{P}.InvalidEscapeUnicodeSequence3"),
    refused(b'"\\x"', "Invalid escape sequence", f"{P}.InvalidEscapeSequence1"),
    refused(b'"\\z"', "Invalid escape sequence", f"{P}.InvalidEscapeSequence2"),
    refused(b'"\x80"', "Invalid UTF-8 sequence", f"{P}.StringLiteralInvalidUtfValue1"),
    refused(b'"\xff\xff"', "Invalid UTF-8 sequence", f"{P}.StringLiteralInvalidUtfValue2"),
    refused(b'"' + b"\x80" * 100 + b'"', "Invalid UTF-8 sequence", f"{P}.StringLiteralInvalidUtfValueLongString"),
    refused(b'"\xc3"', "Invalid UTF-8 sequence", "Parser::parseString: '\"' is no continuation byte"),
    refused(b'"\xc3', "scanString: truncated UTF-8 sequence", "Parser::parseString at the end of the body"),
    refused(b'"\xf8\x80\x80\x80\x80"', "Invalid UTF-8 sequence", "no 5-byte forms"),
    refused(b'{"\xff":1}', "Invalid UTF-8 sequence", "names are strings too"),
    refused(b"\xff", "Expecting digit", "a stray byte outside strings is parsed as a number"),
] + [refused(b'"' + bytes((c,)) + b'"', "Unexpected control character", f"{P}.StringLiteralControlCharacter")
     for c in (0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F)]

STRUCTURE = [
    ok(b"[]", [], f"{P}.EmptyArray"),
    ok(b"  [    ]   ", [], f"{P}.WhitespacedArray"),
    ok(b"[1]", [1], f"{P}.Array1"),
    ok(b"[-1,2, 4.5, 3, -99.99]", [-1, 2, 4.5, 3, -99.99], f"{P}.Array3"),
    ok(b'["foo", "bar", "baz", null, true, false, -42.23 ]', ["foo", "bar", "baz", None, True, False, -42.23],
       f"{P}.Array4"),
    ok(b"[ [ ],[[]],[],[ [[ [], [ ], [ ] ], [ ] ] ], [] ]", [[], [[]], [], [[[[], [], []], []]], []],
       f"{P}.NestedArray2"),
    ok(b"{}", {}, f"{P}.EmptyObject"),
    ok(b'{ "foo" : "bar", "baz":true}', {"foo": "bar", "baz": True}, f"{P}.ObjectSimple2: body order kept"),
    ok(b'{"foo":null,"bar":true,"baz":13.53,"qux":[1],"quz":{}}',
       {"foo": None, "bar": True, "baz": 13.53, "qux": [1], "quz": {}}, f"{P}.ObjectMixed"),
    ok(b'\xef\xbb\xbf{"foo":1}', {"foo": 1}, f"{P}.Utf8Bom"),
    ok(b' \t\r\n{"a" : [ 1 , 2 ] }\n', {"a": [1, 2]}, "Parser::isWhiteSpace: space, tab, CR, LF"),
    refused(b'\x0c{"a":1}', "Expecting digit", "form feed is no whitespace"),
    refused('\u00a0{}'.encode(), "Expecting digit", "nor is a no-break space"),
    ok(b'{"_key":"a","_rev":"b","_id":"c","_from":"d","_to":"e"}',
       {"_key": "a", "_rev": "b", "_id": "c", "_from": "d", "_to": "e"},
       "the attribute translator renames these to integers and back: invisible"),
    refused(b'{"foo":1,"foo":2}', "Duplicate attribute name",
            f"{P}.DuplicateAttributesDisallowed; arangod sets checkAttributeUniqueness"),
    refused(b'{"foo":1,"bar":3,"foo":2}', "Duplicate attribute name", f"{P}.DuplicateAttributesDisallowedUnsortedObject"),
    ok(b'{"foo":{"bar":1},"baz":{"bar":2},"bar":{"foo":23,"baz":9}}',
       {"foo": {"bar": 1}, "baz": {"bar": 2}, "bar": {"foo": 23, "baz": 9}}, f"{P}.DuplicateSubAttributesAllowed"),
    refused(b'{"roo":{"bar":1,"abc":true,"def":7,"abc":2}}', "Duplicate attribute name",
            f"{P}.DuplicateSubAttributesDisallowed"),
    refused(b'{"_key":1,"_key":2}', "Duplicate attribute name", "translated names are compared too"),
    refused(b'{"a":1,"a":2,"b":[}', "Expecting digit",
            "Builder::close checks names when the object closes: a later syntax error comes first"),
    refused(b'[{"a":1,"a":2}, 1e400]', "Duplicate attribute name", "errors in body order"),
    refused(b'[1e400, {"a":1,"a":2}]', "Number out of range", "errors in body order"),
]


@pytest.mark.parametrize("case", SYNTAX + NUMBERS + STRINGS + STRUCTURE, ids=case_id)
def test_body_as_velocypack_s_parser_reads_it(case: Case) -> None:
    if case.error:
        with pytest.raises(VPackError) as caught:
            loads_json(case.data)
        assert caught.value.message == case.expected, case.source
    else:
        assert same_value(loads_json(case.data), case.expected), case.source


def _arrays(depth: int, inner: bytes = b"") -> bytes:
    return b"[" * depth + inner + b"]" * depth


@pytest.mark.parametrize(
    ("body", "source"),
    [
        (_arrays(NESTING_LIMIT), "200 arrays, the innermost empty"),
        (_arrays(NESTING_LIMIT, b"1"), "200 arrays around a number"),
        (b'{"a":' * (NESTING_LIMIT - 1) + b"{}" + b"}" * (NESTING_LIMIT - 1), "200 objects, the innermost empty"),
        (b'[{"a":' * (NESTING_LIMIT // 2) + b"1" + b"}]" * (NESTING_LIMIT // 2), "200 of both"),
    ],
)
def test_200_levels_pass(body: bytes, source: str) -> None:
    # VelocyPackHelper::initialize: nestingLimit = 200 + 1, exclusive; the fast path and the
    # exact parser both accept them
    assert loads_json(body) == _Parser(body).parse()


@pytest.mark.parametrize(
    ("body", "source"),
    [
        (_arrays(NESTING_LIMIT + 1), "201 arrays: Parser::increaseNesting counts the empty one too"),
        (b'{"a":' * NESTING_LIMIT + b"{}" + b"}" * NESTING_LIMIT, "201 objects"),
        (b"[" * (NESTING_LIMIT + 1) + b"garbage", "refused at the 201st opening, before what follows"),
        (b"[" * 100000 + b"]" * 100000, "100000 levels: refused without recursing that deep"),
        (b" " + _arrays(NESTING_LIMIT + 1) + b" ", "with whitespace around"),
    ],
)
def test_the_201st_level_is_refused(body: bytes, source: str) -> None:
    with pytest.raises(VPackError) as caught:
        loads_json(body)
    assert caught.value.message == "Too deep nesting in Array/Object", source


def test_bytes_like_bodies() -> None:
    assert loads_json(bytearray(b'{"a":1}')) == {"a": 1}
    assert loads_json(memoryview(b"[1]")) == [1]


def test_refusals_become_arangod_s_400_600() -> None:
    with pytest.raises(VPackError) as caught:
        loads_json(b'{"a":1,}')
    error = caught.value.to_arango_error()
    assert (error.status, error.error_num, error.message) == (400, 600, "VPackError error: Expecting '\"' or '}'")
