"""Expressions compiled to Python closures: each AST node becomes one function of the frame (the
list of variable values, indexed by :attr:`Variable.slot`), built once per execution, so that
per-row work is one call per node and no dispatch on node types.

Constant sub-expressions (literals, operators on literals, deterministic functions of constant
arguments) are folded at compile time when folding neither warns nor fails, as ArangoDB's
``Ast::validateAndOptimize`` folds them. Semantics of each operator: ``_operators``.
"""

from __future__ import annotations

from typing import Any, Callable, Final

from .._errors import ArangoError
from . import _operators as op
from ._ast import Node, Query
from ._functions import FUNCTIONS
from ._runtime import Run
from ._values import to_bool, to_string

__all__ = ["Compiler", "Compiled"]

Compiled = Callable[[list[Any]], Any]
SubqueryCompiler = Callable[[Query], Compiled]

_ARITHMETIC: Final = {"binary plus": op.plus, "binary minus": op.minus, "binary times": op.times}
_COMPARE: Final = {
    "compare ==": op.equals, "compare !=": op.not_equals, "compare <": op.less, "compare <=": op.less_equal,
    "compare >": op.greater, "compare >=": op.greater_equal, "compare in": op.contains,
    "compare not in": op.not_contains,
}


class _NotConstant(Exception):
    pass


class _FoldingContext:
    """The run as seen while folding: any warning makes the expression unfoldable."""

    def __init__(self, run: Run) -> None:
        self._run = run

    def warn(self, error_num: int, message: str | None = None) -> None:
        raise _NotConstant()

    def now_ms(self) -> int:
        raise _NotConstant()  # a function reading the clock is no constant

    def random(self) -> float:
        raise _NotConstant()

    def sleep(self, seconds: float) -> None:
        raise _NotConstant()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._run, name)


