"""The benchmarks' payload builders still build (bench/ is not run in CI; a payload built on an
old internal signature broke bench_json silently once)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_json_payloads_build() -> None:
    bench = _load("bench_json")
    tasks = bench.task_list(3)
    assert [task["id"] for task in tasks] == ["68000000", "68000017", "68000034"]
    assert len(bench.cursor_batch(3)) == 3


def test_every_benchmark_imports() -> None:
    for path in sorted(BENCH.glob("bench_*.py")):
        assert callable(getattr(_load(path.stem), "main", None)), path.name
