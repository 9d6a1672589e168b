"""Clients creating, listing and deleting tasks while the clock advances in another thread: no run
lost, duplicated or made after its task's deletion (issue 11, defect 6; the runtime skips runs of
tasks removed during a batch by comparing the table generation Python bumps on removal)."""

from __future__ import annotations

import threading
import time

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http

CLIENTS = 8
TASKS_PER_CLIENT = 12
PERIOD = 0.5
STEP = 0.25  # seconds of fake time per advance of the clock thread
COMMAND = "const n = params.n + 1;"


def test_eight_clients_and_a_moving_clock(arango_tasks: FakeArangoTasks) -> None:
    fake = arango_tasks
    lives: dict[str, tuple[float, float, int]] = {}  # task id -> (first due, clock before DELETE, runs after it)
    errors: list[str] = []
    stop = threading.Event()

    def client(n: int) -> None:
        http = Http(fake.url)
        for i in range(TASKS_PER_CLIENT):
            task_id = f"c{n}-{i}"
            created = http.post("/_api/tasks", {"id": task_id, "command": COMMAND, "params": {"n": n},
                                                "period": PERIOD})
            if created.status_code != 200:
                errors.append(created.text)
                continue
            for _ in range(3):
                listed = http.get("/_api/tasks")
                if listed.status_code != 200 or task_id not in {t["id"] for t in listed.json()}:
                    errors.append(f"{task_id} not listed: {listed.text[:200]}")
                time.sleep(0.002)
            before = http.get("/_fake/clock").json()["now"]
            if http.delete("/_api/tasks/" + task_id).status_code != 200:
                errors.append(f"delete {task_id}")
            # an advance waits for the one under way, whose batch may hold a run that began before
            # the DELETE: every run of the task made later would be made after its deletion
            http.post("/_fake/clock/advance", {"seconds": 0})
            lives[task_id] = (created.json()["created"] + 0.000001, before, len(fake.runs_of(task_id)))
        http.session.close()

    def clock() -> None:  # about 50 s of fake time a second, so that the journal keeps every run
        while not stop.is_set():
            fake.advance(STEP)
            time.sleep(0.005)

    ticker = threading.Thread(target=clock)
    ticker.start()
    clients = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    stop.set()
    ticker.join()
    fake.advance(10 * PERIOD)  # whatever is still due would run now, posthumously

    assert errors == []
    assert fake.tasks == []
    runs = fake.runs
    assert len(runs) < 100_000  # the journal's size: none of the runs checked below was dropped
    assert [r for r in runs if r.error is not None] == []
    dues = [r.due for r in runs]
    assert dues == sorted(dues)
    assert len(lives) == CLIENTS * TASKS_PER_CLIENT
    for task_id, (first, deleted_after, made) in lives.items():
        mine = [r.due for r in runs if r.task_id == task_id]
        assert len(mine) == made, f"{task_id} ran after its deletion"
        # a task created while a batch runs is held to the batch's horizon (runs are recorded in time order)
        assert all(due >= first - 1e-6 for due in mine), task_id
        gaps = [round(b - a, 6) for a, b in zip(mine, mine[1:])]
        assert gaps == [PERIOD] * len(gaps), task_id  # none lost, none twice
        if deleted_after - first >= 2 * PERIOD + 2 * STEP:
            assert mine, f"{task_id} was alive past its due times and never ran: {first} {deleted_after}"


def test_a_task_deleted_during_a_concurrent_advance_never_runs(arango_tasks: FakeArangoTasks) -> None:
    """The issue's scenario: a slow timed task at +0.5 s and a period-1 task p at +1 s; advance(10)
    in a thread; DELETE p while the slow run runs: p must not run at all (it was planned in the
    same batch, after the slow run). The slow run says when it has begun and waits for a word."""
    fake = arango_tasks
    http = Http(fake.url)
    http.post("/_api/collection", {"name": "x"})
    http.post("/_api/tasks", {"id": "slow", "offset": 0.5, "command": (
        "const db = require('@arangodb').db; db.x.save({_key: 'started'}); while (!db._exists('x/go')) {}")})
    http.post("/_api/tasks", {"id": "p", "offset": 1, "period": 1, "command": "print('p')"})
    advancing = threading.Thread(target=fake.advance, args=(10,))
    advancing.start()
    while http.get("/_api/document/x/started").status_code != 200:
        time.sleep(0.001)
    assert http.delete("/_api/tasks/p").status_code == 200
    http.post("/_api/document/x", {"_key": "go"})
    advancing.join()
    assert [(r.task_id, r.error) for r in fake.runs] == [("slow", None)]
    assert fake.runs_of("p") == []
