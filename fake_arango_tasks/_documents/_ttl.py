"""ArangoDB's TTL background thread (``arangod/RestServer/TtlFeature.cpp``), on the server's clock.

arangod's thread first wakes ``frequency`` milliseconds after the server starts, then once per
``frequency`` (the next start is set before each run's work); each run removes, per collection
with a TTL index, the documents whose indexed timestamp ``t`` has ``0 <= t <= now - expireAfter``
(``lookupQuery``: oldest first), at most ``maxCollectionRemoves`` per collection and
``maxTotalRemoves`` per run; a run that hits a limit counts in ``limitReached``.

Here the thread is evaluated lazily and exactly: before anything reads or writes documents, the
runs due since the last look are made, at their own times. Runs with nothing changed in between
are equivalent to the last of them, so a long ``advance()`` costs one pass (with the removal
limits multiplied by the number of runs it stands for). So a test sees on ``advance()`` what
ArangoDB shows after the same time: expired sessions gone, at 30 s granularity by default.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .. import _errors as E
from .._errors import ArangoError

__all__ = ["TtlProperties", "TtlThread"]

#: ``TtlProperties::minFrequency`` (milliseconds).
MIN_FREQUENCY_MS = 1000


@dataclass
class TtlProperties:
    """``--ttl.frequency`` (milliseconds), ``--ttl.max-total-removes``, ``--ttl.max-collection-removes``."""

    frequency: int = 30_000
    max_total_removes: int = 1_000_000
    max_collection_removes: int = 100_000

    def to_json(self) -> dict[str, Any]:
        """``GET /_api/ttl/properties``'s ``result`` (``TtlProperties::toVelocyPack``)."""
        return {"frequency": self.frequency, "maxTotalRemoves": self.max_total_removes,
                "maxCollectionRemoves": self.max_collection_removes, "onlyLoadedCollections": False,
                "active": True}

    def update(self, body: Any) -> None:
        """``TtlProperties::fromVelocyPack``.

        Raises:
            ArangoError: 400/10 with arangod's messages.
        """
        if not isinstance(body, dict):
            raise ArangoError(E.BAD_PARAMETER, "expecting object for properties")
        values = {}
        for name in ("frequency", "maxTotalRemoves", "maxCollectionRemoves"):
            if name in body:
                value = body[name]
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ArangoError(E.BAD_PARAMETER, f"expecting numeric value for {name}")
                values[name] = max(int(value), 0)
        if values.get("frequency", MIN_FREQUENCY_MS) < MIN_FREQUENCY_MS:
            raise ArangoError(E.BAD_PARAMETER, "too low value for frequency")
        self.frequency = values.get("frequency", self.frequency)
        self.max_total_removes = values.get("maxTotalRemoves", self.max_total_removes)
        self.max_collection_removes = values.get("maxCollectionRemoves", self.max_collection_removes)


#: One removal pass: (stamp in seconds, how many runs it stands for, total limit, per-collection
#: limit) -> (documents removed, whether a limit was reached).
Pass = Callable[[float, int, int], tuple[int, bool]]


class TtlThread:
    """When the TTL thread runs, and its statistics.

    Args:
        origin_us: when the server started (the first run is ``frequency`` after it).
    """

    def __init__(self, origin_us: int) -> None:
        self.properties = TtlProperties()
        self._lock = threading.Lock()
        self.reset(origin_us)

    def reset(self, origin_us: int) -> None:
        """A fresh thread (a reset server): no runs yet, default properties."""
        with self._lock:
            self.properties = TtlProperties()
            self._next_us = origin_us + self.properties.frequency * 1000
            self.runs = 0
            self.documents_removed = 0
            self.limit_reached = 0

    def statistics(self) -> dict[str, int]:
        """``GET /_api/ttl/statistics``'s ``result`` (``TtlStatistics::toVelocyPack``)."""
        return {"runs": self.runs, "documentsRemoved": self.documents_removed, "limitReached": self.limit_reached}

    def catch_up(self, now_us: int, removal: Callable[[float, int, int], tuple[int, bool]]) -> None:
        """Make the runs due by ``now_us``: ``removal(stamp_seconds, total_limit,
        collection_limit)`` removes what one run at ``stamp`` removes."""
        with self._lock:
            if now_us < self._next_us:
                return
            step = self.properties.frequency * 1000
            count = (now_us - self._next_us) // step + 1
            last = self._next_us + (count - 1) * step
            self._next_us = last + step
            self.runs += count
            removed, limited = removal(last / 1e6, self.properties.max_total_removes * count,
                                       self.properties.max_collection_removes * count)
            self.documents_removed += removed
            if limited:
                self.limit_reached += 1


def expired_keys(documents: Iterable[tuple[str, float]], stamp: float, limit: int) -> list[str]:
    """The keys to remove: timestamps ``0 <= t <= stamp``, oldest first, at most ``limit``."""
    due = sorted((t, key) for key, t in documents if 0 <= t <= stamp)
    return [key for _, key in due[:limit]]
