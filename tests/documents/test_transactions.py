"""Transactions: db._executeTransaction in task commands and stream transactions over HTTP.

Sources: arangod/VocBase/Methods/Transactions.cpp executeTransactionJS (checks, messages, the
string action `return (<action>)(params);`), v8-vocbase.cpp JS_Transaction, ArangoDB's
tests/js/common/shell/shell-transaction.js (invocations, return values, nesting, undeclared
collections 1652, rollback), arangod/RestHandler/RestTransactionHandler.cpp and
arangod/Transaction/Manager.cpp (stream transactions, their errors), docs 3.11 incompatible
changes (lock timeouts: 1200 "Timeout waiting to lock key ...").
"""

from __future__ import annotations

import pytest
from arango import ArangoClient
from arango.exceptions import DocumentInsertError, TransactionCommitError

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task
from tests.conftest import one_run as _one_run
from tests.conftest import printed as _printed


def test_a_transaction_that_throws_leaves_nothing_written(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/collection", {"name": "accounts"})
    http.post("/_api/document/accounts", {"_key": "a", "balance": 10})
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        try {
          db._executeTransaction({
            collections: {write: ['accounts']},
            action: function () {
              db.accounts.update('a', {balance: 0});
              db.accounts.save({_key: 'b', balance: 10});
              db.accounts.remove('a');
              print('inside', db.accounts.count(), db.accounts.exists('a'), db.accounts.toArray().map(d => d._key));
              throw new Error('overdrawn');
            }
          });
        } catch (e) { print(e.name, e.message); }
        print('after', db.accounts.count(), db.accounts.document('a').balance, db.accounts.exists('b'));
    """)
    assert _printed(run) == ['inside 1 false [ "b" ]', "Error overdrawn", "after 1 10 false"]
    assert http.get("/_api/document/accounts/b").status_code == 404


def test_the_action_gets_params_and_its_result_is_returned(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/collection", {"name": "c"})
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        const results = [
          db._executeTransaction({collections: {write: 'c'}, params: {n: 21},
                                  action: function (params) { db.c.save({n: params.n}); return params.n * 2; }}),
          db._executeTransaction({collections: {}, action: 'function (params) { return [params[1], params[4]]; }',
                                  params: [1, 2, 3, 4, 5]}),
          db._executeTransaction({collections: {read: [], write: []}, lockTimeout: 5, waitForSync: true,
                                  action: function () { return {a: 1}; }}),
          db._executeTransaction({collections: {}, action: function () {}}),
          db._executeTransaction({collections: {}, action: function () {
            return 19 + db._executeTransaction({collections: {}, embed: true, action: 'function () { return 23; }'});
          }}),
        ];
        print(JSON.stringify(results.slice(0, 3)), typeof results[3], results[4], db.c.count());
    """)
    assert _printed(run) == ['[42,[2,5],{"a":1}] undefined 42 1']


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ("undefined", "10 usage: TRANSACTION(<object>)"),
        ("'foo'", "10 usage: TRANSACTION(<object>)"),
        ("{action: function () {}}", "10 missing/invalid collections definition for transaction"),
        ("{collections: true, action: function () {}}", "10 missing/invalid collections definition for transaction"),
        ("{collections: {}}", "10 missing/invalid action definition for transaction"),
        ("{collections: {}, action: true}", "10 missing/invalid action definition for transaction"),
        ("{collections: {read: true}, action: function () {}}",
         "10 invalid collection definition for transaction:  There is no array in 'read'"),
        ("{collections: {}, lockTimeout: -1, action: function () {}}", "10 <lockTimeout> needs to be positive"),
        ("{collections: {}, lockTimeout: 'x', action: function () {}}", "10 <lockTimeout> must be a valid numeric value"),
        ("{collections: {}, waitForSync: 0, action: function () {}}", "10 <waitForSync> must be a boolean value"),
        ("{collections: {read: 'nope'}, action: function () {}}", "1203 collection or view not found: nope"),
        ("{collections: {}, action: function () { require('@arangodb').db.c.save({}); }}",
         "1652 unregistered collection used in transaction"),
        ("{collections: {read: 'c'}, action: function () { require('@arangodb').db.c.save({}); }}",
         "1652 unregistered collection used in transaction"),
        ("{collections: {allowImplicit: false}, action: function () { return require('@arangodb').db.c.count(); }}",
         "1652 unregistered collection used in transaction"),
        ("{collections: {}, action: function () { require('@arangodb').db._executeTransaction("
         "{collections: {}, action: function () {}}); }}", "1651 nested transactions detected"),
    ],
)
def test_invalid_transactions_get_arangodbs_errors(arango_tasks: FakeArangoTasks, http: Http, spec: str,
                                                   error: str) -> None:
    http.post("/_api/collection", {"name": "c"})
    run = _one_run(arango_tasks, http, f"""
        try {{ require('@arangodb').db._executeTransaction({spec}); print('no error'); }}
        catch (e) {{ print(e.errorNum, e.errorMessage); }}
        print(require('@arangodb').db.c.count());
    """)
    assert _printed(run) == [error, "0"]


