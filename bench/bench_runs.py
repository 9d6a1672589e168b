"""Runs per second on the fake clock: batched execution against one eval per run, side by side.

100 periodic tasks with a trivial command (period 10 s) over one simulated hour: 36,000 runs.
Prints runs per second for both modes and the ratio, then server start/stop times and the latency
of one request. Usage: ``python bench/bench_runs.py [--tasks 100] [--hours 1] [--period 10]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

import requests
from py_mini_racer import MiniRacer

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks._javascript import _PRELUDE


def runs_per_second(max_batch: int, tasks: int, hours: float, period: float, command: str) -> tuple[float, int]:
    with FakeArangoTasks(max_batch=max_batch) as fake:
        with requests.Session() as http:
            for i in range(tasks):
                answer = http.post(fake.url + "/_api/tasks", json={"command": command, "period": period, "offset": i * period / tasks})
                answer.raise_for_status()
        fake.advance(0)  # create the V8 context outside the measurement
        started = time.perf_counter()
        runs = fake.advance(hours * 3600)
        elapsed = time.perf_counter() - started
        assert all(r.error is None for r in runs), runs[0].error
        return len(runs) / elapsed, len(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=100)
    parser.add_argument("--hours", type=float, default=1.0)
    parser.add_argument("--period", type=float, default=10.0)
    parser.add_argument("--command", default="var x = params; x = 1 + 1;")
    args = parser.parse_args()

    baseline, count = runs_per_second(1, args.tasks, args.hours, args.period, args.command)
    batched, count2 = runs_per_second(1000, args.tasks, args.hours, args.period, args.command)
    assert count == count2
    print(f"{args.tasks} periodic tasks, period {args.period:g} s, {args.hours:g} simulated hour(s): {count} runs")
    print(f"one eval per run (max_batch=1): {baseline:10.0f} runs/s")
    print(f"batched (max_batch=1000):       {batched:10.0f} runs/s")
    print(f"ratio:                          {batched / baseline:10.1f}x")
    tampering, _ = runs_per_second(1000, args.tasks, args.hours, args.period, "var self = this; self = 1;")
    print(f"batched, a command that may change built-ins (full isolation check after each run): {tampering:.0f} runs/s")
    contexts = []
    for _ in range(10):
        t = time.perf_counter()
        ctx = MiniRacer()
        ctx.eval(_PRELUDE)
        contexts.append(time.perf_counter() - t)
        ctx.close()
    print(f"a fresh V8 context with the prelude (the cost of one context per run): {statistics.median(contexts) * 1e3:.1f} ms")

    starts, stops, latencies = [], [], []
    for _ in range(20):
        t0 = time.perf_counter()
        fake = FakeArangoTasks().start()
        t1 = time.perf_counter()
        with requests.Session() as http:
            http.get(fake.url + "/_api/version")
            for _ in range(50):
                t = time.perf_counter()
                http.get(fake.url + "/_api/tasks")
                latencies.append(time.perf_counter() - t)
        t2 = time.perf_counter()
        fake.stop()
        stops.append(time.perf_counter() - t2)
        starts.append(t1 - t0)
    print(f"server start: median {statistics.median(starts) * 1e3:.1f} ms; stop: median {statistics.median(stops) * 1e3:.1f} ms")
    print(f"GET /_api/tasks latency: median {statistics.median(latencies) * 1e3:.2f} ms, "
          f"p95 {sorted(latencies)[int(len(latencies) * 0.95)] * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
