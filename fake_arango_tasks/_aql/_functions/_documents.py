"""Functions on document identifiers and collections (docs-hugo
``aql/functions/document-object.md`` and ``miscellaneous.md``; arangod ``Aql/Functions.cpp``
``Document``/``getDocumentByIdentifier``, ``ParseIdentifier``, ``IsSameCollection``,
``CollectionCount``, ``Collections``, ``CheckDocument``, ``DecodeRev``, ``ShardId``,
``SchemaGet``/``SchemaValidate``)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..._errors import ArangoError
from . import FunctionContext
from ._support import define, fail, warn_type


def _identifier(value: Any) -> str:
    """The ``_id`` string of a string or an object's ``_id`` attribute, else ""."""
    if isinstance(value, dict):
        value = value.get("_id")
    return value if isinstance(value, str) else ""


def _split(ctx: FunctionContext, name: str, value: Any) -> tuple[str, str] | None:
    identifier = _identifier(value)
    collection, slash, key = identifier.partition("/")
    if not identifier or not slash or "/" in key:
        warn_type(ctx, name)
        return None
    return collection, key


@define("PARSE_IDENTIFIER", ".")
def parse_identifier(ctx: FunctionContext, args: list[Any]) -> Any:
    """``PARSE_IDENTIFIER(documentIdentifier)``: ``{collection, key}`` of an ``_id`` string or a
    document's ``_id``; anything else (or not exactly one ``/``): warning 1542 and null."""
    parts = _split(ctx, "PARSE_IDENTIFIER", args[0])
    return None if parts is None else {"collection": parts[0], "key": parts[1]}


@define("PARSE_COLLECTION", ".")
def parse_collection(ctx: FunctionContext, args: list[Any]) -> Any:
    """``PARSE_COLLECTION(documentIdentifier)`` (3.12): the collection name part."""
    parts = _split(ctx, "PARSE_COLLECTION", args[0])
    return None if parts is None else parts[0]


@define("PARSE_KEY", ".")
def parse_key(ctx: FunctionContext, args: list[Any]) -> Any:
    """``PARSE_KEY(documentIdentifier)`` (3.12): the document key part."""
    parts = _split(ctx, "PARSE_KEY", args[0])
    return None if parts is None else parts[1]


def _collection_of(value: Any) -> str:
    """``extractCollectionName``: the part before ``/`` of a string or of an object's ``_id``."""
    return _identifier(value).partition("/")[0]


@define("IS_SAME_COLLECTION", ".h,.h")
def is_same_collection(ctx: FunctionContext, args: list[Any]) -> Any:
    """``IS_SAME_COLLECTION(collectionName, documentIdentifier)``: whether both name the same
    collection; either unreadable: warning 1542 and null."""
    first, second = _collection_of(args[0]), _collection_of(args[1])
    if first and second:
        return first == second
    warn_type(ctx, "IS_SAME_COLLECTION")
    return None


def _lookup(ctx: FunctionContext, collection: str, identifier: str) -> Any:
    """``getDocumentByIdentifier`` with errors ignored: the document, or ``None`` (missing
    document or collection, an ``_id`` of another collection)."""
    name, slash, key = identifier.partition("/")
    if slash:
        if collection and name != collection:
            return None
        collection = name
    else:
        key = identifier
    storage = ctx.storage
    if not collection or not storage.has_collection(collection):
        return None
    return storage.collection(collection).get(key)


