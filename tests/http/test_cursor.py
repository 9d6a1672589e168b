"""``/_api/cursor``, ``/_api/query``, ``/_api/explain`` and ``PUT /_api/simple/*`` over real HTTP,
against ``arangod/RestHandler/RestCursorHandler.cpp`` (devel), ``Aql/QueryCursor.cpp``
``QueryResultCursor::dumpSync``, ``RestSimpleQueryHandler.cpp``, ``RestSimpleHandler.cpp`` and
``js/actions/_api/simple/app.js``."""

from __future__ import annotations

from typing import Any

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http, ordered

STATS_KEYS = ["writesExecuted", "writesIgnored", "documentLookups", "seeks", "scannedFull", "scannedIndex",
              "cursorsCreated", "cursorsRearmed", "cacheHits", "cacheMisses", "filtered", "httpRequests",
              "executionTime", "peakMemoryUsage", "intermediateCommits"]


def _keys(response: Any) -> list[str]:
    return [k for k, _ in ordered(response)]


@pytest.fixture
def docs(http: Http) -> Http:
    assert http.post("/_api/collection", {"name": "c"}).status_code == 200
    for i in range(5):
        assert http.post("/_api/document/c", {"_key": str(i), "v": i, "even": i % 2 == 0}).status_code == 202
    return http


def test_a_small_result_comes_at_once_without_a_cursor(docs: Http) -> None:
    r = docs.post("/_api/cursor", {"query": "FOR d IN c SORT d.v RETURN d.v", "count": True})
    assert r.status_code == 201
    assert _keys(r) == ["result", "hasMore", "count", "cached", "extra", "error", "code"]
    body = r.json()
    assert (body["result"], body["hasMore"], body["count"], body["cached"], body["code"]) == ([0, 1, 2, 3, 4], False, 5, False, 201)
    assert list(body["extra"]) == ["warnings", "stats"]
    assert list(body["extra"]["stats"]) == STATS_KEYS
    assert body["extra"]["stats"]["scannedFull"] == 5
    assert "count" not in docs.post("/_api/cursor", {"query": "RETURN 1"}).json()


def test_batches_through_a_cursor(docs: Http) -> None:
    first = docs.post("/_api/cursor", {"query": "FOR d IN c SORT d.v RETURN d.v", "batchSize": 2, "count": True})
    assert first.status_code == 201
    assert _keys(first) == ["result", "hasMore", "id", "count", "extra", "cached", "nextBatchId", "error", "code"]
    body = first.json()
    cursor = body["id"]
    assert (body["result"], body["hasMore"], body["nextBatchId"], body["count"]) == ([0, 1], True, "2", 5)
    second = docs.put(f"/_api/cursor/{cursor}")  # PUT (arangosh) and POST (3.12 drivers) alike
    assert second.status_code == 200
    assert (second.json()["result"], second.json()["id"], second.json()["nextBatchId"], second.json()["code"]) == \
        ([2, 3], cursor, "3", 200)
    last = docs.post(f"/_api/cursor/{cursor}")
    assert _keys(last) == ["result", "hasMore", "count", "extra", "cached", "error", "code"]
    assert (last.json()["result"], last.json()["hasMore"]) == ([4], False)
    gone = docs.post(f"/_api/cursor/{cursor}")  # the last batch ended the cursor
    assert (gone.status_code, gone.json()["errorNum"], gone.json()["errorMessage"]) == (404, 1600, "cursor not found")


def test_full_count_and_warnings_in_extra(docs: Http) -> None:
    r = docs.post("/_api/cursor", {"query": "FOR d IN c FILTER d.even LIMIT 1 RETURN d.v / 0",
                                   "options": {"fullCount": True}})
    stats = r.json()["extra"]["stats"]
    assert (stats["fullCount"], stats["filtered"]) == (3, 2)
    assert list(stats).index("fullCount") == STATS_KEYS.index("httpRequests") + 1
    assert r.json()["extra"]["warnings"] == [{"code": 1562, "message": "division by zero"}]
    failed = docs.post("/_api/cursor", {"query": "RETURN 1 / 0", "options": {"failOnWarning": True}})
    assert (failed.status_code, failed.json()["errorNum"], failed.json()["errorMessage"]) == \
        (400, 1562, "AQL: division by zero (while executing)")


