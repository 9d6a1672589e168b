"""Arithmetic: ``tests/js/server/aql/aql-arithmetic.js`` (unary plus/minus on every type, binary
plus with conversions, precedence), each with and without ``NOOPT`` (folded at compile time or
evaluated at run time: the same result)."""

from tests.aql.case import AqlCase

A = "tests/js/server/aql/aql-arithmetic.js"

UNARY = [  # (test, expression, value)
    ("testUnaryPlus1", "+0", 0), ("testUnaryPlus2", "+1", 1), ("testUnaryPlus3", "++1", 1), ("testUnaryPlus4", "+-5", -5),
    ("testUnaryPlus5", "+++5.4", 5.4),
    ("testUnaryPlusNonNumeric", "+null", 0), ("testUnaryPlusNonNumeric", "+true", 1), ("testUnaryPlusNonNumeric", "+false", 0),
    ("testUnaryPlusNonNumeric", '+"value"', 0), ("testUnaryPlusNonNumeric", '+"1"', 1), ("testUnaryPlusNonNumeric", '+"-3"', -3),
    ("testUnaryPlusNonNumeric", '+"-3.4"', -3.4), ("testUnaryPlusNonNumeric", "+[ ]", 0), ("testUnaryPlusNonNumeric", "+[ 0 ]", 0),
    ("testUnaryPlusNonNumeric", "+[ -34 ]", -34), ("testUnaryPlusNonNumeric", "+[ 1, 2 ]", 0), ("testUnaryPlusNonNumeric", '+[ "abc" ]', 0),
    ("testUnaryPlusNonNumeric", '+[ "3" ]', 3), ("testUnaryPlusNonNumeric", "+{ }", 0),
    ("testUnaryMinus1", "-0", 0), ("testUnaryMinus2", "-1", -1), ("testUnaryMinus3", "--1", 1), ("testUnaryMinus4", "-+5", -5),
    ("testUnaryMinus5", "---5.4", -5.4),
    ("testUnaryMinusNonNumeric", "-null", 0), ("testUnaryMinusNonNumeric", "-true", -1), ("testUnaryMinusNonNumeric", "-false", 0),
    ("testUnaryMinusNonNumeric", '-"value"', 0), ("testUnaryMinusNonNumeric", '-"1"', -1), ("testUnaryMinusNonNumeric", '-"-3"', 3),
    ("testUnaryMinusNonNumeric", '-"-3.5"', 3.5), ("testUnaryMinusNonNumeric", "-[ ]", 0), ("testUnaryMinusNonNumeric", "-[ 0 ]", 0),
    ("testUnaryMinusNonNumeric", "-[ -34 ]", 34), ("testUnaryMinusNonNumeric", "-[ 1, 2 ]", 0), ("testUnaryMinusNonNumeric", '-[ "abc" ]', 0),
    ("testUnaryMinusNonNumeric", '-[ "3" ]', -3), ("testUnaryMinusNonNumeric", "-{ }", 0),
]
BINARY_PLUS = [  # (left, right, value)
    ("1", "null", 1), ("1", "false", 1), ("1", "true", 2), ("1", '"0"', 1), ("1", '"2"', 3), ("1", '"2.5"', 3.5), ("1", '"-2.5"', -1.5),
    ("1", '"42"', 43), ("1", '"-17"', -16), ("1", "[ ]", 1), ("1", "[ 0 ]", 1), ("1", "[ 4 ]", 5), ("1", "[ -4 ]", -3), ("1", "{ }", 1),
    ("null", "1", 1), ("false", "1", 1), ("true", "1", 2), ('"0"', "1", 1), ('"23"', "1", 24), ('"-9"', "1", -8), ("[ ]", "1", 1),
]
PRECEDENCE = [
    ("5", "8 + -7 / -7 - 5 * -10 + 7", 66), ("6", "7 + 7 + -5 + -1", 8), ("7", "0 / -2 + 9 + 4", 13), ("8", "6 - 0 + 5 - 3", 8),
    ("9", "10 / 5 - -5 + 2 - 4 - 1", 4), ("10", "-4 * -4 + 4 - 4 - -3 + -5", 14), ("11", "-9 - 8 * -6 / -4 * 1 / 6", -11),
    ("12", "-4 * -8 * 10 + 2 - -10", 332), ("13", "-2 * 7 * -5 + -10 * 5 * -4", 270), ("14", "-10 * 9 - -8 * -2 - -5 * -10 / 10", -111),
    ("15", "7 * 0 * -9 / 10 + 2", 2), ("16", "7 - 5 - 2 - -9", 9), ("17", "-9 - -9 + -8 + 6 * 1", -2), ("18", "-1 * 9 - 0 / -4", -9),
    ("19", "-4 / -1 * -4 / 1 * 7", -112), ("20", "5 - 7 - -9 + 0", 7), ("21", "-8 + 6 + -7 * 4 - 4", -34), ("22", "-7 - 7 * 5 - 8 / -8", -41),
    ("23", "6 + -1 * -10 * -4 - 1 * -9", -25), ("24", "5 * -1 + -5 + -1 * -10", 0), ("25", "-9 * -3 - 9 / -3", 30),
    ("26", "0 + -4 + -2 / -1 - -6 / -1", -8), ("27", "-9 * 3 * -9 - -4 * -8 - 8 - 5", 198), ("28", "-1 * 4 * 0 + -1", -1),
    ("29", "-2 + -6 - -9 + 8 + 0 * -8", 9), ("30", "-8 * -8 - 5 - 6 / -1", 65), ("31", "4 + -8 + -9 + 5 * 5", 12),
    ("32", "0 * 4 * -1 + -1 - 3", -4), ("33", "9 * 4 * 8 - -5", 293), ("34", "4 * 2 + 3 * -1", 5), ("35", "5 * 0 * 10 - 6 / 1 * -10", 60),
    ("36", "4 * 5 - 9 * -8 * 8 - -4 - 0", 600), ("37", "-5 * 7 * -1 - 9 * -10 + -3 - 8", 114), ("38", "6 - 10 * -2 / 10 * 8 - 0 / -8", 22),
    ("39", "-5 + -10 * -6 + 6 + -6 * 9", 7), ("40", "-1 - -1 + 4 - 10 * -5", 54), ("41", "-9 - 2 + 2 - 0 + -4 * 6", -33),
    ("42", "-5 * -9 - 5 * -7 * 0 * 5", 45), ("43", "-4 * 9 - 6 * 5 - 9 + -6 + 3", -78), ("44", "-10 / -2 + -8 + -4 - -6", -1),
    ("45", "3 + 8 - 3 * -6 - -5 + 7 - -4", 45), ("46", "-1 - -9 * 9 + -5 - 7", 68),
]

