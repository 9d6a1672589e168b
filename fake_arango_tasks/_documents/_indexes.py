"""Secondary indexes: definitions as ArangoDB 3.12 normalises them, descriptions as it lists them,
and the index values that unique constraints and TTL expiry read.

Sources (ArangoDB 3.12, devel copies of the same files read where 3.12 has them unchanged):

- ``arangod/Indexes/IndexFactory.cpp``: ``enhanceIndexDefinition`` (``invalid index type``, the
  generated name ``idx_<hybrid logical clock>``), ``validateFieldsDefinition`` (its messages),
  ``enhanceJsonIndexGeneric`` / ``Ttl`` / ``Geo`` / ``Fulltext`` / ``Zkd`` (defaults), and
  ``IndexTypeFactory::equal`` (when ``ensureIndex`` finds an existing index);
- ``arangod/RocksDBEngine/RocksDBIndexFactory.cpp``: the index types (``hash``, ``skiplist``,
  ``rocksdb`` and ``persistent`` are one implementation; ``zkd`` is ``mdi``), the primary index
  (id 0) and the two edge indexes (ids 1 and 2, listed as one: ``Indexes::getAll``);
- ``arangod/VocBase/Methods/Indexes.cpp``: descriptions pass through ``VPackCollection::merge``,
  which iterates the (sorted) object index, so listed descriptions have their keys sorted;
- ``arangod/Indexes/Index.cpp``: ``addErrorMsg`` (the ``- in index <name> of type <type> over
  '<fields>'; conflicting key: <key>`` suffix of 1210) and ``getTimestamp`` (TTL values: a number
  as it is, a date string in seconds, anything else not indexed).

Geo, fulltext, inverted, multi-dimensional and vector indexes are stored and listed; their
queries are not emulated (nothing reads them).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Final, Iterable, Mapping

from .. import _errors as E
from .._errors import ArangoError
from ._collection import Collection, Document

__all__ = ["Index", "canonical", "define_index", "describe", "system_indexes", "ttl_timestamp"]

#: Index types by the name a definition gives; the value is the name the index reports.
_TYPES: Final = {
    "persistent": "persistent", "rocksdb": "persistent", "hash": "hash", "skiplist": "skiplist", "ttl": "ttl",
    "geo": "geo", "geo1": "geo1", "geo2": "geo2", "fulltext": "fulltext", "inverted": "inverted",
    "mdi": "mdi", "zkd": "zkd", "mdi-prefixed": "mdi-prefixed", "vector": "vector",
}
_PERSISTENT: Final = frozenset({"persistent", "hash", "skiplist"})
_INDEX_NAME: Final = re.compile(r"[a-zA-Z][a-zA-Z0-9_\-]{0,255}")
_ID_FIELD: Final = re.compile(r"^(.+\.)?_id$")


@dataclass(eq=False)
class Index:
    """One secondary index of a collection.

    Attributes:
        id: the numeric id within the collection (``"c/<id>"`` is its handle).
        type: the type it reports (``persistent``, ``hash``, ``ttl``, ...).
        fields: attribute paths (``a.b``, ``tags[*]``), or the objects an inverted index takes.
        extra: the type's other attributes, as its description lists them.
        entries: unique indexes only: the committed documents' index values -> their key.
    """

    id: str
    type: str
    name: str
    fields: list[Any]
    unique: bool
    sparse: bool
    extra: dict[str, Any] = field(default_factory=dict)
    entries: dict[tuple[Any, ...], str] = field(default_factory=dict)

    @property
    def enforces_unique(self) -> bool:
        """Whether writes must check this index (unique persistent and multi-dimensional indexes)."""
        return self.unique and (self.type in _PERSISTENT or self.type in ("mdi", "zkd", "mdi-prefixed"))

    def values(self, document: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The index entries of ``document`` (canonical values, see :func:`canonical`): none for a
        sparse index when an attribute is missing or null; one per element (deduplicated unless
        ``deduplicate`` is false) for an array expansion ``attr[*]``."""
        combos: list[tuple[Any, ...]] = [()]
        for path in self.fields:
            options = _field_values(document, str(path))
            if options is None:
                return []
            if self.sparse and any(v == ("null",) for v in options):
                options = [v for v in options if v != ("null",)]
                if not options:
                    return []
            combos = [c + (v,) for c in combos for v in options]
        if self.extra.get("deduplicate", True) is not False:
            combos = list(dict.fromkeys(combos))
        return combos

    def error_suffix(self, key: str) -> str:
        """``Index::addErrorMsg``: `` - in index <name> of type <type> over '<fields>'; conflicting key: <key>``."""
        return f" - in index {self.name} of type {self.type} over '{', '.join(map(str, self.fields))}'; conflicting key: {key}"


