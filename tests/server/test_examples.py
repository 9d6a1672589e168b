"""Every code example in README.md and docs/*.md runs as written.

- ```` ```python ```` blocks with ``def test_`` are a test module run by an inner pytest (they
  must pass); other Python blocks are executed;
- ```` ```sh ```` blocks run in ``bash -euo pipefail`` against a dev server started with
  ``--clock fake`` (``$URL`` is its base URL), reset before each block;
- ```` ```bash ```` blocks (installing, starting servers) are checked by ``bash -n``;
- ```` ```text ```` blocks are output, not code.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def _blocks(language: str) -> list[tuple[str, str]]:
    found = []
    for path in DOCS:
        for number, (lang, code) in enumerate(BLOCK.findall(path.read_text()), 1):
            if lang == language:
                found.append((f"{path.relative_to(ROOT)}#{number}", code))
    return found


def test_the_docs_hold_examples_of_every_kind() -> None:
    languages = {lang for path in DOCS for lang, _ in BLOCK.findall(path.read_text())}
    assert languages <= {"python", "sh", "bash", "text"}, languages
    assert len(_blocks("python")) >= 10 and _blocks("sh")


@pytest.mark.parametrize(("where", "code"), [b for b in _blocks("python") if "def test_" in b[1]],
                         ids=lambda v: v if isinstance(v, str) and "#" in v else "")
def test_a_test_example_passes(pytester: pytest.Pytester, where: str, code: str) -> None:
    pytester.makepyfile(test_example=code)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    tests = len(re.findall(r"^(?:async )?def test_", code, re.M))
    result.assert_outcomes(passed=tests)


@pytest.mark.parametrize(("where", "code"), [b for b in _blocks("python") if "def test_" not in b[1]],
                         ids=lambda v: v if isinstance(v, str) and "#" in v else "")
def test_a_python_example_runs(where: str, code: str) -> None:
    exec(compile(code, where, "exec"), {"__name__": "example"})  # noqa: S102 - our own docs


@pytest.fixture(scope="module")
def dev_server() -> Iterator[str]:
    proc = subprocess.Popen([sys.executable, "-m", "fake_arango_tasks", "--port", "0", "--clock", "fake", "--quiet"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    yield proc.stdout.readline().rsplit(" ", 1)[1].strip()
    proc.terminate()
    proc.wait(timeout=10)


@pytest.mark.parametrize(("where", "code"), _blocks("sh"), ids=lambda v: v if isinstance(v, str) and "#" in v else "")
def test_a_shell_example_runs(dev_server: str, where: str, code: str) -> None:
    requests.post(dev_server + "/_fake/reset")
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", code], env={"URL": dev_server, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("where", "code"), _blocks("bash"), ids=lambda v: v if isinstance(v, str) and "#" in v else "")
def test_a_bash_example_parses(where: str, code: str) -> None:
    done = subprocess.run(["bash", "-n", "-c", code], capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr


def test_the_strict_mode_report_in_the_guide_is_what_pytest_prints(pytester: pytest.Pytester) -> None:
    guide = (ROOT / "docs" / "guide.md").read_text()
    section = guide[guide.index("## Strict mode"):]
    blocks = BLOCK.findall(section)
    example = next(code for lang, code in blocks if lang == "python")
    report = next(code for lang, code in blocks if lang == "text")
    without_looking = "\n".join(line for line in example.splitlines() if "run.error" not in line)
    pytester.makepyfile(test_example=without_looking)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*" + line.replace("(...)", "*") for line in report.strip().splitlines()])
