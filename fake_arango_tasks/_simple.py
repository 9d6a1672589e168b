"""Simple queries (``byExample``, ``firstExample``, ``any``, ``range``, ``all``, the by-example
writes, lookups and removals by keys, the edge queries) as the AQL that arangod runs for them: written once here,
used by ``PUT /_api/simple/*`` and by the collection methods of task commands.

Sources: ``arangod/RestHandler/RestSimpleQueryHandler.cpp`` (``all``, ``by-example``:
``buildExampleQuery``), ``arangod/RestHandler/RestSimpleHandler.cpp`` (``lookup-by-keys``,
``remove-by-keys``), ``arangod/V8Server/v8-query.cpp`` (``EdgesQuery``, ``JS_RemoveByKeys``), and
for the rest the JavaScript that served them,
``js/actions/_api/simple/app.js`` over ``js/server/modules/@arangodb/simple-query.js`` (read at
older commits of arangodb/arangodb: 3.12 still answers these routes the same way).

An example is an object whose attribute names are paths (``"a.b"`` is ``doc.a.b``; backticks are
dropped) and whose values are compared with ``==``: ``{"a": {"b": 1}}`` matches only a
sub-object equal to ``{"b": 1}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import _errors as E
from ._errors import ArangoError

__all__ = ["SimpleQuery", "by_example", "all_documents", "any_document", "range_query", "remove_by_example",
           "update_by_example", "replace_by_example", "lookup_by_keys", "remove_by_keys", "check_example",
           "edges", "EDGE_DIRECTIONS"]


@dataclass(frozen=True)
class SimpleQuery:
    """An AQL text and its bind parameters."""

    query: str
    bind_vars: dict[str, Any] = field(default_factory=dict)


def check_example(example: Any) -> dict[str, Any]:
    """``example`` if it is an object.

    Raises:
        ArangoError: 400/10 ``bad parameter`` (``RestSimpleQueryHandler::byExample``).
    """
    if not isinstance(example, dict):
        raise ArangoError(E.BAD_PARAMETER, status=400)
    return example


def _path(name: str) -> str:
    parts = name.replace("`", "").split(".")
    return "doc.`" + "`.`".join(parts) + "`"


def _filters(collection: str, example: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    text = "FOR doc IN @@collection"
    bind: dict[str, Any] = {"@collection": collection}
    for i, (name, value) in enumerate(example.items()):
        text += f" FILTER {_path(str(name))} == @value{i}"
        bind[f"value{i}"] = value
    return text, bind


def _limit(skip: Any, limit: Any) -> str:
    skip_n = _count(skip)
    limit_n = _count(limit)
    if skip_n or limit_n:
        return f" LIMIT {skip_n}, {limit_n if limit_n else 'null'}"
    return ""


def _count(value: Any) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and value > 0:
        return int(min(value, 2**53))
    return 0


def by_example(collection: str, example: Any, skip: Any = None, limit: Any = None) -> SimpleQuery:
    """``FOR doc IN @@collection FILTER doc.`a` == @value0 ... LIMIT skip, limit RETURN doc``.

    Raises:
        ArangoError: 400/10 ``example`` is not an object.
    """
    text, bind = _filters(collection, check_example(example))
    return SimpleQuery(text + _limit(skip, limit) + " RETURN doc", bind)


def all_documents(collection: str, skip: Any = None, limit: Any = None) -> SimpleQuery:
    """``FOR doc IN @@collection LIMIT @skip, @limit RETURN doc`` (``RestSimpleQueryHandler::allDocuments``)."""
    bind: dict[str, Any] = {"@collection": collection}
    text = "FOR doc IN @@collection "
    numeric = [isinstance(v, (int, float)) and not isinstance(v, bool) for v in (skip, limit)]
    if any(numeric):
        text += "LIMIT @skip, @limit "
        bind["skip"] = skip if numeric[0] else None
        bind["limit"] = limit if numeric[1] else None
    return SimpleQuery(text + "RETURN doc", bind)


def any_document(collection: str) -> SimpleQuery:
    """One document drawn from the query's random stream, or none (``collection.any()``)."""
    return SimpleQuery("FOR doc IN @@collection SORT RAND() LIMIT 1 RETURN doc", {"@collection": collection})


def range_query(collection: str, attribute: Any, left: Any, right: Any, closed: bool = False, skip: Any = None,
                limit: Any = None) -> SimpleQuery:
    """Documents with ``left <= doc.attribute < right`` (``<= right`` when ``closed``), in
    attribute order (``collection.range`` / ``closedRange``, served by a skiplist index)."""
    upper = "<=" if closed else "<"
    path = _path(str(attribute))
    text = (f"FOR doc IN @@collection FILTER {path} >= @left && {path} {upper} @right SORT {path}"
            + _limit(skip, limit) + " RETURN doc")
    return SimpleQuery(text, {"@collection": collection, "left": left, "right": right})


