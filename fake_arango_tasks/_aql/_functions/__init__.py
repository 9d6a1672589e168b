"""The AQL function library: one registry, filled by one module per family (string, numeric,
array, object/document, date, type check and cast, miscellaneous), following docs-hugo
``site/content/3.12/aql/functions/*.md`` and arangod ``Aql/Functions.cpp`` / ``Aql/AqlFunctionFeature.cpp``.

Interface with the evaluator (``_engine``):

- ``FUNCTIONS[NAME]`` is a :class:`Function`; names are upper case, without namespace;
- the evaluator checks the argument count against ``min_args``/``max_args`` before the call
  (error 1541 ``invalid number of arguments for function '<NAME>()'``) and resolves an unknown
  name to 1540;
- ``impl(ctx, args)`` gets the evaluated arguments and a :class:`FunctionContext` and returns an
  AQL value; a bad argument type is usually a warning (``ctx.warn(...)``) and ``None``, as in
  ArangoDB (``registerWarning`` + ``AqlValue(AqlValueHintNull())``); a hard error raises
  :class:`~fake_arango_tasks._errors.ArangoError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Protocol

__all__ = ["FUNCTIONS", "Function", "FunctionContext", "register"]


class FunctionContext(Protocol):
    """What a function may use of the query that calls it."""

    def warn(self, error_num: int, message: str | None = None) -> None:
        """Record a warning (``extra.warnings``); ``failOnWarning`` turns it into an error."""
        ...

    def now_ms(self) -> int:
        """The query's clock, Unix milliseconds (the fake clock in a task's run or over HTTP)."""
        ...

    def random(self) -> float:
        """A number in [0, 1) from the query's seeded stream (``RAND()``, ``UUID()``, ...)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Consume fake time (``SLEEP()``), as ``internal.sleep`` does in a command."""
        ...

    def hold_text(self, characters: int) -> None:
        """Count a string about to be built against the query's memory bound (raises 32 past it)."""
        ...

    @property
    def storage(self) -> Any:
        """The :class:`~fake_arango_tasks._aql._storage.Storage` of the query's database."""
        ...

    @property
    def user(self) -> str | None:
        """The authenticated user's name (``CURRENT_USER()``), ``None`` without authentication."""
        ...

    @property
    def version(self) -> str:
        """The ArangoDB version the server claims (``VERSION()``), e.g. ``"3.12.4"``."""
        ...

    def collections(self) -> list[tuple[str, str]]:
        """``(id, name)`` of every collection of the query's database (``COLLECTIONS()``); ids
        are the numeric-string collection ids the HTTP API reports."""
        ...


@dataclass(frozen=True)
class Function:
    """One AQL function."""

    name: str
    min_args: int
    max_args: int  # -1: any number
    impl: Callable[[FunctionContext, list[Any]], Any]
    deterministic: bool = True


FUNCTIONS: dict[str, Function] = {}


def register(name: str, min_args: int, max_args: int, *, deterministic: bool = True
             ) -> Callable[[Callable[[FunctionContext, list[Any]], Any]], Callable[[FunctionContext, list[Any]], Any]]:
    """Decorator: add ``impl`` to :data:`FUNCTIONS` under ``name``."""

    def add(impl: Callable[[FunctionContext, list[Any]], Any]) -> Callable[[FunctionContext, list[Any]], Any]:
        if name in FUNCTIONS:
            raise ValueError(f"AQL function {name} registered twice")
        FUNCTIONS[name] = Function(name, min_args, max_args, impl, deterministic)
        return impl

    return add


# the families fill FUNCTIONS on import (after the registry above exists)
from . import (  # noqa: E402,F401  pylint: disable=wrong-import-position
    _arrays, _bits, _dates, _documents, _encoding, _misc, _numeric, _objects, _regex, _statistics,
    _strings, _types, _unsupported,
)
