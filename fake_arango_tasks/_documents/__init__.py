"""Databases' collections, documents, indexes and transactions, with ArangoDB's semantics, in one
place (see :mod:`._store`); one concept per module:

- ``_collection``: a collection, keys, revisions, the UPDATE merge;
- ``_indexes``: index definitions, descriptions, the values unique constraints and TTL read;
- ``_transactions``: declared collections, overlays, the stream transaction rules;
- ``_ttl``: ArangoDB's TTL thread on the server's clock;
- ``_store``: :class:`DocumentStore`, where they meet;
- ``_aql``: the store as the AQL engine sees it.
"""

from ._aql import DatabaseStorage
from ._collection import Collection, Document, WriteMode
from ._indexes import Index
from ._store import DocumentStore, per_element
from ._transactions import Transaction, TransactionOptions, parse_options

__all__ = ["Collection", "DatabaseStorage", "Document", "DocumentStore", "Index", "Transaction", "TransactionOptions", "WriteMode",
           "parse_options", "per_element"]
