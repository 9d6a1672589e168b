"""Functions of ArangoDB 3.12 the fake knows but does not compute: geo (``geo.md``), fulltext,
ArangoSearch and analyzer functions (``arangosearch.md``), minhash and n-gram matching. They
are registered with ArangoDB's argument counts (``Aql/AqlFunctionFeature.cpp``,
``IResearch/IResearchAqlAnalyzerFeature``/``IResearchFeature.cpp``) so that a query naming one
gets a clear error instead of 1540 ``unknown function``:

    ArangoError 9 (HTTP 501) ``not supported by fake-arango-tasks: AQL function GEO_DISTANCE()``
"""

from __future__ import annotations

from typing import Any, Callable

from ..._errors import ArangoError
from . import FunctionContext
from ._support import define

_SIGNATURES = {
    # geo (addGeoFunctions, addGeometryConstructors)
    "DISTANCE": ".,.,.,.", "IS_IN_POLYGON": ".,.|.", "GEO_DISTANCE": ".,.|.", "GEO_CONTAINS": ".,.",
    "GEO_INTERSECTS": ".,.", "GEO_EQUALS": ".,.", "GEO_AREA": ".|.", "GEO_IN_RANGE": ".,.,.,.|.,.,.",
    "GEO_POINT": ".,.", "GEO_MULTIPOINT": ".", "GEO_POLYGON": ".", "GEO_MULTIPOLYGON": ".",
    "GEO_LINESTRING": ".", "GEO_MULTILINESTRING": ".",
    # index placeholders (addMiscFunctions)
    "NEAR": ".h,.,.|.,.", "WITHIN": ".h,.,.,.|.", "WITHIN_RECTANGLE": "h.,.,.,.,.", "FULLTEXT": ".h,.,.|.",
    # n-gram and minhash (addStringFunctions, addNumericFunctions, addListFunctions)
    "NGRAM_MATCH": ".,.|.,.", "NGRAM_SIMILARITY": ".,.,.", "NGRAM_POSITIONAL_SIMILARITY": ".,.,.",
    "MINHASH_MATCH": ".,.,.|.", "MINHASH": ".,.", "MINHASH_ERROR": ".", "MINHASH_COUNT": ".",
    # ArangoSearch and analyzers (IResearchFeature::addFunctions / IResearchAqlAnalyzerFeature)
    "TOKENS": ".|.", "EXISTS": ".|.,.", "ANALYZER": ".,.", "BOOST": ".,.", "PHRASE": ".,.|.+",
    "BM25": ".|.,.", "TFIDF": ".|.", "OFFSET_INFO": ".,.|.",
}


def _unsupported(name: str) -> Callable[[FunctionContext, list[Any]], Any]:
    def impl(ctx: FunctionContext, args: list[Any]) -> Any:
        raise ArangoError(9, f"not supported by fake-arango-tasks: AQL function {name}()", 501)

    impl.__name__ = impl.__qualname__ = name.lower()
    impl.__doc__ = f"``{name}()``: not computed by the fake.\n\nRaises:\n    ArangoError: 9 (501), always."
    return impl


for _name, _signature in _SIGNATURES.items():
    define(_name, _signature, deterministic=False)(_unsupported(_name))
