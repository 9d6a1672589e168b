"""Documents and collections, shared by task commands, the HTTP API and clients."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from arango import ArangoClient
from arango.exceptions import DocumentRevisionError

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks._app import _encode
from tests.conftest import Http
from tests.conftest import create_task as _task
from tests.conftest import one_run as _one_run
from tests.conftest import printed as _printed


def test_documents_written_by_a_task_are_read_back_with_python_arango(arango_tasks: FakeArangoTasks,
                                                                      http: Http) -> None:
    _task(http, """
        const db = require('@arangodb').db;
        if (db._collection('events') === null) db._create('events');
        const meta = db.events.save({kind: 'tick', n: params.n});
        print(meta._key, meta._id === 'events/' + meta._key, /^_[-_A-Za-z0-9]+$/.test(meta._rev));
    """, params={"n": 1}, period=60)
    runs = arango_tasks.advance(180)
    printed = [_printed(r)[0].split() for r in runs]
    assert [p[1:] for p in printed] == [["true", "true"]] * 3
    keys = [p[0] for p in printed]
    assert all(k.isdigit() for k in keys) and sorted(keys, key=int) == keys  # traditional keys: increasing ticks
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    events = db.collection("events")
    assert events.count() == 3
    assert [c["name"] for c in db.collections()] == ["events"]
    assert events.properties()["key_options"]["key_last_value"] == int(keys[-1])
    stored = events.get(keys[0])
    assert stored is not None and list(stored) == ["_key", "_id", "_rev", "kind", "n"]
    assert (stored["_key"], stored["_id"], stored["kind"], stored["n"]) == (keys[0], f"events/{keys[0]}", "tick", 1)
    assert events.has(keys[1]) and not events.has("missing")


def test_a_task_reads_what_the_test_inserted_and_arangodb_errors_surface(arango_tasks: FakeArangoTasks,
                                                                         http: Http) -> None:
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    users = db.create_collection("users")
    users.insert({"_key": "alice", "age": 30})
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        print(db.users.document('alice').age, db.users.exists('bob'), db.users.exists('alice')._key);
        db.users.update('alice', {age: 31, address: {city: 'Köln'}});
        db.users.replace('users/alice', {name: 'Alice'});
        const attempts = [() => db.users.document('bob'), () => db.users.save({_key: 'alice'}),
                          () => db._create('users'), () => db._create('1bad'), () => db._query('FOR x IN nousers RETURN x'),
                          () => db.users.save({_key: 'bad key'})];
        for (const attempt of attempts) { try { attempt() } catch (e) { print(e.errorNum, e.errorMessage) } }
        print(db._collection('nope'), typeof db.nope, db.users.toArray().length, db.users.all().toArray()[0].name);
    """)
    assert _printed(run) == [
        "30 false alice",
        "1202 document not found",
        "1210 unique constraint violated - in index primary of type primary over '_key'; conflicting key: alice",
        "1207 duplicate name",
        "1208 illegal name",
        "1203 AQL: collection or view not found: nousers (while parsing)",
        "1221 illegal document key",
        "null undefined 1 Alice",
    ]
    assert users.get("alice") == {"_key": "alice", "_id": "users/alice", "_rev": users.get("alice")["_rev"],
                                  "name": "Alice"}


