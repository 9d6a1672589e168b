"""One request as the route handlers see it: the database, who asks, the path arguments, the
body parsed as ArangoDB parses it, and the query flags."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from werkzeug.wrappers import Request

from .. import _errors as E
from .._auth import Principal
from .._errors import ArangoError

if TYPE_CHECKING:
    from ._services import Services

__all__ = ["Call", "Handler", "Reply"]

#: What a handler returns: the HTTP status and the JSON body.
Reply = tuple[int, Any]


@dataclass
class Call:
    """One request: ``request`` (werkzeug), the ``database`` it addresses, the ``principal`` it
    acts as, the path ``args`` of its route, and the server's ``services``."""

    request: Request
    database: str
    principal: Principal
    args: dict[str, str]
    services: Services

    @property
    def method(self) -> str:
        """The request's method."""
        return str(self.request.method)

    def body(self) -> Any:
        """The parsed JSON body; ``None`` for an empty one (ArangoDB's "none" slice).

        Numbers beyond a double's range, and integers beyond 64 bits that a double cannot hold,
        are refused as velocypack's parser refuses them.

        Raises:
            ArangoError: 400/600 the body is not valid JSON.
        """
        raw = self.request.get_data(cache=True)
        if not raw.strip():
            return None
        try:
            return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant, parse_int=_parse_int,
                              parse_float=_parse_float)
        except RecursionError:
            raise ArangoError(E.CORRUPTED_JSON, "VPackError error: Nesting too deep") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise ArangoError(E.CORRUPTED_JSON, f"VPackError error: {_parser_message(exc)}") from None

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean query parameter as ArangoDB reads one (``true``/``1``/``yes``/``on``)."""
        value = self.request.args.get(name)
        return default if value is None else value.lower() in ("1", "true", "yes", "on")

    def require_write(self, message: str | None = None, database: str | None = None) -> None:
        """403/11 (with ``message``) unless the caller may write to ``database`` (the request's)."""
        if self.services.auth.access(self.principal, self.database if database is None else database) != "rw":
            raise ArangoError(E.FORBIDDEN, message)


Handler = Callable[[Call], Reply]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"Expecting item ({name} is not JSON)")


def _parse_int(text: str) -> int | float:
    if len(text.lstrip("-")) <= 20:
        value = int(text)
        if -(2**63) <= value < 2**64:
            return value
    return _parse_float(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError("Numeric value out of range")
    return value


def _parser_message(exc: Exception) -> str:
    """A velocypack-style parser message for a Python JSON error."""
    if isinstance(exc, UnicodeDecodeError):
        return "Invalid UTF-8 sequence"
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    return str(exc.args[0]) if exc.args else str(exc)
