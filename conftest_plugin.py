"""pytest plugin of fake-arango-tasks (registered under the ``pytest11`` entry point).

Fixtures:

- ``arango_tasks``: a running :class:`~fake_arango_tasks.FakeArangoTasks`, reset before the test.
- ``arango_tasks_server``: the session-wide server behind it (one per xdist worker).
- ``arango_tasks_options``: the keyword arguments the session server is built with; override it
  in a ``conftest.py`` to configure the tests below that folder (each distinct set of options gets
  a shared server of its own, started when a test first needs it, stopped at the session's end).
- ``arango_client``, ``arango_db``, ``arango_async_client``: python-arango's ``ArangoClient``, its
  ``_system`` database and python-arango-async's ``ArangoClient``, all talking to ``arango_tasks``
  in-process (no socket).

Marker ``@pytest.mark.arango_tasks(**options)``: server options (``users={"root": "pw"}``,
``javascript_tasks=False``, ``version="4.0.0"``, ...) give the test its own server built with
``arango_tasks_options`` updated by them, stopped after the test; the plugin's own options
``strict=False`` (no strict check for this test) and ``expect_errors=True | "task-id" | [ids]``
work on the shared server too.

Strict mode (on unless ``--arango-tasks-no-strict`` or ini ``arango_tasks_strict = false``): after
a test, a task run that threw and that the test did not look at (``run.error``,
``fake.runs_of(task)``, ``fake.expect_errors(...)`` or the marker's ``expect_errors``) fails the
test, with each run's task, due time, output, JS error and stack in the report.
"""

from __future__ import annotations

import warnings
from typing import Any, Iterator

import pytest

from fake_arango_tasks import FakeArangoTasks, FakeArangoTasksError
from fake_arango_tasks._server import OPTIONS

MARKER = "arango_tasks"
#: The marker's own options (everything else goes to FakeArangoTasks).
PLUGIN_OPTIONS = ("strict", "expect_errors")
_SERVER = pytest.StashKey[FakeArangoTasks]()
_STRICT = pytest.StashKey[bool]()
_CULPRIT = pytest.StashKey[str]()
_POOL = pytest.StashKey["dict[tuple[Any, ...], FakeArangoTasks]"]()
_PLAIN = (str, int, float, bool, type(None), dict, list, tuple)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fake-arango-tasks")
    group.addoption("--arango-tasks-no-strict", action="store_true", default=False,
                    help="fake-arango-tasks: do not fail tests whose task runs threw unnoticed")
    parser.addini("arango_tasks_strict", type="bool", default=True,
                  help="fake-arango-tasks: fail a test whose task runs threw and that did not look (default true)")


def pytest_configure(config: pytest.Config) -> None:
    _check_ini(config)
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): give this test its own fake ArangoDB Tasks server built with these "
        "FakeArangoTasks keyword arguments (users=, jwt_secret=, version=, javascript_tasks=, run_timeout=, ...); "
        "strict=False and expect_errors=True|'task-id'|[ids] tune strict mode for this test",
    )


def _check_ini(config: pytest.Config) -> None:
    """A bad ``arango_tasks_strict`` is one usage error at start-up, naming it (not one per test)."""
    try:
        _session_strict(config)
    except (ValueError, pytest.UsageError) as exc:
        raise pytest.UsageError(f"ini option arango_tasks_strict: {exc} (use true or false)") from None


def _session_strict(config: pytest.Config) -> bool:
    return not config.getoption("--arango-tasks-no-strict") and bool(config.getini("arango_tasks_strict"))


def _checked_options(options: Any, where: str) -> dict[str, Any]:
    if not isinstance(options, dict):
        pytest.fail(f"{where} must be a dict of FakeArangoTasks keyword arguments, not {options!r}", pytrace=False)
    unknown = sorted(set(options) - set(OPTIONS))
    if unknown:
        pytest.fail(f"{where}: unknown option(s) {', '.join(unknown)}; valid options: {', '.join(OPTIONS)}"
                    + (f" (and for the marker: {', '.join(PLUGIN_OPTIONS)})" if where.startswith("@") else ""),
                    pytrace=False)
    return options


