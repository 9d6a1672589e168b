"""``/_fake/*``: the control routes (clock, runs, reset, canned responses), for clients in any
language. JSON in and out, never a path ArangoDB uses."""

from __future__ import annotations

from .. import _errors as E
from .._errors import ArangoError, OptionError, OptionTypeError, RunLimitExceeded, ServerStateError, ClockError
from ._call import Call, Reply
from ._routing import Route

__all__ = ["ROUTES"]


def clock(call: Call) -> Reply:
    return 200, {"now": call.services.control.now}


def advance(call: Call) -> Reply:
    body = call.body()
    seconds = body.get("seconds") if isinstance(body, dict) else None
    if not isinstance(seconds, (int, float)) or isinstance(seconds, bool):
        raise ArangoError(E.BAD_PARAMETER, "expecting {\"seconds\": <number>}")
    try:
        runs = call.services.control.advance(seconds)
    except (ClockError, OptionError, OptionTypeError, ServerStateError, RunLimitExceeded) as exc:
        raise ArangoError(E.BAD_PARAMETER, str(exc)) from None
    return 200, {"now": call.services.control.now, "runs": [r.to_json() for r in runs]}


def runs(call: Call) -> Reply:
    return 200, [r.to_json() for r in call.services.control.runs_of(call.request.args.get("task"))]


def reset(call: Call) -> Reply:
    call.services.control.reset()
    return 200, {"error": False, "code": 200}


def http_responses(call: Call) -> Reply:
    """Canned responses for task commands' outgoing requests: GET lists, POST adds
    ``{"method", "url", "status"?, "json"? | "body"?, "headers"?, "prefix"?}``, DELETE clears."""
    outgoing = call.services.outgoing
    if call.method == "DELETE":
        outgoing.clear()
    elif call.method == "POST":
        body = call.body()
        if not isinstance(body, dict) or not isinstance(body.get("method"), str) or not isinstance(body.get("url"), str):
            raise ArangoError(E.BAD_PARAMETER, 'expecting {"method": <string>, "url": <string>, ...}')
        options = {k: body[k] for k in ("status", "body", "headers", "prefix", "json") if k in body}
        headers = options.get("headers", {})
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            raise ArangoError(E.BAD_PARAMETER, "headers must be an object of strings")
        try:
            outgoing.respond(body["method"], body["url"], **options)
        except (TypeError, ValueError) as exc:
            raise ArangoError(E.BAD_PARAMETER, str(exc)) from None
    return 200, outgoing.snapshot()


ROUTES = (
    Route("/_fake/clock", {"GET": clock}, access="control"),
    Route("/_fake/clock/advance", {"POST": advance}, access="control"),
    Route("/_fake/runs", {"GET": runs}, access="control"),
    Route("/_fake/reset", {"POST": reset}, access="control"),
    Route("/_fake/http/responses", {"GET": http_responses, "POST": http_responses, "DELETE": http_responses},
          access="control"),
)
