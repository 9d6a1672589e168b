"""Nothing but ArangoDB's API is reachable from a command, a promise continuation or a callback:
no global, no property path, no stack frame leads to the fake's internals, and what a command
reaches acts as the task's owner."""

from __future__ import annotations

import pytest
import requests

from fake_arango_tasks import FakeArangoTasks, User
from tests.conftest import Http
from tests.conftest import create_task as _task

#: ECMAScript's globals (as V8 12.1, ArangoDB 3.12's, has them: test_v8_version.py), ArangoDB's
#: (print, console, require, db, global, aqlQuery, Buffer, process and the timers, which do nothing;
#: js/server/initialize.js): nothing else
#: may be on the global object.
ALLOWED_GLOBALS = {
    "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array", "BigUint64Array", "Boolean",
    "DataView", "Date", "Error", "EvalError", "FinalizationRegistry", "Float32Array", "Float64Array", "Function",
    "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl", "JSON", "Map", "Math", "NaN", "Number", "Object",
    "Promise", "Proxy", "RangeError", "ReferenceError", "Reflect", "RegExp", "Set", "SharedArrayBuffer", "String",
    "Symbol", "SyntaxError", "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array",
    "Uint8ClampedArray", "WeakMap", "WeakRef", "WeakSet", "decodeURI", "decodeURIComponent", "encodeURI",
    "encodeURIComponent", "escape", "eval", "globalThis", "isFinite", "isNaN", "parseFloat", "parseInt", "undefined",
    "unescape",
    "print", "console", "require", "db", "global", "aqlQuery", "Buffer", "process",
    "setTimeout", "setInterval", "clearTimeout", "clearInterval",
}


def _printed(fake: FakeArangoTasks, http: Http, command: str) -> list[str]:
    _task(http, command, offset=1)
    runs = fake.advance(2)
    assert len(runs) == 1 and runs[0].error is None, runs[0].error
    return [text for _, text in runs[0].output]


def test_the_global_object_holds_only_ecmascripts_and_arangodbs_names(arango_tasks: FakeArangoTasks, http: Http) -> None:
    [names] = _printed(arango_tasks, http, "print(JSON.stringify(Reflect.ownKeys(globalThis).map(String)))")
    assert set(eval(names)) - ALLOWED_GLOBALS == set()  # noqa: S307 (a JSON array of strings)


@pytest.mark.parametrize("name", ["__fakeArango", "bridge", "sab", "entry", "resume", "run", "batch", "ask", "kernel",
                                  "__timer_manager", "WebAssembly", "queueMicrotask",
                                  "setImmediate", "clearImmediate"])
def test_no_internal_name_is_a_global(arango_tasks: FakeArangoTasks, http: Http, name: str) -> None:
    assert _printed(arango_tasks, http, f"print(typeof {name}, {name!r} in globalThis)") == ["undefined false"]


