"""The plugin's fixtures and options as a user's suite sees them (pytester): in-process clients,
a stopped shared server, unknown and bad options, xdist."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly", *args)


def test_in_process_client_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import asyncio
        from arangoasync.auth import Auth

        def test_python_arango(arango_tasks, arango_client, arango_db):
            arango_db.create_task(name="n", command="print(params.x)", params={"x": 1}, period=5, task_id="t")
            assert [t["id"] for t in arango_client.db("_system", username="root", password="").tasks()] == ["t"]
            assert arango_tasks.advance(10)[1].output == (("print", "1"),)
            assert arango_tasks.requests_to("/_db/_system/_api/tasks", method="POST")[0].status == 200

        def test_python_arango_async(arango_tasks, arango_async_client):
            async def go():
                db = await arango_async_client.db("_system", auth=Auth(username="root", password=""))
                await db.create_task(command="print(1)", period=1, task_id="a")
                return await db.tasks()
            assert [t["id"] for t in asyncio.run(go())] == ["a"]
            assert len(arango_tasks.advance(2)) == 2
        """
    )
    _run(pytester).assert_outcomes(passed=2)


def test_in_process_db_fixture_with_authentication(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.arango_tasks(users={"root": "secret"})
        def test_superuser(arango_db):
            arango_db.create_task(name="x", command="1", task_id="x", offset=5)
            assert [t["id"] for t in arango_db.tasks()] == ["x"]
        """
    )
    _run(pytester).assert_outcomes(passed=1)


def test_a_stopped_shared_server_is_started_again_and_the_culprit_named(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_stops_it(arango_tasks):
            arango_tasks.stop()

        def test_after(arango_tasks):
            assert arango_tasks.tasks == []
            arango_tasks.create_task("1", period=1)
            assert len(arango_tasks.advance(2)) == 2
        """
    )
    result = _run(pytester, "-W", "default")
    result.assert_outcomes(passed=2, warnings=1)
    result.stdout.fnmatch_lines(["*stopped by test_a_stopped_shared_server_is_started_again_and_the_culprit_named.py"
                                 "::test_stops_it (arango_tasks.stop())*"])


def test_unknown_and_bad_options_give_clear_errors(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.arango_tasks(user={"root": "pw"})
        def test_typo(arango_tasks):
            pass

        @pytest.mark.arango_tasks(port="x")
        def test_bad_value(arango_tasks):
            pass

        @pytest.mark.arango_tasks(strict="no")
        def test_bad_strict(arango_tasks):
            pass

        @pytest.mark.arango_tasks(expect_errors=3)
        def test_bad_expect(arango_tasks):
            pass
        """
    )
    result = _run(pytester)
    result.assert_outcomes(errors=4)
    result.stdout.fnmatch_lines([
        "*@pytest.mark.arango_tasks: unknown option(s) user; valid options: host, port, clock, users, *"
        "(and for the marker: strict, expect_errors)",
        "*@pytest.mark.arango_tasks: port must be an int, not str 'x'",
        "*strict=...) must be True or False, not 'no'",
        "*expect_errors=...) must be True, a task id or a list of ids, not 3",
    ])
    assert "Traceback" not in result.stdout.str() and "conftest_plugin.py" not in result.stdout.str()


def test_unknown_session_options(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest

        @pytest.fixture(scope="session")
        def arango_tasks_options():
            return {"max_run": 5}
        """
    )
    pytester.makepyfile("def test_x(arango_tasks):\n    pass\n")
    result = _run(pytester)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*arango_tasks_options: unknown option(s) max_run; valid options: *"])


def test_two_xdist_workers_get_a_server_each(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import os
        import pytest

        @pytest.mark.parametrize("n", range(6))
        def test_worker(arango_tasks, n):
            arango_tasks.create_task("print(1)", period=1, id="t")
            assert len(arango_tasks.advance(n)) == n
            assert os.environ["PYTEST_XDIST_WORKER"] in ("gw0", "gw1")

        @pytest.mark.parametrize("n", range(2))
        def test_strict_under_xdist(arango_tasks, n):
            arango_tasks.create_task("throw new Error('x')", id="e")
            arango_tasks.advance(1)
        """
    )
    result = _run(pytester, "-n", "2")
    result.assert_outcomes(passed=6, failed=2)
    result.stdout.fnmatch_lines(["*strict mode: 1 task run(s) failed*"])


def test_a_folder_overriding_the_options_gets_a_shared_server_of_its_own(pytester: pytest.Pytester) -> None:
    """pytest caches a session fixture once: without a server per set of options, the folder that
    runs second would get the first folder's server (its version, its users)."""
    pytester.mkpydir("old")
    pytester.mkpydir("new")
    pytester.path.joinpath("old", "conftest.py").write_text(
        "import pytest\n\n@pytest.fixture(scope='session')\ndef arango_tasks_options():\n"
        "    return {'version': '3.11.5'}\n")
    check = "import urllib.request, json\n\ndef test_version(arango_tasks):\n" \
            "    with urllib.request.urlopen(arango_tasks.url + '/_api/version') as answer:\n" \
            "        assert json.load(answer)['version'] == {!r}\n"
    pytester.path.joinpath("old", "test_old.py").write_text(check.format("3.11.5"))
    pytester.path.joinpath("new", "test_new.py").write_text(check.format("3.12.4"))
    for order in (["old", "new"], ["new", "old"]):
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly", *order)
        result.assert_outcomes(passed=2)


def test_a_marker_without_the_fixture_is_named_in_a_warning(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("""
        import pytest

        @pytest.mark.arango_tasks(strict=False)
        def test_forgot_the_fixture():
            pass

        @pytest.mark.arango_tasks(strict=False)
        def test_through_a_client(arango_db):
            pass
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=2, warnings=1)
    result.stdout.fnmatch_lines(["*@pytest.mark.arango_tasks(...) has no effect on test_forgot_the_fixture*"])
