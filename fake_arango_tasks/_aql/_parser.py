"""The AQL parser: Bison's LALR(1) automaton for grammar.y (tables in ``_tables``) driven as
Bison's ``yacc.c`` skeleton drives it, with semantic actions that build the AST and resolve names
in scopes as grammar.y's actions do (``arangod/Aql/grammar.y``, ``Ast.cpp``, ``Parser.cpp``).

Errors are ArangoDB's: the automaton's syntax errors (``syntax error, unexpected X, expecting
A or B``), and the checks grammar.y's actions make (unknown variables in object literals and KEEP,
misplaced qualifiers, OPTIONS that are not objects, ...), each positioned at the token the
parser last read, as ``yylloc`` is there.
"""

from __future__ import annotations

from typing import Any, Callable, Final

from .._errors import ArangoError
from . import _tables as T
from ._ast import (CollectOp, FilterOp, ForOp, LetOp, LimitOp, ModifyOp, Node, Operation, PathOp, Query,
                   ReturnOp, Scopes, SortOp, TraversalOp, UpsertOp, Variable, WindowOp)
from ._diagnostics import parse_error
from ._functions import FUNCTIONS
from ._tokens import Token, tokenize

__all__ = ["parse", "ParseResult", "AGGREGATORS", "MAX_ARGUMENTS"]

Loc = tuple[int, int, int, int]  # first_line, first_column, last_line, last_column (Bison's YYLTYPE)

#: Aggregator names COLLECT and WINDOW accept (``Aggregator::isValid``, ``Aql/Aggregator.cpp``),
#: with the name each stands for.
AGGREGATORS: Final[dict[str, str]] = {
    "LENGTH": "LENGTH", "COUNT": "LENGTH", "MIN": "MIN", "MAX": "MAX", "SUM": "SUM",
    "AVERAGE": "AVERAGE", "AVG": "AVERAGE", "VARIANCE_POPULATION": "VARIANCE_POPULATION",
    "VARIANCE": "VARIANCE_POPULATION", "VARIANCE_SAMPLE": "VARIANCE_SAMPLE",
    "STDDEV_POPULATION": "STDDEV_POPULATION", "STDDEV": "STDDEV_POPULATION",
    "STDDEV_SAMPLE": "STDDEV_SAMPLE", "UNIQUE": "UNIQUE", "SORTED_UNIQUE": "SORTED_UNIQUE",
    "COUNT_DISTINCT": "COUNT_DISTINCT", "COUNT_UNIQUE": "COUNT_DISTINCT", "BIT_AND": "BIT_AND",
    "BIT_OR": "BIT_OR", "BIT_XOR": "BIT_XOR", "PUSH": "PUSH",
}

#: the "maximum" ArangoDB prints for functions without an upper bound (``Function::maxArguments``)
MAX_ARGUMENTS: Final = 65536

_BINARY_TYPES: Final = {
    "T_PLUS": "binary plus", "T_MINUS": "binary minus", "T_TIMES": "binary times", "T_DIV": "binary div",
    "T_MOD": "binary mod", "T_EQ": "compare ==", "T_NE": "compare !=", "T_LT": "compare <",
    "T_GT": "compare >", "T_LE": "compare <=", "T_GE": "compare >=", "T_IN": "compare in",
    "T_NOT_IN": "compare not in",
}
_ARRAY_TYPES: Final = {
    "T_EQ": "array compare ==", "T_NE": "array compare !=", "T_LT": "array compare <",
    "T_GT": "array compare >", "T_LE": "array compare <=", "T_GE": "array compare >=",
    "T_IN": "array compare in", "T_NOT_IN": "array compare not in",
}


class ParseResult:
    """What parsing one query yields: its operations, its variables, the collections and bind
    parameters it names, the lexer's warnings."""

    def __init__(self, query: Query, variables: list[Variable], read: list[str], written: list[str],
                 parameters: list[str], with_collections: list[Node], warnings: list[tuple[int, str]],
                 is_modification: bool) -> None:
        self.query = query
        self.variables = variables
        self.read_collections = read
        self.write_collections = written
        self.parameters = parameters
        self.with_collections = with_collections
        self.warnings = warnings
        self.is_modification = is_modification


def parse(text: str) -> ParseResult:
    """Parse ``text`` into a :class:`ParseResult`.

    Raises:
        ArangoError: 1502 empty query; 1501 syntax errors and the parser's checks; 1510/1511
            variable names; 1512 unknown variables where grammar.y checks them; 1540/1541
            unknown function or wrong argument count; 1574 bad aggregate; 1575 OPTIONS not
            constant.
    """
    if text == "":
        raise ArangoError(1502)
    return _Parser(text).run()


def _token_name(symbol: int) -> str:
    """Bison's ``yytnamerr``: a quoted display name loses its quotes unless it contains an
    apostrophe, a comma or a backslash."""
    name = T.YYTNAME[symbol]
    if name.startswith('"'):
        inner = name[1:-1]
        if not any(c in inner for c in "',\\"):
            return inner
    return name


def _syntax_message(state: int, token: int) -> str:
    """``yysyntax_error`` of Bison 3.8 for the lookahead ``token`` in ``state``."""
    expected: list[int] = []
    too_many = False
    yyn = T.YYPACT[state]
    if yyn != T.YYPACT_NINF:
        begin = -yyn if yyn < 0 else 0
        end = min(T.YYLAST - yyn + 1, T.YYNTOKENS)
        for x in range(begin, end):
            if T.YYCHECK[x + yyn] == x and x != 1:  # 1: Bison's "error" symbol
                if len(expected) == 4:
                    too_many = True
                    break
                expected.append(x)
    if too_many:
        expected = []
    message = "syntax error, unexpected " + _token_name(token)
    if expected:
        message += ", expecting " + " or ".join(_token_name(x) for x in expected)
    return message


_TOKEN_NUMBERS: Final = {**T.TOKEN_NUMBERS, "'.'": ord("."), "?": 2}


