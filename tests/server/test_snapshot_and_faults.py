"""Snapshots (tasks with their schedule and run counts, clock, documents, databases, users) and
fault injection (delay, an error status in ArangoDB's envelope, a dropped connection)."""

from __future__ import annotations

import json
import time

import pytest
import requests
from arango.exceptions import TaskListError

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks, OptionError, OptionTypeError


def test_a_snapshot_restores_tasks_schedule_clock_documents_databases_and_users() -> None:
    fake = FakeArangoTasks(users={"root": "pw"})
    db = fake.db()
    fake.create_task("print(params.n, Math.random())", id="p", params={"n": 1}, period=10, offset=5)
    fake.create_task("print('once')", id="once", offset=100)
    fake.insert("c", [{"_key": "k", "v": 1}])
    db.create_database("app", users=[{"username": "ann", "password": "pw2"}])
    fake.advance(16)
    state = json.loads(json.dumps(fake.snapshot()))  # plain JSON values
    later = fake.advance(200)
    after_state = [(r.task_id, r.due, r.output) for r in later]

    fake.insert("c", [{"_key": "x"}])
    fake.create_task("1", id="extra", period=1)
    db.delete_database("app")
    fake.restore(state)
    assert fake.now == DEFAULT_START + 16 and fake.next_run("p") == DEFAULT_START + 25
    assert [t["id"] for t in fake.tasks] == ["p", "once"]
    assert [d["_key"] for d in fake.documents("c")] == ["k"]
    assert sorted(fake.db().databases()) == ["_system", "app"]
    assert requests is not None and fake.db("app", username="ann", password="pw2").tasks() is not None
    replay = [(r.task_id, r.due, r.output) for r in fake.advance(200)]
    assert replay == after_state  # same schedule, same run numbers (same Math.random), same output
    assert fake.create_task("1")["id"] == state_next_id(state)


def state_next_id(state: dict[str, object]) -> str:
    return str(state["ticks"])


def test_restore_refuses_what_is_not_a_snapshot() -> None:
    fake = FakeArangoTasks()
    with pytest.raises(OptionTypeError, match="a snapshot is the dict fake.snapshot.. returned"):
        fake.restore([])  # type: ignore[arg-type]
    with pytest.raises(OptionError, match="not a snapshot of this version"):
        fake.restore({"format": "x"})
    with pytest.raises(OptionError, match="the snapshot lacks tasks"):
        fake.restore({k: v for k, v in fake.snapshot().items() if k != "tasks"})


def test_error_faults_answer_arangodb_envelopes_for_the_next_n_requests(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.faults.add("GET", "/_api/tasks", status=503, times=2)
    url = arango_tasks.url + "/_api/tasks"
    answers = [requests.get(url) for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 200]
    assert answers[0].json() == {"code": 503, "error": True, "errorMessage": "service unavailable", "errorNum": 503}
    assert answers[0].headers["Server"] == "ArangoDB"
    assert requests.post(url, json={"command": "1"}).status_code == 200  # another method: no fault
    arango_tasks.faults.add("*", "/_db/", prefix=True, status=500, error_num=4, message="boom", times=None)
    for _ in range(3):
        assert requests.get(arango_tasks.url + "/_db/_system/_api/version").json()["errorMessage"] == "boom"
    assert [f.hits for f in arango_tasks.faults.list()] == [3]
    arango_tasks.faults.clear()
    assert requests.get(arango_tasks.url + "/_db/_system/_api/version").status_code == 200


def test_a_dropped_connection_and_a_delay(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.faults.add("GET", "/_api/version", drop=True)
    with pytest.raises(requests.ConnectionError):
        requests.get(arango_tasks.url + "/_api/version")
    assert requests.get(arango_tasks.url + "/_api/version").status_code == 200
    assert arango_tasks.requests[0].status == 0  # recorded as dropped
    arango_tasks.faults.add("GET", "/_api/version", delay=0.2)
    started = time.monotonic()
    assert requests.get(arango_tasks.url + "/_api/version").status_code == 200
    assert time.monotonic() - started >= 0.2  # a lower bound only: never an upper one on shared cores


def test_faults_reach_in_process_clients_as_their_own_errors(arango_tasks: FakeArangoTasks) -> None:
    import asyncio

    from arangoasync.auth import Auth
    from arangoasync.exceptions import ClientConnectionAbortedError

    db = arango_tasks.db()
    arango_tasks.faults.add("GET", "/_db/_system/_api/tasks", status=409, error_num=1200)
    with pytest.raises(TaskListError) as excinfo:
        db.tasks()
    assert (excinfo.value.http_code, excinfo.value.error_code, excinfo.value.error_message) == (409, 1200, "conflict")
    arango_tasks.faults.add("GET", "/_db/_system/_api/tasks", drop=True, times=3)
    with pytest.raises(ConnectionAbortedError, match="Can't connect to host"):
        db.tasks()  # python-arango tries three times, as over a socket
    assert [r.status for r in arango_tasks.requests[-3:]] == [0, 0, 0]

    async def go() -> None:
        client = arango_tasks.async_client()
        adb = await client.db("_system", auth=Auth(username="root", password=""))
        arango_tasks.faults.add("GET", "/_db/_system/_api/tasks", drop=True, times=None)
        with pytest.raises(ClientConnectionAbortedError, match="within limit"):
            await adb.tasks()  # python-arango-async gives up after its tries
        await client.close()

    asyncio.run(go())


@pytest.mark.parametrize(("options", "message"), [
    ({"status": 200}, "status must be between 400 and 599"),
    ({"drop": True, "status": 500}, "a fault either drops the connection or answers a status, not both"),
    ({"times": 0}, "times must be at least 1"),
    ({"delay": -1}, "delay must be a finite number >= 0"),
])
def test_bad_faults(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FakeArangoTasks().faults.add("GET", "/", **options)  # type: ignore[arg-type]
