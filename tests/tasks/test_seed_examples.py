"""Every curl example of the seed document, replayed against the fake and compared with the response
recorded from real ArangoDB 3.10, 3.11 and 3.12 servers (tests/data/doc-examples-3.10-3.12.txt):
status, headers, key order and values. Only generated ids and ``created`` may differ."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Http

RECORDED = Path(__file__).parents[1] / "data" / "doc-examples-3.10-3.12.txt"


@dataclass
class Example:
    version: str
    name: str
    requests: list[tuple[str, str, str | None]]  # method, path, body
    status: int
    headers: dict[str, str]
    body: Any  # JSON with objects as (key, value) lists


def _parse() -> list[Example]:
    examples = []
    for section in re.split(r"^##### ", RECORDED.read_text(), flags=re.M)[1:]:
        title, rest = section.split("\n", 1)
        version, name = title.split()
        given, answer = rest.split("OUTPUT:\n", 1)
        calls = []
        for match in re.finditer(
            r"curl (?:-X (\w+) )?.*?(http://localhost:8529\S+?)'?(?: <<'EOF'\n(.*?)\nEOF)?\n", given, re.S
        ):
            method, url, body = match.groups()
            calls.append((method or "GET", url.removeprefix("http://localhost:8529"), body))
        head, _, body_text = answer.strip().partition("\n\n")
        status_line, *header_lines = head.splitlines()
        headers = dict(line.split(": ", 1) for line in header_lines)
        examples.append(
            Example(version, name.removesuffix("_single"), calls, int(status_line.split()[1]), headers,
                    json.loads(body_text, object_pairs_hook=list))
        )
    return examples


EXAMPLES = _parse()
# 3.10's recording of RestTasksListOne double-encodes its request body; its answer equals 3.11's.
REPLAYABLE = [e for e in EXAMPLES if e.version != "3.10"]
# Which of an example's requests produced the recorded answer, and what must exist beforehand.
ANSWERED_BY = {"RestTasksListOne": 1}
SETUP = {"RestTasksDelete": ("PUT", "/_api/tasks/SampleTask", '{"command": "2+2;", "period": 2}')}
GENERATED = {"id", "created"}


def test_the_recording_holds_every_seed_example() -> None:
    names = {(e.version, e.name) for e in EXAMPLES}
    for version in ("3.10", "3.11", "3.12"):
        for name in ("RestTasksCreate", "RestTasksDeleteFail", "RestTasksDelete", "RestTasksListAll",
                     "RestTasksListNonExisting", "RestTasksListOne", "RestTasksPutWithId"):
            assert (version, name) in names
    assert len(REPLAYABLE) == 14


def _without_generated(body: Any) -> Any:
    if isinstance(body, list) and all(isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], str) for p in body):
        return [(k, "<generated>" if k in GENERATED else v) for k, v in body]
    return body


@pytest.mark.parametrize("example", REPLAYABLE, ids=lambda e: f"{e.version}-{e.name}")
def test_seed_example_matches_recorded_response(http: Http, example: Example) -> None:
    if example.name in SETUP:
        method, path, body = SETUP[example.name]
        assert http.request(method, path, raw=body).status_code == 200
    responses = [http.request(m, path, raw=body) for m, path, body in example.requests]
    response = responses[ANSWERED_BY.get(example.name, 0)]

    assert response.status_code == example.status
    for name, value in example.headers.items():
        if name.lower() in ("connection", "content-length"):
            continue
        assert response.headers.get(name) == value, name
    got = json.loads(response.text, object_pairs_hook=list)
    assert _without_generated(got) == _without_generated(example.body)
    if isinstance(got, list) and got and got[0][0] == "id":
        keys = dict(got)
        assert isinstance(keys["id"], str) and keys["id"]
        assert isinstance(json.loads(response.text)["created"], float)


def test_recorded_content_length_of_a_create_matches_ours_byte_for_byte(http: Http) -> None:
    """The 3.12 create answer is 236 bytes with id "74621" and created 1785857308.802875: the same body
    with our id and created substituted by values of the same width must be the same length."""
    example = next(e for e in EXAMPLES if (e.version, e.name) == ("3.12", "RestTasksCreate"))
    method, path, body = example.requests[0]
    response = http.request(method, path, raw=body)
    recorded = dict(example.body)
    ours = json.loads(response.text)
    text = response.text.replace(json.dumps(ours["id"]), json.dumps(recorded["id"]), 1)
    text = re.sub(r'"created":[^,]+', '"created":' + repr(recorded["created"]), text)
    assert len(text.encode()) == int(example.headers["content-length"]) == 236
