"""Transactions: the collections a transaction declared, its uncommitted writes, and the keys it
holds locked, as ArangoDB's RocksDB engine has them.

- A transaction's writes stay in its own overlay until it commits: other readers do not see them
  (RocksDB snapshot isolation); the transaction itself reads through the overlay. Commit applies
  the overlay in write order; abort forgets it.
- A write locks the document's key and its unique index values until the transaction ends; a
  write by anyone else to a locked key fails at once with 1200 as RocksDB's lock timeout does
  (``Timeout waiting to lock key``, ``docs 3.11 incompatible changes``), where ArangoDB would
  first wait up to a second.
- Declared collections (``transaction::Methods``, ``Transaction/Manager.cpp``
  ``addCollections``): an unknown one is 404/1203; a write to a collection not declared for
  ``write``/``exclusive`` is 400/1652, a read of an undeclared one is 400/1652 unless
  ``allowImplicit`` (default true).
- Stream transactions (``Transaction/Manager.cpp``): ids from the server tick, the idle timeout
  (``--transaction.streaming-idle-timeout``, 60 s, on the server's clock), and the errors of
  ``updateTransaction`` / ``leaseManagedTrx`` / ``RestVocbaseBaseHandler::createTransaction``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .. import _errors as E
from .._errors import ArangoError
from ._collection import Collection, Document

__all__ = ["IDLE_TIMEOUT_US", "Transaction", "TransactionOptions", "parse_options"]

#: ``--transaction.streaming-idle-timeout``: a stream transaction not used for this long is aborted.
IDLE_TIMEOUT_US = 60_000_000

Status = Literal["running", "committed", "aborted"]


@dataclass(frozen=True)
class TransactionOptions:
    """The declaration of a transaction (``collections`` and the options that matter here)."""

    read: tuple[str, ...] = ()
    write: tuple[str, ...] = ()
    exclusive: tuple[str, ...] = ()
    allow_implicit: bool = True
    wait_for_sync: bool = False
    lock_timeout: float | None = None


def _names(value: Any, attribute: str) -> tuple[str, ...]:
    """``getCollections`` of ``executeTransactionJS``: a name or an array of names."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise ArangoError(E.BAD_PARAMETER, "invalid collection definition for transaction:  Collection "
                                                   f"name #{i} in array '{attribute}' is not a string")
        return tuple(value)
    raise ArangoError(E.BAD_PARAMETER, f"invalid collection definition for transaction:  There is no array in '{attribute}'")


def parse_options(spec: Any) -> TransactionOptions:
    """The declaration of ``db._executeTransaction`` / ``POST /_api/transaction/begin``.

    Follows ``arangod/VocBase/Methods/Transactions.cpp`` ``executeTransactionJS`` (the checks and
    messages) and ``transaction::Options::fromVelocyPack``.

    Raises:
        ArangoError: 400/10 a bad declaration.
    """
    if not isinstance(spec, dict):
        raise ArangoError(E.BAD_PARAMETER)
    timeout = spec.get("lockTimeout", 0)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise ArangoError(E.BAD_PARAMETER, "<lockTimeout> must be a valid numeric value")
    if "waitForSync" in spec and not isinstance(spec["waitForSync"], bool):
        raise ArangoError(E.BAD_PARAMETER, "<waitForSync> must be a boolean value")
    if timeout < 0:
        raise ArangoError(E.BAD_PARAMETER, "<lockTimeout> needs to be positive")
    collections = spec.get("collections")
    if not isinstance(collections, dict):
        raise ArangoError(E.BAD_PARAMETER, "missing/invalid collections definition for transaction")
    allow = collections.get("allowImplicit", spec.get("allowImplicit", True))
    return TransactionOptions(
        read=_names(collections.get("read"), "read"), write=_names(collections.get("write"), "write"),
        exclusive=_names(collections.get("exclusive"), "exclusive"), allow_implicit=bool(allow),
        wait_for_sync=spec.get("waitForSync") is True,
        lock_timeout=float(spec["lockTimeout"]) if "lockTimeout" in spec else None,
    )


@dataclass(eq=False)
class Transaction:
    """One running (or finished) transaction.

    Attributes:
        id: the transaction id (a server tick, as a string).
        kind: ``"stream"`` (``/_api/transaction/begin``) or ``"js"`` (``db._executeTransaction``).
        changes: per collection, key -> the document written (``None``: removed), in write order.
        locks: what it holds locked (see :meth:`DocumentStore`'s lock table).
        expired: the transaction was aborted for its idle timeout.
    """

    id: str
    database: str
    options: TransactionOptions
    kind: Literal["stream", "js"]
    user: str
    expires_us: int = 0
    status: Status = "running"
    expired: bool = False
    changes: dict[Collection, dict[str, Document | None]] = field(default_factory=dict)
    locks: set[tuple[int, Any]] = field(default_factory=set)

    def check(self, collection: Collection, write: bool) -> None:
        """Raise 1652 unless the declaration allows this access (``transaction::Methods``)."""
        name = collection.name
        if write:
            if name in self.options.write or name in self.options.exclusive:
                return
        elif name in self.options.read or name in self.options.write or name in self.options.exclusive or \
                self.options.allow_implicit:
            return
        raise ArangoError(E.TRANSACTION_UNREGISTERED_COLLECTION)

    def to_json(self) -> dict[str, Any]:
        """``{id, status}`` as ``RestTransactionHandler::generateTransactionResult`` writes it."""
        return {"id": self.id, "status": self.status}

    def not_usable(self) -> ArangoError | None:
        """Why a document operation cannot use this transaction (``leaseManagedTrx``), if it cannot."""
        if self.status == "aborted":
            return ArangoError(E.TRANSACTION_ABORTED, f"transaction {self.id} has already been aborted")
        if self.status == "committed":
            return ArangoError(E.TRANSACTION_DISALLOWED_OPERATION, f"transaction {self.id} has already been committed")
        return None
