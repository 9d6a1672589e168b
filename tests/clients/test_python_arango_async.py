"""Contract tests: python-arango-async against the fake over real HTTP on loopback.

Every test drives the fake only through ``arangoasync.ArangoClient`` (and the fixture's clock /
journal); the server is never mocked. Expected values come from the behaviour spec
(docs/behaviour.md), i.e. from what ArangoDB 3.12 answers.

python-arango-async creates a task with an id by ``PUT /_api/tasks/{id}`` (python-arango uses
``POST``), and its ``delete_task(ignore_missing=True)`` keys on HTTP 404.
"""

from __future__ import annotations

from typing import AsyncIterator

import pytest
import pytest_asyncio
from arangoasync import ArangoClient
from arangoasync.auth import Auth, JwtToken
from arangoasync.exceptions import (
    JWTRefreshError,
    ServerConnectionError,
    TaskCreateError,
    TaskDeleteError,
    TaskGetError,
    TaskListError,
)

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import arango_codes

TASK_KEYS_PERIODIC = ["id", "name", "created", "type", "period", "offset", "command", "database"]
TASK_KEYS_TIMED = ["id", "name", "created", "type", "offset", "command", "database"]
ROOT = Auth(username="root", password="")


def wrapped(command: str) -> str:
    return f"(function (params) {{ {command} }} )(params);"


@pytest_asyncio.fixture
async def client(arango_tasks: FakeArangoTasks) -> AsyncIterator[ArangoClient]:
    async with ArangoClient(hosts=arango_tasks.url) as c:
        yield c


@pytest_asyncio.fixture
async def sys_db(client: ArangoClient):
    return await client.db("_system", auth=ROOT)


# -- create / get / list / delete ------------------------------------------------------------------


@pytest.mark.asyncio
async def test_create_periodic_without_id_get_list_delete(arango_tasks: FakeArangoTasks, sys_db) -> None:
    command = 'console.log("hello");'
    task = await sys_db.create_task(command, name="greeter", params={"n": 1}, period=2, offset=3)

    assert list(task) == TASK_KEYS_PERIODIC
    assert isinstance(task["id"], str) and task["id"].isdigit()
    assert task["name"] == "greeter"
    assert task["type"] == "periodic"
    assert task["period"] == 2
    assert type(task["period"]) is int
    assert task["offset"] == 3
    assert type(task["offset"]) is int
    assert task["command"] == wrapped(command)
    assert task["command"] == '(function (params) { console.log("hello"); } )(params);'
    assert task["database"] == "_system"
    assert isinstance(task["created"], float)
    assert task["created"] == arango_tasks.now
    assert "params" not in task
    assert "error" not in task and "code" not in task  # the async client does not strip them

    assert await sys_db.task(task["id"]) == task
    assert await sys_db.tasks() == [task]

    assert await sys_db.delete_task(task["id"]) is True
    assert await sys_db.tasks() == []
    with pytest.raises(TaskGetError) as exc:
        await sys_db.task(task["id"])
    assert arango_codes(exc) == (404, 1852)


@pytest.mark.asyncio
async def test_default_name_and_generated_ids(sys_db) -> None:
    first = await sys_db.create_task("return 1;", period=5, offset=1)
    second = await sys_db.create_task("return 2;", period=5, offset=1)
    assert first["name"] == "user-defined task"
    assert int(second["id"]) > int(first["id"])
    assert [t["id"] for t in await sys_db.tasks()] == [first["id"], second["id"]]


@pytest.mark.asyncio
async def test_create_timed_with_id(arango_tasks: FakeArangoTasks, sys_db) -> None:
    task = await sys_db.create_task("return 1;", task_id="my-timed-task", name="once", offset=5)

    assert list(task) == TASK_KEYS_TIMED
    assert task["id"] == "my-timed-task"
    assert task["name"] == "once"
    assert task["type"] == "timed"
    assert "period" not in task
    assert task["offset"] == 5
    assert task["command"] == "(function (params) { return 1; } )(params);"
    assert task["database"] == "_system"
    assert isinstance(task["created"], float)

    assert await sys_db.task("my-timed-task") == task
    assert await sys_db.tasks() == [task]
    assert [t["id"] for t in arango_tasks.tasks] == ["my-timed-task"]

    assert await sys_db.delete_task("my-timed-task") is True
    assert await sys_db.tasks() == []
    assert arango_tasks.tasks == []


