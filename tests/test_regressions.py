"""Bugs found in review and trials, each held by a test (the right value, as ArangoDB gives it)."""

from __future__ import annotations

import threading
import time

import pytest
from arango import ArangoClient
from arango.exceptions import DocumentRevisionError

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task


@pytest.mark.parametrize(
    "tamper",
    [
        "var it = Object.getPrototypeOf([][Symbol.iterator]()); it.next = function () { return {done: true} }",
        "var A = []['constr' + 'uctor']['proto' + 'type']; A[Symbol['iter' + 'ator']] = function* () { yield 'HACK' }",
        "var f = arguments.callee.caller; f.count = (f.count || 0) + 1",
        "Object.defineProperty(db, 'leak', {value: 1})",
        "require('@arangodb/request').get.x = 1; require('@arangodb').print.y = 2",
        "Object.freeze(Object.prototype)",
        "Object.preventExtensions(globalThis)",
        "Object.setPrototypeOf(Array.prototype, {leak: 1})",
    ],
)
def test_a_tampering_run_cannot_stop_or_change_later_runs(arango_tasks: FakeArangoTasks, http: Http,
                                                          tamper: str) -> None:
    _task(http, tamper, offset=1)
    victim = _task(http, "var o = {}; o.toString = 1; x = 5; print(typeof x, [1, 2].map(String).join(), [].leak,"
                         " Object.keys(db).length, typeof require('@arangodb/request').get.x, o.toString)",
                   period=10, offset=2)
    runs = arango_tasks.advance(30) + arango_tasks.advance(30)
    victim_runs = [r for r in runs if r.task_id == victim]
    assert len(victim_runs) == 6  # never skipped, never lost
    # Object.keys(db): its 17 methods, no collections
    assert {r.output for r in victim_runs} == {(("print", "number 1,2 undefined 17 undefined 1"),)}
    assert all(r.error is None for r in victim_runs)


def test_a_runaway_costs_one_time_limit_for_the_batch_plus_its_own() -> None:
    with FakeArangoTasks(run_timeout=0.3) as fake:
        http = Http(fake.url)
        for _ in range(10):
            _task(http, "print(1)", offset=1)
        _task(http, "while (true) {}", id="runaway", offset=1)
        started = time.monotonic()
        runs = fake.advance(2)
        elapsed = time.monotonic() - started
        assert len(runs) == 11 and str(runs[-1].error).startswith("run exceeded the time limit")
        assert elapsed < 2.5  # two limits of 0.3 s (plus context replacements), not eleven (3.3 s)


def test_concurrent_document_inserts_get_distinct_keys(arango_tasks: FakeArangoTasks) -> None:
    http = Http(arango_tasks.url)
    http.post("/_api/collection", {"name": "c"})
    statuses: list[int] = []

    def insert_many() -> None:
        client = Http(arango_tasks.url)
        statuses.extend(client.post("/_api/document/c", {"n": i}).status_code for i in range(40))

    threads = [threading.Thread(target=insert_many) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [202] * 160
    assert http.get("/_api/collection/c/count").json()["count"] == 160


def test_reset_gives_the_same_ids_keys_and_random_numbers_again(arango_tasks: FakeArangoTasks, http: Http) -> None:
    def scenario() -> list[object]:
        _task(http, "print(Math.random(), require('@arangodb').db._create('c').save({})._key)", offset=1)
        return [r.output for r in arango_tasks.advance(1)] + [t["id"] for t in arango_tasks.tasks]

    first = scenario()
    arango_tasks.reset()
    assert scenario() == first


def test_a_task_id_cannot_inject_code_through_its_stack_file_name(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert http.put("/_api/tasks/x%0Aprint(%22injected%22)", {"command": "print('ran')"}).status_code == 200
    assert http.put("/_api/tasks/a%20b", {"command": "null.x"}).status_code == 200
    runs = arango_tasks.advance(1)
    assert runs[0].output == (("print", "ran"),)
    assert runs[1].error is not None and "task:a%20b:1:" in runs[1].error.stack


def test_huge_offsets_and_periods_are_accepted_not_500(http: Http) -> None:
    assert http.post("/_api/tasks", {"command": "1", "offset": 1e306}).status_code == 200
    assert http.post("/_api/tasks", {"command": "1", "period": 1e306}).status_code == 200


def test_advance_after_stop_raises() -> None:
    fake = FakeArangoTasks().start()
    fake.stop()
    with pytest.raises(RuntimeError, match="stopped"):
        fake.advance(1)
    fake.start()
    assert fake.advance(1) == []
    fake.stop()


def test_a_command_registering_after_sleep_creates_at_its_run_time(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "require('internal').sleep(5); require('@arangodb/tasks').register({id: 'late', command: '1', offset: 100})",
          offset=1)
    arango_tasks.advance(1)
    assert http.get("/_api/tasks/late").json()["created"] == DEFAULT_START + 6.000001 - 0.000001


def test_revisions_are_checked_as_arangodb_checks_them(arango_tasks: FakeArangoTasks, http: Http) -> None:
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    c = db.create_collection("c")
    first = c.insert({"_key": "k", "v": 1})
    updated = c.update({"_key": "k", "_rev": first["_rev"], "v": 2})
    assert updated["_old_rev"] == first["_rev"]
    with pytest.raises(DocumentRevisionError) as stale:
        c.update({"_key": "k", "_rev": first["_rev"], "v": 3})
    assert (stale.value.error_code, stale.value.http_code) == (1200, 412)
    _task(http, """
        const c = require('@arangodb').db.c, d = c.document('k');
        try { c.update({_key: 'k', _rev: '_stale'}, {v: 9}) } catch (e) { print(e.errorNum) }
        print(c.update('k', {v: 4})._oldRev === d._rev, c.update({_key: 'k', _rev: '_stale'}, {v: 5}, {overwrite: true})._key);
        print(JSON.stringify(c.save({_key: 'k', w: 1}, {overwriteMode: 'update'})._key), c.document('k').v, c.document('k').w);
        print(JSON.stringify(c.save([{_key: 'n'}, {_key: 'n'}]).map(r => r.errorNum || r._key)));
    """, offset=0)
    run = arango_tasks.advance(1)[0]
    assert run.error is None, run.error
    assert [m for _, m in run.output] == ["1200", "true k", '"k" 5 1', '["n",1210]']


def test_the_wall_clock_loop_survives_a_runaway_schedule() -> None:
    with FakeArangoTasks(clock="wall", max_runs_per_advance=50) as fake:
        http = Http(fake.url)
        _task(http, "", id="spinner", period=0.0001)
        _task(http, "print('still running')", id="later", offset=0.2)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not fake.runs_of("later"):
            time.sleep(0.05)
        assert [r.output for r in fake.runs_of("later")] == [(("print", "still running"),)]
        assert fake.runs_of("later")[0].started >= fake.runs_of("later")[0].due
