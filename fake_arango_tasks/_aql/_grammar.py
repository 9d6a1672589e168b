"""AQL's grammar as data: the tokens, their precedence and the productions of ArangoDB 3.12's
``arangod/Aql/grammar.y``, re-expressed in a small notation of our own.

ArangoDB parses AQL with a Bison LALR(1) parser (``%define parse.error verbose``), and its syntax
errors are Bison's: ``syntax error, unexpected <token>, expecting <a> or <b>`` where the expected
tokens are those the automaton could have shifted in the state the error was detected in (at most
four, else none are listed). Only the same automaton gives the same messages, so the fake does not
hand-write a parser: ``tools/gen_aql_tables.py`` feeds this grammar to GNU Bison and stores
Bison's parse tables in ``_tables.py``; ``_parser`` drives them as Bison's ``yacc.c`` skeleton
does and runs our own semantic actions (named after ``->`` below) on each reduction.

Notation: ``lhs: alternative | alternative ...``; an alternative is a sequence of symbols,
``{name}`` is a mid-rule action (it takes a place in the right-hand side, as in Bison),
``%prec X`` gives the rule X's precedence, ``-> name`` names the action run on reduction
(``_parser.Parser.r_<name>``); without one the value is the first symbol's (or ``None``).
The order of rules follows grammar.y (it decides Bison's rule numbers and default reductions).
"""

from __future__ import annotations

from typing import Final

__all__ = ["TOKENS", "PRECEDENCE", "RULES", "START"]

#: (bison name, display name) in grammar.y's declaration order (which fixes the token numbers
#: and therefore the order of the "expecting" lists).
TOKENS: Final[tuple[tuple[str, str], ...]] = (
    ("T_FOR", "FOR declaration"),
    ("T_LET", "LET declaration"),
    ("T_FILTER", "FILTER declaration"),
    ("T_RETURN", "RETURN declaration"),
    ("T_COLLECT", "COLLECT declaration"),
    ("T_SORT", "SORT declaration"),
    ("T_LIMIT", "LIMIT declaration"),
    ("T_WINDOW", "WINDOW declaration"),
    ("T_ASC", "ASC keyword"),
    ("T_DESC", "DESC keyword"),
    ("T_IN", "IN keyword"),
    ("T_WITH", "WITH keyword"),
    ("T_INTO", "INTO keyword"),
    ("T_AGGREGATE", "AGGREGATE keyword"),
    ("T_GRAPH", "GRAPH keyword"),
    ("T_SHORTEST_PATH", "SHORTEST_PATH keyword"),
    ("T_K_SHORTEST_PATHS", "K_SHORTEST_PATHS keyword"),
    ("T_K_PATHS", "K_PATHS keyword"),
    ("T_ALL_SHORTEST_PATHS", "ALL_SHORTEST_PATHS keyword"),
    ("T_DISTINCT", "DISTINCT modifier"),
    ("T_REMOVE", "REMOVE command"),
    ("T_INSERT", "INSERT command"),
    ("T_UPDATE", "UPDATE command"),
    ("T_REPLACE", "REPLACE command"),
    ("T_UPSERT", "UPSERT command"),
    ("T_NULL", "null"),
    ("T_TRUE", "true"),
    ("T_FALSE", "false"),
    ("T_STRING", "identifier"),
    ("T_QUOTED_STRING", "quoted string"),
    ("T_INTEGER", "integer number"),
    ("T_DOUBLE", "number"),
    ("T_PARAMETER", "bind parameter"),
    ("T_DATA_SOURCE_PARAMETER", "bind data source parameter"),
    ("T_ASSIGN", "assignment"),
    ("T_NOT", "not operator"),
    ("T_AND", "and operator"),
    ("T_OR", "or operator"),
    ("T_NOT_IN", "not in operator"),
    ("T_REGEX_MATCH", "~= operator"),
    ("T_REGEX_NON_MATCH", "~! operator"),
    ("T_EQ", "== operator"),
    ("T_NE", "!= operator"),
    ("T_LT", "< operator"),
    ("T_GT", "> operator"),
    ("T_LE", "<= operator"),
    ("T_GE", ">= operator"),
    ("T_LIKE", "like operator"),
    ("T_PLUS", "+ operator"),
    ("T_MINUS", "- operator"),
    ("T_TIMES", "* operator"),
    ("T_DIV", "/ operator"),
    ("T_MOD", "% operator"),
    ("T_QUESTION", "?"),
    ("T_COLON", ":"),
    ("T_SCOPE", "::"),
    ("T_RANGE", ".."),
    ("T_COMMA", ","),
    ("T_OPEN", "("),
    ("T_CLOSE", ")"),
    ("T_OBJECT_OPEN", "{"),
    ("T_OBJECT_CLOSE", "}"),
    ("T_ARRAY_OPEN", "["),
    ("T_ARRAY_CLOSE", "]"),
    ("T_END", "end of query string"),  # token number 0: Bison's end of input
    ("T_OUTBOUND", "outbound modifier"),
    ("T_INBOUND", "inbound modifier"),
    ("T_ANY", "any modifier"),
    ("T_ALL", "all modifier"),
    ("T_NONE", "none modifier"),
    ("T_AT_LEAST", "at least modifier"),
)

