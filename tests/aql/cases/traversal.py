"""Graph traversals: docs-hugo ``aql/graphs/traversals.md``, ``traversals-explained.md``,
``aql/examples-and-query-patterns/traversals.md``; ``tests/js/server/aql/aql-graph*.js``."""

from tests.aql.case import AqlCase

T = "aql/graphs/traversals.md"
V = [{"_key": k, "name": k} for k in ("A", "B", "C", "D", "E", "F")]
# A -> B -> C -> D, A -> E -> F, C -> A (a cycle)
E = [
    {"_key": "ab", "_from": "v/A", "_to": "v/B", "w": 1},
    {"_key": "bc", "_from": "v/B", "_to": "v/C", "w": 5},
    {"_key": "cd", "_from": "v/C", "_to": "v/D", "w": 1},
    {"_key": "ae", "_from": "v/A", "_to": "v/E", "w": 2},
    {"_key": "ef", "_from": "v/E", "_to": "v/F", "w": 1},
    {"_key": "ca", "_from": "v/C", "_to": "v/A", "w": 1},
]
G = {"collections": {"v": V}, "edges": {"e": E}}


def q(source: str, query: str, expect: list, **kw: object) -> AqlCase:
    merged = {**G, **kw}
    return AqlCase(source=source, query=query, expect=expect, **merged)  # type: ignore[arg-type]


P = {"collections": {"v": V}, "edges": {"e": [*E, {"_key": "ec", "_from": "v/E", "_to": "v/C", "w": 1}]}}


def p(source: str, query: str, expect: list, **kw: object) -> AqlCase:
    merged = {**P, **kw}
    return AqlCase(source=source, query=query, expect=expect, **merged)  # type: ignore[arg-type]


