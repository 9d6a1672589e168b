"""WINDOW: docs-hugo ``aql/high-level-operations/window.md`` (row-based and range-based
aggregation); grammar.y ``validateWindowSpec``."""

from tests.aql.case import AqlCase

W = "aql/high-level-operations/window.md"
OBS = [
    {"time": "07:00:00", "subject": "st113", "val": 10},
    {"time": "07:15:00", "subject": "st113", "val": 9},
    {"time": "07:30:00", "subject": "st113", "val": 25},
    {"time": "07:45:00", "subject": "st113", "val": 20},
    {"time": "07:00:00", "subject": "xh458", "val": 0},
    {"time": "07:15:00", "subject": "xh458", "val": 10},
    {"time": "07:30:00", "subject": "xh458", "val": 5},
    {"time": "07:45:00", "subject": "xh458", "val": 30},
    {"time": "08:00:00", "subject": "xh458", "val": 25},
]


def q(source: str, query: str, expect: list, **kw: object) -> AqlCase:
    return AqlCase(source=source, query=query, expect=expect, **kw)  # type: ignore[arg-type]


CASES = [
    q(f"{W}#row-based-aggregation", "FOR t IN @obs FILTER t.subject == 'st113' SORT t.time WINDOW { preceding: 1, following: 1 } AGGREGATE rollingAverage = AVG(t.val), rollingSum = SUM(t.val) WINDOW { preceding: 'unbounded', following: 0 } AGGREGATE cumulativeSum = SUM(t.val) RETURN { time: t.time, val: t.val, rollingAverage, rollingSum, cumulativeSum }",
      [{"time": "07:00:00", "val": 10, "rollingAverage": 9.5, "rollingSum": 19, "cumulativeSum": 10},
       {"time": "07:15:00", "val": 9, "rollingAverage": 14.666666666666666, "rollingSum": 44, "cumulativeSum": 19},
       {"time": "07:30:00", "val": 25, "rollingAverage": 18, "rollingSum": 54, "cumulativeSum": 44},
       {"time": "07:45:00", "val": 20, "rollingAverage": 22.5, "rollingSum": 45, "cumulativeSum": 64}],
      bind_vars={"obs": [OBS[3], OBS[4], OBS[1], OBS[5], OBS[2], OBS[6], OBS[0], OBS[7], OBS[8]]}),
    q(f"{W}#row-based-aggregation", "FOR i IN 1..5 WINDOW { preceding: 1 } AGGREGATE s = SUM(i) RETURN s", [1, 3, 5, 7, 9]),
    q(f"{W}#row-based-aggregation", "FOR i IN 1..5 WINDOW { following: 1 } AGGREGATE s = SUM(i) RETURN s", [3, 5, 7, 9, 5]),
    q(f"{W}#row-based-aggregation", "FOR i IN 1..4 WINDOW { preceding: 'unbounded', following: 'unbounded' } AGGREGATE s = SUM(i), n = LENGTH(i) RETURN [s, n]",
      [[10, 4], [10, 4], [10, 4], [10, 4]]),
    q(f"{W}#row-based-aggregation", "FOR i IN 1..3 WINDOW { preceding: 0, following: 0 } AGGREGATE m = MAX(i) RETURN m", [1, 2, 3]),
    q(f"{W}#row-based-aggregation", "FOR i IN [3, 1, 2] WINDOW { preceding: 'unbounded' } AGGREGATE m = MIN(i) RETURN [i, m]", [[3, 3], [1, 1], [2, 1]]),
    q(f"{W}#row-based-aggregation", "FOR i IN 1..4 WINDOW { preceding: '1', following: '1' } AGGREGATE p = PUSH(i) RETURN p",
      [[1, 2], [1, 2, 3], [2, 3, 4], [3, 4]]),
    q(f"{W}#range-based-aggregation", "FOR t IN [{v: 1}, {v: 2}, {v: 4}, {v: 7}] WINDOW t.v WITH { preceding: 2, following: 1 } AGGREGATE s = SUM(t.v) RETURN s",
      [3, 3, 6, 7]),
    q(f"{W}#range-based-aggregation", "FOR t IN [{v: 1}, {v: 1}, {v: 3}] WINDOW t.v WITH { preceding: 0, following: 0 } AGGREGATE n = COUNT(t) RETURN n",
      [2, 2, 1]),
    q(f"{W}#range-based-aggregation", "FOR t IN [{v: 1}, {v: 5}, {v: 10}] WINDOW t.v WITH { preceding: 'unbounded', following: 0 } AGGREGATE s = SUM(t.v) RETURN s",
      [1, 6, 16]),
    q(f"{W}#syntax", "FOR i IN [] WINDOW { preceding: 1 } AGGREGATE s = SUM(i) RETURN s", []),
    AqlCase(source=f"{W}#syntax (grammar.y validateWindowSpec)", query="FOR x IN [1] WINDOW {preceding: 1, foo: 2} AGGREGATE s = SUM(x) RETURN s",
            error=(1501, "Invalid WINDOW attribute 'foo'; only \"preceding\" and \"following\" are supported near 'RETURN s' at position 1:65")),
    AqlCase(source=f"{W}#syntax (grammar.y validateWindowSpec)", query="FOR x IN [1] WINDOW {} AGGREGATE s = SUM(x) RETURN s",
            error=(1501, "At least one WINDOW bound must be specified ('preceding'/'following') near 'RETURN s' at position 1:45")),
    AqlCase(source=f"{W}#syntax (grammar.y validateWindowSpec)", query="FOR x IN [1] WINDOW {preceding: 1, preceding: 2} AGGREGATE s = SUM(x) RETURN s",
            error=(1501, "WINDOW attribute 'preceding' is specified multiple times near 'RETURN s' at position 1:71")),
    AqlCase(source=f"{W}#syntax (grammar.y validateAggregates)", query="FOR x IN [1] WINDOW {preceding: 1} AGGREGATE s = CONCAT(x) RETURN s",
            error=(1574, "unknown aggregate function used near 'RETURN s' at position 1:60")),
]
