"""Issue 11, defect 7: a command that registers two copies of itself, and the run limit a test run
can afford. Speed itself is measured in ``bench/bench_http.py`` (per-run cost by table size)."""

from __future__ import annotations

import inspect

import pytest

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks._errors import RunLimitExceeded
from tests.conftest import Http

COMMAND = ("const tasks = require('@arangodb/tasks'); "
           "tasks.register({command: params.me, params: params, offset: 0.001}); "
           "tasks.register({command: params.me, params: params, offset: 0.001});")


def test_a_command_registering_two_copies_of_itself_keeps_running(arango_tasks: FakeArangoTasks) -> None:
    """Each run leaves one more task than it found: 1,023 runs leave 1,024 tasks, none failing."""
    Http(arango_tasks.url).post("/_api/tasks", {"command": COMMAND, "params": {"me": COMMAND}, "offset": 0.001})
    runs = []
    for _ in range(10):
        runs += arango_tasks.advance(0.001)
    assert len(runs) == 2**10 - 1 and all(run.error is None for run in runs)
    assert len(arango_tasks.tasks) == 2**10


def test_the_default_run_limit_is_the_journals_size() -> None:
    """100,000 runs (about 2 s of trivial runs here; 1,000,000 took 30 s or more): every run of one
    advance still fits the journal (``max_runs``, 100,000) when the limit stops it."""
    defaults = inspect.signature(FakeArangoTasks).parameters
    assert defaults["max_runs_per_advance"].default == defaults["max_runs"].default == 100_000
    with FakeArangoTasks() as fake:
        Http(fake.url).post("/_api/tasks", {"command": "", "period": 0.0001})
        with pytest.raises(RunLimitExceeded, match="more than 100000 runs"):
            fake.advance(3600)
        assert len(fake.runs) == 100_000
