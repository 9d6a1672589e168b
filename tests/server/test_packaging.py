"""The package as pip builds it for a non-editable install: the V8 prelude files are in the wheel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fake_arango_tasks._runtime._prelude import SECTIONS

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("wheel")
    source = tmp_path / "src"  # a copy: a stale build/ directory in the work tree would hide a missing file
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", "build", "*.egg-info", ".git", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
                   check=True, timeout=300)
    return next(tmp_path.glob("fake_arango_tasks-*.whl"))


def test_the_wheel_carries_the_javascript_and_the_plugin(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    prelude = {f"fake_arango_tasks/_runtime/js/{name}.js" for name in SECTIONS}
    assert prelude | {"fake_arango_tasks/py.typed", "conftest_plugin.py"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "fake_arango_tasks = conftest_plugin" in text and "fake-arango-tasks = fake_arango_tasks._cli:main" in text


def test_the_wheel_metadata_has_the_license_urls_and_the_docs(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-File: LICENSE" in metadata and "Project-URL: Documentation, " in metadata
    for text in ("# fake-arango-tasks", "# Guide: testing ArangoDB tasks", "# Reference", "# Changelog"):
        assert "\n" + text in metadata  # the description on PyPI holds the README, the guide, the reference


def test_the_readme_example_passes_from_a_non_editable_install(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, timeout=300)
    readme = (ROOT / "README.md").read_text()
    assert "pip install fake-arango-tasks" in readme
    example = next(block for block in re.findall(r"```python\n(.*?)```", readme, re.S) if "def test_" in block)
    project = tmp_path / "project"
    project.mkdir()
    (project / "test_example.py").write_text(example)
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import fake_arango_tasks; print(fake_arango_tasks.__file__)"],
                           env=env, cwd=project, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(target))  # the wheel's copy, not the work tree's
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"],
                         env=env, cwd=project, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout + run.stderr
