"""Graph traversals over edge collections: ``FOR v[, e[, p]] IN min..max OUTBOUND|INBOUND|ANY
start edges1[, ...] [PRUNE cond] [OPTIONS {...}]`` (docs-hugo ``aql/graphs/traversals.md``,
``traversals-explained.md``; arangod ``Graph/TraverserOptions.cpp``, ``Graph/Enumerators``).

Depth-first by default (pre-order: a vertex is emitted when reached, then its edges are followed
in the edge index's order), breadth-first with ``order: "bfs"`` (or ``bfs: true``), by ascending
path weight with ``order: "weighted"``. Uniqueness: edges unique per path by default, vertices not
unique unless ``uniqueVertices: "path"`` or ``"global"``. PRUNE stops expanding a vertex (which is
still emitted). Named graphs are not emulated: ``GRAPH "g"`` fails with 1924 ``graph 'g' not found``,
as it would on a server without that graph.
"""

from __future__ import annotations

import heapq
from collections import deque
from typing import Any, Callable, Iterator

from .._errors import ArangoError
from ._ast import TraversalOp
from ._graph import GraphAccess, check_constant_vertex, start_vertex_id
from ._values import to_bool, to_number

__all__ = ["traversal_stage"]

Frame = list[Any]
_OPTIONS = {"order", "bfs", "uniqueVertices", "uniqueEdges", "weightAttribute", "defaultWeight",
            "edgeCollections", "vertexCollections", "parallelism", "maxProjections", "useCache",
            "produceVertices", "indexHint", "maxDepth", "minDepth"}


class _Path:
    __slots__ = ("vertices", "edges", "weights")

    def __init__(self, vertices: list[Any], edges: list[Any], weights: list[float]) -> None:
        self.vertices = vertices
        self.edges = edges
        self.weights = weights