@define("DOCUMENT", "h.|.", deterministic=False)
def document(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DOCUMENT(identifier)`` / ``DOCUMENT(collection, keyOrId)``: the document(s) for an
    ``_id`` string or an array of them (missing ones skipped), or by key within a collection;
    null when not found or for other argument types; a non-string collection: warning 1542."""
    if len(args) == 1:
        collection, wanted = "", args[0]
    else:
        if not isinstance(args[0], str):
            warn_type(ctx, "DOCUMENT")
            return None
        collection, wanted = args[0], args[1]
    if isinstance(wanted, str):
        return _lookup(ctx, collection, wanted)
    if isinstance(wanted, list):
        found = (_lookup(ctx, collection, item) for item in wanted if isinstance(item, str))
        return [doc for doc in found if doc is not None]
    return None


@define("COLLECTION_COUNT", ".h", deterministic=False)
def collection_count(ctx: FunctionContext, args: list[Any]) -> int:
    """``COLLECTION_COUNT(collection)``: the number of documents.

    Raises:
        ArangoError: 1542 for a non-string name; 1203 for a missing collection.
    """
    name = args[0]
    if not isinstance(name, str):
        raise fail(1542, "COLLECTION_COUNT")
    count: int = ctx.storage.collection(name).count()
    return count


@define("COLLECTIONS", "", deterministic=False)
def collections(ctx: FunctionContext, args: list[Any]) -> list[dict[str, str]]:
    """``COLLECTIONS()``: ``{_id, name}`` of every collection of the database, ordered by
    lower-cased name (``Functions::Collections``)."""
    items = ctx.collections()
    return sorted(({"_id": ident, "name": name} for ident, name in items), key=lambda c: c["name"].lower())


@define("CHECK_DOCUMENT", ".", deterministic=False)
def check_document(ctx: FunctionContext, args: list[Any]) -> bool:
    """``CHECK_DOCUMENT(document)``: false for non-objects; objects here cannot hold duplicate
    attribute names (Python dicts), so every object is valid."""
    return isinstance(args[0], dict)


_REV_ALPHABET = "-_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_REV_VALUES = {c: i for i, c in enumerate(_REV_ALPHABET)}


@define("DECODE_REV", ".")
def decode_rev(ctx: FunctionContext, args: list[Any]) -> Any:
    """``DECODE_REV(revision)`` (``HybridLogicalClock::decodeTimeStamp``): ``{date, count}``
    of a ``_rev`` string (ArangoDB's base64 alphabet ``-_A-Za-z0-9``: milliseconds in the high
    bits, a 20-bit counter in the low bits); anything else: warning 1542 and null."""
    rev = args[0]
    if not isinstance(rev, str) or not rev or len(rev) > 11 or any(c not in _REV_VALUES for c in rev):
        warn_type(ctx, "DECODE_REV")
        return None
    value = 0
    for char in rev:
        value = (value << 6) | _REV_VALUES[char]
    if value == 0 or value >= 2**64 - 1:
        warn_type(ctx, "DECODE_REV")
        return None
    millis, count = value >> 20, value & 0xFFFFF
    try:
        moment = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(milliseconds=millis)
    except OverflowError:
        warn_type(ctx, "DECODE_REV")
        return None
    return {"date": moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{millis % 1000:03d}Z", "count": count}


@define("SHARD_ID", ".,.", deterministic=False)
def shard_id(ctx: FunctionContext, args: list[Any]) -> str:
    """``SHARD_ID(collection, shardKeys)``: on a single server the collection name.

    Raises:
        ArangoError: 10 for a non-string collection or a non-object second argument; 1203
            ``could not find collection: <name> in database <db>``.
    """
    name, keys = args[0], args[1]
    if not isinstance(name, str):
        raise ArangoError(10, "first parameter to SHARD_ID must be a string", 400)
    if not isinstance(keys, dict):
        raise ArangoError(10, "second parameter to SHARD_ID must be an object", 400)
    storage = ctx.storage
    if not storage.has_collection(name):
        raise ArangoError(1203, f"could not find collection: {name} in database {storage.database}", 404)
    return name


@define("SCHEMA_GET", ".", deterministic=False)
def schema_get(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SCHEMA_GET(collection)``: the collection's schema; collections of the fake have none,
    so null.

    Raises:
        ArangoError: 10 when no collection name can be read; 1203
            ``could not find collection: <name>``.
    """
    name = _collection_of(args[0])
    if not name:
        raise ArangoError(10, "could not extract collection name from parameters", 400)
    if not ctx.storage.has_collection(name):
        raise ArangoError(1203, f"could not find collection: {name}", 404)
    return None


@define("SCHEMA_VALIDATE", ".,.", deterministic=False)
def schema_validate(ctx: FunctionContext, args: list[Any]) -> Any:
    """``SCHEMA_VALIDATE(doc, schema)``: ``{valid: true}`` for a null or empty schema; a
    non-object document: warning 1542 (``expecting document object``) and null.

    Raises:
        ArangoError: 10 ``second parameter is not a schema object: <json>`` for a non-object
            schema; 9 (not supported by fake-arango-tasks) for a non-empty schema, which would
            need a JSON-Schema validator.
    """
    doc, schema = args[0], args[1]
    if not isinstance(doc, dict):
        ctx.warn(1542, "in function 'SCHEMA_VALIDATE()': expecting document object")
        return None
    if schema is None or schema == {}:
        return {"valid": True}
    if not isinstance(schema, dict):
        from .._values import json_text

        raise ArangoError(10, f"second parameter is not a schema object: {json_text(schema)}", 400)
    raise ArangoError(9, "not supported by fake-arango-tasks: AQL function SCHEMA_VALIDATE() with a schema", 501)
