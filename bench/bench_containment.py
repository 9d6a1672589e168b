"""How soon a hostile command is stopped, per containment class, against its limit, in one run.

For each class (a loop, a loop in promise continuations, a heap bomb, ArrayBuffers outside the
heap, an output flood, an AQL query that would run away, one that would hold too much, sleeping
forever) one task run is made on a fresh server with ``run_timeout`` = 0.5 s and the wall time
of that advance is measured; a trivial run's advance on the same kind of server is the baseline
and is subtracted. Printed: the time to stop, its ratio to the time limit (a loop cannot stop
before its limit: 1.0x is the floor and 1.1x the goal; memory limits stop a run as soon as it
passes them, below 1.0x), and what the run's error says.

Usage: ``python bench/bench_containment.py [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

from fake_arango_tasks import FakeArangoTasks

TIMEOUT = 0.5
MEMORY = 64 * 1024 * 1024
CLASSES = {
    "trivial (baseline)": "var x = 1;",
    "loop": "while (true) {}",
    "loop in promise continuations": "(async () => { for (;;) await null; })()",
    "V8 heap bomb": "const a = []; while (true) a.push(new Array(1e6).fill(1.5))",
    "ArrayBuffers outside the heap": "const a = []; while (true) a.push(new ArrayBuffer(1 << 24))",
    "output flood": "for (;;) print('x'.repeat(1000))",
    "AQL that would run away": "db._query('FOR i IN 1..1000000000000 FILTER i < 0 RETURN i')",
    "AQL that would hold too much": "db._query('FOR i IN 1..10000000 FOR j IN 1..100 RETURN 1')",
    "sleep forever": "require('internal').sleep(Infinity)",
    "pbkdf2 of 10 million rounds": "require('@arangodb/crypto').pbkdf2('s', 'p', 1e7, 64, 'sha512')",
    "builtin loop V8 cannot stop": "Array.prototype.indexOf.call({length: 2**40}, 1)",
}


def time_to_stop(command: str) -> tuple[float, str]:
    """Wall seconds of one advance making the run of ``command``, and its error (or ``ok``)."""
    with FakeArangoTasks(run_timeout=TIMEOUT, run_max_memory=MEMORY, run_max_output=64 * 1024) as fake:
        fake.create_task(command=command, offset=1)
        fake.advance(0)  # the V8 context exists before the measurement
        started = time.perf_counter()
        runs = fake.advance(2)
        elapsed = time.perf_counter() - started
        error = runs[0].error
        fake.expect_errors()
        return elapsed, "ok" if error is None else str(error).splitlines()[0][:70]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'class':34} {'stopped after':>13} {'x limit':>8}  error")
    baseline = 0.0
    for name, command in CLASSES.items():
        samples = [time_to_stop(command) for _ in range(args.repeat)]
        seconds = statistics.median(s for s, _ in samples)
        if command == CLASSES["trivial (baseline)"]:
            baseline = seconds
            print(f"{name:34} {seconds * 1000:10.1f} ms {'':>8}  {samples[0][1]}")
            continue
        seconds -= baseline
        print(f"{name:34} {seconds * 1000:10.1f} ms {seconds / TIMEOUT:7.2f}x  {samples[0][1]}")


if __name__ == "__main__":
    main()