CASES = [
    # path searches
    p("aql/graphs/shortest-path.md#syntax", "FOR v, e IN OUTBOUND SHORTEST_PATH 'v/A' TO 'v/D' e RETURN [v._key, e._key]",
      [["A", None], ["B", "ab"], ["C", "bc"], ["D", "cd"]]),
    p("aql/graphs/shortest-path.md#path-search-options", "FOR v, e IN OUTBOUND SHORTEST_PATH 'v/A' TO 'v/D' e OPTIONS { weightAttribute: 'w' } RETURN [v._key, e._key]",
      [["A", None], ["E", "ae"], ["C", "ec"], ["D", "cd"]]),
    p("aql/graphs/shortest-path.md#syntax", "FOR v IN ANY SHORTEST_PATH 'v/D' TO 'v/F' e RETURN v._key", ["D", "C", "E", "F"]),
    p("aql/graphs/shortest-path.md#syntax", "FOR v IN OUTBOUND SHORTEST_PATH 'v/D' TO 'v/A' e RETURN v._key", []),
    p("aql/graphs/shortest-path.md#syntax", "FOR v IN OUTBOUND SHORTEST_PATH 'v/A' TO 'v/A' e RETURN v._key", ["A"]),
    p("aql/graphs/shortest-path.md#syntax", "FOR v IN INBOUND SHORTEST_PATH { _id: 'v/D' } TO 'v/B' e RETURN v._key", ["D", "C", "B"]),
    AqlCase(source="aql/graphs/shortest-path.md#syntax (grammar.y buildShortestPathInfo)",
            query="FOR v IN OUTBOUND SHORTEST_PATH 'v/A' FROM 'v/A' e RETURN v._key",
            error=(1501, "unexpected qualifier 'FROM', expecting 'TO' near 'OUTBOUND SHORTEST_PATH 'v/A' FRO...' at position 1:10")),
    AqlCase(source="aql/graphs/shortest-path.md#syntax (grammar.y)", query="FOR a, b, c IN OUTBOUND SHORTEST_PATH 'v/A' TO 'v/D' e RETURN a",
            error=(1501, "SHORTEST_PATH must have one or two return variables near 'FOR a, b, c IN OUTBOUND SHORTEST...' at position 1:1")),
    p("aql/graphs/k-shortest-paths.md#syntax", "FOR p IN OUTBOUND K_SHORTEST_PATHS 'v/A' TO 'v/D' e RETURN [p.vertices[*]._key, p.weight]",
      [[["A", "B", "C", "D"], 3], [["A", "E", "C", "D"], 3]], ordered=False),
    p("aql/graphs/k-shortest-paths.md#path-search-options", "FOR p IN OUTBOUND K_SHORTEST_PATHS 'v/A' TO 'v/D' e OPTIONS { weightAttribute: 'w' } RETURN [p.vertices[*]._key, p.weight]",
      [[["A", "E", "C", "D"], 4], [["A", "B", "C", "D"], 7]]),
    p("aql/graphs/k-shortest-paths.md#syntax", "FOR p IN OUTBOUND K_SHORTEST_PATHS 'v/A' TO 'v/D' e OPTIONS { weightAttribute: 'w' } LIMIT 1 RETURN p.edges[*]._key",
      [["ae", "ec", "cd"]]),
    AqlCase(source="aql/graphs/k-shortest-paths.md#syntax (grammar.y)", query="FOR p, q IN OUTBOUND K_SHORTEST_PATHS 'v/A' TO 'v/D' e RETURN p",
            error=(1501, "K_SHORTEST_PATHS only has one return variable near 'FOR p, q IN OUTBOUND K_SHORTEST_...' at position 1:1")),
    p("aql/graphs/k-paths.md#syntax", "FOR p IN 1..4 OUTBOUND K_PATHS 'v/A' TO 'v/D' e RETURN p.vertices[*]._key",
      [["A", "B", "C", "D"], ["A", "E", "C", "D"]], ordered=False),
    p("aql/graphs/k-paths.md#syntax", "FOR p IN 1..2 OUTBOUND K_PATHS 'v/A' TO 'v/D' e RETURN p", []),
    p("aql/graphs/k-paths.md#syntax", "FOR p IN 1..4 OUTBOUND K_PATHS 'v/A' TO 'v/D' e RETURN ATTRIBUTES(p, false, true)", [["edges", "vertices"], ["edges", "vertices"]]),
    p("aql/graphs/all-shortest-paths.md#syntax", "FOR p IN OUTBOUND ALL_SHORTEST_PATHS 'v/A' TO 'v/D' e RETURN p.edges[*]._key",
      [["ab", "bc", "cd"], ["ae", "ec", "cd"]], ordered=False),
    p("aql/graphs/all-shortest-paths.md#syntax", "FOR p IN OUTBOUND ALL_SHORTEST_PATHS 'v/A' TO 'v/B' e RETURN p.vertices[*]._key", [["A", "B"]]),
    AqlCase(source="aql/graphs/all-shortest-paths.md (named graphs are not emulated)", query="FOR p IN OUTBOUND ALL_SHORTEST_PATHS 'v/A' TO 'v/B' GRAPH 'g' RETURN p",
            error=(1924, "graph 'g' not found"), fake_only=True),

    q(f"{T}#syntax", "FOR v IN 1..1 OUTBOUND 'v/A' e RETURN v.name", ["B", "E"]),
    q(f"{T}#syntax", "FOR v IN OUTBOUND 'v/A' e RETURN v.name", ["B", "E"]),
    q(f"{T}#syntax", "FOR v IN 2 OUTBOUND 'v/A' e RETURN v.name", ["C", "F"]),
    q(f"{T}#syntax", "FOR v IN 1..2 OUTBOUND 'v/A' e RETURN v.name", ["B", "C", "E", "F"]),
    q(f"{T}#syntax", "FOR v IN 0..1 OUTBOUND 'v/A' e RETURN v.name", ["A", "B", "E"]),
    q(f"{T}#syntax", "FOR v IN 1..1 INBOUND 'v/C' e RETURN v.name", ["B"]),
    q(f"{T}#syntax", "FOR v IN 1..1 ANY 'v/C' e RETURN v.name", ["D", "A", "B"], ordered=False),
    q(f"{T}#syntax", "FOR v, e IN 1..1 OUTBOUND 'v/A' e RETURN e._key", ["ab", "ae"]),
    q(f"{T}#syntax", "FOR v, e, p IN 2..2 OUTBOUND 'v/A' e RETURN p.vertices[*].name", [["A", "B", "C"], ["A", "E", "F"]]),
    q(f"{T}#syntax", "FOR v, e, p IN 2..2 OUTBOUND 'v/A' e RETURN p.edges[*]._key", [["ab", "bc"], ["ae", "ef"]]),
    q(f"{T}#syntax", "FOR v, e, p IN 0..0 OUTBOUND 'v/A' e RETURN [v.name, e, p.edges]", [["A", None, []]]),
    q(f"{T}#syntax", "FOR v IN 1..1 OUTBOUND { _id: 'v/A' } e RETURN v.name", ["B", "E"]),
    q(f"{T}#syntax", "FOR s IN v FILTER s.name == 'E' FOR t IN 1..1 OUTBOUND s e RETURN t.name", ["F"]),
    q(f"{T}#syntax", "FOR v IN 1..1 OUTBOUND 'v/A' @@edges RETURN v.name", ["B", "E"], bind_vars={"@edges": "e"}),
    q(f"{T}#syntax", "FOR v IN @min..@max OUTBOUND @start e RETURN v.name", ["C", "F"], bind_vars={"min": 2, "max": 2, "start": "v/A"}),
    q(f"{T}#syntax (edge collections with their own direction)", "FOR v IN 1..1 OUTBOUND 'v/C' INBOUND e RETURN v.name", ["B"]),
    # depth-first order and cycles (unique edges per path by default)
    q(f"{T}#traversal-options (order dfs)", "FOR v IN 1..10 OUTBOUND 'v/A' e RETURN v.name", ["B", "C", "D", "A", "E", "F", "E", "F"]),
    q(f"{T}#traversal-options (uniqueVertices path)", "FOR v IN 1..10 OUTBOUND 'v/A' e OPTIONS { uniqueVertices: 'path' } RETURN v.name",
      ["B", "C", "D", "E", "F"]),
    q(f"{T}#traversal-options (uniqueVertices global)", "FOR v IN 1..10 OUTBOUND 'v/A' e OPTIONS { uniqueVertices: 'global', order: 'bfs' } RETURN v.name",
      ["B", "E", "C", "F", "D"]),
    q(f"{T}#traversal-options (order bfs)", "FOR v IN 1..2 OUTBOUND 'v/A' e OPTIONS { order: 'bfs' } RETURN v.name", ["B", "E", "C", "F"]),
    q(f"{T}#traversal-options (bfs, deprecated)", "FOR v IN 1..2 OUTBOUND 'v/A' e OPTIONS { bfs: true } RETURN v.name", ["B", "E", "C", "F"]),
    q(f"{T}#traversal-options (uniqueEdges none)", "FOR v IN 3..3 OUTBOUND 'v/A' e OPTIONS { uniqueEdges: 'none' } RETURN v.name", ["D", "A"]),
    q(f"{T}#traversal-options (order weighted)", "FOR v, e, p IN 1..3 OUTBOUND 'v/A' e OPTIONS { order: 'weighted', weightAttribute: 'w', uniqueVertices: 'path' } RETURN [v.name, p.weights[-1]]",
      [["B", 1], ["E", 2], ["F", 3], ["C", 6], ["D", 7]]),
    AqlCase(source=f"{T}#traversal-options (uniqueVertices global needs bfs or weighted)",
            query="FOR v IN 1..2 OUTBOUND 'v/A' e OPTIONS { uniqueVertices: 'global' } RETURN v", **G,  # type: ignore[arg-type]
            error=(10, "uniqueVertices: 'global' is only supported with order: 'bfs' or 'weighted' due to otherwise unpredictable results.")),
    # PRUNE and filters
    q(f"{T}#pruning", "FOR v, e, p IN 1..5 OUTBOUND 'v/A' e PRUNE v.name == 'C' RETURN v.name", ["B", "C", "E", "F"]),
    q(f"{T}#pruning", "FOR v, e, p IN 1..5 OUTBOUND 'v/A' e PRUNE e.w > 1 RETURN v.name", ["B", "C", "E"]),
    q(f"{T}#pruning", "FOR v IN 1..5 OUTBOUND 'v/A' e PRUNE x = v.name == 'B' OPTIONS { uniqueVertices: 'path' } FILTER x RETURN v.name", ["B"]),
    q(f"{T}#pruning", "FOR v, e, p IN 2..5 OUTBOUND 'v/A' e PRUNE v.name IN ['C', 'F'] RETURN v.name", ["C", "F"]),
    q(f"{T}#filtering-on-paths", "FOR v, e, p IN 1..3 OUTBOUND 'v/A' e FILTER p.edges[0].w == 2 RETURN v.name", ["E", "F"]),
    q(f"{T}#filtering-on-paths", "FOR v, e, p IN 1..3 OUTBOUND 'v/A' e FILTER p.vertices[1].name == 'B' FILTER LENGTH(p.edges) == 3 RETURN v.name", ["D", "A"]),
    q(f"{T}#filtering-on-paths", "FOR v, e, p IN 1..3 OUTBOUND 'v/A' e FILTER p.edges[*].w ALL == 1 RETURN v.name", ["B"]),
    q(f"{T}#traversal-options (vertexCollections)", "FOR v IN 1..1 OUTBOUND 'v/A' e OPTIONS { vertexCollections: 'w' } RETURN v.name", []),
    q(f"{T}#syntax", "FOR v IN 1..1 OUTBOUND 'v/nosuch' e RETURN v", [], warnings=((1202, "vertex 'v/nosuch' not found"),), fake_only=True),
    q(f"{T}#syntax", "FOR v IN 1..1 OUTBOUND 'v/D' e RETURN v", []),
    q(f"{T}#syntax", "FOR x IN [42] FOR v IN 1..1 OUTBOUND x e RETURN v", [],
      warnings=((10, "Invalid input for traversal: Only id strings or objects with _id are allowed"),)),
    q(f"{T}#syntax", "FOR x IN ['v/A', 'v/E'] FOR v IN 1..1 OUTBOUND x e RETURN [x, v.name]", [["v/A", "B"], ["v/A", "E"], ["v/E", "F"]]),
    q(f"{T}#syntax", "FOR v IN 1..1 OUTBOUND 'v/A' e COLLECT WITH COUNT INTO n RETURN n", [2]),
    AqlCase(source=f"{T}#named-graphs (no graphs exist in the fake)", query="FOR v IN 1..1 OUTBOUND 'v/A' GRAPH 'social' RETURN v",
            error=(1924, "graph 'social' not found"), fake_only=True),
    AqlCase(source=f"{T}#syntax (edge collection required)", query="FOR x IN 1..1 OUTBOUND 'v/A' v RETURN x", **G,  # type: ignore[arg-type]
            error=(1218, "collection type invalid")),
    AqlCase(source=f"{T}#syntax (unknown edge collection)", query="FOR x IN 1..1 OUTBOUND 'v/A' nosuch RETURN x",
            error=(1203, "collection or view not found: nosuch")),
    AqlCase(source=f"{T}#syntax (grammar.y traversal variables)", query="FOR a, b, c, d IN 1..1 OUTBOUND 'v/A' e RETURN a", **G,  # type: ignore[arg-type]
            error=(1501, "Traversals only have one, two or three return variables near 'e RETURN a' at position 1:39")),
    AqlCase(source=f"{T}#pruning (grammar.y)", query="FOR v IN 1..2 OUTBOUND 'v/A' e PRUNE (FOR x IN [1] RETURN x) RETURN v", **G,  # type: ignore[arg-type]
            error=(1501, "PRUNE condition must not use a subquery near 'RETURN v' at position 1:62")),
]

