"""ArangoDB's server-side JavaScript environment as task commands see it: modules, fake time and
sleep, seeded randomness, isolation, documents, outgoing requests and error reports."""

from __future__ import annotations


import pytest
from arango import ArangoClient

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks, Run
from tests.conftest import Http
from tests.conftest import create_task as _task


def _one_run(fake: FakeArangoTasks, http: Http, command: str, **body: object) -> Run:
    _task(http, command, **body)
    runs = fake.advance(1)
    assert len(runs) == 1
    return runs[0]


def _printed(run: Run) -> list[str]:
    assert run.error is None, run.error
    return [message for _, message in run.output]


# -- modules -----------------------------------------------------------------------------------------


def test_arangodb_and_internal_modules(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const arangodb = require('@arangodb'), internal = require('internal');
        arangodb.print('a'); internal.print('b'); print('c');
        print(arangodb.time() === internal.time(), internal.time());
        print(arangodb.errors.ERROR_TASK_NOT_FOUND.code, internal.errors.ERROR_FORBIDDEN.message);
        print(arangodb.db === internal.db, typeof arangodb.db._create);
        require('console').log('via console module');
    """)
    assert run.output == (
        ("print", "a"), ("print", "b"), ("print", "c"), ("print", f"true {DEFAULT_START + 0.000001}"),
        ("print", "1852 forbidden"), ("print", "true function"), ("log", "via console module"),
    )


def test_tasks_module_registers_unregisters_and_gets_on_the_same_table(arango_tasks: FakeArangoTasks,
                                                                       http: Http) -> None:
    _task(http, "print('victim')", id="victim", period=100, offset=50)
    _task(http, """
        const tasks = require('@arangodb/tasks');
        const made = tasks.register({id: 'child', name: 'child', command: "print('child', params.x)",
                                     params: {x: 42}, offset: 2});
        print(made.id, made.type, made.command);
        const fn = tasks.register({command: function (params) { print('from a function'); }, period: 5});
        print(/^\\d+$/.test(fn.id), fn.command);
        print(tasks.get('victim').name, tasks.get().length);
        print(tasks.unregister('victim'));
        try { tasks.get('victim') } catch (e) { print(e.errorNum, e.errorMessage) }
        try { tasks.register({id: 'child', command: '1'}) } catch (e) { print(e.errorNum, e.errorMessage) }
        try { tasks.register({command: 'for (i'}) } catch (e) { print(e.errorNum, e.errorMessage) }
    """, id="parent")
    first = arango_tasks.advance(1)
    # the parent's run, then the periodic task it registered (due now + 0.000001, as from HTTP)
    assert [(r.task_id, round(r.due - DEFAULT_START, 6)) for r in first][0] == ("parent", 0.000001)
    assert first[1].output == (("print", "from a function"),) and round(first[1].due - DEFAULT_START, 6) == 0.000002
    lines = _printed(first[0])
    assert lines[0] == "child timed (function (params) { print('child', params.x) } )(params);"
    assert lines[1] == "true (function (params) { (function (params) { print('from a function'); })(params) } )(params);"
    assert lines[2:] == ["user-defined task 4", "true", "1852 task not found", "1851 duplicate task id",
                         "10 cannot compile command"]
    assert http.get("/_api/tasks/victim").status_code == 404
    child = http.get("/_api/tasks/child").json()
    assert (child["name"], child["type"], child["offset"]) == ("child", "timed", 2)
    later = arango_tasks.advance(5)
    assert [(r.task_id, r.output) for r in later if r.task_id == "child"] == [("child", (("print", "child 42"),))]
    assert [round(r.due - DEFAULT_START, 6) for r in later if r.output == (("print", "from a function"),)] == [5.000002]


def test_forbidden_functions_throw_arangoerror_11_inside_the_run(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const attempts = {
          read: () => require('fs').read('/etc/passwd'),
          write: () => require('fs').write('/tmp/x', 'y'),
          download: () => require('internal').download('http://example.com/'),
          execute: () => require('internal').executeExternal('/bin/sh', []),
          pid: () => require('internal').getPid(),
          processPid: () => require('process').pid,
        };
        for (const [name, attempt] of Object.entries(attempts)) {
          try { attempt(); print(name, 'allowed'); } catch (e) { print(name, e.errorNum, e.errorMessage); }
        }
        try { require('child_process') } catch (e) { print(e.errorNum, JSON.stringify(e.errorMessage)) }
    """)
    assert _printed(run) == [
        "read 11 not allowed to read files in this path: /etc/passwd",
        "write 11 not allowed to modify files in this path: /tmp/x",
        "download 11 not allowed to connect to this endpoint",
        "execute 11 not allowed to execute or modify state of external processes",
        "pid 11 not allowed to provide this information",
        "processPid 11 not allowed to provide this information",
        '3100 "cannot locate module\\nFile: child_process"',  # there is no child_process in ArangoDB
    ]


