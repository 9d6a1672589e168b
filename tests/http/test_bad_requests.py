"""Bad input gets ArangoDB's own error, never a traceback or an HTML page; the server keeps serving."""

from __future__ import annotations

import socket

import pytest

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks._http_protocol import MAX_REQUEST_LINE
from tests.conftest import Http


def _error(response) -> tuple[int, int, str]:  # type: ignore[no-untyped-def]
    assert response.headers["Content-Type"].startswith("application/json"), response.text[:200]
    body = response.json()
    return response.status_code, body["errorNum"], body["errorMessage"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [  # velocypack's Parser texts (src/Parser.cpp, Exception.cpp), as the reader engineer pinned them
        ('{"command": "1", "period": 1e400}', "VPackError error: Number out of range"),
        ('{"command": "1", "offset": -1e400}', "VPackError error: Number out of range"),
        ('{"command": "1", "offset": 1' + "0" * 400 + "}", "VPackError error: Number out of range"),
        ('{"command": "1", "params": 1' + "0" * 5000 + "}", "VPackError error: Number out of range"),
        ('{"command": "1", "period": NaN}', "VPackError error: Expecting digit"),
        ("[" * 100000 + "]" * 100000, "VPackError error: Too deep nesting in Array/Object"),
        ("[" * 201 + "]" * 201, "VPackError error: Too deep nesting in Array/Object"),
        ('{"command": "\xff"}', "VPackError error: Invalid UTF-8 sequence"),
        ('{"command": "1", "command": "2"}', "VPackError error: Duplicate attribute name"),
        (" ", "VPackError error: Expecting item"),
    ],
)
def test_bodies_json_cannot_hold_are_refused_as_corrupted_json(http: Http, raw: str, message: str) -> None:
    data = raw.encode("latin-1") if "\xff" in raw else raw
    assert _error(http.post("/_api/tasks", raw=data)) == (400, 600, message)
    assert http.get("/_api/tasks").json() == []


def test_two_hundred_levels_are_accepted(http: Http) -> None:
    """``nestingLimit = 200 + 1`` is exclusive: 200 nested arrays parse, and the Tasks API then
    refuses a body that is not an object as it does (``RestTasksHandler``: 500/4)."""
    response = http.post("/_api/tasks", raw="[" * 200 + "]" * 200)
    assert _error(response) == (500, 4, "VPack error: Expecting Object")


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


def test_a_long_url_is_served_as_arangod_serves_it(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """arangod 3.12 has no URL length limit of its own (llhttp's buffer grows): 70,000 characters
    reach the router, which does not know the path."""
    response = http.get("/" + "a" * 70000)
    assert _error(response) == (404, 404, "unknown path '/" + "a" * 70000 + "'")


def test_past_the_fakes_own_line_bound_the_answer_is_an_empty_414(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """The fake bounds a request line at 1 MiB (``_http_protocol.MAX_REQUEST_LINE``); past it the
    answer is the empty 414 arangod 3.3 gave for its own limit, and the connection closes."""
    with socket.create_connection(("127.0.0.1", arango_tasks.port)) as sock:
        sock.sendall(b"GET /" + b"a" * MAX_REQUEST_LINE)  # all of it read before the close: no reset
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 Request-URI Too Long\r\n") and b"Connection: Close" in head
    assert body == b""
    assert http.get("/_api/tasks").status_code == 200
