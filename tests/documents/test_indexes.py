"""Indexes in task commands and over HTTP: definitions, descriptions, ids, unique constraints.

Sources: arangod/Indexes/IndexFactory.cpp (validateFieldsDefinition, enhanceJsonIndex*),
arangod/VocBase/Methods/Indexes.cpp (getAll, ensureIndex: VPackCollection::merge sorts keys),
arangod/RocksDBEngine/RocksDBIndexFactory.cpp (primary id 0, edge ids 1/2 listed as one),
arangod/RestHandler/RestIndexHandler.cpp (envelopes, HTTP 400 for creation errors),
arangod/Indexes/Index.cpp addErrorMsg (the 1210 message), docs 3.11 incompatible changes
(dropIndex throws for an unknown index).
"""

from __future__ import annotations

import json

import pytest
from arango import ArangoClient
from arango.exceptions import DocumentInsertError

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http, one_run, ordered, printed
from tests.conftest import one_run as _one_run
from tests.conftest import printed as _printed


def test_ensure_index_answers_the_sorted_description_then_is_newly_created(arango_tasks: FakeArangoTasks,
                                                                            http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const c = require('@arangodb').db._create('users');
        const made = c.ensureIndex({type: 'persistent', fields: ['email'], unique: true});
        const again = c.ensureIndex({type: 'persistent', fields: ['email'], unique: true});
        print(JSON.stringify(Object.keys(made)));
        print(made.isNewlyCreated, again.isNewlyCreated, made.id === again.id, /^users\\/[0-9]+$/.test(made.id));
        print(/^idx_[0-9]{19}$/.test(made.name), made.type, made.unique, made.sparse, made.selectivityEstimate);
        print(JSON.stringify(c.getIndexes().map(i => [i.id.split('/')[1] === '0' ? '0' : 'n', i.type, i.name === made.name])));
        print(JSON.stringify(c.index(made.id)) === JSON.stringify(c.getIndexes()[1]), c.index(made.name).id === made.id);
    """)
    assert _printed(run) == [
        '["cacheEnabled","deduplicate","estimates","fields","id","name","selectivityEstimate","sparse","type",'
        '"unique","isNewlyCreated"]',
        "true false true true",
        "true persistent true false 1",
        '[["0","primary",false],["n","persistent",true]]',
        "true true",
    ]


def test_the_listing_over_http_has_sorted_keys_identifiers_and_the_edge_index_once(arango_tasks: FakeArangoTasks,
                                                                                    http: Http) -> None:
    assert http.post("/_api/collection", {"name": "links", "type": 3}).status_code == 200
    listed = http.get("/_api/index?collection=links")
    assert listed.status_code == 200
    assert ordered(listed)[:3] == [("error", False), ("code", 200), ("indexes", ordered(listed)[2][1])]
    body = listed.json()
    assert [i["id"] for i in body["indexes"]] == ["links/0", "links/2"]  # the _to edge index's id
    assert body["indexes"][1] == {"fields": ["_from", "_to"], "id": "links/2", "name": "edge",
                                  "selectivityEstimate": 1, "sparse": False, "type": "edge", "unique": False}
    assert list(body["identifiers"]) == ["links/0", "links/2"]
    primary = http.get("/_api/index/links/0")
    assert ordered(primary) == [("fields", ["_key"]), ("id", "links/0"), ("name", "primary"),
                                ("selectivityEstimate", 1), ("sparse", False), ("type", "primary"), ("unique", True),
                                ("error", False), ("code", 200)]


def test_create_over_http_answers_201_then_200_and_drop_answers_the_handle(arango_tasks: FakeArangoTasks,
                                                                          http: Http) -> None:
    http.post("/_api/collection", {"name": "c"})
    spec = {"type": "hash", "fields": ["a", "b"], "sparse": True}
    made = http.post("/_api/index?collection=c", spec)
    assert made.status_code == 201
    assert [k for k, _ in ordered(made)][-3:] == ["unique", "error", "code"]
    assert made.json()["type"] == "hash"  # hash and skiplist report their own names (python-arango's tests)
    assert made.json()["isNewlyCreated"] is True
    again = http.post("/_api/index?collection=c", spec)
    assert (again.status_code, again.json()["isNewlyCreated"], again.json()["code"]) == (200, False, 200)
    handle = made.json()["id"]
    dropped = http.delete(f"/_api/index/{handle}")
    assert ordered(dropped) == [("id", handle), ("error", False), ("code", 200)]
    gone = http.delete(f"/_api/index/{handle}")
    assert (gone.status_code, gone.json()["errorNum"]) == (404, 1212)


def test_a_collection_has_one_ttl_index(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # RocksDBCollection::createIndex ("there can only be one ttl index per collection"); docs 3.12
    # indexing/working-with-indexes/ttl-indexes: "There can at most be one TTL index per collection."
    http.post("/_api/collection", {"name": "sessions"})
    spec = {"type": "ttl", "fields": ["expiresAt"], "expireAfter": 0}
    made = http.post("/_api/index?collection=sessions", spec)
    assert made.status_code == 201
    # RestIndexCreateNewTtlIndex (docs 3.11 generated example): "estimates": false comes first
    assert list(made.json())[:3] == ["estimates", "expireAfter", "fields"] and made.json()["estimates"] is False
    assert http.post("/_api/index?collection=sessions", spec).status_code == 200  # the same one: answered
    other = http.post("/_api/index?collection=sessions", {"type": "ttl", "fields": ["other"], "expireAfter": 60})
    assert (other.status_code, other.json()["errorNum"], other.json()["errorMessage"]) == \
        (400, 10, "there can only be one ttl index per collection")
    run = one_run(arango_tasks, http, """
        try { db.sessions.ensureIndex({type: 'ttl', fields: ['expiresAt'], expireAfter: 5}); }
        catch (e) { print(e.errorNum, e.errorMessage); }""")
    assert printed(run) == ["10 there can only be one ttl index per collection"]
    assert [i["type"] for i in http.get("/_api/index?collection=sessions").json()["indexes"]] == ["primary", "ttl"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"fields": ["a"]}, "invalid index type"),
        ({"type": "nope", "fields": ["a"]}, "invalid index type 'nope'"),
        ({"type": "persistent"}, "invalid number of index attributes"),
        ({"type": "persistent", "fields": [1]}, "index field names must be non-empty strings"),
        ({"type": "persistent", "fields": ["a", "a"]}, "duplicate attribute name in index fields list"),
        ({"type": "persistent", "fields": ["_id"]}, "_id attribute cannot be indexed"),
        ({"type": "ttl", "fields": ["a"]}, "expireAfter attribute must be a number"),
        ({"type": "ttl", "fields": ["a"], "expireAfter": -1}, "expireAfter attribute must greater equal to zero"),
        ({"type": "ttl", "fields": ["a"], "expireAfter": 1, "unique": True}, "a TTL index cannot be unique"),
        ({"type": "ttl", "fields": ["a", "b"], "expireAfter": 1}, "invalid number of index attributes"),
        ({"type": "ttl", "fields": ["a.b"], "expireAfter": 1}, "cannot index a sub-attribute in this type of index"),
        ({"type": "fulltext", "fields": ["a", "b"]}, "invalid number of index attributes"),
    ],
)
def test_bad_definitions_get_arangodbs_messages_with_http_400(arango_tasks: FakeArangoTasks, http: Http,
                                                              spec: dict[str, object], message: str) -> None:
    http.post("/_api/collection", {"name": "c"})
    answer = http.post("/_api/index?collection=c", spec)
    assert (answer.status_code, answer.json()["errorNum"], answer.json()["errorMessage"]) == (400, 10, message)


def test_other_index_types_are_stored_and_listed(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const c = require('@arangodb').db._create('places');
        for (const spec of [{type: 'geo', fields: ['loc'], geoJson: true}, {type: 'fulltext', fields: ['text']},
                            {type: 'inverted', fields: ['title']}, {type: 'ttl', fields: ['at'], expireAfter: 3600}]) {
          const made = c.ensureIndex(spec);
          delete made.id; delete made.name;
          print(JSON.stringify(made));
        }
    """)
    assert [json.loads(line) for line in _printed(run)] == [
        {"bestIndexedLevel": 17, "fields": ["loc"], "geoJson": True, "legacyPolygons": False, "maxNumCoverCells": 8,
         "sparse": True, "type": "geo", "unique": False, "worstIndexedLevel": 4, "isNewlyCreated": True},
        {"fields": ["text"], "minLength": 2, "sparse": True, "type": "fulltext", "unique": False,
         "isNewlyCreated": True},
        {"analyzer": "identity", "fields": ["title"], "sparse": True, "type": "inverted", "unique": False,
         "isNewlyCreated": True},
        {"estimates": False, "expireAfter": 3600, "fields": ["at"], "sparse": True, "type": "ttl", "unique": False,
         "isNewlyCreated": True},
    ]


