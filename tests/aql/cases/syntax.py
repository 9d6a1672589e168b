"""Lexical syntax and syntax errors: docs-hugo ``aql/fundamentals/syntax.md``, ``data-types.md``;
arangod ``Aql/tokens.ll`` (tokens, positions), ``Aql/grammar.y`` (Bison's verbose messages),
``Aql/Parser.cpp`` ``registerParseError`` and ``QueryString::extractRegion`` (the near '...'
excerpt: 32 characters, then ``...``)."""

from tests.aql.case import AqlCase

S = "aql/fundamentals/syntax.md"
T = "aql/fundamentals/data-types.md"
G = "arangod/Aql/grammar.y (Bison verbose error)"


def ok(source: str, query: str, value: object) -> AqlCase:
    return AqlCase(source=source, query=query, expect=[value])


def err(source: str, query: str, number: int, message: str) -> AqlCase:
    return AqlCase(source=source, query=query, error=(number, message))


CASES = [
    # comments and whitespace
    ok(f"{S}#comments", "/* this is a comment */ RETURN 1", 1),
    ok(f"{S}#comments", "/* these */ RETURN /* are */ 1 /* multiple */ + /* comments */ 1", 2),
    ok(f"{S}#comments", "RETURN 1 // a single line comment", 1),
    ok(f"{S}#comments", "/* this is\n   a multi line\n   comment */\nRETURN 3", 3),
    ok(f"{S}#comments", "RETURN /* /* not nested */ 4", 4),
    ok(f"{S}#comments", "RETURN 1 /* comment */ // another", 1),
    ok(f"{S}#whitespace", "RETURN\t1\r\n+\n2", 3),
    # keywords are case-insensitive
    ok(f"{S}#keywords", "for i in [1] filter i == 1 return i", 1),
    ok(f"{S}#keywords", "FoR i In [1, 2] LiMiT 1 ReTuRn i", 1),
    ok(f"{S}#keywords", "RETURN NULL", None),
    ok(f"{S}#keywords", "RETURN True", True),
    ok(f"{S}#keywords", "RETURN fAlSe", False),
    ok(f"{S}#keywords", "RETURN 1 not in [2]", True),
    ok(f"{S}#keywords", "RETURN [1] all in [1]", True),
    # names
    ok(f"{S}#names", "LET `filter` = 1 RETURN `filter`", 1),
    ok(f"{S}#names", "LET \u00b4sort\u00b4 = 2 RETURN \u00b4sort\u00b4", 2),
    ok(f"{S}#names", "LET `my-var` = 42 RETURN `my-var`", 42),
    ok(f"{S}#names", "RETURN {`sort`: 1}.`sort`", 1),
    ok(f"{S}#names", 'RETURN {"sort": 1}["sort"]', 1),
    ok(f"{S}#variable-names", "LET $x = 1 RETURN $x", 1),
    ok(f"{S}#variable-names", "LET a_1 = 5 RETURN a_1", 5),
    ok(f"{S}#variable-names", "LET x = 1 LET X = 2 RETURN [x, X]", [1, 2]),
    err(f"{S}#variable-names (Ast::createNodeVariable)", "LET _x = 1 RETURN _x", 1510, "variable name '_x' has an invalid format"),
    err(f"{S}#keywords (reserved)", "LET filter = 1 RETURN filter", 1501,
        "syntax error, unexpected FILTER declaration, expecting identifier near 'filter = 1 RETURN filter' at position 1:5"),
    # string literals and escapes
    ok(f"{T}#string-literals", 'RETURN "yikes!"', "yikes!"),
    ok(f"{T}#string-literals", "RETURN 'don\\'t'", "don't"),
    ok(f"{T}#string-literals", 'RETURN "this is a \\"quoted\\" word"', 'this is a "quoted" word'),
    ok(f"{T}#string-literals", "RETURN 'this is a \"quoted\" word'", 'this is a "quoted" word'),
    ok(f"{T}#string-literals", 'RETURN "a\\nb\\tc"', "a\nb\tc"),
    ok(f"{T}#string-literals", 'RETURN "\\u00e4\\u20ac"', "\u00e4\u20ac"),
    ok(f"{T}#string-literals", 'RETURN "\\ud83d\\ude00"', "\U0001F600"),
    ok(f"{T}#string-literals", 'RETURN "C:\\\\path"', "C:\\path"),
    ok(f"{T}#string-literals", 'RETURN "\\x"', "x"),
    ok(f"{T}#string-literals", 'RETURN "multi\nline"', "multi\nline"),
    ok(f"{T}#string-literals", "RETURN '\u00e4\u00f6\u00fc'", "\u00e4\u00f6\u00fc"),
    ok(f"{T}#string-literals", 'RETURN "/\\/"', "//"),
    # numbers
    ok(f"{T}#numeric-literals", "RETURN 1", 1),
    ok(f"{T}#numeric-literals", "RETURN -1", -1),
    ok(f"{T}#numeric-literals", "RETURN 1.5", 1.5),
    ok(f"{T}#numeric-literals", "RETURN .5", 0.5),
    ok(f"{T}#numeric-literals", "RETURN 1e3", 1000),
    ok(f"{T}#numeric-literals", "RETURN 1.5E-3", 0.0015),
    ok(f"{T}#numeric-literals", "RETURN 2.5e+2", 250),
    ok(f"{T}#numeric-literals", "RETURN 0x1F", 31),
    ok(f"{T}#numeric-literals", "RETURN 0XfF", 255),
    ok(f"{T}#numeric-literals", "RETURN 0b101", 5),
    ok(f"{T}#numeric-literals", "RETURN 0B11", 3),
    ok(f"{T}#numeric-literals", "RETURN 9007199254740993", 9007199254740993),
    ok(f"{T}#numeric-literals", "RETURN 0.1", 0.1),
    ok(f"{T}#numeric-literals", "RETURN 1.0", 1),
    AqlCase(source="arangod/Aql/tokens.ll (double out of range: warning 1504, null)", query="RETURN 1e400", expect=[None],
            warnings=((1504, "number out of range"),)),
    err(f"{T}#numeric-literals (no leading zeros)", "RETURN 01", 1501,
        "syntax error, unexpected integer number, expecting end of query string near '1' at position 1:9"),
    # array and object literals
    ok(f"{T}#arrays--lists", "RETURN [ 1, 2, 3, ]", [1, 2, 3]),
    ok(f"{T}#arrays--lists", "RETURN [ [ ], [ [ ] ] ]", [[], [[]]]),
    ok(f"{T}#arrays--lists", "RETURN [ -99, 'yikes!', [ false, [ 'no' ], [] ], 1 ]", [-99, "yikes!", [False, ["no"], []], 1]),
    ok(f"{T}#objects--documents", "RETURN { 'name' : 'John', \"age\": 30, total: 1 }", {"name": "John", "age": 30, "total": 1}),
    ok(f"{T}#objects--documents", "RETURN { a: 1, }", {"a": 1}),
    ok(f"{T}#objects--documents", "RETURN { }", {}),
    ok(f"{T}#objects--documents", "RETURN { b: 1, a: 2 }", {"b": 1, "a": 2}),
    ok(f"{T}#objects--documents", "LET name = 'x' LET age = 3 RETURN { name, age }", {"name": "x", "age": 3}),
    ok(f"{T}#objects--documents", "LET n = 'dyn' RETURN { [ n ]: 1, [ CONCAT(n, '2') ]: 2 }", {"dyn": 1, "dyn2": 2}),
    ok(f"{T}#objects--documents", "RETURN { [ 1 + 1 ]: 'two' }", {"2": "two"}),
    ok(f"{T}#objects--documents", "RETURN { `return`: 1, 'filter': 2 }", {"return": 1, "filter": 2}),
    ok(f"{T}#objects--documents", "RETURN { a: { b: { c: [1, {d: 2}] } } }.a.b.c[1].d", 2),
    # syntax errors: Bison's messages, flex's positions
    err(G, "FOR", 1501, "syntax error, unexpected end of query string, expecting identifier near 'FOR' at position 1:1"),
    err(G, "RETURN", 1501, "syntax error, unexpected end of query string near 'RETURN' at position 1:1"),
    err(G, "FOR i IN 1..3", 1501, "syntax error, unexpected end of query string near '3' at position 1:13"),
    err(G, "FOR i IN [1,2] RETURN i i", 1501, "syntax error, unexpected identifier, expecting end of query string near 'i' at position 1:25"),
    err(G, "LET = 1 RETURN 1", 1501, "syntax error, unexpected assignment, expecting identifier near '= 1 RETURN 1' at position 1:5"),
    err(G, "LET x 1 RETURN x", 1501, "syntax error, unexpected integer number, expecting assignment near '1 RETURN x' at position 1:7"),
    err(G, "RETURN [1, 2", 1501, "syntax error, unexpected end of query string, expecting ] near '2' at position 1:12"),
    err(G, "RETURN {a: 1", 1501, "syntax error, unexpected end of query string, expecting } near '1' at position 1:12"),
    err(G, "RETURN (1", 1501, "syntax error, unexpected end of query string near '1' at position 1:9"),
    err(G, "RETURN 1 +", 1501, "syntax error, unexpected end of query string near '+' at position 1:10"),
    err(G, "FILTER 1", 1501, "syntax error, unexpected end of query string near '1' at position 1:8"),
    err(G, "RETURN 1; RETURN 2", 1501, "syntax error, unexpected invalid token, expecting end of query string near '; RETURN 2' at position 1:9"),
    err(G, "FOR u IN users\n  FILTER u.x ==\n  RETURN u", 1501, "syntax error, unexpected RETURN declaration near 'RETURN u' at position 3:3"),
    err(G, "RETURN 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20", 1501,
        "syntax error, unexpected integer number, expecting end of query string near '2 3 4 5 6 7 8 9 10 11 12 13 14 1...' at position 1:10"),
    err(G, 'RETURN "a" "b"', 1501, "syntax error, unexpected quoted string, expecting end of query string near '\"' at position 1:14"),
    err(G, "FOR x IN [1] SORT x ASCENDING RETURN x", 1501, "syntax error, unexpected identifier near 'ASCENDING RETURN x' at position 1:21"),
    err(G, "FOR x IN [1] RETURN DISTINCT", 1501, "syntax error, unexpected end of query string near 'DISTINCT' at position 1:21"),
    err(G, "INSERT {} INTO", 1501, "syntax error, unexpected end of query string, expecting identifier or quoted string or bind data source parameter near 'INTO' at position 1:11"),
    err(G, "RETURN 1 ** 2", 1501, "syntax error, unexpected * operator near '* 2' at position 1:11"),
    err(G, "RETURN a.b.", 1501, "syntax error, unexpected end of query string, expecting identifier or bind parameter or bind data source parameter near '.' at position 1:11"),
    err(G, "FOR x IN [1] LIMIT RETURN x", 1501, "syntax error, unexpected RETURN declaration near 'RETURN x' at position 1:20"),
    err(G, "RETURN {1: 2}", 1501, "syntax error, unexpected integer number, expecting } near '1: 2}' at position 1:9"),
    err(G, "RETURN @", 1501, "syntax error, unexpected invalid token near '@' at position 1:8"),
    err(G, "RETURN 1 NOT 2", 1501, "syntax error, unexpected integer number, expecting ~= operator or ~! operator or like operator near '2' at position 1:14"),
    err(G, "RETURN []]", 1501, "syntax error, unexpected ], expecting end of query string near ']' at position 1:10"),
    err(G, "RETURN 1..", 1501, "syntax error, unexpected end of query string near '..' at position 1:9"),
    err(G, "FOR x IN [1] FOR y IN [2]", 1501, "syntax error, unexpected end of query string near ']' at position 1:25"),
    err(G, "FOR x IN [1] RETURN x,", 1501, "syntax error, unexpected \",\", expecting end of query string near ',' at position 1:22"),
    err(G, "RETURN \u00f6", 1501, "syntax error, unexpected end of query string near '\u00f6' at position 1:8"),
    err(G, "RETURN \u00e4 + 1", 1501, "syntax error, unexpected end of query string near '\u00e4 + 1' at position 1:8"),
    err(G, "RETURN 'x\u00e4' '\u00e4'", 1501, "syntax error, unexpected quoted string, expecting end of query string near ''' at position 1:17"),
    err(G, "RETURN 1 +\n", 1501, "syntax error, unexpected end of query string near '' at position 2:11"),
    err(G, "  RETURN 1 1", 1501, "syntax error, unexpected integer number, expecting end of query string near '1' at position 1:12"),
    err(G, "RETURN\n  1\n  2", 1501, "syntax error, unexpected integer number, expecting end of query string near '2' at position 3:3"),
    err(G, "RETURN null.a", 1501, "syntax error, unexpected '.', expecting end of query string near '.a' at position 1:12"),
    err(G, "", 1502, "query is empty"),
    err(G, " ", 1501, "syntax error, unexpected end of query string near ' ' at position 1:1"),
    err(G, "FOR x IN [1]", 1501, "syntax error, unexpected end of query string near ']' at position 1:12"),
    err(G, "return {a:1} {b:2}", 1501, "syntax error, unexpected {, expecting end of query string near '{b:2}' at position 1:14"),
    err(G + " (four expected tokens)", "UPSERT", 1501,
        "syntax error, unexpected end of query string, expecting FILTER declaration or bind parameter or bind data source parameter or { near 'UPSERT' at position 1:1"),
    err(G + " (four expected tokens)", "FOR x IN 1..2 OUTBOUND 'a' GRAPH", 1501,
        "syntax error, unexpected end of query string, expecting identifier or quoted string or bind parameter or bind data source parameter near 'GRAPH' at position 1:28"),
    err(G, "WITH", 1501, "syntax error, unexpected end of query string, expecting identifier or bind parameter or bind data source parameter near 'WITH' at position 1:1"),
    # the lexer's own errors
    err("arangod/Aql/tokens.ll <DOUBLE_QUOTE><<EOF>>", 'RETURN "abc', 1501, "unexpected unterminated string literal near 'c' at position 1:11"),
    err("arangod/Aql/tokens.ll <SINGLE_QUOTE><<EOF>>", "RETURN 'ab", 1501, "unexpected unterminated string literal near 'b' at position 1:10"),
    err("arangod/Aql/tokens.ll <BACKTICK><<EOF>>", "RETURN `abc", 1501, "unexpected unterminated identifier near 'c' at position 1:11"),
    err("arangod/Aql/tokens.ll <COMMENT_MULTI><<EOF>>", "RETURN /* x", 1501, "unexpected unterminated multi-line comment near ' x' at position 1:10"),
    # grammar.y's own checks
    err("arangod/Aql/grammar.y distinct_expression", "RETURN DISTINCT 1", 1501, "cannot use DISTINCT modifier on top-level query element near 'DISTINCT 1' at position 1:8"),
    err("arangod/Aql/grammar.y count_into", "FOR x IN [1] COLLECT WITH COUNTER INTO c RETURN c", 1501,
        "unexpected qualifier 'COUNTER', expecting 'COUNT' near 'c RETURN c' at position 1:40"),
    err("arangod/Aql/grammar.y for_options", "FOR x IN [1] OPTION {} RETURN x", 1501,
        "unexpected qualifier 'OPTION', expecting 'SEARCH' or 'OPTIONS' near 'RETURN x' at position 1:24"),
    err("arangod/Aql/grammar.y validateOptions", "FOR x IN [1] OPTIONS 1 RETURN x", 1501, "'OPTIONS' have to be an object near 'RETURN x' at position 1:24"),
    err("arangod/Aql/grammar.y validateOptions", "FOR x IN [1] OPTIONS {a: x} RETURN x", 1575,
        "'OPTIONS' have to be known at query compile time near 'RETURN x' at position 1:29"),
    err("arangod/Aql/grammar.y object_element", "RETURN {x}", 1512, "use of unknown variable 'x' in object literal near '}' at position 1:10"),
    err("arangod/Aql/grammar.y object_element", "RETURN {a b}", 1512, "use of unknown variable 'a' in object literal near 'b}' at position 1:11"),
    err("arangod/Aql/grammar.y prune_and_options", "FOR v IN OUTBOUND 'a/b' e PRUNES v.x RETURN v", 1501,
        "unexpected qualifier 'PRUNES', expecting 'PRUNE' or 'OPTIONS' near 'RETURN v' at position 1:38"),
    err("arangod/Aql/grammar.y for_statement", "FOR x, y IN [1] RETURN x", 1501,
        "Collections and views FOR loops only allow a single return variable near '] RETURN x' at position 1:15"),
    err("arangod/Aql/grammar.y reference (expansion)", "RETURN [1][* ALL FILTER CURRENT]", 1501,
        "unexpected quantifier value found for array expansion operation. near ']' at position 1:32"),
    err("arangod/Aql/grammar.y options", "FOR x IN [1] COLLECT g = x WITH COUNT INTO n OPTIONS 1 RETURN n", 1501,
        "syntax error, unexpected integer number, expecting { near '1 RETURN n' at position 1:54"),
    err("arangod/Aql/grammar.y options", "INSERT {} INTO c OPTION {}", 1501,
        "unexpected qualifier 'OPTION', expecting 'OPTIONS' near '}' at position 1:26"),
]

