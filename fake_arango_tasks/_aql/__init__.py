"""AQL, ArangoDB's query language, as ArangoDB 3.12 evaluates it: one engine behind ``db._query``
in task commands, ``POST /_api/cursor`` over HTTP and the simple-query routes.

A language implementation in three stages, each its own module:

- ``_tokens``: the tokenizer (``arangod/Aql/tokens.ll``): text -> tokens with flex's positions;
- ``_parser`` and ``_ast``: grammar.y's LALR(1) automaton (``_grammar`` is the grammar, ``_tables``
  Bison's tables for it, made by ``tools/gen_aql_tables.py``) driven as Bison does, with actions
  that build the AST and resolve names in scopes -> ArangoDB's syntax errors, word for word;
- ``_expressions`` and ``_pipeline``: the evaluator: the AST compiled to Python closures over
  frames of variables, the operations to a pipeline of generators.

Around them: ``_values`` (AQL's types, conversions and value order), ``_functions`` (the function
library, one module per family, in one registry), ``_storage`` (what the engine needs of the
collections: a protocol the document store implements).

Public API (the integrator's entry points): :func:`prepare` (parse + analyse, cached per text),
:func:`execute` (bind parameters, checks, run; a modification query inside
``storage.transaction``), :func:`parse_info` (what ``POST /_api/query`` reports), and the
:class:`QueryOptions`, :class:`QueryContext`, :class:`QueryResult`, :class:`PreparedQuery` types.
Between parsing and running: ``_analysis`` (bind parameters, modification rules, collections).
Operations with modules of their own: ``_collect`` (COLLECT, WINDOW, aggregates), ``_traversal``, ``_modify``, ``_runtime`` (options,
warnings, statistics).
"""

from ._query import PreparedQuery, QueryResult, execute, parse_info, phase_of, prepare  # noqa: E402
from ._runtime import QueryContext, QueryOptions  # noqa: E402

__all__ = ["PreparedQuery", "QueryContext", "QueryOptions", "QueryResult", "execute", "parse_info", "phase_of", "prepare"]
