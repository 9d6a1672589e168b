"""Warnings, failOnWarning, maxWarningCount, fullCount and the execution statistics: docs-hugo
``aql/execution-and-performance/query-statistics.md``, ``aql/fundamentals/query-errors.md``,
``aql/high-level-operations/limit.md``; arangod ``QueryWarnings::registerWarning``,
``ExecutionStats``."""

from tests.aql.case import AqlCase

S = "aql/execution-and-performance/query-statistics.md"
E = "aql/fundamentals/query-errors.md"
DIV = (1562, "division by zero")
DOCS = {"c": [{"_key": str(i), "v": i} for i in range(10)]}


def q(source: str, query: str, expect: list, **kw: object) -> AqlCase:
    return AqlCase(source=source, query=query, expect=expect, **kw)  # type: ignore[arg-type]


CASES = [
    q(E, "RETURN 1 / 0", [None], warnings=(DIV,)),
    q(E, "FOR i IN 1..3 RETURN i / 0", [None, None, None], warnings=(DIV, DIV, DIV)),
    q(E, "FOR i IN 1..20 RETURN i % 0", [None] * 20, warnings=(DIV,) * 10),
    q(E, "FOR i IN 1..20 RETURN i % 0", [None] * 20, warnings=(DIV,) * 3, options={"maxWarningCount": 3}),
    AqlCase(source=E, query="RETURN 1 / 0", options={"failOnWarning": True}, error=(1562, "division by zero")),
    AqlCase(source=E, query="FOR i IN [1, 0] RETURN 1 / i", options={"failOnWarning": True}, error=(1562, "division by zero")),
    q(E, "FOR i IN [1, 2] RETURN 1 / i", [1, 0.5], options={"failOnWarning": True}),
    q(E, "LET x = 0 RETURN [1 / x, 2 % x]", [[None, None]], warnings=(DIV, DIV)),
    q(E, "RETURN [5, FIRST(1)]", [[5, None]], warnings=((1563, "in function 'FIRST()': array expected"),)),
    q(E, "RETURN 1e400 + 1", [1], warnings=((1504, "number out of range"),)),
    # statistics
    q(S, "FOR d IN c RETURN d.v", list(range(10)), collections=DOCS, stats={"scannedFull": 10, "filtered": 0, "writesExecuted": 0}),
    q(S, "FOR d IN c FILTER d.v < 3 RETURN d.v", [0, 1, 2], collections=DOCS, stats={"scannedFull": 10, "filtered": 7}),
    q(S, "FOR d IN c FILTER d.v < 3 FILTER d.v > 0 RETURN d.v", [1, 2], collections=DOCS, stats={"filtered": 8}),
    q(S, "FOR d IN c LET x = d.v FILTER x > 7 RETURN x", [8, 9], collections=DOCS, stats={"filtered": 8}),
    q(S, "FOR i IN 1..5 FILTER i > 2 RETURN i", [3, 4, 5], stats={"filtered": 2, "scannedFull": 0}),
    q(S, "FOR d IN c UPDATE d WITH { w: 1 } IN c", [], collections=DOCS, stats={"writesExecuted": 10, "writesIgnored": 0}),
    q(S, "FOR d IN c LIMIT 2 RETURN d.v", [0, 1], collections=DOCS, stats={"scannedFull": 2}),
    # fullCount
    q("aql/high-level-operations/limit.md#fullcount", "FOR d IN c LIMIT 2 RETURN d.v", [0, 1], collections=DOCS, options={"fullCount": True},
      stats={"fullCount": 10}),
    q("aql/high-level-operations/limit.md#fullcount", "FOR d IN c FILTER d.v >= 4 LIMIT 1, 2 RETURN d.v", [5, 6], collections=DOCS,
      options={"fullCount": True}, stats={"fullCount": 6}),
    q("aql/high-level-operations/limit.md#fullcount", "FOR i IN 1..100 LIMIT 5 LIMIT 2 RETURN i", [1, 2], options={"fullCount": True},
      stats={"fullCount": 5}),
    q("aql/high-level-operations/limit.md#fullcount", "FOR i IN 1..100 LET s = (FOR j IN 1..10 LIMIT 1 RETURN j) LIMIT 3 RETURN s[0]", [1, 1, 1],
      options={"fullCount": True}, stats={"fullCount": 100}),
    q("aql/high-level-operations/limit.md#fullcount", "FOR i IN 1..7 RETURN i", list(range(1, 8)), options={"fullCount": True}, stats={"fullCount": 7}),
    q("aql/high-level-operations/limit.md#fullcount", "FOR i IN 1..7 SORT i DESC LIMIT 2 RETURN i", [7, 6], options={"fullCount": True},
      stats={"fullCount": 7}),
]

