"""AQL, ArangoDB's query language, as ArangoDB 3.12 evaluates it: one engine behind ``db._query``
in task commands, ``POST /_api/cursor`` over HTTP and the simple-query routes.

A language implementation in three stages, each its own module:

- ``_tokens``: the tokenizer (``arangod/Aql/tokens.ll``): text -> tokens with positions;
- ``_parser`` and ``_ast``: a recursive-descent parser (``arangod/Aql/grammar.y``) -> an AST whose
  nodes carry their line and column, for ArangoDB's error messages;
- ``_engine``: the evaluator: the AST compiled to Python closures over rows of variables.

Around them: ``_values`` (AQL's types, conversions and value order), ``_functions`` (the function
library, one module per family, in one registry), ``_storage`` (what the engine needs of the
collections: a protocol the document store implements).
"""
