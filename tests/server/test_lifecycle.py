"""Starting and stopping a server: no advance outlives stop, no thread is left behind."""

from __future__ import annotations

import gc
import http.client
import os
import threading
import time
import warnings

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http


def test_stop_ends_an_advance_in_progress() -> None:
    fake = FakeArangoTasks(max_runs_per_advance=10**9).start()
    http = Http(fake.url)
    port = fake.port
    http.post("/_api/tasks", {"command": "", "period": 0.001})
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(http.post("/_fake/clock/advance", {"seconds": 10**6})))
    worker.start()
    while len(fake.runs) < 1000:
        pass
    fake.stop()
    made = len(fake.runs)
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert len(fake.runs) <= made + 1000  # at most the batch in flight
    assert [t.name for t in threading.enumerate() if t.name == f"fake-arango-tasks:{port}"] == []


@pytest.mark.parametrize("clock", ["fake", "wall"])
def test_stop_leaves_no_thread_behind(clock: str) -> None:
    before = set(threading.enumerate())
    with FakeArangoTasks(clock=clock) as fake:  # type: ignore[arg-type]
        http = Http(fake.url)
        http.post("/_api/tasks", {"command": "print(1)", "period": 0.05})
        http.post("/_api/collection", {"name": "c"})
        if clock == "fake":
            fake.advance(1)
        else:
            time.sleep(0.2)
        assert fake.runs
        http.session.close()
    assert [t.name for t in set(threading.enumerate()) - before if t.is_alive()] == []


def test_advance_after_stop_raises() -> None:
    fake = FakeArangoTasks().start()
    fake.stop()
    with pytest.raises(RuntimeError, match="stopped"):
        fake.advance(1)
    fake.start()
    assert fake.advance(1) == []
    fake.stop()


def test_a_server_first_used_inside_an_event_loop_outlives_that_loop() -> None:
    """mini-racer adopts a running asyncio loop; ours must not die with a test's loop."""
    import asyncio

    with FakeArangoTasks() as fake:
        http = Http(fake.url)
        assert http.post("/_api/tasks", {"command": "print(1)", "period": 1}).status_code == 200

        async def inside_a_loop() -> int:
            return len(fake.advance(1))  # the V8 context is created here, on a loop's thread

        assert asyncio.run(inside_a_loop()) == 1
        assert [r.output for r in fake.advance(2)] == [(("print", "1"),)] * 2  # that loop is closed now


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_two_hundred_start_stop_cycles_leak_no_thread_fd_socket_or_memory() -> None:
    """Issue 11: each cycle serves a kept-alive connection (left open by the client) and a
    request that creates a task; stop must end the connection's thread and close every socket."""
    fake = FakeArangoTasks()

    def cycle() -> None:
        fake.start()
        connection = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=10)
        connection.request("POST", "/_api/tasks", body='{"command": "print(1)", "period": 1}')
        assert connection.getresponse().read()
        fake.stop()
        connection.close()

    for _ in range(20):  # warm up: imports, caches, the compile check's isolate, allocator pools
        cycle()
    threads, fds, rss = threading.active_count(), _open_fds(), _rss_bytes()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)  # a socket left to the garbage collector
        for _ in range(200):
            cycle()
        gc.collect()
    assert [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)] == []
    assert threading.active_count() == threads
    assert _open_fds() <= fds
    assert _rss_bytes() - rss < 20 << 20