def test_bind_parameters_and_a_modification(docs: Http) -> None:
    r = docs.post("/_api/cursor", {"query": "FOR d IN @@coll FILTER d.v >= @min UPDATE d WITH {seen: true} IN @@coll "
                                            "RETURN NEW._key", "bindVars": {"@coll": "c", "min": 3}})
    assert (r.status_code, sorted(r.json()["result"]), r.json()["extra"]["stats"]["writesExecuted"]) == (201, ["3", "4"], 2)
    assert docs.get("/_api/document/c/4").json()["seen"] is True


def test_query_errors_as_arangodb_words_them(docs: Http) -> None:
    cases = [
        ({"query": "FOR d IN nope RETURN d"}, 404, 1203, "AQL: collection or view not found: nope (while parsing)"),
        ({"query": "RETURN @x"}, 400, 1551, "AQL: no value specified for declared bind parameter 'x' (while parsing)"),
        ({"query": "RETURN 1", "bindVars": {"x": 1}}, 400, 1552, "AQL: bind parameter 'x' was not declared in the query (while parsing)"),
        ({"query": "RETURN FAIL('stop')"}, 400, 1569, "AQL: stop (while executing)"),
        ({"query": "INSERT {_key: '1'} INTO c"}, 409, 1210, "AQL: unique constraint violated - in index primary of type "
                                                          "primary over '_key'; conflicting key: 1 (while executing)"),
        ({"query": ""}, 400, 1502, "query is empty"),
        ({"query": 1}, 400, 1502, "query is empty"),
        ({"query": "RETURN 1", "bindVars": [1]}, 400, 17, "expecting object for <bindVars>"),
        ({"query": "RETURN 1", "batchSize": 0}, 400, 17, "expecting positive value for <batchSize>"),
        ({}, 400, 600, "invalid JSON object"),
    ]
    for body, status, number, message in cases:
        r = docs.post("/_api/cursor", body)
        assert (r.status_code, r.json()["errorNum"], r.json()["errorMessage"]) == (status, number, message), body
    syntax = docs.post("/_api/cursor", {"query": "FOR d IN c RETURN"}).json()
    assert (syntax["errorNum"], syntax["errorMessage"].startswith("AQL: syntax error, unexpected end of query string")) == (1501, True)
    assert syntax["errorMessage"].endswith(" (while parsing)")


def test_a_failing_query_leaves_no_write(docs: Http) -> None:
    r = docs.post("/_api/cursor", {"query": "FOR k IN ['x', 'y', '1'] INSERT {_key: k} INTO c"})
    assert r.json()["errorNum"] == 1210
    assert docs.get("/_api/document/c/x").status_code == 404


def test_delete_a_cursor(docs: Http) -> None:
    cursor = docs.post("/_api/cursor", {"query": "FOR i IN 1..10 RETURN i", "batchSize": 3}).json()["id"]
    r = docs.delete(f"/_api/cursor/{cursor}")
    assert (r.status_code, ordered(r)) == (202, [("id", cursor), ("error", False), ("code", 202)])
    again = docs.delete(f"/_api/cursor/{cursor}")
    assert (again.status_code, again.json()["errorNum"]) == (404, 1600)
    assert docs.post(f"/_api/cursor/{cursor}").json()["errorNum"] == 1600
    assert docs.delete("/_api/cursor").json()["errorMessage"] == "expecting DELETE /_api/cursor/<cursor-id>"