class _Parser:
    """One parse: the automaton's stacks, the scopes, the query's bookkeeping."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens, self.warnings = tokenize(text)
        self.next_token = 0
        self.yylloc: Loc = (1, 1, 1, 1)
        self.scopes = Scopes()
        self.variables: list[Variable] = []
        self.stack: list[Any] = []  # grammar.y's parser->pushStack/popStack
        self.queries: list[Query] = [Query()]
        self.read: list[str] = []
        self.written: list[str] = []
        self.parameters: list[str] = []
        self.with_collections: list[Node] = []
        self.is_modification = False
        self.temp_counter = 0

    # --- the automaton ---------------------------------------------------------------------

    def lex(self) -> tuple[int, Token]:
        token = self.tokens[min(self.next_token, len(self.tokens) - 1)]
        self.next_token += 1
        self.yylloc = (token.line, token.column, 1, token.column + token.width - 1)
        number = 0 if token.kind == "T_END" else _TOKEN_NUMBERS[token.kind]
        symbol = T.YYTRANSLATE[number] if 0 <= number < len(T.YYTRANSLATE) else 2
        return symbol, token

    def run(self) -> ParseResult:
        self.scopes.start("main")
        states = [0]
        values: list[Any] = [None]
        locs: list[Loc] = [(1, 1, 1, 1)]
        lookahead: tuple[int, Token] | None = None
        pact, table, check, defact = T.YYPACT, T.YYTABLE, T.YYCHECK, T.YYDEFACT
        r1, pgoto, defgoto = T.YYR1, T.YYPGOTO, T.YYDEFGOTO
        actions = T.RULE_ACTIONS
        ntokens, last, final = T.YYNTOKENS, T.YYLAST, T.YYFINAL
        while True:
            state = states[-1]
            if state == final:
                break
            yyn = pact[state]
            rule = 0
            if yyn != T.YYPACT_NINF:
                if lookahead is None:
                    lookahead = self.lex()
                symbol = lookahead[0]
                yyn += symbol
                if 0 <= yyn <= last and check[yyn] == symbol:
                    yyn = table[yyn]
                    if yyn > 0:  # shift
                        states.append(yyn)
                        values.append(lookahead[1])
                        locs.append(self.yylloc)
                        lookahead = None
                        continue
                    rule = -yyn
            if rule == 0:
                rule = defact[state]
                if rule == 0:
                    assert lookahead is not None
                    raise parse_error(self.text, _syntax_message(state, lookahead[0]), self.yylloc[0], self.yylloc[1])
            name, length, context = actions[rule]
            if context:  # a mid-rule action: the values of the symbols before it in its rule
                rhs = values[len(values) - context:]
            else:
                rhs = values[len(values) - length:] if length else []
            rhs_locs = locs[len(locs) - length:] if length else []
            if length:
                loc = (rhs_locs[0][0], rhs_locs[0][1], rhs_locs[-1][2], rhs_locs[-1][3])
            else:
                below = locs[-1]
                loc = (below[2], below[3], below[2], below[3])
            if name is None:
                value = rhs[0] if rhs else None
            else:
                value = getattr(self, "r_" + name)(rhs, loc)
            if length:
                del states[-length:], values[-length:], locs[-length:]
            lhs = r1[rule] - ntokens
            top = states[-1]
            goto = pgoto[lhs] + top
            states.append(table[goto] if 0 <= goto <= last and check[goto] == top else defgoto[lhs])
            values.append(value)
            locs.append(loc)
        while self.scopes.active:
            self.scopes.end_current()
        return ParseResult(self.queries[0], self.variables, self.read, self.written, self.parameters,
                           self.with_collections, self.warnings, self.is_modification)

    # --- helpers ---------------------------------------------------------------------------

    def error(self, message: str, error_num: int = 1501, loc: Loc | None = None) -> ArangoError:
        """A parse error positioned at the last token read (``yylloc``), or at ``loc``."""
        line, column = (loc or self.yylloc)[0:2]
        return parse_error(self.text, message, line, column, error_num)

    def add_operation(self, op: Operation, loc: Loc | None = None) -> None:
        if loc is not None:
            op.line, op.column = loc[0], loc[1]
        self.queries[-1].operations.append(op)

    def new_variable(self, name: str, user_defined: bool = True) -> Variable:
        """``Ast::createNodeVariable``: a variable in the current scope.

        Raises:
            ArangoError: 1510 a user variable starting with ``_``; 1511 redeclared.
        """
        if user_defined and name.startswith("_"):
            raise ArangoError(1510, f"variable name '{name}' has an invalid format")
        if self.scopes.get(name) is not None:
            variable = Variable(name, len(self.variables), user_defined)
            if not user_defined and name in ("OLD", "NEW"):
                self.variables.append(variable)
                self.scopes.replace(variable)
                return variable
            raise ArangoError(1511, f"variable '{name}' is assigned multiple times")
        variable = Variable(name, len(self.variables), user_defined)
        self.variables.append(variable)
        self.scopes.add(variable)
        return variable

    def temp_variable(self, name: str | None = None) -> Variable:
        """An internal variable (not in scope unless named)."""
        self.temp_counter += 1
        variable = Variable(name or f"#{self.temp_counter}", len(self.variables), False)
        self.variables.append(variable)
        return variable

    def use_collection(self, name: str, write: bool = False) -> None:
        target = self.written if write else self.read
        if name not in target:
            target.append(name)

    def use_parameter(self, name: str) -> None:
        if name not in self.parameters:
            self.parameters.append(name)

    def start_collect_scope(self) -> bool:
        if self.scopes.type in ("main", "subquery"):
            return False
        self.scopes.end_nested()
        self.scopes.start("collect")
        return True

    def validate_options(self, node: Node, loc: Loc | None = None) -> None:
        if node.type != "object":
            raise self.error("'OPTIONS' have to be an object", loc=loc)
        if not node.is_constant():
            raise self.error("'OPTIONS' have to be known at query compile time", 1575, loc=loc)

    def function_call(self, name: str, args: list[Node], loc: Loc) -> Node:
        """``Ast::createNodeFunctionCall``: resolve ``name`` (upper case) and check the count.

        Raises:
            ArangoError: 1540 unknown function; 1541 wrong number of arguments.
        """
        upper = name.upper()
        if "::" in name:
            return Node("user function call", [Node("array", args)], name, loc[0], loc[1])
        function = FUNCTIONS.get(upper)
        if function is None:
            raise ArangoError(1540, f"usage of unknown function '{upper}()'")
        maximum = function.max_args if function.max_args >= 0 else MAX_ARGUMENTS
        if len(args) < function.min_args or len(args) > maximum:
            raise ArangoError(1541, f"invalid number of arguments for function '{upper}()', "
                                    f"expected number of arguments: minimum: {function.min_args}, "
                                    f"maximum: {maximum}")
        return Node("function call", [Node("array", args)], upper, loc[0], loc[1])

    def referenced_variables(self, node: Any) -> set[Variable]:
        """Every variable ``node`` refers to, subqueries included (``Ast::getReferencedVariables``)."""
        found: set[Variable] = set()
        _collect_references(node, found)
        return found

    def check_collect_variables(self, expression: Node | None, introduced: set[Variable]) -> None:
        if expression is None:
            return
        for variable in sorted(self.referenced_variables(expression), key=lambda v: v.slot):
            if variable in introduced:
                raise self.error(f"use of COLLECT variable '{variable.name}' inside same COLLECT's expression", 1512)

    def validate_aggregates(self, aggregates: list[tuple[Variable, str, list[Node]]]) -> None:
        introduced: set[Variable] = set()
        for variable, name, args in aggregates:
            introduced.add(variable)
            if name not in AGGREGATORS:
                raise self.error("unknown aggregate function used", 1574)
            for used in sorted(self.referenced_variables(Node("array", args)), key=lambda v: v.slot):
                if used in introduced:
                    raise self.error(f"use of COLLECT variable '{used.name}' inside same COLLECT", 1512)

    # --- semantic actions: r_<name>(rhs values, location of the rule) ----------------------

    def r_none(self, v: list[Any], loc: Loc) -> None:
        return None

    def r_second(self, v: list[Any], loc: Loc) -> Any:
        return v[1]

    def r_end_nested(self, v: list[Any], loc: Loc) -> None:
        self.scopes.end_nested()

    def r_list_first(self, v: list[Any], loc: Loc) -> list[Token]:
        return [v[0]]

    def r_list_add(self, v: list[Any], loc: Loc) -> list[Token]:
        return [*v[0], v[2]]

    # WITH
    def r_with_name(self, v: list[Any], loc: Loc) -> Node:
        return Node("value", value=v[0].value, line=loc[0], column=loc[1])

    def r_with_start(self, v: list[Any], loc: Loc) -> None:
        self.stack.append([])

    def r_with_add1(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(v[0])

    def r_with_add3(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(v[2])

    def r_with_add2(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(v[1])

    def r_with_end(self, v: list[Any], loc: Loc) -> None:
        for node in self.stack.pop():
            self.with_collections.append(node)
            if node.type == "value":
                self.use_collection(node.value)

    # FOR
    def r_for_start(self, v: list[Any], loc: Loc) -> None:
        if len(v[1]) != 1:
            raise self.error("Collections and views FOR loops only allow a single return variable", loc=loc)
        self.scopes.start("for")
        self.stack.append(self.new_variable(v[1][0].value))

    def r_for_options1(self, v: list[Any], loc: Loc) -> tuple[Node | None, Node | None]:
        word = v[0].value
        if word.lower() == "search":
            return v[1], None
        if word.lower() != "options":
            raise self.error(f"unexpected qualifier '{word}', expecting 'SEARCH' or 'OPTIONS'")
        self.validate_options(v[1])
        return None, v[1]

    def r_for_options2(self, v: list[Any], loc: Loc) -> tuple[Node | None, Node | None]:
        if v[0].value.lower() != "search" or v[2].value.lower() != "options":
            raise self.error(f"unexpected qualifier '{v[0].value}', expecting 'SEARCH' and 'OPTIONS'")
        self.validate_options(v[3])
        return v[1], v[3]

    def r_for_end(self, v: list[Any], loc: Loc) -> None:
        variable = self.stack.pop()
        search, options = v[5] if v[5] is not None else (None, None)
        self.add_operation(ForOp(variable, v[3], options, search), loc)

    # traversals
    def r_direction_outbound(self, v: list[Any], loc: Loc) -> str:
        return "outbound"

    def r_direction_inbound(self, v: list[Any], loc: Loc) -> str:
        return "inbound"

    def r_direction_any(self, v: list[Any], loc: Loc) -> str:
        return "any"

    def r_direction_steps1(self, v: list[Any], loc: Loc) -> tuple[str, Node]:
        return v[0], Node("value", value=1)

    def r_direction_steps2(self, v: list[Any], loc: Loc) -> tuple[str, Node]:
        return v[1], v[0]

    def r_graph_collection_name(self, v: list[Any], loc: Loc) -> tuple[Node, str | None]:
        return Node("value", value=v[0].value), None

    def r_graph_collection_direction(self, v: list[Any], loc: Loc) -> tuple[Node, str | None]:
        target = v[1]
        node = Node("value", value=target.value) if isinstance(target, Token) else target
        return node, v[0]

    def r_collection_list_add1(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(_graph_collection(v[0]))

    def r_collection_list_add3(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(_graph_collection(v[2]))

    def r_collections_start(self, v: list[Any], loc: Loc) -> None:
        self.stack.append([_graph_collection(v[0])])

    def r_graph_collections1(self, v: list[Any], loc: Loc) -> tuple[str, Any]:
        return "collections", [_graph_collection(v[0])]

    def r_graph_collections(self, v: list[Any], loc: Loc) -> tuple[str, Any]:
        return "collections", self.stack.pop()

    def r_graph_name(self, v: list[Any], loc: Loc) -> tuple[str, Any]:
        target = v[1]
        return "graph", (Node("value", value=target.value) if isinstance(target, Token) else target)

    def r_traversal_info(self, v: list[Any], loc: Loc) -> tuple[Any, Node, Any]:
        return v[0], v[1], v[2]

    def r_path_info(self, v: list[Any], loc: Loc) -> tuple[Any, ...]:
        if v[3].value.upper() != "TO":
            raise self.error(f"unexpected qualifier '{v[3].value}', expecting 'TO'", loc=loc)
        return v[0], v[2], v[4], v[5], v[6]

    def r_traversal_start(self, v: list[Any], loc: Loc) -> None:
        names = v[1]
        if not 1 <= len(names) <= 3:
            raise self.error("Traversals only have one, two or three return variables", loc=loc)
        self.scopes.start("for")
        self.stack.append([self.new_variable(t.value) for t in names])

    def r_prune_expression(self, v: list[Any], loc: Loc) -> tuple[Variable | None, Node]:
        return None, v[0]

    def r_prune_let(self, v: list[Any], loc: Loc) -> tuple[Variable | None, Node]:
        return self.new_variable(v[0].value), v[2]

    def r_prune_none(self, v: list[Any], loc: Loc) -> tuple[Any, Any]:
        return None, None

    def r_prune_one(self, v: list[Any], loc: Loc) -> tuple[Any, Any]:
        word = v[0].value.upper()
        if word == "PRUNE":
            return v[1], None
        if word == "OPTIONS":
            self.validate_options(v[1][1])
            return None, v[1][1]
        raise self.error(f"unexpected qualifier '{v[0].value}', expecting 'PRUNE' or 'OPTIONS'")

    def r_prune_both(self, v: list[Any], loc: Loc) -> tuple[Any, Any]:
        if v[0].value.upper() != "PRUNE":
            raise self.error(f"unexpected qualifier '{v[0].value}', expecting 'PRUNE'")
        if v[2].value.upper() != "OPTIONS":
            raise self.error(f"unexpected qualifier '{v[2].value}', expecting 'OPTIONS'")
        self.validate_options(v[3])
        return v[1], v[3]

    def r_traversal_end(self, v: list[Any], loc: Loc) -> None:
        variables: list[Variable] = self.stack.pop()
        (direction, steps), start, (subject_kind, subject) = v[3]
        prune, options = v[5]
        prune_variable = None
        prune_expression = None
        if prune is not None:
            prune_variable, prune_expression = prune
            if any(n.type == "subquery" for n in prune_expression.walk()):
                raise self.error("PRUNE condition must not use a subquery")
        if steps.type == "range":
            min_depth, max_depth = steps.members
        else:
            min_depth, max_depth = steps, None
        op = TraversalOp(
            vertex=variables[0], edge=variables[1] if len(variables) > 1 else None,
            path=variables[2] if len(variables) > 2 else None, direction=direction,
            min_depth=min_depth, max_depth=max_depth, start=start,
            collections=subject if subject_kind == "collections" else [],
            graph=subject if subject_kind == "graph" else None,
            prune=prune_expression, prune_variable=prune_variable, options=options)
        self.add_operation(op, loc)
        for node, _ in op.collections:
            if node.type == "value":
                self.use_collection(node.value)
        if prune_variable is not None and prune_expression is not None:
            self.add_operation(LetOp(prune_variable, prune_expression), loc)

    def _path_statement(self, kind: str, v: list[Any], loc: Loc, maximum: int, message: str) -> None:
        names = v[1]
        if not 1 <= len(names) <= maximum:
            raise self.error(message, loc=loc)
        self.scopes.start("for")
        variables = [self.new_variable(t.value) for t in names]
        direction, start, target, (subject_kind, subject), options = v[3]
        op = PathOp(kind, variables, start=start, target=target, options=options,
                    collections=subject if subject_kind == "collections" else [],
                    graph=subject if subject_kind == "graph" else None)
        if isinstance(direction, tuple):  # K_PATHS: direction with steps
            op.direction, steps = direction
            op.min_depth, op.max_depth = steps.members if steps.type == "range" else (steps, steps)
        else:
            op.direction = direction
        for node, _ in op.collections:
            if node.type == "value":
                self.use_collection(node.value)
        self.add_operation(op, loc)

    def r_shortest_path(self, v: list[Any], loc: Loc) -> None:
        self._path_statement("SHORTEST_PATH", v, loc, 2, "SHORTEST_PATH must have one or two return variables")

    def r_k_shortest_paths(self, v: list[Any], loc: Loc) -> None:
        self._path_statement("K_SHORTEST_PATHS", v, loc, 1, "K_SHORTEST_PATHS only has one return variable")

    def r_k_paths(self, v: list[Any], loc: Loc) -> None:
        self._path_statement("K_PATHS", v, loc, 1, "K_PATHS only has one return variable")

    def r_all_shortest_paths(self, v: list[Any], loc: Loc) -> None:
        self._path_statement("ALL_SHORTEST_PATHS", v, loc, 1, "ALL_SHORTEST_PATHS only has one return variable")

    # FILTER, LET, SORT, LIMIT, RETURN
    def r_filter(self, v: list[Any], loc: Loc) -> None:
        self.add_operation(FilterOp(v[1]), loc)

    def r_let(self, v: list[Any], loc: Loc) -> None:
        self.add_operation(LetOp(self.new_variable(v[0].value), v[2]), loc)

    def r_sort_start(self, v: list[Any], loc: Loc) -> None:
        self.stack.append([])

    def r_sort_add1(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(v[0])

    def r_sort_add3(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(v[2])

    def r_sort_element(self, v: list[Any], loc: Loc) -> tuple[Node, Node]:
        return v[0], v[1]

    def r_direction_default(self, v: list[Any], loc: Loc) -> Node:
        return Node("value", value=True)

    def r_direction_asc(self, v: list[Any], loc: Loc) -> Node:
        return Node("value", value=True)

    def r_direction_desc(self, v: list[Any], loc: Loc) -> Node:
        return Node("value", value=False)

    def r_sort(self, v: list[Any], loc: Loc) -> None:
        self.add_operation(SortOp(self.stack.pop()), loc)

    def r_limit1(self, v: list[Any], loc: Loc) -> None:
        self.add_operation(LimitOp(Node("value", value=0), v[1]), loc)

    def r_limit2(self, v: list[Any], loc: Loc) -> None:
        self.add_operation(LimitOp(v[1], v[3]), loc)

    def r_distinct_check(self, v: list[Any], loc: Loc) -> None:
        if self.scopes.type in ("main", "subquery"):
            raise self.error("cannot use DISTINCT modifier on top-level query element")

    def r_distinct(self, v: list[Any], loc: Loc) -> Node:
        return Node("distinct", [v[2]])

    def r_return(self, v: list[Any], loc: Loc) -> None:
        expression = v[1]
        if expression.type == "distinct":
            self.add_operation(ReturnOp(expression.members[0], True), loc)
        else:
            self.add_operation(ReturnOp(expression), loc)
        self.scopes.end_nested()

    # COLLECT
    def r_count_into(self, v: list[Any], loc: Loc) -> str:
        if v[1].value.upper() != "COUNT":
            raise self.error(f"unexpected qualifier '{v[1].value}', expecting 'COUNT'")
        return str(v[3].value)

    def r_collect_start(self, v: list[Any], loc: Loc) -> None:
        self.stack.append([])

    def r_collect_element(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append((self.new_variable(v[0].value), v[2]))

    def r_collect_groups(self, v: list[Any], loc: Loc) -> list[tuple[Variable, Node]]:
        return list(self.stack.pop())

    def r_into_name(self, v: list[Any], loc: Loc) -> tuple[str, Node | None]:
        return v[1].value, None

    def r_into_expression(self, v: list[Any], loc: Loc) -> tuple[str, Node | None]:
        return v[1].value, v[3]

    def r_keep_start(self, v: list[Any], loc: Loc) -> None:
        if v[0].value.upper() != "KEEP":
            raise self.error(f"unexpected qualifier '{v[0].value}', expecting 'KEEP'")
        self.stack.append([])

    def _keep_variable(self, name: str) -> None:
        variable = self.scopes.get(name)
        if variable is None:
            raise self.error(f"use of unknown variable '{name}' for KEEP")
        self.stack[-1].append(variable)

    def r_keep_variable1(self, v: list[Any], loc: Loc) -> None:
        self._keep_variable(v[0].value)

    def r_keep_variable3(self, v: list[Any], loc: Loc) -> None:
        self._keep_variable(v[2].value)

    def r_keep(self, v: list[Any], loc: Loc) -> list[Variable]:
        return list(self.stack.pop())

    def r_aggregate_start(self, v: list[Any], loc: Loc) -> None:
        self.stack.append([])

    def r_aggregate_element(self, v: list[Any], loc: Loc) -> None:
        name, args = v[2]
        self.stack[-1].append((self.new_variable(v[0].value), name, args))

    def r_aggregate_call(self, v: list[Any], loc: Loc) -> tuple[str, list[Node]]:
        args: list[Node] = self.stack.pop()
        name = str(v[0]).upper()
        if name not in AGGREGATORS:
            self.function_call(name, args, loc)  # 1540 / 1541 as a function would
        elif len(args) != 1:  # every aggregate function takes one argument
            raise ArangoError(1541, f"invalid number of arguments for function '{name}()', expected number of "
                                    "arguments: minimum: 1, maximum: 1")
        return name, args

    def r_aggregate(self, v: list[Any], loc: Loc) -> list[tuple[Variable, str, list[Node]]]:
        return list(self.stack.pop())

    def _visible_variables(self) -> list[Variable]:
        """The user variables visible now (what ``INTO g`` without an expression collects)."""
        seen: dict[str, Variable] = {}
        for _, names in self.scopes.active:
            for name, variable in names.items():
                if variable.user_defined:
                    seen[name] = variable
        return list(seen.values())

    def _register(self, introduced: set[Variable], *lists: Any) -> None:
        for items in lists:
            for item in items:
                self.scopes.add(item[0])
                introduced.add(item[0])

    def _collect(self, loc: Loc, groups: list[tuple[Variable, Node]],
                 aggregates: list[tuple[Variable, str, list[Node]]], into: tuple[str, Node | None] | None,
                 keep: list[Variable] | None, options: Node | None, count: str | None = None) -> None:
        visible = self._visible_variables()
        introduced: set[Variable] = set()
        if self.start_collect_scope():
            self._register(introduced, groups, aggregates)
        else:
            introduced.update(g[0] for g in groups)
            introduced.update(a[0] for a in aggregates)
        if aggregates:
            self.validate_aggregates(aggregates)
        if into is not None and into[1] is not None:
            self.check_collect_variables(into[1], introduced)
        if groups and aggregates:
            group_variables = {g[0] for g in groups}
            for _, _, args in aggregates:
                for used in sorted(self.referenced_variables(Node("array", args)), key=lambda x: x.slot):
                    if used in group_variables:
                        raise self.error(f"use of unknown variable '{used.name}' in AGGREGATE expression", 1512)
        if keep is not None:
            if into is None:
                raise self.error("use of 'KEEP' without 'INTO'")
            self.check_collect_variables(Node("array", [Node("reference", value=k) for k in keep]), introduced)
        into_variable = self.new_variable(into[0]) if into is not None else None
        count_variable = self.new_variable(count) if count is not None else None
        hidden = set(introduced)
        op = CollectOp(groups, aggregates, into_variable, into[1] if into else None, keep, count_variable,
                       options, [x for x in visible if x not in hidden])
        self.add_operation(op, loc)

    def r_collect_count(self, v: list[Any], loc: Loc) -> None:
        self._collect(loc, [], [], None, None, v[2], count=v[1])

    def r_collect_groups_count(self, v: list[Any], loc: Loc) -> None:
        self._collect(loc, v[0], [], None, None, v[2], count=v[1])

    def r_collect_aggregate(self, v: list[Any], loc: Loc) -> None:
        self._collect(loc, [], v[1], v[2], None, v[3])

    def r_collect_groups_aggregate(self, v: list[Any], loc: Loc) -> None:
        self._collect(loc, v[0], v[1], v[2], None, v[3])

    def r_collect_groups_into(self, v: list[Any], loc: Loc) -> None:
        self._collect(loc, v[0], [], v[1], None, v[2])

    def r_collect_groups_keep(self, v: list[Any], loc: Loc) -> None:
        self._collect(loc, v[0], [], v[1], v[2], v[3])

    # WINDOW
    def _window(self, loc: Loc, spec: Node, range_expression: Node | None,
                aggregates: list[tuple[Variable, str, list[Node]]]) -> None:
        self.validate_aggregates(aggregates)
        if not spec.members:
            raise self.error("At least one WINDOW bound must be specified ('preceding'/'following')")
        seen: set[str] = set()
        for member in spec.members:
            name = member.value if member.type == "object element" else None
            if name not in ("preceding", "following"):
                raise self.error(f"Invalid WINDOW attribute '{name}'; only \"preceding\" and \"following\" are supported")
            if name in seen:
                raise self.error(f"WINDOW attribute '{name}' is specified multiple times")
            seen.add(name)
        self.add_operation(WindowOp(spec, range_expression, aggregates), loc)

    def r_window_rows(self, v: list[Any], loc: Loc) -> None:
        self._window(loc, v[1], None, v[2])

    def r_window_range(self, v: list[Any], loc: Loc) -> None:
        self._window(loc, v[3], v[1], v[4])

    # data modification
    def r_write_collection(self, v: list[Any], loc: Loc) -> Node:
        self.use_collection(v[0].value, write=True)
        return Node("collection", value=v[0].value, line=loc[0], column=loc[1])

    def r_write_collection_parameter(self, v: list[Any], loc: Loc) -> Node:
        return self.r_datasource_parameter(v, loc)

    def configure_write(self, collection: Node, options: Node | None) -> None:
        self.is_modification = True

    def r_options(self, v: list[Any], loc: Loc) -> Node:
        if v[0].value.upper() != "OPTIONS":
            raise self.error(f"unexpected qualifier '{v[0].value}', expecting 'OPTIONS'")
        self.validate_options(v[1])
        return v[1]  # type: ignore[no-any-return]

    def _modify(self, kind: Any, document: Node, key: Node | None, collection: Node, options: Node | None,
                loc: Loc) -> None:
        self.configure_write(collection, options)
        op = ModifyOp(kind, document, key, collection, options)
        if kind in ("update", "replace", "remove") or (kind == "insert" and _overwrites(options)):
            op.old = self.new_variable("OLD", user_defined=False)
        if kind in ("insert", "update", "replace"):
            op.new = self.new_variable("NEW", user_defined=False)
        self.add_operation(op, loc)

    def r_remove(self, v: list[Any], loc: Loc) -> None:
        self._modify("remove", v[1], None, v[2], v[3], loc)

    def r_insert(self, v: list[Any], loc: Loc) -> None:
        self._modify("insert", v[1], None, v[2], v[3], loc)

    def r_update3(self, v: list[Any], loc: Loc) -> None:
        self._modify("update", v[0], None, v[1], v[2], loc)

    def r_update5(self, v: list[Any], loc: Loc) -> None:
        self._modify("update", v[2], v[0], v[3], v[4], loc)

    def r_replace3(self, v: list[Any], loc: Loc) -> None:
        self._modify("replace", v[0], None, v[1], v[2], loc)

    def r_replace5(self, v: list[Any], loc: Loc) -> None:
        self._modify("replace", v[2], v[0], v[3], v[4], loc)

    def r_kind_update(self, v: list[Any], loc: Loc) -> str:
        return "update"

    def r_kind_replace(self, v: list[Any], loc: Loc) -> str:
        return "replace"

    def r_upsert_filter_start(self, v: list[Any], loc: Loc) -> None:
        old = self.temp_variable("OLD")  # becomes visible after the search (grammar.y: NAME_OLD)
        self.scopes.start("subquery")
        self.scopes.start("for")
        current = self.temp_variable("$CURRENT")
        self.scopes.add(current)
        self.scopes.current.append(current)
        self.stack.append((old, current))

    def r_upsert_filter_search(self, v: list[Any], loc: Loc) -> None:
        old, current = self.stack[-1]
        self.scopes.current.pop()
        self.scopes.end_nested()
        self.scopes.end_current()
        self._add_old(old)

    def _add_old(self, old: Variable) -> None:
        existing = self.scopes.get("OLD")
        if existing is not None and existing.user_defined:
            raise ArangoError(1511, "variable 'OLD' is assigned multiple times")
        self.scopes.replace(old) if existing is not None else self.scopes.add(old)

    def r_upsert_start(self, v: list[Any], loc: Loc) -> None:
        old = self.temp_variable("OLD")
        self._add_old(old)
        self.stack.append((old, None))

    def _upsert(self, loc: Loc, search: Node | None, search_filter: Node | None, insert: Node, kind: Any,
                update: Node, collection: Node, options: Node | None) -> None:
        old, current = self.stack.pop()
        self.configure_write(collection, options)
        op = UpsertOp(search, search_filter, current, insert, update, kind, collection, options, old=old)
        op.new = self.new_variable("NEW", user_defined=False)
        self.add_operation(op, loc)

    def r_upsert_filter(self, v: list[Any], loc: Loc) -> None:
        self._upsert(loc, None, v[3], v[6], v[7], v[8], v[9], v[10])

    def r_upsert(self, v: list[Any], loc: Loc) -> None:
        self._upsert(loc, v[1], None, v[4], v[5], v[6], v[7], v[8])

    # expressions
    def r_quantifier_all(self, v: list[Any], loc: Loc) -> Node:
        return Node("quantifier", value="all")

    def r_quantifier_any(self, v: list[Any], loc: Loc) -> Node:
        return Node("quantifier", value="any")

    def r_quantifier_none(self, v: list[Any], loc: Loc) -> Node:
        return Node("quantifier", value="none")

    def r_range(self, v: list[Any], loc: Loc) -> Node:
        return Node("range", [v[0], v[2]], line=loc[0], column=loc[1])

    def r_scoped_name(self, v: list[Any], loc: Loc) -> str:
        return f"{v[0]}::{v[2].value}"

    def r_call_start(self, v: list[Any], loc: Loc) -> None:
        self.stack.append([])

    def r_argument1(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(v[0])

    def r_argument3(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(v[2])

    def r_call(self, v: list[Any], loc: Loc) -> Node:
        return self.function_call(v[0], self.stack.pop(), loc)

    def r_call_like(self, v: list[Any], loc: Loc) -> Node:
        return self.function_call("LIKE", self.stack.pop(), loc)

    def r_unary_plus(self, v: list[Any], loc: Loc) -> Node:
        operand = v[1]
        if operand.type == "value" and isinstance(operand.value, (int, float)) and not isinstance(operand.value, bool):
            return operand  # type: ignore[no-any-return]  # Ast::optimizeUnaryOperatorArithmetic
        return Node("unary plus", [operand], line=loc[0], column=loc[1])

    def r_unary_minus(self, v: list[Any], loc: Loc) -> Node:
        operand = v[1]
        if operand.type == "value" and isinstance(operand.value, (int, float)) and not isinstance(operand.value, bool):
            return Node("value", value=-operand.value if operand.value != 0 else operand.value,
                        line=loc[0], column=loc[1])
        return Node("unary minus", [operand], line=loc[0], column=loc[1])

    def r_unary_not(self, v: list[Any], loc: Loc) -> Node:
        return Node("unary not", [v[1]], line=loc[0], column=loc[1])

    def r_lazy(self, v: list[Any], loc: Loc) -> None:
        return None

    def r_binary_or(self, v: list[Any], loc: Loc) -> Node:
        return Node("logical or", [v[0], v[3]], line=loc[0], column=loc[1])

    def r_binary_and(self, v: list[Any], loc: Loc) -> Node:
        return Node("logical and", [v[0], v[3]], line=loc[0], column=loc[1])

    def r_binary(self, v: list[Any], loc: Loc) -> Node:
        return Node(_BINARY_TYPES[v[1].kind], [v[0], v[2]], line=loc[0], column=loc[1])

    def _call2(self, name: str, a: Node, b: Node, loc: Loc) -> Node:
        return self.function_call(name, [a, b], loc)

    def _not(self, node: Node, loc: Loc) -> Node:
        return Node("unary not", [node], line=loc[0], column=loc[1])

    def r_not_like(self, v: list[Any], loc: Loc) -> Node:
        return self._not(self._call2("LIKE", v[0], v[3], loc), loc)

    def r_not_regex_match(self, v: list[Any], loc: Loc) -> Node:
        return self._not(self._call2("REGEX_TEST", v[0], v[3], loc), loc)

    def r_not_regex_non_match(self, v: list[Any], loc: Loc) -> Node:
        return self._call2("REGEX_TEST", v[0], v[3], loc)

    def r_like(self, v: list[Any], loc: Loc) -> Node:
        return self._call2("LIKE", v[0], v[2], loc)

    def r_regex_match(self, v: list[Any], loc: Loc) -> Node:
        return self._call2("REGEX_TEST", v[0], v[2], loc)

    def r_regex_non_match(self, v: list[Any], loc: Loc) -> Node:
        return self._not(self._call2("REGEX_TEST", v[0], v[2], loc), loc)

    def r_array_comparison(self, v: list[Any], loc: Loc) -> Node:
        return Node(_ARRAY_TYPES[v[2].kind], [v[0], v[3], v[1]], line=loc[0], column=loc[1])

    def r_at_least_comparison(self, v: list[Any], loc: Loc) -> Node:
        quantifier = Node("quantifier", [v[3]], value="at least")
        return Node(_ARRAY_TYPES[v[5].kind], [v[0], v[6], quantifier], line=loc[0], column=loc[1])

    def r_ternary(self, v: list[Any], loc: Loc) -> Node:
        return Node("ternary", [v[0], v[3], v[6]], line=loc[0], column=loc[1])

    def r_ternary_short(self, v: list[Any], loc: Loc) -> Node:
        return Node("ternary", [v[0], v[4]], line=loc[0], column=loc[1])

    def r_subquery_start(self, v: list[Any], loc: Loc) -> None:
        self.scopes.start("subquery")
        self.queries.append(Query())

    def _end_subquery(self, loc: Loc) -> Node:
        query = self.queries.pop()
        self.scopes.end_current()
        return Node("subquery", value=query, line=loc[0], column=loc[1])

    def r_subquery_argument(self, v: list[Any], loc: Loc) -> Node:
        return self._end_subquery(loc)

    def r_subquery(self, v: list[Any], loc: Loc) -> Node:
        return self._end_subquery(loc)

    def r_array_start(self, v: list[Any], loc: Loc) -> None:
        self.stack.append([])

    def r_array_element(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(v[0])

    def r_array(self, v: list[Any], loc: Loc) -> Node:
        return Node("array", self.stack.pop(), line=loc[0], column=loc[1])

    def r_object_start(self, v: list[Any], loc: Loc) -> None:
        self.stack.append([])

    def r_object(self, v: list[Any], loc: Loc) -> Node:
        return Node("object", self.stack.pop(), line=loc[0], column=loc[1])

    def r_object_shorthand(self, v: list[Any], loc: Loc) -> None:
        name = v[0].value
        variable = self.scopes.get(name)
        if variable is None:
            raise self.error(f"use of unknown variable '{name}' in object literal", 1512)
        self.stack[-1].append(Node("object element", [Node("reference", value=variable)], name))

    def r_object_element(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(Node("object element", [v[2]], v[0].value))

    def r_object_parameter_element(self, v: list[Any], loc: Loc) -> None:
        name = v[0].value
        self.use_parameter(name)
        parameter = Node("parameter", value=name, line=loc[0], column=loc[1])
        self.stack[-1].append(Node("calculated object element", [parameter, v[2]]))

    def r_object_computed_element(self, v: list[Any], loc: Loc) -> None:
        self.stack[-1].append(Node("calculated object element", [v[1], v[4]]))

    def r_count1(self, v: list[Any], loc: Loc) -> int:
        return 1

    def r_count_more(self, v: list[Any], loc: Loc) -> int:
        return int(v[0]) + 1

    def r_expansion_start(self, v: list[Any], loc: Loc) -> None:
        base, levels = v[0], v[2]
        if levels > 1 and base.type == "expansion":
            base = Node("passthru", [base], line=base.line, column=base.column)
        self.temp_counter += 1
        iterator = Variable(f"{self.temp_counter}_", len(self.variables), False)
        self.variables.append(iterator)
        self.scopes.current.append(iterator)
        self.stack.append((iterator, base))

    def r_array_filter(self, v: list[Any], loc: Loc) -> Node:
        return Node("array filter", [None, v[1]])

    def r_array_filter_quantified(self, v: list[Any], loc: Loc) -> Node:
        return Node("array filter", [v[0], v[2]])

    def r_array_filter_at_least(self, v: list[Any], loc: Loc) -> Node:
        return Node("array filter", [Node("quantifier", [v[2]], value="at least"), v[5]])

    def r_array_limit1(self, v: list[Any], loc: Loc) -> Node:
        return Node("array limit", [Node("value", value=0), v[1]])

    def r_array_limit2(self, v: list[Any], loc: Loc) -> Node:
        return Node("array limit", [v[1], v[3]])

    def _end_expansion(self, node_type: str, levels: int, parts: list[Any], loc: Loc) -> Node:
        """Close ``[*``/``[?`` (grammar.y's reference rules): an expansion on an expansion
        iterates over the outer one's projection and becomes that projection."""
        self.scopes.current.pop()
        iterator, base = self.stack.pop()
        source = base.members[1] if base.type == "expansion" else base
        expanded = Node("reference", value=iterator)
        node = Node(node_type, [source, expanded, *parts], value=(iterator, levels), line=loc[0], column=loc[1])
        if base.type == "expansion":
            base.members[1] = node
            return base  # type: ignore[no-any-return]
        return node

    def r_question_expansion(self, v: list[Any], loc: Loc) -> Node:
        return self._end_expansion("boolean expansion", v[2], [v[4]], loc)

    def r_star_expansion(self, v: list[Any], loc: Loc) -> Node:
        array_filter = v[4]
        if array_filter is not None and array_filter.members[0] is not None:
            raise self.error("unexpected quantifier value found for array expansion operation.")
        return self._end_expansion("expansion", v[2], [array_filter, v[5], v[6]], loc)

    def _patch_expansion(self, base: Node, wrap: Callable[[Node], Node]) -> Node:
        """``x[*].a``: the access applies to the innermost expansion's projection."""
        if base.type != "expansion":
            return wrap(base)
        current = base
        while current.members[1].type == "expansion":
            current = current.members[1]
        current.members[1] = wrap(current.members[1])
        return base

    def r_name_reference(self, v: list[Any], loc: Loc) -> Node:
        name = v[0].value
        variable = self.scopes.get(name)
        if variable is None and self.scopes.current and name in ("$CURRENT", "CURRENT"):
            variable = self.scopes.current[-1]
        if variable is not None:
            return Node("reference", value=variable, line=loc[0], column=loc[1])
        self.use_collection(name)
        return Node("collection", value=name, line=loc[0], column=loc[1])

    def r_parenthesized(self, v: list[Any], loc: Loc) -> Node:
        inner = v[1]
        if inner.type in ("expansion", "boolean expansion"):
            return Node("passthru", [inner], line=loc[0], column=loc[1])
        return inner  # type: ignore[no-any-return]

    def r_attribute_access(self, v: list[Any], loc: Loc) -> Node:
        return self._patch_expansion(v[0], lambda n: Node("attribute access", [n], v[2].value, loc[0], loc[1]))

    def r_bound_attribute_access(self, v: list[Any], loc: Loc) -> Node:
        return self._patch_expansion(v[0], lambda n: Node("bound attribute access", [n, v[2]], None, loc[0], loc[1]))

    def r_indexed_access(self, v: list[Any], loc: Loc) -> Node:
        return self._patch_expansion(v[0], lambda n: Node("indexed access", [n, v[2]], None, loc[0], loc[1]))

    # values
    def r_number_value(self, v: list[Any], loc: Loc) -> Node:
        return Node("value", value=v[0].value, line=loc[0], column=loc[1])

    def r_token_text(self, v: list[Any], loc: Loc) -> str:
        return str(v[0].value)

    def r_string_value(self, v: list[Any], loc: Loc) -> Node:
        return Node("value", value=v[0].value, line=loc[0], column=loc[1])

    def r_null_value(self, v: list[Any], loc: Loc) -> Node:
        return Node("value", value=None, line=loc[0], column=loc[1])

    def r_true_value(self, v: list[Any], loc: Loc) -> Node:
        return Node("value", value=True, line=loc[0], column=loc[1])

    def r_false_value(self, v: list[Any], loc: Loc) -> Node:
        return Node("value", value=False, line=loc[0], column=loc[1])

    def r_datasource_parameter(self, v: list[Any], loc: Loc) -> Node:
        name = v[0].value
        if len(name) < 2 or not name.startswith("@"):
            raise self.error(f"bind parameter '{name}' has an invalid value or type", 1553)
        self.use_parameter(name)
        return Node("datasource parameter", value=name, line=loc[0], column=loc[1])

    def r_datasource_parameter_from_value(self, v: list[Any], loc: Loc) -> Node:
        self.use_parameter(v[0].value)
        return Node("datasource parameter", value=v[0].value, line=loc[0], column=loc[1])

    def r_value_parameter(self, v: list[Any], loc: Loc) -> Node:
        self.use_parameter(v[0].value)
        return Node("parameter", value=v[0].value, line=loc[0], column=loc[1])


def _overwrites(options: Node | None) -> bool:
    """INSERT has OLD when its options overwrite (``Ast::createNodeInsert``)."""
    if options is None or options.type != "object":
        return False
    for member in options.members:
        if member.type == "object element" and member.value in ("overwriteMode", "overwrite"):
            value = member.members[0]
            if member.value == "overwrite":
                return value.type == "value" and bool(value.value)
            return True
    return False


def _graph_collection(item: Any) -> tuple[Node, str | None]:
    if isinstance(item, tuple):
        return item
    return item, None


def _collect_references(node: Any, found: set[Variable]) -> None:
    if isinstance(node, Node):
        if node.type == "reference":
            found.add(node.value)
        elif node.type == "subquery":
            for op in node.value.operations:
                for value in vars(op).values():
                    _collect_references(value, found)
        for m in node.members:
            _collect_references(m, found)
    elif isinstance(node, (list, tuple)):
        for m in node:
            _collect_references(m, found)

