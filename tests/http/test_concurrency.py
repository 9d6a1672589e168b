"""Requests from several clients while the clock advances."""

from __future__ import annotations

import threading

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http


def test_concurrent_requests_while_the_clock_advances(arango_tasks: FakeArangoTasks) -> None:
    errors: list[str] = []

    def client(n: int) -> None:
        http = Http(arango_tasks.url)
        for i in range(30):
            r = http.post("/_api/tasks", {"command": f"print({n}, {i})", "period": 1})
            if r.status_code != 200:
                errors.append(r.text)
            if http.post("/_fake/clock/advance", {"seconds": 0.5}).status_code != 200:
                errors.append("advance")
            if http.delete("/_api/tasks/" + r.json()["id"]).status_code != 200:
                errors.append("delete")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    dues = [r.due for r in arango_tasks.runs]
    assert dues == sorted(dues) and all(r.error is None for r in arango_tasks.runs)
    assert arango_tasks.tasks == []