class Compiler:
    """Compiles expression nodes for one run.

    Args:
        run: the execution (bind parameters, warnings, collections).
        subquery: compiles a subquery to a function of the frame returning its result array.
    """

    def __init__(self, run: Run, subquery: SubqueryCompiler) -> None:
        self.run = run
        self.subquery = subquery
        self.bind_vars = run.bind_vars
        self._folded: dict[int, tuple[bool, Any]] = {}

    def compile(self, node: Node) -> Compiled:
        """``node`` as a function of the frame.

        Raises:
            ArangoError: 1568 a collection used as an operand; 1553 a bind parameter of the wrong
                type where a name is needed; 1582 a user-defined function.
        """
        kind = node.type
        if kind.startswith("compare "):
            return self._compare(node)
        if kind.startswith("array compare "):
            return self.c_array_compare(node)
        method = getattr(self, "c_" + kind.replace(" ", "_"))
        compiled: Compiled = method(node)
        return compiled

    def constant(self, node: Node) -> tuple[bool, Any]:
        """``(True, value)`` if ``node`` folds to a constant, else ``(False, None)``: literals,
        bind parameters, constant arrays and objects, arithmetic on constants (folded once, its
        warnings registered once)."""
        if node.type == "value":
            return True, node.value
        if node.type == "parameter":
            return True, self.bind_vars.get(node.value)
        if node.type in ("array", "object") and node.is_constant():
            return True, node.constant_value()
        symbol = _FOLDABLE.get(node.type)
        if symbol is None:
            return False, None
        found = self._folded.get(id(node))
        if found is None:
            parts = [self.constant(m) for m in node.members]
            if all(ok for ok, _ in parts):
                if symbol == "neg":
                    found = (True, op.negate(parts[0][1]))
                elif symbol == "pos":
                    found = (True, op.unary_plus(parts[0][1]))
                else:
                    found = (True, op.fold_arithmetic(symbol, parts[0][1], parts[1][1], self.run.warn))
            else:
                found = (False, None)
            self._folded[id(node)] = found
        return found

    def _fold(self, fn: Compiled, parts: list[Node]) -> Compiled:
        """Evaluate ``fn`` now if all of ``parts`` are constant and it does not warn or fail."""
        if all(self.constant(p)[0] for p in parts):
            saved = self.run.warnings[:]
            try:
                value = fn([])
            except (ArangoError, _NotConstant):
                self.run.warnings[:] = saved
                return fn
            if self.run.warnings != saved:
                self.run.warnings[:] = saved
                return fn
            return lambda f: value
        return fn

    # --- leaves -----------------------------------------------------------------------------

    def c_value(self, node: Node) -> Compiled:
        value = node.value
        return lambda f: value

    def c_parameter(self, node: Node) -> Compiled:
        value = self.bind_vars.get(node.value)
        return lambda f: value

    def c_datasource_parameter(self, node: Node) -> Compiled:
        name = self.bind_vars.get(node.value)
        return self.c_collection(Node("collection", value=name))

    def c_reference(self, node: Node) -> Compiled:
        slot = node.value.slot
        return lambda f: f[slot]

    def c_collection(self, node: Node) -> Compiled:
        raise ArangoError(1568, f"collection '{node.value}' used as expression operand")

    def c_passthru(self, node: Node) -> Compiled:
        return self.compile(node.members[0])

    def c_subquery(self, node: Node) -> Compiled:
        return self.subquery(node.value)

    # --- compound values --------------------------------------------------------------------

    def c_array(self, node: Node) -> Compiled:
        if node.is_constant():
            value = node.constant_value()
            return lambda f: value
        items = [self.compile(m) for m in node.members]
        return lambda f: [item(f) for item in items]

    def c_object(self, node: Node) -> Compiled:
        if node.is_constant():
            value = node.constant_value()
            return lambda f: dict(value)
        parts: list[tuple[Compiled | None, str | None, Compiled]] = []
        for member in node.members:
            if member.type == "object element":
                parts.append((None, member.value, self.compile(member.members[0])))
            else:
                name_node, value_node = member.members
                if name_node.type == "parameter":
                    name = self.bind_vars.get(name_node.value)
                    if not isinstance(name, str):
                        raise ArangoError(1553, f"bind parameter '{name_node.value}' has an invalid value or type")
                    parts.append((None, name, self.compile(value_node)))
                else:
                    parts.append((self.compile(name_node), None, self.compile(value_node)))

        def build(f: list[Any]) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for name_fn, name, value_fn in parts:
                key = name if name_fn is None else to_string(name_fn(f))
                value = value_fn(f)
                if key not in out:  # tests/js/server/aql/aql-duplicate-attributes.js: the first wins
                    out[key] = value  # type: ignore[index]
            return out

        return build

    # --- access -----------------------------------------------------------------------------

    def c_attribute_access(self, node: Node) -> Compiled:
        base = node.members[0]
        name = node.value
        if base.type == "reference":
            slot = base.value.slot

            def access_slot(f: list[Any]) -> Any:
                v = f[slot]
                return v.get(name) if type(v) is dict else None

            return access_slot
        inner = self.compile(base)

        def access(f: list[Any]) -> Any:
            v = inner(f)
            return v.get(name) if type(v) is dict else None

        return self._fold(access, [base])

    def c_bound_attribute_access(self, node: Node) -> Compiled:
        parameter = node.members[1]
        name = self.bind_vars.get(parameter.value)
        if isinstance(name, list) and name and all(isinstance(n, str) for n in name):
            result: Node = node.members[0]
            for part in name:
                result = Node("attribute access", [result], part)
            return self.compile(result)
        if not isinstance(name, str):
            raise ArangoError(1553, f"bind parameter '{parameter.value}' has an invalid value or type")
        return self.compile(Node("attribute access", [node.members[0]], name))

    def c_indexed_access(self, node: Node) -> Compiled:
        base, index = self.compile(node.members[0]), self.compile(node.members[1])
        return self._fold(lambda f: op.indexed(base(f), index(f)), node.members)

    def c_expansion(self, node: Node) -> Compiled:
        source_node, expanded_node, filter_node, limit_node, return_node = node.members
        iterator, levels = node.value
        slot = iterator.slot
        source = self.compile(source_node)
        projection = self.compile(return_node if return_node is not None else expanded_node)
        condition = self.compile(filter_node.members[1]) if filter_node is not None else None
        offset_fn = count_fn = None
        if limit_node is not None:
            offset_fn, count_fn = self.compile(limit_node.members[0]), self.compile(limit_node.members[1])

        def expand(f: list[Any]) -> Any:
            value = source(f)
            if type(value) is not list:
                return []
            if levels > 1:
                value = op.flatten_levels(value, levels - 1)
            skip, take = 0, -1
            if offset_fn is not None and count_fn is not None:
                skip, take = _limit_values(offset_fn(f), count_fn(f))
            out: list[Any] = []
            for element in value:
                f[slot] = element
                if condition is not None and not to_bool(condition(f)):
                    continue
                if skip:
                    skip -= 1
                    continue
                if take == 0:
                    break
                out.append(projection(f))
                if take > 0:
                    take -= 1
            return out

        return expand

    def c_boolean_expansion(self, node: Node) -> Compiled:
        source_node, _, array_filter = node.members
        iterator, levels = node.value
        slot = iterator.slot
        source = self.compile(source_node)
        condition = quantity = None
        kind = "any"
        if array_filter is not None:
            quantifier, condition_node = array_filter.members
            condition = self.compile(condition_node)
            if quantifier is not None:
                if quantifier.type == "quantifier":
                    kind = quantifier.value
                    if kind == "at least":
                        quantity = self.compile(quantifier.members[0])
                elif quantifier.type == "range":
                    kind = "range"
                    low, high = self.compile(quantifier.members[0]), self.compile(quantifier.members[1])
                    quantity = lambda f: (low(f), high(f))  # noqa: E731
                else:
                    kind = "exactly"
                    quantity = self.compile(quantifier)

        def test(f: list[Any]) -> bool:
            value = source(f)
            if type(value) is not list:
                return False
            if levels > 1:
                value = op.flatten_levels(value, levels - 1)
            if condition is None:
                return len(value) > 0
            hits = 0
            for element in value:
                f[slot] = element
                if to_bool(condition(f)):
                    hits += 1
            if kind == "any":
                return hits > 0
            if kind == "all":
                return hits == len(value)
            if kind == "none":
                return hits == 0
            assert quantity is not None
            wanted = quantity(f)
            if kind == "at least":
                return hits >= op._to_int64(wanted)
            if kind == "range":
                return op._to_int64(wanted[0]) <= hits <= op._to_int64(wanted[1])
            return hits == op._to_int64(wanted)

        return test

    # --- operators --------------------------------------------------------------------------

    def c_unary_plus(self, node: Node) -> Compiled:
        a = self.compile(node.members[0])
        return self._fold(lambda f: op.unary_plus(a(f)), node.members)

    def c_unary_minus(self, node: Node) -> Compiled:
        a = self.compile(node.members[0])
        return self._fold(lambda f: op.negate(a(f)), node.members)

    def c_unary_not(self, node: Node) -> Compiled:
        a = self.compile(node.members[0])
        return self._fold(lambda f: not to_bool(a(f)), node.members)

    def c_logical_and(self, node: Node) -> Compiled:
        a, b = self.compile(node.members[0]), self.compile(node.members[1])

        def conjunction(f: list[Any]) -> Any:
            left = a(f)
            return b(f) if to_bool(left) else left

        return self._fold(conjunction, node.members)

    def c_logical_or(self, node: Node) -> Compiled:
        a, b = self.compile(node.members[0]), self.compile(node.members[1])

        def disjunction(f: list[Any]) -> Any:
            left = a(f)
            return left if to_bool(left) else b(f)

        return self._fold(disjunction, node.members)

    def _binary(self, node: Node, fn: Callable[[Any, Any], Any]) -> Compiled:
        left, right = node.members
        a, b = self.compile(left), self.compile(right)
        ca, va = self.constant(right)
        if ca and left.type == "reference":
            slot = left.value.slot
            return lambda f: fn(f[slot], va)
        if left.type == "attribute access" and left.members[0].type == "reference" and ca:
            slot, name = left.members[0].value.slot, left.value

            def fused(f: list[Any]) -> Any:
                v = f[slot]
                return fn(v.get(name) if type(v) is dict else None, va)

            return fused
        return self._fold(lambda f: fn(a(f), b(f)), node.members)

    def _arithmetic(self, node: Node, symbol: str, fn: Callable[[Any, Any], Any]) -> Compiled:
        folded, value = self.constant(node)
        if folded:
            # Ast::optimizeBinaryOperatorArithmetic: folded with integer precision, warnings now
            return lambda f: value
        return self._binary(node, fn)

    def c_binary_plus(self, node: Node) -> Compiled:
        return self._arithmetic(node, "+", op.plus)

    def c_binary_minus(self, node: Node) -> Compiled:
        return self._arithmetic(node, "-", op.minus)

    def c_binary_times(self, node: Node) -> Compiled:
        return self._arithmetic(node, "*", op.times)

    def c_binary_div(self, node: Node) -> Compiled:
        warn = self.run.warn
        return self._arithmetic(node, "/", lambda x, y: op.divide(x, y, warn))

    def c_binary_mod(self, node: Node) -> Compiled:
        warn = self.run.warn
        return self._arithmetic(node, "%", lambda x, y: op.modulo(x, y, warn))

    def _compare(self, node: Node) -> Compiled:
        fast = self._fast_compare(node)
        if fast is not None:
            return fast
        return self._binary(node, _COMPARE[node.type])

    def _fast_compare(self, node: Node) -> Compiled | None:
        """``x.a > 5``, ``x == 'a'``: a comparison of a variable (or its attribute) with a number
        or string constant, specialised so that the common case costs one closure call."""
        symbol = node.type[len("compare "):]
        if symbol not in _FAST_TEMPLATES:
            return None
        left, right = node.members
        constant, value = self.constant(right)
        if not constant or not (type(value) in (int, float) or (type(value) is str and symbol in ("==", "!="))):
            return None
        if left.type == "reference":
            shape, slot, name = "slot", left.value.slot, None
        elif left.type == "attribute access" and left.members[0].type == "reference":
            shape, slot, name = "attribute", left.members[0].value.slot, left.value
        else:
            return None
        factory = _fast_factory(symbol, shape, type(value) is str)
        return factory(slot, name, value, _COMPARE[node.type])

    def condition(self, node: Node) -> Compiled:
        """``node`` as a FILTER condition: a function whose Python truth value is AQL's
        ``TO_BOOL`` of the expression (comparisons and ``!`` give booleans; other values convert)."""
        compiled = self.compile(node)
        if node.type.startswith(("compare ", "array compare ")) or node.type in ("unary not", "boolean expansion"):
            return compiled
        return lambda f: to_bool(compiled(f))

    def c_array_compare(self, node: Node) -> Compiled:
        left_node, right_node, quantifier = node.members
        left, right = self.compile(left_node), self.compile(right_node)
        test = op.comparator(node.type[len("array compare "):])
        kind = quantifier.value
        if kind == "at least":
            count = self.compile(quantifier.members[0])
            return lambda f: op.array_compare(left(f), right(f), test, kind, op._to_int64(count(f)))
        return self._fold(lambda f: op.array_compare(left(f), right(f), test, kind), [left_node, right_node])

    def c_ternary(self, node: Node) -> Compiled:
        if len(node.members) == 2:
            condition, otherwise = (self.compile(m) for m in node.members)

            def shortcut(f: list[Any]) -> Any:
                value = condition(f)
                return value if to_bool(value) else otherwise(f)

            return self._fold(shortcut, node.members)
        condition, then, otherwise = (self.compile(m) for m in node.members)
        return self._fold(lambda f: then(f) if to_bool(condition(f)) else otherwise(f), node.members)

    def c_range(self, node: Node) -> Compiled:
        low, high = self.compile(node.members[0]), self.compile(node.members[1])

        def materialise(f: list[Any]) -> list[int]:
            values = op.make_range(low(f), high(f))
            if len(values) > op.RANGE_LIMIT:
                raise ArangoError(32, "resource limit exceeded")
            return list(values)

        return self._fold(materialise, node.members)

    def range_iterable(self, node: Node) -> Callable[[list[Any]], range]:
        """A range expression as a lazy ``range`` (for ``FOR i IN a..b``)."""
        low, high = self.compile(node.members[0]), self.compile(node.members[1])
        return lambda f: op.make_range(low(f), high(f))

    # --- function calls ---------------------------------------------------------------------

    def c_function_call(self, node: Node) -> Compiled:
        function = FUNCTIONS[node.value]
        impl = function.impl
        arg_nodes: list[Node] = node.members[0].members
        args = [self._argument(a) for a in arg_nodes]
        run = self.run
        if len(args) == 1:
            only = args[0]
            call: Compiled = lambda f: impl(run, [only(f)])  # noqa: E731
        elif len(args) == 2:
            first, second = args
            call = lambda f: impl(run, [first(f), second(f)])  # noqa: E731
        else:
            call = lambda f: impl(run, [a(f) for a in args])  # noqa: E731
        if function.deterministic and all(self.constant(a)[0] or (a.type in ("array", "object") and a.is_constant())
                                          for a in arg_nodes):
            values = [a([]) for a in args]
            try:
                value = impl(_FoldingContext(run), values)
            except (ArangoError, _NotConstant):
                return call
            return lambda f: value
        return call

    def _argument(self, node: Node) -> Compiled:
        """A function argument; a collection name stands for its documents there."""
        if node.type == "collection":
            name = node.value
            run = self.run
            return lambda f: list(run.collection(name).all())
        return self.compile(node)

    def c_user_function_call(self, node: Node) -> Compiled:
        raise ArangoError(1582, f"user function '{node.value.upper()}()' not found")