def _field_values(document: Mapping[str, Any], path: str) -> list[Any] | None:
    """The canonical values at ``path`` (``None``: the document has no entry for an expansion)."""
    if "[*]" in path:
        head, _, rest = path.partition("[*]")
        array = _lookup(document, head)
        if not isinstance(array, list):
            return None
        rest = rest.lstrip(".")
        return [canonical(_lookup(item, rest) if rest else item) for item in array]
    return [canonical(_lookup(document, path))]


def _lookup(value: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def canonical(value: Any) -> Any:
    """A hashable form of a JSON value under VelocyPack equality: numbers equal by value (``1``
    and ``1.0``), booleans apart from numbers, object key order irrelevant."""
    if value is None:
        return ("null",)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, list):
        return ("array", tuple(canonical(v) for v in value))
    if isinstance(value, dict):
        return ("object", tuple(sorted((k, canonical(v)) for k, v in value.items())))
    return ("other", repr(value))


def shown(value: Any) -> str:
    """A canonical value as JSON text (the ``indexed values`` of lock messages)."""
    tag = value[0]
    if tag == "null":
        return "null"
    if tag == "bool":
        return "true" if value[1] else "false"
    if tag == "number":
        number = value[1]
        return str(int(number)) if number.is_integer() and abs(number) < 2**53 else repr(number)
    if tag == "string":
        import json
        return json.dumps(value[1], ensure_ascii=False)
    if tag == "array":
        return "[" + ",".join(shown(v) for v in value[1]) + "]"
    return "{" + ",".join(f'"{k}":{shown(v)}' for k, v in value[1]) + "}"


# -- definitions -------------------------------------------------------------------------------------

def _bad(message: str | None = None) -> ArangoError:
    return ArangoError(E.BAD_PARAMETER, message)


def _flag(spec: Mapping[str, Any], name: str, default: bool) -> bool:
    """``VelocyPackHelper::getBooleanValue``: a boolean, else the default."""
    value = spec.get(name)
    return value if isinstance(value, bool) else default


def _fields(spec: Mapping[str, Any], minimum: int, maximum: int, *, sub_attributes: bool = True,
            inverted: bool = False, attribute: str = "fields") -> list[Any]:
    """``IndexFactory::validateFieldsDefinition`` with its messages."""
    value = spec.get(attribute)
    names: list[str] = []
    given = value if isinstance(value, list) else []
    for item in given:
        if not inverted and isinstance(item, dict):
            raise _bad("index field names must be only strings")
        name = item.get("name") if isinstance(item, dict) else item
        if not isinstance(name, str) or not name:
            raise _bad("index field names must be non-empty strings")
        if name in names:
            raise _bad("duplicate attribute name in index fields list")
        if not sub_attributes and "." in name:
            raise _bad("cannot index a sub-attribute in this type of index")
        if not inverted and _ID_FIELD.match(name):
            raise _bad("_id attribute cannot be indexed")
        names.append(name)
    if not minimum <= len(names) <= maximum:
        raise _bad("invalid number of index attributes")
    return list(given)


def _persistent(spec: Mapping[str, Any]) -> tuple[list[Any], bool, bool, dict[str, Any]]:
    fields = _fields(spec, 1, 2**31)
    extra: dict[str, Any] = {"deduplicate": _flag(spec, "deduplicate", True), "estimates": _flag(spec, "estimates", True),
                             "cacheEnabled": _flag(spec, "cacheEnabled", False)}
    stored = spec.get("storedValues")
    if stored is not None:
        if not isinstance(stored, list):
            raise _bad("storedValues must be an array")
        values = _fields(spec, 1, 32, attribute="storedValues")
        if set(map(str, values)) & set(map(str, fields)):
            raise _bad("duplicate attribute name (overlap between index fields and index stored values list)")
        if values:
            extra["storedValues"] = values
    return fields, _flag(spec, "unique", False), _flag(spec, "sparse", False), extra


