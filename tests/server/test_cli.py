"""The dev stub server: ``python -m fake_arango_tasks`` on a free port, answering, stopping cleanly."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
import requests

PREFIX = "fake-arango-tasks listening on "


@pytest.fixture
def cli() -> Iterator[tuple[subprocess.Popen[str], str]]:
    def start(*args: str) -> tuple[subprocess.Popen[str], str]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "fake_arango_tasks", "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        procs.append(proc)
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith(PREFIX), line + proc.stderr.read() if proc.stderr else line
        return proc, line[len(PREFIX):].strip()

    procs: list[subprocess.Popen[str]] = []
    yield start  # type: ignore[misc]
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_cli_starts_on_a_free_port_and_answers(cli) -> None:  # type: ignore[no-untyped-def]
    proc, url = cli()
    assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
    assert requests.get(url + "/_api/version").json()["version"].startswith("3.12.")
    created = requests.post(url + "/_api/tasks", json={"command": "print('hi')", "period": 0.05})
    assert created.status_code == 200
    # wall clock (the CLI default): the task runs on real time
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len(requests.get(url + "/_fake/runs").json()) < 2:
        time.sleep(0.02)
    runs = requests.get(url + "/_fake/runs").json()
    assert len(runs) >= 2 and runs[0]["output"] == [{"level": "print", "message": "hi"}]
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=5) == 0
    assert time.monotonic() - started < 2


def test_cli_ctrl_c_stops_it(cli) -> None:  # type: ignore[no-untyped-def]
    proc, url = cli("--clock", "fake")
    requests.post(url + "/_api/tasks", json={"command": "1", "period": 1})
    assert requests.post(url + "/_fake/clock/advance", json={"seconds": 3}).json()["runs"][2]["due"] == 1704067202.000001
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=5) == 0


def test_cli_options_turn_on_auth_and_switches(cli) -> None:  # type: ignore[no-untyped-def]
    _, url = cli("--user", "root:pw", "--javascript-tasks", "false", "--arangodb-version", "3.12.1")
    assert requests.get(url + "/_api/tasks").status_code == 401
    answer = requests.post(url + "/_api/tasks", json={"command": "1"}, auth=("root", "pw"))
    assert (answer.status_code, answer.json()["errorMessage"]) == (403, "JavaScript tasks are disabled")
    assert requests.get(url + "/_api/version", auth=("root", "pw")).json()["version"] == "3.12.1"


def test_cli_busy_port_fails_with_a_message() -> None:
    first = subprocess.Popen([sys.executable, "-m", "fake_arango_tasks", "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout is not None
        port = first.stdout.readline().rsplit(":", 1)[1].strip()
        second = subprocess.run([sys.executable, "-m", "fake_arango_tasks", "--port", port],
                                capture_output=True, text=True, timeout=20)
        assert second.returncode == 1 and "cannot bind" in second.stderr
    finally:
        first.terminate()
        first.wait()
