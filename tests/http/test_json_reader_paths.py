"""The fast path of :func:`loads_json` (C ``json`` plus hooks) answers exactly what the exact parser
(``_Parser``, the model of velocypack's ``Parser.cpp``) answers: same value with the same types, or
the same message. Texts are generated to hit every place the two could part: big and long numbers,
exponents, duplicate names, deep nesting, escapes, odd bytes; then damaged."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_arango_tasks import _json
from fake_arango_tasks._json import _Parser, loads_json
from fake_arango_tasks._velocypack import VPackError
from tests.http.cases import same_value

_NUMBER_TEXTS = st.one_of(
    st.integers(-(10**25), 10**25).map(str),
    st.sampled_from(["9223372036854775807", "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
                     "18446744073709551616", "1" + "0" * 400, "-" + "9" * 320, "0.3", "1e400", "0e400", "1E-400",
                     "1.5e308", "1e308", "0.1e309", "-0", "-0.0", "1e99", "123456789012345678901234.5e-10"]),
    st.builds(lambda m, f, e: f"{m}{f}{e}", st.integers(-(10**20), 10**20), st.sampled_from(["", ".5", ".000001",
                                                                                              ".1234567890123"]),
              st.sampled_from(["", "e5", "E+12", "e-7", "e308", "e-320", "e1000", "e-1000"])),
)
_STRING_TEXTS = st.one_of(
    st.text(max_size=12).map(lambda s: json.dumps(s)),
    st.text(max_size=12).map(lambda s: json.dumps(s, ensure_ascii=False)),
    st.sampled_from(['"\\ud800"', '"\\udc00x"', '"\\ud800\\udc00"', '"\\u00e9"', '"\\/"', '"a\\"b"']),
)


@st.composite
def _texts(draw: st.DrawFn, depth: int = 0) -> str:
    space = draw(st.sampled_from(["", " ", "\n", " \t "]))
    if depth > 3 or draw(st.booleans()):
        return space + draw(st.one_of(_NUMBER_TEXTS, _STRING_TEXTS, st.sampled_from(["true", "false", "null"])))
    if draw(st.booleans()):
        items = draw(st.lists(_texts(depth + 1), max_size=4))
        return space + "[" + ",".join(items) + "]"
    names = draw(st.lists(st.sampled_from(["a", "b", "_key", "é", ""]), max_size=4))  # repeats: duplicates
    members = [json.dumps(name) + space + ":" + draw(_texts(depth + 1)) for name in names]
    return space + "{" + ",".join(members) + "}" + space


def _outcome(parse: Any, data: bytes) -> tuple[str, Any]:
    try:
        return "value", parse(data)
    except VPackError as error:
        return "error", error.message


def _agree(data: bytes) -> None:
    fast, exact = _outcome(loads_json, data), _outcome(lambda d: _Parser(d).parse(), data)
    assert fast[0] == exact[0] and same_value(fast[1], exact[1]), (data[:200], fast, exact)


@given(_texts())
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_generated_bodies(text: str) -> None:
    _agree(text.encode("utf-8", "surrogatepass"))


@given(_texts(), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=3))
@settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow])
def test_damaged_bodies(text: str, damage: list[tuple[int, int]]) -> None:
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    for at, byte in damage:
        if data:
            data[at % len(data)] = byte
    _agree(bytes(data))


@given(st.integers(190, 210), st.sampled_from(["[", '{"a":', '[{"b":']), st.sampled_from(["", "1", "[]", "{}"]))
@settings(max_examples=100)
def test_nesting_near_the_limit(depth: int, opener: str, inner: str) -> None:
    closer = {"[": "]", '{"a":': "}", '[{"b":': "}]"}[opener]
    _agree((opener * depth + (inner or "0") + closer * depth).encode())


def test_the_fast_path_is_taken_for_valid_documents(monkeypatch: Any) -> None:
    # an exact parser that fails would show: valid bodies must not need it
    def no_fallback(*args: Any) -> None:
        raise AssertionError("fell back to the exact parser")

    monkeypatch.setattr(_json, "_Parser", no_fallback)
    assert loads_json(b'{"a": [1, 2.5, "x\\u00e9", {"b": null}], "c": 18446744073709551616}') == {
        "a": [1, 2.5, "x\u00e9", {"b": None}], "c": 1.8446744073709552e19}
