"""Bad input gets ArangoDB's own error, never a traceback or an HTML page; the server keeps serving."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http


def _error(response) -> tuple[int, int, str]:  # type: ignore[no-untyped-def]
    assert response.headers["Content-Type"].startswith("application/json"), response.text[:200]
    body = response.json()
    return response.status_code, body["errorNum"], body["errorMessage"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"command": "1", "period": 1e400}', "VPackError error: Numeric value out of range"),
        ('{"command": "1", "offset": -1e400}', "VPackError error: Numeric value out of range"),
        ('{"command": "1", "offset": 1' + "0" * 400 + "}", "VPackError error: Numeric value out of range"),
        ('{"command": "1", "params": 1' + "0" * 5000 + "}", "VPackError error: Numeric value out of range"),
        ('{"command": "1", "period": NaN}', "VPackError error: Expecting item (NaN is not JSON)"),
        ("[" * 100000 + "]" * 100000, "VPackError error: Nesting too deep"),
        ('{"command": "\xff"}', "VPackError error: Invalid UTF-8 sequence"),
    ],
)
def test_bodies_json_cannot_hold_are_refused_as_corrupted_json(http: Http, raw: str, message: str) -> None:
    data = raw.encode("latin-1") if "\xff" in raw else raw
    assert _error(http.post("/_api/tasks", raw=data)) == (400, 600, message)
    assert http.get("/_api/tasks").json() == []


def test_large_integers_that_fit_64_bits_stay_integers(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert http.post("/_api/tasks", {"command": "print(params)", "params": 2**63 - 1}).status_code == 200
    assert arango_tasks.advance(1)[0].params == 2**63 - 1


@pytest.mark.parametrize(
    ("seconds", "status", "message_start"),
    [(1e308, 400, "can only advance by"), (2.53e11, 400, "advancing"), (-1, 400, "can only advance by"),
     ("10", 400, 'expecting {"seconds": <number>}')],
)
def test_bad_advances_are_refused_and_the_clock_stays(http: Http, seconds: object, status: int,
                                                      message_start: str) -> None:
    code, num, message = _error(http.post("/_fake/clock/advance", {"seconds": seconds}))
    assert (code, num) == (status, 10) and message.startswith(message_start)
    assert http.get("/_fake/clock").json() == {"now": 1704067200.0}


def test_advance_on_a_wall_clock_server_is_a_400() -> None:
    with FakeArangoTasks(clock="wall") as fake:
        code, num, message = _error(Http(fake.url).post("/_fake/clock/advance", {"seconds": 1}))
        assert (code, num) == (400, 10) and "--clock fake" in message


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


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/_db/nope/_api/whatever", (404, 1228, "database not found")),  # the database is checked first
        ("/_db//_api/tasks", (404, 1228, "database not found")),
        ("/_api/tasks/%C3%28", (400, 400, "invalid URL: path is not valid UTF-8")),
        ("/_db/_system/_fake/clock", (404, 404, "unknown path '/_fake/clock'")),
    ],
)
def test_odd_paths(http: Http, path: str, expected: tuple[int, int, str]) -> None:
    assert _error(http.get(path)) == expected


def test_what_http_server_refuses_itself_is_answered_in_json(arango_tasks: FakeArangoTasks, http: Http) -> None:
    with socket.create_connection(("127.0.0.1", arango_tasks.port)) as sock:
        sock.sendall(b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 414") or head.startswith(b"HTTP/1.1 414")
    assert b"Content-Type: application/json" in head and b'"errorNum":414' in body
    assert http.get("/_api/tasks").status_code == 200


def test_huge_output_is_cut_and_other_runs_are_unaffected() -> None:
    with FakeArangoTasks(run_max_output=1000) as fake:
        http = Http(fake.url)
        http.post("/_api/tasks", {"command": "print('x'.repeat(1e7)); print('after')", "period": 1})
        http.post("/_api/tasks", {"command": "print('ok')", "period": 1, "offset": 0.5})
        runs = fake.advance(3)
        big = [r for r in runs if r.output[0][1] != "ok"]
        assert big[0].output == (("print", "... (output truncated by fake-arango-tasks)"),)
        assert [r.output for r in runs if r not in big] == [(("print", "ok"),)] * 3


def test_stop_ends_an_advance_in_progress() -> None:
    fake = FakeArangoTasks(max_runs_per_advance=10**9).start()
    http = Http(fake.url)
    port = fake.port
    http.post("/_api/tasks", {"command": "", "period": 0.001})
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(http.post("/_fake/clock/advance", {"seconds": 10**6})))
    worker.start()
    while len(fake.runs) < 1000:
        pass
    fake.stop()
    made = len(fake.runs)
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert len(fake.runs) <= made + 1000  # at most the batch in flight
    assert [t.name for t in threading.enumerate() if t.name == f"fake-arango-tasks:{port}"] == []


def test_concurrent_requests_while_the_clock_advances(arango_tasks: FakeArangoTasks) -> None:
    errors: list[str] = []

    def client(n: int) -> None:
        http = Http(arango_tasks.url)
        for i in range(30):
            r = http.post("/_api/tasks", {"command": f"print({n}, {i})", "period": 1})
            if r.status_code != 200:
                errors.append(r.text)
            if http.post("/_fake/clock/advance", {"seconds": 0.5}).status_code != 200:
                errors.append("advance")
            if http.delete("/_api/tasks/" + r.json()["id"]).status_code != 200:
                errors.append("delete")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    dues = [r.due for r in arango_tasks.runs]
    assert dues == sorted(dues) and all(r.error is None for r in arango_tasks.runs)
    assert arango_tasks.tasks == []


@pytest.mark.parametrize("clock", ["fake", "wall"])
def test_stop_leaves_no_thread_behind(clock: str) -> None:
    before = set(threading.enumerate())
    with FakeArangoTasks(clock=clock) as fake:  # type: ignore[arg-type]
        http = Http(fake.url)
        http.post("/_api/tasks", {"command": "print(1)", "period": 0.05})
        http.post("/_api/collection", {"name": "c"})
        if clock == "fake":
            fake.advance(1)
        else:
            time.sleep(0.2)
        assert fake.runs
        http.session.close()
    assert [t.name for t in set(threading.enumerate()) - before if t.is_alive()] == []