def test_an_uncaught_forbidden_call_is_the_runs_error(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, "require('fs').read('/etc/passwd')")
    assert run.error is not None
    assert (run.error.type, run.error.error_num) == ("ArangoError", 11)
    assert run.error.message == "not allowed to read files in this path: /etc/passwd"


# -- fake time -----------------------------------------------------------------------------------------


def test_sleep_consumes_fake_time_and_moves_the_next_run(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "print(Date.now()); require('internal').sleep(5); print(Date.now()); require('internal').wait(0.5)",
          period=10)
    runs = arango_tasks.advance(40)
    assert [(round(r.started - DEFAULT_START, 6), round(r.finished - DEFAULT_START, 6)) for r in runs] == [
        (0.000001, 5.500001), (15.500001, 21.000001), (31.000001, 36.500001),
    ]
    assert [r.output for r in runs][0] == (("print", "1704067200000"), ("print", "1704067205000"))


def test_a_sleeping_run_does_not_delay_other_tasks(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "require('internal').sleep(100)", id="sleeper", offset=1)
    _task(http, "print(Date.now())", id="other", offset=2)
    runs = arango_tasks.advance(3)
    assert [(r.task_id, r.started - DEFAULT_START) for r in runs] == [("sleeper", 1), ("other", 2)]
    assert runs[0].finished - DEFAULT_START == 101
    assert runs[1].output == (("print", "1704067202000"),)


# -- randomness ------------------------------------------------------------------------------------------


def _random_draws(seed: int, extra_task: bool) -> list[tuple[str, ...]]:
    with FakeArangoTasks(seed=seed) as fake:
        http = Http(fake.url)
        if extra_task:
            _task(http, "Math.random(); Math.random()", period=1)
        _task(http, "print(Math.random(), Math.random())", id="r", period=1)
        return [r.output[0] for r in fake.advance(3) if r.task_id == "r"]


def test_math_random_is_seeded_per_server_task_and_run() -> None:
    first = _random_draws(7, extra_task=False)
    assert len(first) == 3 and len(set(first)) == 3  # each run draws afresh
    assert _random_draws(7, extra_task=False) == first  # same seed: same numbers
    assert _random_draws(7, extra_task=True) == first  # other tasks' draws do not shift this task's
    assert _random_draws(8, extra_task=False) != first


# -- isolation ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tamper",
    [
        "globalThis.leak = 1; x = 2",
        "Date.now = function () { return 42 }",
        "print = null; console.log = null",
        "Math.floor = function () { return 0 }",
        "Array.prototype.push = function () {}; Array.prototype.extra = 1",
        "Function = function () { throw 1 }",
        "JSON.stringify = function () { return '{}' }; JSON.parse = null",
        "Object.prototype.toJSON = function () { return 'x' }",
        "require = null; db = null",
        "Object.defineProperty(globalThis, 'stuck', {value: 1, configurable: false})",
    ],
)
def test_what_one_run_does_to_globals_is_gone_for_the_next(arango_tasks: FakeArangoTasks, http: Http,
                                                          tamper: str) -> None:
    _task(http, tamper, offset=1)
    _task(http, "print(typeof leak, typeof x, Date.now(), Math.floor(1.5), [].extra, JSON.stringify({a: [1]}));"
                "console.log(typeof require, typeof db._create)", offset=2)
    runs = arango_tasks.advance(2)
    assert runs[1].output == (("print", 'undefined undefined 1704067202000 1 undefined {"a":[1]}'),
                              ("log", "function function"))
    assert http.post("/_api/tasks", {"command": "1"}).status_code == 200  # the compile check still works


def test_reset_leaves_no_trace_of_earlier_runs(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "globalThis.count = (globalThis.count || 0) + 1; String.prototype.shout = function () {}", offset=1)
    arango_tasks.advance(1)
    arango_tasks.reset()
    run = _one_run(arango_tasks, http, "print(typeof count, typeof ''.shout)")
    assert _printed(run) == ["undefined undefined"]


# -- documents ------------------------------------------------------------------------------------------


