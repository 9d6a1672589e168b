"""``/_api/database``: ``RestDatabaseHandler.cpp``."""

from __future__ import annotations

from .. import _errors as E
from .._databases import SYSTEM
from .._errors import ArangoError
from ._call import Call, Reply
from ._routing import Route

__all__ = ["ROUTES"]


def _require_system(call: Call) -> None:
    if call.database != SYSTEM:
        raise ArangoError(E.USE_SYSTEM_DATABASE)


def list_databases(call: Call) -> Reply:
    _require_system(call)
    return 200, {"error": False, "code": 200, "result": call.services.databases.names()}


def current_database(call: Call) -> Reply:
    return 200, {"error": False, "code": 200, "result": call.services.databases.info(call.database)}


def create_database(call: Call) -> Reply:
    _require_system(call)
    body = call.body()
    call.require_write(database=SYSTEM)
    name = body.get("name") if isinstance(body, dict) else None
    call.services.databases.create(name)
    users = body.get("users") if isinstance(body, dict) else None
    for spec in users if isinstance(users, list) else []:
        if isinstance(spec, dict):
            username = spec.get("username", spec.get("user"))
            if isinstance(username, str) and username:
                password = spec.get("passwd", "")
                call.services.auth.add_user(username, password if isinstance(password, str) else "", {str(name): "rw"})
    return 201, {"error": False, "code": 201, "result": True}


def drop_database(call: Call) -> Reply:
    _require_system(call)
    call.require_write(database=SYSTEM)
    call.services.databases.drop(call.args["name"])
    return 200, {"error": False, "code": 200, "result": True}


ROUTES = (
    Route("/_api/database", {"GET": list_databases, "POST": create_database}),
    Route("/_api/database/current", {"GET": current_database}),
    Route("/_api/database/<segment:name>", {"DELETE": drop_database}),
)
