"""Runs the contract cases (tests/tasks/cases.py) against the fake, or against a real ArangoDB.

Against a real server: ``ARANGO_URL=http://127.0.0.1:8529 ARANGO_USER=root ARANGO_PASSWORD=... pytest
tests/tasks/test_contract.py``. Cases marked ``fake_only`` (control routes, server switches, a fresh
server) are skipped there. Every case cleans up the tasks and databases it made.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from fake_arango_tasks import FakeArangoTasks
from tests.tasks.cases import ANY, ANY_FLOAT, ANY_ID, CASES, Case

REAL_URL = os.environ.get("ARANGO_URL")
_numbers = itertools.count(1)


@pytest.fixture
def target(request: pytest.FixtureRequest) -> Iterator[tuple[str, requests.Session]]:
    case: Case = request.node.callspec.params["case"]
    session = requests.Session()
    if REAL_URL:
        if case.fake_only:
            pytest.skip("needs the fake (control routes, server options or a fresh server)")
        session.auth = (os.environ.get("ARANGO_USER", "root"), os.environ.get("ARANGO_PASSWORD", ""))
        yield REAL_URL.rstrip("/"), session
    elif case.options:
        with FakeArangoTasks(**case.options) as fake:
            yield fake.url, session
    else:
        fake = request.getfixturevalue("arango_tasks")
        fake.expect_errors()  # a case checks HTTP answers (strict mode: what its runs throw is expected)
        yield fake.url, session
    session.close()


def _fill(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, str):
        for name, text in names.items():
            value = value.replace("{" + name + "}", text)
        return value
    if isinstance(value, dict):
        return {_fill(k, names): _fill(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, names) for v in value]
    return value


def _matches(expected: Any, got: Any) -> bool:
    if expected is ANY:
        return True
    if expected is ANY_ID:
        return isinstance(got, str) and got.isdigit()
    if expected is ANY_FLOAT:
        return isinstance(got, float)
    if isinstance(expected, dict):
        return (isinstance(got, dict) and list(expected) == list(got)
                and all(_matches(v, got[k]) for k, v in expected.items()))
    if isinstance(expected, list):
        return isinstance(got, list) and len(expected) == len(got) and all(map(_matches, expected, got))
    return type(expected) is type(got) and expected == got  # 2 is not 2.0: integral numbers print as integers


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_contract(case: Case, target: tuple[str, requests.Session]) -> None:
    base, session = target
    uid = f"{uuid.uuid4().hex[:8]}{next(_numbers)}"
    names = {"uid": uid, "db": f"db{uid}", "id": ""}
    created: list[str] = []
    admin = None if REAL_URL else (("root", "") if case.options.get("users") else None)
    if case.database:
        created_db = session.post(base + "/_api/database", json={"name": names["db"]}, auth=admin)
        assert created_db.status_code == 201, created_db.text
    try:
        response = None
        for number, step in enumerate(case.steps, 1):
            if response is not None:  # the step before the last one: it had to do what the case relies on
                before = case.steps[number - 2]
                assert (response.status_code == before.status if before.status is not None
                        else 200 <= response.status_code < 300), f"step {number - 1}: {response.status_code} {response.text}"
            body = step.raw if step.raw is not None else (None if step.body is None else json.dumps(_fill(step.body, names)))
            response = session.request(step.method, base + _fill(step.path, names), data=body,
                                       auth=tuple(_fill(list(step.auth), names)) if step.auth else session.auth)
            if response.status_code == 200 and response.text.startswith("{"):
                result = response.json()
                if isinstance(result.get("id"), str) and "type" in result:
                    names["id"] = result["id"]
                    created.append(result["id"])
        assert response is not None
        _check(case, names, response)
    finally:
        for task_id in created:
            session.delete(base + "/_api/tasks/" + requests.utils.quote(task_id, safe=""), auth=admin)
        if case.database:
            session.delete(base + "/_api/database/" + names["db"], auth=admin)


def _check(case: Case, names: dict[str, str], response: requests.Response) -> None:
    expect = case.expect
    assert response.status_code == expect.status, response.text
    if expect.empty_body:
        assert response.content == b""
        return
    assert response.headers["Content-Type"].startswith("application/json")
    got = json.loads(response.text)
    if expect.error or expect.connection_error:
        num, message = expect.error or expect.connection_error  # type: ignore[misc]
        keys = ["code", "error", "errorMessage", "errorNum"] if expect.error else ["error", "errorNum", "errorMessage", "code"]
        assert list(got) == keys
        assert (got["code"], got["error"], got["errorNum"]) == (expect.status, True, num)
        if expect.message_prefix is not None:
            assert got["errorMessage"].startswith(expect.message_prefix)
            assert len(got["errorMessage"]) > len(expect.message_prefix)
        else:
            assert got["errorMessage"] == message
        return
    expected = _fill(expect.body, names)
    if 200 <= response.status_code < 300 and isinstance(got, dict):
        assert "errorNum" not in got  # python-arango takes an errorNum in a 2xx body for a failure
    assert _matches(expected, got), f"expected {expected!r}\n     got {got!r}"


def test_every_rule_section_has_cases() -> None:
    sections = {re.match(r"§(\d)", c.rule).group(1) for c in CASES}  # type: ignore[union-attr]
    assert sections == {"1", "2", "3", "4", "5", "6"}
    check_numbers = {m.group(1) for c in CASES if (m := re.match(r"§3\.(\d+)", c.rule))}
    assert check_numbers == {str(n) for n in range(1, 12)}