F = "tests/js/server/aql/aql-fullcount.js"
FC = {"UnitTestsCollection": [{"values": ["foo", "bar"]}, {"values": ["bar"]}, {"values": ["baz"]}]}
SUB = ("FOR doc IN UnitTestsCollection LET values = doc.values LET found = (FOR value IN values FILTER value == 'bar' || value == 'foo' "
       "LIMIT 1 RETURN true) FILTER LENGTH(found) > 0")


def fc(test: str, query: str, full_count: int, rows: int) -> AqlCase:
    return AqlCase(source=f"{F}:{test}", query=query.replace(" RETURN doc", " RETURN 1"), collections=FC, options={"fullCount": True},
                   expect=[1] * rows, stats={"fullCount": full_count})


CASES += [
    fc("testFullcount", SUB + " LIMIT 10 RETURN doc", 2, 2),
    fc("testFullcountUsingLimitOnlyInSubquery", SUB + " RETURN doc", 2, 2),
    fc("testWithFullcountUsingLimit", SUB.replace("LIMIT 1 ", "") + " LIMIT 1 RETURN doc", 2, 1),
    fc("testWithFullcountUsingLimitInSubqueryAndMain", SUB + " LIMIT 1 RETURN doc", 2, 1),
    fc("testWithFullcountUsingLimitInLaterSubquery", "FOR doc IN UnitTestsCollection LIMIT 1 LET values = doc.values LET found = (FOR value IN values FILTER value == 'bar' || value == 'foo' LIMIT 0 RETURN true) FILTER LENGTH(found) >= 0 RETURN doc", 3, 1),
    fc("testWithFullCountSingleLevel", "FOR doc IN UnitTestsCollection FILTER 'bar' IN doc.values LIMIT 10 RETURN doc", 2, 2),
    fc("testWithFullCountSingleLevelUsingLimit", "FOR doc IN UnitTestsCollection FILTER 'bar' IN doc.values LIMIT 1 RETURN doc", 2, 1),
    fc("testHigherLimit", "FOR doc IN UnitTestsCollection LIMIT 100 RETURN doc", 3, 3),
    fc("testHigherLimit2", "FOR doc IN UnitTestsCollection LIMIT 1, 100 RETURN doc", 3, 2),
    fc("testHigherLimit4", "FOR doc IN UnitTestsCollection LIMIT 3, 100 RETURN doc", 3, 0),
    fc("testHigherLimit5", "FOR doc IN UnitTestsCollection LIMIT 10000, 100 RETURN doc", 3, 0),
    fc("testHigherLimit6", "FOR doc IN UnitTestsCollection FILTER 'bar' IN doc.values LIMIT 1, 10 RETURN doc", 2, 1),
    fc("testHigherLimit8", "FOR doc IN UnitTestsCollection FILTER 'bar' IN doc.values LIMIT 1000, 1 RETURN doc", 2, 0),
    fc("testJoin1", "FOR doc1 IN UnitTestsCollection LIMIT 1 FOR doc2 IN UnitTestsCollection RETURN 1", 3, 3),
    fc("testJoin2", "FOR doc1 IN UnitTestsCollection LIMIT 1 FOR doc2 IN UnitTestsCollection FILTER doc1._id == doc2._id RETURN 1", 3, 1),
]

