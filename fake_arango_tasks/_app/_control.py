"""``/_fake/*``: the control API (everything the Python API does, for clients in any language).
JSON in and out, never a path ArangoDB uses, described by the OpenAPI 3.1 document served at
``/_fake/openapi.json`` (:mod:`fake_arango_tasks._openapi`).

- Answers are written by Python's JSON writer (Unix seconds read as plain numbers, not
  velocypack's ``1.7e+9``), indented with ``?pretty=true`` (:class:`ControlFormat`).
- When users are configured, or a ``control_token`` is, the routes need credentials: the control
  token as a bearer token, a superuser JWT, or Basic/JWT credentials of an administrator (a user
  with ``rw`` access to ``_system``). Bad or missing credentials are 401/11 as ArangoDB answers
  them; a user who is not an administrator gets 403/11. ``/_fake/openapi.json`` is open.
- Errors are ArangoDB's envelope with errorNum 10 (bad parameter) for a bad body or argument.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Protocol
from urllib.parse import parse_qs

from .. import _errors as E
from .._errors import ArangoError, FakeArangoTasksError
from ._call import FALSE_WORDS, TRUE_WORDS, Call, Handler, Reply
from ._routing import Route

if TYPE_CHECKING:
    from .._faults import Faults
    from .._journal import Run
    from .._logging import RecordedRequest
    from .._outgoing import OutgoingHttp

__all__ = ["ROUTES", "ControlApi", "ControlFormat"]


class ControlApi(Protocol):
    """What the control routes need of the server (``FakeArangoTasks`` has it all)."""

    control_token: str | None
    faults: Faults
    http: OutgoingHttp

    @property
    def runs(self) -> list[Run]: ...
    @property
    def requests(self) -> list[RecordedRequest]: ...
    @property
    def runs_recorded(self) -> int: ...
    @property
    def dropped_runs(self) -> int: ...
    @property
    def dropped_failures(self) -> int: ...

    def clock_json(self) -> dict[str, Any]: ...
    def info(self) -> dict[str, Any]: ...
    def advance(self, seconds: float, *, collect: bool = True) -> list[Run]: ...
    def advance_to(self, when: float, *, collect: bool = True) -> list[Run]: ...
    def run_until_idle(self, limit: float = 3600.0, *, collect: bool = True) -> list[Run]: ...
    def runs_of(self, task_id: str | None) -> list[Run]: ...
    def requests_to(self, path: str, method: str | None = None) -> list[RecordedRequest]: ...
    def reset(self) -> None: ...
    def unexpected_errors(self) -> list[Run]: ...
    def expect_errors(self, task_id: str | None = None) -> None: ...
    def snapshot(self) -> dict[str, Any]: ...
    def restore(self, state: Mapping[str, Any]) -> None: ...
    def next_run(self, task_id: str) -> float | None: ...
    def insert(self, collection: str, documents: Any, *, database: str = "_system") -> list[dict[str, Any]]: ...
    def documents(self, collection: str, *, database: str = "_system") -> list[dict[str, Any]]: ...


def _api(call: Call) -> ControlApi:
    api: ControlApi = call.services.control  # type: ignore[assignment]  # FakeArangoTasks (see _server)
    return api


def _bad(message: str) -> ArangoError:
    return ArangoError(E.BAD_PARAMETER, message)


def _object(call: Call, *, optional: bool = False) -> dict[str, Any]:
    body = call.body()
    if body is None and optional:
        return {}
    if not isinstance(body, dict):
        raise _bad("expecting a JSON object as body")
    return body


def _number(body: Mapping[str, Any], key: str, default: float | None = None) -> float:
    value = body.get(key, default)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise _bad(f'expecting {{"{key}": <number>}}')
    return float(value)


def _collect(body: Mapping[str, Any]) -> bool:
    value = body.get("collect", True)
    if not isinstance(value, bool):
        raise _bad('"collect" must be true or false')
    return value


def _calling(action: Callable[[], Any]) -> Any:
    """Run a Python API call, its argument and state errors as 400/10."""
    try:
        return action()
    except ArangoError:
        raise
    except FakeArangoTasksError as exc:
        raise _bad(str(exc)) from None


def guarded(handler: Handler) -> Handler:
    """``handler`` behind the control routes' credentials check (see the module doc)."""

    def check(call: Call) -> Reply:
        _authorize(call)
        return handler(call)

    check.__name__ = handler.__name__
    check.__doc__ = handler.__doc__
    return check


def _authorize(call: Call) -> None:
    token = _api(call).control_token
    auth = call.services.auth
    if token is None and not auth.enabled:
        return
    header = call.request.headers.get("Authorization", "")
    scheme, _, value = header.strip().partition(" ")
    if token is not None and scheme.lower() == "bearer" and secrets.compare_digest(value.strip().encode(),
                                                                                     token.encode()):
        return
    if not auth.enabled:
        raise auth.unauthorized()
    principal = auth.authenticate(header)  # 401/11 for bad credentials
    if not principal.superuser and auth.access(principal, "_system") != "rw":
        raise ArangoError(E.FORBIDDEN, "the control routes need a superuser, an administrator (rw access to "
                                       "_system) or the control token")


