"""COLLECT and WINDOW, and the aggregate functions they share (docs-hugo
``aql/high-level-operations/collect.md``, ``window.md``; arangod ``Aql/Aggregator.cpp``,
``SortedCollectExecutor``, ``HashedCollectExecutor``, ``CountCollectExecutor``,
``WindowExecutor``).

COLLECT groups rows by the values of its group expressions (AQL equality), in ascending order of
the group values: both methods sort (the ``hash`` method is followed by a SORT the optimizer adds),
except when ``SORT null`` follows and the method is not forced to ``sorted``: then the optimizer
may drop the sorts, and the groups come in first-seen order.
Without group expressions there is exactly one output row, even for no input.
"""

from __future__ import annotations

import math
from functools import cmp_to_key
from typing import Any, Callable, Iterator

from .._errors import ArangoError
from ._ast import CollectOp, Node, Operation, SortOp, Variable, WindowOp
from ._expressions import Compiled
from ._ordering import sort_by_columns
from ._parser import AGGREGATORS
from ._values import compare, number, to_number

__all__ = ["collect_stage", "window_stage", "Aggregator", "make_aggregator"]

Frame = list[Any]


class Aggregator:
    """One aggregate's running state: :meth:`add` each value, then :meth:`result`."""

    def add(self, value: Any) -> None:
        raise NotImplementedError

    def result(self) -> Any:
        raise NotImplementedError


class _Length(Aggregator):
    def __init__(self) -> None:
        self.n = 0

    def add(self, value: Any) -> None:
        self.n += 1

    def result(self) -> Any:
        return self.n


class _Min(Aggregator):
    """MIN: the smallest non-null value (null if none)."""

    def __init__(self) -> None:
        self.value: Any = None
        self.seen = False

    def add(self, value: Any) -> None:
        if value is None:
            return
        if not self.seen or compare(value, self.value) < 0:
            self.value, self.seen = value, True

    def result(self) -> Any:
        return self.value


class _Max(Aggregator):
    """MAX: the largest value (null if none)."""

    def __init__(self) -> None:
        self.value: Any = None
        self.seen = False

    def add(self, value: Any) -> None:
        if not self.seen or compare(value, self.value) > 0:
            self.value, self.seen = value, True

    def result(self) -> Any:
        return self.value


class _Sum(Aggregator):
    """SUM: numbers added, nulls skipped; any other value makes the result null."""

    def __init__(self) -> None:
        self.total = 0.0
        self.invalid = False

    def add(self, value: Any) -> None:
        if self.invalid or value is None:
            return
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.total += value
        else:
            self.invalid = True

    def result(self) -> Any:
        return None if self.invalid else number(self.total)


class _Average(_Sum):
    """AVERAGE/AVG: mean of the numbers (null for none or any non-number)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def add(self, value: Any) -> None:
        if not self.invalid and isinstance(value, (int, float)) and not isinstance(value, bool):
            self.count += 1
        super().add(value)

    def result(self) -> Any:
        if self.invalid or self.count == 0:
            return None
        return number(self.total / self.count)


class _Variance(Aggregator):
    """VARIANCE/STDDEV (population or sample), Welford's update over the numbers."""

    def __init__(self, sample: bool, root: bool) -> None:
        self.sample, self.root = sample, root
        self.count = 0
        self.mean = 0.0
        self.m2 = 0.0
        self.invalid = False

    def add(self, value: Any) -> None:
        if self.invalid or value is None:
            return
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            self.invalid = True
            return
        self.count += 1
        delta = value - self.mean
        self.mean += delta / self.count
        self.m2 += delta * (value - self.mean)

    def result(self) -> Any:
        if self.invalid or self.count == 0 or (self.sample and self.count < 2):
            return None
        variance = self.m2 / (self.count - 1 if self.sample else self.count)
        return number(math.sqrt(variance) if self.root else variance)


class _Unique(Aggregator):
    """UNIQUE / SORTED_UNIQUE / COUNT_DISTINCT: the distinct non-null values."""

    def __init__(self, mode: str) -> None:
        from ._pipeline import canonical

        self.canonical = canonical
        self.mode = mode
        self.seen: set[Any] = set()
        self.values: list[Any] = []

    def add(self, value: Any) -> None:
        if value is None:
            return
        key = self.canonical(value)
        if key not in self.seen:
            self.seen.add(key)
            self.values.append(value)

    def result(self) -> Any:
        if self.mode == "count":
            return len(self.values)
        if self.mode == "sorted":
            return sorted(self.values, key=cmp_to_key(compare))
        return list(self.values)


