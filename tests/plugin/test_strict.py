"""Strict mode: a task run that threw and that the test did not look at fails the test, with the
task, its due time, the JS error and its stack in the report (pytest_httpx's teardown check)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

THROWING = """
def _throwing(fake, task_id="boom"):
    fake.create_task("var x = null;\\nfunction helper() { return x.y; }\\nhelper();", id=task_id, period=1)
"""


def _run(pytester: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    pytester.makepyfile(THROWING + source)
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly", *args)


def test_an_unnoticed_failing_run_fails_the_test_with_its_stack(pytester: pytest.Pytester) -> None:
    result = _run(pytester, """
def test_counts_only(arango_tasks):
    _throwing(arango_tasks)
    assert len(arango_tasks.advance(3)) == 3
""")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*fake-arango-tasks strict mode: 3 task run(s) failed and the test did not look at them*",
        "*task 'boom' (user-defined task, database _system) due 2024-01-01T00:00:00.000Z (1704067200.000001)",
        "*threw TypeError: Cannot read properties of null (reading 'y')",
        "*at helper (task:boom:2:30)",
        "*at task:boom:3:1",
        "*... and 2 more run(s) of 'boom' with the same error, the last due 2024-01-01T00:00:02.000Z",
    ])
    # The failure section only: under CI (env CI set) pytest repeats the whole message untruncated in
    # its short test summary, which is pytest's copy, not ours.
    output = result.stdout.str().split("short test summary info")[0]
    assert output.count("threw TypeError") == 1  # repeats collapsed, the report not chained to a copy of itself
    assert "During handling of the above exception" not in output


@pytest.mark.parametrize("looking", [
    "assert runs[0].error.type == 'TypeError'",                  # one error read: its repeats are looked at
    "assert len(arango_tasks.runs_of('boom')) == 3",             # runs_of counts as looking
    "arango_tasks.expect_errors('boom')",
    "arango_tasks.expect_errors()",
    "arango_tasks.assert_ran('boom', times=3, failed=True)",
    "assert all(run.failed for run in runs)",                    # failed answering True is looking
])
def test_looking_at_the_failures_passes(pytester: pytest.Pytester, looking: str) -> None:
    result = _run(pytester, f"""
def test_looks(arango_tasks):
    _throwing(arango_tasks)
    runs = arango_tasks.advance(3)
    {looking}
""")
    result.assert_outcomes(passed=1)


def test_a_different_error_of_the_same_task_still_counts(pytester: pytest.Pytester) -> None:
    result = _run(pytester, """
def test_second_error_unseen(arango_tasks):
    arango_tasks.create_task("if (Date.now() >= 1704067201000) throw new Error('late'); throw new Error('early');",
                             id="two", period=1)
    runs = arango_tasks.advance(2)
    assert runs[0].error.message == "early"
""")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*1 task run(s) failed*", "*threw Error: late*"])


def test_opting_out_per_test_per_session_and_by_ini(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(THROWING + """
import pytest

@pytest.mark.arango_tasks(strict=False)
def test_not_strict(arango_tasks, arango_tasks_server):
    assert arango_tasks is arango_tasks_server  # a plugin option keeps the shared server
    _throwing(arango_tasks)
    arango_tasks.advance(2)

@pytest.mark.arango_tasks(expect_errors=["boom"])
def test_expected_by_marker(arango_tasks):
    _throwing(arango_tasks)
    arango_tasks.advance(2)

def test_strict(arango_tasks):
    _throwing(arango_tasks)
    arango_tasks.advance(2)
""")
    strict = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    strict.assert_outcomes(passed=2, failed=1)
    pytester.runpytest_subprocess("-p", "no:cacheprovider", "--arango-tasks-no-strict").assert_outcomes(passed=3)
    pytester.makeini("[pytest]\narango_tasks_strict = false\n")
    pytester.runpytest_subprocess("-p", "no:cacheprovider").assert_outcomes(passed=3)


def test_a_failing_test_reports_the_runs_that_failed(pytester: pytest.Pytester) -> None:
    result = _run(pytester, """
def test_fails_for_its_own_reason(arango_tasks):
    _throwing(arango_tasks)
    arango_tasks.advance(1)
    assert arango_tasks.tasks == []
""", "-rA")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*Captured fake-arango-tasks runs call*", "1 run(s) recorded, 1 failed*",
                                 "*at helper (task:boom:2:30)"])


def test_the_python_api_check_without_pytest() -> None:
    from fake_arango_tasks import FakeArangoTasks, UnexpectedRunErrors

    fake = FakeArangoTasks()
    fake.create_task("throw new RangeError('no')", id="r")
    fake.advance(1)
    assert [r.task_id for r in fake.unexpected_errors()] == ["r"]
    with pytest.raises(UnexpectedRunErrors, match="threw RangeError: no"):
        fake.check_errors()
    fake.reset()
    fake.check_errors()


def test_failures_dropped_from_the_journal_are_counted() -> None:
    from fake_arango_tasks import FakeArangoTasks, UnexpectedRunErrors

    fake = FakeArangoTasks(max_runs=2)
    fake.create_task("throw new Error('x' + Date.now())", id="e", period=1)
    fake.advance(5, collect=False)
    assert len(fake.runs) == 2 and fake.dropped_runs == 3
    with pytest.raises(UnexpectedRunErrors, match="3 failed run.s. dropped from the journal"):
        fake.check_errors()
    assert fake.info()["counts"]["failuresDropped"] == 3


def test_a_bad_strict_ini_value_is_one_usage_error_naming_it(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_a(arango_tasks):\n    pass\n\ndef test_b(arango_tasks):\n    pass\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "arango_tasks_strict=fals")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*ini option arango_tasks_strict: invalid truth value 'fals' (use true or false)"])