@pytest.mark.asyncio
async def test_create_periodic_with_id(sys_db) -> None:
    task = await sys_db.create_task("return 1;", task_id="periodic-1", name="every-ten", period=10, offset=1)
    assert list(task) == TASK_KEYS_PERIODIC
    assert task["id"] == "periodic-1"
    assert task["type"] == "periodic"
    assert task["period"] == 10
    assert task["offset"] == 1
    assert await sys_db.task("periodic-1") == task
    assert [t["id"] for t in await sys_db.tasks()] == ["periodic-1"]
    assert await sys_db.delete_task("periodic-1") is True
    assert await sys_db.tasks() == []


@pytest.mark.asyncio
async def test_offset_zero_is_raised_to_one_microsecond_after_start(sys_db) -> None:
    task = await sys_db.create_task("return 1;", period=2, offset=0)
    assert task["offset"] == 0
    assert (await sys_db.task(task["id"]))["offset"] == 0.000001


# -- errors ----------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_duplicate_id(sys_db) -> None:
    await sys_db.create_task("return 1;", task_id="dup", name="a", period=2, offset=1)
    with pytest.raises(TaskCreateError) as exc:
        await sys_db.create_task("return 2;", task_id="dup", name="b", period=2, offset=1)
    assert arango_codes(exc) == (409, 1851)
    assert exc.value.error_message == "duplicate task id"
    assert [t["name"] for t in await sys_db.tasks()] == ["a"]


@pytest.mark.asyncio
async def test_get_unknown_task(sys_db) -> None:
    with pytest.raises(TaskGetError) as exc:
        await sys_db.task("no-such-task")
    assert arango_codes(exc) == (404, 1852)
    assert exc.value.error_message == "task not found"


@pytest.mark.asyncio
async def test_delete_missing_task(sys_db) -> None:
    assert await sys_db.delete_task("no-such-task", ignore_missing=True) is False
    with pytest.raises(TaskDeleteError) as exc:
        await sys_db.delete_task("no-such-task")
    assert arango_codes(exc) == (404, 1852)


@pytest.mark.asyncio
async def test_bad_command_does_not_compile(sys_db) -> None:
    with pytest.raises(TaskCreateError) as exc:
        await sys_db.create_task("for (i", period=1)
    assert arango_codes(exc) == (400, 10)
    assert exc.value.error_message == "cannot compile command"
    assert await sys_db.tasks() == []


@pytest.mark.asyncio
async def test_unknown_database(client: ArangoClient) -> None:
    db = await client.db("nope", auth=ROOT)
    with pytest.raises(TaskListError) as exc:
        await db.tasks()
    assert arango_codes(exc) == (404, 1228)
    with pytest.raises(TaskCreateError) as exc2:
        await db.create_task("return 1;", period=1)
    assert arango_codes(exc2) == (404, 1228)
    with pytest.raises(TaskCreateError) as exc3:
        await db.create_task("return 1;", task_id="with-id", period=1)
    assert arango_codes(exc3) == (404, 1228)
    with pytest.raises(TaskGetError) as exc4:
        await db.task("anything")
    assert arango_codes(exc4) == (404, 1228)
    # ignore_missing keys on HTTP 404 in this client, so an unknown database reads as "missing".
    assert await db.delete_task("anything", ignore_missing=True) is False
    with pytest.raises(TaskDeleteError) as exc5:
        await db.delete_task("anything")
    assert arango_codes(exc5) == (404, 1228)


@pytest.mark.asyncio
async def test_task_database_and_global_table(client: ArangoClient, sys_db) -> None:
    assert await sys_db.create_database("other") is True
    other = await client.db("other", auth=ROOT)
    task = await other.create_task("return 1;", task_id="t-other", name="in-other", period=3, offset=7)
    assert task["database"] == "other"
    assert await sys_db.task("t-other") == task
    assert await sys_db.tasks() == [task]
    with pytest.raises(TaskCreateError) as exc:
        await sys_db.create_task("return 1;", task_id="t-other", period=3)
    assert arango_codes(exc) == (409, 1851)
    assert await sys_db.delete_database("other") is True
    assert await sys_db.tasks() == []


