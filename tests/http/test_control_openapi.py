"""The control API by plain HTTP only (create, advance, runs, faults, snapshot/restore, reset and
the rest), every answer validated against the OpenAPI 3.1 document the fake serves; and the
document covers every control route and is itself valid OpenAPI 3.1."""

from __future__ import annotations

from typing import Any, Iterator

import jsonschema
import pytest
import requests
from openapi_spec_validator import validate as validate_spec

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks._app import _control


class Api:
    """Plain HTTP to the control routes, each answer checked against the served document."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()
        self.document = self.session.get(base + "/_fake/openapi.json").json()
        self.covered: set[tuple[str, str, int]] = set()

    def __call__(self, method: str, template: str, body: Any = None, *, params: dict[str, str] | None = None,
                 status: int = 200, **path: str) -> Any:
        url = self.base + template.format(**path)
        answer = self.session.request(method, url, json=body, params=params)
        assert answer.status_code == status, answer.text
        assert answer.headers["Content-Type"].startswith("application/json")
        operation = self.document["paths"][template][method.lower()]
        schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
        value = answer.json()
        jsonschema.Draft202012Validator({**schema, "components": self.document["components"]}).validate(value)
        self.covered.add((template, method.lower(), status))
        return value


@pytest.fixture
def api(arango_tasks: FakeArangoTasks) -> Iterator[Api]:
    client = Api(arango_tasks.url)
    yield client
    client.session.close()


def test_the_served_document_is_valid_openapi_and_covers_every_control_route(api: Api) -> None:
    validate_spec(api.document)
    assert api.document["openapi"] == "3.1.0"
    documented = {(path, method) for path, item in api.document["paths"].items() for method in item}
    routes = {(route.path.replace("<segment:", "{").replace(">", "}"), method.lower())
              for route in _control.ROUTES for method in route.handlers}
    assert documented == routes


def test_a_session_by_plain_http(api: Api) -> None:
    # create (over ArangoDB's own API) and advance
    created = requests.post(api.base + "/_api/tasks", json={"id": "beat", "command": "print('beat', params.n)",
                                                            "params": {"n": 1}, "period": 10})
    assert created.status_code == 200
    requests.post(api.base + "/_api/tasks", json={"id": "bad", "command": "throw new Error('no')", "offset": 5})
    assert api("GET", "/_fake/clock")["now"] == 1704067200
    answer = api("POST", "/_fake/clock/advance", {"seconds": 15})
    assert answer["count"] == 3 and [r["task"] for r in answer["runs"]] == ["beat", "bad", "beat"]
    uncollected = api("POST", "/_fake/clock/advance", {"seconds": 100, "collect": False})
    assert (uncollected["runs"], uncollected["count"]) == ([], 10)  # counted all the same (it said 0)
    assert api("GET", "/_fake/tasks/{task_id}/next_run", task_id="beat")["next"] == 1704067320.000001
    api("GET", "/_fake/tasks/{task_id}/next_run", task_id="nope", status=404)
    moved = api("POST", "/_fake/clock/advance_to", {"time": "2024-01-01T00:03:00Z"})
    assert moved["iso"] == "2024-01-01T00:03:00.000Z" and moved["count"] == 6
    api("POST", "/_fake/clock/advance_to", {"time": 1704067100}, status=400)  # backwards
    api("POST", "/_fake/clock/advance", {"seconds": "1"}, status=400)
    api("POST", "/_fake/clock/run_until_idle", {"limit": 20})

    # runs, the strict report, the request journal
    assert len(api("GET", "/_fake/runs")) == 21
    assert len(api("GET", "/_fake/runs", params={"limit": "2"})) == 2
    failed = api("GET", "/_fake/strict")["unexpected"]
    assert [(r["task"], r["error"]["message"]) for r in failed] == [("bad", "no")]
    assert api("GET", "/_fake/runs", params={"failed": "true"})[0]["error"]["stack"] == "Error: no\n    at task:bad:1:7"
    assert api("POST", "/_fake/strict/expect", {"task": "bad"})["unexpected"] == []
    assert [r["path"] for r in api("GET", "/_fake/requests", params={"method": "POST", "path": "/_api/"})] == [
        "/_api/tasks", "/_api/tasks"]
    assert api("GET", "/_fake/runs", params={"task": "beat", "limit": "1"})[0]["output"] == [
        {"level": "print", "message": "beat 1"}]

    # faults
    faults = api("POST", "/_fake/faults", {"method": "GET", "path": "/_api/tasks", "status": 503, "times": 1})
    assert faults[0]["errorNum"] == 503
    assert requests.get(api.base + "/_api/tasks").status_code == 503
    assert api("GET", "/_fake/faults") == []
    api("POST", "/_fake/faults", {"path": "/_api/version", "drop": True, "times": None})
    with pytest.raises(requests.ConnectionError):
        requests.get(api.base + "/_api/version")
    api("POST", "/_fake/faults", {"path": "/x", "colour": "red"}, status=400)
    assert api("DELETE", "/_fake/faults") == []

    # canned responses, documents
    assert api("POST", "/_fake/http/responses", {"method": "GET", "url": "https://x.test/", "json": {}})[0]["status"] == 200
    assert len(api("GET", "/_fake/http/responses")) == 1
    assert api("DELETE", "/_fake/http/responses") == []
    assert api("POST", "/_fake/documents/{collection}", [{"_key": "a"}, {"_key": "b"}], collection="c")[1]["_id"] == "c/b"
    assert [d["_key"] for d in api("GET", "/_fake/documents/{collection}", collection="c")] == ["a", "b"]
    api("GET", "/_fake/documents/{collection}", collection="missing", status=404)

    # snapshot and restore
    state = api("GET", "/_fake/snapshot")
    before = api("POST", "/_fake/clock/advance", {"seconds": 30})["runs"]
    requests.delete(api.base + "/_api/tasks/beat")
    assert api("PUT", "/_fake/snapshot", state) == {"error": False, "code": 200}
    assert api("GET", "/_fake/clock")["now"] == state["clock"]["now"]
    assert api("POST", "/_fake/clock/advance", {"seconds": 30})["runs"] == before
    api("PUT", "/_fake/snapshot", {"format": "other"}, status=400)

    info = api("GET", "/_fake/info")
    assert info["counts"]["tasks"] == 1 and info["counts"]["collections"] == 1 and info["clock"]["mode"] == "fake"

    # reset
    assert api("POST", "/_fake/reset") == {"error": False, "code": 200}
    assert requests.get(api.base + "/_api/tasks").json() == []
    assert api("GET", "/_fake/runs") == [] and api("GET", "/_fake/info")["counts"]["requests"] == 3  # reset, tasks, runs

    successes = {(path, method) for path, method, status in api.covered if status == 200}
    documented = {(path, method) for path, item in api.document["paths"].items() for method in item}
    assert documented - successes == {("/_fake/openapi.json", "get")}  # fetched by the fixture, validated above


def test_pretty_answers_and_wall_clock_numbers() -> None:
    with FakeArangoTasks(clock="wall") as fake:
        answer = requests.get(fake.url + "/_fake/clock")
        assert "e+" not in answer.text and answer.json()["mode"] == "wall"
        assert answer.json()["iso"].endswith("Z")
        pretty = requests.get(fake.url + "/_fake/info?pretty=true")
        assert pretty.text.startswith('{\n  "version": ') and pretty.text.endswith("}\n")
        assert int(pretty.headers["Content-Length"]) == len(pretty.content)
        refused = requests.post(fake.url + "/_fake/clock/advance", json={"seconds": 1})
        assert refused.status_code == 400 and "--clock fake" in refused.json()["errorMessage"]


def test_every_answer_tells_a_fake_from_a_real_arangodb(arango_tasks: FakeArangoTasks) -> None:
    for path in ("/_api/version", "/_api/tasks/nope", "/_fake/clock", "/nothing"):
        answer = requests.get(arango_tasks.url + path)
        assert answer.headers["X-Fake-Arango-Tasks"] == "fake-arango-tasks"
        assert answer.headers["Server"] == "ArangoDB"
    arango_tasks.faults.add("GET", "/_api/version", status=500)
    assert requests.get(arango_tasks.url + "/_api/version").headers["X-Fake-Arango-Tasks"] == "fake-arango-tasks"
