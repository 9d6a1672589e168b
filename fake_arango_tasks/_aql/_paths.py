"""Path searches between two vertices: ``SHORTEST_PATH``, ``K_SHORTEST_PATHS``, ``K_PATHS``,
``ALL_SHORTEST_PATHS`` (docs-hugo ``aql/graphs/shortest-path.md``, ``k-shortest-paths.md``,
``k-paths.md``, ``all-shortest-paths.md``).

- SHORTEST_PATH: one row per vertex of one shortest path (fewest edges, or least weight with
  ``weightAttribute``), the edge that led there (null for the start); no rows without a path.
- K_SHORTEST_PATHS: ``{vertices, edges, weight}`` for each path without repeated vertices, by
  ascending weight (edge count without ``weightAttribute``).
- K_PATHS: ``{vertices, edges}`` for each path without repeated vertices whose length is in the
  range, shorter first.
- ALL_SHORTEST_PATHS: ``{vertices, edges}`` for every path of the least number of edges.

Among paths of equal weight the order follows the edge index's order (ArangoDB does not specify
it). Named graphs are not emulated (1924).
"""

from __future__ import annotations

import heapq
from collections import deque
from typing import Any, Callable, Iterator

from .._errors import ArangoError
from ._ast import PathOp
from ._graph import GraphAccess, check_constant_vertex, start_vertex_id
from ._values import number, to_number

__all__ = ["path_stage"]

Frame = list[Any]
_Path = tuple[list[str], list[Any], float]  # vertex ids, edges, weight


def path_stage(pipeline: Any, operation: PathOp) -> Callable[[Iterator[Frame], Frame], Iterator[Frame]]:
    """The stage of one path search.

    Raises:
        ArangoError: 1924 for a named graph.
    """
    run = pipeline.run
    compile_ = pipeline.expressions.compile
    if operation.graph is not None:
        name = compile_(operation.graph)([])
        raise ArangoError(1924, f"graph '{name}' not found")
    options = compile_(operation.options)([]) if operation.options is not None else {}
    options = options if isinstance(options, dict) else {}
    collections = []
    for node, own in operation.collections:
        name = node.value if node.type == "value" else run.bind_vars.get(node.value)
        collections.append((str(name), own or operation.direction))
    weight_attribute = options.get("weightAttribute")
    graph = GraphAccess(run, collections, None, weight_attribute, float(to_number(options.get("defaultWeight", 1))))
    check_constant_vertex(operation.start)
    check_constant_vertex(operation.target, "target")
    start_fn = compile_(operation.start)
    target_fn = compile_(operation.target)
    slots = [v.slot for v in operation.variables]
    kind = operation.kind
    low = high = 0
    if kind == "K_PATHS":
        assert operation.min_depth is not None and operation.max_depth is not None
        low = int(to_number(compile_(operation.min_depth)([])))
        high = int(to_number(compile_(operation.max_depth)([])))

    def documents(path: _Path) -> dict[str, Any]:
        vertices = [graph.vertex(v) for v in path[0]]
        out: dict[str, Any] = {"edges": list(path[1]), "vertices": vertices}
        if kind == "K_SHORTEST_PATHS":
            out["weight"] = number(path[2]) if weight_attribute is not None else len(path[1])
        return out

    def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
        for frame in rows:
            source = start_vertex_id(run, start_fn(frame))
            target = start_vertex_id(run, target_fn(frame))
            if source is None or target is None:
                continue
            if kind == "SHORTEST_PATH":
                found = next(_by_weight(graph, source, target, weighted=weight_attribute is not None), None)
                if found is None:
                    continue
                vertex_ids, edges, _ = found
                for i, vertex_id in enumerate(vertex_ids):
                    frame[slots[0]] = graph.vertex(vertex_id)
                    if len(slots) > 1:
                        frame[slots[1]] = edges[i - 1] if i > 0 else None
                    yield frame
                continue
            if kind == "K_SHORTEST_PATHS":
                paths: Iterator[_Path] = _by_weight(graph, source, target, weighted=weight_attribute is not None)
            elif kind == "K_PATHS":
                paths = _bounded(graph, source, target, low, high)
            else:
                paths = _all_shortest(graph, source, target)
            for path in paths:
                frame[slots[0]] = documents(path)
                yield frame

    return stage


def _by_weight(graph: GraphAccess, source: str, target: str, weighted: bool) -> Iterator[_Path]:
    """Paths without repeated vertices from ``source`` to ``target``, lightest first."""
    counter = 0
    heap: list[tuple[float, int, _Path]] = [(0.0, 0, ([source], [], 0.0))]
    while heap:
        weight, _, path = heapq.heappop(heap)
        vertex_ids, edges, _w = path
        if vertex_ids[-1] == target:
            yield path
            continue
        for edge, other in graph.neighbours(vertex_ids[-1]):
            if other in vertex_ids:
                continue
            step = graph.weight(edge) if weighted else 1.0
            counter += 1
            heapq.heappush(heap, (weight + step, counter, ([*vertex_ids, other], [*edges, edge], weight + step)))


def _bounded(graph: GraphAccess, source: str, target: str, low: int, high: int) -> Iterator[_Path]:
    """Paths without repeated vertices of ``low``..``high`` edges, shorter first."""
    queue: deque[_Path] = deque([([source], [], 0.0)])
    while queue:
        vertex_ids, edges, _ = queue.popleft()
        if vertex_ids[-1] == target and low <= len(edges):
            yield vertex_ids, edges, float(len(edges))
            if len(edges) > 0:
                continue
        if len(edges) >= high:
            continue
        for edge, other in graph.neighbours(vertex_ids[-1]):
            if other not in vertex_ids:
                queue.append(([*vertex_ids, other], [*edges, edge], 0.0))


def _all_shortest(graph: GraphAccess, source: str, target: str) -> Iterator[_Path]:
    """Every path of the least number of edges."""
    best: int | None = None
    for path in _bounded(graph, source, target, 0, 1 << 30):
        if best is not None and len(path[1]) > best:
            return
        best = len(path[1])
        yield path
