"""What the AQL engine needs of the collections: a protocol, implemented by the document store.

The engine never mutates a document it reads: values handed out by a :class:`Collection` are
shared and must be treated as immutable (copy before changing). Documents are dicts whose first
keys are ``_key``, ``_id``, ``_rev`` (and ``_from``, ``_to`` for edges), as ArangoDB stores them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ContextManager, Iterable, Iterator, Literal, Protocol

__all__ = ["Collection", "Storage", "WriteOptions", "Direction"]

Document = dict[str, Any]
Direction = Literal["outbound", "inbound", "any"]


@dataclass(frozen=True)
class WriteOptions:
    """The options of one write (AQL ``OPTIONS { ... }`` of INSERT/UPDATE/REPLACE/REMOVE/UPSERT,
    after validation): ArangoDB's names and defaults (``arangod/Aql/ModificationOptions.h``)."""

    ignore_errors: bool = False
    keep_null: bool = True
    merge_objects: bool = True
    ignore_revs: bool = True
    overwrite_mode: Literal["conflict", "update", "replace", "ignore"] | None = None
    wait_for_sync: bool = False


class Collection(Protocol):
    """One collection, as the engine sees it inside one query (one transaction)."""

    @property
    def name(self) -> str: ...

    @property
    def type(self) -> int:
        """2 for a document collection, 3 for an edge collection."""
        ...

    def all(self) -> Iterator[Document]:
        """Every document, in ArangoDB's full-scan order (last-modified order)."""
        ...

    def get(self, key: str) -> Document | None:
        """The document ``key``, or ``None``."""
        ...

    def count(self) -> int: ...

    def edges(self, vertex_id: str, direction: Direction) -> Iterable[Document]:
        """The edges of an edge collection whose ``_from`` (outbound), ``_to`` (inbound) or
        either (any) is ``vertex_id``, in the edge index's order."""
        ...

    def insert(self, document: Document, options: WriteOptions) -> tuple[Document | None, Document]:
        """Insert ``document`` (``_key`` generated when absent); ``(old, new)``: ``old`` is the
        replaced/updated document when ``overwrite_mode`` applied, else ``None``.

        Raises:
            ArangoError: 1210 unique constraint (key exists, no overwrite mode), 1221 bad key,
                1233 edge attributes missing, 1227 not an object, ...
        """
        ...

    def update(self, key: str, patch: Document, options: WriteOptions, rev: str | None = None) -> tuple[Document, Document]:
        """Merge ``patch`` into document ``key``; ``(old, new)``.

        Raises:
            ArangoError: 1202 not found, 1200 ``rev`` given and different (unless ignore_revs), ...
        """
        ...

    def replace(self, key: str, document: Document, options: WriteOptions, rev: str | None = None) -> tuple[Document, Document]:
        """Replace document ``key`` with ``document``; ``(old, new)``. Raises as :meth:`update`."""
        ...

    def remove(self, key: str, options: WriteOptions, rev: str | None = None) -> Document:
        """Remove document ``key``; the removed document. Raises as :meth:`update`."""
        ...


class Storage(Protocol):
    """The collections of one database, for one query."""

    @property
    def database(self) -> str: ...

    def collection(self, name: str) -> Collection:
        """Collection ``name``.

        Raises:
            ArangoError: 1203 ``collection or view not found: <name>``.
        """
        ...

    def has_collection(self, name: str) -> bool: ...

    def transaction(self, write: Iterable[str] = ()) -> ContextManager[None]:
        """A transaction around one query: every write inside is undone if the block raises
        (ArangoDB runs each query in a transaction)."""
        ...
