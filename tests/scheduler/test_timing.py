"""When runs happen (Tasks.cpp timing, docs/behaviour.md §4), observed over HTTP on the fake clock."""

from __future__ import annotations

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task


def _create(http: Http, **body: object) -> str:
    response = http.post("/_api/tasks", body)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def test_period_2_over_10_seconds_from_offset_0_gives_5_runs(arango_tasks: FakeArangoTasks, http: Http) -> None:
    task_id = _create(http, command="console.log('tick', params.n)", params={"n": 1}, period=2, offset=0)
    runs = arango_tasks.advance(10)
    assert [r.task_id for r in runs] == [task_id] * 5
    assert [round(r.due - DEFAULT_START, 6) for r in runs] == [0.000001, 2.000001, 4.000001, 6.000001, 8.000001]
    assert all(r.output == (("log", "tick 1"),) and r.error is None and r.params == {"n": 1} for r in runs)
    assert arango_tasks.clock.now == DEFAULT_START + 10
    assert arango_tasks.runs == runs


def test_first_run_is_at_offset_not_offset_plus_period(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _create(http, command="1", period=10, offset=3)
    assert arango_tasks.advance(2.999) == []
    runs = arango_tasks.advance(0.001)
    assert [r.due for r in runs] == [DEFAULT_START + 3]


def test_runs_are_ordered_by_due_time_then_registration_order(arango_tasks: FakeArangoTasks, http: Http) -> None:
    late = _create(http, id="late", command="1", offset=2)
    first = _create(http, id="first", command="1", period=1, offset=1)
    second = _create(http, id="second", command="1", period=1, offset=1)
    runs = arango_tasks.advance(2)
    assert [(r.task_id, r.due - DEFAULT_START) for r in runs] == [
        (first, 1), (second, 1), (late, 2), (first, 2), (second, 2),
    ]


def test_each_run_sees_its_own_due_time(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _create(http, command="print(Date.now(), new Date().toISOString(), require('internal').time())", period=60, offset=30)
    runs = arango_tasks.advance(120)
    assert [r.output[0][1] for r in runs] == [
        "1704067230000 2024-01-01T00:00:30.000Z 1704067230",
        "1704067290000 2024-01-01T00:01:30.000Z 1704067290",
    ]


def test_timed_task_runs_once_and_leaves_the_table(arango_tasks: FakeArangoTasks, http: Http) -> None:
    task_id = _create(http, id="once", command="print('ran')", offset=5)
    assert http.get("/_api/tasks/once").status_code == 200
    runs = arango_tasks.advance(100)
    assert [(r.task_id, r.output) for r in runs] == [(task_id, (("print", "ran"),))]
    response = http.get("/_api/tasks/once")
    assert (response.status_code, response.json()["errorNum"]) == (404, 1852)
    assert _create(http, id="once", command="1") == "once"  # the id can be reused


def test_a_thrown_error_is_recorded_and_the_periodic_task_goes_on(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _create(http, id="boom", command="print('before'); null.x", period=1)
    runs = arango_tasks.advance(3)
    assert len(runs) == 3
    assert runs[0].output == (("print", "before"),)
    assert runs[0].error is not None
    assert str(runs[0].error) == "TypeError: Cannot read properties of null (reading 'x')"
    assert http.get("/_api/tasks/boom").status_code == 200


def test_delete_cancels_the_pending_run(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _create(http, id="gone", command="1", period=1)
    assert len(arango_tasks.advance(1)) == 1
    assert http.delete("/_api/tasks/gone").status_code == 200
    assert arango_tasks.advance(10) == []


def test_a_task_re_registered_under_the_same_id_runs_on_its_own_schedule(arango_tasks: FakeArangoTasks,
                                                                        http: Http) -> None:
    _create(http, id="x", command="print('old')", period=5)
    http.delete("/_api/tasks/x")
    _create(http, id="x", command="print('new')", offset=1)
    runs = arango_tasks.advance(10)
    assert [(r.due - DEFAULT_START, r.output) for r in runs] == [(1, (("print", "new"),))]


def test_sub_millisecond_period_is_stored_as_0_and_runs_back_to_back(arango_tasks: FakeArangoTasks,
                                                                     http: Http) -> None:
    _create(http, command="1", period=0.0004)
    runs = arango_tasks.advance(0.00001)  # 10 microseconds
    assert len(runs) == 10  # first at +1 µs, then every µs (the fake's floor for a zero period)


def test_created_is_a_float_even_when_integral(arango_tasks: FakeArangoTasks, http: Http) -> None:
    response = http.post("/_api/tasks", {"command": "1"})
    assert '"created":1704067200.0,' in response.text


def test_sleep_consumes_fake_time_and_moves_the_next_run(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "print(Date.now()); require('internal').sleep(5); print(Date.now()); require('internal').wait(0.5)",
          period=10)
    runs = arango_tasks.advance(40)
    assert [(round(r.started - DEFAULT_START, 6), round(r.finished - DEFAULT_START, 6)) for r in runs] == [
        (0.000001, 5.500001), (15.500001, 21.000001), (31.000001, 36.500001),
    ]
    assert [r.output for r in runs][0] == (("print", "1704067200000"), ("print", "1704067205000"))


def test_a_sleeping_run_does_not_delay_other_tasks(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "require('internal').sleep(100)", id="sleeper", offset=1)
    _task(http, "print(Date.now())", id="other", offset=2)
    runs = arango_tasks.advance(3)
    assert [(r.task_id, r.started - DEFAULT_START) for r in runs] == [("sleeper", 1), ("other", 2)]
    assert runs[0].finished - DEFAULT_START == 101
    assert runs[1].output == (("print", "1704067202000"),)


def test_huge_offsets_and_periods_are_accepted_not_500(http: Http) -> None:
    assert http.post("/_api/tasks", {"command": "1", "offset": 1e306}).status_code == 200
    assert http.post("/_api/tasks", {"command": "1", "period": 1e306}).status_code == 200
