"""The WSGI app: ArangoDB's HTTP surface (the Tasks API and what clients touch around it) plus
the ``/_fake/*`` control routes, one module per resource as werkzeug's ``routing/`` is split:

- ``_routing``: the route table's form (:class:`Route`), raw-path matching, the database prefix;
- ``_call``: one request as handlers see it (body parsing, flags, permission checks);
- ``_tasks``, ``_collections``, ``_documents``, ``_databases``, ``_cursor``, ``_server_info``,
  ``_control``: the routes of each resource, each declared once in its ``ROUTES``.

This package knows nothing of V8: it talks to the services in :class:`Services`.
"""

from __future__ import annotations

import sys
import traceback
from http import HTTPStatus
from typing import Any, Callable, Final, Iterable

from werkzeug.wrappers import Request, Response

from .. import _errors as E
from .._auth import Principal
from .._errors import ArangoError
from .._json import dumps
from . import _collections, _control, _cursor, _databases, _documents, _indexes, _server_info, _tasks, _transactions
from ._call import Call, Reply
from ._routing import Route, Router, split_database, unknown_path
from ._services import Control, Services

__all__ = ["ArangoApp", "Control", "RESPONSE_HEADERS", "ROUTES", "Services"]

#: Every route of the fake, in matching order.
ROUTES: Final[tuple[Route, ...]] = (
    *_tasks.ROUTES, *_server_info.ROUTES, *_collections.ROUTES, *_documents.ROUTES, *_cursor.ROUTES,
    *_databases.ROUTES, *_control.ROUTES,
    *_indexes.ROUTES, *_transactions.ROUTES,
)

#: Headers on every ArangoDB answer (recorded from 3.10 to 3.12).
RESPONSE_HEADERS: Final = (
    ("Server", "ArangoDB"),
    ("X-Content-Type-Options", "nosniff"),
    ("Cache-Control", "no-cache, no-store, must-revalidate, pre-check=0, post-check=0, max-age=0, s-maxage=0"),
    ("Expires", "0"),
    ("Pragma", "no-cache"),
    ("Content-Security-Policy", "frame-ancestors 'self'; form-action 'self';"),
    ("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains"),
    ("X-Arango-Queue-Time-Seconds", "0.000000"),
)


class ArangoApp:
    """The WSGI application of one fake server.

    Args:
        services: what the routes serve from (tasks, databases, auth, documents, ...).
    """

    def __init__(self, services: Services) -> None:
        self.services = services
        self._router = Router(ROUTES, tasks_api=_server_info.major_version(services.version) < 4)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        try:
            status, body = self._dispatch(request)
            error = None
        except ArangoError as exc:
            status, body, error = exc.status, exc.envelope(), exc
        except Exception:  # a bug of ours: ArangoDB's 500 envelope, never a traceback page
            traceback.print_exc(file=sys.stderr)
            error = ArangoError(E.INTERNAL, "internal error of fake-arango-tasks (traceback on its stderr)")
            status, body = error.status, error.envelope()
        response = Response(
            b"" if request.method == "HEAD" else dumps(body).encode("utf-8"),
            status=f"{status} {HTTPStatus(status).phrase}",  # arangod's reason phrases: "Not Found", not "NOT FOUND"
            headers=RESPONSE_HEADERS,
            content_type="application/json; charset=utf-8" if error and error.origin == "javascript"
            else "application/json",
        )
        if status == 401 and "x-omit-www-authenticate" not in request.headers:
            response.headers.add("Www-Authenticate", 'Basic, realm="ArangoDB"')
            response.headers.add("Www-Authenticate", 'Bearer, token_type="JWT", realm="ArangoDB"')
        return response(environ, start_response)

    def _dispatch(self, request: Request) -> Reply:
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
        return handler(Call(request, database, principal, dict(args), services))
