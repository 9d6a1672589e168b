"""Simulated runs per second on the fake clock, and what the pieces cost, measured in one run.

Prints a table: runs/s for 100 and 10,000 periodic tasks with a trivial command, for commands that
sleep, await, or name ``this``/``prototype`` (the full isolation check after every run), and for a
command that writes a document through the bridge; the same figures as multiples of one bare
mini-racer ``eval`` per run (the baseline: what running each task with mini-racer's own API
would cost); then the cost of one bridge call, one fresh V8 context, and server start and stop.

Runs/s is the best of ``--rounds`` advances on one server; the first advance (V8 still
optimising the hot paths) is printed beside it.

Usage: ``python bench/bench_runs.py [--hours 1] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

from py_mini_racer import MiniRacer

from fake_arango_tasks import FakeArangoTasks

TRIVIAL = "var x = params; x = 1 + 1;"
COMMANDS = {
    "trivial": TRIVIAL,
    "sleeps": "require('internal').sleep(0.5);",
    "awaits": "(async () => { await null; })();",
    "names this/prototype": "var self = this; var p = Array.prototype; self = p;",
    "writes a document": "db.bench.save({n: 1});",
}


def runs_per_second(tasks: int, seconds: float, command: str, rounds: int, period: float = 10.0) -> tuple[float, float, int]:
    """Runs/s of ``tasks`` periodic tasks (``period`` apart) over ``seconds`` of fake time: the
    best of ``rounds`` advances one after another on one server, the first of them (V8 still
    compiling the hot paths), and the runs an advance makes."""
    with FakeArangoTasks(max_runs_per_advance=10**8) as fake:
        fake._documents.create_collection("_system", "bench")
        for i in range(tasks):
            fake._table.create_from_rest({"command": command, "period": period, "offset": i * period / tasks},
                                         database="_system", user="")
        fake.advance(0)  # create the V8 context outside the measurement
        rates = []
        for _ in range(rounds):
            started = time.perf_counter()
            runs = fake.advance(seconds)
            elapsed = time.perf_counter() - started
            assert runs and not any(r.threw for r in runs), runs[0].error
            rates.append(len(runs) / elapsed)
        return max(rates), rates[0], len(runs)


def bare_eval_per_second(samples: int = 2000) -> float:
    """One mini-racer ``eval`` of a trivial command per run, through mini-racer's own API."""
    ctx = MiniRacer()
    ctx.eval("var params = 1;")
    started = time.perf_counter()
    for _ in range(samples):
        ctx.eval(TRIVIAL)
    elapsed = time.perf_counter() - started
    ctx.close()
    return samples / elapsed


def bridge_call_seconds(calls: int = 2000) -> float:
    """One document read from a command: one bridge call, measured inside one run."""
    with FakeArangoTasks() as fake:
        fake._documents.create_collection("_system", "c")
        fake._documents.insert("_system", "c", {"_key": "k"})
        fake._table.create_from_rest({"command": f"for (let i = 0; i < {calls}; i++) db.c.document('k');"},
                                     database="_system", user="")
        fake.advance(0)
        started = time.perf_counter()
        fake.advance(1)
        return (time.perf_counter() - started) / calls


def context_seconds(samples: int = 10) -> float:
    """A fresh V8 context with the prelude installed."""
    from fake_arango_tasks._runtime._runtime import _Context

    times = []
    for _ in range(samples):
        started = time.perf_counter()
        context = _Context(lambda: None, 256 * 1024 * 1024)
        times.append(time.perf_counter() - started)
        context.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hours", type=float, default=1.0, help="simulated hours at 100 tasks (default 1)")
    parser.add_argument("--rounds", type=int, default=3, help="advances of that length per row (default 3)")
    args = parser.parse_args()
    seconds = args.hours * 3600
    bare = bare_eval_per_second()
    print(f"baseline: one bare mini-racer eval per run: {bare:,.0f} runs/s")
    print()
    print(f"{'command':24} {'tasks':>6} {'runs':>8} {'runs/s':>10} {'x bare eval':>12} {'first advance':>14}")
    rows = [(name, 100, seconds) for name in COMMANDS] + [("trivial", 10_000, seconds / 10)]
    results = {}
    for name, tasks, span in rows:
        rate, first, count = runs_per_second(tasks, span, COMMANDS[name], args.rounds)
        results[(name, tasks)] = rate
        print(f"{name:24} {tasks:>6} {count:>8} {rate:>10,.0f} {rate / bare:>11.1f}x {first:>14,.0f}")
    ratio = results[("trivial", 100)] / results[("trivial", 10_000)]
    print(f"\nper-run cost at 10,000 tasks / at 100 tasks: {ratio:.2f}")
    print(f"one bridge call (a document read from a command): {bridge_call_seconds() * 1e6:.1f} us")
    print(f"a fresh V8 context with the prelude: {context_seconds() * 1e3:.1f} ms")
    starts, stops = [], []
    for _ in range(20):
        t0 = time.perf_counter()
        fake = FakeArangoTasks().start()
        t1 = time.perf_counter()
        fake.stop()
        stops.append(time.perf_counter() - t1)
        starts.append(t1 - t0)
    print(f"server start: median {statistics.median(starts) * 1e3:.1f} ms; stop: median {statistics.median(stops) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