# -- clock ------------------------------------------------------------------------------------------


def clock(call: Call) -> Reply:
    """``{"mode", "now", "iso"}``."""
    return 200, _api(call).clock_json()


def _runs_answer(call: Call, advancing: Callable[[], list[Run]], collect: bool) -> Reply:
    """The clock and the runs made; without ``collect``, their ``count`` all the same."""
    api = _api(call)
    before = api.runs_recorded
    runs = _calling(advancing)
    count = len(runs) if collect else api.runs_recorded - before
    return 200, {**api.clock_json(), "count": count, "runs": [r.to_json() for r in runs]}


def advance(call: Call) -> Reply:
    """``{"seconds": n, "collect"?: bool}`` -> the clock and the runs made."""
    body = _object(call)
    seconds, collect = _number(body, "seconds"), _collect(body)
    return _runs_answer(call, lambda: _api(call).advance(seconds, collect=collect), collect)


def advance_to(call: Call) -> Reply:
    """``{"time": Unix seconds | ISO 8601 text with a zone, "collect"?: bool}``."""
    body = _object(call)
    when = body.get("time")
    if isinstance(when, str):
        try:
            moment = dt.datetime.fromisoformat(when)
        except ValueError:
            raise _bad(f"time must be Unix seconds or an ISO 8601 date with a zone, not {when!r}") from None
        if moment.tzinfo is None:
            raise _bad(f"time {when!r} has no zone: add Z or an offset")
        when = moment.timestamp()
    elif not isinstance(when, (int, float)) or isinstance(when, bool):
        raise _bad('expecting {"time": <Unix seconds or ISO 8601 text>}')
    collect = _collect(body)
    target = float(when)
    return _runs_answer(call, lambda: _api(call).advance_to(target, collect=collect), collect)


def run_until_idle(call: Call) -> Reply:
    """``{"limit"?: seconds (3600), "collect"?: bool}``."""
    body = _object(call, optional=True)
    limit, collect = _number(body, "limit", 3600.0), _collect(body)
    return _runs_answer(call, lambda: _api(call).run_until_idle(limit, collect=collect), collect)


def next_run(call: Call) -> Reply:
    """``{"task", "next": Unix seconds | null}``."""
    task_id = call.args["task_id"]
    due = _api(call).next_run(task_id)
    return 200, {"task": task_id, "next": due}


# -- journals ---------------------------------------------------------------------------------------


def runs(call: Call) -> Reply:
    """``?task=ID`` (its failures then count as looked at), ``?failed=true|false``, ``?limit=N``
    (the last N)."""
    args = call.request.args
    task = args.get("task")
    found = _api(call).runs_of(task) if task is not None else _api(call).runs
    failed = args.get("failed")
    if failed is not None:
        if failed.lower() not in TRUE_WORDS + FALSE_WORDS:
            raise _bad("failed must be true or false")
        wanted = failed.lower() in TRUE_WORDS
        found = [r for r in found if r.threw == wanted]
    limit = args.get("limit")
    if limit is not None:
        if not limit.isdigit():
            raise _bad("limit must be a non-negative integer")
        found = found[len(found) - int(limit):] if int(limit) else []
    return 200, [r.to_json() for r in found]


def requests(call: Call) -> Reply:
    """``?method=GET``, ``?path=/_api/tasks`` (a prefix)."""
    args = call.request.args
    found = _api(call).requests_to(args.get("path", ""), args.get("method"))
    return 200, [r.to_json() for r in found]


def strict(call: Call) -> Reply:
    """Strict mode's report: ``{"unexpected": [<run>...], "droppedFailures": n}``."""
    api = _api(call)
    return 200, {"unexpected": [r.to_json() for r in api.unexpected_errors()], "droppedFailures": api.dropped_failures}


def expect(call: Call) -> Reply:
    """``{"task": ID | null}``: failures of that task (every task: null) are expected."""
    body = _object(call, optional=True)
    task = body.get("task")
    if task is not None and not isinstance(task, str):
        raise _bad('expecting {"task": <string or null>}')
    _calling(lambda: _api(call).expect_errors(task))
    return strict(call)


# -- state ------------------------------------------------------------------------------------------


def info(call: Call) -> Reply:
    """Versions, clock, counts and bounds."""
    return 200, _api(call).info()


def reset(call: Call) -> Reply:
    """A fresh server."""
    _api(call).reset()
    return 200, {"error": False, "code": 200}


def snapshot(call: Call) -> Reply:
    """GET: the state as JSON; PUT: restore a state GET gave."""
    if call.method == "PUT":
        body = _object(call)
        _calling(lambda: _api(call).restore(body))
        return 200, {"error": False, "code": 200}
    return 200, _api(call).snapshot()


def documents(call: Call) -> Reply:
    """GET: the documents of a collection; POST a document or an array: seed it (created when
    missing). ``?database=NAME`` (default ``_system``)."""
    name = call.args["collection"]
    database = call.request.args.get("database", "_system")
    if call.method == "POST":
        body = call.body()
        if not isinstance(body, (dict, list)):
            raise _bad("expecting a document or an array of documents")
        return 200, _api(call).insert(name, body, database=database)
    return 200, _api(call).documents(name, database=database)


