"""``/_api/index`` (``RestIndexHandler.cpp``) and ``/_api/ttl`` (``RestTtlHandler.cpp``).

- ``GET /_api/index?collection=c``: ``{error, code, indexes, identifiers}`` (identifiers: the
  same descriptions by id); 404/1203 for an unknown or missing collection.
- ``GET /_api/index/c/<id or name>``: the description merged with ``{error, code}``.
- ``POST /_api/index?collection=c``: the description with ``isNewlyCreated`` (keys sorted, as
  ``VPackCollection::merge`` leaves them), then ``error`` and ``code``; 201 when created, 200
  when an equal index existed. Errors other than 403/11 and 404/1212 are sent with HTTP 400
  (``continueExecute``: "http_server compatibility"), a unique violation over existing data too.
- ``DELETE /_api/index/c/<id>``: ``{id, error, code}``.
- ``GET``/``PUT /_api/ttl/properties``, ``GET /_api/ttl/statistics``: the TTL thread's.

Creating and dropping need rw access to the database (``Indexes::ensureIndex``: 403/11).
"""

from __future__ import annotations

from typing import Any

from .. import _errors as E
from .._errors import ArangoError
from ._call import Call, Reply
from ._routing import Route

__all__ = ["ROUTES"]


def _collection_param(call: Call) -> str:
    name = call.request.args.get("collection")
    if not name or not call.services.documents.has(call.database, name):
        raise ArangoError(E.DATA_SOURCE_NOT_FOUND, status=404)
    return name


def list_indexes(call: Call) -> Reply:
    name = _collection_param(call)
    indexes = call.services.documents.indexes(call.database, name)
    return 200, {"error": False, "code": 200, "indexes": indexes, "identifiers": {i["id"]: i for i in indexes}}


def get_index(call: Call) -> Reply:
    name = call.args["collection"]
    if not call.services.documents.has(call.database, name):
        raise ArangoError(E.DATA_SOURCE_NOT_FOUND, status=404)
    description = call.services.documents.index(call.database, name, f"{name}/{call.args['index']}")
    return 200, {**description, "error": False, "code": 200}


def create_index(call: Call) -> Reply:
    body = call.body()
    name = _collection_param(call)
    call.require_write()
    try:
        description, created = call.services.documents.ensure_index(call.database, name, body)
    except ArangoError as exc:
        if exc.error_num in (E.FORBIDDEN, E.INDEX_NOT_FOUND):
            raise
        raise ArangoError(exc.error_num, exc.message, 400) from None
    status = 201 if created else 200
    merged: dict[str, Any] = dict(sorted({**description, "isNewlyCreated": created}.items()))
    return status, {**merged, "error": False, "code": status}


def drop_index(call: Call) -> Reply:
    name = call.args["collection"]
    if not call.services.documents.has(call.database, name):
        raise ArangoError(E.DATA_SOURCE_NOT_FOUND, status=404)
    call.require_write()
    handle = call.services.documents.drop_index(call.database, name, f"{name}/{call.args['index']}")
    return 200, {"id": handle, "error": False, "code": 200}


def ttl_properties(call: Call) -> Reply:
    ttl = call.services.documents.ttl
    if call.method == "PUT":
        call.require_write(database="_system")
        ttl.properties.update(call.body())
    return 200, {"error": False, "code": 200, "result": ttl.properties.to_json()}


def ttl_statistics(call: Call) -> Reply:
    call.services.documents.run_ttl()
    return 200, {"error": False, "code": 200, "result": call.services.documents.ttl.statistics()}


ROUTES = (
    Route("/_api/index", {"GET": list_indexes, "POST": create_index}),
    Route("/_api/index/<segment:collection>/<segment:index>", {"GET": get_index, "DELETE": drop_index}),
    Route("/_api/ttl/properties", {"GET": ttl_properties, "PUT": ttl_properties}),
    Route("/_api/ttl/statistics", {"GET": ttl_statistics}),
)