#: grammar.y's precedence declarations, lowest first.
PRECEDENCE: Final[tuple[tuple[str, str], ...]] = (
    ("left", "T_COMMA"),
    ("left", "T_DISTINCT"),
    ("right", "T_QUESTION T_COLON"),
    ("right", "T_ASSIGN"),
    ("left", "T_WITH"),
    ("nonassoc", "T_INTO"),
    ("left", "T_OR"),
    ("left", "T_AND"),
    ("nonassoc", "T_OUTBOUND T_INBOUND T_ANY T_ALL T_NONE"),
    ("left", "T_AT_LEAST"),
    ("left", "T_EQ T_NE T_LIKE T_REGEX_MATCH T_REGEX_NON_MATCH"),
    ("left", "T_IN T_NOT T_NOT_IN"),
    ("left", "T_LT T_GT T_LE T_GE"),
    ("left", "T_RANGE"),
    ("left", "T_PLUS T_MINUS"),
    ("left", "T_TIMES T_DIV T_MOD"),
    ("right", "UMINUS UPLUS UNEGATION"),
    ("left", "FUNCCALL"),
    ("left", "REFERENCE"),
    ("left", "INDEXED"),
    ("left", "EXPANSION"),
    ("left", "T_SCOPE"),
)

START: Final = "queryStart"

_COMPARISONS = ("EQ", "NE", "LT", "GT", "LE", "GE", "IN", "NOT_IN")

