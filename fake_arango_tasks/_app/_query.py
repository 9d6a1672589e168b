"""``POST /_api/query`` (parse a query without running it: ``RestQueryHandler::parseQuery``) and
``POST /_api/explain`` (not emulated: the fake has no optimizer and no plans to show, so it
answers 501/9 rather than an invented plan).

A parse answers ``{error, code: 200, parsed: true, collections, bindVars, ast}``; ``ast`` is the
engine's approximation of ArangoDB's (``_aql/_ast_json``). A missing ``query`` is 400/10
(``VelocyPackHelper::checkAndGetStringValue``); a query that does not parse is its error,
``AQL: ... (while parsing)``.
"""

from __future__ import annotations

from typing import Any

from .. import _errors as E
from .._aql import parse_info
from .._errors import ArangoError
from .._queries import query_error
from ._call import Call, Reply
from ._routing import Route

__all__ = ["ROUTES"]


def parse_query(call: Call) -> Reply:
    body = call.body()
    query = body.get("query") if isinstance(body, dict) else None
    if not isinstance(body, dict) or "query" not in body:
        raise ArangoError(E.BAD_PARAMETER, "attribute 'query' was not found", 400)
    if not isinstance(query, str):
        raise ArangoError(E.BAD_PARAMETER, "attribute 'query' is not a string", 400)
    try:
        info = parse_info(query)
    except ArangoError as exc:
        exc.query_phase = "parsing"  # type: ignore[attr-defined]
        raise query_error(exc) from None
    answer: dict[str, Any] = {"error": False, "code": 200, "parsed": True}
    answer.update(info)
    return 200, answer


def explain_query(call: Call) -> Reply:
    raise ArangoError(E.NOT_IMPLEMENTED, "not supported by fake-arango-tasks: AQL query plans (POST /_api/explain)", 501)


ROUTES = (
    Route("/_api/query", {"POST": parse_query}),
    Route("/_api/explain", {"POST": explain_query}),
)