def traversal_stage(pipeline: Any, operation: TraversalOp) -> Callable[[Iterator[Frame], Frame], Iterator[Frame]]:
    """The stage of one traversal.

    Raises:
        ArangoError: 1924 for a named graph; 1218 for a collection that is not an edge collection;
            10 for bad OPTIONS.
    """
    run = pipeline.run
    compile_ = pipeline.expressions.compile
    if operation.graph is not None:
        name = compile_(operation.graph)([]) if operation.graph.type != "value" else operation.graph.value
        raise ArangoError(1924, f"graph '{name}' not found")
    options = compile_(operation.options)([]) if operation.options is not None else {}
    order = options.get("order")
    if order is None:
        order = "bfs" if options.get("bfs") else "dfs"
    if order not in ("dfs", "bfs", "weighted"):
        raise ArangoError(10, "order must be one of 'dfs', 'bfs' or 'weighted'")
    unique_vertices = options.get("uniqueVertices", "none")
    unique_edges = options.get("uniqueEdges", "path")
    if unique_vertices == "global" and order == "dfs":
        raise ArangoError(10, "uniqueVertices: 'global' is only supported with order: 'bfs' or 'weighted' "
                              "due to otherwise unpredictable results.")
    weight_attribute = options.get("weightAttribute")
    default_weight = to_number(options.get("defaultWeight", 1))
    vertex_collections = options.get("vertexCollections")
    if isinstance(vertex_collections, str):
        vertex_collections = [vertex_collections]
    min_depth = compile_(operation.min_depth)([])
    max_depth = compile_(operation.max_depth)([]) if operation.max_depth is not None else min_depth
    min_depth, max_depth = int(to_number(min_depth)), int(to_number(max_depth))
    collections: list[tuple[str, str]] = []
    for node, own_direction in operation.collections:
        name = node.value if node.type == "value" else run.bind_vars.get(node.value)
        collections.append((name, own_direction or operation.direction))
    check_constant_vertex(operation.start)
    start_value = compile_(operation.start)
    prune = compile_(operation.prune) if operation.prune is not None else None
    v_slot = operation.vertex.slot
    e_slot = operation.edge.slot if operation.edge is not None else None
    p_slot = operation.path.slot if operation.path is not None else None
    graph = GraphAccess(run, collections, vertex_collections, weight_attribute, float(default_weight))
    vertex, neighbours_of, weight_of = graph.vertex, graph.neighbours, graph.weight

    def neighbours(vertex_id: str, edges_in: Any) -> Iterator[tuple[Any, str]]:
        return neighbours_of(vertex_id)

    def path_object(path: _Path) -> dict[str, Any]:
        out: dict[str, Any] = {"edges": list(path.edges), "vertices": list(path.vertices)}
        if order == "weighted":
            out["weights"] = list(path.weights)
        return out

    def emit(frame: Frame, path: _Path) -> Frame:
        frame[v_slot] = path.vertices[-1]
        if e_slot is not None:
            frame[e_slot] = path.edges[-1] if path.edges else None
        if p_slot is not None:
            frame[p_slot] = path_object(path)
        return frame

    def pruned(frame: Frame, path: _Path) -> bool:
        if prune is None:
            return False
        emit(frame, path)
        return bool(to_bool(prune(frame)))

    def allowed(path_ids: list[str], path_edges: list[Any], edge: Any, other: str, visited: set[str]) -> bool:
        if unique_edges == "path" and any(e is edge or e.get("_id") == edge.get("_id") for e in path_edges):
            return False
        if unique_vertices == "path" and other in path_ids:
            return False
        if unique_vertices == "global" and other in visited:
            return False
        return True

    def traverse(frame: Frame, start_id: str) -> Iterator[Frame]:
        edges_in = graph.edge_collections()
        start_doc = vertex(start_id)  # a missing start vertex is null, its edges are still followed
        visited = {start_id}
        root = _Path([start_doc], [], [0.0])
        if order == "dfs":
            stack: list[tuple[_Path, list[str]]] = [(root, [start_id])]
            while stack:
                path, ids = stack.pop()
                depth = len(path.edges)
                stop = pruned(frame, path)
                if depth >= min_depth:
                    yield emit(frame, path)
                if stop or depth >= max_depth:
                    continue
                children = []
                for edge, other in neighbours(ids[-1], edges_in):
                    if not allowed(ids, path.edges, edge, other, visited):
                        continue
                    document = vertex(other)
                    if unique_vertices == "global":
                        visited.add(other)
                    children.append((_Path(path.vertices + [document], path.edges + [edge],
                                           path.weights + [path.weights[-1] + weight_of(edge)]), ids + [other]))
                stack.extend(reversed(children))
            return
        if order == "bfs":
            queue: deque[tuple[_Path, list[str]]] = deque([(root, [start_id])])
            while queue:
                path, ids = queue.popleft()
                depth = len(path.edges)
                stop = pruned(frame, path)
                if depth >= min_depth:
                    yield emit(frame, path)
                if stop or depth >= max_depth:
                    continue
                for edge, other in neighbours(ids[-1], edges_in):
                    if not allowed(ids, path.edges, edge, other, visited):
                        continue
                    if unique_vertices == "global":
                        visited.add(other)
                    queue.append((_Path(path.vertices + [vertex(other)], path.edges + [edge],
                                        path.weights + [path.weights[-1]]), ids + [other]))
            return
        counter = 0
        heap: list[tuple[float, int, _Path, list[str]]] = [(0.0, counter, root, [start_id])]
        while heap:
            total, _, path, ids = heapq.heappop(heap)
            if unique_vertices == "global":
                if ids[-1] in visited and len(ids) > 1:
                    continue
                visited.add(ids[-1])
            depth = len(path.edges)
            stop = pruned(frame, path)
            if depth >= min_depth:
                yield emit(frame, path)
            if stop or depth >= max_depth:
                continue
            for edge, other in neighbours(ids[-1], edges_in):
                if unique_edges == "path" and any(e.get("_id") == edge.get("_id") for e in path.edges):
                    continue
                if unique_vertices == "path" and other in ids:
                    continue
                if unique_vertices == "global" and other in visited:
                    continue
                w = total + weight_of(edge)
                counter += 1
                heapq.heappush(heap, (w, counter, _Path(path.vertices + [vertex(other)], path.edges + [edge],
                                                        path.weights + [w]), ids + [other]))

    def stage(rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
        for frame in rows:
            start_id = start_vertex_id(run, start_value(frame))
            if start_id is not None:
                yield from traverse(frame, start_id)

    return stage

