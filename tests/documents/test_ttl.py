"""TTL indexes expire documents on the fake clock, as ArangoDB's TTL thread does
(arangod/RestServer/TtlFeature.cpp: the first run `frequency` after the start, then one per
`frequency`, 30 s by default; `0 <= value <= now - expireAfter`; Index::getTimestamp: numbers as
seconds, date strings parsed). ArangoDB's own answer to "delete old sessions" (docs 3.12
index-and-search/indexing/working-with-indexes/ttl-indexes)."""

from __future__ import annotations

from arango import ArangoClient

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task


def _count(http: Http, name: str) -> int:
    return int(http.get(f"/_api/collection/{name}/count").json()["count"])


def test_a_task_whose_ttl_index_expires_old_sessions_on_advance(arango_tasks: FakeArangoTasks, http: Http) -> None:
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    sessions = db.create_collection("sessions")
    sessions.add_index({"type": "ttl", "fields": ["lastSeen"], "expireAfter": 600})
    # every minute a login writes a session stamped with the run's own time (seconds)
    _task(http, "require('@arangodb').db.sessions.save({user: 'u' + params.n, lastSeen: Date.now() / 1000})",
          params={"n": 1}, period=60)
    arango_tasks.advance(15 * 60)
    # 15 sessions at 0, 60, ..., 840 s; at 900 s the thread's last run (at 900 s) removed those with
    # lastSeen <= 300 s: the first six
    assert _count(http, "sessions") == 15 - 6
    stamps = sorted(d["lastSeen"] - DEFAULT_START for d in sessions.all())
    assert stamps[0] == 360  # (Date.now() has millisecond resolution)
    stats = http.get("/_api/ttl/statistics").json()["result"]
    assert stats == {"runs": 30, "documentsRemoved": 6, "limitReached": 0}


def test_expiry_happens_at_the_threads_runs_not_in_between(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/collection", {"name": "c"})
    http.post("/_api/index?collection=c", {"type": "ttl", "fields": ["at"], "expireAfter": 0})
    http.post("/_api/document/c", {"at": DEFAULT_START + 10})  # due at 10 s; the thread runs at 30 s
    http.post("/_api/document/c", {"at": DEFAULT_START + 30})  # due exactly at the run: `<= stamp`
    http.post("/_api/document/c", {"at": "2024-01-01T00:00:45Z"})  # a date string: due at 45 s
    http.post("/_api/document/c", {"at": "soon"})  # not a date: never expires
    arango_tasks.advance(29.9)
    assert _count(http, "c") == 4
    arango_tasks.advance(0.1)
    assert _count(http, "c") == 2
    arango_tasks.advance(29.9)
    assert _count(http, "c") == 2  # the run at 60 s happens at 60 s, not before
    arango_tasks.advance(0.1)
    assert _count(http, "c") == 1


def test_ttl_properties_change_the_frequency(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert http.get("/_api/ttl/properties").json()["result"] == {
        "frequency": 30000, "maxTotalRemoves": 1000000, "maxCollectionRemoves": 100000,
        "onlyLoadedCollections": False, "active": True}
    bad = http.put("/_api/ttl/properties", {"frequency": 10})
    assert (bad.status_code, bad.json()["errorNum"], bad.json()["errorMessage"]) == (400, 10, "too low value for frequency")
    assert http.put("/_api/ttl/properties", {"frequency": 5000, "maxCollectionRemoves": 1}).status_code == 200
    http.post("/_api/collection", {"name": "c"})
    http.post("/_api/index?collection=c", {"type": "ttl", "fields": ["at"], "expireAfter": 0})
    for _ in range(3):
        http.post("/_api/document/c", {"at": 0})
    arango_tasks.advance(30)  # the run at 30 s (set before the change), then 35 s
    assert _count(http, "c") == 3 - 1
    arango_tasks.advance(5)
    assert _count(http, "c") == 3 - 2
    assert http.get("/_api/ttl/statistics").json()["result"]["limitReached"] == 2


def test_a_task_sees_expired_documents_gone_at_its_own_time(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, """
        const db = require('@arangodb').db;
        const c = db._create('tokens');
        c.ensureIndex({type: 'ttl', fields: ['issued'], expireAfter: 61});
        c.save({issued: Date.now() / 1000});
    """)
    _task(http, "print(require('@arangodb').db.tokens.count())", offset=89, period=1)
    runs = arango_tasks.advance(92)
    # the TTL thread runs at 30, 60, 90 s: the token (issued at 0, due at 61) goes at 90
    assert [r.output for r in runs[1:]] == [(("print", "1"),)] + [(("print", "0"),)] * 3  # at 89, 90, 91, 92


def test_reset_starts_the_ttl_thread_afresh(arango_tasks: FakeArangoTasks, http: Http) -> None:
    arango_tasks.advance(100)
    assert http.get("/_api/ttl/statistics").json()["result"]["runs"] == 3
    arango_tasks.reset()
    assert http.get("/_api/ttl/statistics").json()["result"] == {"runs": 0, "documentsRemoved": 0, "limitReached": 0}


def test_documents_locked_by_a_transaction_outlive_the_run_that_finds_them(arango_tasks: FakeArangoTasks,
                                                                           http: Http) -> None:
    http.post("/_api/collection", {"name": "c"})
    http.post("/_api/index?collection=c", {"type": "ttl", "fields": ["at"], "expireAfter": 0})
    http.post("/_api/document/c", {"_key": "busy", "at": 0})
    http.post("/_api/document/c", {"_key": "idle", "at": 0})
    trx_id = http.post("/_api/transaction/begin", {"collections": {"write": "c"}}).json()["result"]["id"]
    http.request("PATCH", "/_api/document/c/busy", {"seen": True}, headers={"x-arango-trx-id": trx_id})
    arango_tasks.advance(30)  # the run's removal of the locked document conflicts and is skipped
    assert [d["_key"] for d in ArangoClient(hosts=arango_tasks.url).db("_system").collection("c").all()] == ["busy"]
    http.delete(f"/_api/transaction/{trx_id}")
    arango_tasks.advance(30)
    assert _count(http, "c") == 0
