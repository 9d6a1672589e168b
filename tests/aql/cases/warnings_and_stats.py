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
    q(E, "RETURN WARN_TEST(5)", [5], warnings=(DIV,)),
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
