"""The registry against ArangoDB 3.12's function table: every function of
``arangod/Aql/AqlFunctionFeature.cpp`` (and the 3.12 additions documented in docs-hugo:
``ENTRIES``, ``KEEP_RECURSIVE``, ``VALUE``, ``PARSE_KEY``, ``PARSE_COLLECTION``, ``SHA256``,
``SUBSTRING_BYTES``, ``STARTS_WITH``) is registered with the argument counts of its signature
string, which drive error 1541's text."""

from __future__ import annotations

import pytest

from fake_arango_tasks._aql._functions import FUNCTIONS
from fake_arango_tasks._aql._functions._support import arity

# name -> signature, transcribed from AqlFunctionFeature.cpp (aliases share their original's)
SIGNATURES = {
    "IS_NULL": ".", "IS_BOOL": ".", "IS_NUMBER": ".", "IS_STRING": ".", "IS_ARRAY": ".", "IS_LIST": ".",
    "IS_OBJECT": ".", "IS_DOCUMENT": ".", "IS_DATESTRING": ".", "IS_IPV4": ".", "IS_KEY": ".", "TYPENAME": ".",
    "TO_NUMBER": ".", "TO_STRING": ".", "TO_BOOL": ".", "TO_ARRAY": ".", "TO_LIST": ".",
    "CONCAT": ".|+", "CONCAT_SEPARATOR": ".,.|+", "CHAR_LENGTH": ".", "LOWER": ".", "UPPER": ".",
    "SUBSTRING": ".,.|.", "SUBSTRING_BYTES": ".,.|.,.,.", "CONTAINS": ".,.|.", "LIKE": ".,.|.",
    "REGEX_MATCHES": ".,.|.", "REGEX_SPLIT": ".,.|.,.", "REGEX_TEST": ".,.|.", "REGEX_REPLACE": ".,.,.|.",
    "LEFT": ".,.", "RIGHT": ".,.", "TRIM": ".|.", "LTRIM": ".|.", "RTRIM": ".|.", "FIND_FIRST": ".,.|.,.",
    "FIND_LAST": ".,.|.,.", "SPLIT": ".|.,.", "SUBSTITUTE": ".,.|.,.", "IPV4_TO_NUMBER": ".",
    "IPV4_FROM_NUMBER": ".", "MD5": ".", "SHA1": ".", "SHA256": ".", "SHA512": ".", "CRC32": ".", "FNV64": ".",
    "HASH": ".", "TO_BASE64": ".", "TO_HEX": ".", "ENCODE_URI_COMPONENT": ".", "SOUNDEX": ".",
    "LEVENSHTEIN_DISTANCE": ".,.", "LEVENSHTEIN_MATCH": ".,.,.|.,.,.", "NGRAM_MATCH": ".,.|.,.",
    "NGRAM_SIMILARITY": ".,.,.", "NGRAM_POSITIONAL_SIMILARITY": ".,.,.", "MINHASH_MATCH": ".,.,.|.",
    "IN_RANGE": ".,.,.,.,.", "RANDOM_TOKEN": ".", "UUID": "",
    "FLOOR": ".", "CEIL": ".", "ROUND": ".", "ABS": ".", "SQRT": ".", "POW": ".,.", "LOG": ".", "LOG2": ".",
    "LOG10": ".", "EXP": ".", "EXP2": ".", "SIN": ".", "COS": ".", "TAN": ".", "ASIN": ".", "ACOS": ".", "ATAN": ".",
    "ATAN2": ".,.", "RADIANS": ".", "DEGREES": ".", "PI": "", "BIT_AND": ".|.", "BIT_OR": ".|.", "BIT_XOR": ".|.",
    "BIT_NEGATE": ".,.", "BIT_TEST": ".,.", "BIT_POPCOUNT": ".", "BIT_SHIFT_LEFT": ".,.,.", "BIT_SHIFT_RIGHT": ".,.,.",
    "BIT_CONSTRUCT": ".", "BIT_DECONSTRUCT": ".", "BIT_TO_STRING": ".,.", "BIT_FROM_STRING": ".",
    "MINHASH_ERROR": ".", "MINHASH_COUNT": ".", "RAND": "",
    "RANGE": ".,.|.", "UNION": ".,.|+", "UNION_DISTINCT": ".,.|+", "MINUS": ".,.|+", "OUTERSECTION": ".,.|+",
    "INTERSECTION": ".,.|+", "JACCARD": ".,.", "FLATTEN": ".|.", "LENGTH": ".", "COUNT": ".", "MIN": ".", "MAX": ".",
    "SUM": ".", "MEDIAN": ".", "PERCENTILE": ".,.|.", "AVERAGE": ".", "AVG": ".", "VARIANCE_SAMPLE": ".",
    "VARIANCE_POPULATION": ".", "VARIANCE": ".", "STDDEV_SAMPLE": ".", "STDDEV_POPULATION": ".", "STDDEV": ".",
    "COUNT_DISTINCT": ".", "COUNT_UNIQUE": ".", "PRODUCT": ".", "UNIQUE": ".", "SORTED_UNIQUE": ".", "SORTED": ".",
    "SLICE": ".,.|.", "REVERSE": ".", "FIRST": ".", "LAST": ".", "NTH": ".,.", "POSITION": ".,.|.",
    "CONTAINS_ARRAY": ".,.|.", "PUSH": ".,.|.", "APPEND": ".,.|.", "POP": ".", "SHIFT": ".", "UNSHIFT": ".,.|.",
    "REMOVE_VALUE": ".,.|.", "REMOVE_VALUES": ".,.", "REMOVE_NTH": ".,.", "REPLACE_NTH": ".,.,.|.",
    "INTERLEAVE": ".,.|+", "DECAY_GAUSS": ".,.,.,.,.,", "DECAY_EXP": ".,.,.,.,.,", "DECAY_LINEAR": ".,.,.,.,.,",
    "MINHASH": ".,.", "COSINE_SIMILARITY": ".,.", "L1_DISTANCE": ".,.", "L2_DISTANCE": ".,.", "CALL": ".|.+",
    "APPLY": ".|.",
    "HAS": ".,.", "ATTRIBUTES": ".|.,.", "KEYS": ".|.,.", "VALUES": ".|.", "VALUE": ".,.", "MERGE": ".|+",
    "MERGE_RECURSIVE": ".|+", "MATCHES": ".,.|.", "UNSET": ".,.|+", "UNSET_RECURSIVE": ".,.|+", "KEEP": ".,.|+",
    "KEEP_RECURSIVE": ".,.|+", "TRANSLATE": ".,.|.", "ZIP": ".,.", "JSON_STRINGIFY": ".", "JSON_PARSE": ".",
    "DOCUMENT": "h.|.",
    "DISTANCE": ".,.,.,.", "IS_IN_POLYGON": ".,.|.", "GEO_DISTANCE": ".,.|.", "GEO_CONTAINS": ".,.",
    "GEO_INTERSECTS": ".,.", "GEO_EQUALS": ".,.", "GEO_AREA": ".|.", "GEO_IN_RANGE": ".,.,.,.|.,.,.",
    "GEO_POINT": ".,.", "GEO_MULTIPOINT": ".", "GEO_POLYGON": ".", "GEO_MULTIPOLYGON": ".", "GEO_LINESTRING": ".",
    "GEO_MULTILINESTRING": ".",
    "DATE_TIMESTAMP": ".|.,.,.,.,.,.", "DATE_ISO8601": ".|.,.,.,.,.,.", "DATE_DAYOFWEEK": ".|.", "DATE_YEAR": ".|.",
    "DATE_MONTH": ".|.", "DATE_DAY": ".|.", "DATE_HOUR": ".|.", "DATE_MINUTE": ".|.", "DATE_SECOND": ".",
    "DATE_MILLISECOND": ".", "DATE_DAYOFYEAR": ".|.", "DATE_ISOWEEK": ".|.", "DATE_ISOWEEKYEAR": ".|.",
    "DATE_LEAPYEAR": ".|.", "DATE_QUARTER": ".|.", "DATE_DAYS_IN_MONTH": ".|.", "DATE_ADD": ".,.|.,.",
    "DATE_SUBTRACT": ".,.|.,.", "DATE_DIFF": ".,.,.|.", "DATE_COMPARE": ".,.,.|.,.,.", "DATE_FORMAT": ".,.|.",
    "DATE_TRUNC": ".,.|.", "DATE_UTCTOLOCAL": ".,.|.", "DATE_LOCALTOUTC": ".,.|.", "DATE_TIMEZONE": "",
    "DATE_TIMEZONES": "", "DATE_ROUND": ".,.,.|.", "DATE_NOW": "",
    "PASSTHRU": ".", "NOT_NULL": ".|+", "FIRST_LIST": ".|+", "FIRST_DOCUMENT": ".|+", "PARSE_IDENTIFIER": ".",
    "PARSE_KEY": ".", "PARSE_COLLECTION": ".", "IS_SAME_COLLECTION": ".h,.h", "DECODE_REV": ".", "SHARD_ID": ".,.",
    "V8": ".", "SCHEMA_GET": ".", "SCHEMA_VALIDATE": ".,.", "VERSION": "", "FAIL": "|.", "NOOPT": ".", "NOEVAL": ".",
    "SLEEP": ".", "COLLECTIONS": "", "CURRENT_USER": "", "CURRENT_DATABASE": "", "CHECK_DOCUMENT": ".",
    "COLLECTION_COUNT": ".h", "ASSERT": ".,.", "WARN": ".,.", "NEAR": ".h,.,.|.,.", "WITHIN": ".h,.,.,.|.",
    "WITHIN_RECTANGLE": "h.,.,.,.,.", "FULLTEXT": ".h,.,.|.",
    "ENTRIES": ".", "STARTS_WITH": ".,.|.",
}


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_registered_with_arangodb_argument_counts(name: str) -> None:
    assert name in FUNCTIONS, f"{name} missing: the engine would answer 1540"
    function = FUNCTIONS[name]
    assert (function.min_args, function.max_args) == arity(SIGNATURES[name]) and function.name == name


