"""collection.edges / inEdges / outEdges and removeByKeys in task commands, as ArangoDB 3.12 has them.

Sources (arangodb/arangodb): ``arangod/V8Server/v8-query.cpp`` (``EdgesQuery``: the AQL
``FOR doc IN @@collection FILTER doc._from == @value || doc._to == @value RETURN doc``, ``IN`` for an
array; 1218 on a document collection before the argument is looked at; ``addOne``: a string is the
vertex id, an object its ``_id`` or ``""``, anything else 10 ``invalid value type. expecting string
or object value``; ``JS_RemoveByKeys``: ``FOR key IN @keys REMOVE key IN @@collection OPTIONS {
ignoreErrors: true }``, answered ``{removed: writesExecuted, ignored: writesIgnored}``, usage
``removeByKeys(<keys>)`` unless one array), ``js/server/modules/@arangodb/arango-collection.js``
(``edges(vertex)`` is ``this.EDGES(vertex)``: exactly one argument reaches EdgesQuery), and the
expectations of ``tests/js/common/shell/shell-edge.js`` (``CollectionEdgeSuite``) and
``tests/js/common/shell/shell-simple-query.js`` (``SimpleQueryRemoveByKeysSuite``).
"""

from __future__ import annotations

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task

SETUP = """
    const db = require('@arangodb').db;
    const v = db._create('v'), e = db._createEdgeCollection('e');
    const [a, b, c, d, ee, f] = ['a', 'b', 'c', 'd', 'e', 'f'].map(k => v.save({_key: k}));
    const keys = (list) => list.map(x => x._key).sort().join(',');
    const link = (x, y, key) => e.save({_from: x._id, _to: y._id, _key: key});
"""


def _printed(fake: FakeArangoTasks, http: Http, command: str) -> list[str]:
    _task(http, SETUP + command)
    runs = fake.advance(1)
    assert len(runs) == 1 and runs[0].error is None, runs[0].error
    return [message for _, message in runs[0].output]


