"""Runaway and hostile commands become their run's recorded error; the server goes on."""

from __future__ import annotations

import time

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task


def _run_once(fake: FakeArangoTasks, http: Http, command: str, params: object = None) -> object:
    body: dict[str, object] = {"command": command}
    if params is not None:
        body["params"] = params
    assert http.post("/_api/tasks", body).status_code == 200
    runs = fake.advance(1)
    assert len(runs) == 1
    return runs[0]


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


def test_huge_output_is_cut_and_other_runs_are_unaffected() -> None:
    with FakeArangoTasks(run_max_output=1000) as fake:
        http = Http(fake.url)
        http.post("/_api/tasks", {"command": "print('x'.repeat(1e7)); print('after')", "period": 1})
        http.post("/_api/tasks", {"command": "print('ok')", "period": 1, "offset": 0.5})
        runs = fake.advance(3)
        big = [r for r in runs if r.output[0][1] != "ok"]
        assert big[0].output == (("print", "... (output truncated by fake-arango-tasks)"),)
        assert [r.output for r in runs if r not in big] == [(("print", "ok"),)] * 3
