"""The timers of ArangoDB 3.12's server contexts, as js/server/initialize.js defines them
("common globals"):

    global.setInterval = function () {};
    global.clearInterval = function () {};
    global.setTimeout = function () {};
    global.clearTimeout = function () {};

four distinct anonymous strict functions (name "", length 0) that return undefined; with no event
loop in arangod's V8 a callback never runs (arangodb#9609). setImmediate and clearImmediate are not
defined there. That callbacks never fire, even runaway ones, is in test_containment.py."""

from __future__ import annotations

import json

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task

TIMERS = ["setInterval", "clearInterval", "setTimeout", "clearTimeout"]
NOT_IN_ARANGOD = ["setImmediate", "clearImmediate", "queueMicrotask"]


def _printed_json(fake: FakeArangoTasks, http: Http, expression: str) -> object:
    _task(http, f"print(JSON.stringify({expression}))")
    [run] = fake.advance(1)
    assert run.error is None, run.error
    return json.loads(run.output[0][1])


@pytest.mark.parametrize("name", TIMERS)
def test_a_timer_is_initialize_js_s_empty_function(arango_tasks: FakeArangoTasks, http: Http, name: str) -> None:
    described = _printed_json(arango_tasks, http, f"""(() => {{
        const f = globalThis[{name!r}], d = Object.getOwnPropertyDescriptor(globalThis, {name!r});
        return [typeof f, f.name, f.length, String(f), typeof f(() => print('fired'), 0), typeof f.prototype,
                d.writable, d.enumerable, d.configurable];
    }})()""")
    assert described == ["function", "", 0, "function () {}", "undefined", "object", True, True, True]


def test_the_four_timers_are_distinct_functions(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert _printed_json(arango_tasks, http, f"new Set({TIMERS!r}.map(n => globalThis[n])).size") == 4


@pytest.mark.parametrize("name", NOT_IN_ARANGOD)
def test_what_initialize_js_does_not_define_is_not_defined(arango_tasks: FakeArangoTasks, http: Http, name: str) -> None:
    assert _printed_json(arango_tasks, http, f"[typeof {name}, {name!r} in globalThis]") == ["undefined", False]


def test_calling_set_immediate_is_a_reference_error(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "setImmediate(() => print('fired'))")
    [run] = arango_tasks.advance(1)
    assert run.error is not None and run.error.type == "ReferenceError" and run.output == ()
