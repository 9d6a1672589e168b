"""The OpenAPI 3.1 document of the control API (``GET /_fake/openapi.json``).

Schemas are JSON Schema 2020-12 (OpenAPI 3.1's dialect); ``tests/http/test_control_openapi.py``
validates every answer the control routes give against them.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any, Final

__all__ = ["document"]

_NUMBER: Final = {"type": "number"}
_STRING: Final = {"type": "string"}
_BOOL: Final = {"type": "boolean"}
_INT: Final = {"type": "integer", "minimum": 0}
_NULLABLE_STRING: Final = {"type": ["string", "null"]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(properties: dict[str, Any], *, extra: bool = False) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": extra}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


_SCHEMAS: Final[dict[str, Any]] = {
    "Error": _obj({"code": {"type": "integer"}, "error": {"const": True}, "errorMessage": _STRING,
                   "errorNum": {"type": "integer"}}),
    "Ok": _obj({"error": {"const": False}, "code": {"const": 200}}),
    "Clock": _obj({"mode": {"enum": ["fake", "wall"]}, "now": _NUMBER, "iso": _STRING}),
    "RunError": _obj({"type": _STRING, "message": _STRING, "stack": _STRING,
                      "errorNum": {"type": ["integer", "null"]}}),
    "OutgoingRequest": _obj({"method": _STRING, "url": _STRING,
                             "headers": {"type": "object", "additionalProperties": _STRING},
                             "body": _NULLABLE_STRING}),
    "Run": _obj({"task": _STRING, "name": _STRING, "database": _STRING, "due": _NUMBER, "started": _NUMBER,
                 "finished": _NUMBER, "params": {},
                 "output": _array(_obj({"level": {"enum": ["log", "info", "warn", "error", "debug", "print"]},
                                        "message": _STRING})),
                 "error": {"oneOf": [{"type": "null"}, _ref("RunError")]},
                 "requests": _array(_ref("OutgoingRequest"))}),
    "Runs": _array(_ref("Run")),
    "AdvanceAnswer": _obj({"mode": {"enum": ["fake", "wall"]}, "now": _NUMBER, "iso": _STRING, "count": _INT,
                           "runs": _ref("Runs")}),
    "Request": _obj({"method": _STRING, "path": _STRING, "query": _STRING, "status": {"type": "integer"},
                     "duration": _NUMBER, "time": _NUMBER,
                     "headers": {"type": "object", "additionalProperties": _STRING}, "body": _STRING}),
    "Strict": _obj({"unexpected": _ref("Runs"), "droppedFailures": _INT}),
    "NextRun": _obj({"task": _STRING, "next": {"type": ["number", "null"]}}),
    "Fault": _obj({"method": _STRING, "path": _STRING, "prefix": _BOOL, "times": {"type": ["integer", "null"]},
                   "delay": _NUMBER, "status": {"type": ["integer", "null"]},
                   "errorNum": {"type": ["integer", "null"]}, "message": _NULLABLE_STRING, "drop": _BOOL,
                   "hits": _INT}),
    "FaultSpec": {"type": "object", "additionalProperties": False, "required": ["path"],
                  "properties": {"method": _STRING, "path": _STRING, "prefix": _BOOL,
                                 "times": {"type": ["integer", "null"], "minimum": 1},
                                 "delay": {"type": "number", "minimum": 0},
                                 "status": {"type": "integer", "minimum": 400, "maximum": 599},
                                 "errorNum": {"type": "integer"}, "message": _STRING, "drop": _BOOL}},
    "CannedResponse": _obj({"method": _STRING, "url": _STRING, "status": {"type": "integer"}, "message": _STRING,
                            "body": _NULLABLE_STRING, "headers": {"type": "object", "additionalProperties": _STRING},
                            "prefix": _BOOL}),
    "Document": {"type": "object", "required": ["_key", "_id", "_rev"],
                 "properties": {"_key": _STRING, "_id": _STRING, "_rev": _STRING}},
    "Snapshot": {"type": "object", "required": ["format", "clock", "ticks", "tasks", "documents", "databases", "users"],
                 "properties": {"format": {"const": "fake-arango-tasks/snapshot/1"},
                                "clock": {"type": "object", "required": ["mode", "now", "now_us"]},
                                "ticks": {"type": "integer"}, "tasks": {"type": "array"},
                                "documents": {"type": "object"}, "databases": {"type": "object"},
                                "users": {"type": ["object", "null"]}}},
    "Info": _obj({"version": _STRING, "arangodb": _STRING, "clock": _ref("Clock"), "authentication": _BOOL,
                  "controlToken": _BOOL,
                  "counts": _obj({name: _INT for name in (
                      "tasks", "runs", "runsRecorded", "runsDropped", "failuresDropped", "unexpectedErrors",
                      "requests", "requestsDropped", "databases", "collections", "documents", "faults")}),
                  "limits": _obj({name: _INT for name in ("maxRuns", "maxJournalOutput", "maxRequests",
                                                           "maxRunsPerAdvance")})}),
}


def _answer(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERRORS: Final = {
    "400": _answer(_ref("Error"), "a bad body or argument (errorNum 10)"),
    "401": _answer(_ref("Error"), "credentials missing or wrong (errorNum 11)"),
    "403": _answer(_ref("Error"), "not an administrator (errorNum 11)"),
}
_PRETTY: Final = {"name": "pretty", "in": "query", "required": False, "schema": {"type": "boolean"},
                  "description": "indent the answer"}


def _op(summary: str, answer: dict[str, Any], *, body: dict[str, Any] | None = None,
        parameters: tuple[dict[str, Any], ...] | list[dict[str, Any]] = (), open_route: bool = False,
        extra: dict[str, Any] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "parameters": [_PRETTY, *parameters],
                                 "responses": {"200": _answer(answer, "success"), **_ERRORS, **(extra or {})}}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    if open_route:
        operation["security"] = []
    return operation


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": _STRING}


_COLLECT: Final = {"type": "boolean", "description": "false: answer no runs (a huge advance)"}
_NOT_FOUND: Final = {"404": _answer(_ref("Error"), "no such task or collection (errorNum 1852, 1203, 1228)")}

_PATHS: Final[dict[str, Any]] = {
    "/_fake/openapi.json": {"get": _op("this document", {"type": "object"}, open_route=True)},
    "/_fake/info": {"get": _op("versions, clock, counts and bounds", _ref("Info"))},
    "/_fake/clock": {"get": _op("the clock", _ref("Clock"))},
    "/_fake/clock/advance": {"post": _op(
        "move the fake clock forward, running what falls due", _ref("AdvanceAnswer"),
        body={"type": "object", "required": ["seconds"],
              "properties": {"seconds": {"type": "number", "minimum": 0}, "collect": _COLLECT}})},
    "/_fake/clock/advance_to": {"post": _op(
        "move the fake clock to a time", _ref("AdvanceAnswer"),
        body={"type": "object", "required": ["time"],
              "properties": {"time": {"type": ["number", "string"],
                                      "description": "Unix seconds or ISO 8601 with a zone"},
                             "collect": _COLLECT}})},
    "/_fake/clock/run_until_idle": {"post": _op(
        "run from due time to due time until nothing is scheduled or the limit passed", _ref("AdvanceAnswer"),
        body={"type": "object", "properties": {"limit": {"type": "number", "minimum": 0}, "collect": _COLLECT}})},
    "/_fake/tasks/{task_id}/next_run": {"get": _op("when a task runs next", _ref("NextRun"),
                                                   parameters=[_path("task_id")], extra=_NOT_FOUND)},
    "/_fake/runs": {"get": _op("the run journal", _ref("Runs"), parameters=[
        _query("task", _STRING, "only this task's runs (their failures then count as looked at)"),
        _query("failed", _BOOL, "only failed (true) or successful (false) runs"),
        _query("limit", {"type": "integer", "minimum": 0}, "only the last N")])},
    "/_fake/requests": {"get": _op("the request journal", _array(_ref("Request")), parameters=[
        _query("method", _STRING, "only this method"), _query("path", _STRING, "only paths starting so")])},
    "/_fake/strict": {"get": _op("strict mode's report: failed runs nobody looked at", _ref("Strict"))},
    "/_fake/strict/expect": {"post": _op(
        "expect failures of a task (null: of every task) until reset", _ref("Strict"),
        body={"type": "object", "properties": {"task": {"type": ["string", "null"]}}})},
    "/_fake/reset": {"post": _op("back to a fresh server", _ref("Ok"))},
    "/_fake/snapshot": {"get": _op("the state as JSON", _ref("Snapshot")),
                        "put": _op("restore a state", _ref("Ok"), body=_ref("Snapshot"))},
    "/_fake/documents/{collection}": {
        "get": _op("a collection's documents", _array(_ref("Document")),
                   parameters=[_path("collection"), _query("database", _STRING, "default _system")],
                   extra=_NOT_FOUND),
        "post": _op("seed a collection (created when missing)", _array(_ref("Document")),
                    parameters=[_path("collection"), _query("database", _STRING, "default _system")],
                    body={"type": ["object", "array"]}, extra=_NOT_FOUND)},
    "/_fake/http/responses": {
        "get": _op("canned answers for task commands' outgoing requests", _array(_ref("CannedResponse"))),
        "post": _op("add a canned answer", _array(_ref("CannedResponse")),
                    body={"type": "object", "required": ["method", "url"],
                          "properties": {"method": _STRING, "url": _STRING, "status": {"type": "integer"},
                                         "json": {}, "body": _STRING, "prefix": _BOOL,
                                         "headers": {"type": "object", "additionalProperties": _STRING}}}),
        "delete": _op("forget every canned answer", _array(_ref("CannedResponse")))},
    "/_fake/faults": {
        "get": _op("registered faults", _array(_ref("Fault"))),
        "post": _op("fail the next requests matching a method and path", _array(_ref("Fault")),
                    body=_ref("FaultSpec")),
        "delete": _op("forget every fault", _array(_ref("Fault")))},
}


@lru_cache(maxsize=1)
def _document() -> dict[str, Any]:
    from ._version import __version__

    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {"title": "fake-arango-tasks control API", "version": __version__,
                 "description": "The /_fake/* routes of fake-arango-tasks: clock, journals, strict mode, "
                                "faults, canned responses, snapshots. Answers are JSON; ?pretty=true indents "
                                "them. With users or a control token configured, every route but this "
                                "document needs the control token (bearer), a superuser JWT or an "
                                "administrator's credentials."},
        "paths": _PATHS,
        "components": {"schemas": _SCHEMAS, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer", "description": "the control token or a JWT"},
            "basic": {"type": "http", "scheme": "basic"}}},
        "security": [{}, {"bearer": []}, {"basic": []}],
    }


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (a fresh copy)."""
    return copy.deepcopy(_document())