N = "tests/js/server/aql/aql-extended-numeric-literals.js"
CASES += [ok(f"{N}:testWorkingBinaryLiterals", f"RETURN {text}", value) for text, value in [
    ("0b0", 0), ("0B00", 0), ("0b1", 1), ("0b010", 2), ("0b1111111", 127), ("0b10000000000000000", 65536),
    ("0b00000000000000000000000000000001", 1), ("0b11111111111111111111111111111111", 4294967295), ("-0b1111", -15)]]
CASES += [AqlCase(source=f"{N}:testBrokenBinaryLiterals", query=f"RETURN {text}", error=(1501, "syntax error...")) for text in [
    "0b", "0B", "0b010101z111", "0bz001010", "0b001010.0", "0b-001010", "0b000000000000000000000000000000000",
    "0b111111111111111111111111111111110", "-0B0000000000000000000011111111111111111111111111111111"]]
CASES += [ok(f"{N}:testWorkingHexadecimalLiterals", f"RETURN {text}", value) for text, value in [
    ("0x0", 0), ("0XA", 10), ("0xAbCdE", 703710), ("0x10000000", 268435456), ("0xFFFFFFFF", 4294967295), ("-0xaa", -170),
    ("-0x00000000", 0)]]
CASES += [AqlCase(source=f"{N}:testBrokenHexadecimalLiterals", query=f"RETURN {text}", error=(1501, "syntax error...")) for text in [
    "0x", "0X", "0x01234z", "0xz01234", "0xffffffff0", "0x100000000", "0x0000000000FFFFFFFF"]]
CASES += [
    ok("tests/js/server/aql/aql-duplicate-attributes.js:testResultsDuplicate", "RETURN { 'a': 1, 'a': 2, 'a': 3, '': 0, '': 2, 'x': 3 }",
       {"a": 1, "": 0, "x": 3}),
    ok("tests/js/server/aql/aql-duplicate-attributes.js:testResultsDuplicateDynamic", "RETURN NOOPT({ 'a': 1, 'a': 2, 'a': 3, '': 0, '': 2, 'x': 3 })",
       {"a": 1, "": 0, "x": 3}),
    ok("tests/js/server/aql/aql-duplicate-attributes.js", "LET k = 'a' RETURN { [k]: 1, a: 2 }", {"a": 1}),
    AqlCase(source="tests/js/server/aql/aql-duplicate-attributes.js:testInsertDuplicate",
            query="INSERT { 'a': 1, 'a': 2, 'a': 3, '': 0, '': 2, 'x': 3 } INTO @@collection RETURN [NEW.a, NEW['']]",
            bind_vars={"@collection": "c"}, collections={"c": []}, expect=[[1, 0]]),
]
