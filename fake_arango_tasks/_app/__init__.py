"""The WSGI app: ArangoDB's HTTP surface (the Tasks API and what clients touch around it) plus
the ``/_fake/*`` control routes, one module per resource as werkzeug's ``routing/`` is split:

- ``_routing``: the route table's form (:class:`Route`), raw-path matching, the database prefix;
- ``_call``: one request as handlers see it (body parsing, flags, permission checks);
- ``_tasks``, ``_collections``, ``_documents``, ``_databases``, ``_cursor``, ``_simple``,
  ``_query``, ``_server_info``, ``_control``: the routes of each resource, each declared once in
  its ``ROUTES``.

This package knows nothing of V8: it talks to the services in :class:`Services`.
"""

from __future__ import annotations

import math
import sys
import traceback
from typing import Any, Callable, Final, Iterable

from werkzeug.wrappers import Request

from .. import _errors as E
from .._auth import Principal
from .._errors import ArangoError
from .._http_protocol import CORS_METHODS, EXPOSED_CORS_HEADERS, MAX_BODY_SIZE, status_line
from .._json import Timestamp, dumps_bytes
from .._media import JSON_TYPE, VPACK_TYPE, wants_velocypack
from .._velocypack import dumps as vpack_dumps
from .._velocypack import to_json_compatible
from . import (
    _collections, _control, _cursor, _databases, _documents, _indexes, _query, _server_info, _simple, _tasks,
    _transactions,
)
from ._call import Call, Reply
from ._routing import Route, Router, split_database, unknown_path
from ._services import Control, Services

__all__ = ["ArangoApp", "Control", "RESPONSE_HEADERS", "ROUTES", "Services"]

#: Every route of the fake, in matching order.
ROUTES: Final[tuple[Route, ...]] = (
    *_tasks.ROUTES, *_server_info.ROUTES, *_collections.ROUTES, *_documents.ROUTES, *_cursor.ROUTES,
    *_simple.ROUTES, *_query.ROUTES, *_databases.ROUTES, *_control.ROUTES, *_indexes.ROUTES, *_transactions.ROUTES,
)

#: Headers on every ArangoDB answer (recorded from 3.10 to 3.12), and ``X-Fake-Arango-Tasks``.
RESPONSE_HEADERS: Final = (
    ("Server", "ArangoDB"),
    ("X-Content-Type-Options", "nosniff"),
    ("Cache-Control", "no-cache, no-store, must-revalidate, pre-check=0, post-check=0, max-age=0, s-maxage=0"),
    ("Expires", "0"),
    ("Pragma", "no-cache"),
    ("Content-Security-Policy", "frame-ancestors 'self'; form-action 'self';"),
    ("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"),
    ("X-Arango-Queue-Time-Seconds", "0.000000"),
    # not ArangoDB's: tells a fake from a real server (a client ignores headers it does not know)
    ("X-Fake-Arango-Tasks", "fake-arango-tasks"),
)


class _Request(Request):
    """werkzeug's request, its body bounded by arangod's maximum (behind other WSGI servers)."""

    max_content_length = MAX_BODY_SIZE


class ArangoApp:
    """The WSGI application of one fake server.

    Answers are encoded as arangod encodes them: VelocyPack when the request's ``Accept`` is
    ``application/x-velocypack`` (:mod:`fake_arango_tasks._media`), errors included, JSON in
    velocypack's Dumper format otherwise; a ``HEAD`` answer has the ``Content-Length`` of the body
    it leaves out. ``OPTIONS`` is answered before anything else, as
    ``CommTask::processCorsOptions`` does (see :meth:`_options`), and a request with an ``Origin``
    gets ``CommTask::finishExecution``'s CORS headers.

    Args:
        services: what the routes serve from (tasks, databases, auth, documents, ...).
    """

    def __init__(self, services: Services) -> None:
        self.services = services
        self._router = Router(ROUTES, tasks_api=_server_info.major_version(services.version) < 4)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = _Request(environ)
        headers = list(RESPONSE_HEADERS)
        origin = request.headers.get("Origin")
        if origin:
            headers += _cors_headers(origin)
        if request.method == "OPTIONS":
            headers += _options_headers(request, origin)
            headers += (("Content-Type", JSON_TYPE), ("Content-Length", "0"))
            start_response("200 OK", headers)
            return []
        try:
            status, body, extra = self._dispatch(request)
            headers += extra
            error = None
        except ArangoError as exc:
            status, body, error = exc.status, exc.envelope(), exc
        except Exception:  # a bug of ours: ArangoDB's 500 envelope, never a traceback page
            traceback.print_exc(file=sys.stderr)
            error = ArangoError(E.INTERNAL, "internal error of fake-arango-tasks (traceback on its stderr)")
            status, body = error.status, error.envelope()
        velocypack = wants_velocypack(request.headers.get("Accept"))
        try:
            payload = _encode(body, velocypack)
        except Exception:  # a value of ours that has no encoding: a bug, answered as one
            traceback.print_exc(file=sys.stderr)
            error = ArangoError(E.INTERNAL, "internal error of fake-arango-tasks (traceback on its stderr)")
            status, payload = error.status, _encode(error.envelope(), velocypack)
        if status == 304:
            payload = b""
        if velocypack:
            content_type = VPACK_TYPE
        else:
            content_type = JSON_TYPE + "; charset=utf-8" if error and error.origin == "javascript" else JSON_TYPE
        if status == 401 and "x-omit-www-authenticate" not in request.headers:
            headers += _WWW_AUTHENTICATE
        headers += (("Content-Type", content_type), ("Content-Length", str(len(payload))))
        start_response(status_line(status), headers)
        return [] if request.method == "HEAD" else [payload]

    def _dispatch(self, request: Request) -> tuple[int, Any, list[tuple[str, str]]]:
        """Check database and credentials in arangod's order, route, and call the handler.

        ``CommTask::prepareExecution`` resolves the database before it authenticates and before
        any handler is found: an unknown database is 404/1228 with authentication off (whatever
        the path), and 401/11 for a caller without access.
        """
        services = self.services
        auth, databases = services.auth, services.databases
        database, path, prefixed = split_database(request)
        route, args = self._router.match(path, prefixed)
        open_route = route is not None and route.access != "user"
        principal = Principal("", superuser=not auth.enabled)
        credentials_error = None
        if not open_route:
            try:
                principal = auth.authenticate(request.headers.get("Authorization"))
            except ArangoError as exc:
                credentials_error = exc
        if not databases.exists(database):
            if credentials_error is not None or auth.access(principal, database) == "none":
                raise auth.unauthorized()
            raise databases.not_found()
        if credentials_error is not None:
            raise credentials_error
        if route is None:
            raise unknown_path(request, path)
        if not open_route and auth.access(principal, database) == "none":
            raise auth.unauthorized()
        handler = route.handlers.get(request.method)
        if handler is None:
            raise ArangoError(E.HTTP_METHOD_NOT_ALLOWED)
        call = Call(request, database, principal, dict(args), services)
        status, body = handler(call)
        return status, body, call.headers


