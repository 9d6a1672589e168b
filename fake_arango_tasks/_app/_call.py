"""One request as the route handlers see it: the database, who asks, the path arguments, the
body parsed as ArangoDB parses it, and the query flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Final

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Request

from .. import _errors as E
from .._auth import Principal
from .._errors import ArangoError
from .._http_protocol import MAX_BODY_SIZE
from .._json import loads_json
from .._media import body_type
from .._velocypack import NONE, VPackError
from .._velocypack import loads as vpack_loads

if TYPE_CHECKING:
    from ._services import Services

__all__ = ["FALSE_WORDS", "TRUE_WORDS", "Call", "Handler", "Reply"]

#: What a handler returns: the HTTP status and the JSON body.
Reply = tuple[int, Any]
#: The words a boolean query parameter is true with, as arangod reads them (``StringUtils::boolean``),
#: and the ones it is false with where a value must be one or the other.
TRUE_WORDS: Final = ("1", "true", "yes", "on")
FALSE_WORDS: Final = ("0", "false", "no", "off")


@dataclass
class Call:
    """One request: ``request`` (werkzeug), the ``database`` it addresses, the ``principal`` it
    acts as, the path ``args`` of its route, and the server's ``services``."""

    request: Request
    database: str
    principal: Principal
    args: dict[str, str]
    services: Services
    headers: list[tuple[str, str]] = field(default_factory=list)  #: what the handler adds to its answer

    @property
    def method(self) -> str:
        """The request's method."""
        return str(self.request.method)

    def body(self) -> Any:
        """The parsed body; ``None`` for an empty one (ArangoDB's "none" slice).

        As ``HttpRequest::payload`` (``lib/Rest/HttpRequest.cpp``) with strict validation reads it:
        ``Content-Type: application/x-velocypack`` bodies are validated and decoded as VelocyPack
        (:func:`fake_arango_tasks._velocypack.loads`; a body that is only the none value 0x00 is
        no body), dump bodies are not parsed, and every other body is JSON as velocypack's Parser
        reads it (:func:`fake_arango_tasks._json.loads_json`: duplicate names, more than 200
        nested levels, numbers past a double and invalid UTF-8 are refused). The media rules are
        :mod:`fake_arango_tasks._media`'s.

        Raises:
            ArangoError: 400/600 ``VPackError error: <velocypack's message>``
                (``RestBaseHandler::parseVPackBody``).
        """
        try:
            raw = self.request.get_data(cache=True)
        except RequestEntityTooLarge:  # 32 RESOURCE_LIMIT; only behind a WSGI server other than ours, which refuses first
            raise ArangoError(32, f"request body larger than {MAX_BODY_SIZE} bytes", 413) from None
        if not raw:
            return None
        kind = body_type(self.request.headers.get("Content-Type"))
        try:
            if kind == "json":
                return loads_json(raw)
            if kind == "vpack":
                value = vpack_loads(raw)
                return None if value is NONE else value
        except VPackError as exc:
            raise exc.to_arango_error() from None
        return None

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean query parameter as ArangoDB reads one (``true``/``1``/``yes``/``on``)."""
        value = self.request.args.get(name)
        return default if value is None else value.lower() in TRUE_WORDS

    def require_write(self, message: str | None = None, database: str | None = None) -> None:
        """403/11 (with ``message``) unless the caller may write to ``database`` (the request's)."""
        if self.services.auth.access(self.principal, self.database if database is None else database) != "rw":
            raise ArangoError(E.FORBIDDEN, message)


Handler = Callable[[Call], Reply]