CASES = []
for test, expression, value in UNARY:
    CASES.append(AqlCase(source=f"{A}:{test}", query=f"RETURN {expression}", expect=[value]))
    CASES.append(AqlCase(source=f"{A}:{test} (NOOPT)", query=f"RETURN NOOPT({expression})", expect=[value]))
for left, right, value in BINARY_PLUS:
    CASES.append(AqlCase(source=f"{A}:testBinaryPlusNonNumeric", query=f"RETURN {left} + {right}", expect=[value]))
    CASES.append(AqlCase(source=f"{A}:testBinaryPlusNonNumeric (NOOPT)", query=f"RETURN NOOPT({left}) + {right}", expect=[value]))
for number, expression, value in PRECEDENCE:
    CASES.append(AqlCase(source=f"{A}:testArithmeticPrecedence{number}", query=f"RETURN {expression}", expect=[value]))
CASES += [
    AqlCase(source=f"{A}:testConstAttributeAccess", query="LET it = { a: 4, b: 5, c: 6 } RETURN [ it.a * 3, it.b * 4, it.c * 5 ]", expect=[[12, 20, 30]]),
    AqlCase(source=f"{A}:testUnaryMinusPrecedence1", query="RETURN -5 < 0", expect=[True]),
    AqlCase(source=f"{A}:testUnaryMinusPrecedence2", query="RETURN -5 == -(5)", expect=[True]),
    AqlCase(source=f"{A}:testUnaryMinusPrecedence3", query="RETURN -5 == -10--5", expect=[True]),
    AqlCase(source=f"{A}:testBinaryPlus1", query="RETURN 1 + 42.5", expect=[43.5]),
    AqlCase(source=f"{A}:testBinaryPlus2", query="RETURN -1 + -42.5", expect=[-43.5]),
    AqlCase(source=f"{A}:testBinaryPlus3", query="RETURN -1 + +42.5", expect=[41.5]),
    AqlCase(source=f"{A}:testBinaryPlus4", query="RETURN -1 + +42.5 == +42.5 + -1", expect=[True]),
]
