"""python-arango's and python-arango-async's ``db.aql.execute`` against the fake: batches (the
client fetches the rest through ``POST /_api/cursor/{id}``), count, full count, bind parameters,
statistics and errors, as a user's test reads what a task wrote."""

from __future__ import annotations

from typing import Any

import pytest
from arango import ArangoClient
from arango.exceptions import AQLQueryExecuteError
from arangoasync import ArangoClient as AsyncClient
from arangoasync.auth import Auth
from arangoasync.exceptions import AQLQueryExecuteError as AsyncQueryError

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import arango_codes


@pytest.fixture
def db(arango_tasks: FakeArangoTasks) -> Any:
    client = ArangoClient(hosts=arango_tasks.url)
    database = client.db("_system")
    events = database.create_collection("events")
    events.insert_many([{"_key": str(i), "n": i, "kind": "odd" if i % 2 else "even"} for i in range(25)])
    yield database
    client.close()


def test_python_arango_reads_in_batches_with_count(db: Any) -> None:
    cursor = db.aql.execute("FOR e IN events SORT e.n RETURN e.n", batch_size=10, count=True)
    assert cursor.count() == 25 and cursor.has_more()
    assert list(cursor) == list(range(25))


def test_python_arango_full_count_bind_vars_and_statistics(db: Any) -> None:
    cursor = db.aql.execute("FOR e IN @@c FILTER e.kind == @k LIMIT 3 RETURN e.n",
                            bind_vars={"@c": "events", "k": "odd"}, full_count=True)
    assert list(cursor) == [1, 3, 5]
    stats = cursor.statistics()
    assert (stats["fullCount"], stats["scanned_full"], stats["filtered"]) == (12, 25, 13)


def test_python_arango_writes_and_errors(db: Any) -> None:
    cursor = db.aql.execute("FOR e IN events FILTER e.n < 5 REMOVE e IN events")
    assert cursor.statistics()["modified"] == 5
    assert db.collection("events").count() == 20
    with pytest.raises(AQLQueryExecuteError) as missing:
        db.aql.execute("FOR e IN nope RETURN e")
    assert arango_codes(missing) == (404, 1203)
    assert missing.value.error_message == "AQL: collection or view not found: nope (while parsing)"
    with pytest.raises(AQLQueryExecuteError) as bad:
        db.aql.execute("RETURN @x")
    assert arango_codes(bad) == (400, 1551)


def test_python_arango_closes_an_unfinished_cursor(db: Any) -> None:
    cursor = db.aql.execute("FOR e IN events RETURN e", batch_size=5)
    assert cursor.close() is True


@pytest.mark.asyncio
async def test_python_arango_async_reads_in_batches(arango_tasks: FakeArangoTasks, db: Any) -> None:
    async with AsyncClient(hosts=arango_tasks.url) as client:
        adb = await client.db("_system", auth=Auth(username="root", password=""))
        cursor = await adb.aql.execute("FOR e IN events FILTER e.kind == @k SORT e.n RETURN e.n", bind_vars={"k": "even"},
                                       batch_size=4, count=True)
        assert cursor.count == 13
        values = [v async for v in cursor]
        assert values == list(range(0, 25, 2))
        full = await adb.aql.execute("FOR e IN events LIMIT 2 RETURN 1", options={"fullCount": True})
        assert full.statistics.full_count == 25
        with pytest.raises(AsyncQueryError) as missing:
            await adb.aql.execute("FOR e IN nope RETURN e")
        assert arango_codes(missing) == (404, 1203)
