"""``PUT /_api/simple/*``: the simple queries arangosh and older drivers still send, each run as
the AQL of :mod:`fake_arango_tasks._simple`.

Answers: ``all``, ``by-example`` and ``range`` a cursor with ``count``
(``RestSimpleQueryHandler.cpp``, ``js/actions/_api/simple/app.js``); ``first-example``
``{document}`` (404/404 ``no match``); ``any`` ``{document}`` (``null`` in an empty collection);
``remove-by-example`` ``{deleted}``, ``update-by-example`` ``{updated}``, ``replace-by-example``
``{replaced}``; ``lookup-by-keys`` ``{documents}`` and ``remove-by-keys`` ``{removed, ignored[,
old]}`` (``RestSimpleHandler.cpp``). A collection that does not exist is 404/1203 from the C++
handlers' queries, and ``unknown collection '<name>'`` from the JavaScript ones
(``actions.collectionNotFound``); a body that is not an object 400/17.
"""

from __future__ import annotations

from typing import Any, Callable

from .. import _errors as E
from .. import _simple as S
from .._aql import QueryResult
from .._errors import ArangoError
from .._queries import options_from_json, run_query
from ._call import Call, Reply
from ._cursor import caller_of, cursor_reply
from ._routing import Route
from ._transactions import transaction_of

__all__ = ["ROUTES"]


def _body(call: Call) -> dict[str, Any]:
    body = call.body()
    if not isinstance(body, dict):
        raise ArangoError(17, "expecting JSON object body", 400)
    return body


def _run(call: Call, query: S.SimpleQuery) -> QueryResult:
    return run_query(call.services.documents, call.database, query.query, query.bind_vars, options_from_json(None),
                     caller_of(call), trx=transaction_of(call))


def _name(body: dict[str, Any]) -> str:
    name = body.get("collection")
    if not isinstance(name, str) or not name:
        raise ArangoError(17, "expecting string for <collection>", 400)
    return name


def _existing(call: Call, body: dict[str, Any]) -> str:
    """The collection of a route arangod served in JavaScript (``actions.collectionNotFound``)."""
    name = body.get("collection")
    if not isinstance(name, str) or not call.services.documents.has(call.database, name):
        if name is None:
            raise ArangoError(E.HTTP_BAD_PARAMETER, "expecting a collection name or identifier")
        raise ArangoError(E.DATA_SOURCE_NOT_FOUND, f"unknown collection '{name}'", 404)
    return name


def _object(body: dict[str, Any], name: str) -> Any:
    value = body.get(name)
    if not isinstance(value, dict):
        raise ArangoError(E.HTTP_BAD_PARAMETER, f"invalid value for parameter '{name}'")
    return value


def _cursor(call: Call, body: dict[str, Any], query: S.SimpleQuery) -> Reply:
    result = _run(call, query)
    return cursor_reply(call, result.values, result.extra, body, count=True)


def all_documents(call: Call) -> Reply:
    body = _body(call)
    return _cursor(call, body, S.all_documents(_name(body), body.get("skip"), body.get("limit")))


def by_example(call: Call) -> Reply:
    body = _body(call)
    if not isinstance(body.get("example"), dict):
        raise ArangoError(E.BAD_PARAMETER, status=400)
    return _cursor(call, body, S.by_example(_name(body), body["example"], body.get("skip"), body.get("limit")))


def first_example(call: Call) -> Reply:
    body = _body(call)
    name = _existing(call, body)
    values = _run(call, S.by_example(name, _object(body, "example"), None, 1)).values
    if not values:
        raise ArangoError(E.HTTP_NOT_FOUND, "no match")
    return 200, {"document": values[0], "error": False, "code": 200}


def any_document(call: Call) -> Reply:
    body = _body(call)
    values = _run(call, S.any_document(_existing(call, body))).values
    return 200, {"document": values[0] if values else None, "error": False, "code": 200}


def range_documents(call: Call) -> Reply:
    body = _body(call)
    query = S.range_query(_existing(call, body), body.get("attribute"), body.get("left"), body.get("right"),
                          body.get("closed") is True, body.get("skip"), body.get("limit"))
    return _cursor(call, body, query)


def _write_options(body: dict[str, Any]) -> dict[str, Any]:
    options = body.get("options")
    return options if isinstance(options, dict) else body


def _written(call: Call, key: str, make: Callable[[str, dict[str, Any]], S.SimpleQuery]) -> Reply:
    body = _body(call)
    name = _existing(call, body)
    example = _object(body, "example")
    result = _run(call, make(name, example))
    return 200, {key: result.stats["writesExecuted"], "error": False, "code": 200}


def remove_by_example(call: Call) -> Reply:
    return _written(call, "deleted", lambda name, example: S.remove_by_example(
        name, example, _write_options(_body(call)).get("limit")))


def update_by_example(call: Call) -> Reply:
    body = _body(call)
    options = _write_options(body)
    new_value = _object(body, "newValue") if "example" in body and isinstance(body.get("example"), dict) else None
    return _written(call, "updated", lambda name, example: S.update_by_example(
        name, example, new_value, options.get("keepNull") is not False, options.get("mergeObjects") is not False,
        options.get("limit")))


def replace_by_example(call: Call) -> Reply:
    body = _body(call)
    new_value = _object(body, "newValue") if isinstance(body.get("example"), dict) else None
    return _written(call, "replaced", lambda name, example: S.replace_by_example(
        name, example, new_value, _write_options(body).get("limit")))


def _keys(body: dict[str, Any]) -> list[Any]:
    keys = body.get("keys")
    if not isinstance(keys, list):
        raise ArangoError(17, "expecting array for <keys>", 400)
    return keys


def lookup_by_keys(call: Call) -> Reply:
    body = _body(call)
    name = _name(body)
    values = _run(call, S.lookup_by_keys(name, _keys(body))).values
    return 200, {"documents": values, "error": False, "code": 200}


def remove_by_keys(call: Call) -> Reply:
    body = _body(call)
    name = _name(body)
    keys = _keys(body)
    given = body.get("options")
    options: dict[str, Any] = given if isinstance(given, dict) else {}
    silent = options.get("silent") is not False
    result = _run(call, S.remove_by_keys(name, keys, silent=silent, return_old=options.get("returnOld") is True))
    answer: dict[str, Any] = {"removed": result.stats["writesExecuted"], "ignored": result.stats["writesIgnored"],
                              "error": False, "code": 200}
    if not silent:
        answer["old"] = result.values
    return 200, answer


_ROUTES = {
    "all": all_documents, "by-example": by_example, "first-example": first_example, "any": any_document,
    "range": range_documents, "remove-by-example": remove_by_example, "update-by-example": update_by_example,
    "replace-by-example": replace_by_example, "lookup-by-keys": lookup_by_keys, "remove-by-keys": remove_by_keys,
}

ROUTES = tuple(Route(f"/_api/simple/{name}", {"PUT": handler}) for name, handler in _ROUTES.items())
