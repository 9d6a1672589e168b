"""What the HTTP routes serve from: the server's services, in one object the handlers share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .._auth import Auth
from .._databases import Databases
from .._documents import DocumentStore
from .._journal import Run
from .._outgoing import OutgoingHttp
from .._tasks import TaskTable
from ._cursor import Cursors

__all__ = ["Control", "Services"]


class Control(Protocol):
    """What the ``/_fake/*`` routes need of the server: the clock, the journal and reset."""

    @property
    def now(self) -> float: ...

    def advance(self, seconds: float) -> list[Run]: ...

    def runs_of(self, task_id: str | None) -> list[Run]: ...

    def reset(self) -> None: ...


@dataclass(frozen=True)
class Services:
    """The services of one server.

    Attributes:
        version: the ArangoDB version the server claims (``"3.12.4"``); from 4.0 on there is no
            Tasks API.
        javascript_tasks: ``False`` acts as ``--javascript.tasks false``: creating a task answers
            403/11, reading and deleting still work.
        cursors: the AQL cursors of ``/_api/cursor`` (server state: a reset clears them).
        query_max_rows: the most values one query may return (its memory bound; 0: none).
    """

    tasks: TaskTable
    databases: Databases
    auth: Auth
    control: Control
    documents: DocumentStore
    outgoing: OutgoingHttp
    version: str = "3.12.4"
    javascript_tasks: bool = True
    cursors: Cursors = field(default_factory=Cursors)
    query_max_rows: int = 0
