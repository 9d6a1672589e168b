"""One dev server started with ``--clock fake`` serves two clients' suites one after the other:
timed tasks left behind expire on ``advance``, and ``POST /_fake/reset`` gives the next suite a
clean server."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator

import pytest
import requests
from arango import ArangoClient
from arangoasync import ArangoClient as AsyncArangoClient
from arangoasync.auth import Auth


@pytest.fixture(scope="module")
def dev_server() -> Iterator[str]:
    proc = subprocess.Popen([sys.executable, "-m", "fake_arango_tasks", "--port", "0", "--clock", "fake", "--quiet"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    url = proc.stdout.readline().rsplit(" ", 1)[1].strip()
    yield url
    proc.terminate()
    assert proc.wait(timeout=10) == 0


def _advance(url: str, seconds: float) -> list[dict]:  # type: ignore[type-arg]
    return requests.post(url + "/_fake/clock/advance", json={"seconds": seconds}).json()["runs"]


def test_first_suite_python_arango_leaves_a_timed_task_behind(dev_server: str) -> None:
    db = ArangoClient(hosts=dev_server).db("_system", username="root", password="")
    db.create_task(name="beat", command="print('beat')", period=5, task_id="beat")
    db.create_task(name="later", command="print('later')", offset=30, task_id="left-behind")
    runs = _advance(dev_server, 10)
    assert [r["task"] for r in runs] == ["beat", "beat"]
    db.delete_task("beat")
    assert [t["id"] for t in db.tasks()] == ["left-behind"]


def test_a_timed_task_left_behind_expires_on_advance(dev_server: str) -> None:
    runs = _advance(dev_server, 30)
    assert [(r["task"], r["output"]) for r in runs] == [("left-behind", [{"level": "print", "message": "later"}])]
    assert requests.get(dev_server + "/_api/tasks").json() == []


def test_second_suite_python_arango_async_after_a_reset(dev_server: str) -> None:
    requests.post(dev_server + "/_api/tasks", json={"id": "stale", "command": "1", "period": 1})
    assert requests.post(dev_server + "/_fake/reset").json() == {"error": False, "code": 200}

    async def suite() -> None:
        async with AsyncArangoClient(hosts=dev_server) as client:
            db = await client.db("_system", auth=Auth(username="root", password=""))
            assert await db.tasks() == []
            await db.create_task(command="print(params.n)", params={"n": 3}, period=2, task_id="async")
            runs = _advance(dev_server, 4)
            assert [r["output"] for r in runs] == [[{"level": "print", "message": "3"}]] * 2
            assert runs[0]["due"] == 1704067200.000001  # the reset clock starts over
            await db.delete_task("async")

    asyncio.run(suite())
