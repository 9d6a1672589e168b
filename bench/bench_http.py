"""HTTP speed of the fake against pytest-httpserver serving the same bytes, measured in one run.

For each route the fake answers a request once; pytest-httpserver (werkzeug's threaded server, the
baseline the issue names) is then told to answer that request with the same status, headers and
body. Both are driven by the same clients: ``requests.Session`` objects, one per thread, as
python-arango pools connections (the fake keeps them alive as arangod does; pytest-httpserver closes
each, so its client reconnects). Each figure is the best of ``--rounds`` rounds of ``--requests``
requests per client; ratios (fake / baseline, requests per second: above 1 is faster) are of
figures from the same run. Also: start and stop of a whole :class:`FakeArangoTasks` and of
pytest-httpserver (after the first), and the per-run cost of a command registering two copies of
itself as the task table grows (issue 11, defect 7).

Usage: ``python bench/bench_http.py [--rounds 3] [--requests 300] [--fresh] [--only NAME]``
(``--fresh``: every request on a new connection, ``Connection: close``, for both servers).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

import requests
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Response

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fake_arango_tasks import FakeArangoTasks  # noqa: E402

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # the baseline logs every request otherwise

Request = tuple[str, str, bytes | None]  # method, path, body
HOP_HEADERS = {"connection", "content-length", "transfer-encoding", "keep-alive"}


def routes(fake: FakeArangoTasks) -> dict[str, Callable[[int], Request]]:
    """Route name -> the request its i-th call makes (the fake's state set up here)."""
    session = requests.Session()
    for i in range(100):
        session.post(fake.url + "/_api/tasks", json={"id": f"t{i}", "command": f"print({i})", "period": 60})
    session.post(fake.url + "/_api/collection", json={"name": "c"})
    session.post(fake.url + "/_api/document/c", json={"_key": "k", "value": list(range(20))})
    create = json.dumps({"command": "print(params)", "params": {"a": 1}, "period": 60}).encode()
    document = json.dumps({"value": "x" * 100}).encode()
    return {
        "GET /_api/version": lambda i: ("GET", "/_api/version", None),
        "GET /_api/tasks (100)": lambda i: ("GET", "/_api/tasks", None),
        "GET /_api/tasks/{id}": lambda i: ("GET", f"/_api/tasks/t{i % 100}", None),
        "GET unknown task 404": lambda i: ("GET", "/_api/tasks/nope", None),
        "POST /_api/tasks": lambda i: ("POST", "/_api/tasks", create),
        "DELETE /_api/tasks/{id}": lambda i: ("DELETE", f"/_api/tasks/d{i}", None),
        "POST /_api/document/c": lambda i: ("POST", "/_api/document/c", document),
        "GET /_api/document/c/k": lambda i: ("GET", "/_api/document/c/k", None),
    }


FRESH = [False]  # --fresh: a new connection per request, so that keep-alive gives the fake nothing


def drive(base: str, make: Callable[[int], Request], clients: int, count: int) -> float:
    """Requests per second of ``clients`` threads sending ``count`` requests each."""
    sessions = [requests.Session() for _ in range(clients)]
    if FRESH[0]:
        for session in sessions:
            session.headers["Connection"] = "close"
    start = threading.Barrier(clients + 1)
    failures: list[str] = []

    def client(n: int) -> None:
        session = sessions[n]
        start.wait()
        for i in range(count):
            method, path, body = make(n * count + i)
            response = session.request(method, base + path, data=body)
            if response.status_code >= 500:
                failures.append(response.text[:200])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    for session in sessions:
        session.close()
    assert not failures, failures[:3]
    return clients * count / elapsed


def prepare_deletes(fake: FakeArangoTasks, ids: Iterable[int]) -> None:
    """Tasks ``d{i}`` for the DELETE route (created just before it, so that no listing sees them)."""
    session = requests.Session()
    for i in ids:
        session.put(fake.url + f"/_api/tasks/d{i}", json={"command": "1", "period": 60})


def remove_created(fake: FakeArangoTasks) -> None:
    """Back to the 100 tasks ``t0`` .. ``t99`` after a route that created tasks."""
    session = requests.Session()
    for task in fake.tasks:
        if not re.fullmatch(r"t[0-9]+", task["id"]):
            session.delete(fake.url + "/_api/tasks/" + task["id"])


def mirror(baseline: HTTPServer, fake: FakeArangoTasks, name: str, request: Request) -> None:
    """Teach the baseline the fake's answer to ``request`` (for every path of the route)."""
    method, path, body = request
    answer = requests.request(method, fake.url + path, data=body)
    headers = [(k, v) for k, v in answer.headers.items() if k.lower() not in HOP_HEADERS]
    pattern: str | re.Pattern[str] = re.compile(r"/_api/tasks/[td][0-9]+$") if "{id}" in name else path
    baseline.expect_request(pattern, method=method).respond_with_response(
        Response(answer.content, status=answer.status_code, headers=headers))


def best(measure: Callable[[], float], rounds: int) -> float:
    return max(measure() for _ in range(rounds))


def lifecycle(rounds: int) -> list[tuple[str, float, float]]:
    """(what, median start ms, median stop ms) after a first start of each."""
    figures = []
    FakeArangoTasks().start().stop()
    starts, stops = [], []
    for _ in range(rounds):
        began = time.perf_counter()
        fake = FakeArangoTasks().start()
        starts.append(time.perf_counter() - began)
        requests.get(fake.url + "/_api/version").close()
        began = time.perf_counter()
        fake.stop()
        stops.append(time.perf_counter() - began)
    figures.append(("FakeArangoTasks() + start / stop", statistics.median(starts) * 1e3, statistics.median(stops) * 1e3))
    first = HTTPServer(threaded=True)
    first.start()
    first.stop()
    starts, stops = [], []
    for _ in range(rounds):
        began = time.perf_counter()
        server = HTTPServer(threaded=True)
        server.start()
        starts.append(time.perf_counter() - began)
        began = time.perf_counter()
        server.stop()
        stops.append(time.perf_counter() - began)
    figures.append(("pytest-httpserver HTTPServer + start / stop", statistics.median(starts) * 1e3,
                    statistics.median(stops) * 1e3))
    return figures


def self_registering(steps: int = 7) -> list[tuple[int, float]]:
    """(table size, microseconds per run) for a command that registers two copies of itself."""
    command = ("const t = require('@arangodb/tasks'); t.register({command: params.me, params, offset: 0.001}); "
               "t.register({command: params.me, params, offset: 0.001});")
    figures = []
    with FakeArangoTasks(max_runs_per_advance=10**9) as fake:
        requests.post(fake.url + "/_api/tasks", json={"command": command, "params": {"me": command}, "offset": 0.001})
        for _ in range(steps):
            began, made = time.perf_counter(), 0
            while made < 500:
                made += len(fake.advance(0.001))
            figures.append((len(fake.tasks), (time.perf_counter() - began) / made * 1e6))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300, help="requests per client per round")
    parser.add_argument("--only", default="", help="measure only the routes whose name contains this")
    parser.add_argument("--fresh", action="store_true", help="a new connection per request (Connection: close)")
    args = parser.parse_args()
    FRESH[0] = args.fresh
    fake = FakeArangoTasks().start()
    baseline = HTTPServer(threaded=True)
    baseline.start()
    table = routes(fake)
    deletes = args.rounds * 9 * args.requests  # 1 and 8 clients, every round: ids d0, d1, ...
    for name, make in table.items():
        if name.startswith("DELETE"):
            prepare_deletes(fake, [deletes])
            mirror(baseline, fake, name, make(deletes))
        elif not name.startswith("POST /_api/tasks"):
            mirror(baseline, fake, name, make(0))
    base_url = baseline.url_for("").rstrip("/")
    print(f"{'route':26} {'clients':>7} {'fake req/s':>11} {'baseline req/s':>15} {'ratio':>6}")
    worst = float("inf")
    offset = [0]
    for name, make in table.items():
        if args.only not in name:
            continue
        offset[0] = 0
        if name.startswith("POST /_api/tasks"):
            mirror(baseline, fake, name, make(0))
        if name.startswith("DELETE"):
            prepare_deletes(fake, range(deletes))
        for clients in (1, 8):
            def fake_round(make: Callable[[int], Request] = make, clients: int = clients) -> float:
                shift = offset[0]
                offset[0] += clients * args.requests
                return drive(fake.url, lambda i: make(shift + i), clients, args.requests)

            ours = best(fake_round, args.rounds)
            theirs = best(lambda: drive(base_url, make, clients, args.requests), args.rounds)
            worst = min(worst, ours / theirs)
            print(f"{name:26} {clients:7d} {ours:11.0f} {theirs:15.0f} {ours / theirs:6.2f}")
        remove_created(fake)
    print(f"worst ratio: {worst:.2f}")
    fake.stop()
    baseline.stop()
    print()
    print(f"{'lifecycle (median of 20, after the first)':46} {'start ms':>9} {'stop ms':>8}")
    for what, start_ms, stop_ms in lifecycle(20):
        print(f"{what:46} {start_ms:9.2f} {stop_ms:8.2f}")
    print()
    print("a command registering two copies of itself (defect 7): microseconds per run by table size")
    figures = self_registering()
    for size, micros in figures:
        print(f"  table {size:6d}: {micros:7.1f} us/run")
    print(f"  last / first: {figures[-1][1] / figures[0][1]:.2f}")


if __name__ == "__main__":
    main()
