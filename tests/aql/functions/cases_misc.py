"""Miscellaneous function cases: docs-hugo ``site/content/3.12/aql/functions/miscellaneous.md``
and ``arangod/Aql/Functions.cpp`` (``Fail``, ``Assert``, ``Warn``, ``Call``/``Apply``, ...)."""

from tests.aql.case import AqlCase

DOC = "aql/functions/miscellaneous.md"
SRC = "arangod/Aql/Functions.cpp"
W1542 = lambda fn: (1542, f"invalid argument type in call to function '{fn}()'")  # noqa: E731

CASES = [
    AqlCase(f"{DOC}#first_document", 'RETURN FIRST_DOCUMENT(1, [], {a: 1}, {b: 2})', expect=[{"a": 1}]),
    AqlCase(f"{DOC}#first_document", "RETURN FIRST_DOCUMENT(1, 2)", expect=[None]),
    AqlCase(f"{DOC}#first_list", "RETURN FIRST_LIST(1, {}, [2], [3])", expect=[[2]]),
    AqlCase(f"{DOC}#not_null", 'RETURN NOT_NULL(null, false, "x")', expect=[False]),
    AqlCase(f"{DOC}#not_null", "RETURN NOT_NULL(null, null)", expect=[None]),
    AqlCase(f"{DOC}#passthru", "RETURN PASSTHRU([1])", expect=[[1]]),
    AqlCase(f"{DOC}#noopt", "RETURN NOOPT(1)", expect=[1]),
    AqlCase(f"{DOC}#aqlFail", 'RETURN FAIL("boom")', error=(1569, "boom")),
    AqlCase(f"{SRC}:Fail without reason", "RETURN FAIL()", error=(1569, "FAIL() called")),
    AqlCase(f"{SRC}:Fail non-string", "RETURN FAIL(1)", error=(1569, "FAIL() called")),
    AqlCase(f"{DOC}#assert", 'RETURN ASSERT(true, "fine")', expect=[True]),
    AqlCase(f"{DOC}#assert", 'RETURN ASSERT(false, "it is false")', error=(1593, "it is false")),
    AqlCase(f"{DOC}#warn", 'RETURN WARN(true, "fine")', expect=[True]),
    AqlCase(f"{DOC}#warn", 'RETURN WARN(false, "look out")', expect=[False], warnings=((1594, "look out"),)),
    AqlCase(f"{DOC}#warn failOnWarning", 'RETURN WARN(false, "look out")', options={"failOnWarning": True},
            error=(1594, "look out")),
    AqlCase(f"{SRC}:Assert message type", "RETURN ASSERT(true, 1)", expect=[None], warnings=(W1542("ASSERT"),)),
    AqlCase(f"{DOC}#sleep", "RETURN SLEEP(0.25)", expect=[None]),
    AqlCase(f"{SRC}:Sleep negative", "RETURN SLEEP(-1)", expect=[None], warnings=(W1542("SLEEP"),)),
    AqlCase(f"{DOC}#version", "RETURN VERSION()", expect=["3.12.4"], fake_only=True),
    AqlCase(f"{DOC}#current_database", "RETURN CURRENT_DATABASE()", expect=["_system"]),
    AqlCase(f"{DOC}#current_user", "RETURN CURRENT_USER()", expect=["root"], fake_only=True),
    AqlCase(f"{DOC}#in_range", "RETURN IN_RANGE(3, 1, 3, true, true)", expect=[True]),
    AqlCase(f"{DOC}#in_range", "RETURN IN_RANGE(3, 1, 3, true, false)", expect=[False]),
    AqlCase(f"{DOC}#in_range", 'RETURN IN_RANGE("b", "a", "c", false, false)', expect=[True]),
    AqlCase(f"{SRC}:InRange flags", "RETURN IN_RANGE(1, 0, 2, 1, true)", expect=[None], warnings=(W1542("IN_RANGE"),)),
    AqlCase(f"{DOC}#call", 'RETURN CALL("SUBSTRING", "this is a test", 0, 4)', expect=["this"]),
    AqlCase(f"{DOC}#call lower-case name", 'RETURN CALL("upper", "x")', expect=["X"]),
    AqlCase(f"{DOC}#apply", 'RETURN APPLY("SUBSTRING", ["this is a test", 0, 7])', expect=["this is"]),
    AqlCase(f"{SRC}:callApplyBackend arity", 'RETURN CALL("SUBSTRING", "x")',
            error=(1541, "invalid number of arguments for function 'SUBSTRING()', expected number of arguments: "
                         "minimum: 2, maximum: 3")),
    AqlCase(f"{SRC}:callApplyBackend unknown", 'RETURN CALL("NO_SUCH_FUNCTION")',
            error=(1540, "usage of unknown function 'NO_SUCH_FUNCTION()'")),
    AqlCase(f"{SRC}:dynamic call rule", 'RETURN CALL("CALL", "UPPER", "x")', error=(1578, "disallowed dynamic call to 'CALL'")),
    AqlCase(f"{SRC}:Call name type", "RETURN CALL(1)", error=(1542, "invalid argument type in call to function 'CALL()'")),
    AqlCase(f"{SRC}:user-defined functions", 'RETURN CALL("MYNS::FN", 1)',
            error=(9, "not supported by fake-arango-tasks: AQL user-defined function MYNS::FN()")),
    AqlCase(f"{DOC}#check_document", "RETURN CHECK_DOCUMENT({a: 1})", expect=[True]),
    AqlCase(f"{DOC}#check_document", "RETURN CHECK_DOCUMENT([1])", expect=[False]),
    AqlCase(f"{DOC}#decode_rev", 'RETURN DECODE_REV("_YU0HOEG---")', expect=[{"date": "2019-03-11T16:15:05.314Z", "count": 0}]),
    AqlCase(f"{DOC}#decode_rev invalid", 'RETURN DECODE_REV("foo bar")', expect=[None], warnings=(W1542("DECODE_REV"),)),
    AqlCase(f"{DOC}#shard_id single server", 'RETURN SHARD_ID("users", {_key: "a"})', collections={"users": []},
            expect=["users"]),
    AqlCase(f"{DOC}#schema_validate", "RETURN SCHEMA_VALIDATE({a: 1}, null)", expect=[{"valid": True}]),
    AqlCase("aql/functions/geo.md#geo_distance", "RETURN GEO_DISTANCE([7.0, 50.0], [8.0, 51.0])",
            error=(9, "not supported by fake-arango-tasks: AQL function GEO_DISTANCE()")),
    AqlCase("aql/functions/fulltext.md#fulltext", 'RETURN FULLTEXT("c", "text", "word")',
            error=(9, "not supported by fake-arango-tasks: AQL function FULLTEXT()")),
]

ENGINE_CASES = [
    AqlCase(f"{DOC}#hash", "RETURN HASH(1) == HASH(1.0)", expect=[True]),
    AqlCase(f"{DOC}#assert", 'RETURN ASSERT(1 == 1, "fine")', expect=[True]),
]
