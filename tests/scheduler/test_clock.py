"""The fake clock: time moves only forward, one clock per server, a fresh clock after reset."""

from __future__ import annotations

import pytest

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks, FakeClock
from tests.conftest import Http


def _create(http: Http, **body: object) -> str:
    response = http.post("/_api/tasks", body)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def test_advance_refuses_negative_and_clock_never_goes_back(arango_tasks: FakeArangoTasks) -> None:
    with pytest.raises(ValueError):
        arango_tasks.advance(-1)
    with pytest.raises(ValueError):
        arango_tasks.clock.advance(float("nan"))
    assert arango_tasks.clock.now == DEFAULT_START


def test_advancing_the_clock_object_runs_tasks_too(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _create(http, command="1", period=1)
    arango_tasks.clock.advance(3)
    assert len(arango_tasks.runs) == 3


def test_reset_gives_a_fresh_clock_at_the_start(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _create(http, command="1", period=1)
    arango_tasks.advance(100)
    old_clock = arango_tasks.clock
    arango_tasks.reset()
    assert arango_tasks.clock is not old_clock and arango_tasks.clock.now == DEFAULT_START
    assert arango_tasks.tasks == [] and arango_tasks.runs == []
    _create(http, command="print(Date.now())", offset=1)
    assert [r.output for r in arango_tasks.advance(1)] == [(("print", "1704067201000"),)]


def test_a_clock_drives_one_server_only() -> None:
    clock = FakeClock(start=1000.5)
    with FakeArangoTasks(clock=clock) as fake:
        assert fake.clock is clock and fake.clock.now == 1000.5
        with pytest.raises(RuntimeError):
            FakeArangoTasks(clock=clock)
