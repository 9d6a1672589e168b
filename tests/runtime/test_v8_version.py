"""A command sees the built-ins of ArangoDB 3.12's V8, 12.1.165, not those of the newer V8 that
mini-racer embeds (14.4 in mini-racer 0.14).

The version: arangodb/docs-hugo site/content/3.12/release-notes/version-3.12/whats-new-in-3-12.md
("The bundled V8 JavaScript engine has been upgraded from version 7.9.317 to 12.1.165"), and
arangod's own version string ("... ICU 64.2, V8 12.1.165, ...") in 3.12.2 and 3.12.7. The V8
version that first shipped each removed built-in is from v8.dev/features and chromestatus.com
(Chrome N ships V8 N/10), noted beside each; every one is later than 12.1. The built-ins that must
stay are in 12.1 (most are named in that same 3.12 release note)."""

from __future__ import annotations

import json

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task

#: (holder, own property) pairs a 3.12 command cannot see; `@@x` is the well-known Symbol.x.
REMOVED = [
    # iterator helpers, V8 12.2 (https://v8.dev/features/iterator-helpers)
    *[("globalThis", "Iterator")],
    *[("%IteratorPrototype%", key) for key in ("map", "filter", "take", "drop", "flatMap", "reduce", "toArray",
                                               "forEach", "some", "every", "find", "constructor", "@@toStringTag")],
    # Set methods, V8 12.2 (Chrome 122)
    *[("Set.prototype", key) for key in ("union", "intersection", "difference", "symmetricDifference", "isSubsetOf",
                                         "isSupersetOf", "isDisjointFrom")],
    ("Promise", "try"),  # V8 12.8 (Chrome 128)
    ("Intl", "DurationFormat"),  # V8 12.9 (Chrome 129)
    ("Atomics", "pause"),  # V8 13.3 (nodejs/node#56959 "update V8 to 13.3": Atomics.pause)
    # explicit resource management, V8 13.4 (Chrome 134)
    ("globalThis", "DisposableStack"), ("globalThis", "AsyncDisposableStack"), ("globalThis", "SuppressedError"),
    ("%IteratorPrototype%", "@@dispose"), ("%AsyncIteratorPrototype%", "@@asyncDispose"),
    ("Error", "isError"),  # V8 13.4 (Chrome 134)
    # Float16Array, V8 13.5 (Chrome 135)
    ("globalThis", "Float16Array"), ("Math", "f16round"), ("DataView.prototype", "getFloat16"),
    ("DataView.prototype", "setFloat16"),
    ("RegExp", "escape"),  # V8 13.6 (Chrome 136)
    # Uint8Array to/from base64 and hex, V8 14.0 (denoland/deno#30686 "enabled by default in V8 14.0")
    ("Uint8Array", "fromBase64"), ("Uint8Array", "fromHex"), ("Uint8Array.prototype", "toBase64"),
    ("Uint8Array.prototype", "toHex"), ("Uint8Array.prototype", "setFromBase64"), ("Uint8Array.prototype", "setFromHex"),
    # Temporal, V8 14.4 (Chrome 144)
    ("globalThis", "Temporal"), ("Date.prototype", "toTemporalInstant"),
]
#: Built-ins of V8 12.1 or earlier that must stay.
PRESENT = [
    ("Array.prototype", "toSorted"), ("Array.prototype", "toReversed"), ("Array.prototype", "toSpliced"),
    ("Array.prototype", "with"), ("Array.prototype", "findLast"), ("Array.prototype", "at"),  # V8 11.0 and earlier
    ("Object", "groupBy"), ("Map", "groupBy"),  # V8 11.7
    ("Object", "hasOwn"), ("String.prototype", "replaceAll"), ("globalThis", "WeakRef"),
    ("Promise", "withResolvers"),  # V8 11.9
    ("String.prototype", "isWellFormed"), ("String.prototype", "toWellFormed"),  # V8 11.1
    ("ArrayBuffer.prototype", "transfer"), ("ArrayBuffer.prototype", "resize"),  # V8 11.4, 11.1
    ("JSON", "rawJSON"),  # V8 11.4
    ("Atomics", "waitAsync"), ("RegExp.prototype", "unicodeSets"), ("Intl", "Segmenter"),
    ("Intl", "supportedValuesOf"), ("Error", "captureStackTrace"),
    ("%IteratorPrototype%", "@@iterator"), ("%AsyncIteratorPrototype%", "@@asyncIterator"),
]

_HOLDERS = """{
    globalThis, Promise, Intl, Atomics, Error, Math, RegExp, Uint8Array, JSON, Object, Map,
    'Set.prototype': Set.prototype, 'DataView.prototype': DataView.prototype, 'Date.prototype': Date.prototype,
    'Uint8Array.prototype': Uint8Array.prototype, 'Array.prototype': Array.prototype,
    'String.prototype': String.prototype, 'ArrayBuffer.prototype': ArrayBuffer.prototype,
    'RegExp.prototype': RegExp.prototype,
    '%IteratorPrototype%': Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
    '%AsyncIteratorPrototype%': Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})()))),
}"""


def _own(fake: FakeArangoTasks, http: Http, pairs: list[tuple[str, str]]) -> dict[str, bool]:
    """Whether each holder has each own property, as a command sees it."""
    command = f"""const holders = {_HOLDERS};
        const key = (k) => k.startsWith('@@') ? Symbol[k.slice(2)] : k;
        const seen = {{}};
        for (const [holder, k] of {json.dumps(pairs)}) {{
          seen[holder + ' ' + k] = Object.prototype.hasOwnProperty.call(holders[holder], key(k));
        }}
        print(JSON.stringify(seen));"""
    _task(http, command)
    [run] = fake.advance(1)
    assert run.error is None, run.error
    return json.loads(run.output[0][1])  # type: ignore[no-any-return]


def test_built_ins_newer_than_v8_12_1_are_absent(arango_tasks: FakeArangoTasks, http: Http) -> None:
    seen = _own(arango_tasks, http, REMOVED)
    assert [name for name, present in seen.items() if present] == []


def test_built_ins_of_v8_12_1_are_present(arango_tasks: FakeArangoTasks, http: Http) -> None:
    seen = _own(arango_tasks, http, PRESENT)
    assert [name for name, present in seen.items() if not present] == []


@pytest.mark.parametrize(("command", "error"), [
    ("new Set([1]).union(new Set([2]))", "TypeError"),
    ("[1, 2].values().map(x => x)", "TypeError"),
    ("Promise.try(() => 1)", "TypeError"),
    ("new Float16Array(1)", "ReferenceError"),
    ("Iterator.from([1])", "ReferenceError"),
    ("Temporal.Now.instant()", "ReferenceError"),
])
def test_using_one_fails_as_on_3_12(arango_tasks: FakeArangoTasks, http: Http, command: str, error: str) -> None:
    _task(http, command)
    [run] = arango_tasks.advance(1)
    assert run.error is not None and run.error.type == error


def test_the_removal_is_the_baseline_isolation_restores(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """A run that puts a removed built-in back (or a look-alike) does not leave it to the next run."""
    _task(http, "Set.prototype.union = function () {}; globalThis.Iterator = function () {}; "
                "Object.defineProperty(Promise, 'try', {value: 1, configurable: true})")
    [run] = arango_tasks.advance(1)
    assert run.error is None, run.error
    seen = _own(arango_tasks, http, [("Set.prototype", "union"), ("globalThis", "Iterator"), ("Promise", "try")])
    assert not any(seen.values()), seen