def _build(options: dict[str, Any], where: str) -> FakeArangoTasks:
    try:
        return FakeArangoTasks(**options)
    except (FakeArangoTasksError, TypeError, ValueError) as exc:
        message = f"{where}: {exc}"
    pytest.fail(message, pytrace=False)


@pytest.fixture(scope="session")
def arango_tasks_options() -> dict[str, Any]:
    """Keyword arguments for the session's :class:`FakeArangoTasks` (default: none, i.e. a fake
    clock, no authentication, ArangoDB 3.12). Override this fixture (session scope) in a
    ``conftest.py`` to change them for the tests of that folder and below: each distinct set of
    options gets a shared server of its own."""
    return {}


def _shared(config: pytest.Config, options: Any) -> FakeArangoTasks:
    """The session's server for ``options``: one per distinct set of options (pytest caches a
    session fixture once, so a folder overriding ``arango_tasks_options`` would otherwise get the
    server of the first folder that ran), started at first use, stopped when the session ends."""
    options = _checked_options(options, "arango_tasks_options")
    pool = config.stash.setdefault(_POOL, {})
    key = tuple(sorted((name, repr(value) if isinstance(value, _PLAIN) else id(value))
                       for name, value in options.items()))
    server = pool.get(key)
    if server is None:
        server = pool[key] = _build(options, "arango_tasks_options")
        server.start()
        config.add_cleanup(server.stop)
    return server


@pytest.fixture(scope="session")
def arango_tasks_server(request: pytest.FixtureRequest, arango_tasks_options: dict[str, Any]) -> FakeArangoTasks:
    """The session's fake ArangoDB Tasks server on 127.0.0.1 and a free port (one per xdist
    worker), built with the ``arango_tasks_options`` seen where it is first requested. Prefer
    ``arango_tasks``, which resets it before each test and honours a folder's own options."""
    return _shared(request.config, arango_tasks_options)


@pytest.fixture
def arango_tasks(request: pytest.FixtureRequest) -> Iterator[FakeArangoTasks]:
    """A running fake ArangoDB Tasks server, fresh for this test: no tasks, no runs, only the
    ``_system`` database, the fake clock at its start (2024-01-01T00:00:00Z unless configured).

    ``arango_tasks.url`` is the base URL for clients (``arango_tasks.client()`` one without a
    socket), ``arango_tasks.advance(seconds)`` moves time and runs due tasks,
    ``arango_tasks.runs`` lists what ran. With the ``arango_tasks`` marker's server options the
    test gets a server of its own. In strict mode a run that threw unnoticed fails the test.
    """
    marker = request.node.get_closest_marker(MARKER)
    kwargs: dict[str, Any] = {}
    if marker is not None:
        if marker.args:
            pytest.fail(f"@pytest.mark.{MARKER} takes keyword arguments only", pytrace=False)
        kwargs = dict(marker.kwargs)
    plugin = {key: kwargs.pop(key) for key in PLUGIN_OPTIONS if key in kwargs}
    _checked_options(kwargs, f"@pytest.mark.{MARKER}")
    strict = plugin.get("strict", _session_strict(request.config))
    if not isinstance(strict, bool):
        pytest.fail(f"@pytest.mark.{MARKER}(strict=...) must be True or False, not {strict!r}", pytrace=False)
    if kwargs:
        options = {**request.getfixturevalue("arango_tasks_options"), **kwargs}
        with _build(options, f"@pytest.mark.{MARKER}") as own:
            yield from _serve(request, own, strict, plugin.get("expect_errors"))
        return
    shared = _shared(request.config, request.getfixturevalue("arango_tasks_options"))
    _revive(request, shared)
    shared.reset()
    yield from _serve(request, shared, strict, plugin.get("expect_errors"))
    if not shared.running:
        request.config.stash[_CULPRIT] = request.node.nodeid


