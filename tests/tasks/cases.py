"""The fidelity contract as data: request(s) -> expected response, one case per rule of
``docs/behaviour.md`` (§ numbers in each case's ``rule``).

``tests/tasks/test_contract.py`` runs every case against the fake, and against a real ArangoDB when
``ARANGO_URL`` is set. A case is a list of steps; every step before the last must succeed (or
answer its own ``status``), and the last step's response is checked against ``expect``. Paths and bodies may use ``{uid}`` (unique per case run, so a case can run against a
shared real server), ``{id}`` (the id in the previous step's response) and ``{db}`` (a database
the case created with ``database=True``). Expected bodies are compared with key order; the
placeholders :data:`ANY_ID`, :data:`ANY_FLOAT` and :data:`ANY` match a generated value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fake_arango_tasks import User

ANY = object()  # anything
ANY_ID = object()  # a non-empty decimal string
ANY_FLOAT = object()  # a JSON number that parses as a float (never printed as an integer)


@dataclass(frozen=True)
class Step:
    method: str
    path: str
    body: Any = None  # a JSON value, sent as JSON
    raw: str | None = None  # or a raw body, sent as is
    auth: tuple[str, str] | None = None  # Basic credentials for this step (fake-only cases)
    status: int | None = None  # what a step before the last must answer (default: any 2xx)


@dataclass(frozen=True)
class Expect:
    status: int
    body: Any = ANY  # an exact JSON value (dicts compared with key order) with placeholders
    error: tuple[int, str] | None = None  # (errorNum, errorMessage): ArangoDB's handler envelope
    connection_error: tuple[int, str] | None = None  # the same in the connection layer's key order
    message_prefix: str | None = None  # for parser messages we cannot match exactly
    empty_body: bool = False


@dataclass(frozen=True)
class Case:
    rule: str
    steps: tuple[Step, ...]
    expect: Expect
    database: bool = False  # create database "db_{uid}" first, dropped afterwards
    fake_only: bool = False  # uses /_fake control routes, or depends on a fresh server
    options: dict[str, Any] = field(default_factory=dict)  # FakeArangoTasks options (fake only)


def task(task_id: Any, name: str, type_: str, offset: Any, command: str, database: str = "_system",
         period: Any = None) -> dict[str, Any]:
    """An expected task object, keys in ArangoDB's order (§2)."""
    body: dict[str, Any] = {"id": task_id, "name": name, "created": ANY_FLOAT, "type": type_}
    if period is not None:
        body["period"] = period
    body["offset"] = offset
    body["command"] = f"(function (params) {{ {command} }} )(params);"
    body["database"] = database
    return body


def post(path: str, body: Any = None, raw: str | None = None) -> Step:
    return Step("POST", path, body, raw)


def put(path: str, body: Any = None, raw: str | None = None) -> Step:
    return Step("PUT", path, body, raw)


def get(path: str, auth: tuple[str, str] | None = None) -> Step:
    return Step("GET", path, auth=auth)


def delete(path: str, auth: tuple[str, str] | None = None) -> Step:
    return Step("DELETE", path, auth=auth)


OK_DELETE = Expect(200, {"error": False, "code": 200})
USERS = {"users": {"root": "", "alice": "a", "bob": "b", "reader": User("r", {"*": "ro"}),
                   "outsider": User("o", {"_system": "rw"})}}
NOT_FOUND = Expect(404, error=(1852, "task not found"))
CMD = {"command": "1"}
LATER = 86400  # an offset far enough out that the task does not run during the case

