"""pytest plugin of fake-arango-tasks (registered under the ``pytest11`` entry point).

Fixtures:

- ``arango_tasks``: a running :class:`~fake_arango_tasks.FakeArangoTasks`, reset before the test.
- ``arango_tasks_server``: the session-wide server behind it (one per xdist worker).
- ``arango_tasks_options``: the keyword arguments the session server is built with; override it
  in a ``conftest.py`` to configure every test.

Marker ``@pytest.mark.arango_tasks(**options)``: the test gets its own server built with
``arango_tasks_options`` updated by these options (e.g. ``users={"root": "pw"}``,
``javascript_tasks=False``, ``version="4.0.0"``), stopped after the test.
"""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from fake_arango_tasks import FakeArangoTasks

MARKER = "arango_tasks"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): give this test its own fake ArangoDB Tasks server built with these "
        "FakeArangoTasks keyword arguments (users=, jwt_secret=, version=, javascript_tasks=, run_timeout=, ...)",
    )


@pytest.fixture(scope="session")
def arango_tasks_options() -> dict[str, Any]:
    """Keyword arguments for the session's :class:`FakeArangoTasks` (default: none, i.e. a fake
    clock, no authentication, ArangoDB 3.12). Override this fixture in a ``conftest.py`` to change
    them for the whole session."""
    return {}


@pytest.fixture(scope="session")
def arango_tasks_server(arango_tasks_options: dict[str, Any]) -> Iterator[FakeArangoTasks]:
    """The session's fake ArangoDB Tasks server on 127.0.0.1 and a free port (one per xdist
    worker). Prefer ``arango_tasks``, which resets it before each test."""
    with FakeArangoTasks(**arango_tasks_options) as server:
        yield server


@pytest.fixture
def arango_tasks(request: pytest.FixtureRequest) -> Iterator[FakeArangoTasks]:
    """A running fake ArangoDB Tasks server, fresh for this test: no tasks, no runs, only the
    ``_system`` database, the fake clock at its start (2024-01-01T00:00:00Z unless configured).

    ``arango_tasks.url`` is the base URL for clients, ``arango_tasks.advance(seconds)`` moves time
    and runs due tasks, ``arango_tasks.runs`` lists what ran. With the ``arango_tasks`` marker the
    test gets a server of its own, built with ``arango_tasks_options`` updated by the marker's
    keyword arguments.
    """
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None:
        if marker.args:
            pytest.fail(f"@pytest.mark.{MARKER} takes keyword arguments only", pytrace=False)
        options = {**request.getfixturevalue("arango_tasks_options"), **marker.kwargs}
        with FakeArangoTasks(**options) as own:
            yield own
        return
    shared: FakeArangoTasks = request.getfixturevalue("arango_tasks_server")
    shared.reset()
    yield shared