RULES: Final = """
optional_prune_variable
  : expression                                          -> prune_expression
  | variable_name T_ASSIGN expression                   -> prune_let
with_collection
  : T_STRING                                            -> with_name
  | bind_parameter_datasource_expected
with_collection_list
  : with_collection                                     -> with_add1
  | with_collection_list T_COMMA with_collection        -> with_add3
  | with_collection_list with_collection                -> with_add2
optional_with
  :
  | T_WITH {with_start} with_collection_list            -> with_end
queryStart
  : optional_with query
query
  : optional_statement_block_statements final_statement
final_statement
  : return_statement
  | remove_statement                                    -> end_nested
  | insert_statement                                    -> end_nested
  | update_statement                                    -> end_nested
  | replace_statement                                   -> end_nested
  | upsert_statement                                    -> end_nested
optional_statement_block_statements
  :
  | optional_statement_block_statements statement_block_statement
statement_block_statement
  : for_statement
  | let_statement
  | filter_statement
  | collect_statement
  | sort_statement
  | limit_statement
  | window_statement
  | remove_statement
  | insert_statement
  | update_statement
  | replace_statement
  | upsert_statement
more_output_variables
  : variable_name                                       -> list_first
  | more_output_variables T_COMMA variable_name         -> list_add
for_output_variables
  : more_output_variables
prune_and_options
  :                                                     -> prune_none
  | T_STRING optional_prune_variable                    -> prune_one
  | T_STRING optional_prune_variable T_STRING object    -> prune_both
traversal_graph_info
  : graph_direction_steps expression graph_subject      -> traversal_info
shortest_path_graph_info
  : graph_direction T_SHORTEST_PATH expression T_STRING expression graph_subject options -> path_info
k_shortest_paths_graph_info
  : graph_direction T_K_SHORTEST_PATHS expression T_STRING expression graph_subject options -> path_info
k_paths_graph_info
  : graph_direction_steps T_K_PATHS expression T_STRING expression graph_subject options -> path_info
all_shortest_paths_graph_info
  : graph_direction T_ALL_SHORTEST_PATHS expression T_STRING expression graph_subject options -> path_info
for_statement
  : T_FOR for_output_variables T_IN expression {for_start} for_options -> for_end
  | T_FOR for_output_variables T_IN traversal_graph_info {traversal_start} prune_and_options -> traversal_end
  | T_FOR for_output_variables T_IN shortest_path_graph_info -> shortest_path
  | T_FOR for_output_variables T_IN k_shortest_paths_graph_info -> k_shortest_paths
  | T_FOR for_output_variables T_IN k_paths_graph_info -> k_paths
  | T_FOR for_output_variables T_IN all_shortest_paths_graph_info -> all_shortest_paths
filter_statement
  : T_FILTER expression                                 -> filter
let_statement
  : T_LET let_list
let_list
  : let_element
  | let_list T_COMMA let_element
let_element
  : variable_name T_ASSIGN expression                   -> let
count_into
  : T_WITH T_STRING T_INTO variable_name                -> count_into
collect_variable_list
  : T_COLLECT {collect_start} collect_list              -> collect_groups
collect_statement
  : T_COLLECT count_into options                        -> collect_count
  | collect_variable_list count_into options            -> collect_groups_count
  | T_COLLECT aggregate collect_optional_into options   -> collect_aggregate
  | collect_variable_list aggregate collect_optional_into options -> collect_groups_aggregate
  | collect_variable_list collect_optional_into options -> collect_groups_into
  | collect_variable_list collect_optional_into keep options -> collect_groups_keep
collect_list
  : collect_element
  | collect_list T_COMMA collect_element
collect_element
  : variable_name T_ASSIGN expression                   -> collect_element
collect_optional_into
  :
  | T_INTO variable_name                                -> into_name
  | T_INTO variable_name T_ASSIGN expression            -> into_expression
variable_list
  : variable_name                                       -> keep_variable1
  | variable_list T_COMMA variable_name                 -> keep_variable3
keep
  : T_STRING {keep_start} variable_list                 -> keep
aggregate
  : T_AGGREGATE {aggregate_start} aggregate_list        -> aggregate
aggregate_list
  : aggregate_element
  | aggregate_list T_COMMA aggregate_element
aggregate_element
  : variable_name T_ASSIGN aggregate_function_call      -> aggregate_element
aggregate_function_call
  : function_name T_OPEN {call_start} optional_function_call_arguments T_CLOSE %prec FUNCCALL -> aggregate_call
sort_statement
  : T_SORT {sort_start} sort_list                       -> sort
sort_list
  : sort_element                                        -> sort_add1
  | sort_list T_COMMA sort_element                      -> sort_add3
sort_element
  : expression sort_direction                           -> sort_element
sort_direction
  :                                                     -> direction_default
  | T_ASC                                               -> direction_asc
  | T_DESC                                              -> direction_desc
  | simple_value
limit_statement
  : T_LIMIT expression                                  -> limit1
  | T_LIMIT expression T_COMMA expression               -> limit2
window_statement
  : T_WINDOW object aggregate                           -> window_rows
  | T_WINDOW expression T_WITH object aggregate         -> window_range
return_statement
  : T_RETURN distinct_expression                        -> return
in_or_into_collection
  : T_IN in_or_into_collection_name                     -> second
  | T_INTO in_or_into_collection_name                   -> second
remove_statement
  : T_REMOVE expression in_or_into_collection options   -> remove
insert_statement
  : T_INSERT expression in_or_into_collection options   -> insert
update_parameters
  : expression in_or_into_collection options            -> update3
  | expression T_WITH expression in_or_into_collection options -> update5
update_statement
  : T_UPDATE update_parameters
replace_parameters
  : expression in_or_into_collection options            -> replace3
  | expression T_WITH expression in_or_into_collection options -> replace5
replace_statement
  : T_REPLACE replace_parameters
update_or_replace
  : T_UPDATE                                            -> kind_update
  | T_REPLACE                                           -> kind_replace
upsert_input
  : object
  | bind_parameter
upsert_statement
  : T_UPSERT T_FILTER {upsert_filter_start} expression {upsert_filter_search} T_INSERT expression update_or_replace expression in_or_into_collection options -> upsert_filter
  | T_UPSERT upsert_input {upsert_start} T_INSERT expression update_or_replace expression in_or_into_collection options -> upsert
quantifier
  : T_ALL                                               -> quantifier_all
  | T_ANY                                               -> quantifier_any
  | T_NONE                                              -> quantifier_none
distinct_expression
  : T_DISTINCT {distinct_check} expression              -> distinct
  | expression
expression
  : operator_unary
  | operator_binary
  | operator_ternary
  | value_literal
  | reference
  | expression T_RANGE expression                       -> range
function_name
  : T_STRING                                            -> token_text
  | function_name T_SCOPE T_STRING                      -> scoped_name
function_call
  : function_name T_OPEN {call_start} optional_function_call_arguments T_CLOSE %prec FUNCCALL -> call
  | T_LIKE T_OPEN {call_start} optional_function_call_arguments T_CLOSE %prec FUNCCALL -> call_like
operator_unary
  : T_PLUS expression %prec UPLUS                       -> unary_plus
  | T_MINUS expression %prec UMINUS                     -> unary_minus
  | T_NOT expression %prec UNEGATION                    -> unary_not
operator_binary
  : expression T_OR {lazy} expression                   -> binary_or
  | expression T_AND {lazy} expression                  -> binary_and
  | expression T_PLUS expression                        -> binary
  | expression T_MINUS expression                       -> binary
  | expression T_TIMES expression                       -> binary
  | expression T_DIV expression                         -> binary
  | expression T_MOD expression                         -> binary
  | expression T_EQ expression                          -> binary
  | expression T_NE expression                          -> binary
  | expression T_LT expression                          -> binary
  | expression T_GT expression                          -> binary
  | expression T_LE expression                          -> binary
  | expression T_GE expression                          -> binary
  | expression T_IN expression                          -> binary
  | expression T_NOT_IN expression                      -> binary
  | expression T_NOT T_LIKE expression                  -> not_like
  | expression T_NOT T_REGEX_MATCH expression           -> not_regex_match
  | expression T_NOT T_REGEX_NON_MATCH expression       -> not_regex_non_match
  | expression T_LIKE expression                        -> like
  | expression T_REGEX_MATCH expression                 -> regex_match
  | expression T_REGEX_NON_MATCH expression             -> regex_non_match
""" + "".join(
    f"  | expression quantifier T_{op} expression -> array_comparison\n" for op in _COMPARISONS
) + "".join(
    f"  | expression T_AT_LEAST T_OPEN expression T_CLOSE T_{op} expression -> at_least_comparison\n"
    for op in _COMPARISONS
) + """operator_ternary
  : expression T_QUESTION {lazy} expression T_COLON {lazy} expression -> ternary
  | expression T_QUESTION {lazy} T_COLON expression     -> ternary_short
optional_function_call_arguments
  :
  | function_arguments_list
expression_or_query
  : expression
  | {subquery_start} query                              -> subquery_argument
function_arguments_list
  : expression_or_query                                 -> argument1
  | function_arguments_list T_COMMA expression_or_query -> argument3
compound_value
  : array
  | object
array
  : T_ARRAY_OPEN {array_start} optional_array_elements T_ARRAY_CLOSE -> array
optional_array_elements
  :
  | array_elements_list
  | array_elements_list T_COMMA
array_elements_list
  : array_element
  | array_elements_list T_COMMA array_element
array_element
  : expression                                          -> array_element
for_options
  :                                                     -> none
  | T_STRING expression                                 -> for_options1
  | T_STRING expression T_STRING expression             -> for_options2
options
  :                                                     -> none
  | T_STRING object                                     -> options
object
  : T_OBJECT_OPEN {object_start} optional_object_elements T_OBJECT_CLOSE -> object
optional_object_elements
  :
  | object_elements_list
  | object_elements_list T_COMMA
object_elements_list
  : object_element
  | object_elements_list T_COMMA object_element
object_element
  : T_STRING                                            -> object_shorthand
  | object_element_name T_COLON expression              -> object_element
  | T_PARAMETER T_COLON expression                      -> object_parameter_element
  | T_ARRAY_OPEN expression T_ARRAY_CLOSE T_COLON expression -> object_computed_element
array_filter_operator
  : T_QUESTION                                          -> count1
  | array_filter_operator T_QUESTION                    -> count_more
array_map_operator
  : T_TIMES                                             -> count1
  | array_map_operator T_TIMES                          -> count_more
optional_array_filter
  :                                                     -> none
  | T_FILTER expression                                 -> array_filter
  | quantifier T_FILTER expression                      -> array_filter_quantified
  | T_AT_LEAST T_OPEN expression T_CLOSE T_FILTER expression -> array_filter_at_least
  | expression T_FILTER expression                      -> array_filter_quantified
optional_array_limit
  :                                                     -> none
  | T_LIMIT expression                                  -> array_limit1
  | T_LIMIT expression T_COMMA expression               -> array_limit2
optional_array_return
  :                                                     -> none
  | T_RETURN expression                                 -> second
graph_collection
  : T_STRING                                            -> graph_collection_name
  | bind_parameter_datasource_expected
  | graph_direction T_STRING                            -> graph_collection_direction
  | graph_direction bind_parameter                      -> graph_collection_direction
graph_collection_list
  : graph_collection                                    -> collection_list_add1
  | graph_collection_list T_COMMA graph_collection      -> collection_list_add3
graph_subject
  : graph_collection                                    -> graph_collections1
  | graph_collection T_COMMA {collections_start} graph_collection_list -> graph_collections
  | T_GRAPH bind_parameter                              -> graph_name
  | T_GRAPH T_QUOTED_STRING                             -> graph_name
  | T_GRAPH T_STRING                                    -> graph_name
graph_direction
  : T_OUTBOUND                                          -> direction_outbound
  | T_INBOUND                                           -> direction_inbound
  | T_ANY                                               -> direction_any
graph_direction_steps
  : graph_direction                                     -> direction_steps1
  | expression graph_direction %prec T_OUTBOUND         -> direction_steps2
reference
  : T_STRING                                            -> name_reference
  | compound_value
  | bind_parameter
  | function_call
  | T_OPEN expression T_CLOSE                           -> parenthesized
  | T_OPEN {subquery_start} query T_CLOSE               -> subquery
  | reference '.' T_STRING %prec REFERENCE              -> attribute_access
  | reference '.' bind_parameter %prec REFERENCE        -> bound_attribute_access
  | reference T_ARRAY_OPEN expression T_ARRAY_CLOSE %prec INDEXED -> indexed_access
  | reference T_ARRAY_OPEN array_filter_operator {expansion_start} optional_array_filter T_ARRAY_CLOSE %prec EXPANSION -> question_expansion
  | reference T_ARRAY_OPEN array_map_operator {expansion_start} optional_array_filter optional_array_limit optional_array_return T_ARRAY_CLOSE %prec EXPANSION -> star_expansion
simple_value
  : value_literal
  | bind_parameter
numeric_value
  : T_INTEGER                                           -> number_value
  | T_DOUBLE                                            -> number_value
value_literal
  : T_QUOTED_STRING                                     -> string_value
  | numeric_value
  | T_NULL                                              -> null_value
  | T_TRUE                                              -> true_value
  | T_FALSE                                             -> false_value
in_or_into_collection_name
  : T_STRING                                            -> write_collection
  | T_QUOTED_STRING                                     -> write_collection
  | T_DATA_SOURCE_PARAMETER                             -> write_collection_parameter
bind_parameter
  : T_DATA_SOURCE_PARAMETER                             -> datasource_parameter
  | T_PARAMETER                                         -> value_parameter
bind_parameter_datasource_expected
  : T_DATA_SOURCE_PARAMETER                             -> datasource_parameter
  | T_PARAMETER                                         -> datasource_parameter_from_value
object_element_name
  : T_STRING
  | T_QUOTED_STRING
variable_name
  : T_STRING
"""
