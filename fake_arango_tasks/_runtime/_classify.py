"""What a command's text says about how it must be run (rules of the runtime, applied once per
command in Python; the prelude gets the answers with the task).

- :func:`may_tamper`: the command may change built-ins in place (``Date.now = ...``,
  ``Array.prototype.x = ...``, ``Object.defineProperty(...)``, ``this.x = ...``): its runs get
  the full isolation check instead of the quick one (``js/isolation.js``).
- :func:`may_await`: the command may leave promise continuations (``async``/``await``, ``then``,
  ``Promise``): its run ends its batch, so that its continuations, which V8 runs when the call
  returns, count as part of that run and no other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

__all__ = ["may_await", "may_tamper"]

_BUILTIN_NAMES: Final = (
    "Object|Array|String|Number|Boolean|Symbol|BigInt|Date|RegExp|Error|TypeError|RangeError|SyntaxError|JSON|"
    "Math|Promise|Map|Set|WeakMap|WeakSet|WeakRef|Proxy|ArrayBuffer|SharedArrayBuffer|DataView|Atomics|Intl|"
    "Iterator|Uint8Array|Int8Array|Uint16Array|Int16Array|Uint32Array|Int32Array|Float32Array|Float64Array"
)
_TAMPERING: Final = re.compile(
    r"\b(?:globalThis|global|window|self|this|eval|Function|Reflect|prototype|constructor|__proto__|"
    r"__define[GS]etter__|__lookup[GS]etter__|defineProperty|defineProperties|setPrototypeOf|getPrototypeOf|"
    r"getOwnPropertyDescriptors?|assign|delete|with)\b"
    rf"|\b(?:{_BUILTIN_NAMES})\s*(?:\.\s*[\w$]+|\[[^\]]*\])*\s*(?:\[|(?:\.\s*[\w$]+\s*)(?:\*\*|<<|>>>?|&&|\|\||\?\?|[-+*/%&|^])?=(?!=))"
)
_AWAITING: Final = re.compile(r"\b(?:async|await|Promise|then)\b")


@lru_cache(maxsize=10_000)
def may_tamper(command: str) -> bool:
    """Whether ``command`` may change a built-in in place (names one of the words that reach the
    global object or a prototype, or assigns to or indexes into a built-in)."""
    return _TAMPERING.search(command) is not None


@lru_cache(maxsize=10_000)
def may_await(command: str) -> bool:
    """Whether ``command`` may leave promise continuations."""
    return _AWAITING.search(command) is not None