def test_unique_constraints_hold_for_js_http_and_client_writes(arango_tasks: FakeArangoTasks, http: Http) -> None:
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    users = db.create_collection("users")
    index = users.add_index({"type": "persistent", "fields": ["email"], "unique": True, "name": "byEmail"})
    users.insert({"_key": "ann", "email": "ann@example.com"})
    with pytest.raises(DocumentInsertError) as duplicate:
        users.insert({"email": "ann@example.com"})
    assert (duplicate.value.http_code, duplicate.value.error_code) == (409, 1210)
    assert duplicate.value.error_message == ("unique constraint violated - in index byEmail of type persistent "
                                             "over 'email'; conflicting key: ann")
    run = _one_run(arango_tasks, http, """
        const users = require('@arangodb').db.users;
        try { users.save({email: 'ann@example.com'}); } catch (e) { print(e.errorNum, e.errorMessage); }
        users.update('ann', {email: 'ann@new.example.com'});
        print(users.save({_key: 'bob', email: 'ann@example.com'})._key);
        try { users.update('bob', {email: 'ann@new.example.com'}); } catch (e) { print(e.errorNum); }
        users.remove('ann');
        print(users.save({_key: 'cid', email: 'ann@new.example.com'})._key);
        print(JSON.stringify(users.save([{email: 'x'}, {email: 'x'}]).map(r => r.errorNum || 'ok')));
    """)
    assert _printed(run) == [
        "1210 unique constraint violated - in index byEmail of type persistent over 'email'; conflicting key: ann",
        "bob", "1210", "cid", '["ok",1210]',
    ]
    assert index["name"] == "byEmail"


