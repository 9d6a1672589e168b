"""A collection and the names, keys and revisions of its documents (``arangod/VocBase``).

- keys: the traditional key generator, keys drawn from the server tick; a given ``_key`` must
  match ArangoDB's key characters (1221 ``illegal document key``);
- ``_rev``: a hybrid logical clock, ``(milliseconds << 20) + counter``, in ArangoDB's base-64
  alphabet (``lib/Basics/HybridLogicalClock.h``), strictly increasing;
- a full scan sees documents in the order they were last written (RocksDB iterates by revision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Final, Literal, Mapping

if TYPE_CHECKING:
    from ._indexes import Index

__all__ = ["Collection", "Document", "RevisionClock", "WriteMode", "merge_patch"]

Document = dict[str, Any]
WriteMode = Literal["conflict", "update", "replace", "ignore"]

COLLECTION_NAME: Final = re.compile(r"[a-zA-Z_][a-zA-Z0-9_\-]{0,255}")
DOCUMENT_KEY: Final = re.compile(r"[a-zA-Z0-9_\-:.@()+,=;$!*'%]{1,254}")
VERTEX_ID: Final = re.compile(r"[^/]+/[^/]+")
SYSTEM_ATTRIBUTES: Final = frozenset({"_key", "_id", "_rev", "_from", "_to"})
_ALPHABET: Final = "-_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _encode_rev(stamp: int) -> str:
    text = ""
    while stamp > 0:
        stamp, digit = divmod(stamp, 64)
        text = _ALPHABET[digit] + text
    return text


class RevisionClock:
    """ArangoDB's hybrid logical clock (``TRI_HybridLogicalClock``): milliseconds of the clock
    shifted by 20 bits plus a counter, never going down. Revisions are its values in base 64;
    generated index names (``idx_<stamp>``) use them as decimal numbers."""

    def __init__(self, now_ms: Callable[[], int]) -> None:
        self._now_ms = now_ms
        self._last = 0

    def stamp(self) -> int:
        """A new value, greater than every earlier one."""
        value = max(self._now_ms() << 20, self._last + 1)
        self._last = value
        return value

    def next(self) -> str:
        """A new revision (``_rev``), greater than every earlier one."""
        return _encode_rev(self.stamp())

    def reset(self) -> None:
        """Start afresh (a reset server)."""
        self._last = 0


@dataclass(eq=False)
class Collection:
    """A collection: committed documents by ``_key``, in the order they were last written, and
    its secondary indexes (the primary and edge indexes are implied by the collection).

    Implements what AQL needs of a collection (:class:`~.._aql._storage.Collection`) through the
    store's adapter; documents handed out are shared and never mutated in place.
    """

    name: str
    id: str
    type: int  # 2 document, 3 edge
    docs: dict[str, Document] = field(default_factory=dict)
    last_value: int = 0  # the highest numeric key ever stored (keyOptions.lastValue): never goes down
    is_system: bool = False
    indexes: list[Index] = field(default_factory=list)
    wait_for_sync: bool = False  # the collection's waitForSync: its writes answer 201, not 202

    def properties(self) -> dict[str, Any]:
        """``GET /_api/collection/{name}/properties`` without the envelope (ArangoDB 3.12 keys)."""
        return {
            "writeConcern": 1, "waitForSync": self.wait_for_sync, "usesRevisionsAsDocumentIds": True, "syncByRevision": True,
            "statusString": "loaded", "id": self.id, "isSmartChild": False, "schema": None, "name": self.name,
            "type": self.type, "status": 3, "cacheEnabled": False, "isSystem": self.is_system,
            "internalValidatorType": 0, "globallyUniqueId": f"h{int(self.id):x}/{self.id}",
            "keyOptions": {"allowUserKeys": True, "type": "traditional", "lastValue": self.last_value},
            "computedValues": None, "objectId": self.id,
        }

    def summary(self) -> dict[str, Any]:
        """An element of ``GET /_api/collection``'s ``result``."""
        return {"id": self.id, "name": self.name, "status": 3, "type": self.type,
                "isSystem": self.is_system, "globallyUniqueId": f"h{int(self.id):x}/{self.id}"}

    def describe(self) -> str:
        """What ``String(collection)`` shows in ArangoDB's JavaScript."""
        kind = "edge" if self.type == 3 else "document"
        return f'[ArangoCollection {self.id}, "{self.name}" (type {kind}, status loaded)]'


def merge_patch(old: Mapping[str, Any], patch: Mapping[str, Any], merge_objects: bool, keep_null: bool) -> Document:
    """``patch`` merged into a copy of ``old`` (UPDATE's rules, ``Transaction/Methods.cpp``
    ``mergeObjectsForUpdate``): a null removes an attribute unless ``keep_null``; nested objects
    merge when ``merge_objects``."""
    merged = dict(old)
    for name, value in patch.items():
        if value is None and not keep_null:
            merged.pop(name, None)
        elif merge_objects and isinstance(value, dict) and isinstance(merged.get(name), dict):
            merged[name] = merge_patch(merged[name], value, merge_objects, keep_null)
        else:
            merged[name] = value
    return merged
