"""The due queue: when each scheduled task runs next, in order.

Modelled on trio's timer heap: a heap of ``(due_us, seq, version, item)`` entries and a map from
each scheduled item to its one current ``(due_us, version)``. Rescheduling or cancelling an item
only changes the map; heap entries that no longer match it are stale and dropped when they reach
the top. Invariants:

- an item is scheduled at most once: it has exactly one due time, or none;
- items come out in order of due time, then ``seq`` (registration order), which breaks ties;
- nothing is scheduled earlier than :attr:`horizon` through :meth:`schedule` with ``clamp``
  (while a batch of runs is under way, a task added from outside cannot come due before runs
  that batch already made, so runs are recorded in time order).

Not thread-safe on its own: the scheduler guards it with its lock.
"""

from __future__ import annotations

import heapq
import itertools
from typing import Callable, Generic, Hashable, TypeVar

__all__ = ["DueQueue"]

T = TypeVar("T", bound=Hashable)


class DueQueue(Generic[T]):
    """Due times (whole microseconds) of scheduled items, earliest first."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, int, T]] = []
        self._entries: dict[T, tuple[int, int]] = {}  # item -> (due_us, version)
        self._versions = itertools.count()
        self.horizon = 0  #: the earliest due time :meth:`schedule` with ``clamp`` gives

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, item: object) -> bool:
        return item in self._entries

    def due_of(self, item: T) -> int | None:
        """When ``item`` is due, or ``None`` when it is not scheduled."""
        entry = self._entries.get(item)
        return None if entry is None else entry[0]

    def schedule(self, item: T, seq: int, due_us: int, *, clamp: bool = False) -> int:
        """(Re)schedule ``item`` at ``due_us`` (its ``seq`` breaks ties); with ``clamp``, not
        earlier than :attr:`horizon`. Returns the due time given."""
        if clamp:
            due_us = max(due_us, self.horizon)
        version = next(self._versions)
        self._entries[item] = (due_us, version)
        heapq.heappush(self._heap, (due_us, seq, version, item))
        return due_us

    def cancel(self, item: T) -> None:
        """Unschedule ``item`` (nothing happens if it is not scheduled)."""
        self._entries.pop(item, None)

    def clear(self) -> None:
        """Unschedule everything."""
        self._heap.clear()
        self._entries.clear()
        self.horizon = 0

    def _top(self) -> tuple[int, int, int, T] | None:
        heap = self._heap
        while heap:
            entry = heap[0]
            if self._entries.get(entry[3]) == (entry[0], entry[2]):
                return entry
            heapq.heappop(heap)
        return None

    def peek(self) -> tuple[int, T] | None:
        """``(due_us, item)`` of the earliest scheduled item, or ``None``."""
        top = self._top()
        return None if top is None else (top[0], top[3])

    def plan(self, until_us: int, limit: int, successor: Callable[[T, int], int | None]) -> list[tuple[T, int]]:
        """The next runs due at or before ``until_us``, at most ``limit``, in order, as
        ``(item, due_us)``, assuming each run ends at its due time: every item taken is
        rescheduled at ``successor(item, due_us)`` (``None``: not again), so an item may appear
        several times. The caller settles each planned item's real due time afterwards."""
        planned: list[tuple[T, int]] = []
        while len(planned) < limit:
            top = self._top()
            if top is None or top[0] > until_us:
                break
            due_us, seq, _, item = heapq.heappop(self._heap)
            planned.append((item, due_us))
            following = successor(item, due_us)
            if following is None:
                del self._entries[item]
            else:
                self.schedule(item, seq, following)
        return planned