def test_sparse_unique_indexes_skip_nulls_and_non_sparse_ones_count_them(arango_tasks: FakeArangoTasks,
                                                                         http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        const sparse = db._create('s'), dense = db._create('d');
        sparse.ensureIndex({type: 'persistent', fields: ['x'], unique: true, sparse: true});
        dense.ensureIndex({type: 'persistent', fields: ['x'], unique: true});
        sparse.save({}); sparse.save({x: null}); print(sparse.count());
        dense.save({});
        try { dense.save({x: null}); } catch (e) { print(e.errorNum); }
        dense.ensureIndex({type: 'persistent', fields: ['tags[*]'], unique: true, name: 'tags'});
        const first = dense.save({_key: 'first', tags: ['a', 'b'], x: 1});
        try { dense.save({tags: ['b'], x: 2}); } catch (e) { print(e.errorNum, e.errorMessage.split(' - ')[1]); }
    """)
    assert _printed(run) == ["2", "1210", "1210 in index tags of type persistent over 'tags[*]'; conflicting key: first"]


def test_a_unique_index_over_duplicates_is_refused(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/collection", {"name": "c"})
    http.post("/_api/document/c", {"_key": "one", "a": 1})
    http.post("/_api/document/c", {"_key": "two", "a": 1})
    answer = http.post("/_api/index?collection=c", {"type": "persistent", "fields": ["a"], "unique": True, "name": "u"})
    assert (answer.status_code, answer.json()["errorNum"]) == (400, 1210)
    assert answer.json()["errorMessage"] == ("unique constraint violated - in index u of type persistent over 'a'; "
                                             "conflicting key: one")
    assert [i["type"] for i in http.get("/_api/index?collection=c").json()["indexes"]] == ["primary"]


def test_drop_index_and_db_index_functions(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        const c = db._create('c');
        const made = c.ensureIndex({type: 'persistent', fields: ['a']});
        print(db._index(made.id).name === made.name, c.dropIndex(made));
        for (const attempt of [() => c.dropIndex(made.id), () => c.dropIndex('c/0'), () => c.index('other/1'),
                               () => db._dropIndex('nonsense')]) {
          try { attempt(); print('no error'); } catch (e) { print(e.errorNum); }
        }
        print(c.getIndexes().length);
    """)
    assert _printed(run) == ["true true", "1212", "1212", "1214", "1214", "1"]


def test_aql_writes_meet_the_same_unique_constraints(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """AQL reaches documents through the Storage protocol (_aql/_storage.py): the same store."""
    from fake_arango_tasks._aql._storage import WriteOptions

    http.post("/_api/collection", {"name": "c"})
    http.post("/_api/index?collection=c", {"type": "persistent", "fields": ["a"], "unique": True, "name": "u"})
    http.post("/_api/document/c", {"_key": "one", "a": 1})
    storage = arango_tasks._documents.storage("_system")
    with pytest.raises(Exception) as violated:
        with storage.transaction():
            storage.collection("c").insert({"_key": "two", "b": 2}, WriteOptions())
            storage.collection("c").insert({"a": 1}, WriteOptions())
    assert (violated.value.error_num, violated.value.message) == (  # type: ignore[attr-defined]
        1210, "unique constraint violated - in index u of type persistent over 'a'; conflicting key: one")
    assert http.get("/_api/collection/c/count").json()["count"] == 1  # the query's first write was undone