def _encode(body: Any, velocypack: bool) -> bytes:
    """``body`` as VelocyPack (``VPackBuilder``) or as arangod's Dumper writes JSON; values JSON has
    no form for (from VelocyPack bodies) as ``ConvertUnsupportedType`` renders them.

    Raises:
        TypeError, ValueError, VPackError: ``body`` holds a value neither encoding has.
    """
    if velocypack:
        return vpack_dumps(body)
    if type(body) is list:
        rows = _json_rows(body)
        if rows is not None:
            return rows
    try:
        return dumps_bytes(body)
    except TypeError:
        return dumps_bytes(to_json_compatible(body))


_ROW_TYPES: Final = frozenset({str, int, float, bool, type(None), Timestamp})
_ROWS: dict[tuple[Any, ...], bytes] = {}  # a flat object's members, their types and values -> its JSON
_MAX_ROWS: Final = 8192


def _json_rows(rows: list[Any]) -> bytes | None:
    """A list of flat objects (``GET /_api/tasks``: the same task objects, listing after listing)
    as :func:`dumps_bytes` writes it, each object's text remembered; ``None`` when an element is
    anything else. Equal values of one type have one text, so members, types and values are the
    key; ``-0.0`` equals ``0.0`` but is written ``-0``, so a row holding it is not cached."""
    parts = []
    cache = _ROWS
    for row in rows:
        if type(row) is not dict:
            return None
        values = tuple(row.values())
        types = tuple(map(type, values))
        if not _ROW_TYPES.issuperset(types):
            return None
        if 0.0 in values and _negative_zero(values):
            parts.append(dumps_bytes(row))
            continue
        key = (tuple(row), types, values)
        text = cache.get(key)
        if text is None:
            if len(cache) >= _MAX_ROWS:
                cache.clear()
            text = cache[key] = dumps_bytes(row)
        parts.append(text)
    return b"[" + b",".join(parts) + b"]"


def _negative_zero(values: tuple[Any, ...]) -> bool:
    return any(type(value) is float and value == 0.0 and math.copysign(1.0, value) < 0 for value in values)


_WWW_AUTHENTICATE: Final = (
    ("Www-Authenticate", 'Basic, realm="ArangoDB"'),
    ("Www-Authenticate", 'Bearer, token_type="JWT", realm="ArangoDB"'),
)


def _cors_headers(origin: str) -> list[tuple[str, str]]:
    """``CommTask::finishExecution`` for a request with an ``Origin``: the origin echoed,
    credentials refused (no ``--http.trusted-origin`` is configured) and the exposed headers."""
    return [("Access-Control-Allow-Origin", origin), ("Access-Control-Allow-Credentials", "false"),
            ("Access-Control-Expose-Headers", EXPOSED_CORS_HEADERS)]


def _options_headers(request: Request, origin: str | None) -> list[tuple[str, str]]:
    """``CommTask::processCorsOptions`` (``arangod/GeneralServer/CommTask.cpp``, 3.12): 200 with
    ``Allow`` for every path and database, before authentication; with an ``Origin`` also the
    preflight headers (the requested headers allowed as sent, cached 1800 s)."""
    headers = [("Allow", CORS_METHODS)]
    if origin:
        headers.append(("Access-Control-Allow-Methods", CORS_METHODS))
        requested = (request.headers.get("Access-Control-Request-Headers") or "").strip()
        if requested:
            headers.append(("Access-Control-Allow-Headers", requested))
        headers.append(("Access-Control-Max-Age", "1800"))
    return headers