BG = "tests/js/server/aql/aql-graph-traverser-brokenGraph.js"
BROKEN = {"collections": {"UnitTestVertexCollection": [{"_key": "A"}, {"_key": "B"}]},
          "edges": {"UnitTestEdgeCollection": [{"_from": "UnitTestVertexCollection/A", "_to": "UnitTestVertexCollection/missing"},
                                               {"_from": "UnitTestVertexCollection/missing", "_to": "UnitTestVertexCollection/B"}]}}
MISSING = ((1202, "vertex 'UnitTestVertexCollection/missing' not found"),)


def broken(test: str, query: str, start: str, expect: list) -> AqlCase:
    return AqlCase(source=f"{BG}:{test}", query=f"WITH UnitTestVertexCollection {query}", expect=expect,
                   bind_vars={"@eCol": "UnitTestEdgeCollection", "startId": f"UnitTestVertexCollection/{start}"},
                   warnings=MISSING, fake_only=True, **BROKEN)  # type: ignore[arg-type]


CASES += [
    broken("testRequestMissingVertex", "FOR x IN OUTBOUND @startId @@eCol RETURN x._id", "A", [None]),
    broken("testStartAtMissingVertex", "FOR x IN OUTBOUND @startId @@eCol RETURN x._id", "missing", ["UnitTestVertexCollection/B"]),
    broken("testHopOverMissingVertex", "FOR x IN 2 OUTBOUND @startId @@eCol RETURN x._id", "A", ["UnitTestVertexCollection/B"]),
    broken("testFilterOnMissingVertexNotTrue", "FOR x, e, p IN 2 OUTBOUND @startId @@eCol FILTER p.vertices[1].attribute == 'missing' RETURN x._id", "A", []),
    broken("testFilterOnMissingVertexNotTrue", "FOR x, e, p IN 2 OUTBOUND @startId @@eCol FILTER p.vertices[1] != null RETURN x._id", "A", []),
    broken("testFilterOnMissingVertexTrue", "FOR x, e, p IN 2 OUTBOUND @startId @@eCol FILTER p.vertices[1].attribute < 12 RETURN x._id", "A",
           ["UnitTestVertexCollection/B"]),
    broken("testFilterOnMissingVertexTrue", "FOR x, e, p IN 2 OUTBOUND @startId @@eCol FILTER p.vertices[1] == null RETURN x._id", "A",
           ["UnitTestVertexCollection/B"]),
]