# -- authentication --------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw"})
async def test_auth_bad_password(client: ArangoClient) -> None:
    db = await client.db("_system", auth=Auth(username="root", password="wrong"))
    with pytest.raises(TaskListError) as exc:
        await db.tasks()
    assert arango_codes(exc) == (401, 11)
    assert exc.value.error_message == "not authorized to execute this request"
    with pytest.raises(TaskCreateError) as exc2:
        await db.create_task("return 1;", period=1)
    assert arango_codes(exc2) == (401, 11)


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw"})
async def test_verify_ping(client: ArangoClient) -> None:
    db = await client.db("_system", auth=Auth(username="root", password="pw"), verify=True)
    assert await db.tasks() == []
    with pytest.raises(ServerConnectionError) as exc:
        await client.db("_system", auth=Auth(username="root", password="wrong"), verify=True)
    assert arango_codes(exc) == (401, 11)


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw"})
async def test_auth_basic_good_password(arango_tasks: FakeArangoTasks, client: ArangoClient) -> None:
    db = await client.db("_system", auth=Auth(username="root", password="pw"))
    task = await db.create_task("return 1;", task_id="auth-1", name="auth", period=4, offset=1)
    assert task["id"] == "auth-1"
    assert await db.tasks() == [task]
    assert await db.task("auth-1") == task
    assert [t["id"] for t in arango_tasks.tasks] == ["auth-1"]


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw"})
async def test_auth_jwt_login(client: ArangoClient) -> None:
    db = await client.db("_system", auth_method="jwt", auth=Auth(username="root", password="pw"))
    task = await db.create_task("return 1;", task_id="jwt-1", name="jwt", period=4, offset=1)
    assert task["id"] == "jwt-1"
    assert await db.task("jwt-1") == task
    assert [t["id"] for t in await db.tasks()] == ["jwt-1"]
    assert await db.delete_task("jwt-1") is True
    assert await db.tasks() == []


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw"})
async def test_auth_jwt_login_bad_password(client: ArangoClient) -> None:
    db = await client.db("_system", auth_method="jwt", auth=Auth(username="root", password="wrong"))
    with pytest.raises(JWTRefreshError) as exc:
        await db.tasks()
    assert str(exc.value).startswith("Failed to refresh the JWT token: 401 ")


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw"})
async def test_auth_jwt_login_bad_password_reason_phrase(client: ArangoClient) -> None:
    db = await client.db("_system", auth_method="jwt", auth=Auth(username="root", password="wrong"))
    with pytest.raises(JWTRefreshError) as exc:
        await db.tasks()
    assert str(exc.value) == "Failed to refresh the JWT token: 401 Unauthorized"


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw"})
async def test_auth_user_token_from_login(arango_tasks: FakeArangoTasks, client: ArangoClient) -> None:
    # Log in once with a JWT connection, then reuse its token on a token-only connection.
    login = await client.db("_system", auth_method="jwt", auth=Auth(username="root", password="pw"))
    await login.create_task("return 1;", task_id="mine", period=4, offset=1)
    token = login.connection.token
    assert isinstance(token, JwtToken)
    db = await client.db("_system", auth_method="jwt", token=JwtToken(token.token))
    assert [t["id"] for t in await db.tasks()] == ["mine"]


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw"})
async def test_auth_forged_superuser_token_rejected(client: ArangoClient) -> None:
    forged = JwtToken.generate_token("not-the-secret-not-the-secret-not-the-secret")
    db = await client.db("_system", auth_method="superuser", token=forged)
    with pytest.raises(TaskListError) as exc:
        await db.tasks()
    assert arango_codes(exc) == (401, 11)


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw", "alice": "pw2"})
async def test_auth_tasks_are_private_per_user(arango_tasks: FakeArangoTasks, client: ArangoClient) -> None:
    root = await client.db("_system", auth=Auth(username="root", password="pw"))
    alice = await client.db("_system", auth=Auth(username="alice", password="pw2"))

    alices = await alice.create_task("return 1;", task_id="alice-task", name="alice's", period=5, offset=1)
    roots = await root.create_task("return 1;", task_id="root-task", name="root's", period=5, offset=1)

    assert await alice.tasks() == [alices]
    assert await root.tasks() == [roots]
    assert await alice.task("alice-task") == alices

    with pytest.raises(TaskGetError) as exc:
        await root.task("alice-task")
    assert arango_codes(exc) == (404, 1852)

    with pytest.raises(TaskGetError) as exc2:
        await alice.task("root-task")
    assert arango_codes(exc2) == (404, 1852)

    assert await root.delete_task("alice-task", ignore_missing=True) is False
    with pytest.raises(TaskDeleteError) as exc3:
        await root.delete_task("alice-task")
    assert arango_codes(exc3) == (404, 1852)
    assert await alice.task("alice-task") == alices

    with pytest.raises(TaskCreateError) as exc4:
        await root.create_task("return 1;", task_id="alice-task", period=5)
    assert arango_codes(exc4) == (409, 1851)

    assert sorted(t["id"] for t in arango_tasks.tasks) == ["alice-task", "root-task"]