class _Push(Aggregator):
    """PUSH: every value, nulls included."""

    def __init__(self) -> None:
        self.values: list[Any] = []

    def add(self, value: Any) -> None:
        self.values.append(value)

    def result(self) -> Any:
        return self.values


class _Bits(Aggregator):
    """BIT_AND / BIT_OR / BIT_XOR over integers 0 <= n < 2^32; nulls skipped, anything else
    makes the result null."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.value: int | None = None
        self.invalid = False

    def add(self, value: Any) -> None:
        if self.invalid or value is None:
            return
        if (not isinstance(value, (int, float)) or isinstance(value, bool) or value != int(value)
                or not 0 <= value < 2**32):
            self.invalid = True
            return
        v = int(value)
        if self.value is None:
            self.value = v
        elif self.kind == "BIT_AND":
            self.value &= v
        elif self.kind == "BIT_OR":
            self.value |= v
        else:
            self.value ^= v

    def result(self) -> Any:
        return None if self.invalid else self.value


#: The aggregates that keep their input values (the rest keep a number or one value).
_KEEPING = frozenset({"UNIQUE", "SORTED_UNIQUE", "COUNT_DISTINCT", "PUSH"})


def make_aggregator(name: str) -> Aggregator:
    """A fresh aggregator for an aggregate function name (aliases allowed: COUNT, AVG, ...)."""
    kind = AGGREGATORS[name]
    if kind == "LENGTH":
        return _Length()
    if kind == "MIN":
        return _Min()
    if kind == "MAX":
        return _Max()
    if kind == "SUM":
        return _Sum()
    if kind == "AVERAGE":
        return _Average()
    if kind.startswith(("VARIANCE", "STDDEV")):
        return _Variance(kind.endswith("SAMPLE"), kind.startswith("STDDEV"))
    if kind in ("UNIQUE", "SORTED_UNIQUE", "COUNT_DISTINCT"):
        return _Unique({"UNIQUE": "plain", "SORTED_UNIQUE": "sorted", "COUNT_DISTINCT": "count"}[kind])
    if kind == "PUSH":
        return _Push()
    return _Bits(kind)


def _aggregate_inputs(pipeline: Any, aggregates: list[tuple[Variable, str, list[Node]]]
                      ) -> list[tuple[int, str, Compiled]]:
    return [(variable.slot, name, pipeline.expressions.compile(args[0])) for variable, name, args in aggregates]


class _Group:
    __slots__ = ("values", "frame", "aggregators", "into", "count")

    def __init__(self, values: list[Any], frame: Frame, aggregators: list[Aggregator]) -> None:
        self.values = values
        self.frame = frame
        self.aggregators = aggregators
        self.into: list[Any] = []
        self.count = 0


def collect_stage(pipeline: Any, operation: CollectOp, following: Operation | None) -> Callable[[Iterator[Frame], Frame], Iterator[Frame]]:
    """``COLLECT ... [AGGREGATE ...] [INTO ...] [KEEP ...] [WITH COUNT INTO ...] [OPTIONS ...]``."""
    from ._pipeline import canonical

    compile_ = pipeline.expressions.compile
    groups = [(v.slot, compile_(e)) for v, e in operation.groups]
    aggregates = _aggregate_inputs(pipeline, operation.aggregates)
    method = _collect_method(pipeline, operation)
    # SORT null right after: the optimizer may drop the sorts (hash variant, first-seen order)
    keep_order = method != "sorted" and isinstance(following, SortOp) and _is_sort_null(following)
    into_slot = operation.into.slot if operation.into is not None else None
    into_value: Compiled | None = None
    if operation.into is not None:
        if operation.into_expression is not None:
            into_value = compile_(operation.into_expression)
        else:
            kept = operation.keep if operation.keep is not None else operation.visible
            names = [(v.name, v.slot) for v in kept]
            into_value = lambda f: {name: f[slot] for name, slot in names}  # noqa: E731
    count_slot = operation.count.slot if operation.count is not None else None
    names_to_aggregate = [name for _, name, _ in aggregates]
    # what each row adds to what the COLLECT keeps: its INTO value, its PUSHed/UNIQUE values
    kept_per_row = (into_value is not None) + sum(AGGREGATORS[n] in _KEEPING for n in names_to_aggregate)
    hold = pipeline.run.hold

    def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
        table: dict[Any, _Group] = {}
        single = len(groups) == 1
        first = groups[0][1] if single else None
        for frame in rows:
            if single:
                value = first(frame)  # type: ignore[misc]
                values = [value]
                key = canonical(value)
            else:
                values = [g(frame) for _, g in groups]
                key = canonical(values)
            group = table.get(key)
            if group is None:
                hold()
                group = _Group(values, frame.copy(), [make_aggregator(n) for n in names_to_aggregate])
                table[key] = group
            if kept_per_row:
                hold(kept_per_row)
            for aggregator, (_, _, value) in zip(group.aggregators, aggregates):
                aggregator.add(value(frame))
            if into_value is not None:
                group.into.append(into_value(frame))
            group.count += 1
        if not groups and not table:
            table[()] = _Group([], start.copy(), [make_aggregator(n) for n in names_to_aggregate])
        ordered = list(table.values())
        if groups and not keep_order:
            ordered = sort_by_columns(ordered, [g.values for g in ordered], [True] * len(groups))
        for group in ordered:
            out = group.frame
            for (slot, _), value in zip(groups, group.values):
                out[slot] = value
            for (slot, _, _), aggregator in zip(aggregates, group.aggregators):
                out[slot] = aggregator.result()
            if into_slot is not None:
                out[into_slot] = group.into
            if count_slot is not None:
                out[count_slot] = group.count
            yield out

    return stage


def _is_sort_null(operation: SortOp) -> bool:
    return all(e.type == "value" and e.value is None for e, _ in operation.elements)


def _collect_method(pipeline: Any, operation: CollectOp) -> str:
    """``"sorted"``, ``"hash"`` (OPTIONS { method }), or ``"default"`` (the optimizer's choice)."""
    if operation.options is None:
        return "default"
    options = pipeline.expressions.compile(operation.options)([])
    method = options.get("method") if isinstance(options, dict) else None
    return method if method in ("hash", "sorted") else "default"


def window_stage(pipeline: Any, operation: WindowOp) -> Callable[[Iterator[Frame], Frame], Iterator[Frame]]:
    """``WINDOW {preceding, following} AGGREGATE ...`` (rows) and ``WINDOW expr WITH {...}``
    (a numeric range around each row's value); rows keep their order."""
    spec = pipeline.expressions.compile(operation.spec)([])
    preceding = _bound(spec.get("preceding", 0))
    following = _bound(spec.get("following", 0))
    aggregates = _aggregate_inputs(pipeline, operation.aggregates)
    range_value = pipeline.expressions.compile(operation.range_expression) if operation.range_expression else None

    def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
        buffered = [f.copy() for f in rows]
        inputs = [[value(f) for _, _, value in aggregates] for f in buffered]
        n = len(buffered)
        if range_value is not None:
            keys = [to_number(range_value(f)) for f in buffered]
        for i, frame in enumerate(buffered):
            if range_value is None:
                lo = 0 if preceding is None else max(0, i - int(preceding))
                hi = n - 1 if following is None else min(n - 1, i + int(following))
                members = range(lo, hi + 1)
            else:
                low = -math.inf if preceding is None else keys[i] - preceding
                high = math.inf if following is None else keys[i] + following
                members = range(0, n)
                members = [j for j in members if low <= keys[j] <= high]  # type: ignore[assignment]
            states = [make_aggregator(name) for _, name, _ in aggregates]
            for j in members:
                for state, value in zip(states, inputs[j]):
                    state.add(value)
            for (slot, _, _), state in zip(aggregates, states):
                frame[slot] = state.result()
            yield frame

    return stage


def _bound(value: Any) -> float | None:
    """A WINDOW bound: a number, a numeric string, or ``"unbounded"`` (None)."""
    if isinstance(value, str):
        if value.strip().lower() == "unbounded":
            return None
        try:
            return float(value)
        except ValueError:
            raise ArangoError(9, "WINDOW bounds given as ISO 8601 durations are not supported by fake-arango-tasks") from None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
        return float(value)
    raise ArangoError(10, "invalid WINDOW bound")