def _ttl(spec: Mapping[str, Any]) -> tuple[list[Any], bool, bool, dict[str, Any]]:
    fields = _fields(spec, 1, 1, sub_attributes=False)
    if spec.get("unique") is True:
        raise _bad("a TTL index cannot be unique")
    expire = spec.get("expireAfter")
    if isinstance(expire, bool) or not isinstance(expire, (int, float)):
        raise _bad("expireAfter attribute must be a number")
    if expire < 0:
        raise _bad("expireAfter attribute must greater equal to zero")
    return fields, False, True, {"estimates": False, "expireAfter": expire}  # RocksDBTtlIndex: no estimates


def _geo(spec: Mapping[str, Any]) -> tuple[list[Any], bool, bool, dict[str, Any]]:
    fields = _fields(spec, 1, 2)
    extra: dict[str, Any] = {}
    if len(fields) == 1:
        extra["geoJson"] = _flag(spec, "geoJson", False)
    extra.update({"legacyPolygons": _flag(spec, "legacyPolygons", False), "maxNumCoverCells": 8,
                  "worstIndexedLevel": 4, "bestIndexedLevel": 17})
    return fields, False, True, extra


def _fulltext(spec: Mapping[str, Any]) -> tuple[list[Any], bool, bool, dict[str, Any]]:
    fields = _fields(spec, 1, 1)
    length = spec.get("minLength")
    if length is None:
        minimum = 2  # FulltextIndexLimits::minWordLengthDefault
    elif isinstance(length, bool) or not isinstance(length, (int, float)):
        raise _bad()
    else:
        minimum = max(int(length), 1)
    return fields, False, True, {"minLength": minimum}


def _mdi(spec: Mapping[str, Any]) -> tuple[list[Any], bool, bool, dict[str, Any]]:
    if spec.get("fieldValueTypes") != "double":
        raise _bad(f"{spec.get('type')} index requires `fieldValueTypes` to be set to `double` - future "
                   "releases might lift this requirement")
    fields = _fields(spec, 1, 2**31)
    if spec.get("sparse") is True:
        raise _bad(f"{spec.get('type')} index does not support sparse property")
    extra: dict[str, Any] = {"fieldValueTypes": "double"}
    if spec.get("type") == "mdi-prefixed":
        extra["prefixFields"] = _fields(spec, 1, 2**31, attribute="prefixFields")
    return fields, _flag(spec, "unique", False), False, extra


def _inverted(spec: Mapping[str, Any]) -> tuple[list[Any], bool, bool, dict[str, Any]]:
    fields = _fields(spec, 1, 2**31, inverted=True)
    extra = {k: v for k, v in spec.items() if k not in ("type", "fields", "name", "id", "unique", "sparse",
                                                         "inBackground", "collection")}
    extra.setdefault("analyzer", "identity")
    return fields, False, True, extra


def _vector(spec: Mapping[str, Any]) -> tuple[list[Any], bool, bool, dict[str, Any]]:
    fields = _fields(spec, 1, 1)
    params = spec.get("params")
    if not isinstance(params, dict):
        raise _bad("vector index requires `params` to be an object")
    return fields, _flag(spec, "unique", False), _flag(spec, "sparse", False), {"params": params}


_DEFINERS: Final[dict[str, Callable[[Mapping[str, Any]], tuple[list[Any], bool, bool, dict[str, Any]]]]] = {
    "persistent": _persistent, "hash": _persistent, "skiplist": _persistent, "ttl": _ttl, "geo": _geo,
    "geo1": _geo, "geo2": _geo, "fulltext": _fulltext, "mdi": _mdi, "zkd": _mdi, "mdi-prefixed": _mdi,
    "inverted": _inverted, "vector": _vector,
}


