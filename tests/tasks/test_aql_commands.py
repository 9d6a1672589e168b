"""AQL in task commands (``db._query``, the ``aql`` tag, ``query``, statements, cursors, the
collections' simple queries), end to end: a task created over HTTP, run on the fake clock, its
effects read back over HTTP. JavaScript API: ``js/common/modules/@arangodb/index.js``,
``arango-database.js``, ``arango-statement.js``, ``simple-query-common.js``."""

from __future__ import annotations

from fake_arango_tasks import FakeArangoTasks, Run
from tests.conftest import Http, create_task
from tests.conftest import printed as _printed


def _run(fake: FakeArangoTasks, http: Http, command: str) -> Run:
    create_task(http, command, offset=1)
    runs = fake.advance(1)
    assert len(runs) == 1
    return runs[0]


def test_a_task_cleans_up_expired_sessions_on_the_fake_clock(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """The issue's own example: a periodic cleanup, expiry times in the fake clock's milliseconds."""
    http.post("/_api/collection", {"name": "sessions"})
    start_ms = int(arango_tasks.now * 1000)
    for minutes in (1, 2, 5, 10):
        http.post("/_api/document/sessions", {"_key": f"s{minutes}", "expiresAt": start_ms + minutes * 60_000})
    create_task(http, """
        const {db, aql} = require('@arangodb');
        const now = Date.now();
        db._query(aql`FOR s IN sessions FILTER s.expiresAt < ${now} REMOVE s IN sessions`);
    """, period=60)
    left = []
    for _ in range(4):
        arango_tasks.advance(150)
        answer = http.post("/_api/cursor", {"query": "FOR s IN sessions SORT s._key RETURN s._key"}).json()
        left.append(answer["result"])
    assert left == [["s10", "s2", "s5"], ["s10", "s5"], ["s10"], ["s10"]]  # expired: expiresAt < now, strictly
    assert all(r.error is None for r in arango_tasks.runs)


def test_query_forms_and_the_cursor_api(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/collection", {"name": "c"})
    for i in range(4):
        http.post("/_api/document/c", {"_key": str(i), "v": i})
    run = _run(arango_tasks, http, """
        const {db, aql, query} = require('@arangodb');
        const c = db._query('FOR d IN c FILTER d.v >= @min SORT d.v RETURN d.v', {min: 1});
        print(c.hasNext(), c.next(), c.count(), JSON.stringify(c.toArray()), Object.keys(c.getExtra()).join());
        const min = 2;
        print(JSON.stringify(db._query(aql`FOR d IN ${db.c} FILTER d.v >= ${min} RETURN d._key`).toArray()));
        print(JSON.stringify(query`RETURN ${aql.literal('1 + 1')}`.toArray()));
        const filters = aql.join([aql`FILTER d.v > ${0}`, aql`FILTER d.v < ${3}`]);
        print(JSON.stringify(db._query(aql`FOR d IN c ${filters} SORT d.v RETURN d.v`).toArray()));
        const st = db._createStatement({query: 'FOR d IN c LIMIT @n RETURN 1', bindVars: {n: 1}});
        st.bind('n', 2);
        print(st.execute().toArray().length);
        const full = db._query('FOR d IN c LIMIT 1 RETURN d', {}, {fullCount: true});
        print(full.getExtra().stats.fullCount);
        const seen = [];
        for (const v of db._query('FOR i IN 1..3 RETURN i')) seen.push(v);
        print(seen.join());
    """)
    # toArray() is the whole result, whatever next() consumed (GeneralArrayCursor)
    assert _printed(run) == ["true 1 3 [1,2,3] warnings,stats", '["2","3"]', "[2]", "[1,2]", "2", "4", "1,2,3"]


def test_a_query_error_is_an_arango_error_in_the_command(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _run(arango_tasks, http, """
        const {db, ArangoError} = require('@arangodb');
        for (const q of ['FOR x IN nope RETURN x', 'RETURN', 'RETURN FAIL("why")']) {
          try { db._query(q); } catch (e) { print(e instanceof ArangoError, e.errorNum, e.errorMessage); }
        }
    """)
    printed = _printed(run)
    assert printed[0] == "true 1203 AQL: collection or view not found: nope (while parsing)"
    assert printed[1].startswith("true 1501 AQL: syntax error, unexpected end of query string")
    assert printed[2] == "true 1569 AQL: why (while executing)"


def test_an_uncaught_query_error_fails_the_run(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _run(arango_tasks, http, "require('@arangodb').db._query('FOR x IN nope RETURN x')")
    assert run.error is not None and run.error.error_num == 1203


def test_the_query_clock_rand_and_sleep_are_the_runs(arango_tasks: FakeArangoTasks, http: Http) -> None:
    command = """
        const {db} = require('@arangodb');
        const before = Date.now();
        const [now, r] = db._query('RETURN [DATE_NOW(), RAND()]').toArray()[0];
        db._query('RETURN SLEEP(1.5)');
        print(now === before, r, Date.now() - before);
    """
    first = _printed(_run(arango_tasks, http, command))[0].split()
    assert (first[0], first[2]) == ("true", "1500")  # SLEEP consumed 1.5 s of the run's fake time
    arango_tasks.reset()
    again = _printed(_run(arango_tasks, http, command))[0].split()
    assert again[1] == first[1]  # RAND() draws from the run's seeded stream


def test_collection_simple_queries(arango_tasks: FakeArangoTasks, http: Http) -> None:
    http.post("/_api/collection", {"name": "c"})
    for i in range(6):
        http.post("/_api/document/c", {"_key": str(i), "v": i, "tag": "a" if i < 3 else "b", "sub": {"x": i % 2}})
    run = _run(arango_tasks, http, """
        const db = require('@arangodb').db;
        print(db.c.byExample({tag: 'a'}).toArray().length, db.c.byExample('sub.x', 1).count());
        print(db.c.firstExample({v: 4})._key, db.c.firstExample({v: 40}));
        print(db.c.all().skip(2).limit(3).toArray().length, JSON.stringify(db.c.range('v', 1, 3).toArray().map(d => d.v)));
        print(JSON.stringify(db.c.closedRange('v', 1, 3).toArray().map(d => d.v)), db.c.any() !== null);
        print(db.c.updateByExample({tag: 'b'}, {seen: true}), db.c.byExample({seen: true}).toArray().length);
        print(db.c.replaceByExample({v: 0}, {replaced: 1}), db.c.removeByExample({tag: 'a'}), db.c.count());
        print(db.c.removeByExample({tag: 'b'}, {limit: 1}), db.c.count());
    """)
    assert _printed(run) == ["3 3", "4 null", "3 [1,2]", "[1,2,3] true", "3 3", "1 2 4", "1 3"]


def test_a_read_only_owner_cannot_write_through_aql(http: Http) -> None:
    from fake_arango_tasks import FakeArangoTasks as Fake
    from fake_arango_tasks import User
    with Fake(users={"root": "", "reader": User("p", {"_system": "ro"})}) as fake:
        admin = Http(fake.url)
        admin.session.auth = ("root", "")
        admin.post("/_api/collection", {"name": "c"})
        reader = Http(fake.url)
        reader.session.auth = ("reader", "p")
        assert reader.post("/_api/cursor", {"query": "FOR d IN c RETURN d"}).status_code == 201
        denied = reader.post("/_api/cursor", {"query": "INSERT {} INTO c"})
        assert (denied.status_code, denied.json()["errorNum"]) == (403, 11)


def test_print_shows_a_cursor_as_general_array_cursor_does(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """``GeneralArrayCursor.prototype._PRINT`` (simple-query-common.js): count, cached, the warnings
    (one per run of a code), then the next ten rows, read from the cursor; no toString of its own."""
    run = _run(arango_tasks, http, """
        const db = require('@arangodb').db;
        const small = db._query('FOR i IN 1..3 RETURN i');
        print(small);
        print(String(small), small.hasNext());
        const big = db._query('FOR i IN 1..12 RETURN {i}');
        print(big);
        print(big.next().i, big.count());
        print(db._query('FOR i IN [1, 2] RETURN i / 0'));
        print(db._query('FOR i IN [] RETURN i'));
    """)
    assert _printed(run) == [
        "[object GeneralArrayCursor, count: 3, cached: false]\n[ 1, 2, 3 ]\n",
        "[object Object] false",
        "[object GeneralArrayCursor, count: 12, cached: false]\n[ "
        + ", ".join(f'{{ "i" : {i} }}' for i in range(1, 11)) + " ]\n\ntype 'more' to show more documents\n",
        "11 12",
        '[object GeneralArrayCursor, count: 2, cached: false, warning(s): "1562 division by zero"]\n[ null, null ]\n',
        "[object GeneralArrayCursor, count: 0, cached: false]",
    ]
