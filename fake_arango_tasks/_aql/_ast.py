"""The AQL abstract syntax tree: expression nodes, the operations of a query (FOR, LET, ...),
variables and their scopes (``arangod/Aql/AstNode.h``, ``Ast.cpp``, ``Scopes.cpp``).

Expression nodes are :class:`Node` with ArangoDB's node type names (``"attribute access"``,
``"binary and"``, ...), so that ``parse_info`` can print them as ArangoDB's AST JSON does.
Operations are small dataclasses in query order; a (sub)query is a list of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "Node", "Variable", "Scopes", "Operation", "ForOp", "LetOp", "FilterOp", "ReturnOp", "SortOp",
    "LimitOp", "CollectOp", "WindowOp", "TraversalOp", "ModifyOp", "UpsertOp", "Query", "PathOp",
]


class Variable:
    """A query variable; ``slot`` is its index in the evaluator's frame."""

    __slots__ = ("name", "slot", "user_defined")

    def __init__(self, name: str, slot: int, user_defined: bool) -> None:
        self.name = name
        self.slot = slot
        self.user_defined = user_defined

    def __repr__(self) -> str:
        return f"Variable({self.name!r}, {self.slot})"


class Node:
    """An expression node: ``type`` (ArangoDB's name), ``members`` (sub-nodes), ``value`` (the
    literal, name, :class:`Variable`, operator or subquery), position of its first token."""

    __slots__ = ("type", "members", "value", "line", "column")

    def __init__(self, type: str, members: list[Any] | None = None, value: Any = None,
                 line: int = 0, column: int = 0) -> None:
        self.type = type
        self.members: list[Any] = members if members is not None else []
        self.value = value
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Node({self.type!r}, {self.members!r}, {self.value!r})"

    def is_constant(self) -> bool:
        """No variables, parameters, subqueries, collections or calls: foldable at compile time
        (``AstNode::isConstant``)."""
        if self.type == "value":
            return True
        if self.type in ("array", "object"):
            return all(m.is_constant() for m in self.members)
        if self.type == "object element":
            return bool(self.members[0].is_constant())
        return False

    def constant_value(self) -> Any:
        """The value of a constant node (see :meth:`is_constant`)."""
        if self.type == "value":
            return self.value
        if self.type == "array":
            return [m.constant_value() for m in self.members]
        out: dict[str, Any] = {}
        for m in self.members:  # a duplicate attribute name: the first one wins
            if m.value not in out:
                out[m.value] = m.members[0].constant_value()
        return out

    def walk(self) -> Any:
        """This node and every node below it, pre-order (not into subqueries)."""
        yield self
        for m in self.members:
            if isinstance(m, Node):
                yield from m.walk()


ScopeType = Literal["main", "subquery", "for", "collect"]


class Scopes:
    """The active scopes while parsing (``arangod/Aql/Scopes.cpp``): a variable is visible from
    its declaration to the end of its scope; FOR and COLLECT open scopes that RETURN (and the
    end of a modification) close; a subquery opens its own."""

    def __init__(self) -> None:
        self.active: list[tuple[ScopeType, dict[str, Variable]]] = []
        self.current: list[Variable | None] = []  # CURRENT of array expansions and UPSERT FILTER

    def start(self, kind: ScopeType) -> None:
        self.active.append((kind, {}))

    def end_current(self) -> None:
        self.active.pop()

    def end_nested(self) -> None:
        """Close FOR and COLLECT scopes up to the innermost main or subquery scope."""
        while self.active and self.active[-1][0] not in ("main", "subquery"):
            self.active.pop()

    @property
    def type(self) -> ScopeType:
        return self.active[-1][0]

    def add(self, variable: Variable) -> None:
        self.active[-1][1][variable.name] = variable

    def replace(self, variable: Variable) -> None:
        """Put ``variable`` where a variable of its name is visible (OLD/NEW of a later modification)."""
        for _, names in reversed(self.active):
            if variable.name in names:
                names[variable.name] = variable
                return
        self.add(variable)

    def get(self, name: str) -> Variable | None:
        for _, names in reversed(self.active):
            variable = names.get(name)
            if variable is not None:
                return variable
        return None


@dataclass
class Operation:
    """One high-level operation of a (sub)query."""

    line: int = field(default=0, kw_only=True)
    column: int = field(default=0, kw_only=True)


@dataclass
class ForOp(Operation):
    variable: Variable
    expression: Node
    options: Node | None = None
    search: Node | None = None


@dataclass
class LetOp(Operation):
    variable: Variable
    expression: Node


@dataclass
class FilterOp(Operation):
    expression: Node


@dataclass
class ReturnOp(Operation):
    expression: Node
    distinct: bool = False


@dataclass
class SortOp(Operation):
    elements: list[tuple[Node, Node]]  # (expression, ascending: a node, usually a bool value)


@dataclass
class LimitOp(Operation):
    offset: Node
    count: Node


@dataclass
class CollectOp(Operation):
    groups: list[tuple[Variable, Node]]
    aggregates: list[tuple[Variable, str, list[Node]]]  # (variable, AGGREGATOR, arguments)
    into: Variable | None = None
    into_expression: Node | None = None
    keep: list[Variable] | None = None
    count: Variable | None = None  # WITH COUNT INTO
    options: Node | None = None
    visible: list[Variable] = field(default_factory=list)  # what INTO collects without expression


@dataclass
class WindowOp(Operation):
    spec: Node
    range_expression: Node | None
    aggregates: list[tuple[Variable, str, list[Node]]]


@dataclass
class TraversalOp(Operation):
    vertex: Variable
    edge: Variable | None
    path: Variable | None
    direction: str  # "outbound" | "inbound" | "any"
    min_depth: Node
    max_depth: Node | None  # None: same as min
    start: Node
    collections: list[tuple[Node, str | None]]  # (collection name or parameter, own direction)
    graph: Node | None
    prune: Node | None = None
    prune_variable: Variable | None = None
    options: Node | None = None


@dataclass
class PathOp(Operation):
    """SHORTEST_PATH, K_SHORTEST_PATHS, K_PATHS, ALL_SHORTEST_PATHS."""

    kind: str
    variables: list[Variable]
    direction: str = "outbound"
    min_depth: Node | None = None  # K_PATHS
    max_depth: Node | None = None
    start: Node | None = None
    target: Node | None = None
    collections: list[tuple[Node, str | None]] = field(default_factory=list)
    graph: Node | None = None
    options: Node | None = None


@dataclass
class ModifyOp(Operation):
    kind: Literal["insert", "update", "replace", "remove"]
    document: Node  # INSERT's document, UPDATE/REPLACE's change, REMOVE's key expression
    key: Node | None  # UPDATE/REPLACE key expression (the WITH form)
    collection: Node  # "collection" (value: name) or "datasource parameter"
    options: Node | None
    old: Variable | None = None
    new: Variable | None = None


@dataclass
class UpsertOp(Operation):
    search: Node | None  # the search object (or bind parameter)
    search_filter: Node | None  # UPSERT FILTER condition (CURRENT bound to the candidate)
    current: Variable | None
    insert: Node
    update: Node
    kind: Literal["update", "replace"]
    collection: Node
    options: Node | None
    old: Variable | None = None
    new: Variable | None = None


@dataclass
class Query:
    """A (sub)query: operations in order."""

    operations: list[Operation] = field(default_factory=list)
