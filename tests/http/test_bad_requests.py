"""Bad input gets ArangoDB's own error, never a traceback or an HTML page; the server keeps serving."""

from __future__ import annotations

import socket

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
