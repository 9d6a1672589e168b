"""A (sub)query's operations compiled to a pipeline of generator stages over frames.

A frame is the list of the query's variable values (one slot per variable). Each stage takes the
rows of the stage before it and yields rows; stages that keep rows (SORT, COLLECT, WINDOW) copy
the frame, all others update it in place. RETURN turns the rows into the result array. FOR over a
collection is fused with the FILTERs that follow it (one loop, no stage per filter), and LIMIT stops
pulling from upstream once it has enough, as ArangoDB's executors do. Subqueries are pipelines of
their own, run once per row of the enclosing query with that row's frame.

Semantics follow docs-hugo ``aql/high-level-operations/*.md`` and arangod's executors
(``EnumerateCollectionExecutor``, ``EnumerateListExecutor``, ``FilterExecutor``,
``SortExecutor``, ``LimitExecutor``, ``ReturnExecutor``, ``DistinctCollectExecutor``).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

from .._errors import ArangoError
from ._ast import (CollectOp, FilterOp, ForOp, LetOp, LimitOp, ModifyOp, Node, Operation, PathOp, Query,
                   ReturnOp, SortOp, TraversalOp, UpsertOp, WindowOp)
from ._expressions import Compiled, Compiler
from ._ordering import sort_by_columns
from ._runtime import Run
from ._values import to_bool, type_name

__all__ = ["PipelineCompiler", "Stage", "canonical"]

Frame = list[Any]
Stage = Callable[[Iterator[Frame], Frame], Iterator[Frame]]


def canonical(value: Any) -> Any:
    """A hashable key equal for values AQL's ``==`` finds equal (objects regardless of key order;
    numbers regardless of int/float)."""
    t = type(value)
    if t is str:
        return value  # strings are their own key (no other key is a str)
    if value is None or t is bool:
        return (t.__name__, value)
    if t is int or t is float:
        return ("n", float(value))
    if t is list:
        return ("a", tuple(canonical(v) for v in value))
    return ("o", tuple(sorted((k, canonical(v)) for k, v in value.items())))


_UNBOUNDED = 2**63 - 1  # LIMIT null


class PipelineCompiler:
    """Compiles queries for one run.

    Args:
        run: the execution.
        frame_size: number of variable slots.
    """

    def __init__(self, run: Run, frame_size: int) -> None:
        self.run = run
        self.frame_size = frame_size
        self.expressions = Compiler(run, self.subquery)
        self.full_count_limit: LimitOp | None = None

    # --- entry points ---------------------------------------------------------------------

    def top_level(self, query: Query) -> Callable[[], list[Any]]:
        """The main query as a function returning its result array."""
        if self.run.options.full_count:
            limits = [o for o in query.operations if isinstance(o, LimitOp)]
            self.full_count_limit = limits[-1] if limits else None
        body = self.compile(query)
        size = self.frame_size

        def execute() -> list[Any]:
            values: list[Any] = body([None] * size)
            return values

        return execute

    def subquery(self, query: Query) -> Compiled:
        """A subquery as a function of the enclosing frame returning its result array."""
        saved, self.full_count_limit = self.full_count_limit, None
        try:
            body = self.compile(query)
        finally:
            self.full_count_limit = saved
        run = self.run

        def execute(frame: Frame) -> list[Any]:
            held = run.held
            try:
                values: list[Any] = body(frame)
                return values
            finally:
                run.held = held  # its buffers are gone once it returns; one row's result is not counted

        return execute

    def compile(self, query: Query) -> Compiled:
        stages, result = self._stages(query.operations)

        def execute(frame: Frame) -> list[Any]:
            rows: Iterator[Frame] = iter((frame,))
            for stage in stages:
                rows = stage(rows, frame)
            return result(rows)

        return execute

    # --- stages ---------------------------------------------------------------------------

    def _stages(self, operations: list[Operation]) -> tuple[list[Stage], Callable[[Iterator[Frame]], list[Any]]]:
        stages: list[Stage] = []
        result: Callable[[Iterator[Frame]], list[Any]] = _drain
        i = 0
        while i < len(operations):
            operation = operations[i]
            if isinstance(operation, ForOp):
                filters: list[Node] = []
                while i + 1 < len(operations) and isinstance(operations[i + 1], FilterOp):
                    filters.append(operations[i + 1].expression)  # type: ignore[attr-defined]
                    i += 1
                stages.append(self.for_stage(operation, filters))
            elif isinstance(operation, FilterOp):
                stages.append(self.filter_stage(operation.expression))
            elif isinstance(operation, LetOp):
                stages.append(self.let_stage(operation))
            elif isinstance(operation, SortOp):
                stages.append(self.sort_stage(operation))
            elif isinstance(operation, LimitOp):
                stages.append(self.limit_stage(operation))
            elif isinstance(operation, ReturnOp):
                result = self.return_result(operation)
            elif isinstance(operation, CollectOp):
                from ._collect import collect_stage

                following = operations[i + 1] if i + 1 < len(operations) else None
                stages.append(collect_stage(self, operation, following))
            elif isinstance(operation, WindowOp):
                from ._collect import window_stage

                stages.append(window_stage(self, operation))
            elif isinstance(operation, TraversalOp):
                from ._traversal import traversal_stage

                stages.append(traversal_stage(self, operation))
            elif isinstance(operation, (ModifyOp, UpsertOp)):
                from ._modify import modification_stage

                stages.append(modification_stage(self, operation))
            elif isinstance(operation, PathOp):
                from ._paths import path_stage

                stages.append(path_stage(self, operation))
            else:  # pragma: no cover - the parser makes no other operations
                raise AssertionError(operation)
            i += 1
        return stages, result

    def for_stage(self, operation: ForOp, filters: list[Node]) -> Stage:
        """``FOR v IN expression`` (+ the FILTERs right after it): every element of an array, every
        document of a collection (``scannedFull``), every integer of a range."""
        if operation.search is not None:
            raise ArangoError(9, "SEARCH is not supported by fake-arango-tasks (ArangoSearch views are not emulated)")
        slot = operation.variable.slot
        source = self.iterable(operation.expression)
        scanning = operation.expression.type in ("collection", "datasource parameter")
        conditions = [self.expressions.condition(f) for f in filters]
        stats = self.run.stats
        check_time = self.run.check_time if self.run.deadline else None
        condition: Compiled | None = None
        if len(conditions) == 1:
            condition = conditions[0]
        elif conditions:
            condition = lambda f: all(c(f) for c in conditions)  # noqa: E731

        guard = self.run.context.check

        def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
            for frame in rows:
                if check_time is not None:
                    check_time()  # maxRuntime: once per loop start (the fake clock only moves by SLEEP)
                seen = passed = 0
                try:
                    if condition is None:
                        for value in source(frame):
                            seen += 1
                            if not seen & _CHECK_EVERY:
                                guard()
                            frame[slot] = value
                            yield frame
                    else:
                        for value in source(frame):
                            seen += 1
                            if not seen & _CHECK_EVERY:
                                guard()
                            frame[slot] = value
                            if condition(frame):
                                passed += 1
                                yield frame
                finally:
                    if condition is not None:
                        stats.filtered += seen - passed
                    if scanning:
                        stats.scanned_full += seen

        return stage

    def iterable(self, node: Node) -> Callable[[Frame], Iterable[Any]]:
        """What a FOR iterates: a collection's documents, a lazy range or an array.

        Raises:
            ArangoError: 1563 (at run time) for a value that is not an array.
        """
        if node.type in ("collection", "datasource parameter"):
            name = str(node.value if node.type == "collection" else self.run.bind_vars.get(node.value))
            run = self.run

            def scan(frame: Frame) -> Iterable[Any]:
                return run.collection(name).all()  # counted as scannedFull by the FOR stage

            return scan
        if node.type == "range":
            return self.expressions.range_iterable(node)
        compiled = self.expressions.compile(node)

        def values(frame: Frame) -> Iterable[Any]:
            value = compiled(frame)
            if type(value) is list:
                return value
            raise ArangoError(1563, "collection or array expected as operand to FOR loop; you provided "
                                    f"a value of type '{type_name(value)}'")

        return values

    def filter_stage(self, expression: Node) -> Stage:
        condition = self.expressions.condition(expression)
        stats = self.run.stats

        def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
            for frame in rows:
                if condition(frame):
                    yield frame
                else:
                    stats.filtered += 1

        return stage

    def let_stage(self, operation: LetOp) -> Stage:
        slot = operation.variable.slot
        value = self.expressions.compile(operation.expression)

        def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
            for frame in rows:
                frame[slot] = value(frame)
                yield frame

        return stage

    def sort_stage(self, operation: SortOp) -> Stage:
        """``SORT e1 [ASC|DESC], ...``: stable, by AQL's value order."""
        keys: list[Compiled] = []
        directions: list[bool] = []
        for expression, direction in operation.elements:
            if expression.type == "value" and not isinstance(expression.value, (list, dict)):
                continue  # SORT null, SORT 1: no order (the optimizer removes constant sorts)
            keys.append(self.expressions.compile(expression))
            constant, ascending = self.expressions.constant(direction)
            directions.append(bool(to_bool(ascending)) if constant else True)
        if not keys:
            return lambda rows, start: rows
        hold = self.run.hold

        def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
            frames: list[Frame] = []
            values: list[list[Any]] = []
            for f in rows:
                hold()
                frames.append(f.copy())
                values.append([k(f) for k in keys])
            yield from sort_by_columns(frames, values, directions)

        return stage

    def limit_stage(self, operation: LimitOp) -> Stage:
        """``LIMIT [offset,] count``; the last top-level one counts ``fullCount`` when asked."""
        offset = self._limit_value(operation.offset, "offset")
        count = self._limit_value(operation.count, "count")
        stats = self.run.stats
        counting = operation is self.full_count_limit

        end = offset + count

        def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
            seen = 0
            if end == 0 and not counting:
                return
            for frame in rows:
                seen += 1
                if offset < seen <= end:
                    yield frame
                if seen >= end and not counting:
                    break  # pull nothing more than needed
            if counting:
                stats.full_count += seen

        return stage

    def _limit_value(self, node: Node, what: str) -> int:
        """A LIMIT offset or count (``ExecutionPlan::fromNodeLimit``, devel): null is 0 for the
        offset and unbounded for the count; anything but a non-negative number is 1504
        ``LIMIT <what> value is not a number or out of range`` (raised while the plan is made)."""
        compiled = self.expressions.compile(node)
        try:
            value = compiled([None] * self.frame_size)
        except (IndexError, TypeError):  # pragma: no cover - defensive
            value = None
        if value is None:
            return 0 if what == "offset" else _UNBOUNDED
        if type(value) is bool or not isinstance(value, (int, float)) or value != value or value < 0:
            error = ArangoError(1504, f"LIMIT {what} value is not a number or out of range")
            error.query_phase = "instantiating plan"  # type: ignore[attr-defined]
            raise error
        return int(min(value, _UNBOUNDED))

    def return_result(self, operation: ReturnOp) -> Callable[[Iterator[Frame]], list[Any]]:
        """``RETURN [DISTINCT] expression``."""
        expression = operation.expression
        if expression.type == "reference":
            slot = expression.value.slot
            value: Compiled = lambda f: f[slot]  # noqa: E731
        else:
            value = self.expressions.compile(expression)
        hold = self.run.hold
        if not operation.distinct:
            if not self.run.context.max_rows:
                return lambda rows: [value(f) for f in rows]

            def bounded(rows: Iterator[Frame]) -> list[Any]:
                out: list[Any] = []
                for f in rows:
                    hold()
                    out.append(value(f))
                return out

            return bounded

        def distinct(rows: Iterator[Frame]) -> list[Any]:
            seen: set[Any] = set()
            out: list[Any] = []
            for f in rows:
                v = value(f)
                key = canonical(v)
                if key not in seen:
                    hold()
                    seen.add(key)
                    out.append(v)
            return out

        return distinct


#: A FOR calls the context's check every 4096 rows (a mask: rows & 4095 == 0).
_CHECK_EVERY = 4095


def _drain(rows: Iterator[Frame]) -> list[Any]:
    """A (sub)query without RETURN (a modification): run it, no result."""
    for _ in rows:
        pass
    return []
