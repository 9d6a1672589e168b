"""``@arangodb/crypto``'s native part (``lib/V8/v8-utils.cpp``: ``JS_Md5``, ``JS_Sha*``,
``JS_HMAC``, ``JS_PBKDF2HS1``, ``JS_PBKDF2``) on :mod:`hashlib` and :mod:`hmac`, plus the byte
conversions the module's JWT functions need (``new Buffer(..., 'base64')`` in ArangoDB).

Text is hashed as its UTF-8 bytes (``TRI_ObjectToString``); answers are lower-case hex. The
random functions are JavaScript's (``crypto.js`` in the prelude), seeded per run.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import threading
from typing import Any, Callable

from .. import _errors as E
from .._errors import ArangoError
from .._runtime import Job
from ._context import Op, arg

__all__ = ["CryptoOps"]

_HASHES = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")


def _algorithm(value: Any, default: str) -> str:
    """The algorithm argument of ``JS_HMAC`` / ``JS_PBKDF2``: case-insensitive, else 400/10."""
    if value is None:
        return default
    name = str(value).lower()
    if name not in _HASHES:
        raise ArangoError(E.BAD_PARAMETER, "invalid value for <algorithm>")
    return name


def _text(value: Any, usage: str) -> bytes:
    if not isinstance(value, str):
        raise ArangoError(E.BAD_PARAMETER, f"usage: {usage}")
    return value.encode("utf-8", "surrogatepass")


class CryptoOps:
    """The ``crypto.*`` host operations (see :attr:`ops`).

    Attributes:
        bounded: runs work that may outlast the run's time limit (``pbkdf2`` with millions of
            iterations: 5.6 s for ten million) within that limit; the server sets the runtime's
            ``within_run_time`` here once the runtime exists.
    """

    def __init__(self) -> None:
        self.bounded: Callable[[Callable[[], str]], str] = lambda work: work()
        self._nonces: set[str] = set()
        self._lock = threading.Lock()
        self.ops: dict[str, Op] = {
            "crypto.hash": self._hash, "crypto.hmac": self._hmac, "crypto.pbkdf2": self._pbkdf2,
            "crypto.b64": self._b64, "crypto.unb64": self._unb64, "crypto.hex2b64": self._hex2b64,
            "crypto.b642hex": self._b642hex, "crypto.nonce": self._nonce,
        }

    def _hash(self, job: Job, args: list[Any]) -> Any:
        name = str(arg(args, 0))
        if name not in _HASHES:
            raise ArangoError(E.BAD_PARAMETER, f"unknown hash {name}")
        return hashlib.new(name, _text(arg(args, 1), f"{name}(<text>)")).hexdigest()

    def _hmac(self, job: Job, args: list[Any]) -> Any:
        if len(args) < 2:
            raise ArangoError(E.BAD_PARAMETER, "usage: HMAC(<key>, <text>, <algorithm>)")
        name = _algorithm(arg(args, 2), "sha256")
        key, message = str(args[0]).encode("utf-8"), args[1]
        data = bytes.fromhex(message["hex"]) if isinstance(message, dict) else str(message).encode("utf-8")
        return hmac.new(key, data, name).hexdigest()

    def _pbkdf2(self, job: Job, args: list[Any]) -> Any:
        salt, password, iterations, length = arg(args, 0), arg(args, 1), arg(args, 2), arg(args, 3)
        if not (isinstance(salt, str) and isinstance(password, str) and isinstance(iterations, (int, float))
                and isinstance(length, (int, float))):
            raise ArangoError(E.BAD_PARAMETER, "usage: PBKDF2(<salt>, <password>, <iterations>, <keyLength>)")
        if int(iterations) < 1 or int(iterations) > 10_000_000 or int(length) < 1 or int(length) > 1024:
            raise ArangoError(E.BAD_PARAMETER, "usage: PBKDF2(<salt>, <password>, <iterations>, <keyLength>)")
        name = _algorithm(arg(args, 4), "sha1")
        return self.bounded(
            lambda: hashlib.pbkdf2_hmac(name, password.encode(), salt.encode(), int(iterations), int(length)).hex())

    def _b64(self, job: Job, args: list[Any]) -> Any:
        return base64.b64encode(str(arg(args, 0)).encode("utf-8")).decode("ascii")

    def _unb64(self, job: Job, args: list[Any]) -> Any:
        try:
            return base64.b64decode(str(arg(args, 0)) + "==").decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return ""

    def _hex2b64(self, job: Job, args: list[Any]) -> Any:
        try:
            return base64.b64encode(bytes.fromhex(str(arg(args, 0)))).decode("ascii")
        except ValueError:
            return ""

    def _b642hex(self, job: Job, args: list[Any]) -> Any:
        try:
            return base64.b64decode(str(arg(args, 0)) + "==").hex()
        except (binascii.Error, ValueError):
            return ""

    def _nonce(self, job: Job, args: list[Any]) -> Any:
        """``checkAndMarkNonce``: a nonce made by ``createNonce`` (16 bytes, the first four its
        time in seconds) not older than an hour, not seen before; seen from now on."""
        value = str(arg(args, 0))
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return False
        if len(raw) != 16:
            return False
        age = job.due_us / 1e6 - int.from_bytes(raw[:4], "big")
        with self._lock:
            if not 0 <= age <= 3600 or value in self._nonces:
                return False
            self._nonces.add(value)
            return True
