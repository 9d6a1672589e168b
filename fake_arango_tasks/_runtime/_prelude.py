"""The prelude: the JavaScript environment a task command sees, assembled from ``js/`` once.

The files are sections of one closure, in this order (each starts with what it is for); the
closure takes the bridge function and returns ``[buffer, entry]`` to Python, so nothing of the
fake is reachable from a command by a name or a property path. Values JavaScript needs from
Python's rules are generated here, not typed twice: the errors module from ``_errors.ERRORS``.
lodash's source comes from the XStatic-Lodash package (``lodash.min.js``), inserted as a string
that ``js/lodash.js`` compiles.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from xstatic.pkg import lodash as xstatic_lodash  # type: ignore[import-untyped]

from .._errors import ERRORS

__all__ = ["prelude_source", "SECTIONS"]

#: The prelude's files, in the order they are joined.
SECTIONS = ("kernel", "printing", "console", "time", "sandbox", "lodash", "tasks", "documents", "transactions",
            "request", "crypto", "users", "modules", "isolation", "driver")


def _errors_table() -> str:
    return json.dumps({info.name: [num, info.message, info.status] for num, info in ERRORS.items()},
                      separators=(",", ":"))


@lru_cache(maxsize=1)
def prelude_source() -> str:
    """The prelude as one expression: a function of the bridge function."""
    folder = resources.files(__package__).joinpath("js")
    parts = [folder.joinpath(f"{name}.js").read_text(encoding="utf-8") for name in SECTIONS]
    lodash = resources.files(xstatic_lodash.__name__).joinpath("data", "lodash.min.js").read_text(encoding="utf-8")
    body = "\n".join(parts).replace("/*ERRORS*/", _errors_table()).replace("/*LODASH*/", json.dumps(lodash))
    return '(function (bridge) {\n"use strict";\n' + body + "\n})"
