"""ArangoDB's server-side JavaScript as task commands see it: modules, printing, params, time, randomness, requests, error reports."""

from __future__ import annotations

import pytest

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task
from tests.conftest import one_run as _one_run
from tests.conftest import printed as _printed


def _run_once(fake: FakeArangoTasks, http: Http, command: str, params: object = None) -> object:
    body: dict[str, object] = {"command": command}
    if params is not None:
        body["params"] = params
    assert http.post("/_api/tasks", body).status_code == 200
    runs = fake.advance(1)
    assert len(runs) == 1
    return runs[0]


def _random_draws(seed: int, extra_task: bool) -> list[tuple[str, ...]]:
    with FakeArangoTasks(seed=seed) as fake:
        http = Http(fake.url)
        if extra_task:
            _task(http, "Math.random(); Math.random()", period=1)
        _task(http, "print(Math.random(), Math.random())", id="r", period=1)
        return [r.output[0] for r in fake.advance(3) if r.task_id == "r"]


@pytest.mark.parametrize(
    ("command", "output"),
    [
        ("require('@arangodb').print(params)", [("print", '{ "foo" : "bar", "bar" : "foo" }')]),
        ("print('plain', 1, [1, 'a'], {}, [], null, undefined)", [("print", 'plain 1 [ 1, "a" ] { } [ ] null undefined')]),
        ("require('internal').print({s: 'x'.repeat(300)}.s.length)", [("print", "300")]),
        ("print({s: 'x'.repeat(257)})", [("print", '{ "s" : "' + "x" * 256 + '..." }')]),
        ("console.log('%s is %d', 'n', 42, 'extra')", [("log", "n is 42 extra")]),
        ("console.info(params); console.error(new Error('e')); console.debug(null)",
         [("info", '{ "foo" : "bar", "bar" : "foo" }'), ("error", "Error: e"), ("debug", "null")]),
        ("require('console').warn('w')", [("warn", "w")]),
        # printRecursive's customInspect: an object with a _PRINT method prints itself
        ("print([{_PRINT(c) { c.output += '<me>'; }}])", [("print", "[ <me> ]")]),
    ],
)
def test_output_is_captured_in_order_and_formatted_as_arangodb_prints(
    arango_tasks: FakeArangoTasks, http: Http, command: str, output: list[tuple[str, str]]
) -> None:
    run = _run_once(arango_tasks, http, command, {"foo": "bar", "bar": "foo"})
    assert list(run.output) == output  # type: ignore[attr-defined]
    assert run.error is None  # type: ignore[attr-defined]


def test_params_absent_is_undefined_and_converted_afresh_each_run(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert http.post("/_api/tasks", {"command": "print(typeof params)"}).status_code == 200
    assert http.post("/_api/tasks", {"command": "params.n += 1; print(params.n)", "params": {"n": 1},
                                     "period": 1}).status_code == 200
    runs = arango_tasks.advance(2)
    assert [r.output for r in runs] == [(("print", "undefined"),), (("print", "2"),), (("print", "2"),)]


def test_a_top_level_return_is_legal(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _run_once(arango_tasks, http, "print('a'); return; print('b')")
    assert run.output == (("print", "a"),)  # type: ignore[attr-defined]


def test_unknown_module_fails_with_arangodbs_error(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _run_once(arango_tasks, http, "try { require('nope') } catch (e) { print(e.errorNum, e.errorMessage) }")
    assert run.output == (("print", "3100 cannot locate module\nFile: nope"),)  # type: ignore[attr-defined]


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
        "processPid allowed",  # js/common/bootstrap/modules/process.js has no pid: undefined
        '3100 "cannot locate module\\nFile: child_process"',  # there is no child_process in ArangoDB
    ]


def test_an_uncaught_forbidden_call_is_the_runs_error(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, "require('fs').read('/etc/passwd')")
    assert run.error is not None
    assert (run.error.type, run.error.error_num) == ("ArangoError", 11)
    assert run.error.message == "not allowed to read files in this path: /etc/passwd"


def test_math_random_is_seeded_per_server_task_and_run() -> None:
    first = _random_draws(7, extra_task=False)
    assert len(first) == 3 and len(set(first)) == 3  # each run draws afresh
    assert _random_draws(7, extra_task=False) == first  # same seed: same numbers
    assert _random_draws(7, extra_task=True) == first  # other tasks' draws do not shift this task's
    assert _random_draws(8, extra_task=False) != first


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


def test_a_task_id_cannot_inject_code_through_its_stack_file_name(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert http.put("/_api/tasks/x%0Aprint(%22injected%22)", {"command": "print('ran')"}).status_code == 200
    assert http.put("/_api/tasks/a%20b", {"command": "null.x"}).status_code == 200
    runs = arango_tasks.advance(1)
    assert runs[0].output == (("print", "ran"),)
    assert runs[1].error is not None and "task:a%20b:1:" in runs[1].error.stack


def test_errors_thrown_by_the_api_carry_their_numbers_http_status(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """TRI_CreateErrorObject (lib/V8/v8-utils.cpp) sets ``code`` to the number's status
    (GeneralResponse::responseCode): a usage error (10) is 400, not the 500 an ArangoError built
    without a code gets."""
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        for (const f of [() => db._useDatabase(), () => require('@arangodb/request')(null)]) {
          try { f(); } catch (e) { print(e.errorNum, e.code); }
        }
    """)
    assert _printed(run) == ["10 400", "10 400"]


def test_a_lone_surrogate_from_a_command_is_u_fffd_as_arangod_stores_and_logs_it(arango_tasks: FakeArangoTasks,
                                                                               http: Http) -> None:
    """``v8::String::Utf8Value`` (TRI_V8ToVPack, print) replaces invalid UTF-16 with U+FFFD; a run
    that printed a lone surrogate made ``GET /_fake/runs`` close the connection (a trial)."""
    arango_tasks.expect_errors()
    http.post("/_api/collection", {"name": "c"})
    _task(http, r"""
        print('a\uD800b', '\\uD800', 'ok \uD83D\uDE00');
        require('@arangodb').db.c.save({_key: 'k', s: 'x\uDC00'});
        throw new Error('x\uD800');
    """)
    runs = http.post("/_fake/clock/advance", {"seconds": 1}).json()["runs"]
    assert runs[0]["output"] == [{"level": "print", "message": "a\ufffdb \\uD800 ok \U0001F600"}]
    assert runs[0]["error"]["message"] == "x\ufffd"
    assert http.get("/_fake/runs").json()[0]["output"] == runs[0]["output"]
    assert http.get("/_api/document/c/k").json()["s"] == "x\ufffd"
