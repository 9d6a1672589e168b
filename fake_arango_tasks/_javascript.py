"""The V8 runtime that runs task commands: one mini-racer context per server, created lazily.

Python and V8 exchange only JSON strings (``__fakeArango.run(job) -> JSON``): no JS object handle
ever reaches Python, because reading one has no time limit (a hostile getter would hang the
server). Every call into V8 has a time limit and a memory limit. A run that hits either is
recorded as an error and the context is thrown away; the next call builds a fresh one (about
2 ms), so whatever the runaway left behind cannot affect later runs. Server state never lives in
V8, so nothing is lost with it.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from py_mini_racer import JSEvalException, JSOOMException, JSTimeoutException, MiniRacer

from ._journal import RunError

__all__ = ["JavaScriptRuntime", "RunOutcome", "DEFAULT_TIMEOUT", "DEFAULT_MAX_MEMORY"]

#: Default time limit of one run, seconds of real (wall) time.
DEFAULT_TIMEOUT: Final = 2.0
#: Default V8 heap limit of one run, bytes.
DEFAULT_MAX_MEMORY: Final = 256 * 1024 * 1024
_COMPILE_TIMEOUT: Final = 2.0

_PRELUDE: Final = resources.files(__package__).joinpath("_prelude.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class RunOutcome:
    """What one run produced: printed ``output`` as ``(level, message)`` pairs and an ``error``."""

    output: tuple[tuple[str, str], ...]
    error: RunError | None


class JavaScriptRuntime:
    """Runs wrapped task commands in one V8 context, one call at a time (thread-safe).

    Args:
        timeout: the time limit of one run, in seconds of real time (> 0).
        max_memory: the V8 heap limit of one run, in bytes.

    Raises:
        ValueError: a limit is not positive.
    """

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, max_memory: int = DEFAULT_MAX_MEMORY) -> None:
        if not timeout > 0 or max_memory <= 0:
            raise ValueError("timeout and max_memory must be positive")
        self.timeout = timeout
        self.max_memory = max_memory
        self._context: MiniRacer | None = None
        self._lock = threading.Lock()

    def _ctx(self) -> MiniRacer:
        if self._context is None:
            context = MiniRacer()
            context.eval(_PRELUDE)
            self._context = context
        return self._context

    def _discard(self) -> None:
        if self._context is not None:
            self._context.close()
            self._context = None

    def close(self) -> None:
        """Release the V8 context (a later call makes a new one)."""
        with self._lock:
            self._discard()

    def compiles(self, command: str) -> bool:
        """Whether ``command`` compiles as ``new Function("params", command)`` (Task::tryCompile).

        A command whose compilation exceeds the limits counts as not compiling.
        """
        with self._lock:
            try:
                result = self._ctx().eval(
                    f"__fakeArango.compiles({json.dumps(command)})",
                    timeout_sec=_COMPILE_TIMEOUT,
                    max_memory=self.max_memory,
                )
            except (JSTimeoutException, JSOOMException):
                self._discard()
                return False
            return result is True

    def run(self, command: str, params_json: str | None, now_us: int) -> RunOutcome:
        """Run one wrapped ``command`` with ``params`` (JSON text, ``None``: undefined) at ``now_us``.

        The command's ``Date.now()``, ``new Date()`` and ``require('internal').time()`` read
        ``now_us`` (microseconds since the Unix epoch). A thrown value, the time limit and the
        memory limit become ``RunOutcome.error``; this method itself does not raise for them.
        """
        job = json.dumps({"command": command, "params": params_json, "nowUs": now_us})
        with self._lock:
            try:
                raw = self._ctx().eval(
                    f"__fakeArango.run({json.dumps(job)})", timeout_sec=self.timeout, max_memory=self.max_memory
                )
            except JSTimeoutException:
                self._discard()
                return RunOutcome((), RunError(f"run exceeded the time limit of {self.timeout:g} s and was stopped"))
            except JSOOMException:
                self._discard()
                return RunOutcome((), RunError(f"run exceeded the memory limit of {self.max_memory} bytes and was stopped"))
            except JSEvalException as exc:  # only if the prelude itself is broken
                self._discard()
                return RunOutcome((), RunError(f"internal error: {exc}"))
        result: dict[str, Any] = json.loads(raw)
        error = result["error"]
        return RunOutcome(
            output=tuple((str(level), str(message)) for level, message in result["output"]),
            error=None if error is None else RunError(error["message"], error["stack"]),
        )
