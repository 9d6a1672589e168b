"""Task table rules that mutation testing (docs/mutation.md) found unpinned: who may register and
unregister from a command, and that a task leaving the table leaves nothing scheduled."""

from __future__ import annotations

import pytest

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks, User
from tests.conftest import Http
from tests.conftest import printed as _printed

LATER = 86400
USERS = {"root": "", "alice": "a", "bob": "b", "clerk": User("c", {"_system": "rw"})}


def _as(fake: FakeArangoTasks, user: str, password: str) -> Http:
    client = Http(fake.url)
    client.session.auth = (user, password)
    return client


def _tries(*calls: str) -> str:
    """A command printing what each call of ``tasks`` gives: the task's id, or errorNum and message."""
    lines = [f"try {{ print({call}.id) }} catch (e) {{ print(e.errorNum, e.errorMessage) }}" for call in calls]
    return "const tasks = require('@arangodb/tasks');\n" + "\n".join(lines)


@pytest.mark.arango_tasks(users=USERS)
def test_register_takes_the_runs_user_and_refuses_another(arango_tasks: FakeArangoTasks) -> None:
    alice = _as(arango_tasks, "alice", "a")
    command = _tries("tasks.register({id: 'plain', command: '1', offset: 86400})",
                     "tasks.register({id: 'named', command: '1', offset: 86400, runAsUser: 'alice'})",
                     "tasks.register({id: 'other', command: '1', offset: 86400, runAsUser: 'bob'})")
    assert alice.post("/_api/tasks", {"id": "caller", "command": command}).status_code == 200
    [run] = arango_tasks.advance(1)
    assert _printed(run) == ["plain", "named", "11 forbidden"]
    assert alice.get("/_api/tasks/plain").status_code == 200
    assert _as(arango_tasks, "bob", "b").get("/_api/tasks/plain").status_code == 404  # alice's


@pytest.mark.arango_tasks(users=USERS)
def test_a_run_whose_user_lost_write_access_cannot_register(arango_tasks: FakeArangoTasks) -> None:
    """JS_RegisterTask checks the run's user's access to the database when the run calls it."""
    clerk = _as(arango_tasks, "clerk", "c")
    command = _tries("tasks.register({id: 'late', command: '1', offset: 86400})")
    assert clerk.post("/_api/tasks", {"id": "clerk's", "command": command, "offset": 2}).status_code == 200
    root = _as(arango_tasks, "root", "")
    revoke = "require('@arangodb/users').grantDatabase('clerk', '_system', 'ro')"
    assert root.post("/_api/tasks", {"id": "revoke", "command": revoke, "offset": 1}).status_code == 200
    runs = arango_tasks.advance(3)
    assert [r.task_id for r in runs] == ["revoke", "clerk's"]
    assert _printed(runs[1]) == ["11 registerTask() needs db RW permissions"]
    assert root.get("/_api/tasks/late").status_code == 404


@pytest.mark.arango_tasks(users=USERS)
def test_unregister_refuses_an_empty_id_and_another_users_task(arango_tasks: FakeArangoTasks) -> None:
    alice, bob = _as(arango_tasks, "alice", "a"), _as(arango_tasks, "bob", "b")
    assert alice.post("/_api/tasks", {"id": "hers", "command": "1", "offset": LATER}).status_code == 200
    denied = bob.delete("/_api/tasks/hers")
    assert (denied.status_code, denied.json()["errorNum"]) == (404, 1852)
    command = _tries("tasks.unregister('')", "tasks.unregister('hers')")
    assert bob.post("/_api/tasks", {"id": "his", "command": command}).status_code == 200
    [run] = arango_tasks.advance(1)
    assert _printed(run) == ["1850 invalid task id", "1852 task not found"]
    assert alice.get("/_api/tasks/hers").status_code == 200
    assert arango_tasks.next_run("hers") == DEFAULT_START + LATER


def test_a_deleted_task_leaves_nothing_scheduled(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """run_until_idle stops at once (the clock stays) when the only periodic task was deleted."""
    http.post("/_api/tasks", {"id": "p", "command": "1", "period": 1})
    assert http.delete("/_api/tasks/p").status_code == 200
    assert arango_tasks.run_until_idle() == []
    assert arango_tasks.clock.now == DEFAULT_START


def test_a_dropped_databases_tasks_leave_nothing_scheduled(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert http.post("/_api/database", {"name": "shop"}).status_code == 201
    assert http.post("/_db/shop/_api/tasks", {"id": "p", "command": "1", "period": 1}).status_code == 200
    assert http.delete("/_api/database/shop").status_code == 200
    assert arango_tasks.tasks == []
    assert arango_tasks.run_until_idle() == []
    assert arango_tasks.clock.now == DEFAULT_START


def test_register_defaults_name_offset_and_params(arango_tasks: FakeArangoTasks, http: Http) -> None:
    command = """const t = require('@arangodb/tasks').register(
                   {id: 'child', command: 'print(typeof params, JSON.stringify(params))', offset: 'x'});
                 print(t.name, t.offset);"""
    http.post("/_api/tasks", {"id": "parent", "command": command})
    runs = arango_tasks.advance(1)
    assert [(r.task_id, r.output) for r in runs] == [
        ("parent", (("print", "user-defined task 0"),)),  # a non-number offset is 0: due at once
        ("child", (("print", "undefined undefined"),)),  # no params given: none, not null
    ]


def test_a_run_that_re_registers_its_own_id_keeps_the_new_task(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """A timed task leaves the table after its run, unless its id now names another task."""
    command = "const t = require('@arangodb/tasks'); t.unregister('me'); t.register({id: 'me', command: 'print(2)', offset: 5})"
    http.post("/_api/tasks", {"id": "me", "command": command})
    assert [r.task_id for r in arango_tasks.advance(1)] == ["me"]
    assert [t["id"] for t in http.get("/_api/tasks").json()] == ["me"]
    assert [r.output for r in arango_tasks.advance(10)] == [(("print", "2"),)]


def test_a_task_unregistered_by_an_earlier_run_of_the_same_advance_does_not_run(arango_tasks: FakeArangoTasks,
                                                                                http: Http) -> None:
    http.post("/_api/tasks", {"id": "filler", "command": "1", "period": 1})  # plans many runs into one batch
    http.post("/_api/tasks", {"id": "a", "command": "require('@arangodb/tasks').unregister('b')", "offset": 2.5})
    http.post("/_api/tasks", {"id": "b", "command": "print('b')", "offset": 3.5})
    runs = arango_tasks.advance(10)
    assert "a" in [r.task_id for r in runs] and "b" not in [r.task_id for r in runs]