IV = "tests/js/server/aql/aql-graph-traverser-invalidStartVertex.js"
CASES += [AqlCase(source=f"{IV}:{test}", query=query.replace("DIR", direction), error=(1501, "..."), **G)  # type: ignore[arg-type]
          for direction in ("INBOUND", "OUTBOUND", "ANY") for test, query in [
              ("testTraversalNullStartVertex", "FOR v, e IN DIR null e RETURN {v, e}"),
              ("testTraversalNumberStartVertex", "FOR v, e IN DIR -123 e RETURN {v, e}"),
              ("testShortestPathNullStartVertex", "FOR v, e IN DIR SHORTEST_PATH null TO 'v/A' e RETURN {v, e}"),
              ("testShortestPathNumberEndVertex", "FOR v, e IN DIR SHORTEST_PATH 'v/A' TO -123 e RETURN {v, e}"),
              ("testKShortestPathsNullEndVertex", "FOR v IN DIR K_SHORTEST_PATHS 'v/A' TO null e RETURN v"),
              ("testAllShortestPathsNumberStartVertex", "FOR v IN DIR ALL_SHORTEST_PATHS -123 TO 'v/A' e RETURN v"),
          ]]
CASES += [AqlCase(source=f"{IV}:{test}", query=query.replace("DIR", direction), expect=[],
                  warnings=((10, "Invalid input for traversal: Only id strings or objects with _id are allowed"),) * count, **G)  # type: ignore[arg-type]
          for direction in ("INBOUND", "OUTBOUND", "ANY") for test, query, count in [
              ("testTraversalEmptyStartVertex", "FOR v, e IN DIR '' e RETURN {v, e}", 1),
              ("testShortestPathEmptyStartVertex", "FOR v, e IN DIR SHORTEST_PATH '' TO 'v/A' e RETURN {v, e}", 1),
              ("testKShortestPathsBothEmpty", "FOR v IN DIR K_SHORTEST_PATHS '' TO '' e RETURN v", 2),
              ("testAllShortestPathsEmptyEndVertex", "FOR v IN DIR ALL_SHORTEST_PATHS 'v/A' TO '' e RETURN v", 1),
          ]]
