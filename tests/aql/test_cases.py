"""Runs every AQL contract case (``tests/aql/cases/*.py``) through the engine over a fresh
database of the real document store (``AQL_STORAGE=memory``: the in-memory storage), or, with ``ARANGO_URL`` set (``http://root:@localhost:8529``), through a real
ArangoDB's ``POST /_api/cursor`` with the case's collections created first and dropped after
(``fake_only`` cases are skipped there)."""

from __future__ import annotations

import copy
import importlib
import json
import os
import pkgutil
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

import pytest

from fake_arango_tasks._aql import QueryContext, QueryOptions, execute
from fake_arango_tasks._errors import ArangoError
from fake_arango_tasks._json import dumps
from tests.aql import cases as cases_package
from tests.aql.case import MISSING, AqlCase
from tests.aql.stores import NOW_MS, STORAGE_KIND, new_storage

ARANGO_URL = os.environ.get("ARANGO_URL")


def _load() -> list[tuple[str, AqlCase]]:
    found = []
    for info in sorted(pkgutil.iter_modules(cases_package.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"tests.aql.cases.{info.name}")
        for i, case in enumerate(module.CASES):
            found.append((f"{info.name}-{i}", case))
    return found


ALL_CASES = _load()


def _options(case: AqlCase) -> QueryOptions:
    o = case.options
    return QueryOptions(full_count=bool(o.get("fullCount", False)), fail_on_warning=bool(o.get("failOnWarning", False)),
                        max_warning_count=int(o.get("maxWarningCount", 10)))


def _run_fake(case: AqlCase) -> tuple[list[Any] | None, tuple[int, str] | None, list[tuple[int, str]], dict[str, Any]]:
    storage = new_storage()
    for name, documents in case.collections.items():
        storage.create(name, copy.deepcopy(documents))
    for name, documents in case.edges.items():
        storage.create(name, copy.deepcopy(documents), edge=True)
    context = QueryContext(storage, now_ms=lambda: NOW_MS, random=lambda: 0.25, user="root")
    try:
        result = execute(case.query, copy.deepcopy(case.bind_vars), context, _options(case))
    except ArangoError as e:
        return None, (e.error_num, e.message), [], {}
    return result.values, None, [(w["code"], w["message"]) for w in result.warnings], result.stats


def _run_server(case: AqlCase) -> tuple[list[Any] | None, tuple[int, str] | None, list[tuple[int, str]], dict[str, Any]]:
    import requests

    assert ARANGO_URL is not None
    parts = urlsplit(ARANGO_URL)
    base = f"{parts.scheme}://{parts.hostname}:{parts.port or 8529}"
    session = requests.Session()
    session.auth = (parts.username or "root", parts.password or "")
    names = list(case.collections) + list(case.edges)
    try:
        for name, documents in [*case.collections.items(), *case.edges.items()]:
            session.post(f"{base}/_api/collection", json={"name": name, "type": 3 if name in case.edges else 2}).raise_for_status()
            if documents:
                session.post(f"{base}/_api/document/{name}", json=documents).raise_for_status()
        body = {"query": case.query, "bindVars": case.bind_vars, "options": case.options}
        answer = session.post(f"{base}/_api/cursor", data=json.dumps(body)).json()
        if answer.get("error"):
            return None, (answer["errorNum"], answer["errorMessage"]), [], {}
        result = list(answer["result"])
        while answer.get("hasMore"):
            answer = session.post(f"{base}/_api/cursor/{answer['id']}").json()
            result.extend(answer["result"])
        extra = answer.get("extra", {})
        return result, None, [(w["code"], w["message"]) for w in extra.get("warnings", [])], extra.get("stats", {})
    finally:
        for name in names:
            session.delete(f"{base}/_api/collection/{name}")


def _canonical(value: Any) -> str:
    """ArangoDB's JSON text of ``value`` (key order and number format count)."""
    return dumps(value)


@pytest.mark.parametrize("case", [c for _, c in ALL_CASES], ids=[i for i, _ in ALL_CASES])
def test_case(case: AqlCase) -> None:
    check_case(case)


def check_case(case: AqlCase) -> None:
    """Run ``case`` (against the fake's engine, or ``ARANGO_URL``) and compare with its expectation."""
    if ARANGO_URL and case.fake_only:
        pytest.skip("depends on the fake")
    if not ARANGO_URL and STORAGE_KIND == "memory" and case.expect is not MISSING and '"_rev"' in dumps(case.expect):
        pytest.skip("expects the document store's revisions")
    values, error, warnings, stats = (_run_server if ARANGO_URL else _run_fake)(case)
    if case.error is not None:
        assert error is not None, f"expected error {case.error}, got {values!r}"
        number, message = case.error
        assert error[0] == number, error
        if message.endswith("..."):
            assert error[1].startswith(message[:-3]), error
        else:
            assert error[1] == message
        return
    assert error is None, f"unexpected error {error}"
    if case.expect is not MISSING:
        if case.ordered:
            assert [_canonical(v) for v in values or []] == [_canonical(v) for v in case.expect]
        else:
            assert Counter(_canonical(v) for v in values or []) == Counter(_canonical(v) for v in case.expect)
    assert warnings == list(case.warnings)
    for name, expected in case.stats.items():
        assert stats.get(name) == expected, (name, stats)


def test_there_are_cases() -> None:
    assert len(ALL_CASES) > 100
