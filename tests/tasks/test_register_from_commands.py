"""Tasks registered from a command (require('@arangodb/tasks')) land in the one task table."""

from __future__ import annotations

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task
from tests.conftest import printed as _printed


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


def test_a_command_registering_after_sleep_creates_at_its_run_time(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "require('internal').sleep(5); require('@arangodb/tasks').register({id: 'late', command: '1', offset: 100})",
          offset=1)
    arango_tasks.advance(1)
    assert http.get("/_api/tasks/late").json()["created"] == DEFAULT_START + 6.000001 - 0.000001


def test_a_task_registered_mid_batch_runs_at_its_own_time(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "1", id="filler", period=1)  # plans many runs into the same batch as the parent
    _task(http, "require('@arangodb/tasks').register({id: 'child', command: 'print(1)', offset: 0})",
          id="parent", offset=2.5)
    runs = arango_tasks.advance(10)
    child = [r for r in runs if r.task_id == "child"]
    assert [round(r.due - DEFAULT_START, 6) for r in child] == [2.500001]
    dues = [r.due for r in runs]
    assert dues == sorted(dues)
