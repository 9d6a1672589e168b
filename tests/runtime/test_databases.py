"""Databases from task commands (arangod/V8Server/v8-vocbase.cpp JS_UseDatabase, JS_CreateDatabase,
JS_DropDatabase, JS_Databases, JS_NameDatabase, JS_IdDatabase, JS_IsSystemDatabase;
arangod/VocBase/Methods/Tasks.cpp Task::work: a task may switch databases only with
--server.allow-use-database, which is false by default)."""

from __future__ import annotations

import pytest

from fake_arango_tasks import FakeArangoTasks, User
from tests.conftest import Http
from tests.conftest import create_task as _task
from tests.conftest import one_run as _one_run
from tests.conftest import printed as _printed


def test_the_databases_own_methods(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/database", {"name": "shop"})
    info = http.get("/_db/shop/_api/database/current").json()["result"]
    run = _one_run(arango_tasks, Http(arango_tasks.url + "/_db/shop"), """
        const db = require('@arangodb').db;
        print(db._name(), db._id(), db._isSystem(), db._path(), JSON.stringify(db._properties()));
        for (const attempt of [() => db._databases(), () => db._createDatabase('x'), () => db._dropDatabase('x')]) {
          try { attempt(); } catch (e) { print(e.errorNum, e.errorMessage); }
        }
        print(JSON.stringify(db._databases('')));
    """)
    assert _printed(run) == [
        f'shop {info["id"]} false none {{"id":"{info["id"]}","name":"shop","isSystem":false,"path":"none"}}',
        "1230 operation only allowed in system database",
        "1230 operation only allowed in system database",
        "1230 operation only allowed in system database",
        '["_system","shop"]',
    ]


def test_create_list_and_drop_databases_from_system(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        print(db._createDatabase('shop', {}, [{username: 'clerk', passwd: 'pw'}]), JSON.stringify(db._databases()));
        for (const attempt of [() => db._createDatabase('shop'), () => db._createDatabase('1bad'),
                               () => db._dropDatabase('_system'), () => db._dropDatabase('nope'),
                               () => db._createDatabase()]) {
          try { attempt(); } catch (e) { print(e.errorNum, e.errorMessage); }
        }
        print(db._dropDatabase('shop'), JSON.stringify(db._databases()));
    """)
    assert _printed(run) == [
        'true ["_system","shop"]',
        "1207 duplicate database name 'shop'",
        "1229 database name invalid",
        "11 forbidden",
        "1228 database not found",
        "10 usage: db._createDatabase(<name>, <options>, <users>)",
        'true ["_system"]',
    ]


def test_use_database_is_forbidden_to_tasks_by_default(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/database", {"name": "shop"})
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        try { db._useDatabase('shop'); } catch (e) { print(e.errorNum, e.errorMessage); }
        print(db._name());
    """)
    assert _printed(run) == ["11 forbidden", "_system"]


@pytest.mark.arango_tasks(allow_use_database=True)
def test_use_database_switches_for_the_rest_of_the_run(arango_tasks: FakeArangoTasks) -> None:
    http = Http(arango_tasks.url)
    http.post("/_api/database", {"name": "shop"})
    _task(http, """
        const db = require('@arangodb').db;
        print(db._name());
        const same = db._useDatabase('shop');
        print(db._name(), same === db, db._collection('orders') === null);
        db._create('orders').save({n: 1});
        try { db._useDatabase('nope'); } catch (e) { print(e.errorNum, e.errorMessage); }
        print(db._name());
    """, period=1)
    runs = arango_tasks.advance(1)
    assert _printed(runs[0]) == ["_system", "shop true true", "1228 database not found", "shop"]
    assert http.get("/_db/shop/_api/collection/orders/count").json()["count"] == 1
    assert http.get("/_api/collection/orders").status_code == 404
    second = arango_tasks.advance(1)[0]  # the next run starts in its task's database again
    assert second.error is not None and second.error.error_num == 1207  # (orders exists in shop)
    assert second.output == (("print", "_system"), ("print", "shop true false"))


@pytest.mark.arango_tasks(users={"root": "pw", "clerk": User("pw", {"_system": "ro", "shop": "rw"})},
                          allow_use_database=True)
def test_database_permissions_follow_the_tasks_user(arango_tasks: FakeArangoTasks) -> None:
    root = Http(arango_tasks.url)
    root.session.auth = ("root", "pw")
    assert root.post("/_api/database", {"name": "shop"}).status_code == 201
    assert root.post("/_api/database", {"name": "hidden"}).status_code == 201
    clerk = Http(arango_tasks.url + "/_db/shop")
    clerk.session.auth = ("clerk", "pw")
    run = _one_run(arango_tasks, clerk, """
        const db = require('@arangodb').db;
        for (const attempt of [() => db._useDatabase('hidden'), () => db._useDatabase('_system')]) {
          try { print(attempt()._name()); } catch (e) { print(e.errorNum, e.errorMessage); }
        }
        print(JSON.stringify(db._databases()));
        for (const attempt of [() => db._createDatabase('mine'), () => db._dropDatabase('shop')]) {
          try { attempt(); } catch (e) { print(e.errorNum, e.errorMessage); }
        }
    """)
    assert _printed(run) == ["11 forbidden", "_system", '["_system","shop"]', "11 forbidden", "11 forbidden"]
