"""The package as pip builds it for a non-editable install: the V8 prelude files are in the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from fake_arango_tasks._runtime._prelude import SECTIONS

ROOT = Path(__file__).parents[2]


def test_the_wheel_carries_the_javascript_and_the_plugin(tmp_path: Path) -> None:
    source = tmp_path / "src"  # a copy: a stale build/ directory in the work tree would hide a missing file
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", "build", "*.egg-info", ".git", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
                   check=True, timeout=300)
    wheel = next(tmp_path.glob("fake_arango_tasks-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    prelude = {f"fake_arango_tasks/_runtime/js/{name}.js" for name in SECTIONS}
    assert prelude | {"fake_arango_tasks/py.typed", "conftest_plugin.py"} <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "fake_arango_tasks = conftest_plugin" in text and "fake-arango-tasks = fake_arango_tasks._cli:main" in text
