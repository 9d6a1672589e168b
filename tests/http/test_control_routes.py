"""The /_fake/* control routes."""

from __future__ import annotations

from fake_arango_tasks import DEFAULT_START, FakeArangoTasks
from tests.conftest import Http


def _create(http: Http, **body: object) -> str:
    response = http.post("/_api/tasks", body)
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def test_control_routes_drive_the_clock(arango_tasks: FakeArangoTasks, http: Http) -> None:
    task_id = _create(http, command="console.warn('w', params)", params=[1, "a"], period=5, offset=1)
    assert http.get("/_fake/clock").json() == {"mode": "fake", "now": DEFAULT_START, "iso": "2024-01-01T00:00:00.000Z"}
    answer = http.post("/_fake/clock/advance", {"seconds": 7}).json()
    assert answer["now"] == DEFAULT_START + 7 and answer["count"] == 2
    assert answer["runs"] == [
        {"task": task_id, "name": "user-defined task", "database": "_system", "due": DEFAULT_START + 1,
         "started": DEFAULT_START + 1, "finished": DEFAULT_START + 1, "params": [1, "a"],
         "output": [{"level": "warn", "message": 'w [ 1, "a" ]'}], "error": None, "requests": []},
        {"task": task_id, "name": "user-defined task", "database": "_system", "due": DEFAULT_START + 6,
         "started": DEFAULT_START + 6, "finished": DEFAULT_START + 6, "params": [1, "a"],
         "output": [{"level": "warn", "message": 'w [ 1, "a" ]'}], "error": None, "requests": []},
    ]
    assert http.get(f"/_fake/runs?task={task_id}").json() == answer["runs"]
    assert http.get("/_fake/runs?task=other").json() == []
    bad = http.post("/_fake/clock/advance", {"seconds": -1})
    assert (bad.status_code, bad.json()["errorNum"]) == (400, 10)
    assert http.post("/_fake/reset").json() == {"error": False, "code": 200}
    assert http.get("/_api/tasks").json() == [] and http.get("/_fake/runs").json() == []


def test_runs_filter_by_failure_and_limit_and_refuse_other_values(arango_tasks: FakeArangoTasks, http: Http) -> None:
    arango_tasks.expect_errors()
    _create(http, id="ok", command="print(1)", period=2, offset=1)
    _create(http, id="bad", command="throw new Error('no')", period=2, offset=2)
    http.post("/_fake/clock/advance", {"seconds": 6})

    def tasks(query: str) -> list[str]:
        return [r["task"] for r in http.get(f"/_fake/runs{query}").json()]

    assert tasks("") == ["ok", "bad", "ok", "bad", "ok", "bad"]
    assert tasks("?failed=true") == ["bad"] * 3 and tasks("?failed=FALSE") == ["ok"] * 3
    assert tasks("?failed=no&limit=2") == ["ok", "ok"] and tasks("?limit=0") == []
    for query in ("?failed=maybe", "?failed=", "?limit=abc", "?limit=-1"):
        bad = http.get(f"/_fake/runs{query}")
        assert (bad.status_code, bad.json()["errorNum"]) == (400, 10), query
