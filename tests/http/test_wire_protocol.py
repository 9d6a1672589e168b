"""The connection as arangod 3.12 serves it (``HttpCommTask.cpp`` on llhttp; the rules and their
sources are in ``fake_arango_tasks/_http_protocol.py``): what is answered before a handler, what
is met with a closed connection, keep-alive, OPTIONS. Each case of issue 11 holds arangod's answer."""

from __future__ import annotations

import http.client
import json
import os
import socket
import threading

import pytest

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks._app import RESPONSE_HEADERS
from tests.conftest import Http
from tests.http.wire import exchange, one_answer, parse_answers

CHUNKED_501 = {"error": True, "errorNum": 9,
               "errorMessage": "Parsing for transfer-encoding of type chunked not implemented.", "code": 501}
VERSION = b'{"server":"arango","license":"community","version":"3.12.4"}'


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _serves(fake: FakeArangoTasks) -> bool:
    return Http(fake.url).get("/_api/version").status_code == 200


def _read_until_closed(sock: socket.socket) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


# -- defect 1 and 2: bodies -------------------------------------------------------------------


def test_a_chunked_body_that_never_ends_is_refused_with_501_and_costs_no_memory(
        arango_tasks: FakeArangoTasks, capfd: pytest.CaptureFixture[str]) -> None:
    """Issue 11 defect 1: arangod refuses ``Transfer-Encoding: chunked`` when the head completes
    (arangodb PR #16831; 3.11's answer in arangodb issue #19520), before reading any chunk."""
    before = _rss_bytes()
    answer = one_answer(arango_tasks.port, b"POST /_api/tasks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           b"ffffffffffffffff\r\nx")
    assert answer.status_line == b"HTTP/1.1 501 Not Implemented"
    assert list(json.loads(answer.body).items()) == list(CHUNKED_501.items())  # sendErrorResponse's key order
    assert answer.header("Connection") == "Close" and answer.header("Content-Type") == "application/json"
    assert _rss_bytes() - before < 50 << 20
    assert _serves(arango_tasks) and arango_tasks.tasks == []
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("chunks", [
    b"zz\r\nabc\r\n0\r\n\r\n",  # werkzeug: Invalid chunk header
    b"3\r\nabcX0\r\n\r\n",  # werkzeug: Missing chunk terminating newline
    b"-3\r\nabc\r\n0\r\n\r\n",  # werkzeug: Negative chunk length
    b"2\r\n{}\r\n0\r\n\r\n",  # a well-formed one is refused alike
])
@pytest.mark.parametrize("encoding", [b"chunked", b"gzip, chunked", b"Chunked"])
def test_every_chunked_body_gets_the_501(arango_tasks: FakeArangoTasks, chunks: bytes, encoding: bytes) -> None:
    answer = one_answer(arango_tasks.port, b"POST /_api/tasks HTTP/1.1\r\nTransfer-Encoding: " + encoding
                        + b"\r\n\r\n" + chunks)
    assert (answer.status, json.loads(answer.body)) == (501, CHUNKED_501)


@pytest.mark.parametrize("head", [
    b"POST /_api/tasks HTTP/1.1\r\nContent-Length: 100\r\n\r\n",  # 15 of 100 bytes, then EOF: HPE_INVALID_EOF_STATE
    b"POST /_api/tasks HTTP/1.1\r\nContent-Length: -1\r\n\r\n",  # llhttp: invalid character in Content-Length
    b"POST /_api/tasks HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
    b"POST /_api/tasks HTTP/1.1\r\nContent-Length: \r\n\r\n",
    b"POST /_api/tasks HTTP/1.1\r\nContent-Length: 1 5\r\n\r\n",
    b"POST /_api/tasks HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",  # overflow
    b"POST /_api/tasks HTTP/1.1\r\nContent-Length: 15\r\nContent-Length: 15\r\n\r\n",  # duplicate
    b"POST /_api/tasks HTTP/1.1\r\nContent-Length: 15\r\nTransfer-Encoding: chunked\r\n\r\n",  # both
    b"POST /_api/tasks HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",  # not ending in chunked
])
def test_bodies_llhttp_cannot_frame_close_the_connection_without_an_answer(
        arango_tasks: FakeArangoTasks, head: bytes, capfd: pytest.CaptureFixture[str]) -> None:
    """Issue 11 defect 2: these were 500/4 with a traceback; llhttp refuses them and arangod's
    ``ReadCallback`` closes the connection (no status line at all)."""
    assert exchange(arango_tasks.port, head + b'{"command":"1"}') == b""
    assert _serves(arango_tasks) and arango_tasks.tasks == []
    assert "Traceback" not in capfd.readouterr().err


def test_a_body_over_1_gib_is_refused_with_an_empty_413_before_it_is_sent(arango_tasks: FakeArangoTasks) -> None:
    """``kMaximalBodySize`` (1024 MB) is checked against ``Content-Length`` when the head completes."""
    answer = one_answer(arango_tasks.port, b"POST /_api/tasks HTTP/1.1\r\nContent-Length: 1073741825\r\n\r\n")
    assert (answer.status_line, answer.body, answer.header("Connection")) == (
        b"HTTP/1.1 413 Request Entity Too Large", b"", "Close")


def test_a_body_of_exactly_its_content_length_is_read_however_it_arrives(arango_tasks: FakeArangoTasks) -> None:
    body = json.dumps({"command": "print(1)", "params": "x" * 3_000_000}).encode()
    with socket.create_connection(("127.0.0.1", arango_tasks.port), timeout=30) as sock:
        sock.sendall(b"POST /_api/tasks HTTP/1.1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body))
        for start in range(0, len(body), 1 << 19):
            sock.sendall(body[start:start + (1 << 19)])
        data = _read_until_closed(sock)
    assert parse_answers(data)[0].status == 200
    assert arango_tasks.tasks[0]["command"] == "(function (params) { print(1) } )(params);"


# -- defect 3: status lines -------------------------------------------------------------------


@pytest.mark.parametrize("line", [b"GET /_api/version HTTP/2.0\r\n", b"GET /_api/version HTTP/0.9\r\n",
                                  b"GET /_api/version\r\n"])
def test_versions_llhttp_knows_and_arangod_does_not_get_an_empty_505(arango_tasks: FakeArangoTasks, line: bytes) -> None:
    """``on_header_complete``: neither 1.0 nor 1.1 is 505 (a line without version is llhttp's 0.9)."""
    answer = one_answer(arango_tasks.port, line + b"Host: x\r\n\r\n")
    assert answer.status_line == b"HTTP/1.1 505 HTTP Version Not Supported"
    assert answer.body == b"" and answer.header("Connection") == "Close"
    assert [h for h in answer.headers if h in RESPONSE_HEADERS] == list(RESPONSE_HEADERS)  # finishExecution's


@pytest.mark.parametrize("data", [
    b"GET /_api/version HTTP/9.9\r\n\r\n",  # llhttp checkVersion: Invalid HTTP version
    b"GET /_api/version HTTP/1.2\r\n\r\n",
    b"GET /_api/version FOO/1.1\r\n\r\n",  # Expected HTTP/, RTSP/ or ICE/
    b"FOO /_api/version HTTP/1.1\r\n\r\n",  # Invalid method encountered
    b"get /_api/version HTTP/1.1\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(32)) + b"\r\n\r\n",  # a TLS ClientHello
    b"VST/1.1\r\n\r\n",  # VelocyStream, gone in 3.12
    b"GET /_api/version HTTP/1.1\r\nX-No-Colon\r\n\r\n",  # Invalid header token
    b"GET /_api/version HTTP/1.1\r\nBad Name: 1\r\n\r\n",
    b"GET /_api/version HTTP/1.1\r\nX-A: a\x01b\r\n\r\n",  # Invalid header value char
])
def test_what_llhttp_cannot_parse_closes_the_connection_without_a_word(arango_tasks: FakeArangoTasks,
                                                                       data: bytes) -> None:
    """Issue 11 defect 3: these got a bare JSON body without status line (http.server's HTTP/0.9)."""
    assert exchange(arango_tasks.port, data) == b""
    assert _serves(arango_tasks)


# -- defect 5: methods ------------------------------------------------------------------------


@pytest.mark.parametrize("method", [b"PROPFIND", b"TRACE", b"CONNECT", b"M-SEARCH", b"DESCRIBE", b"QUERY"])
def test_methods_llhttp_knows_and_arangod_does_not_get_an_empty_405(arango_tasks: FakeArangoTasks,
                                                                    method: bytes) -> None:
    """``on_url``: ``llhttpToRequestType`` is ILLEGAL: 405 with no body, then the connection closes."""
    answer = one_answer(arango_tasks.port, method + b" /_api/tasks HTTP/1.1\r\nHost: x\r\n\r\n", half_close=False)
    assert (answer.status_line, answer.body, answer.header("Connection")) == (
        b"HTTP/1.1 405 Method Not Allowed", b"", "Close")


@pytest.mark.arango_tasks(users={"root": "pw"})
def test_options_is_200_with_allow_before_authentication_and_databases(arango_tasks: FakeArangoTasks) -> None:
    """``CommTask::processCorsOptions``, called before authentication: any path, any database."""
    for path in ("/_api/tasks", "/_db/nope/_api/whatever", "/"):
        response = Http(arango_tasks.url).request("OPTIONS", path)
        assert response.status_code == 200 and response.content == b""
        assert response.headers["Allow"] == "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"
        assert "Access-Control-Allow-Origin" not in response.headers
    assert Http(arango_tasks.url).get("/_api/tasks").status_code == 401


def test_a_cors_preflight_gets_the_preflight_headers(http: Http) -> None:
    response = http.request("OPTIONS", "/_api/tasks", headers={
        "Origin": "http://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization "})
    assert response.status_code == 200
    assert {k: response.headers[k] for k in (
        "Allow", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age",
        "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers")} == {
        "Allow": "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
        "Access-Control-Allow-Methods": "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
        "Access-Control-Allow-Headers": "content-type, authorization",
        "Access-Control-Max-Age": "1800",
        "Access-Control-Allow-Origin": "http://example.org",
        "Access-Control-Allow-Credentials": "false",
        "Access-Control-Expose-Headers": "etag, content-encoding, content-length, location, server, "
                                         "x-arango-errors, x-arango-async-id",
    }


def test_every_answer_to_a_request_with_an_origin_has_the_cors_headers(http: Http) -> None:
    """``CommTask::finishExecution``: the origin echoed, no credentials without ``--http.trusted-origin``."""
    response = http.get("/_api/tasks/nope", headers={"Origin": "http://example.org"})
    assert response.status_code == 404
    assert response.headers["Access-Control-Allow-Origin"] == "http://example.org"
    assert response.headers["Access-Control-Allow-Credentials"] == "false"
    assert "Access-Control-Allow-Origin" not in http.get("/_api/tasks/nope").headers


# -- defect 4: keep-alive ---------------------------------------------------------------------


def test_http_1_1_connections_stay_open(arango_tasks: FakeArangoTasks) -> None:
    """Issue 11 defect 4; arangod's answers say ``Connection: Keep-Alive`` (recorded in the 3.10-3.12
    documentation examples)."""
    connection = http.client.HTTPConnection("127.0.0.1", arango_tasks.port)
    connection.request("POST", "/_api/tasks", body=json.dumps({"command": "print(1)", "period": 1}))
    first = connection.getresponse()
    assert first.status == 200 and first.getheader("Connection") == "Keep-Alive"
    first.read()
    sock = connection.sock
    for _ in range(3):
        connection.request("GET", "/_api/tasks")
        response = connection.getresponse()
        assert len(json.loads(response.read())) == 1
        assert connection.sock is sock  # the same connection
    connection.close()


@pytest.mark.parametrize(("version", "connection", "kept"), [
    (b"HTTP/1.1", b"", True), (b"HTTP/1.1", b"Connection: close\r\n", False),
    (b"HTTP/1.1", b"Connection: Keep-Alive, Close\r\n", False), (b"HTTP/1.0", b"", False),
    (b"HTTP/1.0", b"Connection: keep-alive\r\n", True),
])
def test_keep_alive_is_decided_as_llhttp_should_keep_alive_does(arango_tasks: FakeArangoTasks, version: bytes,
                                                                connection: bytes, kept: bool) -> None:
    """Two pipelined requests: both answered (in order) when the first keeps the connection open."""
    request = b"GET /_api/version " + version + b"\r\n" + connection + b"\r\n"
    last = b"GET /_api/version HTTP/1.1\r\nConnection: close\r\n\r\n"
    answers = parse_answers(exchange(arango_tasks.port, request + last, half_close=False))
    assert [a.status_line for a in answers] == [b"HTTP/1.1 200 OK"] * (2 if kept else 1)  # arangod writes 1.1
    assert answers[0].header("Connection") == ("Keep-Alive" if kept else "Close")
    assert answers[0].body == VERSION


def test_expect_100_continue_is_answered_before_the_body(arango_tasks: FakeArangoTasks) -> None:
    body = json.dumps({"command": "print(1)"}).encode()
    with socket.create_connection(("127.0.0.1", arango_tasks.port), timeout=10) as sock:
        sock.sendall(b"POST /_api/tasks HTTP/1.1\r\nExpect: 100-continue\r\nConnection: close\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body))
        assert sock.recv(100) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        data = _read_until_closed(sock)
    assert parse_answers(data)[0].status == 200


def test_a_pipelined_expect_100_continue_comes_after_the_answers_before_it(arango_tasks: FakeArangoTasks) -> None:
    """Answers go out in request order (RFC 9112, section 9.3.2): the 100 of a request pipelined behind
    another follows that one's answer; a body sent without waiting gets no 100 at all."""
    body = json.dumps({"command": "print(1)"}).encode()
    post = b"POST /_api/tasks HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: %d\r\n" % len(body)
    with socket.create_connection(("127.0.0.1", arango_tasks.port), timeout=10) as sock:
        sock.sendall(b"GET /_api/version HTTP/1.1\r\n\r\n" + post + b"\r\n")
        data = b""
        while not data.endswith(b"HTTP/1.1 100 Continue\r\n\r\n"):
            chunk = sock.recv(65536)
            assert chunk, data
            data += chunk
        assert parse_answers(data[: -len(b"HTTP/1.1 100 Continue\r\n\r\n")])[0].body == VERSION
        sock.sendall(body + b"GET /_api/version HTTP/1.1\r\n\r\n" + post + b"\r\n" + body)
        rest = b""
        while rest.count(b"HTTP/1.1 ") < 3 or not rest.endswith(b"}"):
            chunk = sock.recv(65536)
            assert chunk, rest
            rest += chunk
        sock.sendall(b"GET /_api/version HTTP/1.1\r\nConnection: close\r\n\r\n")  # the reader waits again
        rest += _read_until_closed(sock)
    answers = parse_answers(rest)
    assert [a.status for a in answers] == [200, 200, 200, 200] and answers[1].body == VERSION  # no stray 100


def test_head_answers_say_the_length_they_leave_out_and_the_connection_goes_on(arango_tasks: FakeArangoTasks,
                                                                               http: Http) -> None:
    """arangod writes the would-be body's ``Content-Length`` and no body (``WriteResponse``)."""
    http.post("/_api/collection", {"name": "c"})
    key = http.post("/_api/document/c", {"a": 1}).json()["_key"]
    full = http.get(f"/_api/document/c/{key}")
    data = exchange(arango_tasks.port, f"HEAD /_api/document/c/{key} HTTP/1.1\r\n\r\n".encode()
                    + b"GET /_api/version HTTP/1.1\r\nConnection: close\r\n\r\n", half_close=False)
    head, version = parse_answers(data, head_requests=1)
    assert head.status == 200 and head.body == b"" and head.header("Content-Length") == str(len(full.content))
    assert version.body == VERSION


def test_a_head_requests_content_length_is_read_as_its_body(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """A deviation, pinned: arangod's ``on_header_complete`` returns 1 for ``HEAD`` and llhttp
    parses what follows the head as the next request; httptools, which reads for the fake, cannot
    skip a body, so the ``Content-Length`` bytes are read as the body (no client sends them)."""
    http.post("/_api/collection", {"name": "c"})
    key = http.post("/_api/document/c", {"a": 1}).json()["_key"]
    data = exchange(arango_tasks.port, f"HEAD /_api/document/c/{key} HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc".encode()
                    + b"GET /_api/version HTTP/1.1\r\nConnection: close\r\n\r\n", half_close=False)
    head, version = parse_answers(data, head_requests=1)
    assert (head.status, head.body, version.body) == (200, b"", VERSION)


def test_empty_lines_before_a_request_are_skipped(arango_tasks: FakeArangoTasks) -> None:
    """llhttp's ``start`` state skips CR and LF."""
    answer = one_answer(arango_tasks.port, b"\r\n\r\n\nGET /_api/version HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert answer.status == 200


def test_garbage_after_a_request_closes_the_connection_after_its_answer(arango_tasks: FakeArangoTasks) -> None:
    """A POST without Content-Length has no body; its JSON then fails to parse as the next request."""
    answers = parse_answers(exchange(arango_tasks.port, b'POST /_api/version HTTP/1.1\r\n\r\n{"a":1}'))
    assert [a.status for a in answers] == [405]


def test_stop_closes_kept_alive_connections() -> None:
    fake = FakeArangoTasks().start()
    port = fake.port
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/_api/version")
    connection.getresponse().read()
    assert f"fake-arango-tasks:{port}:connection" in {t.name for t in threading.enumerate()}
    fake.stop()
    assert connection.sock is not None and connection.sock.recv(10) == b""  # closed by the server
    assert not [t for t in threading.enumerate() if t.name.startswith(f"fake-arango-tasks:{port}")]
    connection.close()
