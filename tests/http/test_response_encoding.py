"""Answers are written by ``_json.dumps_bytes`` whatever path the encoder takes: the remembered
rows of a listing (``_app._json_rows``) give the very bytes the writer gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fake_arango_tasks._app import _encode
from fake_arango_tasks._json import Timestamp, dumps_bytes
from tests.conftest import Http

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([0.0, -0.0, 1.0, 1e-6, 2.5]),
    st.sampled_from([Timestamp(0.0), Timestamp(1.0), Timestamp(1704067200.25)]), st.sampled_from(["", "a", "\u00e9"]),
)
rows = st.lists(st.dictionaries(st.sampled_from(["a", "b", "c"]), scalars, max_size=3), max_size=6)


@settings(max_examples=300, deadline=None)
@given(first=rows, second=rows)
def test_remembered_rows_are_written_as_the_writer_writes_them(first: list[dict[str, object]],
                                                               second: list[dict[str, object]]) -> None:
    for value in (first, second, first + second):  # the second time round, from memory
        assert _encode(value, False) == dumps_bytes(value)


def test_a_listing_shows_a_task_replaced_under_the_same_id(http: Http) -> None:
    http.post("/_api/tasks", {"id": "t", "command": "print(1)", "period": 5})
    assert http.get("/_api/tasks").json()[0]["command"] == "(function (params) { print(1) } )(params);"
    http.delete("/_api/tasks/t")
    http.post("/_api/tasks", {"id": "t", "command": "print(2)", "period": 5})
    assert http.get("/_api/tasks").json()[0]["command"] == "(function (params) { print(2) } )(params);"