CASES: list[Case] = [
    # §1 routes
    Case("§1 list on a fresh server is a bare empty array", (get("/_api/tasks"),), Expect(200, []), fake_only=True),
    Case("§1 list with a trailing slash", (get("/_api/tasks/"),), Expect(200, ANY)),
    Case("§1 get unknown id", (get("/_api/tasks/missing-{uid}"),), NOT_FOUND),
    Case("§1 get with two segments", (get("/_api/tasks/a/b"),),
         Expect(400, error=(601, "superfluous parameter, expecting /_api/tasks[/<id>]"))),
    Case("§1 POST ignores the URL suffix and takes the body id",
         (post("/_api/tasks/ignored", {"id": "t-{uid}", "command": "1", "offset": LATER}),),
         Expect(200, task("t-{uid}", "user-defined task", "timed", LATER, "1"))),
    Case("§1 POST with several suffixes creates with a generated id",
         (post("/_api/tasks/a/b/c", {"command": "1", "offset": LATER}),),
         Expect(200, task(ANY_ID, "user-defined task", "timed", LATER, "1"))),
    Case("§1 PUT takes the URL id, not the body id",
         (put("/_api/tasks/url-{uid}", {"id": "body", "command": "1", "offset": LATER}),),
         Expect(200, task("url-{uid}", "user-defined task", "timed", LATER, "1"))),
    Case("§3.3 PUT without id", (put("/_api/tasks", CMD),), Expect(400, error=(10, "expected PUT /_api/tasks/<task-id>"))),
    Case("§3.3 PUT with two segments", (put("/_api/tasks/a/b", CMD),),
         Expect(400, error=(10, "expected PUT /_api/tasks/<task-id>"))),
    Case("§1 DELETE answers error:false, code:200 in that order",
         (put("/_api/tasks/d-{uid}", {"command": "1", "offset": LATER}), delete("/_api/tasks/d-{uid}")), OK_DELETE),
    Case("§1 DELETE unknown id", (delete("/_api/tasks/missing-{uid}"),), NOT_FOUND),
    Case("§1 DELETE without id", (delete("/_api/tasks"),),
         Expect(400, error=(601, "bad parameter, expecting /_api/tasks/<id>"))),
    Case("§1 DELETE with two segments", (delete("/_api/tasks/a/b"),),
         Expect(400, error=(601, "bad parameter, expecting /_api/tasks/<id>"))),
    Case("§1 PATCH is not supported", (Step("PATCH", "/_api/tasks"),), Expect(405, error=(405, "method not supported"))),
    Case("§1 HEAD is not supported and has no body", (Step("HEAD", "/_api/tasks"),), Expect(405, empty_body=True)),
    Case("§1 /_db/_system prefix", (get("/_db/_system/_api/tasks/missing-{uid}"),), NOT_FOUND),
    Case("§1 unknown database", (get("/_db/nope-{uid}/_api/tasks"),),
         Expect(404, connection_error=(1228, "database not found"))),
    Case("§1 unknown database on create", (post("/_db/nope-{uid}/_api/tasks", CMD),),
         Expect(404, connection_error=(1228, "database not found"))),
    Case("§1 percent-encoded id a%2Fb is one id",
         (put("/_api/tasks/a%2Fb-{uid}", {"command": "1", "offset": LATER}), get("/_api/tasks/a%2Fb-{uid}")),
         Expect(200, task("a/b-{uid}", "user-defined task", "timed", LATER, "1"))),
    Case("§1 trailing and doubled slashes are ignored",
         (put("/_api/tasks/s-{uid}", {"command": "1", "offset": LATER}), get("//_api//tasks/s-{uid}/")),
         Expect(200, task("s-{uid}", "user-defined task", "timed", LATER, "1"))),
    Case("§1 the table is global: a task of another database is found from _system",
         (put("/_db/{db}/_api/tasks/g-{uid}", {"command": "1", "offset": LATER}), get("/_api/tasks/g-{uid}")),
         Expect(200, task("g-{uid}", "user-defined task", "timed", LATER, "1", database="{db}")), database=True),
    Case("§1 a duplicate id in another database is still a duplicate",
         (put("/_db/{db}/_api/tasks/g-{uid}", {"command": "1", "offset": LATER}),
          put("/_api/tasks/g-{uid}", {"command": "1", "offset": LATER})),
         Expect(409, error=(1851, "duplicate task id")), database=True),
    # §2 the task object
    Case("§2 periodic task object: keys, order, integral numbers, params not returned",
         (post("/_api/tasks", {"id": "p-{uid}", "name": "n", "command": "1", "period": 2, "offset": LATER,
                                "params": {"a": 1}}),),
         Expect(200, task("p-{uid}", "n", "periodic", LATER, "1", period=2))),
    Case("§2 GET returns the same object, offset raised to 0.000001",
         (post("/_api/tasks", {"id": "q-{uid}", "name": "n", "command": "1", "period": 5}), get("/_api/tasks/q-{uid}")),
         Expect(200, task("q-{uid}", "n", "periodic", 0.000001, "1", period=5))),
    # §3 create checks, in order
    Case("§3.1 invalid JSON", (post("/_api/tasks", raw="{x"),),
         Expect(400, message_prefix="VPackError error: ", error=(600, ""))),
    Case("§3.5 period 0", (post("/_api/tasks", {"command": "1", "period": 0}),),
         Expect(400, error=(10, "task period must be specified and positive"))),
    Case("§3.5 negative period before a missing command", (post("/_api/tasks", {"period": -1}),),
         Expect(400, error=(10, "task period must be specified and positive"))),
    Case("§3.6 array body", (post("/_api/tasks", raw="[]"),), Expect(500, error=(4, "VPack error: Expecting Object"))),
    Case("§3.6 string body", (post("/_api/tasks", raw='"x"'),), Expect(500, error=(4, "VPack error: Expecting Object"))),
    Case("§3.6 number body", (post("/_api/tasks", raw="1"),), Expect(500, error=(4, "VPack error: Expecting Object"))),
    Case("§3.6 null body", (post("/_api/tasks", raw="null"),), Expect(500, error=(4, "VPack error: Expecting Object"))),
    Case("§3.6 empty body", (post("/_api/tasks", raw=""),), Expect(500, error=(4, "VPack error: Expecting Object"))),
    Case("§3.7 runAsUser another user, before the command check", (post("/_api/tasks", {"runAsUser": "bob"}),),
         Expect(403, error=(11, "cannot run task as a different user")), fake_only=True),
    Case("§3.8 missing command", (post("/_api/tasks", {"name": "x"}),), Expect(400, error=(10, "command must be specified"))),
    Case("§3.8 numeric command", (post("/_api/tasks", {"command": 1}),), Expect(400, error=(10, "command must be specified"))),
    Case("§3.8 object command", (post("/_api/tasks", {"command": {}}),), Expect(400, error=(10, "command must be specified"))),
    Case("§3.9 command that does not compile", (post("/_api/tasks", {"command": "for (i"}),),
         Expect(400, error=(10, "cannot compile command"))),
    Case("§3.9 a top-level return compiles", (post("/_api/tasks", {"command": "return 1", "offset": LATER}),),
         Expect(200, task(ANY_ID, "user-defined task", "timed", LATER, "return 1"))),
    Case("§3.10 empty id", (post("/_api/tasks", {"id": "", "command": "1"}),), Expect(400, error=(1850, "invalid task id"))),
    Case("§3.11 duplicate id",
         (put("/_api/tasks/dup-{uid}", {"command": "1", "offset": LATER}), put("/_api/tasks/dup-{uid}", {"command": "1"})),
         Expect(409, error=(1851, "duplicate task id"))),
    Case("§3 a duplicate id with a broken command is 400, not 409",
         (put("/_api/tasks/dup-{uid}", {"command": "1", "offset": LATER}), put("/_api/tasks/dup-{uid}", {"command": "for (i"})),
         Expect(400, error=(10, "cannot compile command"))),
    Case("§3 numeric id is ignored: generated id", (post("/_api/tasks", {"id": 123, "command": "1", "offset": LATER}),),
         Expect(200, task(ANY_ID, "user-defined task", "timed", LATER, "1"))),
    Case("§3 non-string name: default name", (post("/_api/tasks", {"name": 5, "command": "1", "offset": LATER}),),
         Expect(200, task(ANY_ID, "user-defined task", "timed", LATER, "1"))),
    Case("§3 string period: a timed task", (post("/_api/tasks", {"command": "1", "period": "10", "offset": LATER}),),
         Expect(200, task(ANY_ID, "user-defined task", "timed", LATER, "1"))),
    Case("§3 non-number offset: 0", (post("/_api/tasks", {"command": "1", "offset": "x", "period": 60}),),
         Expect(200, task(ANY_ID, "user-defined task", "periodic", 0, "1", period=60))),
    Case("§3 negative offset accepted as given", (post("/_api/tasks", {"command": "1", "offset": -5, "period": 60}),),
         Expect(200, task(ANY_ID, "user-defined task", "periodic", -5, "1", period=60))),
    Case("§3 unknown keys ignored", (post("/_api/tasks", {"command": "1", "isSystem": True, "x": 1, "offset": LATER}),),
         Expect(200, task(ANY_ID, "user-defined task", "timed", LATER, "1"))),
    # §4 running
    Case("§4 the command is wrapped even when it is itself a function call",
         (post("/_api/tasks", {"command": "(function(params){ })(params)", "offset": LATER}),),
         Expect(200, task(ANY_ID, "user-defined task", "timed", LATER, "(function(params){ })(params)"))),
    Case("§4 offset and period are truncated to milliseconds",
         (post("/_api/tasks", {"command": "1", "offset": 4.3456, "period": 1.23456}),),
         Expect(200, task(ANY_ID, "user-defined task", "periodic", 4.345, "1", period=1.234))),
    Case("§4 a period below a millisecond is stored as 0",
         (post("/_api/tasks", {"command": "1", "offset": 0.0004, "period": 0.0004}),),
         Expect(200, task(ANY_ID, "user-defined task", "periodic", 0, "1", period=0))),
    Case("§4 a timed task is gone after its run",
         (put("/_api/tasks/once-{uid}", {"command": "1", "offset": 5}), post("/_fake/clock/advance", {"seconds": 5}),
          get("/_api/tasks/once-{uid}")), NOT_FOUND, fake_only=True),
    Case("§4 an error thrown by a periodic command does not remove it",
         (put("/_api/tasks/boom-{uid}", {"command": "throw new Error('x')", "period": 1}),
          post("/_fake/clock/advance", {"seconds": 3}), get("/_api/tasks/boom-{uid}")),
         Expect(200, task("boom-{uid}", "user-defined task", "periodic", 0.000001, "throw new Error('x')", period=1)),
         fake_only=True),
    Case("§4 dropping a database removes its tasks",
         (put("/_db/{db}/_api/tasks/dropped-{uid}", {"command": "1", "offset": LATER}),
          delete("/_api/database/{db}"), get("/_api/tasks/dropped-{uid}")), NOT_FOUND, database=True),
    # §5 around the Tasks API
    Case("§5 version", (get("/_api/version"),), Expect(200, {"server": "arango", "license": ANY, "version": ANY})),
    Case("§5 collection ping", (get("/_db/_system/_api/collection"),),
         Expect(200, {"error": False, "code": 200, "result": ANY})),
    Case("§5 create database answers 201",
         (post("/_api/database", {"name": "created-{uid}"}),), Expect(201, {"error": False, "code": 201, "result": True}),
         fake_only=True),
    Case("§5 current database", (get("/_api/database/current"),),
         Expect(200, {"error": False, "code": 200, "result": {"id": "1", "name": "_system", "isSystem": True,
                                                              "path": "none"}})),
    Case("§5 availability", (get("/_admin/server/availability"),),
         Expect(200, {"error": False, "code": 200, "mode": "default"})),
    # authentication (fake only: the server needs these users)
    Case("§1 with authentication a user sees only its own tasks",
         (Step("PUT", "/_api/tasks/mine-{uid}", {"command": "1", "offset": LATER}, auth=("alice", "a")),
          get("/_api/tasks/mine-{uid}", auth=("bob", "b"))), NOT_FOUND, fake_only=True, options=USERS),
    Case("§1 with authentication another user's task is absent from the list",
         (Step("PUT", "/_api/tasks/mine-{uid}", {"command": "1", "offset": LATER}, auth=("alice", "a")),
          get("/_api/tasks", auth=("bob", "b"))), Expect(200, []), fake_only=True, options=USERS),
    Case("§1 with authentication another user's id is still a duplicate",
         (Step("PUT", "/_api/tasks/mine-{uid}", {"command": "1", "offset": LATER}, auth=("alice", "a")),
          Step("PUT", "/_api/tasks/mine-{uid}", {"command": "1"}, auth=("bob", "b"))),
         Expect(409, error=(1851, "duplicate task id")), fake_only=True, options=USERS),
    Case("§3.4 a read-only user cannot create a task",
         (Step("POST", "/_api/tasks", CMD, auth=("reader", "r")),),
         Expect(403, error=(11, "registering a task needs db RW permissions")), fake_only=True, options=USERS),
    Case("§3.4 a read-only user cannot delete a task",
         (Step("DELETE", "/_api/tasks/any", auth=("reader", "r")),),
         Expect(403, error=(11, "unregister task needs db RW permissions")), fake_only=True, options=USERS),
    Case("§3.4 the permission check comes after the PUT form check",
         (Step("PUT", "/_api/tasks", CMD, auth=("reader", "r")),),
         Expect(400, error=(10, "expected PUT /_api/tasks/<task-id>")), fake_only=True, options=USERS),
    Case("§3.7 runAsUser naming the caller is allowed",
         (Step("POST", "/_api/tasks", {"command": "1", "runAsUser": "alice", "offset": LATER}, auth=("alice", "a")),),
         Expect(200, task(ANY_ID, "user-defined task", "timed", LATER, "1")), fake_only=True, options=USERS),
    Case("§5 bad credentials", (get("/_api/tasks", auth=("alice", "wrong")),),
         Expect(401, connection_error=(11, "not authorized to execute this request")), fake_only=True, options=USERS),
    Case("§5 no credentials", (get("/_api/version"),),
         Expect(401, connection_error=(11, "not authorized to execute this request")), fake_only=True, options=USERS),
    Case("§5 no access to an unknown database is 401, not 404", (get("/_db/nope/_api/tasks"),),
         Expect(401, connection_error=(11, "not authorized to execute this request")), fake_only=True, options=USERS),
    Case("§5 a user without access to the database", (get("/_db/{db}/_api/tasks", auth=("outsider", "o")),),
         Expect(401, connection_error=(11, "not authorized to execute this request")), fake_only=True,
         options=USERS, database=True),
    Case("§5 a database created with users: the new user may create tasks in it",
         (Step("POST", "/_api/database", {"name": "made{uid}", "users": [{"username": "carol{uid}", "passwd": "c"}]},
               auth=("root", "")),
          Step("PUT", "/_db/made{uid}/_api/tasks/c-{uid}", {"command": "1", "offset": LATER}, auth=("carol{uid}", "c"))),
         Expect(200, task("c-{uid}", "user-defined task", "timed", LATER, "1", database="made{uid}")),
         fake_only=True, options=USERS),
    Case("§5 ... and only in it", (
        Step("POST", "/_api/database", {"name": "made{uid}", "users": [{"username": "carol{uid}", "passwd": "c"}]},
             auth=("root", "")),
        get("/_api/tasks", auth=("carol{uid}", "c"))),
         Expect(401, connection_error=(11, "not authorized to execute this request")), fake_only=True, options=USERS),
    Case("§5 login", (post("/_open/auth", {"username": "alice", "password": "a"}),), Expect(200, {"jwt": ANY}),
         fake_only=True, options=USERS),
    Case("§5 login with a wrong password", (post("/_open/auth", {"username": "alice", "password": "x"}),),
         Expect(401, error=(401, "Wrong credentials")), fake_only=True, options=USERS),
    Case("§5 login without a password", (post("/_open/auth", {"username": "alice"}),),
         Expect(400, error=(400, "invalid JSON")), fake_only=True, options=USERS),
    # §6 switches (fake only: they need a server started with these options)
    Case("§3.2 JavaScript tasks disabled: create refused", (post("/_api/tasks", CMD),),
         Expect(403, error=(11, "JavaScript tasks are disabled")), fake_only=True, options={"javascript_tasks": False}),
    Case("§6 JavaScript tasks disabled: listing works", (get("/_api/tasks"),), Expect(200, []), fake_only=True,
         options={"javascript_tasks": False}),
    Case("§6 JavaScript tasks disabled: deleting works (and answers 1852 for an unknown id)",
         (delete("/_api/tasks/missing"),), NOT_FOUND, fake_only=True, options={"javascript_tasks": False}),
    Case("§6 JavaScript tasks disabled: the body is still parsed first", (post("/_api/tasks", raw="{x"),),
         Expect(400, message_prefix="VPackError error: ", error=(600, "")), fake_only=True,
         options={"javascript_tasks": False}),
    Case("§3.2 JavaScript tasks disabled: the switch wins over a broken body", (post("/_api/tasks", raw="[]"),),
         Expect(403, error=(11, "JavaScript tasks are disabled")), fake_only=True, options={"javascript_tasks": False}),
    Case("§6 version 4.0 has no Tasks API", (get("/_api/tasks"),),
         Expect(404, body={"error": True, "code": 404, "errorNum": 404, "errorMessage": "unknown path '/_api/tasks'"}),
         fake_only=True, options={"version": "4.0.0"}),
]