def test_stack_frames_of_the_prelude_give_no_function_or_receiver(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """V8's CallSite API hands out a frame's function and receiver only for sloppy-mode code; the
    prelude is strict, so a command that captures the stack inside a callback the prelude called
    (a toString, a getter) gets nothing of it."""
    printed = _printed(arango_tasks, http, """
        const seen = [];
        Error.prepareStackTrace = (e, sites) => sites;
        const hook = { toString() {
            for (const site of new Error('x').stack) {
                const f = site.getFunction(), self = site.getThis();
                if (f !== undefined && f !== hook.toString) seen.push('function ' + site.getFunctionName());
                if (self !== undefined && self !== hook && self !== globalThis) seen.push('this of ' + site.getFunctionName());
            }
            return 'c';
        } };
        try { db._create(hook); } catch (e) {}
        try { require('@arangodb/tasks').get(hook); } catch (e) {}
        console.log('%s', hook);
        print(JSON.stringify(seen));
    """)
    assert printed[-1] == "[]"


def test_a_callback_the_prelude_calls_cannot_climb_to_its_caller(arango_tasks: FakeArangoTasks, http: Http) -> None:
    printed = _printed(arango_tasks, http, """
        let caller = 'unset';
        function toString() { caller = toString.caller; return 'x'; }
        try { db._create({toString}); } catch (e) {}
        print(caller === null ? 'null' : typeof caller);
    """)
    assert printed == ["null"]


def test_a_promise_continuation_left_by_a_run_cannot_act_after_it(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """A command that hides its promise from the text test (computed names) leaves a continuation
    that runs after the call, outside any run: it reaches nothing (every module refuses)."""
    _task(http, """
        const P = Atomics.waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 0).value.constructor;
        P.resolve()['th' + 'en'](() => { print('late'); db._create('leaked'); });
    """, offset=1)
    _task(http, "print('next')", offset=1)
    runs = arango_tasks.advance(2)
    assert [r.output for r in runs] == [(), (("print", "next"),)]
    assert http.get("/_api/collection/leaked").status_code == 404


@pytest.mark.arango_tasks(users={"root": "", "alice": User("a", {"alicedb": "rw", "_system": "rw"}),
                                 "bob": User("b", {"bobdb": "rw", "_system": "rw"})})
def test_a_users_task_acts_as_that_user(arango_tasks: FakeArangoTasks) -> None:
    root = requests.Session()
    root.auth = ("root", "")
    for name in ("alicedb", "bobdb"):
        assert root.post(arango_tasks.url + "/_api/database", json={"name": name}).status_code == 201
    assert root.post(arango_tasks.url + "/_db/bobdb/_api/collection", json={"name": "secrets"}).status_code == 200
    bob = requests.Session()
    bob.auth = ("bob", "b")
    bobs = bob.post(arango_tasks.url + "/_db/bobdb/_api/tasks", json={"command": "1", "id": "bobs", "params": {"pw": 1},
                                                                        "period": 100}).json()
    assert bobs["id"] == "bobs"
    alice = requests.Session()
    alice.auth = ("alice", "a")
    command = """
        const tasks = require('@arangodb/tasks');
        print(JSON.stringify(tasks.get().map((t) => t.id)));
        try { tasks.get('bobs'); print('read bobs task') } catch (e) { print(e.errorNum) }
        try { tasks.unregister('bobs'); print('removed bobs task') } catch (e) { print(e.errorNum) }
        try { tasks.register({command: '1', runAsUser: 'bob'}); print('ran as bob') } catch (e) { print(e.errorNum) }
    """
    created = alice.post(arango_tasks.url + "/_db/alicedb/_api/tasks", json={"command": command, "id": "alices"})
    assert created.status_code == 200, created.text
    runs = [r for r in arango_tasks.advance(1) if r.task_id == "alices"]
    assert [text for _, text in runs[0].output] == ['["alices"]', "1852", "1852", "11"]
    assert bob.get(arango_tasks.url + "/_api/tasks/bobs").status_code == 200


@pytest.mark.arango_tasks(users={"root": "", "alice": User("a", {"alicedb": "rw", "_system": "rw"}),
                                 "bob": User("b", {"bobdb": "rw", "_system": "rw"})})
def test_a_toJSON_cannot_make_a_bridge_request_speak_for_another_run(arango_tasks: FakeArangoTasks) -> None:
    """A command's ``toJSON`` shapes only values it gave: a request names its batch and run, and
    Python takes the run from the buffer header, never from the request (a trial forged
    ``["task", batch, -1, "bobs", 0]`` and an ``aql`` request with bob's run index)."""
    root = requests.Session()
    root.auth = ("root", "")
    for name in ("alicedb", "bobdb"):
        assert root.post(arango_tasks.url + "/_api/database", json={"name": name}).status_code == 201
    root.post(arango_tasks.url + "/_db/bobdb/_api/collection", json={"name": "secrets"})
    root.post(arango_tasks.url + "/_db/bobdb/_api/document/secrets", json={"v": "BOB-SECRET"})
    bob = requests.Session()
    bob.auth = ("bob", "b")
    assert bob.post(arango_tasks.url + "/_db/bobdb/_api/tasks",
                    json={"command": "1", "id": "bobs", "params": {"pw": "hunter2"}, "period": 1, "offset": 1}).status_code == 200
    alice = requests.Session()
    alice.auth = ("alice", "a")
    command = """
        const {db} = require('@arangodb');
        const tasks = require('@arangodb/tasks');
        const forged = (made) => { Array.prototype.toJSON = function () { return made(this); }; };
        const attempt = (what, act) => { try { print(what, act()); } catch (e) { print(what, e.errorNum, e.message); } };
        forged((a) => ['task', a[1], -1, 'bobs', 0]);
        attempt('task', () => tasks.get().map((t) => t.id).join());
        for (const index of [0, 1, -1]) {
          forged((a) => ['aql', a[1], index, 'bobdb', {kind: 'query', query: 'FOR s IN secrets RETURN s.v', bindVars: {}}]);
          attempt('aql ' + index, () => db._query('RETURN 1').toArray().join());
        }
        Object.prototype.toJSON = function () {  // alice's own query, replaced: still alice's, in her database
          return this.kind === 'query' ? {kind: 'query', query: 'FOR s IN secrets RETURN s.v', nowUs: 0, seed: 0} : this;
        };
        attempt('own query', () => db._query('RETURN 1').toArray().join());
        delete Object.prototype.toJSON;
        forged((a) => ['stop', a[1], a[2], 'memory']);
        attempt('stop', () => db._query('RETURN 1').toArray().join());
    """
    assert alice.post(arango_tasks.url + "/_db/alicedb/_api/tasks",
                      json={"command": command, "id": "alices", "period": 1, "offset": 1}).status_code == 200
    runs = arango_tasks.advance(1)
    assert [r.task_id for r in runs] == ["bobs", "alices"] or [r.task_id for r in runs] == ["alices", "bobs"]
    alices = next(r for r in runs if r.task_id == "alices")
    assert alices.error is None, alices.error
    assert [text for _, text in alices.output] == [
        "task alices", "aql 0 1", "aql 1 1", "aql -1 1",
        "own query 1203 AQL: collection or view not found: secrets (while parsing)", "stop 1"]
    later = arango_tasks.advance(1)  # the server goes on: both tasks run again, bob's untouched
    assert sorted(r.task_id for r in later) == ["alices", "bobs"] and all(r.error is None for r in later)
