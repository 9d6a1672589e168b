"""The fake clock: time moves only forward, one clock per server, a fresh clock after reset."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from fake_arango_tasks import DEFAULT_START, ClockError, FakeArangoTasks, FakeClock, OptionTypeError
from fake_arango_tasks._clock import LATEST, WallClock, iso
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
        with pytest.raises(RuntimeError, match="^this FakeClock already drives a server; give each server its own clock$"):
            FakeArangoTasks(clock=clock)


def test_advance_to_runs_what_is_due_up_to_it_and_refuses_the_past(arango_tasks: FakeArangoTasks,
                                                                    http: Http) -> None:
    _create(http, command="1", period=1, id="p")
    clock = arango_tasks.clock
    clock.advance_to(DEFAULT_START + 2.5)
    assert clock.now == DEFAULT_START + 2.5 and len(arango_tasks.runs) == 3  # due 0.000001, 1, 2
    clock.advance_to(dt.datetime(2024, 1, 1, 0, 0, 3, 1, tzinfo=dt.timezone.utc))  # the run due at 3.000001
    assert clock.now == DEFAULT_START + 3.000001 and len(arango_tasks.runs) == 4
    with pytest.raises(ClockError, match=r"^time never goes backwards: 2024-01-01T00:00:02\.999Z is before now "
                                         r"\(2024-01-01T00:00:03\.000Z\)$"):
        clock.advance_to(DEFAULT_START + 2.999)
    assert clock.now == DEFAULT_START + 3.000001 and len(arango_tasks.runs) == 4
    clock.advance_to(DEFAULT_START + 3.000001)  # now itself: nothing new is due
    assert len(arango_tasks.runs) == 4
    with pytest.raises(OptionTypeError, match=r"^when must be a timezone-aware datetime or Unix seconds"):
        clock.advance_to("soon")  # type: ignore[arg-type]


def test_iso_writes_utc_with_milliseconds_whatever_the_local_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    assert iso(DEFAULT_START + 59.999_999) == "2024-01-01T00:00:59.999Z"  # milliseconds cut, not rounded
    assert iso(1_717_245_296.25) == "2024-06-01T12:34:56.250Z"
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time.tzset()
    try:
        assert iso(DEFAULT_START) == "2024-01-01T00:00:00.000Z"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_wall_clock_shows_as_itself() -> None:
    assert repr(WallClock()) == "WallClock()"


def test_advance_takes_seconds_or_a_timedelta_zero_included(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _create(http, command="1", id="now", offset=0)  # due at the start plus one microsecond
    arango_tasks.clock.advance(dt.timedelta(microseconds=1))
    assert arango_tasks.clock.now == DEFAULT_START + 0.000001 and [r.task_id for r in arango_tasks.runs] == ["now"]
    arango_tasks.clock.advance(0)  # allowed: runs what is due now (nothing more here)
    assert arango_tasks.clock.now == DEFAULT_START + 0.000001 and len(arango_tasks.runs) == 1
    for bad, shown in (("1", "str '1'"), (True, "bool True"), (None, "NoneType None")):
        with pytest.raises(OptionTypeError, match=r"^can only advance by seconds \(an int or float\) or a "
                                                  rf"datetime\.timedelta, not {shown}$"):
            arango_tasks.clock.advance(bad)  # type: ignore[arg-type]


def test_a_clock_reaches_the_latest_instant_and_no_further() -> None:
    clock = FakeClock(start=0)
    clock.advance(LATEST)
    assert clock.now == LATEST
    with pytest.raises(ClockError):
        clock.advance(0.000001)
    assert clock.now == LATEST
