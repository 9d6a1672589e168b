"""What issue 10's additions cost, measured in one run, as ratios:

- an outgoing request answered for real by a loopback server (``outgoing="loopback"``, a
  werkzeug server from pytest-httpserver) against the same request answered from a canned
  registration (``fake.http.respond``): per request, both through ``@arangodb/request``;
- a document write inside ``db._executeTransaction`` against a plain write;
- a run's first ``require('lodash')`` in a context (which compiles it) against a later one;
  and creating the V8 context with the prelude.

Usage: ``python bench/bench_envjs.py [--requests 200] [--writes 2000]``.
"""

from __future__ import annotations

import argparse
import time

import requests
from pytest_httpserver import HTTPServer

from fake_arango_tasks import FakeArangoTasks


def _one_run_seconds(fake: FakeArangoTasks, command: str, params: object) -> float:
    with requests.Session() as http:
        http.post(fake.url + "/_api/tasks", json={"command": command, "params": params}).raise_for_status()
    started = time.perf_counter()
    runs = fake.advance(1)
    elapsed = time.perf_counter() - started
    assert runs and runs[0].error is None, runs[0].error
    return elapsed


def outgoing(count: int) -> tuple[float, float]:
    server = HTTPServer()
    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server.expect_request("/hook").respond_with_data("ok")
    server.start()
    try:
        command = ("const request = require('@arangodb/request');"
                   "for (let i = 0; i < params.n; i++) request.post(params.url, {body: 'x'});")
        with FakeArangoTasks(outgoing="loopback", run_timeout=60) as fake:
            fake.advance(0)
            real = _one_run_seconds(fake, command, {"n": count, "url": server.url_for("/hook")})
            fake.http.respond("POST", server.url_for("/hook"), body="ok")
            canned = _one_run_seconds(fake, command, {"n": count, "url": server.url_for("/hook")})
        return real / count, canned / count
    finally:
        server.stop()


def transactions(count: int) -> tuple[float, float]:
    with FakeArangoTasks(run_timeout=60) as fake:
        with requests.Session() as http:
            http.post(fake.url + "/_api/collection", json={"name": "a"}).raise_for_status()
            http.post(fake.url + "/_api/collection", json={"name": "b"}).raise_for_status()
        fake.advance(0)
        plain = _one_run_seconds(fake, "const c = require('@arangodb').db.a; for (let i = 0; i < params.n; i++) c.save({i});",
                                 {"n": count})
        inside = _one_run_seconds(fake, """
            const db = require('@arangodb').db;
            db._executeTransaction({collections: {write: 'b'}, params, action: function (p) {
              const c = db.b; for (let i = 0; i < p.n; i++) c.save({i});
            }});""", {"n": count})
        return inside / count, plain / count


def lodash_first_use() -> tuple[float, float, float]:
    with FakeArangoTasks() as fake:
        started = time.perf_counter()
        fake.advance(0)
        with requests.Session() as http:
            http.post(fake.url + "/_api/tasks", json={"command": "1"}).raise_for_status()
        fake.advance(1)  # creates the context
        created = time.perf_counter() - started
        first = _one_run_seconds(fake, "require('lodash').map([1], x => x)", None)
        later = _one_run_seconds(fake, "require('lodash').map([1], x => x)", None)
    return first, later, created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--writes", type=int, default=2000)
    args = parser.parse_args()
    real, canned = outgoing(args.requests)
    print(f"outgoing request: real loopback {real * 1e6:.0f} us, canned {canned * 1e6:.0f} us, ratio {real / canned:.1f}x")
    inside, plain = transactions(args.writes)
    print(f"document write: in a JS transaction {inside * 1e6:.1f} us, plain {plain * 1e6:.1f} us, "
          f"ratio {inside / plain:.2f}x")
    first, later, created = lodash_first_use()
    print(f"a run's first require('lodash') in a context {first * 1e3:.1f} ms, a later one {later * 1e3:.2f} ms, "
          f"ratio {first / later:.0f}x (a server's first run, creating the context: {created * 1e3:.1f} ms)")


if __name__ == "__main__":
    main()
