"""The checks between parsing and execution, in ArangoDB's order (``Query::prepare``):
bind parameters (``Ast::injectBindParameters``), data-modification rules
(``Ast::validateAndOptimize``), then the collections the query names (``transaction::begin``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterator

from .._errors import ArangoError
from ._ast import ModifyOp, Node, Operation, PathOp, Query, TraversalOp, UpsertOp
from ._parser import ParseResult
from ._storage import Storage

__all__ = ["check_bind_parameters", "check_modifications", "check_collections", "collections_of"]


def check_bind_parameters(parsed: ParseResult, bind_vars: Any) -> None:
    """Every declared parameter has a value, every value is declared, collection parameters are
    names.

    Raises:
        ArangoError: 1550 ``bind_vars`` not an object; 1551 missing; 1552 undeclared;
            1553 ``@@name`` whose value is not a string.
    """
    if not isinstance(bind_vars, Mapping):
        raise ArangoError(1550)
    for name in parsed.parameters:
        if name not in bind_vars:
            raise ArangoError(1551, f"no value specified for declared bind parameter '{name}'")
        if name.startswith("@") and not (isinstance(bind_vars[name], str) and bind_vars[name]):
            raise ArangoError(1553, f"bind parameter '{name}' has an invalid value or type")
    declared = set(parsed.parameters)
    for name in bind_vars:
        if name not in declared:
            raise ArangoError(1552, f"bind parameter '{name}' was not declared in the query")


def _collection_name(node: Node, bind_vars: Mapping[str, Any]) -> str:
    if node.type == "datasource parameter":
        return str(bind_vars.get(node.value))
    return str(node.value)


def _subqueries(value: Any) -> Iterator[Query]:
    """The subqueries inside an operation's expressions, innermost first, as ArangoDB hoists
    them into LETs before the operation."""
    if isinstance(value, Node):
        for m in value.members:
            yield from _subqueries(m)
        if value.type == "subquery":
            yield value.value
    elif isinstance(value, (list, tuple)):
        for m in value:
            yield from _subqueries(m)


def _collection_nodes(value: Any) -> Iterator[Node]:
    if isinstance(value, Node):
        if value.type in ("collection", "datasource parameter"):
            yield value
        for m in value.members:
            yield from _collection_nodes(m)
    elif isinstance(value, (list, tuple)):
        for m in value:
            yield from _collection_nodes(m)


#: functions flagged ``CanReadDocuments`` (``Aql/AqlFunctionFeature.cpp``)
_READS_DOCUMENTS = frozenset({"DOCUMENT"})


def _document_reading_calls(value: Any) -> Iterator[str]:
    if isinstance(value, Node):
        if value.type == "function call" and value.value in _READS_DOCUMENTS:
            yield value.value
        for m in value.members:
            yield from _document_reading_calls(m)
    elif isinstance(value, (list, tuple)):
        for m in value:
            yield from _document_reading_calls(m)


def _expressions(operation: Operation) -> list[Any]:
    """An operation's expression nodes (not its target collection or variables)."""
    skip = {"line", "column", "variable", "collection", "old", "new", "current", "into", "count", "keep",
            "visible", "vertex", "edge", "path", "prune_variable", "kind", "direction"}
    return [value for name, value in vars(operation).items() if name not in skip]


class _ModificationRules:
    """``Ast::validateAndOptimize``'s traversal: a collection read after it was written, or
    written in a subquery of a loop over it, or a traversal after any write, is error 1579."""

    def __init__(self, bind_vars: Mapping[str, Any]) -> None:
        self.bind_vars = bind_vars
        self.written: set[str] = set()
        self.first_seen: dict[str, int] = {}
        self.any_write = False

    def seen(self, name: str, level: int) -> None:
        self.first_seen.setdefault(name, level)
        if name in self.written:
            raise ArangoError(1579, f"access after data-modification by collection '{name}'")

    def query(self, query: Query, level: int) -> None:
        for operation in query.operations:
            for sub in _subqueries(_expressions(operation)):
                self.query(sub, level + 1)
            if isinstance(operation, (TraversalOp, PathOp)):
                if self.any_write:
                    raise ArangoError(1579, "access after data-modification by traversal")
                continue
            for node in _collection_nodes(_expressions(operation)):
                self.seen(_collection_name(node, self.bind_vars), level)
            if self.any_write:
                for name in _document_reading_calls(_expressions(operation)):
                    raise ArangoError(1579, f"access after data-modification by function {name}")
            if isinstance(operation, (ModifyOp, UpsertOp)):
                name = _collection_name(operation.collection, self.bind_vars)
                if isinstance(operation, UpsertOp):
                    self.seen(name, level + 1)
                self.seen(name, level)
                self.any_write = True
                self.written.add(name)
                if self.first_seen[name] < level:
                    raise ArangoError(1579, f"access after data-modification by collection '{name}'")


def check_modifications(parsed: ParseResult, bind_vars: Mapping[str, Any]) -> None:
    """Raises:
        ArangoError: 1579 ``access after data-modification by ...``.
    """
    if parsed.is_modification:
        _ModificationRules(bind_vars).query(parsed.query, 0)


def collections_of(parsed: ParseResult, bind_vars: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(read, written) collection names, bind parameters resolved."""
    read = list(parsed.read_collections)
    written = list(parsed.write_collections)

    def walk(query: Query) -> None:
        for operation in query.operations:
            for node in _collection_nodes(_expressions(operation)):
                if node.type == "datasource parameter":
                    name = _collection_name(node, bind_vars)
                    if name not in read:
                        read.append(name)
            if isinstance(operation, (TraversalOp, PathOp)):
                for node, _ in operation.collections:
                    if node.type != "value":
                        name = _collection_name(node, bind_vars)
                        if name not in read:
                            read.append(name)
            if isinstance(operation, (ModifyOp, UpsertOp)) and operation.collection.type == "datasource parameter":
                name = _collection_name(operation.collection, bind_vars)
                if name not in written:
                    written.append(name)
            for sub in _subqueries(_expressions(operation)):
                walk(sub)

    walk(parsed.query)
    for node in parsed.with_collections:
        if node.type != "value":
            name = _collection_name(node, bind_vars)
            if name not in read:
                read.append(name)
    return read, written


def check_collections(names: list[str], storage: Storage) -> None:
    """Raises:
        ArangoError: 1203 ``collection or view not found: <name>`` for the first missing name
            (in name order, as the transaction locks them).
    """
    for name in sorted(set(names)):
        if not storage.has_collection(name):
            raise ArangoError(1203, f"collection or view not found: {name}")

