"""COLLECT: docs-hugo ``aql/high-level-operations/collect.md``,
``aql/examples-and-query-patterns/grouping.md``, ``counting.md``; the aggregate functions'
semantics from arangod ``Aql/Aggregator.cpp``."""

from tests.aql.case import AqlCase

C = "aql/high-level-operations/collect.md"
GR = "aql/examples-and-query-patterns/grouping.md"
USERS = [
    {"_key": "a", "name": "a", "age": 30, "city": "Berlin", "gender": "f"},
    {"_key": "b", "name": "b", "age": 20, "city": "Paris", "gender": "m"},
    {"_key": "c", "name": "c", "age": 40, "city": "Berlin", "gender": "m"},
    {"_key": "d", "name": "d", "age": 20, "city": "Rome", "gender": "f"},
    {"_key": "e", "name": "e", "age": 25, "city": "Paris", "gender": "f"},
]
U = {"users": USERS}


def q(source: str, query: str, expect: list, **kw: object) -> AqlCase:
    return AqlCase(source=source, query=query, expect=expect, **kw)  # type: ignore[arg-type]


def agg(source: str, expression: str, values: str, result: object) -> AqlCase:
    return q(source, f"FOR v IN {values} COLLECT AGGREGATE r = {expression} RETURN r", [result])


