"""The WSGI app: ArangoDB's HTTP surface for tasks (and what clients touch around it), plus ``/_fake/*``.

Routing is a werkzeug :class:`~werkzeug.routing.Map` matched against the *raw* request path, so
that ``/_api/tasks/a%2Fb`` (id ``a/b``) and ``/_api/tasks/a/b`` (two segments) stay apart as in
ArangoDB; each segment is percent-decoded by the ``segment`` converter. Empty segments (a trailing
``/``, a doubled ``//``) are dropped first, as arangod does. Every route exists with and without a
``/_db/{database}`` prefix. Methods are dispatched here rather than by werkzeug, because ArangoDB
answers a wrong method (HEAD included) with its own 405.

This module knows nothing of V8: it talks to the :class:`~._tasks.TaskTable`,
:class:`~._databases.Databases`, :class:`~._auth.Auth` and a :class:`Control` (clock and journal).
"""

from __future__ import annotations

import json
import math
import re
import sys
import traceback
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, Callable, Final, Iterable, Protocol
from urllib.parse import quote, unquote

from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter, Map, Rule
from werkzeug.wrappers import Request, Response

from . import _errors as E
from ._auth import Auth, Principal
from ._databases import SYSTEM, Databases
from ._documents import DocumentStore
from ._errors import ArangoError
from ._journal import Run
from ._json import dumps
from ._outgoing import OutgoingHttp
from ._tasks import TaskTable

__all__ = ["ArangoApp", "Control", "RESPONSE_HEADERS"]

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


class Control(Protocol):
    """What the ``/_fake/*`` routes need: the clock, the journal and reset."""

    @property
    def now(self) -> float: ...

    def advance(self, seconds: float) -> list[Run]: ...

    def runs_of(self, task_id: str | None) -> list[Run]: ...

    def reset(self) -> None: ...


