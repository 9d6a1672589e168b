"""Bind parameters: docs-hugo ``aql/fundamentals/bind-parameters.md``; arangod
``Ast::injectBindParameters`` (1551 missing, 1552 undeclared, 1553 wrong type)."""

from tests.aql.case import AqlCase

B = "aql/fundamentals/bind-parameters.md"
DOCS = {"users": [{"_key": "a", "name": "a", "x": {"y": 1}}, {"_key": "b", "name": "b", "x": {"y": 2}}]}


def q(source: str, query: str, bind: dict, expect: list, **kw: object) -> AqlCase:
    return AqlCase(source=source, query=query, bind_vars=bind, expect=expect, **kw)  # type: ignore[arg-type]


CASES = [
    q(f"{B}#syntax", "RETURN @value", {"value": 42}, [42]),
    q(f"{B}#syntax", "RETURN @value", {"value": {"a": [1, None, "x"]}}, [{"a": [1, None, "x"]}]),
    q(f"{B}#syntax", "RETURN @v1 + @v2", {"v1": 1, "v2": 2}, [3]),
    q(f"{B}#syntax", "RETURN [@a, @a]", {"a": "x"}, [["x", "x"]]),
    q(f"{B}#syntax", "RETURN @_x", {"_x": 1}, [1]),
    q(f"{B}#syntax", "RETURN @1", {"1": "one"}, ["one"]),
    q(f"{B}#syntax", "FOR u IN users FILTER u.name == @name RETURN u._key", {"name": "b"}, ["b"], collections=DOCS),
    q(f"{B}#syntax", "FOR u IN @@collection FILTER u.name == @name RETURN u._key", {"@collection": "users", "name": "a"}, ["a"], collections=DOCS),
    q(f"{B}#syntax", "FOR u IN users RETURN u.@attr", {"attr": "name"}, ["a", "b"], collections=DOCS, ordered=False),
    q(f"{B}#syntax", "FOR u IN users RETURN u[@attr]", {"attr": "name"}, ["a", "b"], collections=DOCS, ordered=False),
    q(f"{B}#nested-attributes", "FOR u IN users RETURN u.@path", {"path": ["x", "y"]}, [1, 2], collections=DOCS, ordered=False),
    q(f"{B}#syntax", "RETURN { @key: 1 }", {"key": "dyn"}, [{"dyn": 1}]),
    q(f"{B}#syntax", "FOR i IN @list RETURN i * 2", {"list": [1, 2]}, [2, 4]),
    q(f"{B}#syntax", "FOR i IN 1..@n RETURN i", {"n": 3}, [1, 2, 3]),
    q(f"{B}#syntax", "RETURN @v", {"v": None}, [None]),
    q(f"{B}#syntax", "RETURN @v == null", {"v": None}, [True]),
    q(f"{B}#syntax", "RETURN @V", {"V": 1}, [1]),
    AqlCase(source=f"{B} (Ast::injectBindParameters)", query="RETURN @value", error=(1551, "no value specified for declared bind parameter 'value'")),
    AqlCase(source=f"{B} (Ast::injectBindParameters)", query="RETURN @a + @b", bind_vars={"a": 1},
            error=(1551, "no value specified for declared bind parameter 'b'")),
    AqlCase(source=f"{B} (Ast::injectBindParameters)", query="RETURN 1", bind_vars={"x": 1},
            error=(1552, "bind parameter 'x' was not declared in the query")),
    AqlCase(source=f"{B} (Ast::injectBindParameters)", query="RETURN @a", bind_vars={"a": 1, "@c": "users"},
            error=(1552, "bind parameter '@c' was not declared in the query")),
    AqlCase(source=f"{B} (Ast::injectBindParameters)", query="FOR u IN @@c RETURN u", error=(1551, "no value specified for declared bind parameter '@c'")),
    AqlCase(source=f"{B} (Ast::injectBindParameters)", query="FOR u IN @@c RETURN u", bind_vars={"@c": 1},
            error=(1553, "bind parameter '@c' has an invalid value or type")),
    AqlCase(source=f"{B} (Ast::injectBindParameters)", query="FOR u IN @@c RETURN u", bind_vars={"@c": ""},
            error=(1553, "bind parameter '@c' has an invalid value or type")),
    AqlCase(source=f"{B} (Ast::injectBindParameters)", query="FOR u IN @@c RETURN u", bind_vars={"@c": "nosuch"},
            error=(1203, "collection or view not found: nosuch")),
    AqlCase(source=f"{B}#syntax (attribute name must be a string)", query="RETURN {a: 1}.@attr", bind_vars={"attr": 1},
            error=(1553, "bind parameter 'attr' has an invalid value or type")),
    AqlCase(source=f"{B}#syntax (attribute name must be a string)", query="LET d = {a: 1} RETURN d.@attr", bind_vars={"attr": 1},
            error=(1553, "bind parameter 'attr' has an invalid value or type")),
    AqlCase(source=f"{B}#syntax (attribute name must be a string)", query="RETURN { @key: 1 }", bind_vars={"key": 5},
            error=(1553, "bind parameter 'key' has an invalid value or type")),
    AqlCase(source=f"{B}#syntax (the lexer: @@ names)", query="RETURN @@", error=(1501, "syntax error, unexpected invalid token near '@@' at position 1:8")),
    q(f"{B}#syntax (a value parameter names a collection in WITH)", "WITH @c RETURN 1", {"c": "users"}, [1], collections=DOCS),
]
