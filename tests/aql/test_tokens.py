"""The tokenizer: token kinds, values and flex's positions (arangod ``Aql/tokens.ll``)."""

from __future__ import annotations

import pytest

from fake_arango_tasks._aql._tokens import tokenize, unescape
from fake_arango_tasks._errors import ArangoError


def kinds(text: str) -> list[str]:
    return [t.kind for t in tokenize(text)[0]]


@pytest.mark.parametrize("text, expected", [
    ("FOR for For fOr", ["T_FOR"] * 4 + ["T_END"]),
    ("forx xfor", ["T_STRING", "T_STRING", "T_END"]),
    ("NOT IN", ["T_NOT_IN", "T_END"]),
    ("not\n\tin", ["T_NOT_IN", "T_END"]),
    ("NOT INTO", ["T_NOT_IN", "T_STRING", "T_END"]),  # flex's longest match
    ("NOTIN", ["T_STRING", "T_END"]),
    ("NOT /* */ IN", ["T_NOT", "T_IN", "T_END"]),
    ("AT LEAST", ["T_AT_LEAST", "T_END"]),
    ("AT", ["T_STRING", "T_END"]),
    ("1..2", ["T_INTEGER", "T_RANGE", "T_INTEGER", "T_END"]),
    ("1.5..2", ["T_DOUBLE", "T_RANGE", "T_INTEGER", "T_END"]),
    ("1.", ["T_INTEGER", "'.'", "T_END"]),
    (".5", ["T_DOUBLE", "T_END"]),
    ("a.b", ["T_STRING", "'.'", "T_STRING", "T_END"]),
    ("@a @@b @", ["T_PARAMETER", "T_DATA_SOURCE_PARAMETER", "?", "T_END"]),
    ("== != <= >= < > = ! && || =~ !~ :: : ? ..", ["T_EQ", "T_NE", "T_LE", "T_GE", "T_LT", "T_GT", "T_ASSIGN", "T_NOT", "T_AND",
                                                   "T_OR", "T_REGEX_MATCH", "T_REGEX_NON_MATCH", "T_SCOPE", "T_COLON", "T_QUESTION",
                                                   "T_RANGE", "T_END"]),
    ("`for` \u00b4let\u00b4", ["T_STRING", "T_STRING", "T_END"]),
    ("'a' \"b\"", ["T_QUOTED_STRING", "T_QUOTED_STRING", "T_END"]),
    ("_a __b _", ["T_STRING", "T_STRING", "?", "T_END"]),
    ("$x $", ["T_STRING", "?", "T_END"]),
    ("K_PATHS K_SHORTEST_PATHS ALL_SHORTEST_PATHS SHORTEST_PATH", ["T_K_PATHS", "T_K_SHORTEST_PATHS", "T_ALL_SHORTEST_PATHS",
                                                                    "T_SHORTEST_PATH", "T_END"]),
    ("x // c\ny /* d */ z", ["T_STRING", "T_STRING", "T_STRING", "T_END"]),
])
def test_kinds(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize("text, value", [
    ("0x1f", 31), ("0b101", 5), ("123", 123), ("1e2", 100.0), ("9223372036854775807", 9223372036854775807),
    ("9223372036854775808", 9223372036854775808.0),
])
def test_numbers(text: str, value: object) -> None:
    token = tokenize(text)[0][0]
    assert token.value == value and type(token.value) is type(value)


def test_out_of_range_double_warns() -> None:
    tokens, warnings = tokenize("1e999")
    assert tokens[0].value is None and warnings == [(1504, "number out of range")]


def test_positions_follow_flex() -> None:
    tokens = tokenize("FOR x\n  IN y RETURN \"ab\"")[0]
    assert [(t.kind, t.line, t.column) for t in tokens] == [
        ("T_FOR", 1, 0), ("T_STRING", 1, 4), ("T_IN", 2, 2), ("T_STRING", 2, 5), ("T_RETURN", 2, 7),
        ("T_QUOTED_STRING", 2, 17),  # a string's position is its closing quote's
        ("T_END", 2, 17)]  # the end keeps the last match's position


def test_columns_are_bytes() -> None:
    tokens = tokenize("'\u00e4' x")[0]
    assert (tokens[1].line, tokens[1].column) == (1, 5)


def test_newline_inside_string_does_not_reset_the_column() -> None:
    tokens = tokenize("'a\nb' x")[0]
    assert (tokens[1].line, tokens[1].column) == (2, 6)


def test_unterminated() -> None:
    with pytest.raises(ArangoError) as e:
        tokenize("RETURN 'abc")
    assert e.value.error_num == 1501 and e.value.message == "unexpected unterminated string literal near 'c' at position 1:11"


@pytest.mark.parametrize("raw, text", [
    ("a\\nb", "a\nb"), ("\\t\\r\\b\\f", "\t\r\b\f"), ("\\u0041", "A"), ("\\ud83d\\ude00", "\U0001F600"), ("\\q", "q"),
    ("\\\\", "\\"), ("\\'", "'"), ("\\u12", "u12"),
])
def test_unescape(raw: str, text: str) -> None:
    assert unescape(raw) == text
