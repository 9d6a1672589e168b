"""Contract tests: python-arango (sync) against the fake over real HTTP on loopback.

Every test drives the fake only through ``arango.ArangoClient`` (and the fixture's clock / journal);
the server is never mocked. Expected values come from the behaviour spec
(docs/behaviour.md), i.e. from what ArangoDB 3.12 answers.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from arango import ArangoClient
from arango.exceptions import (
    JWTAuthError,
    ServerConnectionError,
    TaskCreateError,
    TaskDeleteError,
    TaskGetError,
    TaskListError,
)

from fake_arango_tasks import FakeArangoTasks, superuser_token
from tests.conftest import arango_codes

TASK_KEYS_PERIODIC = ["id", "name", "created", "type", "period", "offset", "command", "database"]
TASK_KEYS_TIMED = ["id", "name", "created", "type", "offset", "command", "database"]


def wrapped(command: str) -> str:
    return f"(function (params) {{ {command} }} )(params);"


@pytest.fixture
def client(arango_tasks: FakeArangoTasks) -> Iterator[ArangoClient]:
    c = ArangoClient(hosts=arango_tasks.url)
    try:
        yield c
    finally:
        c.close()


@pytest.fixture
def sys_db(client: ArangoClient):
    return client.db("_system", username="root", password="")


# -- create / get / list / delete ------------------------------------------------------------------


def test_create_periodic_without_id_get_list_delete(arango_tasks: FakeArangoTasks, sys_db) -> None:
    command = 'console.log("hello");'
    task = sys_db.create_task(name="greeter", command=command, params={"n": 1}, period=2, offset=3)

    assert list(task) == TASK_KEYS_PERIODIC
    assert isinstance(task["id"], str) and task["id"].isdigit()
    assert task["name"] == "greeter"
    assert task["type"] == "periodic"
    assert task["period"] == 2
    assert type(task["period"]) is int  # printed as 2, not 2.0
    assert task["offset"] == 3
    assert type(task["offset"]) is int
    assert task["command"] == wrapped(command)
    assert task["command"] == '(function (params) { console.log("hello"); } )(params);'
    assert task["database"] == "_system"
    assert isinstance(task["created"], float)
    assert task["created"] == arango_tasks.now
    assert "params" not in task

    fetched = sys_db.task(task["id"])
    assert fetched == task

    listed = sys_db.tasks()
    assert listed == [task]

    assert sys_db.delete_task(task["id"]) is True
    assert sys_db.tasks() == []
    with pytest.raises(TaskGetError) as exc:
        sys_db.task(task["id"])
    assert arango_codes(exc) == (404, 1852)


def test_generated_ids_increase(sys_db) -> None:
    first = sys_db.create_task(name="a", command="return 1;", period=5)
    second = sys_db.create_task(name="b", command="return 2;", period=5)
    assert first["id"] != second["id"]
    assert int(second["id"]) > int(first["id"])
    assert [t["id"] for t in sys_db.tasks()] == [first["id"], second["id"]]


def test_create_timed_with_id(arango_tasks: FakeArangoTasks, sys_db) -> None:
    task = sys_db.create_task(name="once", command="return 1;", offset=5, task_id="my-timed-task")

    assert list(task) == TASK_KEYS_TIMED
    assert task["id"] == "my-timed-task"
    assert task["name"] == "once"
    assert task["type"] == "timed"
    assert "period" not in task
    assert task["offset"] == 5
    assert task["command"] == "(function (params) { return 1; } )(params);"
    assert task["database"] == "_system"
    assert isinstance(task["created"], float)

    assert sys_db.task("my-timed-task") == task
    assert sys_db.tasks() == [task]
    assert [t["id"] for t in arango_tasks.tasks] == ["my-timed-task"]

    assert sys_db.delete_task("my-timed-task") is True
    assert sys_db.tasks() == []
    assert arango_tasks.tasks == []


def test_create_periodic_with_id(sys_db) -> None:
    task = sys_db.create_task(name="every-ten", command="return 1;", period=10, offset=1, task_id="periodic-1")
    assert list(task) == TASK_KEYS_PERIODIC
    assert task["id"] == "periodic-1"
    assert task["type"] == "periodic"
    assert task["period"] == 10
    assert task["offset"] == 1
    assert sys_db.task("periodic-1") == task
    assert [t["id"] for t in sys_db.tasks()] == ["periodic-1"]
    assert sys_db.delete_task("periodic-1") is True
    assert sys_db.tasks() == []


def test_default_name(sys_db) -> None:
    # python-arango always sends a name; a non-string one falls back to the default.
    task = sys_db.create_task(name=None, command="return 1;", period=1)  # type: ignore[arg-type]
    assert task["name"] == "user-defined task"


def test_offset_zero_is_raised_to_one_microsecond_after_start(sys_db) -> None:
    task = sys_db.create_task(name="now", command="return 1;", period=2, offset=0)
    assert task["offset"] == 0
    assert sys_db.task(task["id"])["offset"] == 0.000001


# -- errors ----------------------------------------------------------------------------------------


def test_duplicate_id(sys_db) -> None:
    sys_db.create_task(name="a", command="return 1;", period=2, task_id="dup")
    with pytest.raises(TaskCreateError) as exc:
        sys_db.create_task(name="b", command="return 2;", period=2, task_id="dup")
    assert arango_codes(exc) == (409, 1851)
    assert exc.value.error_message == "duplicate task id"
    assert [t["name"] for t in sys_db.tasks()] == ["a"]


def test_get_unknown_task(sys_db) -> None:
    with pytest.raises(TaskGetError) as exc:
        sys_db.task("no-such-task")
    assert arango_codes(exc) == (404, 1852)
    assert exc.value.error_message == "task not found"


def test_error_reason_phrases(sys_db) -> None:
    with pytest.raises(TaskGetError) as exc:
        sys_db.task("no-such-task")
    assert exc.value.response.status_text == "Not Found"
    sys_db.create_task(name="a", command="return 1;", period=2, task_id="dup")
    with pytest.raises(TaskCreateError) as exc2:
        sys_db.create_task(name="b", command="return 2;", period=2, task_id="dup")
    assert exc2.value.response.status_text == "Conflict"


def test_delete_missing_task(sys_db) -> None:
    assert sys_db.delete_task("no-such-task", ignore_missing=True) is False
    with pytest.raises(TaskDeleteError) as exc:
        sys_db.delete_task("no-such-task")
    assert arango_codes(exc) == (404, 1852)


def test_bad_command_does_not_compile(sys_db) -> None:
    with pytest.raises(TaskCreateError) as exc:
        sys_db.create_task(name="broken", command="for (i", period=1)
    assert arango_codes(exc) == (400, 10)
    assert exc.value.error_message == "cannot compile command"
    assert sys_db.tasks() == []


def test_non_positive_period(sys_db) -> None:
    # python-arango documents period=0 as "timed", but ArangoDB rejects a number <= 0.
    with pytest.raises(TaskCreateError) as exc:
        sys_db.create_task(name="zero", command="return 1;", period=0)
    assert arango_codes(exc) == (400, 10)
    assert exc.value.error_message == "task period must be specified and positive"


def test_unknown_database(client: ArangoClient) -> None:
    db = client.db("nope", username="root", password="")
    with pytest.raises(TaskListError) as exc:
        db.tasks()
    assert arango_codes(exc) == (404, 1228)
    with pytest.raises(TaskCreateError) as exc2:
        db.create_task(name="x", command="return 1;", period=1)
    assert arango_codes(exc2) == (404, 1228)
    with pytest.raises(TaskGetError) as exc3:
        db.task("anything")
    assert arango_codes(exc3) == (404, 1228)


def test_task_database_and_global_table(client: ArangoClient, sys_db) -> None:
    assert sys_db.create_database("other") is True
    other = client.db("other", username="root", password="")
    task = other.create_task(name="in-other", command="return 1;", period=3, offset=7, task_id="t-other")
    assert task["database"] == "other"
    # The table is global: visible from _system, and the id is taken there too.
    assert sys_db.task("t-other") == task
    assert sys_db.tasks() == [task]
    with pytest.raises(TaskCreateError) as exc:
        sys_db.create_task(name="again", command="return 1;", period=3, task_id="t-other")
    assert arango_codes(exc) == (409, 1851)
    # Dropping the database removes its tasks.
    assert sys_db.delete_database("other") is True
    assert sys_db.tasks() == []


# -- authentication --------------------------------------------------------------------------------


@pytest.mark.arango_tasks(users={"root": "pw"})
def test_auth_bad_password(client: ArangoClient) -> None:
    db = client.db("_system", username="root", password="wrong")
    with pytest.raises(TaskListError) as exc:
        db.tasks()
    assert arango_codes(exc) == (401, 11)
    assert exc.value.error_message == "not authorized to execute this request"
    with pytest.raises(TaskCreateError) as exc2:
        db.create_task(name="x", command="return 1;", period=1)
    assert arango_codes(exc2) == (401, 11)


@pytest.mark.arango_tasks(users={"root": "pw"})
def test_verify_ping(client: ArangoClient) -> None:
    db = client.db("_system", username="root", password="pw", verify=True)
    assert db.tasks() == []
    with pytest.raises(ServerConnectionError) as exc:
        client.db("_system", username="root", password="wrong", verify=True)
    assert arango_codes(exc) == (401, 11)


@pytest.mark.arango_tasks(users={"root": "pw"})
def test_auth_unknown_user(client: ArangoClient) -> None:
    db = client.db("_system", username="mallory", password="pw")
    with pytest.raises(TaskListError) as exc:
        db.tasks()
    assert arango_codes(exc) == (401, 11)


@pytest.mark.arango_tasks(users={"root": "pw"})
def test_auth_unknown_database_without_access_is_401(client: ArangoClient) -> None:
    db = client.db("nope", username="root", password="wrong")
    with pytest.raises(TaskListError) as exc:
        db.tasks()
    assert arango_codes(exc) == (401, 11)


@pytest.mark.arango_tasks(users={"root": "pw"})
def test_auth_basic_good_password(arango_tasks: FakeArangoTasks, client: ArangoClient) -> None:
    db = client.db("_system", username="root", password="pw")
    task = db.create_task(name="auth", command="return 1;", period=4, offset=1, task_id="auth-1")
    assert task["id"] == "auth-1"
    assert db.tasks() == [task]
    assert db.task("auth-1") == task
    assert [t["id"] for t in arango_tasks.tasks] == ["auth-1"]


@pytest.mark.arango_tasks(users={"root": "pw"})
def test_auth_jwt(client: ArangoClient) -> None:
    db = client.db("_system", username="root", password="pw", auth_method="jwt")
    task = db.create_task(name="jwt", command="return 1;", period=4, offset=1, task_id="jwt-1")
    assert task["id"] == "jwt-1"
    assert db.task("jwt-1") == task
    assert [t["id"] for t in db.tasks()] == ["jwt-1"]
    assert db.delete_task("jwt-1") is True
    assert db.tasks() == []


@pytest.mark.arango_tasks(users={"root": "pw"})
def test_auth_jwt_bad_password(client: ArangoClient) -> None:
    with pytest.raises(JWTAuthError) as exc:
        client.db("_system", username="root", password="wrong", auth_method="jwt")
    # POST /_open/auth answers bad credentials with 401/401 "Wrong credentials"
    # (RestAuthHandler: TRI_ERROR_HTTP_UNAUTHORIZED), not 401/11 as the other routes do.
    assert arango_codes(exc) == (401, 401)
    assert exc.value.error_message == "Wrong credentials"


@pytest.mark.arango_tasks(users={"root": "pw"}, jwt_secret="s3cret-s3cret-s3cret-s3cret-s3cret")
def test_auth_jwt_forged_token_rejected(client: ArangoClient) -> None:
    forged = superuser_token("not-the-secret-not-the-secret-not-the-secret")
    db = client.db("_system", superuser_token=forged)
    with pytest.raises(TaskListError) as exc:
        db.tasks()
    assert arango_codes(exc) == (401, 11)


@pytest.mark.arango_tasks(users={"root": "pw", "alice": "pw2"})
def test_auth_tasks_are_private_per_user(arango_tasks: FakeArangoTasks, client: ArangoClient) -> None:
    root = client.db("_system", username="root", password="pw")
    alice = client.db("_system", username="alice", password="pw2")

    alices = alice.create_task(name="alice's", command="return 1;", period=5, offset=1, task_id="alice-task")
    roots = root.create_task(name="root's", command="return 1;", period=5, offset=1, task_id="root-task")

    assert alice.tasks() == [alices]
    assert root.tasks() == [roots]
    assert alice.task("alice-task") == alices

    with pytest.raises(TaskGetError) as exc:
        root.task("alice-task")
    assert arango_codes(exc) == (404, 1852)

    with pytest.raises(TaskGetError) as exc2:
        alice.task("root-task")
    assert arango_codes(exc2) == (404, 1852)

    # Another user's task cannot be deleted either (it does not exist for them).
    assert root.delete_task("alice-task", ignore_missing=True) is False
    with pytest.raises(TaskDeleteError) as exc3:
        root.delete_task("alice-task")
    assert arango_codes(exc3) == (404, 1852)
    assert alice.task("alice-task") == alices

    # The id is still taken for everyone.
    with pytest.raises(TaskCreateError) as exc4:
        root.create_task(name="steal", command="return 1;", period=5, task_id="alice-task")
    assert arango_codes(exc4) == (409, 1851)

    assert sorted(t["id"] for t in arango_tasks.tasks) == ["alice-task", "root-task"]


@pytest.mark.arango_tasks(users={"root": "pw", "alice": "pw2"})
def test_auth_superuser_token_sees_every_task(arango_tasks: FakeArangoTasks, client: ArangoClient) -> None:
    alice = client.db("_system", username="alice", password="pw2", auth_method="jwt")
    alices = alice.create_task(name="alice's", command="return 1;", period=5, offset=1, task_id="alice-task")
    su = client.db("_system", superuser_token=superuser_token(arango_tasks.jwt_secret))
    assert su.tasks() == [alices]
    assert su.task("alice-task") == alices
    assert su.delete_task("alice-task") is True
    assert alice.tasks() == []


# -- running tasks on the fake clock ---------------------------------------------------------------


def test_advance_runs_periodic_task(arango_tasks: FakeArangoTasks, sys_db) -> None:
    start = arango_tasks.now
    task = sys_db.create_task(
        name="ticker", command='console.log("tick", params.n)', params={"n": 1}, period=2, offset=0
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
    # Still registered after running.
    assert sys_db.task(task["id"])["id"] == task["id"]


def test_advance_runs_timed_task_once_then_removes_it(arango_tasks: FakeArangoTasks, sys_db) -> None:
    start = arango_tasks.now
    task = sys_db.create_task(name="once", command='console.log("once", params.x)', params={"x": "y"}, offset=5,
                              task_id="timed-5")
    assert task["type"] == "timed"

    assert arango_tasks.advance(4.999) == []
    assert sys_db.task("timed-5") == task

    runs = arango_tasks.advance(0.001)
    assert len(runs) == 1
    assert runs[0].task_id == "timed-5"
    assert runs[0].due == pytest.approx(start + 5, abs=1e-6)
    assert list(runs[0].output) == [("log", "once y")]

    with pytest.raises(TaskGetError) as exc:
        sys_db.task("timed-5")
    assert arango_codes(exc) == (404, 1852)
    assert sys_db.tasks() == []
    assert arango_tasks.advance(100) == []

    # The id can be reused.
    again = sys_db.create_task(name="again", command="return 1;", offset=1, task_id="timed-5")
    assert again["id"] == "timed-5"


def test_advance_timed_task_at_exact_offset(arango_tasks: FakeArangoTasks, sys_db) -> None:
    sys_db.create_task(name="five", command='console.log("five")', offset=5, task_id="t5")
    runs = arango_tasks.advance(5)
    assert [(r.task_id, list(r.output)) for r in runs] == [("t5", [("log", "five")])]
    with pytest.raises(TaskGetError) as exc:
        sys_db.task("t5")
    assert arango_codes(exc) == (404, 1852)


def test_deleted_task_does_not_run(arango_tasks: FakeArangoTasks, sys_db) -> None:
    task = sys_db.create_task(name="gone", command='console.log("x")', period=1, offset=1)
    assert sys_db.delete_task(task["id"]) is True
    assert arango_tasks.advance(10) == []


# -- server switches -------------------------------------------------------------------------------


@pytest.mark.arango_tasks(javascript_tasks=False)
def test_javascript_tasks_disabled(client: ArangoClient) -> None:
    db = client.db("_system", username="root", password="")
    with pytest.raises(TaskCreateError) as exc:
        db.create_task(name="x", command="return 1;", period=1)
    assert arango_codes(exc) == (403, 11)
    assert exc.value.error_message == "JavaScript tasks are disabled"
    assert db.tasks() == []
    with pytest.raises(TaskGetError) as exc2:
        db.task("x")
    assert exc2.value.error_code == 1852
    assert db.delete_task("x", ignore_missing=True) is False


@pytest.mark.arango_tasks(version="4.0.0")
def test_no_tasks_api_in_4_0(client: ArangoClient) -> None:
    db = client.db("_system", username="root", password="")
    assert db.version() == "4.0.0"
    with pytest.raises(TaskListError) as exc:
        db.tasks()
    assert arango_codes(exc) == (404, 404)
    assert exc.value.error_message == "unknown path '/_api/tasks'"


def test_times_are_truncated_to_milliseconds(sys_db) -> None:
    task = sys_db.create_task(name="ms", command="return 1;", period=2.5009, offset=4.3456)
    assert task["period"] == 2.5
    assert task["offset"] == 4.345
    assert sys_db.task(task["id"])["offset"] == 4.345


def test_throwing_periodic_task_keeps_running(arango_tasks: FakeArangoTasks, sys_db) -> None:
    task = sys_db.create_task(name="boom", command='throw new Error("boom " + params.k);', params={"k": 7},
                              period=1, offset=1)
    runs = arango_tasks.advance(3)
    assert len(runs) == 3
    for run in runs:
        assert run.error is not None
        assert (run.error.type, run.error.message, str(run.error)) == ("Error", "boom 7", "Error: boom 7")
    assert sys_db.task(task["id"])["id"] == task["id"]
