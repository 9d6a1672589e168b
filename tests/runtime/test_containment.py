"""Runaway and hostile commands are contained: each becomes its run's recorded error (or does
what it does in ArangoDB), later runs of other tasks behave exactly as on a fresh server, nothing
reaches stderr, and the server goes on. Times to stop are measured in bench/bench_containment.py."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
from typing import Any

import pytest

from fake_arango_tasks import FakeArangoTasks, Run
from tests.conftest import Http
from tests.conftest import create_task as _task

TIMEOUT = 0.3
MEMORY = 64 * 1024 * 1024
MEMORY_CASE_TIMEOUT = 10.0
#: A command whose output depends on the built-ins, the globals and the modules a later run sees.
VICTIM = ("var o = {}; o.toString = 1; implicit = 5; "
          "print(typeof implicit, [1, 2].map(String).join(), JSON.stringify({a: [1]}), typeof Date.now(), "
          "Object.keys(Object.prototype).length, typeof require('@arangodb').db._create, String(o.toString), "
          "typeof setTimeout, [...new Set([1, 1])].length, (function () { return typeof this; })(), "
          "Object.getOwnPropertyNames(Object.prototype).length, Object.isExtensible(Object.prototype), "
          "Object.getOwnPropertyDescriptor(Array.prototype, 'map').writable, Object.isSealed(Array.prototype), "
          "Object.getOwnPropertyNames(globalThis).length, typeof Intl.x, /a/g.flags, new Map().size)")


@functools.lru_cache(maxsize=1)
def _fresh() -> tuple[tuple[str, str], ...]:
    """What the victim prints on a fresh server."""
    with FakeArangoTasks() as fake:
        _task(Http(fake.url), VICTIM, offset=1)
        return fake.advance(2)[0].output


def _contained(command: str, timeout: float = TIMEOUT, **body: Any) -> tuple[Run, list[Run]]:
    """Run ``command`` once, then the victim three times, on a fresh server; ``(its run, victim runs)``."""
    with FakeArangoTasks(run_timeout=timeout, run_max_memory=MEMORY) as fake:
        http = Http(fake.url)
        hostile = _task(http, command, offset=1, **body)
        victim = _task(http, VICTIM, offset=2, period=1)
        runs = fake.advance(4.5)
        assert http.get("/_api/version").status_code == 200
        mine = [r for r in runs if r.task_id == hostile]
        return mine[0], [r for r in runs if r.task_id == victim]


def _check(run: Run, victims: list[Run], message: str | None) -> None:
    if message is None:
        assert run.error is None, run.error
    else:
        assert run.error is not None and str(run.error).startswith(message), run.error
    assert [v.output for v in victims] == [_fresh()] * 3
    assert all(v.error is None for v in victims)


def test_the_victim_sees_what_a_fresh_server_shows() -> None:
    assert _fresh()[0][1].startswith('number 1,2 {"a":[1]} number 0 function 1 function 1 object 12 true true false ')


LIMITS = [
    # the time limit
    ("while (true) {}", f"run exceeded the time limit of {TIMEOUT:g} s"),
    ("for (let i = 0; ; i++) db._name()", f"run exceeded the time limit of {TIMEOUT:g} s"),
    ("console.log({get x() { for (;;) {} }})", f"run exceeded the time limit of {TIMEOUT:g} s"),
    ("throw {get x() { while (true) {} }}", f"run exceeded the time limit of {TIMEOUT:g} s"),
    ("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)", f"run exceeded the time limit of {TIMEOUT:g} s"),
    # promise continuations that never end
    ("(async () => { for (;;) await null; })()", f"run exceeded the time limit of {TIMEOUT:g} s in its promise continuations"),
    ("function f() { Promise.resolve().then(f) } f()", f"run exceeded the time limit of {TIMEOUT:g} s in its promise continuations"),
    ("(async () => { await null; for (;;) {} })()", f"run exceeded the time limit of {TIMEOUT:g} s"),
    # memory: the V8 heap, and ArrayBuffer memory outside it
    ("const a = []; while (true) a.push(new Array(1e6).fill(1.5))", f"run exceeded the memory limit of {MEMORY} bytes"),
    ("let s = 'x'; while (true) s = s + s + s.slice(1)", ""),  # V8's own "Invalid string length", or the limit
    ("new Uint8Array(512 * 1024 * 1024).fill(1)", f"run exceeded the memory limit of {MEMORY} bytes (ArrayBuffer memory)"),
    ("const k = []; for (;;) k.push(new ArrayBuffer(16 * 1024 * 1024))",
     f"run exceeded the memory limit of {MEMORY} bytes (ArrayBuffer memory)"),
    ("new SharedArrayBuffer(4, {maxByteLength: 1 << 30}).grow(512 * 1024 * 1024)",
     f"run exceeded the memory limit of {MEMORY} bytes (ArrayBuffer memory)"),
    ("try { new ArrayBuffer(1 << 29) } catch (e) {} print('caught')",
     f"run exceeded the memory limit of {MEMORY} bytes (ArrayBuffer memory)"),
    # a Buffer's bytes (lib/V8/v8-buffer.cpp: external memory) count as ArrayBuffer memory
    ("new Buffer(512 * 1024 * 1024)", f"run exceeded the memory limit of {MEMORY} bytes (ArrayBuffer memory)"),
    ("const k = []; for (;;) k.push(new Buffer(16 * 1024 * 1024))",
     f"run exceeded the memory limit of {MEMORY} bytes (ArrayBuffer memory)"),
    ("const k = [new Buffer(1 << 20)]; for (;;) k.push(Buffer.concat(k))",
     f"run exceeded the memory limit of {MEMORY} bytes (ArrayBuffer memory)"),
    # sleeping forever (ArangoDB's sleep loop never ends): stopped at once, the task runs no more
    ("require('internal').sleep(Infinity)", "the run called sleep(Infinity), which never returns in ArangoDB"),
    ("require('internal').wait(NaN)", "the run called sleep(NaN), which never returns in ArangoDB"),
    # errors of the command itself
    ("function f() { return f() } f()", "RangeError: Maximum call stack size exceeded"),
    ("throw 1n", "Uncaught 1"),
    ("throw {toString() { while (true) {} }}", 'Uncaught { "toString" : [Function] }'),
    ("throw {get stack() { throw new Error('x') }}", "Uncaught exception (unprintable)"),
    ("throw new Proxy({}, {get() { throw 1 }, getPrototypeOf() { throw 1 }})", "Uncaught exception (unprintable)"),
    ("WebAssembly.Memory", "ReferenceError: WebAssembly is not defined"),
]


@pytest.mark.parametrize(("command", "message"), LIMITS, ids=[c[:48] for c, _ in LIMITS])
def test_a_runaway_or_a_bomb_is_the_runs_error_and_later_runs_are_untouched(
        command: str, message: str, capfd: pytest.CaptureFixture[str]) -> None:
    # a memory limit must be what stops a bomb, however slow the machine: a time limit to spare
    run, victims = _contained(command, timeout=MEMORY_CASE_TIMEOUT if "memory limit" in message else TIMEOUT)
    _check(run, victims, message)
    assert capfd.readouterr().err == ""


TAMPERING = [
    # changes that cannot be undone: the context is replaced before the next run
    "Object.defineProperty(globalThis, 'print', {value() {}, writable: false, configurable: false})",
    "Object.defineProperty(globalThis, 'require', {value: () => 1, configurable: false})",
    "Object.defineProperty(globalThis, 'Date', {value: 1, configurable: false})",
    "Object.defineProperty(JSON, 'stringify', {value: () => 'x', configurable: false})",
    "Object.defineProperty(Array.prototype, 'map', {value: () => [], configurable: false})",
    "Object.defineProperty(Object.prototype, 'leak', {value: 1, enumerable: true, configurable: false})",
    "Object.defineProperty(Object.prototype, 'hidden', {value: 1, configurable: false})",
    "Object.defineProperty(globalThis, 'big', {value: 'x'.repeat(48 * 1024 * 1024), configurable: false})",
    "Object.defineProperty(Array.prototype, 'map', {writable: false, configurable: false})",
    "(0, eval)('let print = function () {}')",
    "(0, eval)('class setTimeout {}')",
    "Object.freeze(Object.prototype)",
    "Object.preventExtensions(globalThis)",
    "Object.seal(Array.prototype)",
    # changes that are undone
    "Object.setPrototypeOf(Array.prototype, {leak: 1})",
    "Array.prototype.map = function () { return ['hacked'] }",
    "var A = []['constr' + 'uctor']['proto' + 'type']; A[Symbol['iter' + 'ator']] = function* () { yield 'HACK' }",
    "var it = Object.getPrototypeOf([][Symbol.iterator]()); it.next = function () { return {done: true} }",
    "Object.prototype.extra = 1; delete Object.prototype.toString",
    "delete Map.prototype.size; delete RegExp.prototype.flags",
    "Reflect.defineProperty(String.prototype, 'x', {value: 1})",
    "Function.prototype.toString = () => 'x'; Error.prepareStackTrace = () => 'x'",
    "globalThis.setTimeout = null; this.console = null; global.db = null",
    "Date.now = () => 0; Math.random = () => 0",
    "Object.defineProperty = function () {}; Object.defineProperty(Array.prototype, 'x', {value: 1})",
    # promise continuations that tamper after the run
    "(async () => { await null; Array.prototype.map = () => ['late'] })()",
    # a frozen built-in nobody changes: the change fails, as on any frozen object
    "Intl.x = 1; Intl.DateTimeFormat.prototype.format = 1; Atomics.x = 1; Reflect.y = 2",
]


@pytest.mark.parametrize("command", TAMPERING, ids=[c[:48] for c in TAMPERING])
def test_what_a_run_does_to_the_built_ins_does_not_reach_later_runs(
        command: str, capfd: pytest.CaptureFixture[str]) -> None:
    run, victims = _contained(command)
    _check(run, victims, None)
    assert capfd.readouterr().err == ""


NEVER_FIRES = [
    "setTimeout(() => { for (;;) {} }, 10)",
    "setTimeout(() => print('late'), 0); setInterval(() => print('late'), 1)",
    "Atomics.waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10).value.then(() => { for (;;) {} })",
    "new FinalizationRegistry(() => { for (;;) {} }).register({}, 1)",
]


@pytest.mark.parametrize("command", NEVER_FIRES, ids=[c[:48] for c in NEVER_FIRES])
def test_timers_never_fire_as_in_arangodb(command: str, capfd: pytest.CaptureFixture[str]) -> None:
    """ArangoDB's V8 has no event loop: setTimeout and setInterval are js/server/initialize.js's
    `function () {}`, so a callback never runs (arangodb#9609); test_timers.py has their shape."""
    run, victims = _contained(command)
    _check(run, victims, None)
    assert run.output == ()
    assert capfd.readouterr().err == ""


def test_sleeping_forever_stops_the_run_and_the_task_runs_no_more() -> None:
    with FakeArangoTasks() as fake:
        http = Http(fake.url)
        task_id = _task(http, "print('before'); require('internal').sleep(Infinity); print('after')", period=1)
        runs = fake.advance(5)
        assert len(runs) == 1 and runs[0].output == (("print", "before"),)
        assert str(runs[0].error).startswith("the run called sleep(Infinity)")
        assert http.get(f"/_api/tasks/{task_id}").status_code == 200  # registered, as in ArangoDB, never run again


@pytest.mark.parametrize("seconds", ["Number.MAX_VALUE", "1e300", "3e11", "1e8, require('internal').sleep(3e11 - 1e8)"])
def test_a_sleep_past_the_fake_clocks_end_is_sleeping_forever_and_the_server_goes_on(seconds: str) -> None:
    """A wake time after the year 9999 (the clock's end, _clock.LATEST) cannot be reached: the run
    is stopped as for sleep(Infinity). sleep(Number.MAX_VALUE) was a slept time of Infinity that
    broke every later advance with a TypeError."""
    with FakeArangoTasks() as fake:
        fake.create_task(f"require('internal').sleep({seconds}); print('woke')", id="long", period=1)
        fake.create_task("print(new Date().toISOString())", id="other", period=1, offset=0.5)
        runs = fake.advance(2)
        long = [r for r in runs if r.task_id == "long"]
        assert len(long) == 1 and long[0].output == ()
        assert str(long[0].error).startswith("the run called sleep(") and "would end after the year 9999" in str(long[0].error)
        assert [r.output for r in runs if r.task_id == "other"] == [
            (("print", "2024-01-01T00:00:00.500Z"),), (("print", "2024-01-01T00:00:01.500Z"),)]
        assert [r.task_id for r in fake.advance(1)] == ["other"]


@pytest.mark.parametrize(("argument", "slept"), [("-1", 0), ("'1'", 0), ("{}", 0), ("new Number(2)", 2), ("0.25", 0.25),
                                                 ("-Infinity", 0)])
def test_sleep_converts_its_argument_as_arangodb_does(argument: str, slept: float) -> None:
    """lib/V8/v8-utils.cpp JS_Sleep: TRI_ObjectToDouble (a number or Number object, else 0);
    a time <= 0 returns at once (-Infinity too: ``until`` is -Infinity, ``now >= until`` at once)."""
    with FakeArangoTasks() as fake:
        _task(Http(fake.url), f"require('internal').sleep({argument})")
        run = fake.advance(1)[0]
        assert run.error is None and round(run.finished - run.started, 6) == slept


@pytest.mark.parametrize(("call", "message"), [("sleep()", "usage: sleep(<seconds>)"), ("sleep(1, 2)", "usage: sleep(<seconds>)"),
                                               ("wait()", "usage: wait(<seconds>, <gc>)")])
def test_sleep_usage_errors(call: str, message: str) -> None:
    with FakeArangoTasks() as fake:
        _task(Http(fake.url), f"require('internal').{call}")
        run = fake.advance(1)[0]
        assert (run.error.type, run.error.error_num, run.error.message) == ("ArangoError", 10, message)  # type: ignore[union-attr]


def test_a_runaway_stops_only_itself_and_the_runs_before_it_keep_their_output() -> None:
    with FakeArangoTasks(run_timeout=TIMEOUT) as fake:
        http = Http(fake.url)
        for n in range(5):
            _task(http, f"print({n})", offset=1)
        _task(http, "while (true) {}", id="runaway", offset=1)
        for n in range(5, 10):
            _task(http, f"print({n})", offset=1)
        runs = fake.advance(2)
        assert [r.task_id == "runaway" for r in runs].count(True) == 1
        assert [r.output for r in runs if r.task_id != "runaway"] == [(("print", str(n)),) for n in range(10)]
        assert str(next(r for r in runs if r.task_id == "runaway").error).startswith("run exceeded the time limit")


@pytest.mark.parametrize("result", ["1n", "({get a() { while (true) {} }})", "new Proxy({}, {get() { while (1) {} }})"])
def test_a_hostile_return_value_is_ignored(arango_tasks: FakeArangoTasks, http: Http, result: str) -> None:
    _task(http, f"print('ok'); return {result}")
    run = arango_tasks.advance(1)[0]
    assert run.output == (("print", "ok"),) and run.error is None


def test_compile_check_of_a_runaway_source_does_not_hang(arango_tasks: FakeArangoTasks, http: Http) -> None:
    response = http.post("/_api/tasks", {"command": "(" * 100000})
    assert (response.status_code, response.json()["errorMessage"]) == (400, "cannot compile command")


def test_huge_output_is_cut_and_other_runs_are_unaffected() -> None:
    with FakeArangoTasks(run_max_output=1000) as fake:
        http = Http(fake.url)
        http.post("/_api/tasks", {"command": "print('x'.repeat(1e7)); print('after')", "period": 1})
        http.post("/_api/tasks", {"command": "print('ok')", "period": 1, "offset": 0.5})
        runs = fake.advance(3)
        big = [r for r in runs if r.output[0][1] != "ok"]
        # what fitted is kept: the line that crossed the limit cut at it, then the marker
        assert big[0].output == (("print", "x" * 1000), ("print", "... (output truncated by fake-arango-tasks)"))
        assert big[0].error is None  # ArangoDB has no output limit: the run itself succeeded
        assert [r.output for r in runs if r not in big] == [(("print", "ok"),)] * 3



def test_empty_lines_count_against_the_output_limit_and_the_journal() -> None:
    """An empty line costs one character: three million ``print('')`` were all kept (450 MB a run)."""
    with FakeArangoTasks(run_max_output=1000, max_journal_output=2500) as fake:
        fake.create_task("for (let i = 0; i < 1e5; i++) print('');", id="empty", period=1)
        runs = fake.advance(3)
        assert [len(r.output) for r in runs] == [1001] * 3  # 1000 empty lines, then the marker
        assert runs[0].output[-1] == ("print", "... (output truncated by fake-arango-tasks)")
        assert len(fake.runs) == 2 and fake.dropped_runs == 1  # 1,043 characters a run: two fit in 2,500


QUERIES = [
    ("db._query('FOR i IN 1..1000000000000 FILTER i < 0 RETURN i')", f"run exceeded the time limit of {TIMEOUT:g} s"),
    ("db._query('FOR i IN 1..10000000 FOR j IN 1..100 RETURN 1')", "ArangoError: AQL: query would use more memory than allowed"),
]


@pytest.mark.parametrize(("command", "message"), QUERIES, ids=[c[:48] for c, _ in QUERIES])
def test_a_query_that_would_run_away_is_stopped_with_the_run(command: str, message: str,
                                                              capfd: pytest.CaptureFixture[str]) -> None:
    """AQL runs in Python, which V8's watchdog cannot interrupt: the engine checks the run's time
    every few thousand rows, and bounds what a query may return by the memory limit."""
    run, victims = _contained(command)
    _check(run, victims, message)
    assert capfd.readouterr().err == ""


def test_a_big_command_compiles_and_a_run_it_outlasts_is_stopped_honestly(http: Http) -> None:
    """arangod's ``Task::tryCompile`` has no time limit: a 24 MB command (within the 1 GiB request
    size) is created, however long V8 takes (the fake's bound grows with the command's length).
    Its run under a 0.2 s limit is stopped with the limit's message, not as an internal error."""
    command = "var a = [" + ",".join(["1"] * (12 * 1024 * 1024)) + "];"
    with FakeArangoTasks(run_timeout=0.2) as fake:
        response = Http(fake.url).post("/_api/tasks", {"command": command, "id": "big"})
        assert response.status_code == 200, response.text
        run = fake.advance(1)[0]
    message = str(run.error)
    assert message.startswith("run exceeded the time limit of 0.2 s and was stopped") and "internal" not in message


def test_a_value_nested_past_pythons_reach_is_arangods_nested_too_deep_error() -> None:
    """TRI_V8ToVPack (lib/V8/v8-vpack.cpp) refuses nesting past maxRecursion (80) with 10 "input
    value is nested too deep"; the fake checks only where Python's parser gives up (about a
    thousand levels: between the two the fake accepts what arangod refuses), which was an
    internal error (RecursionError)."""
    with FakeArangoTasks() as fake:
        fake.create_task("""
            let deep = []; for (let i = 0; i < 100000; i++) deep = [deep];
            try { require('@arangodb/tasks').register({command: '1', params: deep}); } catch (e) { print(e.errorNum, e.message); }
        """, id="deep")
        run = fake.advance(1)[0]
        assert run.error is None and run.output == (("print", "10 input value is nested too deep"),)


def test_a_hidden_promise_continuation_that_runs_away_blames_no_later_run() -> None:
    """A continuation the text rules cannot see (``globalThis['Pro' + 'mise']``) runs when V8 next
    gets control, before the next batch's entry point: the next batch's first run was recorded
    as over the time limit (a trial). No run of that batch began, so it is made afresh in a new
    context; the run that left the continuation had already ended without error."""
    with FakeArangoTasks(run_timeout=0.3) as fake:
        fake.create_task("const P = globalThis['Pro' + 'mise']; P.resolve()['th' + 'en'](() => { for (;;) {} });", id="stray")
        fake.create_task("print('v')", id="v", period=1, offset=0.5)
        runs = [(r.task_id, r.output, r.error) for _ in range(3) for r in fake.advance(1)]
        assert runs == [("stray", (), None)] + [("v", (("print", "v"),), None)] * 3



LOOPS_V8_CANNOT_STOP = [
    "Array.prototype.indexOf.call({length: 2**40}, 1)",
    "Array.prototype.lastIndexOf.call({length: 2**53 - 1}, 1)",
    "Array.prototype.includes.call({length: 2**40}, 1)",
    "Array.prototype.reduce.call({length: 2**40, [2**40 - 1]: 1}, (a, b) => b)",
    "Array.prototype.map.call({length: 2**32 - 1}, (x) => x)",
    "Array.prototype.sort.call({length: 2**40})",  # this one ended the whole process (V8's fatal "invalid array length")
    "new Array(2**32 - 1).reverse()",
    "Array.prototype.indexOf.call('x'.repeat(2**23), 'y')",
    "Array.from({length: 2**32 - 1})",
    "'x'.repeat(2**28).split('')",  # a fatal error too
]
_LOOPS_SCRIPT = """
import json, sys
from fake_arango_tasks import FakeArangoTasks
out = []
for command in json.loads(sys.argv[1]):
    with FakeArangoTasks(run_timeout=0.5) as fake:
        fake.create_task(command, id="t")
        fake.create_task("print([3, 1, 2].sort().indexOf(2), [1, 2].map(x => x * 2).join(), Array.prototype.indexOf.length,"
                         " typeof [].map.prototype, String([].indexOf).includes('[native code]'))", id="u", offset=0.5)
        runs = fake.advance(1)
        out.append([runs[0].error.type, runs[0].error.message, runs[1].output, str(runs[1].error)])
print(json.dumps(out))
"""


def test_a_builtin_loop_v8_cannot_stop_is_refused_and_the_server_goes_on() -> None:
    """Array.prototype's generic methods walk every index inside the builtin, where V8 never checks
    for termination: a trial's indexOf ran for hours past a 0.5 s limit. Past a length no dense
    array of the run's memory could have they throw a RangeError naming the guard. (In a child
    process: without the guard these hang, or end the process, and this test must fail instead.)"""
    done = subprocess.run([sys.executable, "-c", _LOOPS_SCRIPT, json.dumps(LOOPS_V8_CANNOT_STOP)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    for command, (kind, message, victim, victim_error) in zip(LOOPS_V8_CANNOT_STOP, json.loads(done.stdout)):
        assert kind == "RangeError" and "is not run by fake-arango-tasks: V8 cannot stop that loop" in message, command
        assert victim == [["print", "1 2,4 1 undefined true"]] and victim_error == "None", command


def test_memory_a_run_leaves_where_no_check_sees_it_blames_no_later_run() -> None:
    """A private field stamped onto ``Object.prototype`` (a base class whose constructor returns
    it) is invisible to every check from JavaScript and stays until the context is replaced: the
    innocent task's runs hit the memory limit every few advances (a trial). After a batch whose
    heap, collected, still holds more than half the limit, the context is replaced."""
    leak = "class B { constructor(o) { return o; } } class S extends B { #k = new Array(4e6).fill(1.5); } new S(Object.prototype);"
    with FakeArangoTasks(run_max_memory=128 * 2**20) as fake:
        fake.create_task(leak, id="evil", period=1)
        fake.create_task("const a = new Array(1e6).fill(2.5); print(a.length)", id="innocent", period=1, offset=0.5)
        runs = [r for _ in range(12) for r in fake.advance(1)]
        assert [str(r.error) for r in runs if r.error is not None] == []
        assert {r.output for r in runs if r.task_id == "innocent"} == {(("print", "1000000"),)}


def test_python_work_a_run_asks_for_ends_with_the_runs_time_limit() -> None:
    """``crypto.pbkdf2`` runs in Python, where V8's watchdog cannot stop it: ten million rounds
    took 5.6 s under a 0.5 s limit (a trial). It runs in a worker thread, waited for only as long
    as the run has left: the advance is over while the work still computes, unobserved."""
    with FakeArangoTasks(run_timeout=0.2) as fake:
        fake.create_task("print('before'); require('@arangodb/crypto').pbkdf2('s', 'p', 3e6, 64, 'sha512'); print('after')",
                         id="slow")
        run = fake.advance(1)[0]
        still_computing = [t for t in threading.enumerate() if t.name == "fake-arango-tasks-run-work" and t.is_alive()]
        assert str(run.error).startswith("run exceeded the time limit of 0.2 s")
        assert still_computing, "the advance waited for the work"
