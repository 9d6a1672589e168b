"""The README's examples work as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = (Path(__file__).parents[2] / "README.md").read_text()


def test_the_readme_pytest_example_passes(pytester: pytest.Pytester) -> None:
    example = next(block for block in re.findall(r"```python\n(.*?)```", README, re.S) if "def test_" in block)
    pytester.makepyfile(test_example=example)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_the_readme_python_api_example_runs() -> None:
    example = next(block for block in re.findall(r"```python\n(.*?)```", README, re.S) if "with FakeArangoTasks" in block)
    namespace: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), namespace)  # noqa: S102 - our own README


def test_the_readme_names_the_two_commands_ci_runs() -> None:
    ci = (Path(__file__).parents[2] / ".ci" / "run").read_text()
    assert "pip install -e '.[test]'" in README and "pip install -e '.[test]'" in ci
    assert "\npytest\n" in README and "\npytest\n" in ci
