"""``/_api/collection``: ``RestCollectionHandler.cpp`` (what task commands wrote, and setup)."""

from __future__ import annotations

from typing import Any

from .. import _errors as E
from .._errors import ArangoError
from ._call import Call, Reply
from ._routing import Route
from ._transactions import transaction_of

__all__ = ["ROUTES", "not_emulated"]


def not_emulated(call: Call) -> Reply:
    """Routes of the document and collection APIs the fake does not emulate (batch document
    operations, statistics, checksums, ...): 501/9, never a misleading 404 or 405."""
    raise ArangoError(E.NOT_IMPLEMENTED, f"not supported by fake-arango-tasks: {call.method} {call.request.path}")


def list_collections(call: Call) -> Reply:
    result = [c.summary() for c in call.services.documents.collections(call.database)]
    return 200, {"error": False, "code": 200, "result": result}


def create_collection(call: Call) -> Reply:
    body = call.body()
    call.require_write()
    if not isinstance(body, dict):
        raise ArangoError(E.HTTP_BAD_PARAMETER, "expecting object")
    name = body.get("name")
    if not isinstance(name, str):
        raise ArangoError(E.ILLEGAL_NAME)
    made = call.services.documents.create_collection(call.database, name, edge=body.get("type") == 3,
                                                     is_system=body.get("isSystem") is True,
                                                     wait_for_sync=body.get("waitForSync") is True)
    return 200, {"error": False, "code": 200, **made.properties()}


def get_collection(call: Call) -> Reply:
    found = call.services.documents.collection(call.database, call.args["name"], suffix=False)
    return 200, {"error": False, "code": 200, **found.summary()}


def drop_collection(call: Call) -> Reply:
    call.require_write()
    dropped = call.services.documents.drop_collection(call.database, call.args["name"])
    return 200, {"error": False, "code": 200, "id": dropped.id}


def collection_aspect(call: Call) -> Reply:
    name, aspect = call.args["name"], call.args["aspect"]
    documents = call.services.documents
    if (call.method, aspect) == ("PUT", "truncate"):
        call.require_write()
        truncated = documents.truncate(call.database, name, transaction_of(call))
        return 200, {"error": False, "code": 200, **truncated.summary()}
    if call.method != "GET" or aspect not in ("properties", "count"):
        return not_emulated(call)
    found = documents.collection(call.database, name, suffix=False)
    body: dict[str, Any] = {"error": False, "code": 200}
    for key, value in found.properties().items():
        body[key] = value
        if key == "status" and aspect == "count":
            body["count"] = documents.count(call.database, name, transaction_of(call))
    return 200, body


ROUTES = (
    Route("/_api/collection", {"GET": list_collections, "POST": create_collection}),
    Route("/_api/collection/<segment:name>", {"GET": get_collection, "DELETE": drop_collection}),
    Route("/_api/collection/<segment:name>/<segment:aspect>", {"GET": collection_aspect, "PUT": collection_aspect}),
)
