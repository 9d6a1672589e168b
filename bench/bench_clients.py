"""In-process clients against sockets: python-arango and python-arango-async talking to one fake
through loopback HTTP and through ``fake.client()`` / ``fake.async_client()`` (the WSGI app
called directly), side by side in one run, as ratios (socket time / in-process time).

Operations: create a task (``POST /_api/tasks`` with an id; each create compiles the command in
V8), read it (``GET /_api/tasks/{id}``), delete it. Usage:
``python bench/bench_clients.py [--tasks 500] [--rounds 3]``; the best of the rounds is kept.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from typing import Any, Callable

from arango import ArangoClient
from arangoasync import ArangoClient as AsyncArangoClient
from arangoasync.auth import Auth

from fake_arango_tasks import FakeArangoTasks


def _sync_ops(db: Any, tasks: int) -> dict[str, float]:
    times: dict[str, float] = {}
    ids = [f"t{n}" for n in range(tasks)]
    for name, op in (("create", lambda i: db.create_task(name="n", command="1", offset=3600, task_id=i)),
                     ("get", lambda i: db.task(i)), ("delete", lambda i: db.delete_task(i))):
        started = time.perf_counter()
        for task_id in ids:
            op(task_id)
        times[name] = (time.perf_counter() - started) / tasks
    return times


async def _async_ops(make: Callable[[], Any], tasks: int) -> dict[str, float]:
    client = make()  # aiohttp's connector needs the running loop
    db = await client.db("_system", auth=Auth(username="root", password=""))
    times: dict[str, float] = {}
    ids = [f"a{n}" for n in range(tasks)]
    ops: list[tuple[str, Callable[[str], Any]]] = [
        ("create", lambda i: db.create_task(command="1", offset=3600, task_id=i)),
        ("get", lambda i: db.task(i)), ("delete", lambda i: db.delete_task(i))]
    for name, op in ops:
        started = time.perf_counter()
        for task_id in ids:
            await op(task_id)
        times[name] = (time.perf_counter() - started) / tasks
    await client.close()
    return times


def _best(rounds: list[dict[str, float]]) -> dict[str, float]:
    return {name: min(r[name] for r in rounds) for name in rounds[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with FakeArangoTasks() as fake:
        fake.create_task("1", offset=1)  # warm the V8 compiler
        results: dict[str, dict[str, float]] = {}
        for label, make in (("python-arango socket", lambda: ArangoClient(hosts=fake.url).db("_system", username="root", password="")),
                            ("python-arango in-process", lambda: fake.db())):
            results[label] = _best([_sync_ops(make(), args.tasks) for _ in range(args.rounds)])
        for label, make_async in (("python-arango-async socket", lambda: AsyncArangoClient(hosts=fake.url)),
                                  ("python-arango-async in-process", lambda: fake.async_client())):
            results[label] = _best([asyncio.run(_async_ops(make_async, args.tasks)) for _ in range(args.rounds)])
    print(f"{'client':32} {'create us':>10} {'get us':>8} {'delete us':>10}")
    for label, times in results.items():
        print(f"{label:32} {times['create'] * 1e6:10.0f} {times['get'] * 1e6:8.0f} {times['delete'] * 1e6:10.0f}")
    for library in ("python-arango", "python-arango-async"):
        socket, local = results[f"{library} socket"], results[f"{library} in-process"]
        ratios = ", ".join(f"{name} {socket[name] / local[name]:.1f}x" for name in ("create", "get", "delete"))
        print(f"{library}: in-process speed-up {ratios}")


if __name__ == "__main__":
    main()
