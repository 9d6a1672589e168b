"""What a command's text says about how it must be run (a rule of the runtime, applied once per
command in Python; the prelude gets the answer with the task).

:func:`may_await`: the command may leave promise continuations (``async``/``await``, ``then``,
``Promise``). Such a run ends the call into V8 that ran it (the driver chains the next call), so
that its continuations, which V8 runs when a call returns, count as part of that run and no
other. A command that leaves continuations without naming any of these words (reaching a
promise through computed property names) has them run with no run current: they cannot reach
ArangoDB's API (every module function refuses to work outside a run) and print nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

__all__ = ["may_await"]

_AWAITING: Final = re.compile(r"\b(?:async|await|Promise|then)\b")


@lru_cache(maxsize=10_000)
def may_await(command: str) -> bool:
    """Whether ``command`` may leave promise continuations."""
    return _AWAITING.search(command) is not None
