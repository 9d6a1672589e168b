"""JSON writing and reading speed: the writer against the one it replaced, the reader's hooks.

Payloads: ``GET /_api/tasks`` with 100 tasks (``Task.to_json()``, so ``created`` is a
``Timestamp``) and a cursor batch of 1000 documents (``_key``/``_id``/``_rev``, strings, some
non-ASCII, integers, doubles, a nested object and array). Each figure is the best of
``--rounds`` rounds of ``--repeat`` calls, so other load on the machine counts as little as it can;
ratios are of figures measured in the same run. Usage: ``python bench/bench_json.py [--rounds 7]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fake_arango_tasks import _json  # noqa: E402
from fake_arango_tasks._json import dumps, dumps_bytes, loads_json  # noqa: E402
from fake_arango_tasks._tasks import Task, wrap_command  # noqa: E402
from fake_arango_tasks._velocypack import dumps as vpack_dumps  # noqa: E402
from fake_arango_tasks._velocypack import loads as vpack_loads  # noqa: E402
from tests.http import reference_json  # noqa: E402


def task_list(count: int = 100) -> list[dict[str, Any]]:
    """What ``GET /_api/tasks`` answers for ``count`` periodic tasks."""
    tasks = [
        Task(id=str(68000000 + 17 * i), name=f"user-defined task {i}", created_us=1704067200_000000 + i * 250_000,
             period_us=(i % 7 + 1) * 1_000_000, offset_us=i * 1500, command=wrap_command("require('internal').print(params);"),
             database="_system", params_json=None, user="root", seq=i)
        for i in range(count)
    ]
    return [task.to_json() for task in tasks]


def cursor_batch(count: int = 1000) -> list[dict[str, Any]]:
    """A batch of ``count`` documents as an AQL cursor returns them."""
    rng = random.Random(7)
    cities = ["Köln", "Zürich", "Berlin", "São Paulo", "東京", "New York"]
    return [
        {"_key": str(100000 + i), "_id": f"users/{100000 + i}", "_rev": f"_hV3vRqa-{i:03d}",
         "name": f"user {i}", "city": rng.choice(cities), "age": 18 + i % 60, "score": round(rng.uniform(0, 100), 2),
         "ratio": rng.random(), "active": i % 3 != 0, "tags": ["a", "b", f"t{i % 10}"],
         "address": {"street": f"{i} Main Street", "zip": 10000 + i}, "note": None}
        for i in range(count)
    ]


def best(call: Callable[[], object], repeat: int, rounds: int) -> float:
    """Seconds per call: the fastest round."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(repeat):
            call()
        times.append((time.perf_counter() - started) / repeat)
    return min(times)


def line(label: str, seconds: float, baseline: float | None = None) -> None:
    ratio = f"   {baseline / seconds:5.1f}x" if baseline else ""
    print(f"  {label:<44} {seconds * 1e3:9.3f} ms{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    print("ratio = the section's baseline time / this time (write: the old writer; read: json.loads)")
    for name, payload, repeat in [("100 tasks (GET /_api/tasks)", task_list(), 50),
                                  ("cursor batch of 1000 documents", cursor_batch(), 5)]:
        assert dumps(payload) == reference_json.dumps(payload)
        body = dumps_bytes(payload)
        print(f"{name}: {len(body)} bytes of JSON")
        old = best(lambda: reference_json.dumps(payload), repeat, args.rounds)
        line("write: old writer (reference_json.dumps)", old)
        line("write: dumps", best(lambda: dumps(payload), repeat, args.rounds), old)
        line("write: dumps_bytes", best(lambda: dumps_bytes(payload), repeat, args.rounds), old)
        line("write: json.dumps (C, not velocypack's format)",
             best(lambda: json.dumps(payload, separators=(",", ":")), repeat, args.rounds), old)
        text = body.decode()
        plain = best(lambda: json.loads(text), repeat, args.rounds)
        line("read: json.loads (C, no hooks)", plain)
        line("read: + duplicate check (object_pairs_hook)", best(
            lambda: json.JSONDecoder(object_pairs_hook=_json._unique_members).decode(text), repeat, args.rounds), plain)
        line("read: + number hooks (parse_int, parse_float)", best(lambda: _json._RULED.decode(text), repeat,
                                                                    args.rounds), plain)
        line("read: loads_json", best(lambda: loads_json(body), repeat, args.rounds), plain)
        line("read: exact parser (_Parser, the error path)", best(lambda: _json._Parser(body).parse(), 1,
                                                                   args.rounds), plain)
        packed = vpack_dumps(payload)
        print(f"  VelocyPack: {len(packed)} bytes")
        line("vpack: dumps", best(lambda: vpack_dumps(payload), repeat, args.rounds))
        line("vpack: loads (validate + decode)", best(lambda: vpack_loads(packed), repeat, args.rounds))


if __name__ == "__main__":
    main()
