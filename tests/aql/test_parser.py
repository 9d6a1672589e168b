"""The parser: Bison's messages and positions, grammar.y's checks, what the parse reports
(collections, bind parameters, modification), and that the stored tables match the grammar."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from fake_arango_tasks._aql import _tables
from fake_arango_tasks._aql._ast import ForOp, ReturnOp
from fake_arango_tasks._aql._diagnostics import extract_region
from fake_arango_tasks._aql._parser import parse
from fake_arango_tasks._errors import ArangoError

ROOT = Path(__file__).resolve().parents[2]


def message(query: str) -> tuple[int, str]:
    with pytest.raises(ArangoError) as e:
        parse(query)
    return e.value.error_num, e.value.message


def test_tables_match_the_grammar() -> None:
    spec = importlib.util.spec_from_file_location("gen_aql_tables", ROOT / "tools" / "gen_aql_tables.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_aql_tables"] = module
    spec.loader.exec_module(module)
    assert module.grammar_digest() == _tables.GRAMMAR_DIGEST, "run python tools/gen_aql_tables.py"


def test_expected_tokens_at_most_four() -> None:
    # after RETURN 1 many tokens could follow: Bison then lists none
    assert message("RETURN 1 RETURN")[1] == "syntax error, unexpected RETURN declaration, expecting end of query string near 'RETURN' at position 1:10"
    assert message("FOR x IN")[1] == "syntax error, unexpected end of query string near 'IN' at position 1:7"


def test_position_on_later_lines() -> None:
    assert message("FOR x IN [1]\nRETURN\n\n  )")[1] == "syntax error, unexpected ) near ')' at position 4:3"


def test_region_is_cut_at_32_characters() -> None:
    assert extract_region("x" * 40, 1, 0) == "x" * 32 + "..."
    assert extract_region("x" * 32, 1, 0) == "x" * 32
    assert extract_region("\u00e4" * 33, 1, 0) == "\u00e4" * 32 + "..."


def test_region_counts_carriage_returns_as_line_ends() -> None:
    assert extract_region("a\r\nb\rc", 3, 0) == "c"


def test_tokens_with_quotes_or_commas_keep_their_quotes() -> None:
    assert "unexpected \",\"" in message("RETURN 1,")[1]


def test_operations_and_scopes() -> None:
    result = parse("FOR x IN coll FILTER x.a RETURN x")
    ops = result.query.operations
    assert isinstance(ops[0], ForOp) and isinstance(ops[-1], ReturnOp)
    assert result.read_collections == ["coll"] and not result.is_modification


def test_bind_parameters_and_write_collections() -> None:
    result = parse("FOR x IN @@src INSERT {v: @value} INTO dst")
    assert result.parameters == ["@src", "value"]
    assert result.write_collections == ["dst"] and result.is_modification


def test_variables_redeclared_in_subquery() -> None:
    assert message("FOR x IN [1] RETURN (FOR x IN [2] RETURN x)") == (1511, "variable 'x' is assigned multiple times")


def test_variable_visible_after_subquery_ends() -> None:
    parse("LET a = (FOR y IN [1] RETURN y) LET y = 2 RETURN [a, y]")


def test_old_and_new_are_replaced_by_later_modifications() -> None:
    parse("FOR d IN c UPDATE d WITH {} IN c LET o = OLD REMOVE d IN c2 RETURN [o, OLD]")


def test_modification_new_replaces_a_user_variable_named_new() -> None:
    # Ast::createNodeVariable: a non-user OLD/NEW replaces the visible variable of that name
    result = parse("LET NEW = 1 INSERT {} INTO c RETURN NEW")
    ret = result.query.operations[-1]
    assert isinstance(ret, ReturnOp) and not ret.expression.value.user_defined