class _SegmentConverter(BaseConverter):
    """One raw path segment, percent-decoded."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return _decode(value)

    def to_url(self, value: Any) -> str:
        return quote(str(value), safe="")


@dataclass
class _Call:
    """One request as the handlers see it."""

    request: Request
    database: str
    principal: Principal
    args: dict[str, str]

    def body(self) -> Any:
        """The parsed JSON body; ``None`` for an empty one (ArangoDB's "none" slice).

        Numbers beyond a double's range, and integers beyond 64 bits that a double cannot hold,
        are refused as velocypack's parser refuses them.

        Raises:
            ArangoError: 400/600 the body is not valid JSON.
        """
        raw = self.request.get_data(cache=True)
        if not raw.strip():
            return None
        try:
            return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant, parse_int=_parse_int,
                              parse_float=_parse_float)
        except RecursionError:
            raise ArangoError(E.CORRUPTED_JSON, "VPackError error: Nesting too deep") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ArangoError(E.CORRUPTED_JSON, f"VPackError error: {_parser_message(exc)}") from None


def _reject_constant(name: str) -> Any:
    raise ValueError(f"Expecting item ({name} is not JSON)")


def _parse_int(text: str) -> int | float:
    if len(text.lstrip("-")) <= 20:
        value = int(text)
        if -(2**63) <= value < 2**64:
            return value
    return _parse_float(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError("Numeric value out of range")
    return value


def _parser_message(exc: Exception) -> str:
    """A velocypack-style parser message for a Python JSON error."""
    if isinstance(exc, UnicodeDecodeError):
        return "Invalid UTF-8 sequence"
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    return str(exc.args[0]) if exc.args else str(exc)


Handler = Callable[[_Call], tuple[int, Any]]


def _rules() -> list[Rule]:
    return [
        Rule("/_api/tasks", endpoint="tasks"),
        Rule("/_api/tasks/<segment:task_id>", endpoint="task"),
        Rule("/_api/tasks/<segment:task_id>/<path:rest>", endpoint="task_suffix"),
        Rule("/_api/version", endpoint="version"),
        Rule("/_api/collection", endpoint="collections"),
        Rule("/_api/collection/<segment:name>", endpoint="collection"),
        Rule("/_api/collection/<segment:name>/<segment:aspect>", endpoint="collection_aspect"),
        Rule("/_api/document/<segment:collection>", endpoint="documents"),
        Rule("/_api/document/<segment:collection>/<segment:key>", endpoint="document"),
        Rule("/_api/cursor", endpoint="cursor"),
        Rule("/_api/cursor/<path:rest>", endpoint="cursor"),
        Rule("/_api/database", endpoint="databases"),
        Rule("/_api/database/current", endpoint="database_current"),
        Rule("/_api/database/<segment:name>", endpoint="database"),
        Rule("/_open/auth", endpoint="auth"),
        Rule("/_admin/server/availability", endpoint="availability"),
    ]


_CONTROL_RULES: Final = (
    Rule("/_fake/clock", endpoint="fake_clock"),
    Rule("/_fake/clock/advance", endpoint="fake_advance"),
    Rule("/_fake/runs", endpoint="fake_runs"),
    Rule("/_fake/reset", endpoint="fake_reset"),
    Rule("/_fake/http/responses", endpoint="fake_http"),
)
#: Routes that need no credentials.
_OPEN_ENDPOINTS: Final = frozenset(
    {"auth", "availability", "fake_clock", "fake_advance", "fake_runs", "fake_reset", "fake_http"}
)


class ArangoApp:
    """The WSGI application of one fake server.

    Args:
        tasks: the task table.
        databases: the databases.
        auth: authentication and permissions.
        control: the clock and journal behind ``/_fake/*``.
        documents: the collections and documents (``/_api/collection``, ``/_api/document``).
        outgoing: the canned responses for task commands' requests (``/_fake/http/responses``).
        version: the ArangoDB version to claim (``"3.12.4"``); from 4.0 on there is no Tasks API.
        javascript_tasks: ``False`` acts as ``--javascript.tasks false``: creating a task answers
            403/11, reading and deleting still work.
    """

    def __init__(
        self,
        tasks: TaskTable,
        databases: Databases,
        auth: Auth,
        control: Control,
        documents: DocumentStore,
        outgoing: OutgoingHttp,
        *,
        version: str = "3.12.4",
        javascript_tasks: bool = True,
    ) -> None:
        self.tasks = tasks
        self.databases = databases
        self.auth = auth
        self.control = control
        self.documents = documents
        self.outgoing = outgoing
        self.version = version
        self.javascript_tasks = javascript_tasks
        rules = _rules()
        if _major(version) >= 4:  # the Tasks API was removed in 4.0
            rules = [r for r in rules if not r.rule.startswith("/_api/tasks")]
        self._map = Map(
            [*rules, *(r.empty() for r in _CONTROL_RULES)],
            converters={"segment": _SegmentConverter},
            strict_slashes=False,
            merge_slashes=False,
        )
        self._handlers: dict[str, dict[str, Handler]] = {
            "tasks": {"GET": self._list_tasks, "POST": self._create_task, "PUT": self._put_without_id,
                      "DELETE": self._delete_without_id},
            "task": {"GET": self._get_task, "POST": self._create_task, "PUT": self._put_task,
                     "DELETE": self._delete_task},
            "task_suffix": {"GET": self._superfluous_get, "POST": self._create_task, "PUT": self._put_without_id,
                            "DELETE": self._delete_without_id},
            "version": {"GET": self._version},
            "collections": {"GET": self._collections, "POST": self._create_collection},
            "collection": {"GET": self._collection, "DELETE": self._drop_collection},
            "collection_aspect": {"GET": self._collection_aspect, "PUT": self._collection_aspect},
            "documents": {"POST": self._insert_document, "PUT": self._not_emulated, "PATCH": self._not_emulated,
                          "DELETE": self._not_emulated},
            "document": {"GET": self._read_document, "HEAD": self._read_document, "PUT": self._write_document,
                         "PATCH": self._write_document, "DELETE": self._write_document},
            "cursor": {m: self._aql for m in ("GET", "POST", "PUT", "DELETE")},
            "databases": {"GET": self._list_databases, "POST": self._create_database},
            "database_current": {"GET": self._current_database},
            "database": {"DELETE": self._drop_database},
            "auth": {"POST": self._login},
            "availability": {"GET": self._availability},
            "fake_clock": {"GET": self._fake_clock},
            "fake_advance": {"POST": self._fake_advance},
            "fake_runs": {"GET": self._fake_runs},
            "fake_reset": {"POST": self._fake_reset},
            "fake_http": {"GET": self._fake_http, "POST": self._fake_http, "DELETE": self._fake_http},
        }

    # -- WSGI ------------------------------------------------------------------------------------

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

    def _dispatch(self, request: Request) -> tuple[int, Any]:
        """Check database and credentials in arangod's order, route, and call the handler.

        ``CommTask::prepareExecution`` resolves the database before it authenticates and before
        any handler is found: an unknown database is 404/1228 with authentication off (whatever
        the path), and 401/11 for a caller without access.
        """
        database, path, prefixed = _split_database(request)
        try:
            endpoint, args = self._map.bind("localhost").match(path, method="GET")
        except NotFound:
            endpoint, args = None, {}
        if prefixed and endpoint is not None and endpoint.startswith("fake_"):
            endpoint = None  # the control routes exist only without a /_db prefix
        principal = Principal("", superuser=not self.auth.enabled)
        credentials_error = None
        if endpoint not in _OPEN_ENDPOINTS:
            try:
                principal = self.auth.authenticate(request.headers.get("Authorization"))
            except ArangoError as exc:
                credentials_error = exc
        if not self.databases.exists(database):
            if credentials_error is not None or self.auth.access(principal, database) == "none":
                raise self.auth.unauthorized()
            raise self.databases.not_found()
        if credentials_error is not None:
            raise credentials_error
        if endpoint is None:
            raise _unknown_path(request, path)
        if self.auth.access(principal, database) == "none" and endpoint not in _OPEN_ENDPOINTS:
            raise self.auth.unauthorized()
        handler = self._handlers[endpoint].get(request.method)
        if handler is None:
            raise ArangoError(E.HTTP_METHOD_NOT_ALLOWED)
        return handler(_Call(request, database, principal, dict(args)))

    def _require_write(self, call: _Call, message: str | None = None, database: str | None = None) -> None:
        """403/11 (with ``message``) unless the caller may write to ``database`` (the request's)."""
        if self.auth.access(call.principal, call.database if database is None else database) != "rw":
            raise ArangoError(E.FORBIDDEN, message)

    # -- Tasks ------------------------------------------------------------------------------------

    def _list_tasks(self, call: _Call) -> tuple[int, Any]:
        return 200, [t.to_json() for t in self.tasks.list(call.principal.task_owner)]

    def _get_task(self, call: _Call) -> tuple[int, Any]:
        return 200, self.tasks.get(call.args["task_id"], call.principal.task_owner).to_json()

    def _superfluous_get(self, call: _Call) -> tuple[int, Any]:
        raise ArangoError(E.SUPERFLUOUS_SUFFICES, "superfluous parameter, expecting /_api/tasks[/<id>]")

    def _create_task(self, call: _Call, url_id: str | None = None) -> tuple[int, Any]:
        """Create checks 1 to 4 of spec §3 (body, switch, PUT form, permission); the table does the rest."""
        body = call.body()
        if not self.javascript_tasks:
            raise ArangoError(E.FORBIDDEN, "JavaScript tasks are disabled")
        if call.request.method == "PUT" and url_id is None:
            raise ArangoError(E.BAD_PARAMETER, "expected PUT /_api/tasks/<task-id>")
        self._require_write(call, "registering a task needs db RW permissions")
        task = self.tasks.register(body, database=call.database, user=call.principal.user, task_id=url_id)
        return 200, task

    def _put_task(self, call: _Call) -> tuple[int, Any]:
        return self._create_task(call, url_id=call.args["task_id"])

    def _put_without_id(self, call: _Call) -> tuple[int, Any]:
        return self._create_task(call, url_id=None)

    def _delete_task(self, call: _Call) -> tuple[int, Any]:
        self._require_write(call, "unregister task needs db RW permissions")
        self.tasks.remove(call.args["task_id"], call.principal.task_owner)
        return 200, {"error": False, "code": 200}

    def _delete_without_id(self, call: _Call) -> tuple[int, Any]:
        raise ArangoError(E.SUPERFLUOUS_SUFFICES, "bad parameter, expecting /_api/tasks/<id>")

    # -- Around the Tasks API ---------------------------------------------------------------------

    def _version(self, call: _Call) -> tuple[int, Any]:
        body: dict[str, Any] = {"server": "arango", "license": "community", "version": self.version}
        if _flag(call, "details"):
            body["details"] = _version_details(self.version)
        return 200, body

    # -- Collections and documents (what task commands wrote) ------------------------------------

    def _collections(self, call: _Call) -> tuple[int, Any]:
        result = [c.summary() for c in self.documents.collections(call.database)]
        return 200, {"error": False, "code": 200, "result": result}

    def _create_collection(self, call: _Call) -> tuple[int, Any]:
        body = call.body()
        self._require_write(call)
        if not isinstance(body, dict):
            raise ArangoError(E.HTTP_BAD_PARAMETER, "expecting object")
        name = body.get("name")
        if not isinstance(name, str):
            raise ArangoError(E.ILLEGAL_NAME)
        self.documents.write("createCollection", call.database, name, 3 if body.get("type") == 3 else 2,
                             body.get("isSystem") is True)
        return 200, {"error": False, "code": 200, **self.documents.collection(call.database, name).properties(call.database)}

    def _collection(self, call: _Call) -> tuple[int, Any]:
        found = self.documents.collection(call.database, call.args["name"])
        return 200, {"error": False, "code": 200, **found.summary()}

    def _drop_collection(self, call: _Call) -> tuple[int, Any]:
        self._require_write(call)
        result = self.documents.write("dropCollection", call.database, call.args["name"])
        return 200, {"error": False, "code": 200, "id": result["id"]}

    def _collection_aspect(self, call: _Call) -> tuple[int, Any]:
        name, aspect = call.args["name"], call.args["aspect"]
        if (call.request.method, aspect) == ("PUT", "truncate"):
            self._require_write(call)
            self.documents.write("truncate", call.database, name)
            return 200, {"error": False, "code": 200, **self.documents.collection(call.database, name).summary()}
        if call.request.method != "GET" or aspect not in ("properties", "count"):
            return self._not_emulated(call)
        found = self.documents.collection(call.database, name)
        body: dict[str, Any] = {"error": False, "code": 200}
        for key, value in found.properties(call.database).items():
            body[key] = value
            if key == "status" and aspect == "count":
                body["count"] = len(found.docs)
        return 200, body

    def _insert_document(self, call: _Call) -> tuple[int, Any]:
        body = call.body()
        self._require_write(call)
        name = call.args["collection"]
        self.documents.collection(call.database, name, suffix=True)
        options: dict[str, Any] = {"overwrite": _flag(call, "overwrite"), "returnNew": _flag(call, "returnNew"), "http": True}
        mode = call.request.args.get("overwriteMode")
        if mode in ("ignore", "replace", "update", "conflict"):
            options["overwriteMode"] = mode
        if isinstance(body, list):
            results: list[Any] = []
            for item in body:
                try:
                    results.append(self.documents.write("insert", call.database, name, item, options))
                except ArangoError as exc:
                    results.append({"error": True, "errorNum": exc.error_num, "errorMessage": exc.message})
            return 202, results
        return 202, self.documents.write("insert", call.database, name, body, options)

    def _read_document(self, call: _Call) -> tuple[int, Any]:
        document = self.documents.document(call.database, call.args["collection"], call.args["key"])
        expected = _revision(call.request.headers.get("If-Match"))
        if expected is not None and expected != document["_rev"]:
            raise ArangoError(E.CONFLICT, "conflict, _rev values do not match", 412)
        return 200, document

    def _write_document(self, call: _Call) -> tuple[int, Any]:
        method = call.request.method
        body = call.body() if method != "DELETE" else None
        self._require_write(call)
        name, key = call.args["collection"], call.args["key"]
        self.documents.collection(call.database, name, suffix=True)
        options: dict[str, Any] = {
            "keepNull": _flag(call, "keepNull", True), "mergeObjects": _flag(call, "mergeObjects", True),
            "ignoreRevs": _flag(call, "ignoreRevs", True), "returnNew": _flag(call, "returnNew"),
            "returnOld": _flag(call, "returnOld"), "http": True,
        }
        expected = _revision(call.request.headers.get("If-Match"))
        if expected is not None:
            options["ifMatch"] = expected
        if method == "DELETE":
            return 202, self.documents.write("remove", call.database, name, key, options)
        op = "replace" if method == "PUT" else "update"
        return 202, self.documents.write(op, call.database, name, key, body, options)

    def _aql(self, call: _Call) -> tuple[int, Any]:
        """``POST /_api/cursor``: only the one query python-arango's ``collection.all()`` sends,
        ``FOR doc IN @@collection LIMIT skip, limit RETURN doc``, answered in full (one batch).
        Any other AQL is 501/9: the fake has no AQL, and a wrong answer would be worse."""
        body = call.body() if call.request.method == "POST" and "rest" not in call.args else None
        query = body.get("query") if isinstance(body, dict) else None
        bind_vars = body.get("bindVars") if isinstance(body, dict) else None
        match = _ALL_DOCUMENTS.fullmatch(" ".join(query.split())) if isinstance(query, str) else None
        if match is None or not isinstance(bind_vars, dict) or not isinstance(bind_vars.get("@collection"), str):
            raise ArangoError(E.NOT_IMPLEMENTED, "not supported by fake-arango-tasks: AQL (/_api/cursor)")
        name = bind_vars["@collection"]
        try:
            found = self.documents.collection(call.database, name)
        except ArangoError:
            raise ArangoError(E.DATA_SOURCE_NOT_FOUND, f"AQL: collection or view not found: {name} (while parsing)") from None
        documents = [json.loads(text) for text in list(found.docs.values())]
        skip = int(match.group(2) or 0)
        limit = match.group(3)
        documents = documents[skip:] if limit in (None, "null") else documents[skip:skip + int(limit)]
        result: dict[str, Any] = {"result": documents, "hasMore": False}
        if isinstance(body, dict) and body.get("count") is True:
            result["count"] = len(documents)
        result.update({"cached": False, "extra": {"warnings": [], "stats": {}}, "error": False, "code": 201})
        return 201, result

    def _not_emulated(self, call: _Call) -> tuple[int, Any]:
        """Routes of the document and collection APIs the fake does not emulate (batch document
        operations, statistics, checksums, ...): 501/9, never a misleading 404 or 405."""
        raise ArangoError(E.NOT_IMPLEMENTED, f"not supported by fake-arango-tasks: {call.request.method} {call.request.path}")

    def _list_databases(self, call: _Call) -> tuple[int, Any]:
        _require_system(call)
        return 200, {"error": False, "code": 200, "result": self.databases.names()}

    def _current_database(self, call: _Call) -> tuple[int, Any]:
        return 200, {"error": False, "code": 200, "result": self.databases.info(call.database)}

    def _create_database(self, call: _Call) -> tuple[int, Any]:
        _require_system(call)
        body = call.body()
        self._require_write(call, database=SYSTEM)
        name = body.get("name") if isinstance(body, dict) else None
        self.databases.create(name)
        users = body.get("users") if isinstance(body, dict) else None
        for spec in users if isinstance(users, list) else []:
            if isinstance(spec, dict):
                username = spec.get("username", spec.get("user"))
                if isinstance(username, str) and username:
                    password = spec.get("passwd", "")
                    self.auth.add_user(username, password if isinstance(password, str) else "", {str(name): "rw"})
        return 201, {"error": False, "code": 201, "result": True}

    def _drop_database(self, call: _Call) -> tuple[int, Any]:
        _require_system(call)
        self._require_write(call, database=SYSTEM)
        self.databases.drop(call.args["name"])
        return 200, {"error": False, "code": 200, "result": True}

    def _login(self, call: _Call) -> tuple[int, Any]:
        """``POST /_open/auth`` (``RestAuthHandler.cpp``): a session JWT for good credentials."""
        body = call.body()
        username = body.get("username") if isinstance(body, dict) else None
        password = body.get("password") if isinstance(body, dict) else None
        if not isinstance(username, str) or not isinstance(password, str):
            raise ArangoError(E.HTTP_BAD_PARAMETER, "invalid JSON")
        if self.auth.enabled:
            try:
                self.auth.check_password(username, password)
            except ArangoError:
                raise ArangoError(E.HTTP_UNAUTHORIZED, "Wrong credentials") from None
        return 200, {"jwt": self.auth.issue_token(username)}

    def _availability(self, call: _Call) -> tuple[int, Any]:
        return 200, {"error": False, "code": 200, "mode": "default"}

    # -- /_fake control routes --------------------------------------------------------------------

    def _fake_clock(self, call: _Call) -> tuple[int, Any]:
        return 200, {"now": self.control.now}

    def _fake_advance(self, call: _Call) -> tuple[int, Any]:
        body = call.body()
        seconds = body.get("seconds") if isinstance(body, dict) else None
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
            raise ArangoError(E.BAD_PARAMETER, "expecting {\"seconds\": <number>}")
        try:
            runs = self.control.advance(seconds)
        except (ValueError, TypeError, RuntimeError) as exc:  # out of range, wall clock, stopped, run limit
            raise ArangoError(E.BAD_PARAMETER, str(exc)) from None
        return 200, {"now": self.control.now, "runs": [r.to_json() for r in runs]}

    def _fake_runs(self, call: _Call) -> tuple[int, Any]:
        return 200, [r.to_json() for r in self.control.runs_of(call.request.args.get("task"))]

    def _fake_reset(self, call: _Call) -> tuple[int, Any]:
        self.control.reset()
        return 200, {"error": False, "code": 200}

    def _fake_http(self, call: _Call) -> tuple[int, Any]:
        """Canned responses for task commands' outgoing requests: GET lists, POST adds
        ``{"method", "url", "status"?, "json"? | "body"?, "headers"?, "prefix"?}``, DELETE clears."""
        if call.request.method == "DELETE":
            self.outgoing.clear()
        elif call.request.method == "POST":
            body = call.body()
            if not isinstance(body, dict) or not isinstance(body.get("method"), str) or not isinstance(body.get("url"), str):
                raise ArangoError(E.BAD_PARAMETER, 'expecting {"method": <string>, "url": <string>, ...}')
            options = {k: body[k] for k in ("status", "body", "headers", "prefix", "json") if k in body}
            headers = options.get("headers", {})
            if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
                raise ArangoError(E.BAD_PARAMETER, "headers must be an object of strings")
            try:
                self.outgoing.respond(body["method"], body["url"], **options)
            except (TypeError, ValueError) as exc:
                raise ArangoError(E.BAD_PARAMETER, str(exc)) from None
        return 200, self.outgoing.snapshot()


#: The query of python-arango's ``collection.all()`` (whitespace folded).
_ALL_DOCUMENTS: Final = re.compile(r"FOR (\w+) IN @@collection(?: LIMIT (\d+), (\d+|null))? RETURN \1")


def _revision(header: str | None) -> str | None:
    """A revision from an ``If-Match`` header (quoted or not)."""
    return None if header is None else header.strip().strip('"')


def _flag(call: _Call, name: str, default: bool = False) -> bool:
    """A boolean query parameter as ArangoDB reads one (``true``/``1``/``yes``/``on``)."""
    value = call.request.args.get(name)
    return default if value is None else value.lower() in ("1", "true", "yes", "on")


def _require_system(call: _Call) -> None:
    if call.database != SYSTEM:
        raise ArangoError(E.USE_SYSTEM_DATABASE)


def _decode(segment: str) -> str:
    """A percent-encoded path segment as text.

    Raises:
        ArangoError: 400/400 the bytes are not UTF-8 (two different ids must not decode alike).
    """
    try:
        return unquote(segment, errors="strict")
    except UnicodeDecodeError:
        raise ArangoError(E.HTTP_BAD_PARAMETER, "invalid URL: path is not valid UTF-8") from None


def _split_database(request: Request) -> tuple[str, str, bool]:
    """``(database, path, prefixed)``: the ``/_db/{name}`` prefix decoded (``_system`` without
    one), the rest of the raw (still percent-encoded) path without empty segments, and whether
    there was a prefix."""
    raw = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI")
    if raw:
        raw = raw.split("?", 1)[0]
        if "://" in raw:  # absolute-form request target
            raw = "/" + raw.split("://", 1)[1].partition("/")[2]
        mount = request.environ.get("SCRIPT_NAME", "")
        if mount and raw.startswith(mount):
            raw = raw[len(mount):]
    else:  # a WSGI server that gives only the decoded path: an id holding "/" reads as two segments
        raw = quote(request.path, safe="/")
    segments = raw.split("/")[1:]
    database, prefixed = SYSTEM, len(segments) >= 2 and segments[0] == "_db"
    if prefixed:
        database = _decode(segments[1])
        segments = segments[2:]
    return database, "/" + "/".join(s for s in segments if s), prefixed


def _unknown_path(request: Request, path: str) -> ArangoError:
    """404/404 ``unknown path '<url>'`` as ArangoDB's JS action router sends it: the URL without
    the ``/_db/{name}`` prefix, with the query string."""
    url = unquote(path)
    query = request.environ.get("QUERY_STRING")
    if query:
        url += "?" + query
    return ArangoError(E.HTTP_NOT_FOUND, f"unknown path '{url}'", origin="javascript")


def _major(version: str) -> int:
    try:
        return int(version.split(".", 1)[0])
    except ValueError:
        return 3


def _version_details(version: str) -> dict[str, str]:
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
