"""Properties of the VelocyPack codec: what :func:`dumps` builds :func:`loads` reads back; garbage
of any shape is refused with :class:`VPackError` and nothing else; lengths that lie cost nothing."""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fake_arango_tasks._json import Timestamp
from fake_arango_tasks._velocypack import (
    ILLEGAL,
    MAX_KEY,
    MIN_KEY,
    NONE,
    Custom,
    UTCDate,
    VPackError,
    dumps,
    loads,
)
from tests.http.cases import h, same_value

_SCALARS = (
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats() | st.text()
    | st.binary(max_size=300) | st.builds(UTCDate, st.integers(-(2**63), 2**63 - 1))
    | st.sampled_from([NONE, ILLEGAL, MIN_KEY, MAX_KEY]) | st.builds(Custom, st.binary(min_size=1, max_size=1).map(
        lambda b: bytes((0xF0,)) + b))
    | st.text(min_size=100, max_size=400)
)
VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=12) | st.dictionaries(st.text(max_size=8), inner,
                                                                                          max_size=12),
                      max_leaves=60)
SMALL_VALUES = st.recursive(_SCALARS.filter(lambda v: not isinstance(v, str) or len(v) < 150),
                            lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=4), inner,
                                                                                       max_size=6),
                            max_leaves=12)


@given(VALUES)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_what_dumps_builds_loads_reads_back(value: Any) -> None:
    assert same_value(loads(dumps(value)), value)


@given(st.lists(st.integers(-(2**63), 2**64 - 1), min_size=1, max_size=400)
       | st.lists(st.text(max_size=300), min_size=1, max_size=300))
@example(["x" * 300, "y" * 299] * 150)  # 4-byte sizes with an index table
@example(["x" * 250] * 300)  # 4-byte sizes, equal members: no index
@example(list(range(300)))  # 2-byte sizes
@settings(max_examples=25)
def test_every_size_width_reads_back(items: list[Any]) -> None:
    # long lists cross the 1-, 2- and 4-byte size formats of arrays and of objects
    assert loads(dumps(items)) == items
    members = {str(i): item for i, item in enumerate(items)}
    assert loads(dumps(members)) == members


def test_timestamps_are_doubles() -> None:
    assert type(loads(dumps(Timestamp(1.5)))) is float


def _only_vpack_errors(data: bytes) -> None:
    try:
        loads(data)
    except VPackError:
        pass


@given(st.binary(max_size=64))
@settings(max_examples=800)
def test_random_bytes_are_refused_with_vpack_errors_only(data: bytes) -> None:
    _only_vpack_errors(data)


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(dumps(draw(SMALL_VALUES)))
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if how == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif how == "insert":
            data.insert(at, draw(st.integers(0, 255)))
        elif how == "delete" and data:
            del data[at]
        else:
            del data[at:]
    return bytes(data)


@given(_mutated())
@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
def test_damaged_values_are_refused_with_vpack_errors_only(data: bytes) -> None:
    _only_vpack_errors(data)


@pytest.mark.parametrize(
    "data",
    [
        h("bf") + (2**60).to_bytes(8, "little") + b"abc",  # a long string of 2**60 bytes
        h("c7") + (2**60).to_bytes(8, "little") + b"abc",  # binary of 2**60 bytes
        h("05") + (2**60).to_bytes(8, "little") + h("18"),  # array of 2**60 bytes
        h("09") + (40).to_bytes(8, "little") + bytes(23) + (2**60).to_bytes(8, "little"),  # 2**60 members
        h("13 ff ff ff ff ff ff ff 7f 18 01"),  # compact array claiming 2**56 bytes
        h("13 0b 18 7f ff ff ff ff ff ff ff"),  # compact array counting 2**56 - 1 members, backwards
        h("fd") + (2**60).to_bytes(8, "little") + b"x",  # custom payload of 2**60 bytes
        h("0c") + (0xFFFF).to_bytes(2, "little") + (0xFFFF).to_bytes(2, "little") + bytes(4) + h("40 18"),
    ],
)
def test_lengths_that_lie_fail_at_once_without_allocating(data: bytes) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(VPackError):
            loads(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024
