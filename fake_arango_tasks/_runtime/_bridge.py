"""The bridge between the V8 prelude and Python: a shared buffer and the protocol on it.

Layout of the buffer (a growable ``SharedArrayBuffer`` the prelude makes; see ``js/kernel.js``):
16 little-endian int32 header slots, then a message as UTF-16 code units.

======  ====================================================================================
slot    meaning
======  ====================================================================================
0       length of the message in the buffer, in UTF-16 units (-1: "send the answer again")
1       status of an answer: 0 ok, 1 error (the message is ``{errorNum, errorMessage, code}``),
        2 the answer did not fit (slot 0 says how many units it needs)
2       run sequence: incremented by JavaScript whenever a run starts (the watchdog's clock)
3       index of the run under way in its batch, -1 between runs
4       generation of the task table, written by Python when a task is removed
5       the buffer's current size in bytes (written by JavaScript after it grew it)
6       phase: 1 while the entry point runs, 0 otherwise
======  ====================================================================================

Requests from JavaScript are JSON arrays ``[op, batch id, run index, ...arguments]``; answers are
JSON values. The prelude and this module are the only two parties; task commands never see the
buffer or the bridge function.
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any, Final

from ._v8 import Isolate

__all__ = ["Channel", "H_LENGTH", "H_STATUS", "H_RUN_SEQ", "H_RUN_INDEX", "H_GENERATION", "H_BYTES", "H_PHASE", "loads"]

# JSON.stringify writes a lone surrogate as an escape (and a pair as its characters): an escape of
# d800..dfff not itself escaped (an even number of backslashes before it) is a lone surrogate.
_LONE_SURROGATE: Final = re.compile(r"(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}")


def loads(text: str) -> Any:
    """A JSON text JavaScript made, as Python values, a lone surrogate in a string read as U+FFFD:
    what arangod stores and logs for one (``v8::String::Utf8Value`` replaces invalid UTF-16),
    and what can be written as UTF-8 at all (a run's output with one broke the control routes)."""
    if "\\ud" in text:
        text = _LONE_SURROGATE.sub(r"\1\\ufffd", text)
    return json.loads(text)

H_LENGTH, H_STATUS, H_RUN_SEQ, H_RUN_INDEX, H_GENERATION, H_BYTES, H_PHASE = range(7)
HEADER_BYTES: Final = 64
STATUS_OK, STATUS_ERROR, STATUS_TOO_BIG = 0, 1, 2
MAX_BYTES: Final = 1 << 30  # the buffer's maxByteLength


class Channel:
    """Python's side of the shared buffer.

    Args:
        buffer: what evaluating the prelude returned for the buffer (its address and size).
    """

    def __init__(self, buffer: tuple[int, int]) -> None:
        self._buffer = buffer
        self._size = 0
        self._bytes = memoryview(b"")
        self._header = memoryview(b"").cast("i")
        self._pending: tuple[bytes, int] | None = None  # an answer waiting for room, with its status
        self._lock = threading.Lock()  # other threads' writes against the memory going away
        self._alive = True
        self._map(buffer[1])

    def close(self) -> None:
        """The buffer's memory is about to be freed (with its isolate): no access after this."""
        with self._lock:
            self._alive = False
            self._header = memoryview(bytearray(self._header.tobytes())).cast("i")  # its last values stay readable
            self._bytes = memoryview(b"")

    def _map(self, size: int) -> None:
        self._size = size
        self._bytes = Isolate.buffer(self._buffer, size)
        self._header = self._bytes[:HEADER_BYTES].cast("i")

    def _follow_growth(self) -> None:
        size = self._header[H_BYTES]
        if size > self._size:
            self._map(size)

    # -- the header ----------------------------------------------------------------------------------

    @property
    def run_seq(self) -> int:
        """How many runs have started (wraps around)."""
        return int(self._header[H_RUN_SEQ])

    @property
    def run_index(self) -> int:
        """The index of the run under way in its batch, -1 between runs."""
        return int(self._header[H_RUN_INDEX])

    @property
    def phase(self) -> int:
        """1 while the prelude's entry point runs."""
        return int(self._header[H_PHASE])

    @property
    def generation(self) -> int:
        """The task table generation JavaScript compares with."""
        return int(self._header[H_GENERATION])

    @generation.setter
    def generation(self, value: int) -> None:
        with self._lock:  # from any thread: a task was removed
            if self._alive:
                self._header[H_GENERATION] = value & 0x7FFFFFFF

    # -- messages -----------------------------------------------------------------------------------

    def read(self) -> str | None:
        """The request JavaScript wrote, or ``None`` when it asks for a pending answer again."""
        length = self._header[H_LENGTH]
        if length < 0:
            return None
        self._follow_growth()
        return self._bytes[HEADER_BYTES:HEADER_BYTES + 2 * length].tobytes().decode("utf-16-le", "surrogatepass")

    def write_request(self, value: Any) -> bool:
        """Write a request for the entry point (before calling it); ``False`` if it does not fit
        (only JavaScript can grow the buffer: send less)."""
        data = json.dumps(value, separators=(",", ":")).encode("utf-16-le", "surrogatepass")
        if not self._alive:
            return False
        self._follow_growth()
        if HEADER_BYTES + len(data) > self._size:
            return False
        self._write(data, STATUS_OK)
        return True

    def answer(self, value: Any) -> None:
        """Answer the request just read with ``value`` (JSON)."""
        self._write(json.dumps(value, separators=(",", ":")).encode("utf-16-le", "surrogatepass"), STATUS_OK)

    def answer_error(self, error_num: int, message: str, code: int) -> None:
        """Answer with an ArangoError for JavaScript to throw."""
        text = json.dumps({"errorNum": error_num, "errorMessage": message, "code": code})
        self._write(text.encode("utf-16-le", "surrogatepass"), STATUS_ERROR)

    def resend(self) -> None:
        """Write the answer that did not fit, now that JavaScript made room."""
        pending, self._pending = self._pending, None
        self._follow_growth()
        if pending is None:
            self.answer_error(4, "internal error of fake-arango-tasks: no answer pending", 500)
        else:
            self._write(*pending)

    def _write(self, data: bytes, status: int) -> None:
        if not self._alive:
            return
        self._follow_growth()
        if HEADER_BYTES + len(data) > self._size:
            self._pending = (data, status)
            self._header[H_LENGTH] = len(data) // 2
            self._header[H_STATUS] = STATUS_TOO_BIG
            return
        self._bytes[HEADER_BYTES:HEADER_BYTES + len(data)] = data
        self._header[H_LENGTH] = len(data) // 2
        self._header[H_STATUS] = status
