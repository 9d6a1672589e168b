"""A query's memory bound: what it keeps at once (results, SORT and COLLECT buffers) is
counted, and past the server's bound it fails as arangod's ResourceMonitor makes it fail
(``ResourceMonitor::increaseMemoryUsage``: 32 ``query would use more memory than allowed``).
The bound is ``run_max_memory // QUERY_ROW_BYTES`` values; what a query only passes through is
not counted."""

from __future__ import annotations

import pytest

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks._aql._runtime import QUERY_ROW_BYTES
from tests.conftest import Http

MEMORY = 16 * 1024 * 1024  # the least run_max_memory: 65,536 values
ROWS = MEMORY // QUERY_ROW_BYTES
OVER = ROWS + 1
SEP = "x" * (32 * QUERY_ROW_BYTES)  # @sep: every join of 16 pieces or more costs more than the bound


def _body(query: str, **more: object) -> dict[str, object]:
    return {"query": query, **({"bindVars": {"sep": SEP}} if "@sep" in query else {}), **more}

OVER_THE_LIMIT = [
    f"FOR i IN 1..{OVER} RETURN i",
    f"FOR i IN 1..{OVER} RETURN DISTINCT i",
    f"FOR i IN 1..{OVER} SORT -i LIMIT 1 RETURN i",
    f"FOR i IN 1..{OVER} COLLECT k = i LIMIT 1 RETURN k",
    f"FOR i IN 1..{OVER} COLLECT k = i % 2 INTO g RETURN LENGTH(g)",
    f"FOR i IN 1..{OVER} COLLECT AGGREGATE a = PUSH(i) RETURN LENGTH(a)",
    f"FOR i IN 1..{OVER} COLLECT AGGREGATE a = UNIQUE(i) RETURN LENGTH(a)",
    f"RETURN LENGTH(FOR i IN 1..{OVER} RETURN i)",
    # a string a function builds counts one value per QUERY_ROW_BYTES characters, before it is
    # built (a trial's CONCAT_SEPARATOR of a 10,000-character separator took a gigabyte)
    f"RETURN LENGTH(CONCAT_SEPARATOR(@sep, 1..{OVER // 16}))",
    f"RETURN LENGTH(CONCAT(FOR i IN 1..{OVER // 32} RETURN @sep))",
]

WITHIN_THE_LIMIT = [
    (f"FOR i IN 1..{ROWS} RETURN 1", ROWS),
    (f"FOR i IN 1..{ROWS * 8} FILTER i % 16 == 0 RETURN 1", ROWS // 2),  # the filtered rows pass through
    (f"FOR i IN 1..{OVER * 8} LIMIT 2 RETURN i", 2),
    (f"FOR i IN 1..{OVER * 8} COLLECT AGGREGATE n = COUNT(1), s = SUM(i) RETURN n", 1),
    (f"FOR i IN 1..{OVER * 8} COLLECT k = i % 3 WITH COUNT INTO n RETURN n", 3),
    # each subquery's values are gone once it returns: 8 * ROWS in all, never more than 8 at once
    (f"FOR i IN 1..{ROWS // 2} LET x = (FOR j IN 1..16 RETURN j) RETURN LENGTH(x)", ROWS // 2),
    ("RETURN LENGTH(CONCAT_SEPARATOR(@sep, 1..4))", 1),
]


@pytest.fixture(scope="module")
def http() -> Http:
    with FakeArangoTasks(run_max_memory=MEMORY) as fake:
        yield Http(fake.url)


@pytest.mark.parametrize("query", OVER_THE_LIMIT)
def test_a_query_keeping_more_than_the_bound_fails_with_32(http: Http, query: str) -> None:
    answer = http.post("/_api/cursor", _body(query))
    body = answer.json()
    assert (answer.status_code, body["errorNum"]) == (500, 32), body
    assert body["errorMessage"] == "AQL: query would use more memory than allowed (while executing)"


@pytest.mark.parametrize(("query", "count"), WITHIN_THE_LIMIT)
def test_what_a_query_only_passes_through_is_not_counted(http: Http, query: str, count: int) -> None:
    answer = http.post("/_api/cursor", _body(query, batchSize=1, count=True))
    body = answer.json()
    assert answer.status_code == 201, body
    assert body["count"] == count
