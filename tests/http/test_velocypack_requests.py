"""VelocyPack on the wire, as arangosh talks to arangod: request bodies with ``Content-Type:
application/x-velocypack`` (``HttpRequest::payload``) and answers in VelocyPack when ``Accept``
asks for it, for every route and for errors (``HttpRequest::setHeaderV2`` and
``rest::stringToContentType``; the rules are in ``fake_arango_tasks/_media.py``)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from fake_arango_tasks import FakeArangoTasks
from fake_arango_tasks import _velocypack as vpack
from tests.conftest import Http

VPACK = "application/x-velocypack"
ARANGOSH = {"Content-Type": VPACK, "Accept": VPACK}  # what arangosh sends unless --server.force-json


def _vpack(response: requests.Response) -> Any:
    assert response.headers["Content-Type"] == VPACK, response.content[:100]
    return vpack.loads(response.content)


def test_a_task_created_the_way_arangosh_creates_it(arango_tasks: FakeArangoTasks, http: Http) -> None:
    body = vpack.dumps({"id": "t", "command": "print(params.n)", "params": {"n": 7}, "period": 2})
    response = http.post("/_api/tasks", raw=body, headers=ARANGOSH)
    assert response.status_code == 200
    created = _vpack(response)
    twin = http.post("/_api/tasks", {"id": "u", "command": "print(params.n)", "params": {"n": 7}, "period": 2}).json()
    assert list(created.items()) == list((twin | {"id": "t"}).items())
    assert [(r.task_id, r.output) for r in arango_tasks.advance(2)] == [("t", (("print", "7"),)), ("u", (("print", "7"),))]


def test_every_answer_is_velocypack_when_accept_asks_for_it(http: Http) -> None:
    http.post("/_api/tasks", {"id": "t", "command": "1", "period": 5})
    for path in ("/_api/tasks", "/_api/tasks/t", "/_api/version", "/_api/database/current", "/_fake/clock"):
        as_json = http.get(path).json()
        as_vpack = _vpack(http.get(path, headers={"Accept": VPACK}))
        assert as_vpack == as_json, path
        if isinstance(as_json, dict):
            assert list(as_vpack) == list(as_json), path  # members stay in the Dumper's order


@pytest.mark.parametrize(("method", "path", "expected"), [
    ("GET", "/_api/tasks/nope", {"code": 404, "error": True, "errorMessage": "task not found", "errorNum": 1852}),
    ("DELETE", "/_api/tasks", {"code": 400, "error": True, "errorMessage": "bad parameter, expecting /_api/tasks/<id>",
                               "errorNum": 601}),
    ("GET", "/nope", {"error": True, "code": 404, "errorNum": 404, "errorMessage": "unknown path '/nope'"}),
    ("GET", "/_db/nope/_api/tasks", {"error": True, "errorNum": 1228, "errorMessage": "database not found",
                                     "code": 404}),
])
def test_errors_are_velocypack_too(http: Http, method: str, path: str, expected: dict[str, object]) -> None:
    response = http.request(method, path, headers={"Accept": VPACK})
    assert response.status_code == expected["code"]
    answer = _vpack(response)
    assert list(answer.items()) == list(expected.items())
    assert list(answer.items()) == list(json.loads(http.request(method, path).text).items())


def test_the_one_byte_empty_object_is_an_empty_object(http: Http) -> None:
    """Issue 11: ``POST /_api/tasks`` with the VelocyPack ``{}`` (0x0a) was read as JSON: 500/4."""
    response = http.post("/_api/tasks", raw=b"\x0a", headers={"Content-Type": VPACK})
    assert (response.status_code, response.json()["errorMessage"]) == (400, "command must be specified")


def test_collections_and_documents_from_arangosh(http: Http) -> None:
    """``db._create("c")`` and ``db.c.save(...)`` from arangosh were 400/600 (read as JSON)."""
    created = http.post("/_api/collection", raw=vpack.dumps({"name": "c"}), headers=ARANGOSH)
    assert created.status_code == 200 and _vpack(created)["name"] == "c"
    saved = http.post("/_api/document/c", raw=vpack.dumps({"_key": "k", "n": 1.5, "s": "\u00e9"}), headers=ARANGOSH)
    assert saved.status_code == 202
    assert http.get("/_api/document/c/k").json() | {"_rev": None} == {
        "_key": "k", "_id": "c/k", "_rev": None, "n": 1.5, "s": "\u00e9"}


def test_values_json_has_no_form_for_are_written_as_arangod_writes_them(http: Http) -> None:
    """A UTC date or binary from a VelocyPack body reads back as itself in VelocyPack and as the
    Dumper's ``ConvertUnsupportedType`` text in JSON."""
    http.post("/_api/collection", {"name": "c"})
    document = {"_key": "k", "d": vpack.UTCDate(1700000000000), "b": b"\x00\x01"}
    assert http.post("/_api/document/c", raw=vpack.dumps(document), headers=ARANGOSH).status_code == 202
    back = _vpack(http.get("/_api/document/c/k", headers={"Accept": VPACK}))
    assert (back["d"], back["b"]) == (vpack.UTCDate(1700000000000), b"\x00\x01")
    as_json = http.get("/_api/document/c/k").json()
    assert (as_json["d"], as_json["b"]) == ("(non-representable type utc-date)", "(non-representable type binary)")


