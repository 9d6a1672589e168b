"""``/_api/document``: ``RestDocumentHandler.cpp``, single documents (the batch forms of PUT,
PATCH and DELETE on a collection are not emulated: 501/9)."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

from .. import _errors as E
from .._documents import Collection, Document, DocumentStore, Transaction, per_element
from .._errors import ArangoError
from .._json import dumps
from ._call import Call, Reply
from ._collections import not_emulated
from ._routing import Route
from ._transactions import transaction_of

__all__ = ["ROUTES"]


def _revision(header: str | None) -> str | None:
    """A revision from an ``If-Match`` header (quoted or not)."""
    return None if header is None else header.strip().strip('"')


def _written(call: Call, collection: Collection, answer: Any, synced_status: int = 201) -> Reply:
    """A write's reply as ``RestVocbaseBaseHandler::generate20x`` makes it: ``synced_status``
    (201 for a save, 200 for a removal) when it was synced (``?waitForSync=true`` or the
    collection's ``waitForSync``), else 202; ``{}`` with ``?silent=true`` (of an array, only the
    errors); for one document the ``Etag`` and ``Location`` headers, for an array the count of
    each error number in ``X-Arango-Error-Codes``."""
    synced = call.flag("waitForSync") or collection.wait_for_sync
    errors = [item for item in answer if item.get("error")] if isinstance(answer, list) else []
    if errors:
        call.headers.append(("X-Arango-Error-Codes", dumps(Counter(str(item["errorNum"]) for item in errors))))
    if call.flag("silent"):
        answer = errors or {}
    elif isinstance(answer, dict):
        _etag(call, answer["_rev"])
        location = f"/_db/{call.database}/_api/document/{collection.name}/{quote(answer['_key'], safe='')}"
        call.headers.append(("Location", location))
    return (synced_status if synced else 202), answer


def _etag(call: Call, rev: str) -> None:
    """The answer's ``Etag``: the document's revision, quoted."""
    call.headers.append(("Etag", f'"{rev}"'))


def insert_document(call: Call) -> Reply:
    body = call.body()
    call.require_write()
    documents = call.services.documents
    collection = documents.collection(call.database, call.args["collection"])
    trx = transaction_of(call)
    mode = call.request.args.get("overwriteMode")
    if mode not in ("ignore", "replace", "update", "conflict"):
        mode = "replace" if call.flag("overwrite") else "conflict"
    return_new, return_old = call.flag("returnNew"), call.flag("returnOld")

    def one(item: Any) -> Document:
        old, new = documents.insert(call.database, collection.name, item, mode=mode,  # type: ignore[arg-type]
                                    keep_null=call.flag("keepNull", True), merge_objects=call.flag("mergeObjects", True),
                                    trx=trx)
        if old is not None and mode == "ignore":
            return DocumentStore.header(collection, old)
        result = DocumentStore.header(collection, new)
        if old is not None:
            result["_oldRev"] = old["_rev"]
        if return_new:
            result["new"] = new
        if old is not None and return_old:
            result["old"] = old
        return result

    return _written(call, collection, per_element(body, one))


def _precondition_failed(call: Call, document: Document, message: str) -> Reply:
    """412 as ``RestVocbaseBaseHandler::generatePreconditionFailed`` answers it: the error
    envelope, then the current document's ``_id``, ``_key`` and ``_rev``, and its ``Etag``."""
    _etag(call, document["_rev"])
    return 412, {"error": True, "code": 412, "errorNum": E.CONFLICT, "errorMessage": message,
                 "_id": document["_id"], "_key": document["_key"], "_rev": document["_rev"]}


def read_document(call: Call) -> Reply:
    document = call.services.documents.get(call.database, call.args["collection"], call.args["key"], transaction_of(call))
    expected = _revision(call.request.headers.get("If-Match"))
    if expected is not None and expected != document["_rev"]:
        return _precondition_failed(call, document, "conflict, _rev values do not match")
    _etag(call, document["_rev"])
    if _revision(call.request.headers.get("If-None-Match")) == document["_rev"]:
        return 304, None  # not modified: no body
    return 200, document


def write_document(call: Call) -> Reply:
    """PUT replaces, PATCH updates, DELETE removes. The expected revision comes from ``If-Match``,
    or from the body's ``_rev`` when ``ignoreRevs=false``."""
    body = call.body() if call.method != "DELETE" else None
    call.require_write()
    documents = call.services.documents
    name, key = call.args["collection"], call.args["key"]
    collection = documents.collection(call.database, name)
    trx = transaction_of(call)
    rev = _revision(call.request.headers.get("If-Match"))
    if rev is None and not call.flag("ignoreRevs", True) and isinstance(body, dict) and isinstance(body.get("_rev"), str):
        rev = body["_rev"]
    try:
        return _write(call, collection, key, body, rev, trx)
    except ArangoError as exc:
        if exc.status != 412:
            raise
        return _precondition_failed(call, documents.get(call.database, name, key, trx), exc.message)


def _write(call: Call, collection: Collection, key: str, body: Any, rev: str | None, trx: Transaction | None) -> Reply:
    documents = call.services.documents
    name = collection.name
    if call.method == "DELETE":
        old = documents.remove(call.database, name, key, rev=rev, trx=trx)
        result = DocumentStore.header(collection, old)
        if call.flag("returnOld"):
            result["old"] = old
        return _written(call, collection, result, synced_status=200)
    if call.method == "PUT":
        old, new = documents.replace(call.database, name, key, body, rev=rev, trx=trx)
    else:
        old, new = documents.update(call.database, name, key, body, rev=rev, keep_null=call.flag("keepNull", True),
                                    merge_objects=call.flag("mergeObjects", True), trx=trx)
    return _written(call, collection, DocumentStore.rewrite_answer(old, new, return_new=call.flag("returnNew"),
                                                                   return_old=call.flag("returnOld")))


ROUTES = (
    Route("/_api/document/<segment:collection>", {"POST": insert_document, "PUT": not_emulated, "PATCH": not_emulated,
                                                  "DELETE": not_emulated}),
    Route("/_api/document/<segment:collection>/<segment:key>", {"GET": read_document, "HEAD": read_document,
                                                               "PUT": write_document, "PATCH": write_document,
                                                               "DELETE": write_document}),
)
