"""What one run does to the JavaScript environment is gone for the next run."""

from __future__ import annotations

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task
from tests.conftest import one_run as _one_run
from tests.conftest import printed as _printed


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
    arango_tasks.expect_errors(_task(http, tamper, offset=1))  # a tampering run may throw (a frozen db)
    victim = _task(http, "var o = {}; o.toString = 1; x = 5; print(typeof x, [1, 2].map(String).join(), [].leak,"
                         " Object.keys(db).length, typeof require('@arangodb/request').get.x, o.toString)",
                   period=10, offset=2)
    runs = arango_tasks.advance(30) + arango_tasks.advance(30)
    victim_runs = [r for r in runs if r.task_id == victim]
    assert len(victim_runs) == 6  # never skipped, never lost
    # Object.keys(db): its 44 methods (the 3.12 ArangoDatabase surface), no collections
    assert {r.output for r in victim_runs} == {(("print", "number 1,2 undefined 44 undefined 1"),)}
    assert all(r.error is None for r in victim_runs)


def test_reset_gives_the_same_ids_keys_and_random_numbers_again(arango_tasks: FakeArangoTasks, http: Http) -> None:
    def scenario() -> list[object]:
        _task(http, "print(Math.random(), require('@arangodb').db._create('c').save({})._key)", offset=1)
        return [r.output for r in arango_tasks.advance(1)] + [t["id"] for t in arango_tasks.tasks]

    first = scenario()
    arango_tasks.reset()
    assert scenario() == first


def test_the_legacy_regexp_statics_hold_no_earlier_runs_data(arango_tasks: FakeArangoTasks) -> None:
    """``RegExp.input``, ``lastMatch``, ``$1``... are the realm's last match: one task's params
    read by another user's later task (a trial). A fresh context has them all empty."""
    arango_tasks.create_task("/^(.*)$/.test(params.pw);", id="bob", params={"pw": "hunter2"}, period=2, offset=0)
    probe = "print(JSON.stringify([RegExp.input, RegExp.lastMatch, RegExp.$1, RegExp.leftContext, RegExp['$_']]))"
    arango_tasks.create_task(probe, id="alice", period=2, offset=1)
    runs = arango_tasks.advance(4)
    assert [r.task_id for r in runs] == ["bob", "alice", "bob", "alice"]
    assert {r.output for r in runs if r.task_id == "alice"} == {(("print", '["","","","",""]'),)}


EVIL = """
    const attempts = [
      () => { Array.prototype.slice.call = function (a) { return ['PWN']; }; },
      () => { Object.prototype.hasOwnProperty.call = () => 'PWN'; },
      () => { [].map.leak = 'L'; },
      () => { Object.setPrototypeOf([].map, null); },
      () => { Object.defineProperty([].map, 'name', {value: 'HACK'}); },
      () => { Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.x = 1; },
      () => { Array.prototype[Symbol.unscopables].keys = false; },
      () => { Object.getPrototypeOf(new Intl.Segmenter().segment('ab')).containing = () => 'PWN'; },
      () => { Object.getPrototypeOf(new Intl.Segmenter().segment('ab')[Symbol.iterator]()).next = () => 'PWN'; },
    ];
    for (const attempt of attempts) { try { attempt(); } catch (e) { } }
"""
VICTIM = """
    print(JSON.stringify([
      Array.prototype.slice.call([1, 2], 1), Object.prototype.hasOwnProperty.call({a: 1}, 'a'), [].map.leak,
      typeof [].map.call, [].map.name, Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.x,
      Array.prototype[Symbol.unscopables].keys, typeof new Intl.Segmenter().segment('ab').containing(0),
      [...new Intl.Segmenter().segment('ab')].length,
    ]));
"""


def test_the_built_ins_methods_and_hidden_intrinsics_keep_no_change_for_later_runs(arango_tasks: FakeArangoTasks) -> None:
    """The function objects of the built-ins' methods and accessors, the objects they hold and the
    intrinsics no global name reaches are frozen: a change to one is refused (a trial's
    ``Array.prototype.slice.call = f`` read every later run's arguments, of every task)."""
    arango_tasks.create_task(EVIL, id="evil", period=2, offset=0)
    arango_tasks.create_task(VICTIM, id="victim", period=2, offset=1)
    runs = arango_tasks.advance(4)
    assert [r.task_id for r in runs] == ["evil", "victim", "evil", "victim"]
    fresh = '[[2],true,null,"function","map",null,true,"object",2]'
    assert [r.output for r in runs if r.task_id == "victim"] == [(("print", fresh),)] * 2
