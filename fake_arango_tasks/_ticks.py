"""The server tick: task ids, document keys and collection ids are drawn from one increasing
counter, as ArangoDB draws them from ``TRI_NewServerSpecificTick`` (``arangod/VocBase/ticks.cpp``)."""

from __future__ import annotations

import threading
from typing import Final

__all__ = ["Ticks", "FIRST_TICK", "TICK_STEP"]

#: Where ticks start; ArangoDB's come from its server tick (e.g. "69073"), increasing but not
#: consecutive.
FIRST_TICK: Final = 70_001
TICK_STEP: Final = 7


class Ticks:
    """An increasing counter, thread-safe. Invariant: every :meth:`take` is greater than the last."""

    def __init__(self, first: int = FIRST_TICK, step: int = TICK_STEP) -> None:
        self.step = step
        self._first = first
        self._next = first
        self._lock = threading.Lock()

    def reset(self) -> None:
        """Back to the first tick (a fresh server)."""
        with self._lock:
            self._next = self._first

    @property
    def next(self) -> int:
        """The tick :meth:`take` gives next (a snapshot keeps it)."""
        return self._next

    def restore(self, following: int) -> None:
        """Continue from ``following`` (a snapshot being restored)."""
        with self._lock:
            self._next = following

    def take(self) -> int:
        """The next tick."""
        with self._lock:
            tick = self._next
            self._next += self.step
            return tick
