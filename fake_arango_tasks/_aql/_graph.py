"""Reading a graph out of edge collections, for traversals and path searches: edges of a
vertex in a direction (the edge index), the vertex documents (warning when missing), edge weights
(``weightAttribute``/``defaultWeight``; a negative weight is error 1948), as arangod's
``Graph/BaseOptions.cpp`` and ``Graph/TraverserCache.cpp`` provide them."""

from __future__ import annotations

from typing import Any, Iterator, cast

from .._errors import ArangoError
from ._runtime import Run
from ._storage import Collection, Direction
from ._values import to_number

__all__ = ["GraphAccess", "start_vertex_id", "check_constant_vertex"]


class GraphAccess:
    """The edge collections (each with its direction) of one traversal or path search.

    Args:
        run: the execution (collections, statistics, warnings).
        collections: (edge collection name, direction) pairs.
        vertex_collections: only vertices of these collections are followed (``None``: all).
        weight_attribute: the edge attribute with the weight (``None``: every edge weighs 1).
        default_weight: the weight of an edge without that attribute.
    """

    def __init__(self, run: Run, collections: list[tuple[str, str]], vertex_collections: list[str] | None = None,
                 weight_attribute: str | None = None, default_weight: float = 1.0) -> None:
        self.run = run
        self.names = collections
        self.vertex_collections = vertex_collections
        self.weight_attribute = weight_attribute
        self.default_weight = default_weight
        self._edges: list[tuple[Collection, str]] | None = None

    def edge_collections(self) -> list[tuple[Collection, str]]:
        """Raises:
            ArangoError: 1218 for a collection that is not an edge collection.
        """
        if self._edges is None:
            out = []
            for name, direction in self.names:
                collection = self.run.collection(name)
                if collection.type != 3:
                    raise ArangoError(1218, "collection type invalid")
                out.append((collection, direction))
            self._edges = out
        return self._edges

    def vertex(self, vertex_id: str) -> Any:
        """The vertex document, or ``None`` with a warning."""
        collection_name, _, key = vertex_id.partition("/")
        stats = self.run.stats
        stats.document_lookups += 1
        if not self.run.storage.has_collection(collection_name):
            self.run.warn(1203, f"collection or view not found: {collection_name}")
            return None
        document = self.run.collection(collection_name).get(key)
        if document is None:
            self.run.warn(1202, f"vertex '{vertex_id}' not found")
        return document

    def neighbours(self, vertex_id: str) -> Iterator[tuple[Any, str]]:
        """(edge, other vertex id) for each edge of ``vertex_id``, collections in order."""
        stats = self.run.stats
        allowed = self.vertex_collections
        for collection, direction in self.edge_collections():
            for edge in collection.edges(vertex_id, cast(Direction, direction)):
                stats.scanned_index += 1
                if direction == "outbound":
                    other = edge.get("_to")
                elif direction == "inbound":
                    other = edge.get("_from")
                else:
                    other = edge.get("_to") if edge.get("_from") == vertex_id else edge.get("_from")
                if allowed and str(other).partition("/")[0] not in allowed:
                    continue
                yield edge, str(other)

    def weight(self, edge: Any) -> float:
        """Raises:
            ArangoError: 1948 a negative weight.
        """
        if self.weight_attribute is None:
            return 1.0
        value = edge.get(self.weight_attribute) if isinstance(edge, dict) else None
        w = float(to_number(value)) if value is not None else float(self.default_weight)
        if w < 0:
            raise ArangoError(1948)
        return w


def start_vertex_id(run: Run, value: Any) -> str | None:
    """A start (or target) vertex given as an id string or a document with ``_id``; else a
    warning and ``None`` (``Graph/...``: "Invalid input for traversal")."""
    if isinstance(value, dict):
        value = value.get("_id")
    if not isinstance(value, str) or "/" not in value:
        run.warn(10, "Invalid input for traversal: Only id strings or objects with _id are allowed")
        return None
    return value


def check_constant_vertex(node: Any, what: str = "start") -> None:
    """A literal start (or target) vertex must be a string or an object (``TraversalNode``,
    ``ShortestPathNode``: ``null`` or a number there is a parse error, as
    ``tests/js/server/aql/aql-graph-traverser-invalidStartVertex.js`` expects).

    Raises:
        ArangoError: 1501.
    """
    if getattr(node, "type", None) == "value" and not isinstance(node.value, str):
        raise ArangoError(1501, f"invalid {what} vertex")
