"""The dev stub server: ``python -m fake_arango_tasks`` on a free port, answering, stopping cleanly."""

from __future__ import annotations

import re
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


def test_cli_busy_port_fails_with_one_line() -> None:
    first = subprocess.Popen([sys.executable, "-m", "fake_arango_tasks", "--port", "0", "--quiet"],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout is not None
        port = first.stdout.readline().rsplit(":", 1)[1].strip()
        second = subprocess.run([sys.executable, "-m", "fake_arango_tasks", "--port", port],
                                capture_output=True, text=True, timeout=20)
        assert second.returncode == 1
        assert second.stderr == f"fake-arango-tasks: cannot bind 127.0.0.1:{port}: Address already in use\n"
    finally:
        first.terminate()
        first.wait()


def test_cli_version() -> None:
    from fake_arango_tasks import __version__

    done = subprocess.run([sys.executable, "-m", "fake_arango_tasks", "--version"], capture_output=True, text=True,
                          timeout=20)
    assert done.returncode == 0 and done.stdout.startswith(f"fake-arango-tasks {__version__} ")


@pytest.mark.parametrize(("args", "message"), [
    (["--run-timeout", "-1"], "fake-arango-tasks: error: --run-timeout must be a finite number > 0, not -1.0"),
    (["--port", "70000"], "fake-arango-tasks: error: --port must be between 0 and 65535, not 70000"),
    (["--arangodb-version", "banana"], "fake-arango-tasks: error: --arangodb-version must look like MAJOR.MINOR.PATCH"),
    (["--max-runs", "0"], "fake-arango-tasks: error: --max-runs must be at least 1, not 0"),
    (["--log-level", "loud"], "fake-arango-tasks: error: argument --log-level: invalid choice: 'loud'"),
])
def test_cli_bad_options_are_usage_errors_without_a_traceback(args: list[str], message: str) -> None:
    done = subprocess.run([sys.executable, "-m", "fake_arango_tasks", *args], capture_output=True, text=True,
                          timeout=20)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1].startswith(message)


def _lines_until(proc: subprocess.Popen[str], text: str) -> list[str]:
    """stdout lines up to the first holding ``text`` (the server prints as it serves)."""
    assert proc.stdout is not None
    lines: list[str] = []
    while not lines or text not in lines[-1]:
        line = proc.stdout.readline()
        assert line, "\n".join(lines)
        lines.append(line.rstrip("\n"))
    return lines


def test_cli_talks_a_line_per_request_and_per_run_with_the_stack(cli) -> None:  # type: ignore[no-untyped-def]
    proc, url = cli("--clock", "fake")
    requests.post(url + "/_api/tasks", json={"id": "t", "command": "print('hi');\nnull.x", "period": 1})
    requests.post(url + "/_fake/clock/advance", json={"seconds": 1})
    requests.get(url + "/_api/tasks/nope?x=1")
    lines = _lines_until(proc, "GET /_api/tasks/nope?x=1 404")
    assert re.fullmatch(r"\d\d:\d\d:\d\d\.\d{3} INFO    POST /_api/tasks 200 \d+\.\d ms", lines[0])
    run = next(i for i, line in enumerate(lines) if "WARNING run t " in line)
    assert lines[run].endswith("run t (user-defined task) due 2024-01-01T00:00:00.000Z took 0.000 s (fake): "
                               "TypeError: Cannot read properties of null (reading 'x')")
    assert lines[run + 1:run + 3] == ["    at task:t:2:6", "  print: hi"]  # the stack under its error
    assert not any("/_fake/clock/advance" in line for line in lines)  # control routes log at debug


def test_cli_quiet_prints_only_the_listening_line(cli) -> None:  # type: ignore[no-untyped-def]
    proc, url = cli("--clock", "fake", "--quiet")
    requests.post(url + "/_api/tasks", json={"id": "t", "command": "null.x", "period": 1})
    requests.post(url + "/_fake/clock/advance", json={"seconds": 2})
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=10)
    assert out == ""


def test_cli_outgoing_and_use_database_switches(cli, httpserver) -> None:  # type: ignore[no-untyped-def]
    """--outgoing loopback and --allow-use-database true reach the server as their options do (a
    client in another language could not test a real webhook before); --log-level takes any case."""
    httpserver.expect_request("/hook").respond_with_data("ok")
    _, url = cli("--clock", "fake", "--outgoing", "loopback", "--allow-use-database", "true", "--log-level", "WARNING")
    command = (f"const db = require('@arangodb').db; db._useDatabase('_system'); "
               f"print(require('@arangodb/request').get({httpserver.url_for('/hook')!r}).body)")
    requests.post(url + "/_api/tasks", json={"command": command, "offset": 1})
    runs = requests.post(url + "/_fake/clock/advance", json={"seconds": 1}).json()["runs"]
    assert runs[0]["error"] is None and runs[0]["output"] == [{"level": "print", "message": "ok"}]
    httpserver.check_assertions()