A = "tests/js/server/aql/aql-attribute-access.js"
VALUES = [{"name": "sir alfred", "age": 60, "loves": ["lettuce", "flowers"]}, {"person": {"name": "gadgetto", "age": 50, "loves": "gadgets"}},
          {"name": "everybody", "loves": "sunshine"}, {"name": "judge", "loves": ["order", "policing", "weapons"]}, "someone"]
CASES += [
    AqlCase(source=f"{A}:testDirectAccess", query='RETURN {"name": "sir alfred", "age": 60}.name', expect=["sir alfred"]),
    AqlCase(source=f"{A}:testDirectAccessBind", query="RETURN @value.name", bind_vars={"value": VALUES[0]}, expect=["sir alfred"]),
    AqlCase(source=f"{A}:testNonExistingAttribute", query="FOR value IN @values RETURN value.broken", bind_vars={"values": VALUES}, expect=[None] * 5),
    AqlCase(source=f"{A}:testPartiallyExistingAttribute", query="FOR value IN @values RETURN value.name", bind_vars={"values": VALUES},
            expect=["sir alfred", None, "everybody", "judge", None]),
    AqlCase(source=f"{A}:testPartiallyExistingSubAttribute", query="FOR value IN @values RETURN value.person.name", bind_vars={"values": VALUES},
            expect=[None, "gadgetto", None, None, None]),
    AqlCase(source=f"{A}:testFunctionCallResultAttribute2", query="FOR value IN @values RETURN NOOPT(value).person.name", bind_vars={"values": VALUES},
            expect=[None, "gadgetto", None, None, None]),
    AqlCase(source=f"{A}:testSubqueryResultAttribute", query="RETURN (FOR value IN @values RETURN value).name", bind_vars={"values": VALUES},
            expect=[None]),
    AqlCase(source=f"{A}:testNestedDirectAccess", query="FOR item IN @@cn FILTER item.`foo.bar` == 'searchvalue' RETURN item.whichOne",
            bind_vars={"@cn": "testcol"}, collections={"testcol": [{"whichOne": 1, "foo bar": "searchvalue"}, {"whichOne": 2, "foo.bar": "searchvalue"},
                                                                   {"whichOne": 3, "foo": {"bar": "searchvalue"}}]}, expect=[2]),
    AqlCase(source=f"{A}:testNestedDirectAccess", query="FOR item IN @@cn FILTER item.`foo bar` == 'searchvalue' RETURN item.whichOne",
            bind_vars={"@cn": "testcol"}, collections={"testcol": [{"whichOne": 1, "foo bar": "searchvalue"}, {"whichOne": 3, "foo": {"bar": "searchvalue"}}]},
            expect=[1]),
    AqlCase(source=f"{A}:testNestedDirectAccess", query="FOR item IN @@cn FILTER item.foo.bar == 'searchvalue' RETURN item.whichOne",
            bind_vars={"@cn": "testcol"}, collections={"testcol": [{"whichOne": 2, "foo.bar": "searchvalue"}, {"whichOne": 3, "foo": {"bar": "searchvalue"}}]},
            expect=[3]),
]

W = "tests/js/server/aql/aql-fail-on-warning.js"
CASES += [
    AqlCase(source=f"{W}:testDisabledConst", query="RETURN NOOPT(1 / 0)", options={"failOnWarning": False}, expect=[None], warnings=(DIV,)),
    AqlCase(source=f"{W}:testDisabledNonConst", query="FOR i IN 1..2 RETURN i / 0", options={"failOnWarning": False}, expect=[None, None],
            warnings=(DIV, DIV)),
    AqlCase(source=f"{W}:testDisabledNonConstMaxWarnings", query="FOR i IN 1..5 RETURN i / 0", options={"failOnWarning": False, "maxWarningCount": 3},
            expect=[None] * 5, warnings=(DIV, DIV, DIV)),
    AqlCase(source=f"{W}:testEnabledConst", query="RETURN 1 / 0", options={"failOnWarning": True}, error=(1562, "division by zero")),
    AqlCase(source=f"{W}:testEnabledNonConst", query="FOR i IN 1..2 RETURN i / 0", options={"failOnWarning": True}, error=(1562, "division by zero")),
]