def test_every_registered_function_is_arangodbs() -> None:
    extra = set(FUNCTIONS) - set(SIGNATURES) - {"TOKENS", "EXISTS", "ANALYZER", "BOOST", "PHRASE", "BM25", "TFIDF",
                                                 "OFFSET_INFO"}
    assert not extra, f"not ArangoDB 3.12 functions: {sorted(extra)}"


@pytest.mark.parametrize("signature,counts", [("", (0, 0)), (".", (1, 1)), (".|.", (1, 2)), (".,.|+", (2, -1)),
                                              ("|.", (0, 1)), (".|.+", (1, -1)), ("h.|.", (1, 2)), (".h,.h", (2, 2)),
                                              (".,.,.,.,.,", (5, 5)), (".|.,.,.,.,.,.", (1, 7))])
def test_arity_parses_signatures_as_function_cpp(signature: str, counts: tuple[int, int]) -> None:
    """``Function::initializeArguments``: ``|`` starts the optional ones, ``+`` is unbounded."""
    assert arity(signature) == counts


DETERMINISTIC_NOT = {"RAND", "UUID", "RANDOM_TOKEN", "SLEEP", "FAIL", "NOOPT", "DOCUMENT", "COLLECTIONS",
                     "COLLECTION_COUNT", "CALL", "APPLY", "ASSERT", "WARN", "CHECK_DOCUMENT"}


@pytest.mark.parametrize("name", sorted(DETERMINISTIC_NOT))
def test_nondeterministic_functions_are_not_folded(name: str) -> None:
    """``AqlFunctionFeature.cpp``: these lack ``FF::Deterministic``; the engine must not fold them."""
    assert FUNCTIONS[name].deterministic is False
