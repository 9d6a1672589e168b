"""Shared helpers for the test suite. The fixtures under test come from the installed plugin
(``conftest_plugin``, entry point ``pytest11``), exactly as users get them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from fake_arango_tasks import FakeArangoTasks, Run


class Http:
    """A requests session bound to one fake server's base URL."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()

    def request(self, method: str, path: str, body: Any = None, *, raw: str | bytes | None = None,
                **kwargs: Any) -> requests.Response:
        data = raw if raw is not None else (None if body is None else json.dumps(body))
        return self.session.request(method, self.base + path, data=data, **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, body, **kwargs)

    def put(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)


def create_task(http: Http, command: str, **body: object) -> str:
    """Create a task over HTTP (``POST /_api/tasks``); returns its id. Fails the test on an error."""
    response = http.post("/_api/tasks", {"command": command, **body})
    assert response.status_code == 200, response.text
    return str(response.json()["id"])


def one_run(fake: FakeArangoTasks, http: Http, command: str, **body: object) -> Run:
    """Create a task over HTTP and advance one second: its one run (fails the test unless exactly one)."""
    create_task(http, command, **body)
    runs = fake.advance(1)
    assert len(runs) == 1
    return runs[0]


def printed(run: Run) -> list[str]:
    """What ``run`` printed (messages only); fails the test if it threw."""
    assert run.error is None, run.error
    return [message for _, message in run.output]


def arango_codes(excinfo: pytest.ExceptionInfo[Any]) -> tuple[int, int]:
    """``(http_code, error_code)`` of a client's ArangoDB error (python-arango and -async alike)."""
    return excinfo.value.http_code, excinfo.value.error_code


def ordered(response: requests.Response) -> Any:
    """The JSON body with objects as lists of (key, value) pairs, so key order is compared too."""
    return json.loads(response.text, object_pairs_hook=list)


@pytest.fixture
def http(arango_tasks: FakeArangoTasks) -> Iterator[Http]:
    """Plain HTTP against the ``arango_tasks`` server."""
    client = Http(arango_tasks.url)
    yield client
    client.session.close()
