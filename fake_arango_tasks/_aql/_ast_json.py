"""The AST as ``POST /_api/query`` shows it: ``{"type": "root", "subNodes": [...]}`` with
ArangoDB's node type names (``AstNode::toVelocyPack``, ``arangod/Aql/AstNode.cpp``).

An approximation: the node types, names, values and nesting follow ArangoDB, but subqueries stay
where they are written (ArangoDB hoists them into ``let`` nodes first) and the optimizer's
rewrites are not applied.
"""

from __future__ import annotations

from typing import Any

from ._ast import (CollectOp, FilterOp, ForOp, LetOp, LimitOp, ModifyOp, Operation, PathOp, ReturnOp, SortOp,
                   TraversalOp, UpsertOp, Variable, WindowOp)
from ._parser import ParseResult

__all__ = ["ast_json"]


def _variable(variable: Variable) -> dict[str, Any]:
    return {"type": "variable", "name": variable.name, "id": variable.slot}


#: our node type names where ArangoDB's ``AstNode::TypeNames`` differ
_TYPE_NAMES = {"binary plus": "plus", "binary minus": "minus", "binary times": "times", "binary div": "division",
               "binary mod": "modulus", "boolean expansion": "expansion"}


def _node(node: Any) -> dict[str, Any]:
    if node is None:
        return {"type": "no-op"}
    if isinstance(node, Variable):
        return _variable(node)
    out: dict[str, Any] = {"type": _TYPE_NAMES.get(node.type, node.type)}
    if node.type == "value":
        out["value"] = node.value
    elif node.type == "reference":
        out["name"] = node.value.name
        out["id"] = node.value.slot
    elif node.type in ("collection", "attribute access", "function call", "object element", "parameter",
                       "datasource parameter", "user function call"):
        out["name"] = node.value
    elif node.type == "quantifier":
        out["quantifier"] = node.value
    if node.type == "subquery":
        out["subNodes"] = [_operation(o) for o in node.value.operations]
    elif node.members:
        out["subNodes"] = [_node(m) for m in node.members]
    return out


def _operation(op: Operation) -> dict[str, Any]:
    if isinstance(op, ForOp):
        return {"type": "for", "subNodes": [_variable(op.variable), _node(op.expression), _node(op.options)]}
    if isinstance(op, LetOp):
        return {"type": "let", "subNodes": [_variable(op.variable), _node(op.expression)]}
    if isinstance(op, FilterOp):
        return {"type": "filter", "subNodes": [_node(op.expression)]}
    if isinstance(op, ReturnOp):
        inner = _node(op.expression)
        return {"type": "return", "subNodes": [{"type": "distinct", "subNodes": [inner]} if op.distinct else inner]}
    if isinstance(op, SortOp):
        return {"type": "sort", "subNodes": [{"type": "array", "subNodes": [
            {"type": "sort element", "subNodes": [_node(e), _node(d)]} for e, d in op.elements]}]}
    if isinstance(op, LimitOp):
        return {"type": "limit", "subNodes": [_node(op.offset), _node(op.count)]}
    if isinstance(op, CollectOp):
        groups = [{"type": "assign", "subNodes": [_variable(v), _node(e)]} for v, e in op.groups]
        return {"type": "collect", "subNodes": [{"type": "array", "subNodes": groups}]}
    if isinstance(op, (ModifyOp, UpsertOp)):
        kind = op.kind if isinstance(op, ModifyOp) else "upsert"
        return {"type": kind, "subNodes": [_node(op.options), _node(op.collection)]}
    if isinstance(op, TraversalOp):
        return {"type": "traversal", "subNodes": [_node(op.start)]}
    if isinstance(op, WindowOp):
        return {"type": "window", "subNodes": [_node(op.spec)]}
    if isinstance(op, PathOp):
        return {"type": op.kind.lower().replace("_", " ")}
    raise AssertionError(op)  # pragma: no cover


def ast_json(parsed: ParseResult) -> dict[str, Any]:
    """The root node of ``parsed``'s AST."""
    return {"type": "root", "subNodes": [_operation(o) for o in parsed.query.operations]}