def test_the_small_graph_of_shell_edge_js_counts_self_loops_once(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # CollectionEdgeSuite.testEdgesGraph: a->a is one of a's 4 edges, e->e one of e's 2
    printed = _printed(arango_tasks, http, """
        for (const [x, y, what] of [[a, a, 'aa'], [a, b, 'ab'], [a, c, 'ac'], [d, a, 'da'], [c, d, 'cd'],
                                    [d, f, 'df'], [f, ee, 'fe'], [ee, ee, 'ee']]) link(x, y, what);
        for (const m of ['outEdges', 'inEdges', 'edges']) print(m, [a, b, c, d, ee, f].map(x => e[m](x).length).join(' '));
        print(keys(e.edges(a)), keys(e.inEdges(a)), keys(e.outEdges(a)));
    """)
    assert printed == ["outEdges 3 0 1 2 1 1", "inEdges 2 1 1 1 2 1", "edges 4 1 2 3 2 2", "aa,ab,ac,da aa,da aa,ab,ac"]


def test_a_vertex_is_an_id_string_a_document_or_an_array_of_those(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # addOne: strings (and String objects) as they are, objects by _id ("" without one); an array
    # is an IN list, so an edge comes once however many of its vertices are named (twice, or both ends)
    printed = _printed(arango_tasks, http, """
        link(a, b, 'ab'); link(b, c, 'bc'); link(c, a, 'ca');
        print(keys(e.edges('v/a')), keys(e.edges(a)), keys(e.edges(new String('v/a'))), keys(e.edges({_id: 'v/a'})));
        print(keys(e.edges(['v/a', b])), keys(e.edges([a, a, 'v/a'])), keys(e.inEdges([a, {_id: 'v/b'}])));
        print(JSON.stringify(e.edges({_key: 'a'})), JSON.stringify(e.edges([])), JSON.stringify(e.edges('v/zz')));
        print(keys(e.outEdges([{_id: 'v/c'}, {}])), keys(e.edges(Object.create({_id: 'v/c'}))));
        const one = e.edges('v/a')[0];
        print(JSON.stringify(Object.keys(one)), one._from, one._to);
    """)
    assert printed == ["ab,ca ab,ca ab,ca ab,ca", "ab,bc,ca ab,ca ab,ca", "[] [] []", "ca bc,ca",
                       '["_key","_id","_from","_to","_rev"] v/a v/b']


def test_a_document_collection_is_1218_and_a_bad_vertex_10(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # CollectionEdgeSuite.testEdgesCollectionTypeInvalid (v.edges('the fox') is 1218); the type is
    # checked before the argument (EdgesQuery), and arango-collection.js passes one argument only
    printed = _printed(arango_tasks, http, """
        const tryIt = (f) => { try { print(JSON.stringify(f())); } catch (err) { print(err.name, err.errorNum, err.errorMessage); } };
        tryIt(() => v.edges('the fox'));
        tryIt(() => v.inEdges(5));
        tryIt(() => e.edges(5));
        tryIt(() => e.outEdges());
        tryIt(() => e.inEdges(['v/a', null]));
        tryIt(() => e.edges([, 'v/a']));
        tryIt(() => e.edges('v/a', 'ignored'));
        tryIt(() => e.edges('t/h/e/f/o/x'));
    """)
    assert printed == [
        "ArangoError 1218 collection type invalid",
        "ArangoError 1218 collection type invalid",
        "ArangoError 10 invalid value type. expecting string or object value",
        "ArangoError 10 invalid value type. expecting string or object value",
        "ArangoError 10 invalid value type. expecting string or object value",
        "ArangoError 10 invalid value type. expecting string or object value",
        "[]",
        "[]",  # testReadEdgesInvalid1: a malformed handle is no error, it matches nothing
    ]


def test_remove_by_keys_as_the_remove_by_keys_suite_expects(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # SimpleQueryRemoveByKeysSuite: testRemoveEmptyCollection, testRemoveEmptyArray, testRemoveMixed,
    # testRemoveInvalidKeys, testRemoveDuplicate, testRemoveTwice
    printed = _printed(arango_tasks, http, """
        const r = db._create('r');
        print(JSON.stringify(r.removeByKeys(['foo', 'bar', 'baz'])), JSON.stringify(r.removeByKeys([])));
        for (let i = 0; i < 10; ++i) r.insert({_key: 'test' + i});
        print(JSON.stringify(r.removeByKeys(['test0', 'foobar1', 'test2', 'foobar3'])), r.count());
        print(JSON.stringify(r.removeByKeys([' ', '*  ', ' bfffff/\\\\&, ', '////.,;::'])));
        print(JSON.stringify(r.removeByKeys(['test4', 'test4', 'test5'])), r.count());
        print(JSON.stringify(r.removeByKeys(['test4', 'test6'])), r.exists('test6'), r.exists('test7') !== false);
    """)
    assert printed == ['{"removed":0,"ignored":3} {"removed":0,"ignored":0}', '{"removed":2,"ignored":2} 8',
                       '{"removed":0,"ignored":4}', '{"removed":2,"ignored":1} 6', '{"removed":1,"ignored":1} false true']


def test_remove_by_keys_wants_one_array(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # JS_RemoveByKeys: args.Length() != 1 || !args[0]->IsArray() is TRI_V8_THROW_EXCEPTION_USAGE
    printed = _printed(arango_tasks, http, """
        for (const args of [[], ['v/a'], [['a'], true], [{length: 0}]]) {
          try { v.removeByKeys(...args); print('no error'); } catch (err) { print(err.name, err.errorNum, err.errorMessage); }
        }
        print(JSON.stringify(e.removeByKeys(['x'])));
    """)
    assert printed == ["ArangoError 10 usage: removeByKeys(<keys>)"] * 4 + ['{"removed":0,"ignored":1}']


def test_inside_a_transaction_they_see_and_make_its_writes(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # the edges query and removeByKeys are AQL in the command's transaction (AqlQuery over
    # transaction::V8Context, v8-query.cpp), as byExample is: they see its uncommitted writes, and
    # removeByKeys' removals are undone with it
    printed = _printed(arango_tasks, http, """
        link(a, b, 'ab');
        try {
          db._executeTransaction({collections: {write: ['e']}, action: function () {
            link(a, c, 'ac');
            e.remove('ab');
            print(keys(e.edges(a)), keys(e.outEdges([a])), keys(e.byExample({_from: 'v/a'}).toArray()));
            print(JSON.stringify(e.removeByKeys(['ac', 'ab'])), e.edges(a).length);
            throw new Error('roll back');
          }});
        } catch (err) { print(err.message); }
        print(keys(e.edges(a)));
    """)
    assert printed == ["ac ac ac", '{"removed":1,"ignored":1} 0', "roll back", "ab"]


def test_http_sees_what_remove_by_keys_removed(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # one rule: the collection method and PUT /_api/simple/remove-by-keys run the same query (a
    # "<collection>/<key>" names the key after the slash, REMOVE's transaction::helpers::extractKeyPart)
    printed = _printed(arango_tasks, http, """
        v.save({_key: 'g'});
        print(JSON.stringify(v.removeByKeys(['a', 'v/b', 'g'])));
    """)
    assert printed == ['{"removed":3,"ignored":0}']
    answer = http.put("/_api/simple/remove-by-keys", {"collection": "v", "keys": ["v/b", "c", "a"]})
    assert (answer.status_code, {k: answer.json()[k] for k in ("removed", "ignored")}) == (200, {"removed": 1, "ignored": 2})
    answer = http.put("/_api/simple/all", {"collection": "v"})
    assert sorted(d["_key"] for d in answer.json()["result"]) == ["d", "e", "f"]


def test_remove_by_keys_in_an_undeclared_collection_fails_despite_ignore_errors(arango_tasks: FakeArangoTasks,
                                                                                http: Http) -> None:
    # arangod registers the query's collections with the JS transaction before any row (the
    # transaction::V8Context of AqlQuery), so 1652 fails the query; ignoreErrors only covers the
    # writes. removeByExample (no ignoreErrors) says the same.
    printed = _printed(arango_tasks, http, """
        const tryIt = (f) => { try { print(JSON.stringify(f())); } catch (err) { print(err.errorNum, err.errorMessage); } };
        db._executeTransaction({collections: {write: ['e']}, action: function () {
          tryIt(() => v.removeByKeys(['a']));
          tryIt(() => v.removeByExample({_key: 'b'}));
          tryIt(() => e.removeByKeys(['x']));
        }});
        print(v.count());
    """)
    assert printed == ["1652 AQL: unregistered collection used in transaction (while executing)"] * 2 + [
        '{"removed":0,"ignored":1}', "6"]


def test_the_old_edge_signature_of_insert_and_save(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """InsertVocbaseCol (v8-collection.cpp): on an edge collection, three or four arguments are
    ``insert(<from>, <to>, <data> [, <options>])``; ``_from``/``_to`` are ExtractIdString of the
    first two (a string, or an object's own string ``_id``), empty is 1205; an array or non-object
    data is 1227; five arguments are 10 with the usage. shell-edge.js saves edges this way."""
    printed = _printed(arango_tasks, http, """
        const one = e.save(a, 'v/b', {w: 1});
        const two = e.insert(a._id, b, {w: 2}, {returnNew: true});
        print(JSON.stringify([e.document(one._key)._from, e.document(one._key)._to, e.document(one._key).w]));
        print(JSON.stringify([two.new._from, two.new._to, two.new.w]));
        for (const args of [[a, {}, {}], [a, b, [{}]], [a, b, 'x'], [a, b, {}, {}, {}], [{_id: 1}, b, {}]]) {
          try { e.save(...args); print('saved'); } catch (err) { print(err.errorNum, err.errorMessage); }
        }
        for (const args of [[{_key: 'g'}, {}, {}], []]) {
          try { v.save(...args); print('saved'); } catch (err) { print(err.errorNum, err.errorMessage); }
        }
    """)
    assert printed[:2] == ['["v/a","v/b",1]', '["v/a","v/b",2]']
    assert printed[2:7] == ["1205 illegal document identifier", "1227 invalid document type",
                            "1227 invalid document type",
                            "10 usage: insert(<from>, <to>, <data> [, <options>])", "1205 illegal document identifier"]
    assert printed[7:] == ["10 usage: insert(<data> [, <options>])", "10 usage: insert(<data>, [, <options>])"]