def _revive(request: pytest.FixtureRequest, shared: FakeArangoTasks) -> None:
    """Start the shared server again if a test stopped it, naming that test."""
    if shared.running:
        return
    culprit = request.config.stash.get(_CULPRIT, "an earlier test")
    warnings.warn(pytest.PytestWarning(
        f"the shared fake-arango-tasks server was stopped by {culprit} (arango_tasks.stop()); started it again "
        "for this test. Give a test that stops its server one of its own with @pytest.mark.arango_tasks(...)"))
    shared.start()


def _serve(request: pytest.FixtureRequest, fake: FakeArangoTasks, strict: bool, expect: Any) -> Iterator[FakeArangoTasks]:
    if expect is True:
        fake.expect_errors()
    elif isinstance(expect, str):
        fake.expect_errors(expect)
    elif isinstance(expect, (list, tuple)) and all(isinstance(e, str) for e in expect):
        for task_id in expect:
            fake.expect_errors(task_id)
    elif expect not in (None, False):
        pytest.fail(f"@pytest.mark.{MARKER}(expect_errors=...) must be True, a task id or a list of ids, "
                    f"not {expect!r}", pytrace=False)
    request.node.stash[_SERVER] = fake
    request.node.stash[_STRICT] = strict
    yield fake


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A marker on a test that never gets the ``arango_tasks`` fixture does nothing: say so."""
    for item in items:
        if item.get_closest_marker(MARKER) is not None and MARKER not in getattr(item, "fixturenames", ()):
            item.warn(pytest.PytestWarning(
                f"@pytest.mark.{MARKER}(...) has no effect on {item.name}: it does not use the arango_tasks "
                "fixture (or arango_client, arango_db, arango_async_client)"))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After the test body: in strict mode, fail on runs that threw unnoticed; on any failure,
    add the runs that failed to the report."""
    try:
        result = yield
    except BaseException:
        _report_runs(item)
        raise
    fake = item.stash.get(_SERVER, None)
    if fake is not None and item.stash.get(_STRICT, True):
        try:
            fake.check_errors()
        except AssertionError as exc:
            problem = str(exc)
        else:
            return result
        pytest.fail(f"fake-arango-tasks strict mode: {problem}", pytrace=False)  # once, not chained to exc
    return result


def _report_runs(item: pytest.Item) -> None:
    fake = item.stash.get(_SERVER, None)
    if fake is None:
        return
    runs = fake.runs
    failures = [run for run in runs if run.threw]
    lines = [f"{len(runs)} run(s) recorded, {len(failures)} failed; clock at {fake.datetime.isoformat()}"]
    lines.extend(run.describe() for run in (failures or runs)[-20:])
    item.add_report_section("call", "fake-arango-tasks runs", "\n".join(lines))


@pytest.fixture
def arango_client(arango_tasks: FakeArangoTasks) -> Any:
    """A python-arango ``ArangoClient`` for ``arango_tasks`` that calls its WSGI app directly
    (no socket: about 20 times faster per request than over loopback HTTP)."""
    client = arango_tasks.client()
    yield client
    client.close()


@pytest.fixture
def arango_db(arango_tasks: FakeArangoTasks) -> Any:
    """python-arango's ``_system`` database of ``arango_tasks``, in-process: as root (empty
    password) with authentication off, with a superuser JWT when users are configured."""
    return arango_tasks.db()


@pytest.fixture
def arango_async_client(arango_tasks: FakeArangoTasks) -> Any:
    """A python-arango-async ``ArangoClient`` for ``arango_tasks``, in-process; use
    ``await arango_async_client.db("_system", auth=Auth("root", ""))`` in an async test."""
    return arango_tasks.async_client()
