"""The prelude: the JavaScript environment a task command sees, assembled from ``js/`` once.

The files are sections of one closure, in this order (each starts with what it is for); the
closure takes the bridge function and returns ``[buffer, entry]`` to Python, so nothing of the
fake is reachable from a command by a name or a property path. Values JavaScript needs from
Python's rules are generated here, not typed twice: the errors module from ``_errors.ERRORS``,
the fake clock's last instant (``sleep``'s bound) from ``_clock.LATEST``, what an empty printed
line costs from ``_journal.EMPTY_LINE_CHARS``.
lodash's source comes from the XStatic-Lodash package (:func:`module_source`), handed to
``js/lodash.js`` on its first ``require``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from xstatic.pkg import lodash as xstatic_lodash  # type: ignore[import-untyped]

from .._clock import LATEST, MICROSECONDS
from .._errors import ERRORS
from .._journal import EMPTY_LINE_CHARS

__all__ = ["module_source", "prelude_source", "SECTIONS"]

#: The prelude's files, in the order they are joined.
SECTIONS = ("kernel", "surface", "printing", "console", "time", "sandbox", "buffer", "lodash", "tasks", "documents", "aql",
            "transactions", "request", "crypto", "users",
            "node", "node_path", "node_querystring", "node_util", "node_events", "node_assert", "node_punycode", "node_url",
            "modules", "isolation", "driver")


def _errors_table() -> str:
    return json.dumps({info.name: [num, info.message, info.status] for num, info in ERRORS.items()},
                      separators=(",", ":"))


#: Bundled modules whose source a package provides: name -> (package, file in its data folder).
_MODULE_FILES = {"lodash": (xstatic_lodash.__name__, "lodash.min.js")}


@lru_cache(maxsize=None)
def module_source(name: str) -> str:
    """The source of a bundled module (``lodash``: XStatic-Lodash's ``lodash.min.js``).

    Raises:
        KeyError: no such module.
    """
    package, file = _MODULE_FILES[name]
    return resources.files(package).joinpath("data", file).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def prelude_source() -> str:
    """The prelude as one expression: a function of the bridge function."""
    folder = resources.files(__package__).joinpath("js")
    parts = [folder.joinpath(f"{name}.js").read_text(encoding="utf-8") for name in SECTIONS]
    body = "\n".join(parts)
    for mark, value in (("/*ERRORS*/", _errors_table()), ("/*LATEST_US*/", str(int(LATEST * MICROSECONDS))),
                        ("/*EMPTY_LINE_CHARS*/", str(EMPTY_LINE_CHARS))):
        body = body.replace(mark, value)
    return '(function (bridge) {\n"use strict";\n' + body + "\n})"