def test_the_ttl_runs_on_the_server_clock_and_restarts_at_each_use(arango_tasks: FakeArangoTasks, http: Http) -> None:
    cursor = http.post("/_api/cursor", {"query": "FOR i IN 1..10 RETURN i", "batchSize": 2, "ttl": 10}).json()["id"]
    arango_tasks.advance(8)
    assert http.post(f"/_api/cursor/{cursor}").status_code == 200  # used at 8 s: lives until 18 s
    arango_tasks.advance(8)
    assert http.post(f"/_api/cursor/{cursor}").status_code == 200
    arango_tasks.advance(10.5)
    assert http.post(f"/_api/cursor/{cursor}").json()["errorNum"] == 1600
    default = http.post("/_api/cursor", {"query": "FOR i IN 1..10 RETURN i", "batchSize": 2}).json()["id"]
    arango_tasks.advance(29)
    assert http.post(f"/_api/cursor/{default}").status_code == 200  # the default ttl: 30 s
    arango_tasks.advance(31)
    assert http.post(f"/_api/cursor/{default}").status_code == 404


def test_reset_drops_the_cursors(arango_tasks: FakeArangoTasks, http: Http) -> None:
    cursor = http.post("/_api/cursor", {"query": "FOR i IN 1..10 RETURN i", "batchSize": 2}).json()["id"]
    arango_tasks.reset()
    assert http.post(f"/_api/cursor/{cursor}").json()["errorNum"] == 1600


def test_allow_retry_resends_the_current_batch(http: Http) -> None:
    first = http.post("/_api/cursor", {"query": "FOR i IN 1..5 RETURN i", "batchSize": 2,
                                       "options": {"allowRetry": True}}).json()
    cursor = first["id"]
    assert http.post(f"/_api/cursor/{cursor}").json()["result"] == [3, 4]
    assert http.post(f"/_api/cursor/{cursor}/2").json()["result"] == [3, 4]  # again
    assert http.post(f"/_api/cursor/{cursor}/3").json()["result"] == [5]  # the next one
    assert http.post(f"/_api/cursor/{cursor}/3").json()["result"] == [5]  # the last batch is kept
    assert http.delete(f"/_api/cursor/{cursor}").status_code == 202


def test_rand_over_http_is_reproducible_on_a_fresh_server(arango_tasks: FakeArangoTasks, http: Http) -> None:
    first = http.post("/_api/cursor", {"query": "RETURN [RAND(), DATE_NOW()]"}).json()["result"]
    arango_tasks.reset()
    assert http.post("/_api/cursor", {"query": "RETURN [RAND(), DATE_NOW()]"}).json()["result"] == first
    assert first[0][1] == int(arango_tasks.now * 1000)


def test_parse_a_query(docs: Http) -> None:
    r = docs.post("/_api/query", {"query": "FOR d IN c FILTER d.v == @v RETURN d"})
    assert r.status_code == 200
    assert _keys(r) == ["error", "code", "parsed", "collections", "bindVars", "ast"]
    assert (r.json()["collections"], r.json()["bindVars"]) == (["c"], ["v"])
    bad = docs.post("/_api/query", {"query": "FOR"}).json()
    assert (bad["errorNum"], bad["errorMessage"].endswith("(while parsing)")) == (1501, True)
    assert docs.post("/_api/query", {}).json()["errorMessage"] == "attribute 'query' was not found"


def test_explain_is_a_clear_501(docs: Http) -> None:
    r = docs.post("/_api/explain", {"query": "RETURN 1"})
    assert (r.status_code, r.json()["errorNum"]) == (501, 9)
    assert "not supported by fake-arango-tasks" in r.json()["errorMessage"]


# -- simple queries (arangosh's collection methods over HTTP) --------------------------------------

