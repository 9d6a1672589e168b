"""Schedules that would make too many runs, and bad advances: refused, the server goes on."""

from __future__ import annotations

import time

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task


def _error(response) -> tuple[int, int, str]:  # type: ignore[no-untyped-def]
    assert response.headers["Content-Type"].startswith("application/json"), response.text[:200]
    body = response.json()
    return response.status_code, body["errorNum"], body["errorMessage"]


def test_a_runaway_schedule_hits_the_run_limit_and_the_server_goes_on() -> None:
    with FakeArangoTasks(max_runs_per_advance=500) as fake:
        http = Http(fake.url)
        http.post("/_api/tasks", {"command": "", "period": 0.0001})
        code, num, message = _error(http.post("/_fake/clock/advance", {"seconds": 3600}))
        assert (code, num) == (400, 10) and "more than 500 runs" in message
        assert len(fake.runs) == 500
        assert fake.clock.now == fake.runs[-1].due  # time stopped at the last run made
        with pytest.raises(RuntimeError):
            fake.advance(1)
        assert http.get("/_api/tasks").status_code == 200


def test_the_wall_clock_loop_survives_a_runaway_schedule() -> None:
    with FakeArangoTasks(clock="wall", max_runs_per_advance=50) as fake:
        http = Http(fake.url)
        _task(http, "", id="spinner", period=0.0001)
        _task(http, "print('still running')", id="later", offset=0.2)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not fake.runs_of("later"):
            time.sleep(0.05)
        assert [r.output for r in fake.runs_of("later")] == [(("print", "still running"),)]
        assert fake.runs_of("later")[0].started >= fake.runs_of("later")[0].due


@pytest.mark.parametrize(
    ("seconds", "status", "message_start"),
    [(1e308, 400, "advancing"), (2.53e11, 400, "advancing"), (-1, 400, "can only advance by"),
     ("10", 400, 'expecting {"seconds": <number>}')],
)
def test_bad_advances_are_refused_and_the_clock_stays(http: Http, seconds: object, status: int,
                                                      message_start: str) -> None:
    code, num, message = _error(http.post("/_fake/clock/advance", {"seconds": seconds}))
    assert (code, num) == (status, 10) and message.startswith(message_start)
    assert http.get("/_fake/clock").json()["now"] == 1704067200.0


def test_advance_on_a_wall_clock_server_is_a_400() -> None:
    with FakeArangoTasks(clock="wall") as fake:
        code, num, message = _error(Http(fake.url).post("/_fake/clock/advance", {"seconds": 1}))
        assert (code, num) == (400, 10) and "--clock fake" in message