def test_documents_written_by_a_task_are_read_back_with_python_arango(arango_tasks: FakeArangoTasks,
                                                                      http: Http) -> None:
    _task(http, """
        const db = require('@arangodb').db;
        if (db._collection('events') === null) db._create('events');
        const meta = db.events.save({kind: 'tick', n: params.n});
        print(meta._key, meta._id === 'events/' + meta._key, /^_[-_A-Za-z0-9]+$/.test(meta._rev));
    """, params={"n": 1}, period=60)
    runs = arango_tasks.advance(180)
    printed = [_printed(r)[0].split() for r in runs]
    assert [p[1:] for p in printed] == [["true", "true"]] * 3
    keys = [p[0] for p in printed]
    assert all(k.isdigit() for k in keys) and sorted(keys, key=int) == keys  # traditional keys: increasing ticks
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    events = db.collection("events")
    assert events.count() == 3
    assert [c["name"] for c in db.collections()] == ["events"]
    assert events.properties()["key_options"]["key_last_value"] == int(keys[-1])
    stored = events.get(keys[0])
    assert stored is not None and list(stored) == ["_key", "_id", "_rev", "kind", "n"]
    assert (stored["_key"], stored["_id"], stored["kind"], stored["n"]) == (keys[0], f"events/{keys[0]}", "tick", 1)
    assert events.has(keys[1]) and not events.has("missing")