def http_responses(call: Call) -> Reply:
    """Canned responses for task commands' outgoing requests: GET lists, POST adds
    ``{"method", "url", "status"?, "json"? | "body"?, "headers"?, "prefix"?}``, DELETE clears."""
    outgoing = call.services.outgoing
    if call.method == "DELETE":
        outgoing.clear()
    elif call.method == "POST":
        body = _object(call)
        if not isinstance(body.get("method"), str) or not isinstance(body.get("url"), str):
            raise _bad('expecting {"method": <string>, "url": <string>, ...}')
        options = {k: body[k] for k in ("status", "body", "headers", "prefix", "json") if k in body}
        headers = options.get("headers", {})
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise _bad("headers must be an object of strings")
        try:
            outgoing.respond(body["method"], body["url"], **options)
        except (TypeError, ValueError) as exc:
            raise _bad(str(exc)) from None
    return 200, outgoing.snapshot()


_FAULT_KEYS = {"method": "method", "path": "path", "times": "times", "delay": "delay", "status": "status",
               "errorNum": "error_num", "message": "message", "drop": "drop", "prefix": "prefix"}


def faults(call: Call) -> Reply:
    """GET lists, POST adds ``{"method"?, "path", "times"?, "delay"?, "status"?, "errorNum"?,
    "message"?, "drop"?, "prefix"?}``, DELETE clears."""
    registered = _api(call).faults
    if call.method == "DELETE":
        registered.clear()
    elif call.method == "POST":
        body = _object(call)
        unknown = sorted(set(body) - set(_FAULT_KEYS))
        if unknown:
            raise _bad(f"unknown fault attribute(s) {', '.join(unknown)}; allowed: {', '.join(_FAULT_KEYS)}")
        options = {_FAULT_KEYS[k]: v for k, v in body.items()}
        _calling(lambda: registered.add(**options))
    return 200, [f.to_json() for f in registered.list()]


def openapi(call: Call) -> Reply:
    """The OpenAPI 3.1 document of the control API."""
    from .._openapi import document

    return 200, document()


ROUTES = (
    Route("/_fake/openapi.json", {"GET": openapi}, access="control"),
    Route("/_fake/info", {"GET": guarded(info)}, access="control"),
    Route("/_fake/clock", {"GET": guarded(clock)}, access="control"),
    Route("/_fake/clock/advance", {"POST": guarded(advance)}, access="control"),
    Route("/_fake/clock/advance_to", {"POST": guarded(advance_to)}, access="control"),
    Route("/_fake/clock/run_until_idle", {"POST": guarded(run_until_idle)}, access="control"),
    Route("/_fake/tasks/<segment:task_id>/next_run", {"GET": guarded(next_run)}, access="control"),
    Route("/_fake/runs", {"GET": guarded(runs)}, access="control"),
    Route("/_fake/requests", {"GET": guarded(requests)}, access="control"),
    Route("/_fake/strict", {"GET": guarded(strict)}, access="control"),
    Route("/_fake/strict/expect", {"POST": guarded(expect)}, access="control"),
    Route("/_fake/reset", {"POST": guarded(reset)}, access="control"),
    Route("/_fake/snapshot", {"GET": guarded(snapshot), "PUT": guarded(snapshot)}, access="control"),
    Route("/_fake/documents/<segment:collection>", {"GET": guarded(documents), "POST": guarded(documents)},
          access="control"),
    Route("/_fake/http/responses", {"GET": guarded(http_responses), "POST": guarded(http_responses),
                                    "DELETE": guarded(http_responses)}, access="control"),
    Route("/_fake/faults", {"GET": guarded(faults), "POST": guarded(faults), "DELETE": guarded(faults)},
          access="control"),
)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class ControlFormat:
    """WSGI middleware: the JSON answers of ``/_fake/*`` rewritten by Python's JSON writer
    (``1796162185.506147``, not velocypack's ``1.796162185506147e+9``), indented by two spaces
    with a final newline under ``?pretty=true``. Other paths pass through untouched.

    Args:
        app: the app whose answers are rewritten.
    """

    def __init__(self, app: WsgiApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not str(environ.get("PATH_INFO", "")).startswith("/_fake/"):
            return self.app(environ, start_response)
        answered: list[tuple[str, list[tuple[str, str]]]] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], Any]:
            answered.append((status, list(headers)))
            return lambda data: None

        body = b"".join(self.app(environ, capture))
        status, headers = answered[-1]
        pretty = parse_qs(str(environ.get("QUERY_STRING", ""))).get("pretty", ["false"])[-1].lower() in ("true", "1")
        if body and any(k.lower() == "content-type" and "json" in v for k, v in headers):
            value = json.loads(body)
            body = (json.dumps(value, indent=2, ensure_ascii=False) + "\n" if pretty
                    else json.dumps(value, separators=(",", ":"), ensure_ascii=False)).encode("utf-8")
            headers = [(k, str(len(body)) if k.lower() == "content-length" else v) for k, v in headers]
        start_response(status, headers)
        return [body]
