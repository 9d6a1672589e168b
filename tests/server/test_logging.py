"""What the library logs, and where: records on the ``fake_arango_tasks`` loggers only (pytest's
capture, the CLI's handler show them), never Python's last-resort handler on stderr; a run's
record shows at most ``MAX_LOGGED_LINES`` lines of its output, each cut at ``MAX_LOGGED_LINE``."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks._logging import MAX_LOGGED_LINE, MAX_LOGGED_LINES


def test_a_failed_run_prints_nothing_when_the_user_configured_no_logging() -> None:
    code = ("from fake_arango_tasks import FakeArangoTasks\n"
            "with FakeArangoTasks() as fake:\n"
            "    fake.create_task(command=\"throw new Error('boom')\", offset=1)\n"
            "    assert fake.advance(2)[0].error is not None\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr, done.stdout) == (0, "", "")


def test_a_runs_record_shows_a_bounded_part_of_its_output(caplog: pytest.LogCaptureFixture) -> None:
    with FakeArangoTasks() as fake:
        fake.create_task(command="for (let i = 0; i < 100; i++) print(String(i % 10).repeat(400)); throw new Error('x')",
                         offset=1)
        with caplog.at_level(logging.WARNING, logger="fake_arango_tasks.runs"):
            runs = fake.advance(2)
        assert runs[0].error is not None and len(runs[0].output) == 100  # the journal keeps everything
    (record,) = [r for r in caplog.records if r.name == "fake_arango_tasks.runs"]
    lines = record.getMessage().splitlines()
    printed = [line for line in lines if line.startswith("  print: ")]
    assert len(printed) == MAX_LOGGED_LINES
    assert printed[1] == "  print: " + "1" * MAX_LOGGED_LINE + "... (400 characters)"
    assert f"  ... {100 - MAX_LOGGED_LINES} more lines of output (see the run's output)" in lines