def define_index(spec: Any, new_id: Callable[[], str], new_name: Callable[[], str]) -> Index:
    """The index a definition asks for (not yet added to any collection).

    Args:
        spec: the definition (``ensureIndex``'s argument, ``POST /_api/index``'s body).
        new_id, new_name: make the id and, when the definition gives none, the name.

    Raises:
        ArangoError: 400/10 with ArangoDB's messages for a bad definition; 400/1208 a bad name;
            500/4 ``cannot create primary index`` / ``cannot create edge index``.
    """
    if not isinstance(spec, dict):
        raise _bad("expecting object for index definition")
    kind = spec.get("type")
    if not isinstance(kind, str):
        raise _bad("invalid index type")
    if kind in ("primary", "edge"):
        raise ArangoError(E.INTERNAL, f"cannot create {kind} index")
    shown_type = _TYPES.get(kind)
    if shown_type is None:
        raise _bad(f"invalid index type '{kind}'")
    name = spec.get("name")
    if name is not None and (not isinstance(name, str) or not _INDEX_NAME.fullmatch(name)):
        raise ArangoError(E.ILLEGAL_NAME)
    fields, unique, sparse, extra = _DEFINERS[shown_type](spec)
    return Index(new_id(), shown_type, name if isinstance(name, str) else new_name(), fields, unique, sparse, extra)


def matches(index: Index, wanted: Index, named: bool) -> bool:
    """``IndexTypeFactory::equal`` (plus the name when the definition gave one): whether
    ``ensureIndex`` answers ``index`` instead of creating ``wanted``."""
    if index.type != wanted.type or index.unique != wanted.unique or index.sparse != wanted.sparse:
        return False
    if named and index.name != wanted.name:
        return False
    if index.type == "ttl" and not math.isclose(float(index.extra["expireAfter"]), float(wanted.extra["expireAfter"])):
        return False
    if index.type == "fulltext" and index.extra.get("minLength") != wanted.extra.get("minLength"):
        return False
    if index.type in ("geo", "geo1") and index.extra.get("geoJson") != wanted.extra.get("geoJson"):
        return False
    if index.type in _PERSISTENT or index.type in ("mdi", "zkd", "mdi-prefixed", "ttl"):
        return index.fields == wanted.fields  # attribute order matters
    return sorted(map(repr, index.fields)) == sorted(map(repr, wanted.fields))


# -- descriptions ------------------------------------------------------------------------------------

def selectivity(index: Index, documents: Iterable[Document]) -> float:
    """The selectivity estimate: 1 for a unique index, else distinct values over entries (1 for
    none), as the estimator would settle on for the data."""
    if index.unique:
        return 1
    total = 0
    distinct: set[tuple[Any, ...]] = set()
    for document in documents:
        for entry in index.values(document):
            total += 1
            distinct.add(entry)
    return 1 if total == 0 else len(distinct) / total


def describe(collection: Collection, index: Index, documents: Callable[[], Iterable[Document]]) -> dict[str, Any]:
    """The index's description as ``getIndexes()`` and ``GET /_api/index`` list it: keys sorted
    (``VPackCollection::merge``), the id as ``"<collection>/<id>"``."""
    out: dict[str, Any] = {"id": f"{collection.name}/{index.id}", "type": index.type, "name": index.name,
                           "fields": index.fields, "unique": index.unique, "sparse": index.sparse, **index.extra}
    if index.type in _PERSISTENT and index.extra.get("estimates", True):
        out["selectivityEstimate"] = selectivity(index, documents())
    return dict(sorted(out.items()))


def system_indexes(collection: Collection, count: int) -> list[dict[str, Any]]:
    """The primary index (id 0) and, for an edge collection, the edge index as ``getAll`` lists
    it: one entry for both directions (``_from`` id 1 and ``_to`` id 2), with the ``_to`` id."""
    primary = {"fields": ["_key"], "id": f"{collection.name}/0", "name": "primary", "selectivityEstimate": 1,
               "sparse": False, "type": "primary", "unique": True}
    if collection.type != 3:
        return [primary]
    edge = {"fields": ["_from", "_to"], "id": f"{collection.name}/2", "name": "edge", "selectivityEstimate": 1,
            "sparse": False, "type": "edge", "unique": False}
    return [primary, edge]


def ttl_timestamp(document: Mapping[str, Any], attribute: str) -> float:
    """``Index::getTimestamp``: a number as it is, a date string as whole seconds since the epoch
    (``parseDateTime``, as AQL's ``DATE_TIMESTAMP`` reads it), anything else ``-1`` (not indexed)."""
    value = document.get(attribute)
    if isinstance(value, str):
        from .._aql._functions._dates import parse_date_time
        ms = parse_date_time(value)
        return -1.0 if ms is None else float(int(ms / 1000))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return -1.0
