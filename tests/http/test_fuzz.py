"""A bounded hypothesis fuzz of the wire: odd methods, paths, versions, headers and bodies (JSON,
VelocyPack, bytes), one or two requests per connection. Every answer must be one arangod gives:
a status line with ArangoDB's headers, and an error envelope, a JSON or VelocyPack value, or a
body the rules document as empty (``_http_protocol``); or the connection closed without a word,
as arangod closes it. No 5xx but the spec's, no traceback, bounded memory, the server still
answering and its task table agreeing with itself."""

from __future__ import annotations

import collections
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks import _velocypack as vpack
from tests.conftest import Http
from tests.http.wire import exchange, parse_answers

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1500"))
FIGURES: collections.Counter[str] = collections.Counter()

EMPTY_BODY_STATUSES = {405, 413, 414, 431, 505}  # HttpCommTask's SendSimpleResponse answers
# 5xx the spec answers: 500/4 for a Tasks API body that is not an object (RestTasksHandler), 501 for
# chunked bodies and what the fake does not implement, 505 for versions; any other 5xx is a bug
SPEC_500_MESSAGES = {"VPack error: Expecting Object"}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
task_bodies = st.fixed_dictionaries({}, optional={
    "id": st.text(max_size=6), "name": st.text(max_size=6), "command": st.sampled_from(["1", "print(1)", "(", ""]),
    "period": st.one_of(st.integers(-1, 5), st.floats(-1, 5), st.text(max_size=3)),
    "offset": st.one_of(st.integers(-1, 5), st.floats(-1, 5)), "params": json_values,
})
bodies = st.one_of(
    st.just(("none", b"")),
    st.builds(lambda v: ("json", json.dumps(v).encode()), json_values | task_bodies | task_bodies),
    st.builds(lambda v: ("vpack", vpack.dumps(v)), json_values | task_bodies),
    st.builds(lambda b: ("bytes", b), st.binary(max_size=64)),
    st.builds(lambda t: ("text", t.encode()), st.text(max_size=64)),
)
methods = st.sampled_from([b"GET"] * 6 + [b"POST"] * 6 + [b"PUT"] * 3 + [b"DELETE"] * 3 + [
    b"PATCH", b"HEAD", b"OPTIONS", b"PROPFIND", b"TRACE", b"FOO", b"get", b"M-SEARCH", b"\x16\x03\x01"])
segments = st.sampled_from(["_api", "tasks", "version", "collection", "document", "cursor", "database", "_db",
                            "_system", "nope", "_fake", "clock", "advance", "runs", "reset", "%2F", "%C3%28", "",
                            "a b", "..", "c", "t1", "x?y=1", "%", "\u00e9"])
routes = st.sampled_from([
    "/_api/tasks", "/_api/tasks/t1", "/_api/tasks/t1/x", "/_api/version", "/_api/collection", "/_api/collection/c",
    "/_api/document/c", "/_api/document/c/k", "/_api/cursor", "/_api/database", "/_api/database/current",
    "/_fake/clock", "/_fake/clock/advance", "/_fake/runs", "/_fake/http", "/_db/_system/_api/tasks",
    "/_db/nope/_api/tasks", "/_open/auth", "/_admin/status"])
paths = st.one_of(
    routes.map(lambda r: r.encode()),
    st.tuples(routes, segments).map(lambda rs: (rs[0] + "/" + rs[1]).encode("utf-8")),
    st.lists(segments, min_size=0, max_size=5).map(lambda s: ("/" + "/".join(s)).encode("utf-8")),
)
versions = st.sampled_from([b"HTTP/1.1"] * 20 + [b"HTTP/1.0"] * 3 + [b"HTTP/2.0", b"HTTP/0.9", b"HTTP/9.9", b"FOO/1.1", b""])
header_values = st.sampled_from(["application/json"] * 4 + ["application/x-velocypack"] * 4 + ["text/plain", "close",
                                 "keep-alive", "chunked", "gzip", "100-continue", "http://o", "*/*", "basic x",
                                 "bearer y", "", "\u00e9", "a\x01b"])
