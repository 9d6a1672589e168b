"""Routes: declared once, each a path, its handlers by method and who may call it.

Routing is a werkzeug :class:`~werkzeug.routing.Map` matched against the *raw* request path, so
that ``/_api/tasks/a%2Fb`` (id ``a/b``) and ``/_api/tasks/a/b`` (two segments) stay apart as in
ArangoDB; each segment is percent-decoded by the ``segment`` converter. Empty segments (a trailing
``/``, a doubled ``//``) are dropped first, as arangod does. Every route exists with and without a
``/_db/{database}`` prefix (the control routes only without). Methods are dispatched here rather
than by werkzeug, because ArangoDB answers a wrong method (HEAD included) with its own 405.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Literal, Mapping
from urllib.parse import quote, unquote

from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter, Map, Rule
from werkzeug.wrappers import Request

from .. import _errors as E
from .._databases import SYSTEM
from .._errors import ArangoError
from ._call import Handler

__all__ = ["Route", "Router", "split_database", "unknown_path"]

Access = Literal["user", "open", "control"]


@dataclass(frozen=True, eq=False)
class Route:
    """One route.

    Attributes:
        path: the werkzeug rule (``/_api/tasks/<segment:task_id>``), without the database prefix.
        handlers: method -> handler; any other method answers 405/405.
        access: ``"user"`` needs credentials when authentication is on; ``"open"`` needs none
            (``/_open/auth``, availability); ``"control"``: the ``/_fake/*`` routes, never behind a
            ``/_db/`` prefix.
        tasks_api: part of the Tasks API, which ArangoDB 4.0 removed.
    """

    path: str
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    access: Access = "user"
    tasks_api: bool = False


class _SegmentConverter(BaseConverter):
    """One raw path segment, percent-decoded."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return decode_segment(value)

    def to_url(self, value: Any) -> str:
        return quote(str(value), safe="")


class Router:
    """Finds the route of a raw path (the werkzeug map is built once per route table)."""

    def __init__(self, routes: Iterable[Route], *, tasks_api: bool = True) -> None:
        self._map = _build_map(tuple(r for r in routes if tasks_api or not r.tasks_api))

    def match(self, path: str, prefixed: bool) -> tuple[Route | None, dict[str, str]]:
        """The route of ``path`` and its arguments; ``(None, {})`` when no route matches (the
        control routes do not match behind a ``/_db/`` prefix)."""
        try:
            route, args = self._map.bind("localhost").match(path, method="GET")
        except NotFound:
            return None, {}
        if not isinstance(route, Route) or (prefixed and route.access == "control"):
            return None, {}
        return route, dict(args)


@lru_cache(maxsize=8)
def _build_map(routes: tuple[Route, ...]) -> Map:
    return Map([Rule(route.path, endpoint=route) for route in routes], converters={"segment": _SegmentConverter},
               strict_slashes=False, merge_slashes=False)


def decode_segment(segment: str) -> str:
    """A percent-encoded path segment as text.

    Raises:
        ArangoError: 400/400 the bytes are not UTF-8 (two different ids must not decode alike).
    """
    try:
        return unquote(segment, errors="strict")
    except UnicodeDecodeError:
        raise ArangoError(E.HTTP_BAD_PARAMETER, "invalid URL: path is not valid UTF-8") from None


def split_database(request: Request) -> tuple[str, str, bool]:
    """``(database, path, prefixed)``: the ``/_db/{name}`` prefix decoded (``_system`` without
    one), the rest of the raw (still percent-encoded) path without empty segments, and whether
    there was a prefix."""
    raw = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI")
    if raw:
        raw = raw.split("?", 1)[0]
        if "://" in raw:  # absolute-form request target
            raw = "/" + raw.split("://", 1)[1].partition("/")[2]
        mount = request.environ.get("SCRIPT_NAME", "")
        if mount and raw.startswith(mount):
            raw = raw[len(mount):]
    else:  # a WSGI server that gives only the decoded path: an id holding "/" reads as two segments
        raw = quote(request.path, safe="/")
    segments = raw.split("/")[1:]
    database, prefixed = SYSTEM, len(segments) >= 2 and segments[0] == "_db"
    if prefixed:
        database = decode_segment(segments[1])
        segments = segments[2:]
    return database, "/" + "/".join(s for s in segments if s), prefixed


def unknown_path(request: Request, path: str) -> ArangoError:
    """404/404 ``unknown path '<url>'`` as ArangoDB's JS action router sends it: the URL without
    the ``/_db/{name}`` prefix, with the query string."""
    url = unquote(path)
    query = request.environ.get("QUERY_STRING")
    if query:
        url += "?" + query
    return ArangoError(E.HTTP_NOT_FOUND, f"unknown path '{url}'", origin="javascript")