def test_unique_values_a_transaction_frees_can_be_reused_inside_it(arango_tasks: FakeArangoTasks,
                                                                   http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        const users = db._create('users');
        users.ensureIndex({type: 'persistent', fields: ['email'], unique: true});
        users.save({_key: 'ann', email: 'x@example.com'});
        db._executeTransaction({collections: {write: 'users'}, action: function () {
          users.update('ann', {email: 'y@example.com'});
          users.save({_key: 'bob', email: 'x@example.com'});
          try { users.save({email: 'y@example.com'}); } catch (e) { print(e.errorNum); }
        }});
        print(users.document('bob').email, users.document('ann').email);
    """)
    assert _printed(run) == ["1210", "x@example.com y@example.com"]


def test_a_string_action_that_does_not_compile_is_a_bad_parameter(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, """
        try { require('@arangodb').db._executeTransaction({collections: {}, action: 'return 42;'}); }
        catch (e) { print(e.errorNum, e.errorMessage); }
    """)
    assert _printed(run) == ["10 missing/invalid action definition for transaction - Uncaught SyntaxError: "
                             "Unexpected token 'return' - SyntaxError: Unexpected token 'return'"]


def test_a_run_stopped_inside_a_transaction_leaves_nothing_written() -> None:
    with FakeArangoTasks(run_timeout=0.3) as fake:
        http = Http(fake.url)
        http.post("/_api/collection", {"name": "c"})
        _task(http, """
            const db = require('@arangodb').db;
            db._executeTransaction({collections: {write: 'c'}, action: function () {
              db.c.save({_key: 'half'});
              while (true) {}
            }});
        """)
        runs = fake.advance(1)
        assert runs[0].error is not None and "time limit" in str(runs[0].error)
        assert http.get("/_api/collection/c/count").json()["count"] == 0
        # and the key is not left locked
        assert http.post("/_api/document/c", {"_key": "half"}).status_code == 202


def test_stream_transactions_isolate_uncommitted_writes(arango_tasks: FakeArangoTasks, http: Http) -> None:
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    orders = db.create_collection("orders")
    trx = db.begin_transaction(write="orders")
    inside = trx.collection("orders")
    inside.insert({"_key": "o1", "total": 5})
    assert (inside.count(), orders.count(), orders.has("o1"), inside.has("o1")) == (1, 0, False, True)
    run = _one_run(arango_tasks, http, "print(require('@arangodb').db.orders.count())")
    assert _printed(run) == ["0"]  # a task sees only committed writes
    with pytest.raises(DocumentInsertError) as locked:
        orders.insert({"_key": "o1"})
    assert (locked.value.http_code, locked.value.error_code) == (409, 1200)
    assert locked.value.error_message == ("Timeout waiting to lock key - in index primary of type primary over "
                                          "'_key'; conflicting key: o1")
    assert http.get("/_api/transaction").json() == {"transactions": [{"id": trx.transaction_id, "state": "running"}]}
    trx.commit_transaction()
    assert orders.get("o1")["total"] == 5
    assert http.get("/_api/transaction").json() == {"transactions": []}


def test_an_aborted_stream_transaction_writes_nothing(arango_tasks: FakeArangoTasks, http: Http) -> None:
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    db.create_collection("c").insert({"_key": "keep"})
    trx = db.begin_transaction(write=["c"])
    trx.collection("c").delete("keep")
    trx.collection("c").insert({"_key": "new"})
    trx.abort_transaction()
    assert sorted(d["_key"] for d in db.collection("c").all()) == ["keep"]
    with pytest.raises(TransactionCommitError) as late:
        trx.commit_transaction()
    assert (late.value.http_code, late.value.error_code) == (400, 1653)


def test_stream_transaction_answers_and_errors(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/collection", {"name": "c"})
    begun = http.post("/_api/transaction/begin", {"collections": {"write": "c"}})
    assert begun.status_code == 201
    trx_id = begun.json()["result"]["id"]
    assert begun.json() == {"code": 201, "error": False, "result": {"id": trx_id, "status": "running"}}
    assert http.get(f"/_api/transaction/{trx_id}").json()["result"] == {"id": trx_id, "status": "running"}
    header = {"x-arango-trx-id": trx_id}
    assert http.post("/_api/document/c", {"_key": "k"}, headers=header).status_code == 202
    assert http.get("/_api/document/c/k", headers=header).status_code == 200
    assert http.get("/_api/document/c/k").status_code == 404
    committed = http.put(f"/_api/transaction/{trx_id}")
    assert committed.json() == {"code": 200, "error": False, "result": {"id": trx_id, "status": "committed"}}
    assert http.put(f"/_api/transaction/{trx_id}").status_code == 200  # committing is idempotent
    cases = [
        (http.post("/_api/document/c", {}, headers=header), 400, 1653, f"transaction {trx_id} has already been committed"),
        (http.delete(f"/_api/transaction/{trx_id}"), 400, 1653,
         f"while trying to abort transaction {trx_id}: transaction was already committed"),
        (http.get("/_api/document/c/k", headers={"x-arango-trx-id": "123"}), 404, 1655, "transaction 123 not found"),
        (http.get("/_api/document/c/k", headers={"x-arango-trx-id": "abc"}), 400, 10, "invalid transaction ID"),
        (http.put("/_api/transaction/123"), 404, 1655, "transaction 123 not found on commit operation"),
        (http.get("/_api/transaction/123"), 404, 1655, "transaction not found"),
        (http.post("/_api/transaction/begin", {"collections": {"read": "nope"}}), 404, 1203,
         "collection or view not found: nope"),
        (http.post("/_api/transaction/begin", {}), 400, 10, "missing/invalid collections definition for transaction"),
    ]
    for answer, status, num, message in cases:
        assert (answer.status_code, answer.json()["errorNum"], answer.json()["errorMessage"]) == (status, num, message)


def test_an_idle_stream_transaction_expires_on_the_server_clock(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/collection", {"name": "c"})
    trx_id = http.post("/_api/transaction/begin", {"collections": {"write": "c"}}).json()["result"]["id"]
    http.post("/_api/document/c", {"_key": "k"}, headers={"x-arango-trx-id": trx_id})
    arango_tasks.advance(59)
    assert http.get(f"/_api/transaction/{trx_id}").json()["result"]["status"] == "running"
    http.get("/_api/document/c/k", headers={"x-arango-trx-id": trx_id})  # a use restarts the idle timeout
    arango_tasks.advance(59)
    assert http.get(f"/_api/transaction/{trx_id}").json()["result"]["status"] == "running"
    arango_tasks.advance(1.5)
    assert http.get(f"/_api/transaction/{trx_id}").json()["result"]["status"] == "aborted"
    late = http.put(f"/_api/transaction/{trx_id}")
    assert (late.status_code, late.json()["errorMessage"]) == (
        400, f"while trying to commit transaction {trx_id}: transaction was already expired")
    assert http.post("/_api/document/c", {"_key": "k"}).status_code == 202  # its lock is gone


def test_javascript_transactions_over_http_are_not_emulated(arango_tasks: FakeArangoTasks, http: Http) -> None:
    answer = http.post("/_api/transaction", {"collections": {}, "action": "function () { return 1; }"})
    assert (answer.status_code, answer.json()["errorNum"]) == (501, 9)
    assert answer.json()["errorMessage"].startswith("not supported by fake-arango-tasks: JavaScript transactions")


def test_a_query_inside_a_transaction_sees_its_writes_and_is_undone_with_it(arango_tasks: FakeArangoTasks,
                                                                              http: Http) -> None:
    """AQL in an action runs in the action's transaction (``db._query`` inside
    ``db._executeTransaction``: the query sees the action's writes, and its own are rolled back
    when the action throws)."""
    http.post("/_api/collection", {"name": "c"})
    run = _one_run(arango_tasks, http, """
        const db = require('@arangodb').db;
        try {
          db._executeTransaction({
            collections: {write: ['c']},
            action: function () {
              db.c.save({_key: 'a'});
              db._query('INSERT {_key: "b"} INTO c');
              print('inside', db._query('FOR d IN c SORT d._key RETURN d._key').toArray());
              throw new Error('no');
            }
          });
        } catch (e) { print(e.message); }
        print('after', db._query('FOR d IN c RETURN d._key').toArray());
    """)
    assert _printed(run) == ['inside [ "a", "b" ]', "no", "after [ ]"]


def test_a_cursor_with_the_trx_header_runs_in_the_stream_transaction(arango_tasks: FakeArangoTasks) -> None:
    """``POST /_api/cursor`` with ``x-arango-trx-id`` (python-arango's ``begin_transaction().aql``)
    reads and writes inside the transaction; nobody else sees its writes until the commit."""
    db = ArangoClient(hosts=arango_tasks.url).db("_system")
    db.create_collection("c")
    txn = db.begin_transaction(write="c")
    txn.aql.execute("INSERT {_key: 'a'} INTO c")
    assert list(txn.aql.execute("FOR d IN c RETURN d._key")) == ["a"]
    assert list(db.aql.execute("FOR d IN c RETURN d._key")) == []
    txn.commit_transaction()
    assert list(db.aql.execute("FOR d IN c RETURN d._key")) == ["a"]
