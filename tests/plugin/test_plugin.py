"""The pytest plugin as a user's test suite sees it (pytester runs an inner pytest session)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


def test_fixture_resets_between_tests_and_shares_one_server(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import requests

        urls = []

        def test_one(arango_tasks):
            urls.append(arango_tasks.url)
            requests.post(arango_tasks.url + "/_api/tasks", json={"command": "print(1)", "period": 1})
            assert len(arango_tasks.advance(3)) == 3

        def test_two(arango_tasks):
            urls.append(arango_tasks.url)
            assert arango_tasks.tasks == [] and arango_tasks.runs == []
            assert arango_tasks.clock.now == 1704067200.0
            assert urls[0] == urls[1]

        def test_session_server_is_the_same_object(arango_tasks, arango_tasks_server):
            assert arango_tasks is arango_tasks_server
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_marker_gives_a_configured_server_of_its_own(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest, requests

        @pytest.mark.arango_tasks(users={"root": "pw"}, javascript_tasks=False)
        def test_configured(arango_tasks, arango_tasks_server):
            assert arango_tasks is not arango_tasks_server
            assert requests.get(arango_tasks.url + "/_api/tasks").status_code == 401
            r = requests.post(arango_tasks.url + "/_api/tasks", json={"command": "1"}, auth=("root", "pw"))
            assert r.status_code == 403

        def test_default(arango_tasks):
            assert requests.get(arango_tasks.url + "/_api/tasks").status_code == 200
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_options_fixture_configures_the_session(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture(scope="session")
        def arango_tasks_options():
            return {"version": "4.0.0"}
        """
    )
    pytester.makepyfile(
        """
        import requests

        def test_no_tasks_api(arango_tasks):
            r = requests.get(arango_tasks.url + "/_api/tasks")
            assert r.status_code == 404 and r.json()["errorMessage"] == "unknown path '/_api/tasks'"
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_marker_options_update_the_session_options(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture(scope="session")
        def arango_tasks_options():
            return {"version": "3.12.9", "seed": 7}
        """
    )
    pytester.makepyfile(
        """
        import pytest, requests

        @pytest.mark.arango_tasks(javascript_tasks=False)
        def test_both(arango_tasks):
            assert requests.get(arango_tasks.url + "/_api/version").json()["version"] == "3.12.9"
            assert requests.post(arango_tasks.url + "/_api/tasks", json={"command": "1"}).status_code == 403

        @pytest.mark.arango_tasks("positional")
        def test_wrong(arango_tasks):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*takes keyword arguments only*"])


def test_fixtures_are_documented(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_x(): pass")
    result = pytester.runpytest_subprocess("--fixtures", "-p", "no:cacheprovider")
    pairs = [("arango_tasks -- *", "*A running fake ArangoDB Tasks server*"),
             ("arango_client -- *", "*python-arango ``ArangoClient``*calls its WSGI app directly"),
             ("arango_db -- *", "*python-arango's ``_system`` database*"),
             ("arango_async_client -- *", "*python-arango-async ``ArangoClient``*"),
             ("arango_tasks_options [[]session scope[]] -- *", "*Keyword arguments*"),
             ("arango_tasks_server [[]session scope[]] -- *", "*fake ArangoDB Tasks server*")]
    for name, docstring in pairs:  # pytest lists them in an order of its own
        result.stdout.fnmatch_lines([name, docstring])
    markers = pytester.runpytest_subprocess("--markers")
    markers.stdout.fnmatch_lines(["@pytest.mark.arango_tasks(**options)*strict=False and expect_errors=*"])
    options = pytester.runpytest_subprocess("--help")
    options.stdout.fnmatch_lines(["*--arango-tasks-no-strict*", "*arango_tasks_strict (bool):*"])
