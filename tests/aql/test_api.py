"""The engine's public API (``fake_arango_tasks._aql``): prepare, execute, parse_info, the result
shapes, transactions and the statistics' key order (``ExecutionStats::toVelocyPack``)."""

from __future__ import annotations

import pytest

from fake_arango_tasks._aql import PreparedQuery, QueryContext, QueryOptions, execute, parse_info, prepare
from fake_arango_tasks._errors import ArangoError
from tests.aql.stores import TestStorage

STATS_KEYS = ["writesExecuted", "writesIgnored", "documentLookups", "seeks", "scannedFull", "scannedIndex", "cursorsCreated",
              "cursorsRearmed", "cacheHits", "cacheMisses", "filtered", "httpRequests", "executionTime", "peakMemoryUsage",
              "intermediateCommits"]


def test_prepare_is_cached_and_describes_the_query() -> None:
    first = prepare("FOR d IN @@c FILTER d.x == @x INSERT d INTO other")
    assert prepare("FOR d IN @@c FILTER d.x == @x INSERT d INTO other") is first
    assert isinstance(first, PreparedQuery)
    assert first.bind_parameters == frozenset({"@c", "x"})
    assert first.collections == ("other",)
    assert first.is_modification


def test_prepare_raises_parse_errors() -> None:
    with pytest.raises(ArangoError) as e:
        prepare("RETURN")
    assert e.value.error_num == 1501 and e.value.status == 400


def test_execute_a_prepared_query(storage: TestStorage) -> None:
    storage.create("c", [{"_key": "a", "v": 1}])
    prepared = prepare("FOR d IN c RETURN d.v + @n")
    assert execute(prepared, {"n": 1}, QueryContext(storage)).values == [2]
    assert execute(prepared, {"n": 2}, QueryContext(storage)).values == [3]


def test_stats_keys_in_arangodb_order(storage: TestStorage) -> None:
    result = execute("RETURN 1", {}, QueryContext(storage))
    assert list(result.stats) == STATS_KEYS
    with_count = execute("FOR i IN 1..3 LIMIT 1 RETURN i", {}, QueryContext(storage), QueryOptions(full_count=True))
    assert list(with_count.stats) == STATS_KEYS[:12] + ["fullCount"] + STATS_KEYS[12:]
    assert with_count.full_count == 3 and with_count.stats["fullCount"] == 3


def test_extra_has_warnings_and_stats(storage: TestStorage) -> None:
    result = execute("RETURN 1 / 0", {}, QueryContext(storage))
    assert result.extra["warnings"] == [{"code": 1562, "message": "division by zero"}]
    assert list(result.extra) == ["warnings", "stats"]


def test_a_failing_modification_leaves_no_write(storage: TestStorage) -> None:
    storage.create("c", [{"_key": "1"}])
    with pytest.raises(ArangoError) as e:
        execute("FOR k IN ['a', 'b', '1'] INSERT {_key: k} INTO c", {}, QueryContext(storage))
    assert e.value.error_num == 1210
    assert sorted(storage.documents("c")) == ["1"]


def test_a_query_failing_after_writes_rolls_back(storage: TestStorage) -> None:
    storage.create("c", [{"_key": "1", "v": 1}])
    with pytest.raises(ArangoError):
        execute("FOR d IN c UPDATE d WITH {v: 2} IN c LET x = FAIL('after') RETURN x", {}, QueryContext(storage))
    assert storage.documents("c")["1"]["v"] == 1


def test_ignored_errors_commit_the_rest(storage: TestStorage) -> None:
    storage.create("c", [{"_key": "1"}])
    result = execute("FOR k IN ['a', '1'] INSERT {_key: k} INTO c OPTIONS {ignoreErrors: true}", {}, QueryContext(storage))
    assert result.stats["writesExecuted"] == 1 and result.stats["writesIgnored"] == 1
    assert sorted(storage.documents("c")) == ["1", "a"]
    assert result.writes == ("c",)


def test_context_clock_and_random_reach_functions(storage: TestStorage) -> None:
    context = QueryContext(storage, now_ms=lambda: 123, random=lambda: 0.5)
    assert execute("RETURN [DATE_NOW(), RAND()]", {}, context).values == [[123, 0.5]]


def test_non_deterministic_functions_are_not_folded(storage: TestStorage) -> None:
    ticks = iter(range(100))
    context = QueryContext(storage, now_ms=lambda: next(ticks))
    assert execute("FOR i IN 1..3 RETURN DATE_NOW()", {}, context).values == [0, 1, 2]


def test_functions_reading_the_clock_are_never_folded(storage: TestStorage) -> None:
    from fake_arango_tasks._aql._functions import FUNCTIONS, Function
    # wrongly declared deterministic: folding must still not call the clock at compile time
    FUNCTIONS.setdefault("CLOCK_TEST", Function("CLOCK_TEST", 0, 0, lambda ctx, a: ctx.now_ms()))
    ticks = iter(range(100))
    context = QueryContext(storage, now_ms=lambda: next(ticks))
    assert execute("FOR i IN 1..3 RETURN CLOCK_TEST()", {}, context).values == [0, 1, 2]


def test_max_runtime_kills_the_query(storage: TestStorage) -> None:
    now = [0]

    def sleep(seconds: float) -> None:
        now[0] += int(seconds * 1000)

    context = QueryContext(storage, now_ms=lambda: now[0], sleep=sleep)
    from fake_arango_tasks._aql._functions import FUNCTIONS, Function
    FUNCTIONS.setdefault("SLEEP", Function("SLEEP", 1, 1, lambda ctx, a: ctx.sleep(a[0]), deterministic=False))
    with pytest.raises(ArangoError) as e:
        execute("FOR i IN 1..10 LET s = SLEEP(1) RETURN i", {}, context, QueryOptions(max_runtime=2.5))
    assert (e.value.error_num, e.value.message) == (1500, "query killed")
    assert execute("FOR i IN 1..2 LET s = SLEEP(1) RETURN i", {}, context, QueryOptions(max_runtime=2.5)).values == [1, 2]


def test_bind_vars_must_be_an_object(storage: TestStorage) -> None:
    with pytest.raises(ArangoError) as e:
        execute("RETURN 1", [1], QueryContext(storage))  # type: ignore[arg-type]
    assert e.value.error_num == 1550


def test_parse_info() -> None:
    info = parse_info("FOR u IN users FILTER u.a == @a RETURN u")
    assert info["collections"] == ["users"]
    assert info["bindVars"] == ["a"]
    root = info["ast"][0]
    assert root["type"] == "root"
    assert [n["type"] for n in root["subNodes"]] == ["for", "filter", "return"]
    assert root["subNodes"][0]["subNodes"][0] == {"type": "variable", "name": "u", "id": 0}