def test_dropping_a_database_drops_its_collections(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert http.post("/_api/database", {"name": "shop"}).status_code == 201
    _task(http, "require('@arangodb').db._create('orders').save({})", offset=0)
    http.put("/_db/shop/_api/tasks/t", {"command": "require('@arangodb').db._create('orders').save({})"})
    arango_tasks.advance(1)
    assert http.get("/_db/shop/_api/collection/orders/count").json()["count"] == 1
    assert http.delete("/_api/database/shop").status_code == 200
    assert http.post("/_api/database", {"name": "shop"}).status_code == 201
    assert http.get("/_db/shop/_api/collection").json()["result"] == []
    assert http.get("/_api/collection/orders/count").json()["count"] == 1  # _system's is untouched


def test_documents_survive_a_runaway_that_replaces_the_v8_context() -> None:
    with FakeArangoTasks(run_timeout=0.3) as fake:
        http = Http(fake.url)
        _task(http, "const db = require('@arangodb').db; (db.log || db._create('log')).save({n: params.n})",
              params={"n": 1}, period=1)
        _task(http, "while (true) {}", id="runaway", offset=1.5)
        runs = fake.advance(3)
        assert [r.task_id for r in runs] == ["70001", "70001", "runaway", "70001"]
        assert str(runs[2].error) == "run exceeded the time limit of 0.3 s and was stopped"
        assert all(r.error is None for r in runs if r.task_id != "runaway")
        # every run of the writer wrote exactly once, though V8 state was thrown away and replayed
        assert http.get("/_api/collection/log/count").json()["count"] == 3
        _task(http, "print(require('@arangodb').db.log.count())", offset=0)
        assert fake.advance(0.5)[-1].output == (("print", "4"),)


def test_python_arango_collection_all_reads_what_tasks_wrote(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, "const db = require('@arangodb').db; (db.log || db._create('log')).save({n: params.n})",
          params={"n": 7}, period=1)
    arango_tasks.advance(3)
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    assert [d["n"] for d in db.collection("log").all()] == [7, 7, 7]
    assert len(list(db.collection("log").all(skip=1, limit=1))) == 1
    assert list(db.aql.execute("FOR d IN log FILTER d.n == 7 RETURN d.n")) == [7, 7, 7]  # any AQL (issue 9)


def test_concurrent_document_inserts_get_distinct_keys(arango_tasks: FakeArangoTasks) -> None:
    http = Http(arango_tasks.url)
    http.post("/_api/collection", {"name": "c"})
    statuses: list[int] = []

    def insert_many() -> None:
        client = Http(arango_tasks.url)
        statuses.extend(client.post("/_api/document/c", {"n": i}).status_code for i in range(40))

    threads = [threading.Thread(target=insert_many) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [202] * 160
    assert http.get("/_api/collection/c/count").json()["count"] == 160


def test_revisions_are_checked_as_arangodb_checks_them(arango_tasks: FakeArangoTasks, http: Http) -> None:
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    c = db.create_collection("c")
    first = c.insert({"_key": "k", "v": 1})
    updated = c.update({"_key": "k", "_rev": first["_rev"], "v": 2})
    assert updated["_old_rev"] == first["_rev"]
    with pytest.raises(DocumentRevisionError) as stale:
        c.update({"_key": "k", "_rev": first["_rev"], "v": 3})
    assert (stale.value.error_code, stale.value.http_code) == (1200, 412)
    _task(http, """
        const c = require('@arangodb').db.c, d = c.document('k');
        try { c.update({_key: 'k', _rev: '_stale'}, {v: 9}) } catch (e) { print(e.errorNum) }
        print(c.update('k', {v: 4})._oldRev === d._rev, c.update({_key: 'k', _rev: '_stale'}, {v: 5}, {overwrite: true})._key);
        print(JSON.stringify(c.save({_key: 'k', w: 1}, {overwriteMode: 'update'})._key), c.document('k').v, c.document('k').w);
        print(JSON.stringify(c.save([{_key: 'n'}, {_key: 'n'}]).map(r => r.errorNum || r._key)));
    """, offset=0)
    run = arango_tasks.advance(1)[0]
    assert run.error is None, run.error
    assert [m for _, m in run.output] == ["1200", "true k", '"k" 5 1', '["n",1210]']


def test_a_negative_zero_double_is_stored_and_written_back_as_minus_0(arango_tasks: FakeArangoTasks,
                                                                      http: Http) -> None:
    # velocypack: Parser::parseNumber keeps "-0.0" as the double -0.0 and "-0" as the integer 0;
    # src/fpconv.cpp fpconv_dtoa writes the sign bit before filter_special writes the 0.
    http.post("/_api/collection", {"name": "c"})
    http.post("/_api/document/c", raw='{"_key":"z","double":-0.0,"int":-0,"positive":0.0}')
    text = http.get("/_api/document/c/z").text
    assert text.endswith('"double":-0,"int":0,"positive":0}'), text


def test_a_row_of_negative_zero_is_not_answered_from_the_row_of_zero() -> None:
    """``_encode``'s cache of flat rows, behind every top-level list answer."""
    assert _encode([{"a": 0.0}], False) == b'[{"a":0}]'
    assert _encode([{"a": -0.0}], False) == b'[{"a":-0}]'
    assert _encode([{"a": 0.0}], False) == b'[{"a":0}]'


def test_a_synced_write_answers_201_and_an_unsynced_one_202(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # docs-hugo 3.12 develop/http-api/documents.md: RestDocumentHandlerPostCreate1 (a collection
    # created with waitForSync: 201), RestDocumentHandlerPostWait1 (?waitForSync=true: 201)
    made = http.post("/_api/collection", {"name": "w", "waitForSync": True})
    assert made.json()["waitForSync"] is True
    assert http.get("/_api/collection/w/properties").json()["waitForSync"] is True
    http.post("/_api/collection", {"name": "d"})
    assert http.post("/_api/document/w", {"_key": "a"}).status_code == 201
    assert http.put("/_api/document/w/a", {"x": 1}).status_code == 201
    assert http.post("/_api/document/d", {"_key": "a"}).status_code == 202
    assert http.post("/_api/document/d?waitForSync=true", {"_key": "b"}).status_code == 201
    assert http.delete("/_api/document/d/b?waitForSync=true").status_code == 200  # generateDeleted: OK when synced
    assert http.delete("/_api/document/d/a").status_code == 202
    run = _one_run(arango_tasks, http, "db._create('j', {waitForSync: true}); print(db.j.properties().waitForSync)")
    assert _printed(run) == ["true"]


def test_write_answers_carry_etag_and_location_and_array_errors_are_counted(http: Http) -> None:
    # RestVocbaseBaseHandler::generate20x: one document's answer has the etag and location headers
    # (RestDocumentHandlerPostWait1.generated), an array's the count of each error number
    http.post("/_api/collection", {"name": "c"})
    made = http.post("/_api/document/c", {"_key": "a:b"})
    rev = made.json()["_rev"]
    assert made.headers["Etag"] == f'"{rev}"' and made.headers["Location"] == "/_db/_system/_api/document/c/a%3Ab"
    assert http.get("/_api/document/c/a:b").headers["Etag"] == f'"{rev}"'
    changed = http.put("/_api/document/c/a:b", {"x": 1})
    assert changed.headers["Etag"] == f'"{changed.json()["_rev"]}"'
    many = http.post("/_api/document/c", [{"_key": "a:b"}, {"_key": "x"}, {"_key": "x"}, {"_key": "a b"}])
    assert json.loads(many.headers["X-Arango-Error-Codes"]) == {"1210": 2, "1221": 1} and "Location" not in many.headers
    assert "X-Arango-Error-Codes" not in http.post("/_api/document/c", [{"_key": "y"}]).headers


def test_silent_writes_answer_an_empty_object_or_only_the_errors(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # docs-hugo 3.12 develop/http-api/documents.md, the silent query parameter
    http.post("/_api/collection", {"name": "c"})
    assert http.post("/_api/document/c?silent=true", {"_key": "a"}).json() == {}
    assert http.request("PATCH", "/_api/document/c/a?silent=true", {"x": 1}).json() == {}
    errors = http.post("/_api/document/c?silent=true", [{"_key": "b"}, {"_key": "a"}]).json()
    assert [e["errorNum"] for e in errors] == [1210]
    assert http.post("/_api/document/c?silent=true", [{"_key": "d"}]).json() == {}
    assert http.delete("/_api/document/c/a?silent=true").json() == {}


def test_if_none_match_the_current_revision_is_304_without_a_body(http: Http) -> None:
    # RestDocumentHandlerReadDocumentIfNoneMatch (docs-hugo 3.12 documents.md): 304 when the
    # revision matches, the document otherwise
    http.post("/_api/collection", {"name": "c"})
    rev = http.post("/_api/document/c", {"_key": "a"}).json()["_rev"]
    same = http.get("/_api/document/c/a", headers={"If-None-Match": f'"{rev}"'})
    assert (same.status_code, same.content) == (304, b"")
    again = socket.create_connection(("127.0.0.1", int(http.base.rsplit(":", 1)[1])))  # the bytes on the wire
    again.sendall(f'GET /_api/document/c/a HTTP/1.1\r\nHost: x\r\nIf-None-Match: "{rev}"\r\n\r\n'.encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += again.recv(4096)
    again.close()
    assert head.startswith(b"HTTP/1.1 304 ") and b"Content-Length: 0\r\n" in head and head.endswith(b"\r\n\r\n")
    other = http.get("/_api/document/c/a", headers={"If-None-Match": '"other"'})
    assert other.status_code == 200 and other.json()["_rev"] == rev


def test_a_failed_precondition_answers_the_current_revision(http: Http) -> None:
    # RestDocumentHandlerUpdateDocumentIfMatchOther (docs 3.11 generated example; 3.12's docs: "_id,
    # _key and _rev are returned" with a 412): the envelope, then the document's current identity
    http.post("/_api/collection", {"name": "c"})
    rev = http.post("/_api/document/c", {"_key": "a"}).json()["_rev"]
    for method in ("GET", "PUT", "PATCH", "DELETE"):
        stale = http.request(method, "/_api/document/c/a", None if method in ("GET", "DELETE") else {"x": 1},
                             headers={"If-Match": '"xyz"'})
        assert stale.status_code == 412, method
        assert list(stale.json().items()) == [
            ("error", True), ("code", 412), ("errorNum", 1200), ("errorMessage", "conflict, _rev values do not match"),
            ("_id", "c/a"), ("_key", "a"), ("_rev", rev)], method
        assert stale.headers["Etag"] == f'"{rev}"'