header_names = st.sampled_from(["Content-Type"] * 4 + ["Accept"] * 4 + [
    "Connection", "Transfer-Encoding", "Expect", "Origin", "Authorization", "X-Arango-Async", "If-Match", "X_Under",
    "Bad Name", "X-A"])
headers = st.lists(st.tuples(header_names, header_values), max_size=3)
lengths = st.sampled_from(["exact"] * 20 + ["none", "short", "long", "-1", "abc", "twice"])


@st.composite
def requests(draw: st.DrawFn) -> bytes:
    method, path, version = draw(methods), draw(paths), draw(versions)
    kind, body = draw(bodies)
    fields = [(name, value) for name, value in draw(headers)]
    if kind == "vpack" and draw(st.booleans()):
        fields.append(("Content-Type", "application/x-velocypack"))
    length = draw(lengths)
    if length == "exact":
        fields.append(("Content-Length", str(len(body))))
    elif length in ("short", "long"):
        fields.append(("Content-Length", str(len(body) + (1 if length == "short" else -1))))
    elif length == "twice":
        fields += [("Content-Length", str(len(body)))] * 2
    elif length != "none":
        fields.append(("Content-Length", length))
    line = method + b" " + path + (b" " + version if version else b"") + b"\r\n"
    head = b"".join(f"{name}: {value}\r\n".encode("utf-8") for name, value in fields)
    return line + head + b"\r\n" + body


def _check(answer: Any) -> None:
    assert answer.status_line.startswith(b"HTTP/1.1 ") and len(answer.status_line.split(b" ", 2)) == 3
    names = [name for name, _ in answer.headers]
    assert names[0] == "Server" and "Content-Length" in names and "Connection" in names
    status, body = answer.status, answer.body
    FIGURES[f"status {status}"] += 1
    content_type = answer.header("Content-Type")
    if not body:
        assert status in EMPTY_BODY_STATUSES or status in (200, 501) or answer.header("Content-Length") != "0", status
        return
    value = vpack.loads(body) if content_type == "application/x-velocypack" else json.loads(body)
    if status >= 400:
        assert set(value) == {"error", "errorNum", "errorMessage", "code"} and value["code"] == status, value
    if status >= 500:
        assert status in (501, 505) or value["errorMessage"] in SPEC_500_MESSAGES, value


@pytest.mark.timeout(120)
def test_fuzzed_requests_get_arangods_answers(arango_tasks: FakeArangoTasks, capfd: pytest.CaptureFixture[str]) -> None:
    fake = arango_tasks
    with open("/proc/self/statm") as statm:
        rss_before = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(first=requests(), second=st.none() | requests())
    def exchange_and_check(first: bytes, second: bytes | None) -> None:
        data = exchange(fake.port, first + (second or b""), timeout=10.0)
        FIGURES["connections"] += 1
        if not data:
            FIGURES["closed without an answer"] += 1
            return
        interim = b"HTTP/1.1 100 Continue\r\n\r\n"  # arangod's answer to Expect: 100-continue, before the body
        FIGURES["100 Continue"] += data.count(interim)
        answers = parse_answers(data.replace(interim, b""), head_requests=int(first.startswith(b"HEAD ")))
        assert 1 <= len(answers) <= 2
        for answer in answers:
            _check(answer)

    exchange_and_check()

    http = Http(fake.url)
    assert http.get("/_api/version").status_code == 200  # still answering
    listed = http.get("/_api/tasks").json()
    assert sorted(t["id"] for t in listed) == sorted(t["id"] for t in fake.tasks)  # the table agrees with itself
    assert all(http.get("/_api/tasks/" + t["id"].replace("%", "%25").replace("/", "%2F")).status_code == 200
               for t in listed if t["id"])
    with open("/proc/self/statm") as statm:
        grown = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") - rss_before
    FIGURES[f"RSS growth MiB: {grown >> 20}"] = 1
    # the tasks created and the compile check's V8 heap (its own limit) grow; a body must not
    assert grown < 200 << 20
    err = capfd.readouterr().err
    assert "Traceback" not in err, err[-3000:]
    print("fuzz figures:", dict(FIGURES.most_common()))
