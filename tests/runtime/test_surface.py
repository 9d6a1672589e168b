"""The public surface of `require('@arangodb').db` and of a collection object against ArangoDB 3.12's
methods (arangod/V8Server/v8-vocbase.cpp TRI_InitV8VocBridge and v8-vocindex.cpp for the database;
v8-collection.cpp TRI_InitV8Collections, js/server/modules/@arangodb/arango-collection.js and
js/common/modules/@arangodb/arango-collection-common.js for collections): every method exists; one
the fake does not emulate throws ArangoError 9 "not supported by fake-arango-tasks: <what>",
never a TypeError. The AQL ones (``_query``, ``byExample``, ...) are emulated (tests/aql)."""

from __future__ import annotations

import json

from fake_arango_tasks import FakeArangoTasks, Run
from tests.conftest import Http
from tests.conftest import create_task as _task

DB_EMULATED = [
    "_collection", "_collections", "_create", "_createDocumentCollection", "_createEdgeCollection", "_drop",
    "_truncate", "_document", "_exists", "_remove", "_replace", "_update", "_index", "_dropIndex",
    "_executeTransaction", "_createDatabase", "_dropDatabase", "_databases", "_useDatabase", "_name", "_id",
    "_isSystem", "_path", "_properties", "_flushCache", "_query", "_createStatement", "_parse", "_version",
]
DB_NOT_EMULATED = [
    "_explain", "_profileQuery", "_createTransaction", "_transactions", "_views", "_view", "_createView", "_dropView", "_engine",
    "_engineStats", "_compact", "_endpoints", "_versionFilename", "_currentWalFiles", "_help",
]
COLLECTION_EMULATED = [
    "name", "type", "status", "save", "insert", "document", "documents", "exists", "update", "replace", "remove",
    "count", "toArray", "all", "truncate", "drop", "properties", "figures", "ensureIndex", "getIndexes", "indexes",
    "index", "dropIndex", "toString", "byExample", "firstExample", "removeByExample", "replaceByExample",
    "updateByExample", "any", "range", "closedRange", "edges", "inEdges", "outEdges", "removeByKeys",
]
COLLECTION_NOT_EMULATED = [
    "rename", "checksum", "compact", "revision", "load", "unload", "shards", "getResponsibleShard", "planId",
    "version", "iterate", "loadIndexesIntoMemory", "info", "computedValues", "_binaryDocument",
]


def _run(fake: FakeArangoTasks, command: str) -> Run:
    _task(Http(fake.url), command)
    runs = fake.advance(1)
    assert len(runs) == 1 and runs[0].error is None, runs[0].error
    return runs[0]


def test_every_db_method_of_3_12_exists_and_unemulated_ones_say_so(arango_tasks: FakeArangoTasks) -> None:
    run = _run(arango_tasks, f"""
        const db = require('@arangodb').db;
        const all = {json.dumps(DB_EMULATED + DB_NOT_EMULATED)};
        print(JSON.stringify(all.filter(name => typeof db[name] !== 'function')));
        print(JSON.stringify(Object.keys(db).filter(name => !all.includes(name))));
        for (const name of {json.dumps(DB_NOT_EMULATED)}) {{
          try {{ db[name](); print(name, 'no error'); }} catch (e) {{ print(name, e.name, e.errorNum, e.errorMessage); }}
        }}
    """)
    printed = [m for _, m in run.output]
    assert printed[:2] == ["[]", "[]"]  # none missing, none extra
    for line, name in zip(printed[2:], DB_NOT_EMULATED):
        assert line.startswith(f"{name} ArangoError 9 not supported by fake-arango-tasks: "), line
    assert printed[2] == "_explain ArangoError 9 not supported by fake-arango-tasks: AQL query plans (db._explain)"
    assert printed[4] == ("_createTransaction ArangoError 9 not supported by fake-arango-tasks: "
                                        "db._createTransaction() (stream transactions from JavaScript)")


def test_every_collection_method_of_3_12_exists_and_unemulated_ones_say_so(arango_tasks: FakeArangoTasks) -> None:
    run = _run(arango_tasks, f"""
        const c = require('@arangodb').db._create('c');
        const all = {json.dumps(COLLECTION_EMULATED + COLLECTION_NOT_EMULATED)};
        print(JSON.stringify(all.filter(name => typeof c[name] !== 'function')));
        print(JSON.stringify(Object.keys(c).filter(name => !all.includes(name))));
        for (const name of {json.dumps(COLLECTION_NOT_EMULATED)}) {{
          try {{ c[name]({{}}); print(name, 'no error'); }} catch (e) {{ print(name, e.name, e.errorNum, e.errorMessage); }}
        }}
    """)
    printed = [m for _, m in run.output]
    assert printed[:2] == ["[]", "[]"]
    for line, name in zip(printed[2:], COLLECTION_NOT_EMULATED):
        assert line.startswith(f"{name} ArangoError 9 not supported by fake-arango-tasks: "), line
    assert printed[2] == "rename ArangoError 9 not supported by fake-arango-tasks: collection.rename()"
    assert printed[-1] == "_binaryDocument ArangoError 9 not supported by fake-arango-tasks: collection._binaryDocument()"