_FOLDABLE: Final = {"binary plus": "+", "binary minus": "-", "binary times": "*", "binary div": "/", "binary mod": "%",
                    "unary minus": "neg", "unary plus": "pos"}
_FAST_TEMPLATES: Final = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_FAST_SOURCE: Final = """
def make(slot, name, value, slow):
    def fast(f):
        x = {load}
        t = type(x)
        if {test}:
            return x {op} value
        return slow(x, value)
    return fast
"""
_fast_cache: dict[tuple[str, str, bool], Callable[..., Compiled]] = {}


def _fast_factory(symbol: str, shape: str, string: bool) -> Callable[..., Compiled]:
    """A closure factory for one comparison shape (generated once per shape)."""
    key = (symbol, shape, string)
    found = _fast_cache.get(key)
    if found is None:
        load = "f[slot]" if shape == "slot" else "f[slot].get(name) if type(f[slot]) is dict else None"
        test = "t is str" if string else "t is int or t is float"
        namespace: dict[str, Any] = {}
        exec(_FAST_SOURCE.format(load=load, test=test, op=_FAST_TEMPLATES[symbol]), namespace)  # noqa: S102
        found = namespace["make"]
        _fast_cache[key] = found
    return found


def _limit_values(offset: Any, count: Any) -> tuple[int, int]:
    """An inline LIMIT's offset and count as non-negative integers."""
    o = op._to_int64(offset)
    c = op._to_int64(count)
    return max(o, 0), max(c, 0)
