"""Assertions with readable failures, the request journal, and Python-side shortcuts for test
setup (create tasks, seed and read collections) without HTTP."""

from __future__ import annotations

import datetime

import pytest
import requests

from fake_arango_tasks import ArangoError, FakeArangoTasks


def test_output_of_and_assert_ran(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.create_task("console.log('tick', params.n); print('tock')", id="t", params={"n": 1}, period=10)
    arango_tasks.advance(25)
    assert arango_tasks.output_of("t") == ["tick 1", "tock"] * 3
    assert [r.due for r in arango_tasks.assert_ran("t", times=3, failed=False)] == [
        1704067200.000001, 1704067210.000001, 1704067220.000001]


def test_assert_ran_says_what_ran_when_and_what_it_printed_and_threw(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.create_task("print('about to fail'); undefinedThing()", id="bad", period=60)
    arango_tasks.advance(61)
    with pytest.raises(AssertionError) as excinfo:
        arango_tasks.assert_ran("bad", times=3)
    assert str(excinfo.value).splitlines() == [
        "task 'bad' ran 2 times, expected 3",
        "clock now 2024-01-01T00:01:01.000Z (1704067261.0)",
        "task 'bad' (user-defined task, database _system) due 2024-01-01T00:00:00.000Z (1704067200.000001)",
        "  print: about to fail",
        "  threw ReferenceError: undefinedThing is not defined",
        "    at task:bad:1:25",
        "task 'bad' (user-defined task, database _system) due 2024-01-01T00:01:00.000Z (1704067260.000001)",
        "  print: about to fail",
        "  threw ReferenceError: undefinedThing is not defined",
        "    at task:bad:1:25",
    ]
    with pytest.raises(AssertionError, match="task 'bad' had runs that failed"):
        arango_tasks.assert_ran("bad", failed=False)
    arango_tasks.expect_errors("bad")


def test_assert_ran_on_a_task_that_never_ran_names_those_that_did(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.create_task("1", id="other", offset=1)
    arango_tasks.create_task("1", id="later", offset=100)
    arango_tasks.advance(2)
    with pytest.raises(AssertionError) as excinfo:
        arango_tasks.assert_ran("later")
    message = str(excinfo.value)
    assert message.startswith("task 'later' never ran\n")
    assert message.endswith("tasks that ran: 'other'; registered: 'later'")


def test_the_request_journal_records_what_the_fake_received(arango_tasks: FakeArangoTasks) -> None:
    requests.post(arango_tasks.url + "/_api/tasks", json={"command": "1", "id": "x"}, auth=("root", "secret"))
    requests.get(arango_tasks.url + "/_api/tasks/nope?x=1")
    first, second = arango_tasks.requests
    assert (first.method, first.path, first.status, first.body) == ("POST", "/_api/tasks", 200,
                                                                     '{"command": "1", "id": "x"}')
    assert first.headers["authorization"] == "<redacted>" and first.time == 1704067200.0 and first.duration > 0
    assert (second.method, second.path, second.query, second.status) == ("GET", "/_api/tasks/nope", "x=1", 404)
    assert arango_tasks.requests_to("/_api/tasks/", method="GET") == [second]
    arango_tasks.reset()
    assert arango_tasks.requests == []


def test_the_request_journal_is_bounded() -> None:
    fake = FakeArangoTasks(max_requests=3)
    db = fake.db()
    for _ in range(5):
        db.tasks()
    assert len(fake.requests) == 3 and fake.info()["counts"]["requestsDropped"] == 2
    assert FakeArangoTasks(max_requests=0).requests == []


def test_a_large_body_is_recorded_in_part_and_served_whole(arango_tasks: FakeArangoTasks) -> None:
    command = "print(" + "1 + " * 5000 + "1)"
    created = requests.post(arango_tasks.url + "/_api/tasks", json={"command": command, "id": "big"})
    assert created.status_code == 200 and created.json()["command"].count("1 + ") == 5000
    assert len(arango_tasks.requests[0].body) == 4096


def test_create_task_insert_and_documents_without_http(arango_tasks: FakeArangoTasks) -> None:
    stored = arango_tasks.insert("sessions", [{"_key": "a", "expires": 1704067201}, {"_key": "b", "expires": 1704067300}])
    assert [d["_id"] for d in stored] == ["sessions/a", "sessions/b"]
    task = arango_tasks.create_task(
        "const db = require('@arangodb').db; db.sessions.toArray().filter(d => d.expires * 1000 < Date.now())"
        ".forEach(d => db.sessions.remove(d._key));", name="cleanup", id="cleanup", period=5)
    assert (task["id"], task["name"], task["period"]) == ("cleanup", "cleanup", 5)
    arango_tasks.advance(6)
    assert [d["_key"] for d in arango_tasks.documents("sessions")] == ["b"]
    with pytest.raises(ArangoError) as excinfo:
        arango_tasks.create_task("1", id="cleanup")
    assert (excinfo.value.status, excinfo.value.error_num) == (409, 1851)
    with pytest.raises(ArangoError) as excinfo:
        arango_tasks.insert("x", {}, database="nope")
    assert excinfo.value.error_num == 1228


def test_run_output_is_a_tuple_as_documented(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.create_task("print(1)", id="t")
    (run,) = arango_tasks.advance(1)
    assert run.output == (("print", "1"),) and isinstance(run.output, tuple)


def test_create_task_takes_timedelta_durations_and_refuses_other_types(arango_tasks: FakeArangoTasks) -> None:
    """reference.md: wherever a duration is taken a timedelta is accepted too. A timedelta period
    was read as no period (a timed task that ran at once); a string period likewise."""
    hourly = arango_tasks.create_task("print('hourly')", id="h", period=datetime.timedelta(hours=1))
    later = arango_tasks.create_task("print('later')", id="l", offset=datetime.timedelta(minutes=10))
    assert (hourly["type"], hourly["period"], later["offset"]) == ("periodic", 3600, 600)
    assert [run.task_id for run in arango_tasks.advance(datetime.timedelta(hours=3))] == ["h", "l", "h", "h"]
    for bad in ({"period": "10"}, {"offset": True}):
        with pytest.raises(TypeError, match="must be seconds"):
            arango_tasks.create_task("1", **bad)