@pytest.mark.asyncio
@pytest.mark.arango_tasks(users={"root": "pw", "alice": "pw2"})
async def test_auth_superuser_token_sees_every_task(arango_tasks: FakeArangoTasks, client: ArangoClient) -> None:
    alice = await client.db("_system", auth_method="jwt", auth=Auth(username="alice", password="pw2"))
    alices = await alice.create_task("return 1;", task_id="alice-task", name="alice's", period=5, offset=1)
    su = await client.db(
        "_system", auth_method="superuser", token=JwtToken.generate_token(arango_tasks.jwt_secret)
    )
    assert await su.tasks() == [alices]
    assert await su.task("alice-task") == alices
    assert await su.delete_task("alice-task") is True
    assert await alice.tasks() == []


# -- running tasks on the fake clock ---------------------------------------------------------------


@pytest.mark.asyncio
async def test_advance_runs_periodic_task(arango_tasks: FakeArangoTasks, sys_db) -> None:
    start = arango_tasks.now
    task = await sys_db.create_task(
        'console.log("tick", params.n)', name="ticker", params={"n": 1}, period=2, offset=0
    )

    runs = arango_tasks.advance(10)

    assert len(runs) == 5
    for run in runs:
        assert run.task_id == task["id"]
        assert run.name == "ticker"
        assert run.database == "_system"
        assert run.params == {"n": 1}
        assert list(run.output) == [("log", "tick 1")]
        assert run.error is None
    assert runs[0].due == pytest.approx(start + 0.000001, abs=1e-6)
    for earlier, later in zip(runs, runs[1:]):
        assert later.due - earlier.due == pytest.approx(2.0, abs=1e-6)
    assert arango_tasks.runs == runs
    assert (await sys_db.task(task["id"]))["id"] == task["id"]


@pytest.mark.asyncio
async def test_advance_runs_timed_task_once_then_removes_it(arango_tasks: FakeArangoTasks, sys_db) -> None:
    start = arango_tasks.now
    task = await sys_db.create_task('console.log("five")', task_id="t5", name="five", offset=5)
    assert task["type"] == "timed"

    runs = arango_tasks.advance(5)
    assert len(runs) == 1
    assert runs[0].task_id == "t5"
    assert runs[0].name == "five"
    assert runs[0].due == pytest.approx(start + 5, abs=1e-6)
    assert list(runs[0].output) == [("log", "five")]

    with pytest.raises(TaskGetError) as exc:
        await sys_db.task("t5")
    assert arango_codes(exc) == (404, 1852)
    assert await sys_db.tasks() == []
    assert arango_tasks.advance(100) == []

    again = await sys_db.create_task("return 1;", task_id="t5", offset=1)
    assert again["id"] == "t5"


@pytest.mark.asyncio
async def test_put_with_id_ignores_body_id(sys_db) -> None:
    # create_task(task_id=...) is PUT /_api/tasks/{id}; the URL id wins. Ids are opaque strings.
    task = await sys_db.create_task("return 1;", task_id="a b+c", period=1, offset=1)
    assert task["id"] == "a b+c"
    assert (await sys_db.task("a b+c"))["id"] == "a b+c"


# -- server switches -------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.arango_tasks(javascript_tasks=False)
async def test_javascript_tasks_disabled(client: ArangoClient) -> None:
    db = await client.db("_system", auth=ROOT)
    with pytest.raises(TaskCreateError) as exc:
        await db.create_task("return 1;", period=1)
    assert arango_codes(exc) == (403, 11)
    assert exc.value.error_message == "JavaScript tasks are disabled"
    with pytest.raises(TaskCreateError) as exc2:
        await db.create_task("return 1;", task_id="x", period=1)
    assert arango_codes(exc2) == (403, 11)
    assert await db.tasks() == []
    assert await db.delete_task("x", ignore_missing=True) is False


@pytest.mark.asyncio
@pytest.mark.arango_tasks(version="4.0.0")
async def test_no_tasks_api_in_4_0(client: ArangoClient) -> None:
    db = await client.db("_system", auth=ROOT)
    with pytest.raises(TaskListError) as exc:
        await db.tasks()
    assert arango_codes(exc) == (404, 404)
    assert exc.value.error_message == "unknown path '/_api/tasks'"
