"""What clients touch around the Tasks API: ``/_api/version``, ``/_open/auth`` (JWT) and
``/_admin/server/availability`` (docs/behaviour.md §5)."""

from __future__ import annotations

from typing import Any

from .. import _errors as E
from .._errors import ArangoError
from ._call import Call, Reply
from ._routing import Route

__all__ = ["ROUTES", "major_version"]


def major_version(version: str) -> int:
    """The major version of a version string (3 when it does not parse)."""
    try:
        return int(version.split(".", 1)[0])
    except ValueError:
        return 3


def _details(version: str) -> dict[str, str]:
    return {
        "architecture": "64bit",
        "build-repository": "fake-arango-tasks",
        "endianness": "little",
        "full-version-string": f"ArangoDB {version} community [linux] 64bit (fake-arango-tasks)",
        "license": "community",
        "maintainer-mode": "false",
        "platform": "linux",
        "server-version": version,
        "v8-version": "12.1.165",
        "mode": "server",
        "role": "SINGLE",
    }


def version(call: Call) -> Reply:
    body: dict[str, Any] = {"server": "arango", "license": "community", "version": call.services.version}
    if call.flag("details"):
        body["details"] = _details(call.services.version)
    return 200, body


def login(call: Call) -> Reply:
    """``POST /_open/auth`` (``RestAuthHandler.cpp``): a session JWT for good credentials."""
    body = call.body()
    username = body.get("username") if isinstance(body, dict) else None
    password = body.get("password") if isinstance(body, dict) else None
    if not isinstance(username, str) or not isinstance(password, str):
        raise ArangoError(E.HTTP_BAD_PARAMETER, "invalid JSON")
    auth = call.services.auth
    if auth.enabled:
        try:
            auth.check_password(username, password)
        except ArangoError:
            raise ArangoError(E.HTTP_UNAUTHORIZED, "Wrong credentials") from None
    return 200, {"jwt": auth.issue_token(username)}


def availability(call: Call) -> Reply:
    return 200, {"error": False, "code": 200, "mode": "default"}


ROUTES = (
    Route("/_api/version", {"GET": version}),
    Route("/_open/auth", {"POST": login}, access="open"),
    Route("/_admin/server/availability", {"GET": availability}, access="open"),
)
