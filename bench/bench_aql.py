"""AQL engine throughput over the in-memory storage: FOR/FILTER/RETURN over 10,000 documents, a
COLLECT and a SORT; prints queries/s and rows/s, and the ratio to the same filter as a plain
JavaScript loop in V8 (mini-racer) measured in the same run.

Usage: ``python bench/bench_aql.py [documents] [repeats]``
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fake_arango_tasks._aql import QueryContext, execute, prepare  # noqa: E402
from tests.aql.memory_storage import MemoryStorage  # noqa: E402
from tests.aql.stand_in_functions import register_test_functions  # noqa: E402


def timed(fn: Callable[[], Any], repeats: int) -> float:
    """The best of ``repeats`` runs, seconds."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    register_test_functions()
    storage = MemoryStorage()
    documents = [{"_key": str(i), "x": i % 10, "group": f"g{i % 100}", "name": f"n{i}"} for i in range(n)]
    storage.create("c", documents)
    context = QueryContext(storage)
    queries = {
        "filter": "FOR d IN c FILTER d.x > 5 RETURN d",
        "collect": "FOR d IN c COLLECT g = d.group AGGREGATE s = SUM(d.x) RETURN {g, s}",
        "sort": "FOR d IN c SORT d.name DESC LIMIT 10 RETURN d.name",
        "projection": "FOR d IN c FILTER d.x == 3 RETURN {k: d._key, n: d.name}",
    }
    times: dict[str, float] = {}
    for name, query in queries.items():
        prepared = prepare(query)
        seconds = timed(lambda: execute(prepared, {}, context), repeats)
        times[name] = seconds
        print(f"{name:>10}: {1 / seconds:8.1f} queries/s  {n / seconds:12.0f} rows/s  ({seconds * 1000:.2f} ms)  {query}")
    try:
        from py_mini_racer import MiniRacer
    except ImportError:  # pragma: no cover
        return
    js = MiniRacer()
    js.eval(f"var docs = {json.dumps(documents)};")
    js_seconds = timed(lambda: js.eval("(function(){var out=[];for(var i=0;i<docs.length;i++){var d=docs[i];if(d.x>5)out.push(d);}return out.length;})()"), repeats)
    print(f"{'v8 loop':>10}: {1 / js_seconds:8.1f} queries/s  {n / js_seconds:12.0f} rows/s  ({js_seconds * 1000:.2f} ms)")
    print(f"ratio filter/v8 loop: {times['filter'] / js_seconds:.1f}x")


if __name__ == "__main__":
    main()
