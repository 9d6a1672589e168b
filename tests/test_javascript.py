"""The task runtime: what a command sees and prints, and how runaway or hostile commands are contained."""

from __future__ import annotations

import time

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http


def _run_once(fake: FakeArangoTasks, http: Http, command: str, params: object = None) -> object:
    body: dict[str, object] = {"command": command}
    if params is not None:
        body["params"] = params
    assert http.post("/_api/tasks", body).status_code == 200
    runs = fake.advance(1)
    assert len(runs) == 1
    return runs[0]


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


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("while (true) {}", "run exceeded the time limit of 0.3 s and was stopped"),
        ("const a = []; while (true) a.push(new Array(1e6).fill(1.5))", "run exceeded the"),
        ("function f() { return f() } f()", "RangeError: Maximum call stack size exceeded"),
        ("throw 1n", "Uncaught 1"),
        ("throw {toString() { while (true) {} }}", 'Uncaught { "toString" : [Function] }'),
        ("throw {get x() { while (true) {} }}", "run exceeded the time limit of 0.3 s and was stopped"),
        ("throw {get stack() { throw new Error('x') }}", "Uncaught exception (unprintable)"),
    ],
)
def test_runaway_and_hostile_commands_become_recorded_errors(command: str, message: str) -> None:
    with FakeArangoTasks(run_timeout=0.3, run_max_memory=64 * 1024 * 1024) as fake:
        http = Http(fake.url)
        started = time.monotonic()
        run = _run_once(fake, http, command)
        assert time.monotonic() - started < 5
        assert run.error is not None and str(run.error).startswith(message)  # type: ignore[attr-defined]
        # the server goes on serving and running tasks
        assert http.get("/_api/tasks").status_code == 200
        assert _run_once(fake, http, "print(1 + 1)").output == (("print", "2"),)  # type: ignore[attr-defined]


@pytest.mark.parametrize("result", ["1n", "({get a() { while (true) {} }})", "new Proxy({}, {get() { while (1) {} }})"])
def test_a_hostile_return_value_is_ignored(arango_tasks: FakeArangoTasks, http: Http, result: str) -> None:
    run = _run_once(arango_tasks, http, f"print('ok'); return {result}")
    assert run.output == (("print", "ok"),) and run.error is None  # type: ignore[attr-defined]


def test_compile_check_of_a_runaway_source_does_not_hang(arango_tasks: FakeArangoTasks, http: Http) -> None:
    response = http.post("/_api/tasks", {"command": "(" * 100000})
    assert (response.status_code, response.json()["errorMessage"]) == (400, "cannot compile command")


def test_a_server_first_used_inside_an_event_loop_outlives_that_loop() -> None:
    """mini-racer adopts a running asyncio loop; ours must not die with a test's loop."""
    import asyncio

    with FakeArangoTasks() as fake:
        http = Http(fake.url)
        assert http.post("/_api/tasks", {"command": "print(1)", "period": 1}).status_code == 200

        async def inside_a_loop() -> int:
            return len(fake.advance(1))  # the V8 context is created here, on a loop's thread

        assert asyncio.run(inside_a_loop()) == 1
        assert [r.output for r in fake.advance(2)] == [(("print", "1"),)] * 2  # that loop is closed now