def test_a_task_reads_what_the_test_inserted_and_arangodb_errors_surface(arango_tasks: FakeArangoTasks,
                                                                         http: Http) -> None:
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    users = db.create_collection("users")
    users.insert({"_key": "alice", "age": 30})
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        print(db.users.document('alice').age, db.users.exists('bob'), db.users.exists('alice')._key);
        db.users.update('alice', {age: 31, address: {city: 'Köln'}});
        db.users.replace('users/alice', {name: 'Alice'});
        const attempts = [() => db.users.document('bob'), () => db.users.save({_key: 'alice'}),
                          () => db._create('users'), () => db._create('1bad'), () => db._query('FOR x IN users RETURN x'),
                          () => db.users.save({_key: 'bad key'})];
        for (const attempt of attempts) { try { attempt() } catch (e) { print(e.errorNum, e.errorMessage) } }
        print(db._collection('nope'), typeof db.nope, db.users.toArray().length, db.users.all().toArray()[0].name);
    """)
    assert _printed(run) == [
        "30 false alice",
        "1202 document not found",
        "1210 unique constraint violated - in index primary of type primary over '_key'; conflicting key: alice",
        "1207 duplicate name",
        "1208 illegal name",
        "9 not supported by fake-arango-tasks: AQL (db._query)",
        "1221 illegal document key",
        "null undefined 1 Alice",
    ]
    assert users.get("alice") == {"_key": "alice", "_id": "users/alice", "_rev": users.get("alice")["_rev"],
                                  "name": "Alice"}


def test_dropping_a_database_drops_its_collections(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert http.post("/_api/database", {"name": "shop"}).status_code == 201
    _task(http, "require('@arangodb').db._create('orders').save({})", offset=0)
    http.put("/_db/shop/_api/tasks/t", {"command": "require('@arangodb').db._create('orders').save({})"})
    arango_tasks.advance(1)
    assert http.get("/_db/shop/_api/collection/orders/count").json()["count"] == 1
    assert http.delete("/_api/database/shop").status_code == 200
    assert http.post("/_api/database", {"name": "shop"}).status_code == 201
    assert http.get("/_db/shop/_api/collection").json()["result"] == []
    assert http.get("/_api/collection/orders/count").json()["count"] == 1  # _system's is untouched


def test_documents_survive_a_runaway_that_replaces_the_v8_context() -> None:
    with FakeArangoTasks(run_timeout=0.3) as fake:
        http = Http(fake.url)
        _task(http, "const db = require('@arangodb').db; (db.log || db._create('log')).save({n: params.n})",
              params={"n": 1}, period=1)
        _task(http, "while (true) {}", id="runaway", offset=1.5)
        runs = fake.advance(3)
        assert [r.task_id for r in runs] == ["70001", "70001", "runaway", "70001"]
        assert str(runs[2].error) == "run exceeded the time limit of 0.3 s and was stopped"
        assert all(r.error is None for r in runs if r.task_id != "runaway")
        # every run of the writer wrote exactly once, though V8 state was thrown away and replayed
        assert http.get("/_api/collection/log/count").json()["count"] == 3
        _task(http, "print(require('@arangodb').db.log.count())", offset=0)
        assert fake.advance(0.5)[-1].output == (("print", "4"),)


# -- outgoing requests ----------------------------------------------------------------------------------


def test_outgoing_requests_are_recorded_and_answered_from_registrations(arango_tasks: FakeArangoTasks,
                                                                        http: Http) -> None:
    arango_tasks.http.respond("GET", "https://api.example.com/rates?base=EUR", json={"USD": 1.1})
    assert http.post("/_fake/http/responses", {"method": "POST", "url": "https://hooks.example.com/",
                                                "status": 202, "body": "queued"}).status_code == 200
    run = _one_run(arango_tasks, http, """
        const request = require('@arangodb/request');
        const rates = request.get('https://api.example.com/rates', {qs: {base: 'EUR'}, json: true});
        print(rates.status, rates.json.USD, rates.headers['content-type']);
        const hook = request({method: 'POST', url: 'https://hooks.example.com/', body: {rate: rates.json.USD}, json: true});
        print(hook.statusCode, hook.body);
        const refused = request.get('http://127.0.0.1:9/nothing');
        print(refused.status, refused.message, refused.body);
    """)
    assert _printed(run) == [
        "200 1.1 application/json",
        "202 queued",
        "500 Could not connect to 'http+tcp://127.0.0.1:9' 'connect() failed with #111 - Connection refused' undefined",
    ]
    assert [(r.method, r.url, r.body) for r in run.requests] == [
        ("GET", "https://api.example.com/rates?base=EUR", None),
        ("POST", "https://hooks.example.com/", '{"rate":1.1}'),
        ("GET", "http://127.0.0.1:9/nothing", None),
    ]
    assert run.requests[1].headers == {"content-type": "application/json"}
    recorded = http.get("/_fake/runs").json()[0]["requests"]
    assert recorded[1] == {"method": "POST", "url": "https://hooks.example.com/",
                           "headers": {"content-type": "application/json"}, "body": '{"rate":1.1}'}


# -- error reports ---------------------------------------------------------------------------------------


def test_error_stacks_point_at_the_users_own_lines(arango_tasks: FakeArangoTasks, http: Http) -> None:
    command = "const a = 1;\nfunction helper() {\n  return null.field;\n}\nhelper();"
    run = _one_run(arango_tasks, http, command, id="stacky")
    assert run.error is not None
    assert (run.error.type, run.error.message) == ("TypeError", "Cannot read properties of null (reading 'field')")
    assert run.error.stack.splitlines() == [
        "TypeError: Cannot read properties of null (reading 'field')",
        "    at helper (task:stacky:3:15)",
        "    at task:stacky:5:1",
    ]
    first_line = _one_run(arango_tasks, http, "undefinedFunction()", id="first")
    assert first_line.error is not None and first_line.error.stack.splitlines()[1:] == ["    at task:first:1:1"]
    assert first_line.error.type == "ReferenceError"


def test_a_task_registered_mid_batch_runs_at_its_own_time(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "1", id="filler", period=1)  # plans many runs into the same batch as the parent
    _task(http, "require('@arangodb/tasks').register({id: 'child', command: 'print(1)', offset: 0})",
          id="parent", offset=2.5)
    runs = arango_tasks.advance(10)
    child = [r for r in runs if r.task_id == "child"]
    assert [round(r.due - DEFAULT_START, 6) for r in child] == [2.500001]
    dues = [r.due for r in runs]
    assert dues == sorted(dues)


def test_python_arango_collection_all_reads_what_tasks_wrote(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "const db = require('@arangodb').db; (db.log || db._create('log')).save({n: params.n})",
          params={"n": 7}, period=1)
    arango_tasks.advance(3)
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    assert [d["n"] for d in db.collection("log").all()] == [7, 7, 7]
    assert len(list(db.collection("log").all(skip=1, limit=1))) == 1
    with pytest.raises(Exception) as other_aql:
        db.aql.execute("FOR d IN log FILTER d.n == 7 RETURN d")
    assert (other_aql.value.http_code, other_aql.value.error_code) == (501, 9)  # type: ignore[attr-defined]


def test_promise_continuations_belong_to_their_run(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "(async () => { await null; print('after await'); require('internal').sleep(2); })(); print('sync')",
          id="async", period=10)
    _task(http, "Promise.resolve().then(() => { globalThis.n = (globalThis.n || 0) + 1; print(globalThis.n) })",
          id="then", period=10, offset=0.5)
    runs = arango_tasks.advance(25)
    awaited = (("print", "sync"), ("print", "after await"))
    # the sleep in the continuation counts: the async task runs at 0, 12, 24 (period after the end)
    assert [(r.task_id, round(r.due - DEFAULT_START, 1), r.output) for r in runs] == [
        ("async", 0.0, awaited), ("then", 0.5, (("print", "1"),)), ("then", 10.5, (("print", "1"),)),
        ("async", 12.0, awaited), ("then", 20.5, (("print", "1"),)), ("async", 24.0, awaited),
    ]  # and what a continuation set on globalThis was undone before the next run