CASES = [
    # grouping syntaxes
    q(f"{C}#grouping-syntaxes", "FOR u IN users COLLECT city = u.city RETURN city", ["Berlin", "Paris", "Rome"], collections=U),
    q(f"{C}#grouping-syntaxes", "FOR u IN users COLLECT city = u.city INTO groups RETURN { city, n: LENGTH(groups) }",
      [{"city": "Berlin", "n": 2}, {"city": "Paris", "n": 2}, {"city": "Rome", "n": 1}], collections=U),
    q(f"{C}#grouping-syntaxes", "FOR u IN users COLLECT city = u.city INTO groups RETURN { city, names: groups[*].u.name }",
      [{"city": "Berlin", "names": ["a", "c"]}, {"city": "Paris", "names": ["b", "e"]}, {"city": "Rome", "names": ["d"]}], collections=U),
    q(f"{C}#grouping-syntaxes", "FOR u IN users COLLECT city = u.city, gender = u.gender RETURN [city, gender]",
      [["Berlin", "f"], ["Berlin", "m"], ["Paris", "f"], ["Paris", "m"], ["Rome", "f"]], collections=U),
    q(f"{C}#discarding-obsolete-variables", "FOR u IN users COLLECT city = u.city INTO groups = u.name RETURN { city, groups }",
      [{"city": "Berlin", "groups": ["a", "c"]}, {"city": "Paris", "groups": ["b", "e"]}, {"city": "Rome", "groups": ["d"]}], collections=U),
    q(f"{C}#discarding-obsolete-variables", "FOR u IN users LET name = u.name LET x = 1 COLLECT city = u.city INTO groups KEEP name RETURN { city, groups }",
      [{"city": "Berlin", "groups": [{"name": "a"}, {"name": "c"}]}, {"city": "Paris", "groups": [{"name": "b"}, {"name": "e"}]},
       {"city": "Rome", "groups": [{"name": "d"}]}], collections=U),
    q(f"{C}#grouping-syntaxes", "FOR i IN [1, 2] LET d = i * 10 COLLECT odd = i % 2 INTO g RETURN g",
      [[{"i": 2, "d": 20}], [{"i": 1, "d": 10}]]),
    q(f"{C}#grouping-syntaxes", "LET top = 'x' FOR i IN [1] COLLECT k = i INTO g RETURN g", [[{"top": "x", "i": 1}]]),
    q(f"{C}#grouping-syntaxes", "FOR i IN [3, 1, 2, 1] COLLECT v = i RETURN v", [1, 2, 3]),
    q(f"{C}#grouping-syntaxes", "FOR i IN [{a: 1}, {a: '1'}, {a: 1.0}, {a: null}, {}] COLLECT v = i.a RETURN v", [None, 1, "1"]),
    q(f"{C}#grouping-syntaxes", "FOR i IN [[1], [1, 2], [1]] COLLECT v = i WITH COUNT INTO n RETURN [v, n]", [[[1], 2], [[1, 2], 1]]),
    q(f"{C}#grouping-syntaxes", "FOR i IN [{a: 1, b: 2}, {b: 2, a: 1}] COLLECT v = i WITH COUNT INTO n RETURN n", [2]),
    q(f"{C}#grouping-syntaxes", "FOR i IN [] COLLECT v = i RETURN v", []),
    q(f"{C}#grouping-syntaxes", "FOR u IN users COLLECT city = u.city INTO g LIMIT 1 RETURN city", ["Berlin"], collections=U),
    q(f"{C}#grouping-syntaxes", "FOR u IN users COLLECT city = u.city SORT city DESC RETURN city", ["Rome", "Paris", "Berlin"], collections=U),
    # counting
    q(f"{C}#group-length-calculation", "FOR u IN users COLLECT WITH COUNT INTO length RETURN length", [5], collections=U),
    q(f"{C}#group-length-calculation", "FOR u IN users COLLECT city = u.city WITH COUNT INTO length RETURN { city, length }",
      [{"city": "Berlin", "length": 2}, {"city": "Paris", "length": 2}, {"city": "Rome", "length": 1}], collections=U),
    q(f"{C}#group-length-calculation", "FOR u IN users FILTER u.age > 100 COLLECT WITH COUNT INTO length RETURN length", [0], collections=U),
    q(f"{C}#group-length-calculation", "FOR u IN users FILTER u.age > 100 COLLECT c = u.city WITH COUNT INTO length RETURN length", [], collections=U),
    q("aql/examples-and-query-patterns/counting.md", "RETURN LENGTH(FOR u IN users FILTER u.city == 'Paris' RETURN 1)", [2], collections=U),
    q(f"{C}#group-length-calculation", "LET n = (FOR i IN 1..7 COLLECT WITH COUNT INTO c RETURN c) RETURN n", [[7]]),
    # aggregation
    q(f"{C}#aggregation", "FOR u IN users COLLECT AGGREGATE minAge = MIN(u.age), maxAge = MAX(u.age) RETURN { minAge, maxAge }",
      [{"minAge": 20, "maxAge": 40}], collections=U),
    q(f"{C}#aggregation", "FOR u IN users COLLECT city = u.city AGGREGATE minAge = MIN(u.age), maxAge = MAX(u.age) RETURN { city, minAge, maxAge }",
      [{"city": "Berlin", "minAge": 30, "maxAge": 40}, {"city": "Paris", "minAge": 20, "maxAge": 25}, {"city": "Rome", "minAge": 20, "maxAge": 20}],
      collections=U),
    q(f"{C}#aggregation", "FOR u IN users COLLECT city = u.city AGGREGATE n = COUNT(1), s = SUM(u.age) INTO g RETURN { city, n, s, g: LENGTH(g) }",
      [{"city": "Berlin", "n": 2, "s": 70, "g": 2}, {"city": "Paris", "n": 2, "s": 45, "g": 2}, {"city": "Rome", "n": 1, "s": 20, "g": 1}], collections=U),
    q(f"{C}#aggregation", "FOR u IN users FILTER u.age > 100 COLLECT AGGREGATE s = SUM(u.age), m = MIN(u.age), a = AVG(u.age), n = LENGTH(u), p = PUSH(u) RETURN [s, m, a, n, p]",
      [[0, None, None, 0, []]], collections=U),
    q(f"{C}#aggregation", "FOR u IN users COLLECT AGGREGATE s = SUM(u.age) INTO g RETURN LENGTH(g)", [5], collections=U),
    q(f"{C}#aggregation", "FOR u IN users COLLECT AGGREGATE s = SUM(u.age * 2) RETURN s", [270], collections=U),
    q(f"{C}#aggregation", "FOR u IN users COLLECT g = u.gender AGGREGATE names = UNIQUE(u.city) RETURN [g, names]",
      [["f", ["Berlin", "Rome", "Paris"]], ["m", ["Paris", "Berlin"]]], collections=U),
    agg(f"{C}#aggregation (Aggregator.cpp LENGTH)", "LENGTH(v)", "[1, null, 'a']", 3),
    agg(f"{C}#aggregation (Aggregator.cpp COUNT)", "COUNT(v)", "[1, null, 'a']", 3),
    agg(f"{C}#aggregation (Aggregator.cpp MIN)", "MIN(v)", "[3, null, 1, 2]", 1),
    agg(f"{C}#aggregation (Aggregator.cpp MIN)", "MIN(v)", "[null, null]", None),
    agg(f"{C}#aggregation (Aggregator.cpp MIN)", "MIN(v)", "['b', 2, [1]]", 2),
    agg(f"{C}#aggregation (Aggregator.cpp MAX)", "MAX(v)", "[3, null, 1, 2]", 3),
    agg(f"{C}#aggregation (Aggregator.cpp MAX)", "MAX(v)", "['b', 2, [1]]", [1]),
    agg(f"{C}#aggregation (Aggregator.cpp SUM)", "SUM(v)", "[1, 2, null, 3.5]", 6.5),
    agg(f"{C}#aggregation (Aggregator.cpp SUM)", "SUM(v)", "[1, 'a']", None),
    agg(f"{C}#aggregation (Aggregator.cpp SUM)", "SUM(v)", "[]", 0),
    agg(f"{C}#aggregation (Aggregator.cpp AVERAGE)", "AVERAGE(v)", "[1, 2, 3, null]", 2),
    agg(f"{C}#aggregation (Aggregator.cpp AVG)", "AVG(v)", "[1, 2]", 1.5),
    agg(f"{C}#aggregation (Aggregator.cpp AVERAGE)", "AVERAGE(v)", "[1, true]", None),
    agg(f"{C}#aggregation (Aggregator.cpp VARIANCE_POPULATION)", "VARIANCE_POPULATION(v)", "[1, 2, 3, 4]", 1.25),
    agg(f"{C}#aggregation (Aggregator.cpp VARIANCE)", "VARIANCE(v)", "[1, 2, 3, 4]", 1.25),
    agg(f"{C}#aggregation (Aggregator.cpp VARIANCE_SAMPLE)", "VARIANCE_SAMPLE(v)", "[1, 2, 3, 4]", 1.6666666666666667),
    agg(f"{C}#aggregation (Aggregator.cpp VARIANCE_SAMPLE)", "VARIANCE_SAMPLE(v)", "[1]", None),
    agg(f"{C}#aggregation (Aggregator.cpp VARIANCE_POPULATION)", "VARIANCE_POPULATION(v)", "[5]", 0),
    agg(f"{C}#aggregation (Aggregator.cpp STDDEV_POPULATION)", "STDDEV_POPULATION(v)", "[2, 4, 4, 4, 5, 5, 7, 9]", 2),
    agg(f"{C}#aggregation (Aggregator.cpp STDDEV)", "STDDEV(v)", "[2, 4, 4, 4, 5, 5, 7, 9]", 2),
    agg(f"{C}#aggregation (Aggregator.cpp STDDEV_SAMPLE)", "STDDEV_SAMPLE(v)", "[1, 3]", 1.4142135623730951),
    agg(f"{C}#aggregation (Aggregator.cpp UNIQUE)", "UNIQUE(v)", "[2, 1, 2, null, '1', 1]", [2, 1, "1"]),
    agg(f"{C}#aggregation (Aggregator.cpp SORTED_UNIQUE)", "SORTED_UNIQUE(v)", "[2, 1, 2, null, '1', 1]", [1, 2, "1"]),
    agg(f"{C}#aggregation (Aggregator.cpp COUNT_DISTINCT)", "COUNT_DISTINCT(v)", "[2, 1, 2, null, '1', 1]", 3),
    agg(f"{C}#aggregation (Aggregator.cpp COUNT_UNIQUE)", "COUNT_UNIQUE(v)", "[[1], [1], {a: 1}]", 2),
    agg(f"{C}#aggregation (Aggregator.cpp BIT_AND)", "BIT_AND(v)", "[7, 3, null]", 3),
    agg(f"{C}#aggregation (Aggregator.cpp BIT_OR)", "BIT_OR(v)", "[1, 2, 4]", 7),
    agg(f"{C}#aggregation (Aggregator.cpp BIT_XOR)", "BIT_XOR(v)", "[1, 3]", 2),
    agg(f"{C}#aggregation (Aggregator.cpp BIT_AND)", "BIT_AND(v)", "[1, -1]", None),
    agg(f"{C}#aggregation (Aggregator.cpp BIT_OR)", "BIT_OR(v)", "[]", None),
    agg(f"{C}#aggregation (Aggregator.cpp PUSH)", "PUSH(v)", "[1, null, 1]", [1, None, 1]),
    # errors of COLLECT
    AqlCase(source=f"{C}#aggregation (grammar.y validateAggregates)", query="FOR u IN [1] COLLECT AGGREGATE s = CONCAT(u) RETURN s",
            error=(1574, "unknown aggregate function used near 'RETURN s' at position 1:46")),
    AqlCase(source=f"{C}#aggregation (grammar.y validateAggregates)", query="FOR u IN [1] COLLECT AGGREGATE s = SUM(u), t = SUM(s) RETURN s",
            error=(1512, "use of COLLECT variable 's' inside same COLLECT near 'RETURN s' at position 1:55")),
    AqlCase(source=f"{C}#aggregation (grammar.y collect_statement)", query="FOR u IN [1] COLLECT g = u AGGREGATE s = SUM(g) RETURN s",
            error=(1512, "use of unknown variable 'g' in AGGREGATE expression near 'RETURN s' at position 1:49")),
    AqlCase(source=f"{C}#discarding-obsolete-variables (grammar.y checkCollectVariables)", query="FOR u IN [1] COLLECT g = u INTO i = g RETURN i",
            error=(1512, "use of COLLECT variable 'g' inside same COLLECT's expression near 'RETURN i' at position 1:39")),
    AqlCase(source=f"{C}#discarding-obsolete-variables (grammar.y collect_statement)", query="FOR u IN [1] COLLECT g = u KEEP u RETURN g",
            error=(1501, "use of 'KEEP' without 'INTO' near 'RETURN g' at position 1:35")),
    AqlCase(source=f"{C}#discarding-obsolete-variables (grammar.y variable_list)", query="FOR u IN [1] COLLECT g = u INTO i KEEP y RETURN g",
            error=(1501, "use of unknown variable 'y' for KEEP near 'y RETURN g' at position 1:40")),
    AqlCase(source=f"{C}#discarding-obsolete-variables (grammar.y keep)", query="FOR u IN [1] COLLECT g = u INTO i KEPT u RETURN g",
            error=(1501, "unexpected qualifier 'KEPT', expecting 'KEEP' near 'u RETURN g' at position 1:40")),
    AqlCase(source=f"{C}#aggregation (Ast::createNodeFunctionCall: argument count)", query="FOR u IN [1] COLLECT AGGREGATE n = COUNT() RETURN n",
            error=(1541, "invalid number of arguments for function 'COUNT()', expected number of arguments: minimum: 1, maximum: 1")),
    AqlCase(source=f"{C}#aggregation (Ast::createNodeFunctionCall: argument count)", query="FOR u IN [1] COLLECT AGGREGATE n = MAX(u, u) RETURN n",
            error=(1541, "invalid number of arguments for function 'MAX()', expected number of arguments: minimum: 1, maximum: 1")),
    AqlCase(source=f"{C} (Scopes: COLLECT hides the loop variables)", query="FOR u IN users COLLECT c = u.city RETURN u.name", collections=U,
            error=(1203, "collection or view not found: u")),
    AqlCase(source=f"{C} (variables of the same COLLECT)", query="FOR u IN [1] COLLECT a = u, a = u RETURN a",
            error=(1511, "variable 'a' is assigned multiple times")),
    # top-level COLLECT (no FOR): the variables stay in the main scope
    q(f"{C}#grouping-syntaxes", "COLLECT x = 1 RETURN x", [1]),
    q(f"{C}#group-length-calculation", "COLLECT WITH COUNT INTO n RETURN n", [1]),
    # options
    q(f"{C}#method", "FOR u IN users COLLECT city = u.city OPTIONS { method: 'sorted' } RETURN city", ["Berlin", "Paris", "Rome"], collections=U),
    q(f"{C}#method", "FOR u IN users COLLECT city = u.city OPTIONS { method: 'hash' } RETURN city", ["Berlin", "Paris", "Rome"], collections=U),
    q(f"{C}#method", "FOR i IN [3, 1, 2] COLLECT v = i OPTIONS { method: 'hash' } SORT null RETURN v", [3, 1, 2], ordered=False),
    q(f"{C}#method", "FOR i IN [3, 1, 2] COLLECT v = i OPTIONS { method: 'sorted' } SORT null RETURN v", [1, 2, 3]),
    q(f"{C}#method", "FOR i IN [3, 1, 2] COLLECT v = i OPTIONS { method: 'hash' } SORT v DESC RETURN v", [3, 2, 1]),
    # grouping patterns
    q(f"{GR}#grouping-by-criteria", "FOR u IN users COLLECT ageGroup = FLOOR(u.age / 10) * 10 INTO g RETURN { ageGroup, names: g[*].u.name }",
      [{"ageGroup": 20, "names": ["b", "d", "e"]}, {"ageGroup": 30, "names": ["a"]}, {"ageGroup": 40, "names": ["c"]}], collections=U),
    q(f"{GR}#aggregation", "FOR u IN users COLLECT ageGroup = FLOOR(u.age / 10) * 10, gender = u.gender AGGREGATE minAge = MIN(u.age), maxAge = MAX(u.age) RETURN { ageGroup, gender, minAge, maxAge }",
      [{"ageGroup": 20, "gender": "f", "minAge": 20, "maxAge": 25}, {"ageGroup": 20, "gender": "m", "minAge": 20, "maxAge": 20},
       {"ageGroup": 30, "gender": "f", "minAge": 30, "maxAge": 30}, {"ageGroup": 40, "gender": "m", "minAge": 40, "maxAge": 40}], collections=U),
    q(f"{GR}#post-filtering-aggregated-data", "FOR u IN users COLLECT city = u.city WITH COUNT INTO n FILTER n > 1 RETURN city", ["Berlin", "Paris"], collections=U),
    q(f"{GR}#ensuring-uniqueness", "FOR u IN users COLLECT age = u.age RETURN age", [20, 25, 30, 40], collections=U),
    q(f"{GR}#ensuring-uniqueness", "FOR u IN users COLLECT city = u.city, age = u.age FILTER city == 'Paris' RETURN { city, age }",
      [{"city": "Paris", "age": 20}, {"city": "Paris", "age": 25}], collections=U),
    q(f"{GR}#grouping-by-criteria", "FOR u IN users COLLECT g = u.gender INTO grp = { name: u.name } RETURN { g, grp }",
      [{"g": "f", "grp": [{"name": "a"}, {"name": "d"}, {"name": "e"}]}, {"g": "m", "grp": [{"name": "b"}, {"name": "c"}]}], collections=U),
]
