"""The rules cited in code and tests exist in the repository: every ``§N`` a module, a test, the
README or a doc cites is a section of docs/behaviour.md."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
BEHAVIOUR = ROOT / "docs" / "behaviour.md"
CITATION = re.compile(r"§(\d+(?:\.\d+)*)")


def _sections() -> set[str]:
    return {m.group(1) for m in re.finditer(r"^#+ §(\d+(?:\.\d+)*) ", BEHAVIOUR.read_text(), flags=re.M)}


def _citations() -> dict[str, set[str]]:
    files = [*ROOT.glob("fake_arango_tasks/**/*.py"), *ROOT.glob("fake_arango_tasks/**/*.js"),
             *ROOT.glob("tests/**/*.py"), ROOT / "conftest_plugin.py", ROOT / "README.md",
             *ROOT.glob("docs/*.md")]
    cited: dict[str, set[str]] = {}
    for path in files:
        for match in CITATION.finditer(path.read_text(encoding="utf-8")):
            cited.setdefault(match.group(1), set()).add(str(path.relative_to(ROOT)))
    return cited


def test_every_cited_section_exists() -> None:
    sections = _sections()
    missing = {number: sorted(where) for number, where in _citations().items() if number not in sections}
    assert missing == {}


def test_the_sections_are_numbered_in_order() -> None:
    numbers = [m.group(1) for m in re.finditer(r"^#+ §(\d+(?:\.\d+)*) ", BEHAVIOUR.read_text(), flags=re.M)]
    keys = [tuple(int(p) for p in n.split(".")) for n in numbers]
    assert keys == sorted(keys) and len(set(keys)) == len(keys) and len(keys) >= 10
