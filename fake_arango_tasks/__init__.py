"""fake-arango-tasks: ArangoDB's HTTP Tasks API served from memory, run by a deterministic fake clock
through V8, for tests.

    from fake_arango_tasks import FakeArangoTasks

    with FakeArangoTasks() as fake:       # 127.0.0.1, a free port, a FakeClock
        ...                               # register tasks over HTTP at fake.url (or fake.client(): no socket)
        runs = fake.advance(3600)         # one simulated hour: every due run, in order

All times are in seconds (Unix seconds for instants), as in ArangoDB.
"""

from ._auth import User, superuser_token
from ._clock import DEFAULT_START, FakeClock, WallClock
from ._errors import (
    ArangoError,
    ClockError,
    FakeArangoTasksError,
    OptionError,
    OptionTypeError,
    RunLimitExceeded,
    ServerStateError,
    UnexpectedRunErrors,
)
from ._faults import Fault
from ._journal import OutgoingRequest, Run, RunError, RunFailure
from ._logging import RecordedRequest
from ._server import FakeArangoTasks

__all__ = [
    "DEFAULT_START",
    "ArangoError",
    "ClockError",
    "FakeArangoTasks",
    "FakeArangoTasksError",
    "FakeClock",
    "Fault",
    "OptionError",
    "OptionTypeError",
    "OutgoingRequest",
    "RecordedRequest",
    "Run",
    "RunError",
    "RunFailure",
    "RunLimitExceeded",
    "ServerStateError",
    "UnexpectedRunErrors",
    "User",
    "WallClock",
    "superuser_token",
]
from ._version import __version__ as __version__
