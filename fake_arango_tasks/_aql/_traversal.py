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
    return _Traversal(pipeline, operation).stage


def _order_and_uniqueness(options: dict[str, Any]) -> tuple[str, str, str]:
    """``(order, uniqueVertices, uniqueEdges)`` of the OPTIONS (``TraverserOptions``).

    Raises:
        ArangoError: 10 for an unknown order, or global vertex uniqueness depth-first.
    """
    order = options.get("order")
    if order is None:
        order = "bfs" if options.get("bfs") else "dfs"
    if order not in ("dfs", "bfs", "weighted"):
        raise ArangoError(10, "order must be one of 'dfs', 'bfs' or 'weighted'")
    unique_vertices = options.get("uniqueVertices", "none")
    if unique_vertices == "global" and order == "dfs":
        raise ArangoError(10, "uniqueVertices: 'global' is only supported with order: 'bfs' or 'weighted' "
                              "due to otherwise unpredictable results.")
    return order, unique_vertices, options.get("uniqueEdges", "path")


class _Traversal:
    """One traversal's settings and its three walks: depth-first (pre-order), breadth-first and
    by ascending path weight."""

    def __init__(self, pipeline: Any, operation: TraversalOp) -> None:
        run = pipeline.run
        compile_ = pipeline.expressions.compile
        if operation.graph is not None:
            name = compile_(operation.graph)([]) if operation.graph.type != "value" else operation.graph.value
            raise ArangoError(1924, f"graph '{name}' not found")
        options = compile_(operation.options)([]) if operation.options is not None else {}
        self.order, self.unique_vertices, self.unique_edges = _order_and_uniqueness(options)
        vertex_collections = options.get("vertexCollections")
        if isinstance(vertex_collections, str):
            vertex_collections = [vertex_collections]
        min_depth = compile_(operation.min_depth)([])
        max_depth = compile_(operation.max_depth)([]) if operation.max_depth is not None else min_depth
        self.min_depth, self.max_depth = int(to_number(min_depth)), int(to_number(max_depth))
        collections = [(node.value if node.type == "value" else run.bind_vars.get(node.value),
                        own_direction or operation.direction) for node, own_direction in operation.collections]
        check_constant_vertex(operation.start)
        self.run = run
        self.start_value = compile_(operation.start)
        self.prune = compile_(operation.prune) if operation.prune is not None else None
        self.v_slot = operation.vertex.slot
        self.e_slot = operation.edge.slot if operation.edge is not None else None
        self.p_slot = operation.path.slot if operation.path is not None else None
        self.graph = GraphAccess(run, collections, vertex_collections, options.get("weightAttribute"),
                                 float(to_number(options.get("defaultWeight", 1))))

    def stage(self, rows: Iterator[Frame], start: Frame) -> Iterator[Frame]:
        for frame in rows:
            start_id = start_vertex_id(self.run, self.start_value(frame))
            if start_id is not None:
                yield from self._walk(frame, start_id)

    def _walk(self, frame: Frame, start_id: str) -> Iterator[Frame]:
        self.graph.edge_collections()
        # a missing start vertex is null, its edges are still followed
        root = _Path([self.graph.vertex(start_id)], [], [0.0])
        if self.order == "weighted":
            return self._weighted(frame, root, start_id)
        return self._unweighted(frame, root, start_id)

    def _visit(self, frame: Frame, path: _Path) -> tuple[Frame | None, bool]:
        """The frame to emit for ``path`` (``None`` while its depth is below the minimum) and
        whether to follow its edges (not when PRUNE holds or at the maximum depth)."""
        depth = len(path.edges)
        stop = self._pruned(frame, path)
        emitted = self._emit(frame, path) if depth >= self.min_depth else None
        return emitted, not stop and depth < self.max_depth

    def _unweighted(self, frame: Frame, root: _Path, start_id: str) -> Iterator[Frame]:
        """Depth-first (pre-order: a vertex's edges followed in the edge index's order) or breadth-first."""
        depth_first = self.order == "dfs"
        visited = {start_id}
        pending: deque[tuple[_Path, list[str]]] = deque([(root, [start_id])])
        while pending:
            path, ids = pending.pop() if depth_first else pending.popleft()
            emitted, expand = self._visit(frame, path)
            if emitted is not None:
                yield emitted
            if expand:
                children = self._children(path, ids, visited, weigh=depth_first)
                pending.extend(reversed(children) if depth_first else children)

    def _children(self, path: _Path, ids: list[str], visited: set[str], *, weigh: bool) -> list[tuple[_Path, list[str]]]:
        """The paths one edge longer that uniqueness allows, in the edge index's order. With
        ``weigh`` their weights add the edges' weights: the depth-first walk always did, so a
        negative weight is 1948 there and not breadth-first."""
        children = []
        for edge, other in self.graph.neighbours(ids[-1]):
            if not self._allowed(ids, path.edges, edge, other, visited):
                continue
            document = self.graph.vertex(other)
            if self.unique_vertices == "global":
                visited.add(other)
            weight = path.weights[-1] + self.graph.weight(edge) if weigh else path.weights[-1]
            children.append((_Path(path.vertices + [document], path.edges + [edge], path.weights + [weight]),
                             ids + [other]))
        return children

    def _weighted(self, frame: Frame, root: _Path, start_id: str) -> Iterator[Frame]:
        visited = {start_id}
        counter = 0
        heap: list[tuple[float, int, _Path, list[str]]] = [(0.0, counter, root, [start_id])]
        while heap:
            total, _, path, ids = heapq.heappop(heap)
            if self.unique_vertices == "global":
                if ids[-1] in visited and len(ids) > 1:
                    continue
                visited.add(ids[-1])
            emitted, expand = self._visit(frame, path)
            if emitted is not None:
                yield emitted
            if not expand:
                continue
            for edge, other in self.graph.neighbours(ids[-1]):
                if not self._allowed(ids, path.edges, edge, other, visited):
                    continue
                w = total + self.graph.weight(edge)
                counter += 1
                heapq.heappush(heap, (w, counter, _Path(path.vertices + [self.graph.vertex(other)],
                                                        path.edges + [edge], path.weights + [w]), ids + [other]))

    def _allowed(self, path_ids: list[str], path_edges: list[Any], edge: Any, other: str, visited: set[str]) -> bool:
        if self.unique_edges == "path" and any(e is edge or e.get("_id") == edge.get("_id") for e in path_edges):
            return False
        if self.unique_vertices == "path" and other in path_ids:
            return False
        return not (self.unique_vertices == "global" and other in visited)

    def _emit(self, frame: Frame, path: _Path) -> Frame:
        frame[self.v_slot] = path.vertices[-1]
        if self.e_slot is not None:
            frame[self.e_slot] = path.edges[-1] if path.edges else None
        if self.p_slot is not None:
            out: dict[str, Any] = {"edges": list(path.edges), "vertices": list(path.vertices)}
            if self.order == "weighted":
                out["weights"] = list(path.weights)
            frame[self.p_slot] = out
        return frame

    def _pruned(self, frame: Frame, path: _Path) -> bool:
        if self.prune is None:
            return False
        self._emit(frame, path)
        return bool(to_bool(self.prune(frame)))
