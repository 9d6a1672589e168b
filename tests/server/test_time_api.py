"""Time control (time-machine's and trio MockClock's anchors): timedeltas, advancing to an
instant, running until idle, when a task runs next, the clock as a datetime, advances that keep
no list, and the journal's two bounds with their counters."""

from __future__ import annotations

import tracemalloc
from datetime import datetime, timedelta, timezone

import pytest

from fake_arango_tasks import DEFAULT_START, ArangoError, FakeArangoTasks, FakeClock, ServerStateError

START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def test_advance_takes_a_timedelta_and_the_clock_reads_as_a_datetime(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.create_task("print(new Date().toISOString())", id="t", period=3600)
    runs = arango_tasks.advance(timedelta(hours=2, minutes=30))
    assert [r.output[0][1] for r in runs] == ["2024-01-01T00:00:00.000Z", "2024-01-01T01:00:00.000Z",
                                              "2024-01-01T02:00:00.000Z"]
    assert arango_tasks.clock.datetime == START + timedelta(hours=2, minutes=30)
    assert arango_tasks.datetime.tzinfo is timezone.utc
    arango_tasks.advance(timedelta(microseconds=7))
    assert arango_tasks.clock.datetime == START + timedelta(hours=2, minutes=30, microseconds=7)


def test_advance_to_a_datetime_or_epoch_seconds(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.create_task("1", id="t", period=60)
    runs = arango_tasks.advance_to(datetime(2024, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=1))))  # = 00:00 UTC
    assert runs == [] and arango_tasks.now == DEFAULT_START
    runs = arango_tasks.advance_to(START + timedelta(minutes=3))
    assert len(runs) == 3 and arango_tasks.now == DEFAULT_START + 180
    assert len(arango_tasks.advance_to(DEFAULT_START + 300)) == 2
    assert arango_tasks.advance_to(arango_tasks.now) == []  # now: what is due now, nothing more


def test_next_run(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.create_task("1", id="p", period=10, offset=5)
    arango_tasks.create_task("1", id="once", offset=30)
    assert arango_tasks.next_run("p") == DEFAULT_START + 5
    arango_tasks.advance(6)
    assert arango_tasks.next_run("p") == DEFAULT_START + 15
    assert arango_tasks.next_run("once") == DEFAULT_START + 30
    arango_tasks.advance(30)
    with pytest.raises(ArangoError) as excinfo:  # a timed task leaves the table after its run
        arango_tasks.next_run("once")
    assert (excinfo.value.status, excinfo.value.error_num) == (404, 1852)


def test_run_until_idle_runs_timed_tasks_and_what_they_register(arango_tasks: FakeArangoTasks) -> None:
    # the command registers its successor with its own text (handed on in params.body)
    body = ("const tasks = require('@arangodb/tasks'); print('step', params.n); "
            "if (params.n < 3) tasks.register({id: 'step' + (params.n + 1), offset: 3600, "
            "params: {n: params.n + 1, body: params.body}, command: params.body});")
    arango_tasks.create_task(body, id="step1", offset=10, params={"n": 1, "body": body})
    runs = arango_tasks.run_until_idle(limit=timedelta(days=1))
    assert [(r.task_id, r.output[0][1]) for r in runs] == [("step1", "step 1"), ("step2", "step 2"),
                                                           ("step3", "step 3")]
    assert arango_tasks.now == runs[-1].due and arango_tasks.tasks == []
    assert arango_tasks.run_until_idle() == []


def test_run_until_idle_stops_at_the_limit_for_periodic_tasks(arango_tasks: FakeArangoTasks) -> None:
    arango_tasks.create_task("1", id="p", period=60)
    runs = arango_tasks.run_until_idle(limit=600)
    assert len(runs) == 10 and arango_tasks.now == DEFAULT_START + 600


def test_a_huge_advance_without_collecting_holds_no_list() -> None:
    with FakeArangoTasks(max_runs=100) as fake:
        for n in range(10):
            fake.create_task("1", id=f"t{n}", period=1)
        tracemalloc.start()
        try:
            assert fake.advance(8640, collect=False) == []
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(fake.runs) == 100 and fake.dropped_runs == 86_300
        assert fake.info()["counts"]["runsRecorded"] == 86_400
        assert peak < 5 * 1024 * 1024  # collecting the 86,400 runs peaks at about 18 MB


def test_the_journal_is_bounded_by_output_too() -> None:
    fake = FakeArangoTasks(max_journal_output=10_000)
    fake.create_task("print('x'.repeat(1000))", id="chatty", period=1)
    fake.advance(50, collect=False)
    assert len(fake.runs) == 10 and fake.dropped_runs == 40
    assert fake.info()["limits"]["maxJournalOutput"] == 10_000


def test_wall_clock_servers_say_how_to_get_a_fake_clock() -> None:
    fake = FakeArangoTasks(clock="wall")
    for call in (lambda: fake.advance(1), lambda: fake.advance_to(2e9), lambda: fake.run_until_idle()):
        with pytest.raises(ServerStateError, match="clock='fake' in Python, --clock fake on the command line"):
            call()
    assert abs(fake.datetime.timestamp() - fake.now) < 5


def test_a_clock_of_your_own_from_a_datetime() -> None:
    with FakeArangoTasks(clock=FakeClock(datetime(2030, 5, 1, tzinfo=timezone.utc))) as fake:
        fake.create_task("print(new Date().toISOString())", id="t", offset=1)
        assert fake.run_until_idle()[0].output == (("print", "2030-05-01T00:00:01.000Z"),)