def _write_limit(limit: Any) -> str:
    n = _count(limit)
    return f" LIMIT {n}" if n else ""


def remove_by_example(collection: str, example: Any, limit: Any = None) -> SimpleQuery:
    """Remove the matching documents (at most ``limit``); the count is ``writesExecuted``."""
    text, bind = _filters(collection, check_example(example))
    return SimpleQuery(text + _write_limit(limit) + " REMOVE doc IN @@collection", bind)


def update_by_example(collection: str, example: Any, new_value: Any, keep_null: bool = True, merge_objects: bool = True,
                      limit: Any = None) -> SimpleQuery:
    """Merge ``new_value`` into the matching documents; the count is ``writesExecuted``."""
    text, bind = _filters(collection, check_example(example))
    bind["newValue"] = new_value
    flags = f"keepNull: {'true' if keep_null else 'false'}, mergeObjects: {'true' if merge_objects else 'false'}"
    return SimpleQuery(text + _write_limit(limit) + " UPDATE doc WITH @newValue IN @@collection OPTIONS { " + flags + " }", bind)


def replace_by_example(collection: str, example: Any, new_value: Any, limit: Any = None) -> SimpleQuery:
    """Replace the matching documents with ``new_value``; the count is ``writesExecuted``."""
    text, bind = _filters(collection, check_example(example))
    bind["newValue"] = new_value
    return SimpleQuery(text + _write_limit(limit) + " REPLACE doc WITH @newValue IN @@collection", bind)


def _stripped(keys: list[Any], collection: str) -> list[Any]:
    """``BindParameters::stripCollectionNames``: ``"coll/key"`` of this collection as ``"key"``."""
    prefix = collection + "/"
    return [k[len(prefix):] if isinstance(k, str) and k.startswith(prefix) else k for k in keys]


def lookup_by_keys(collection: str, keys: list[Any]) -> SimpleQuery:
    """The documents with these keys (``RestSimpleHandler::lookupByKeys``)."""
    return SimpleQuery("FOR doc IN @@collection FILTER doc._key IN @keys RETURN doc",
                       {"@collection": collection, "keys": _stripped(keys, collection)})


def remove_by_keys(collection: str, keys: list[Any], *, silent: bool = True, return_old: bool = False) -> SimpleQuery:
    """Remove the documents with these keys, missing ones ignored (``RestSimpleHandler::removeByKeys``)."""
    text = "FOR key IN @keys REMOVE key IN @@collection OPTIONS { ignoreErrors: true, waitForSync: false }"
    if not silent:
        text += " RETURN OLD" if return_old else " RETURN {_id: OLD._id, _key: OLD._key, _rev: OLD._rev}"
    return SimpleQuery(text, {"@collection": collection, "keys": keys})


# EdgesQuery's buildFilter (v8-query.cpp): the attributes a direction compares with the vertices.
EDGE_DIRECTIONS = {"any": ("_from", "_to"), "in": ("_to",), "out": ("_from",)}


def edges(collection: str, collection_type: int, direction: str, vertex: Any) -> SimpleQuery:
    """``collection.edges(vertex)``, ``inEdges``, ``outEdges`` (``EdgesQuery`` in v8-query.cpp):
    ``FOR doc IN @@collection FILTER doc._from == @value || doc._to == @value RETURN doc`` (``IN``
    when ``vertex`` is a list; ``_to`` only for ``in``, ``_from`` only for ``out``). Each edge is
    returned once, however many of the vertices it touches (a self-loop, a vertex named twice).

    Args:
        collection_type: 2 (document) or 3 (edge).
        vertex: the vertex ids the command's value gave (a string, or a list of strings: a
            document gives its ``_id``, ``""`` without one), or ``None`` when a value was neither a
            string nor an object.

    Raises:
        ArangoError: 1218 ``collection type invalid`` on a document collection (checked first);
            10 ``invalid value type. expecting string or object value``.
    """
    if collection_type != 3:
        raise ArangoError(E.COLLECTION_TYPE_INVALID)
    if not (isinstance(vertex, str) or (isinstance(vertex, list) and all(isinstance(v, str) for v in vertex))):
        raise ArangoError(E.BAD_PARAMETER, "invalid value type. expecting string or object value")
    op = "IN" if isinstance(vertex, list) else "=="
    text = " || ".join(f"doc.{attribute} {op} @value" for attribute in EDGE_DIRECTIONS[direction])
    return SimpleQuery(f"FOR doc IN @@collection FILTER {text} RETURN doc", {"@collection": collection, "value": vertex})