@pytest.mark.parametrize(("body", "message"), [
    (b"\x0b\x03", "VPackError error: given buffer length is unequal to actual length of Slice in buffer"),
    (b"\x15", "VPackError error: Invalid type found in binary data"),
    (b"\x41\xff", "VPackError error: Invalid UTF-8 sequence"),
    (b"\x0a\x0a", "VPackError error: given buffer length is unequal to actual length of Slice in buffer"),
])
def test_bad_velocypack_is_refused_with_velocypacks_message(http: Http, body: bytes, message: str) -> None:
    """``RestBaseHandler::parseVPackBody``: 400/600 ``VPackError error: <what()>``."""
    response = http.post("/_api/tasks", raw=body, headers={"Content-Type": VPACK})
    assert (response.status_code, response.json()["errorNum"], response.json()["errorMessage"]) == (400, 600, message)


@pytest.mark.parametrize(("content_type", "parsed_as"), [
    (VPACK, "vpack"),
    ("application/x-velocypack; charset=utf-8", "json"),  # not exactly the VelocyPack type: JSON
    ("application/json", "json"), ("text/plain", "json"), (None, "json"),
    ("application/x-arango-dump", "none"),  # HttpRequest::payload never parses a dump body
])
def test_the_body_type_is_decided_as_arangod_decides(http: Http, content_type: str | None, parsed_as: str) -> None:
    body = vpack.dumps({"command": "1"}) if parsed_as == "vpack" else b'{"command": "1"}'
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = http.post("/_api/tasks", raw=body, headers=headers)
    if parsed_as == "none":
        assert (response.status_code, response.json()["errorMessage"]) == (500, "VPack error: Expecting Object")
    else:
        assert response.status_code == 200, response.text


def test_the_json_parser_reads_a_velocypack_body_as_bad_json(http: Http) -> None:
    response = http.post("/_api/tasks", raw=vpack.dumps({"command": "1"}))
    assert (response.status_code, response.json()["errorNum"]) == (400, 600)


@pytest.mark.parametrize("accept", ["application/x-velocypack, application/json", "application/X-VelocyPack", "*/*"])
def test_only_exactly_the_velocypack_type_gets_velocypack(http: Http, accept: str) -> None:
    assert http.get("/_api/version", headers={"Accept": accept}).headers["Content-Type"] == "application/json"


def test_a_none_body_is_no_body(http: Http) -> None:
    """A body of the VelocyPack none value (0x00) is arangod's "no body", as an empty one."""
    none = http.post("/_api/tasks", raw=b"\x00", headers={"Content-Type": VPACK})
    empty = http.post("/_api/tasks", raw=b"", headers={"Content-Type": VPACK})
    assert none.json() == empty.json() == {"code": 500, "error": True, "errorMessage": "VPack error: Expecting Object",
                                           "errorNum": 4}


@pytest.mark.parametrize("raw", [b"\x00", b""])
def test_handlers_see_a_none_body_as_none(raw: bytes) -> None:
    """No route answers a none body differently from an empty one, so this is held at ``Call.body``,
    which promises handlers ``None`` for "no body"."""
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    from fake_arango_tasks._app._call import Call

    request = Request(EnvironBuilder(method="POST", data=raw, content_type=VPACK).get_environ())
    assert Call(request, "_system", None, {}, None).body() is None  # type: ignore[arg-type]
