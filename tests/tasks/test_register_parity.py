"""Every create case of §3 both over HTTP and through ``require('@arangodb/tasks').register`` from a
command. The two ways share the table's rules (ids, 1850, 1851, truncation, wrapping, the task
object) and differ where arangod's two code paths differ: RestTasksHandler.cpp ``registerTask``
reads the JSON body with VelocyPackHelper's typed getters, v8-dispatcher.cpp ``JS_RegisterTask``
converts JavaScript values with TRI_ObjectToString / TRI_ObjectToDouble and checks in its own
order (docs/behaviour.md §3.12). Each row says what each way answers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http

LATER = 86400
TASK = "task"  # the answer is a task object (its fields are checked separately)

# (what is given: a JSON body for HTTP, the same value as a JS literal for register, or a JS
# expression for register only), HTTP's answer, register's answer.
CASES: list[tuple[str, str, Any, Any]] = [
    ("§3.5 period 0", '{"command": "1", "period": 0}', (400, 10, "task period must be specified and positive"),
     (10, "task period must be specified and positive")),
    ("§3.5 a period under a second is positive", '{"command": "1", "period": 0.5, "offset": 86400}', TASK, TASK),
    ("§3.5 a negative period comes before a missing command", '{"period": -1}',
     (400, 10, "task period must be specified and positive"), (10, "task period must be specified and positive")),
    ("§3.6 an array: not an object for HTTP; an object (with no command) for JS", "[]",
     (500, 4, "VPack error: Expecting Object"), (10, "command must be specified")),
    ("§3.6 a string", '"x"', (500, 4, "VPack error: Expecting Object"), (10, "usage: register(<task>)")),
    ("§3.6 a number", "1", (500, 4, "VPack error: Expecting Object"), (10, "usage: register(<task>)")),
    ("§3.6 null", "null", (500, 4, "VPack error: Expecting Object"), (10, "usage: register(<task>)")),
    ("§3.7 runAsUser another user: JS throws the plain TRI_ERROR_FORBIDDEN", '{"runAsUser": "bob"}',
     (403, 11, "cannot run task as a different user"), (11, "forbidden")),
    ("§3.8 missing command", '{"name": "x"}', (400, 10, "command must be specified"), (10, "command must be specified")),
    ("§3.8 a numeric command: JS takes its string, which compiles", '{"command": 1, "offset": 86400}',
     (400, 10, "command must be specified"), TASK),
    ("§3.8 an object command: JS takes '[object Object]', which does not compile", '{"command": {}}',
     (400, 10, "command must be specified"), (10, "cannot compile command")),
    ("§3.9 a command that does not compile", '{"command": "for (i"}', (400, 10, "cannot compile command"),
     (10, "cannot compile command")),
    ("§3.9 a top-level return compiles", '{"command": "return 1", "offset": 86400}', TASK, TASK),
    ("§3.10 empty id", '{"id": "", "command": "1"}', (400, 1850, "invalid task id"), (1850, "invalid task id")),
    ("§3 a numeric id: HTTP generates one, JS takes its string", '{"id": 123, "command": "1", "offset": 86400}',
     TASK, TASK),
    ("§3 a non-string name: HTTP's default, JS's string", '{"name": 5, "command": "1", "offset": 86400}', TASK, TASK),
    ("§3 a string period: a timed task over HTTP, 0 (refused) in JS", '{"command": "1", "period": "10", "offset": 86400}',
     TASK, (10, "task period must be specified and positive")),
    ("§3 a non-number offset: 0", '{"command": "1", "offset": "x", "period": 60}', TASK, TASK),
    ("§3 a negative offset as given", '{"command": "1", "offset": -5, "period": 60}', TASK, TASK),
    ("§3 isSystem: ignored over HTTP, refused to a task's context", '{"command": "1", "isSystem": true, "offset": 86400}',
     TASK, (11, "Only internal context may create system tasks")),
]


def _register(fake: FakeArangoTasks, http: Http, options: str) -> Any:
    """What ``register(options)`` gives inside a run: the task object, or ``(errorNum, errorMessage)``."""
    command = (f"try {{ print(JSON.stringify(require('@arangodb/tasks').register({options}))) }} "
               "catch (e) { print(JSON.stringify([e.errorNum, e.errorMessage, e.code])) }")
    http.post("/_api/tasks", {"command": command, "id": "caller"})
    [run] = [r for r in fake.advance(1) if r.task_id == "caller"]
    answer = json.loads(run.output[0][1])
    return (answer[0], answer[1]) if isinstance(answer, list) else answer


@pytest.mark.parametrize(("rule", "given", "over_http", "from_js"), CASES, ids=[c[0] for c in CASES])
def test_a_create_case_over_http_and_from_a_command(arango_tasks: FakeArangoTasks, http: Http, rule: str, given: str,
                                                    over_http: Any, from_js: Any) -> None:
    response = http.post("/_api/tasks", raw=given)
    if over_http == TASK:
        assert response.status_code == 200, response.text
        http_task = response.json()
        http.delete("/_api/tasks/" + http_task["id"])
    else:
        body = response.json()
        assert (response.status_code, body["errorNum"], body["errorMessage"]) == over_http
    js = _register(arango_tasks, http, given)
    if from_js == TASK:
        assert isinstance(js, dict), js
        assert list(js) == ["id", "name", "created", "type", *(["period"] if "period" in js else []), "offset",
                            "command", "database"]
    else:
        assert js == from_js


def test_what_register_answers_is_the_task_object_http_shows(arango_tasks: FakeArangoTasks, http: Http) -> None:
    js = _register(arango_tasks, http, "{id: 'child', name: 'n', command: 'print(1)', period: 2.0004, offset: 0}")
    assert js == {"id": "child", "name": "n", "created": js["created"], "type": "periodic", "period": 2, "offset": 0,
                  "command": "(function (params) { print(1) } )(params);", "database": "_system"}
    over_http = http.get("/_api/tasks/child").json()
    assert over_http == {**js, "offset": 0.000001}  # started: an offset of 0 reads one microsecond


def test_register_converts_javascript_values_as_arangod_does(arango_tasks: FakeArangoTasks, http: Http) -> None:
    js = _register(arango_tasks, http, "{id: 7, name: null, command: function (params) { print(params.x) }, "
                                       "params: {x: 1, f() {}, u: undefined}, offset: new Number(5)}")
    assert (js["id"], js["name"], js["offset"]) == ("7", "null", 5)
    assert js["command"] == "(function (params) { (function (params) { print(params.x) })(params) } )(params);"
    later = arango_tasks.advance(10)
    assert [r.output for r in later if r.task_id == "7"] == [(("print", "1"),)]
    assert [r.params for r in later if r.task_id == "7"] == [{"x": 1}]


def test_a_generated_id_that_is_taken_is_a_duplicate_as_in_arangodb(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """Ids come from the server tick (Task::createTask has no retry): an explicit id equal to a
    tick to come makes the create that draws that tick fail with 1851, both ways."""
    first = http.post("/_api/tasks", {"command": "1", "offset": LATER}).json()["id"]
    # every POST draws a tick, given id or not (getStringValue's default is evaluated); ticks step
    # by 7: this create draws first + 7, the caller's first + 14, its register first + 21
    taken = str(int(first) + 3 * 7)
    assert http.post("/_api/tasks", {"id": taken, "command": "1", "offset": LATER}).status_code == 200
    assert _register(arango_tasks, http, "{command: '1'}") == (1851, "duplicate task id")
