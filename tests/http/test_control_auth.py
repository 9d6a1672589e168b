"""The control routes honour authentication: with users configured they need a superuser JWT,
an administrator's credentials or the control token; a control token alone protects them on a
server without authentication."""

from __future__ import annotations

import pytest
import requests

from fake_arango_tasks import FakeArangoTasks, User, superuser_token


@pytest.fixture(scope="module")
def secured() -> FakeArangoTasks:
    with FakeArangoTasks(users={"root": "pw", "reader": User("r", {"*": "ro"})}, control_token="tok") as fake:
        yield fake  # type: ignore[misc]


@pytest.mark.parametrize(("headers", "auth", "status"), [
    ({}, None, 401),
    ({"Authorization": "Bearer wrong"}, None, 401),
    ({}, ("root", "wrong"), 401),
    ({}, ("reader", "r"), 403),
    ({}, ("root", "pw"), 200),
    ({"Authorization": "Bearer tok"}, None, 200),
])
def test_control_credentials(secured: FakeArangoTasks, headers: dict[str, str], auth: tuple[str, str] | None,
                             status: int) -> None:
    answer = requests.get(secured.url + "/_fake/runs", headers=headers, auth=auth)
    assert answer.status_code == status
    if status == 401:
        assert answer.json() == {"error": True, "errorNum": 11, "errorMessage": "not authorized to execute this request",
                                 "code": 401}
    if status == 403:
        assert answer.json()["errorMessage"].startswith("the control routes need a superuser")


def test_a_superuser_jwt_and_the_open_document(secured: FakeArangoTasks) -> None:
    token = superuser_token(secured.jwt_secret)
    assert requests.get(secured.url + "/_fake/info", headers={"Authorization": f"bearer {token}"}).status_code == 200
    assert requests.get(secured.url + "/_fake/openapi.json").status_code == 200


def test_a_control_token_without_users() -> None:
    with FakeArangoTasks(control_token="s3cret") as fake:
        assert requests.get(fake.url + "/_fake/clock").status_code == 401
        assert requests.get(fake.url + "/_fake/clock", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert requests.get(fake.url + "/_api/tasks").status_code == 200  # ArangoDB's routes stay open
