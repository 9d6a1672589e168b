"""``/_api/cursor``: AQL over HTTP (``RestCursorHandler.cpp``).

Until the AQL engine is wired in, only the query python-arango's ``collection.all()`` sends is
answered: ``FOR doc IN @@collection LIMIT skip, limit RETURN doc``, in full (one batch). Any other
AQL is 501/9: a wrong answer would be worse than none.
"""

from __future__ import annotations

import re
from typing import Any, Final

from .. import _errors as E
from .._errors import ArangoError
from ._call import Call, Reply
from ._routing import Route

__all__ = ["ROUTES"]

#: The query of python-arango's ``collection.all()`` (whitespace folded).
_ALL_DOCUMENTS: Final = re.compile(r"FOR (\w+) IN @@collection(?: LIMIT (\d+), (\d+|null))? RETURN \1")


def cursor(call: Call) -> Reply:
    body = call.body() if call.method == "POST" and "rest" not in call.args else None
    query = body.get("query") if isinstance(body, dict) else None
    bind_vars = body.get("bindVars") if isinstance(body, dict) else None
    match = _ALL_DOCUMENTS.fullmatch(" ".join(query.split())) if isinstance(query, str) else None
    if match is None or not isinstance(bind_vars, dict) or not isinstance(bind_vars.get("@collection"), str):
        raise ArangoError(E.NOT_IMPLEMENTED, "not supported by fake-arango-tasks: AQL (/_api/cursor)")
    name = bind_vars["@collection"]
    try:
        found = call.services.documents.collection(call.database, name)
    except ArangoError:
        raise ArangoError(E.DATA_SOURCE_NOT_FOUND, f"AQL: collection or view not found: {name} (while parsing)") from None
    documents = list(found.docs.values())
    skip = int(match.group(2) or 0)
    limit = match.group(3)
    documents = documents[skip:] if limit in (None, "null") else documents[skip:skip + int(limit)]
    result: dict[str, Any] = {"result": documents, "hasMore": False}
    if isinstance(body, dict) and body.get("count") is True:
        result["count"] = len(documents)
    result.update({"cached": False, "extra": {"warnings": [], "stats": {}}, "error": False, "code": 201})
    return 201, result


ROUTES = (
    Route("/_api/cursor", {m: cursor for m in ("GET", "POST", "PUT", "DELETE")}),
    Route("/_api/cursor/<path:rest>", {m: cursor for m in ("GET", "POST", "PUT", "DELETE")}),
)