def test_simple_by_example_and_all(docs: Http) -> None:
    r = docs.put("/_api/simple/by-example", {"collection": "c", "example": {"even": True}, "batchSize": 2})
    assert (r.status_code, r.json()["count"], r.json()["hasMore"]) == (201, 3, True)
    rest = docs.put(f"/_api/cursor/{r.json()['id']}").json()["result"]
    assert sorted(d["v"] for d in r.json()["result"] + rest) == [0, 2, 4]
    nested = docs.put("/_api/simple/by-example", {"collection": "c", "example": {"v": 1, "even": False}}).json()
    assert [d["_key"] for d in nested["result"]] == ["1"]
    every = docs.put("/_api/simple/all", {"collection": "c", "skip": 1, "limit": 2}).json()
    assert (len(every["result"]), every["count"]) == (2, 2)
    bad = docs.put("/_api/simple/by-example", {"collection": "c", "example": 1})
    assert (bad.status_code, bad.json()["errorNum"]) == (400, 10)
    missing = docs.put("/_api/simple/by-example", {"collection": "nope", "example": {}})
    assert (missing.status_code, missing.json()["errorNum"]) == (404, 1203)


def test_simple_first_example_and_any(docs: Http) -> None:
    r = docs.put("/_api/simple/first-example", {"collection": "c", "example": {"v": 3}})
    assert (r.status_code, _keys(r), r.json()["document"]["_key"]) == (200, ["document", "error", "code"], "3")
    none = docs.put("/_api/simple/first-example", {"collection": "c", "example": {"v": 9}})
    assert (none.status_code, none.json()["errorNum"], none.json()["errorMessage"]) == (404, 404, "no match")
    unknown = docs.put("/_api/simple/first-example", {"collection": "nope", "example": {}})
    assert (unknown.status_code, unknown.json()["errorMessage"]) == (404, "unknown collection 'nope'")
    assert docs.put("/_api/simple/any", {"collection": "c"}).json()["document"]["_key"] in {"0", "1", "2", "3", "4"}
    docs.post("/_api/collection", {"name": "empty"})
    assert docs.put("/_api/simple/any", {"collection": "empty"}).json()["document"] is None


def test_simple_writes_by_example(docs: Http) -> None:
    r = docs.put("/_api/simple/update-by-example", {"collection": "c", "example": {"even": True}, "newValue": {"n": 1}})
    assert (r.status_code, ordered(r)) == (200, [("updated", 3), ("error", False), ("code", 200)])
    assert docs.get("/_api/document/c/2").json()["n"] == 1
    r = docs.put("/_api/simple/replace-by-example", {"collection": "c", "example": {"v": 1}, "newValue": {"w": 1}})
    assert r.json()["replaced"] == 1 and "v" not in docs.get("/_api/document/c/1").json()
    r = docs.put("/_api/simple/remove-by-example", {"collection": "c", "example": {"n": 1}, "limit": 2})
    assert r.json()["deleted"] == 2
    bad = docs.put("/_api/simple/update-by-example", {"collection": "c", "example": {}, "newValue": 3})
    assert (bad.status_code, bad.json()["errorMessage"]) == (400, "invalid value for parameter 'newValue'")


def test_simple_lookup_and_remove_by_keys(docs: Http) -> None:
    r = docs.put("/_api/simple/lookup-by-keys", {"collection": "c", "keys": ["1", "c/2", "9"]})
    assert (r.status_code, _keys(r)) == (200, ["documents", "error", "code"])
    assert sorted(d["_key"] for d in r.json()["documents"]) == ["1", "2"]
    removed = docs.put("/_api/simple/remove-by-keys", {"collection": "c", "keys": ["1", "9"]})
    assert ordered(removed) == [("removed", 1), ("ignored", 1), ("error", False), ("code", 200)]
    old = docs.put("/_api/simple/remove-by-keys", {"collection": "c", "keys": ["2"], "options": {"silent": False}}).json()
    assert [list(o) for o in old["old"]] == [["_id", "_key", "_rev"]]
    assert docs.put("/_api/simple/lookup-by-keys", {"collection": "c", "keys": 1}).json()["errorMessage"] == \
        "expecting array for <keys>"
