"""The globals ``Buffer`` and ``process`` as ArangoDB 3.12's js/server/initialize.js sets them
("common globals"):

    global.Buffer = require('buffer').Buffer;
    global.process = require('process');

``Buffer`` is js/common/bootstrap/modules/buffer.js over the native SlowBuffer of
lib/V8/v8-buffer.cpp: Node 0.10's Buffer (no Buffer.from, Buffer.alloc or buf.equals; a Buffer is a
Proxy over { length, parent, offset }, not a Uint8Array; toJSON is a plain array of the bytes).
The encodings' results are Node's documented ones, which v8-buffer.cpp's Slice/Write functions
follow (ucs2 little-endian, base64 with padding, lower-case hex). ``process`` is
js/common/bootstrap/modules/process.js."""

from __future__ import annotations

import json

import pytest

from fake_arango_tasks import FakeArangoTasks
from tests.conftest import Http
from tests.conftest import create_task as _task
from tests.conftest import one_run as _one_run


def _json(fake: FakeArangoTasks, http: Http, expression: str) -> object:
    run = _one_run(fake, http, f"print(JSON.stringify({expression}))")
    assert run.error is None, run.error
    return json.loads(run.output[0][1])


def test_buffer_and_process_are_initialize_js_s_globals(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert _json(arango_tasks, http, """['Buffer', 'process'].map(n => {
        const d = Object.getOwnPropertyDescriptor(globalThis, n);
        return [typeof globalThis[n], d.writable, d.enumerable, d.configurable];
      }).concat([Buffer === require('buffer').Buffer, process === require('process'),
                 Object.keys(require('buffer')).sort(), require('internal').SlowBuffer === require('buffer').SlowBuffer,
                 Buffer.name, Buffer.length, Buffer.poolSize])""") == [
        ["function", True, True, True], ["object", True, True, True], True, True,
        ["Buffer", "INSPECT_MAX_BYTES", "SlowBuffer"], True, "Buffer", 3, 8192]


def test_what_real_commands_do_with_buffer(arango_tasks: FakeArangoTasks, http: Http) -> None:
    # a webhook's Basic auth header, decoding base64, byte lengths, hex digests
    assert _json(arango_tasks, http, """[
        'Basic ' + new Buffer('user:pw').toString('base64'), Buffer('dXNlcjpwdw==', 'base64').toString(),
        Buffer.byteLength('h\u00e9llo'), Buffer.byteLength('\u20ac'), Buffer.byteLength('\ud83d\ude00'),
        Buffer.byteLength('aGk=', 'base64'), Buffer.byteLength('abcd', 'hex'), Buffer.byteLength('ab', 'ucs2'),
        Buffer.byteLength('\u00e9', 'binary'), Buffer.byteLength('\u00e9', 'latin1'),
        new Buffer('hi').toString('hex'), new Buffer('6869', 'hex').toString()]""") == [
        "Basic dXNlcjpwdw==", "user:pw", 6, 3, 4, 2, 2, 4, 1, 2, "6869", "hi"]


def test_node_s_newer_api_is_not_in_arangodb(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """buffer.js (Node 0.10's) has no Buffer.from, alloc, allocUnsafe, compare, nor buf.equals or
    buf.compare: a command calling one fails there with a TypeError, and here."""
    assert _json(arango_tasks, http, """[typeof Buffer.from, typeof Buffer.alloc, typeof Buffer.allocUnsafe,
        typeof Buffer.compare, typeof new Buffer('a').equals, typeof new Buffer('a').compare,
        new Buffer('a') instanceof Uint8Array, Array.isArray(new Buffer('a'))]""") == [
        "undefined"] * 6 + [False, False]
    run = _one_run(arango_tasks, http, "Buffer.from('user:pw')")
    assert run.error is not None and run.error.type == "TypeError" and "is not a function" in str(run.error)


ENCODE = [  # (string, encoding, the bytes in hex)
    ("h\u00e9llo", "utf8", "68c3a96c6c6f"), ("h\u00e9llo", "UTF-8", "68c3a96c6c6f"),
    ("\ud83d\ude00", "utf8", "f09f9880"),
    ("\u00e9\u0100", "binary", "e900"), ("\u00e9A", "ascii", "e941"),
    ("aGk=", "base64", "6869"), ("aGk", "base64", "6869"), (" a G\nk= ", "base64", "6869"),
    ("-_8=", "base64", "fbff"),  # the URL-safe alphabet
    ("DEADbeef", "hex", "deadbeef"), ("ab", "ucs2", "61006200"), ("\ud83d\ude00", "utf16le", "3dd800de"),
    ("x", "nonsense-is-default-for-length-only", None),
]


@pytest.mark.parametrize(("text", "encoding", "hex_bytes"), ENCODE, ids=[f"{e}-{i}" for i, (_, e, _) in enumerate(ENCODE)])
def test_a_string_becomes_its_bytes_in_each_encoding(arango_tasks: FakeArangoTasks, http: Http, text: str,
                                                     encoding: str, hex_bytes: str | None) -> None:
    command = f"print(new Buffer({json.dumps(text)}, {encoding!r}).toString('hex'))"
    run = _one_run(arango_tasks, http, command)
    if hex_bytes is None:  # byteLength takes it for utf8, write does not know it (buffer.js)
        assert str(run.error).startswith(f"TypeError: Unknown encoding: {encoding}")
    else:
        assert run.error is None, run.error
        assert run.output == (("print", hex_bytes),)


def test_bytes_become_text_in_each_encoding(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert _json(arango_tasks, http, """(() => {
        const b = new Buffer([0x68, 0xc3, 0xa9, 0xff]);
        return ['utf8', 'utf-8', 'ascii', 'binary', 'base64', 'hex', 'ucs2', 'UTF16LE', undefined]
          .map(e => b.toString(e)).concat([new Buffer([0xe2, 0x82]).toString(), b.toString('hex', 1, 3),
                                           b.toString('hex', -5, 99), new Buffer(0).toString('binary') === undefined]);
      })()""") == [
        "h\u00e9\ufffd", "h\u00e9\ufffd", "hC)\x7f", "h\u00c3\u00a9\u00ff", "aMOp/w==", "68c3a9ff",
        "\uc368\uffa9", "\uc368\uffa9", "h\u00e9\ufffd", "\ufffd", "c3a9", "68c3a9ff", True]


@pytest.mark.parametrize(("command", "message"), [
    ("new Buffer('a').toString('latin1')", "TypeError: Unknown encoding: latin1"),
    ("new Buffer('abc', 'hex')", "TypeError: invalid hex string"),
    ("new Buffer('zz', 'hex')", "TypeError: invalid hex string"),
    ("new Buffer(true)", "TypeError: First argument needs to be a number, array or string."),
    ("Buffer.byteLength(1)", "ArangoError: usage: byteLength(<string>, <utf8>)"),
    ("new Buffer(8).readDoubleLE(0)", "ArangoError: not supported by fake-arango-tasks: Buffer.prototype.readDoubleLE"),
])
def test_what_arangodb_refuses_is_refused(arango_tasks: FakeArangoTasks, http: Http, command: str, message: str) -> None:
    run = _one_run(arango_tasks, http, command)
    assert str(run.error).startswith(message), run.error


def test_a_buffer_s_object_behaviour(arango_tasks: FakeArangoTasks, http: Http) -> None:
    assert _json(arango_tasks, http, """(() => {
        const b = new Buffer('hello'), copy = new Buffer(b), s = b.slice(1, 3);
        s.set(0, 0x45);  // a slice shares its parent's bytes
        b[4] = 0x4f;
        const w = new Buffer(4); w.fill(0);
        const n = new Buffer(4); n.writeUInt32LE(0x01020304, 0);
        return [b.length, b[0], b.toString(), copy.toString(), s.toString(), s.length, s[0], s.get(0),
                JSON.stringify(s), JSON.parse(JSON.stringify(b)), b.slice(-3).toString(), Object.keys(b),
                Buffer.isBuffer(b), Buffer.isBuffer(s), Buffer.isBuffer(new Uint8Array(2)), b instanceof Buffer,
                Buffer.concat([new Buffer('ab'), new Buffer('cd')]).toString(),
                Buffer.concat([new Buffer('ab'), new Buffer('cd')], 3).toString(),
                (() => { const x = new Buffer('x'); return Buffer.concat([x]) === x; })(),
                new Buffer([1, 2, 255, 3.7]).toJSON(), new Buffer('hi').inspect(),
                w.write('hi', 1), w.toString('hex'), n.toString('hex'), n.readUInt16BE(0), n.readUInt32LE(0),
                new Buffer([0xff]).readInt8(0), Buffer.isEncoding('UCS-2'), Buffer.isEncoding('latin1')];
      })()""") == [
        5, 104, "hEllO", "hello", "El", 2,
        104,  # buf[i] is parent[i] (buffer.js's Proxy), not parent[offset + i]
        69, "[69,108]", [104, 69, 108, 108, 79], "llO", ["length", "parent", "offset", "_PRINT"],
        True, True, False, True, "abcd", "abc", True, [1, 2, 255, 3], "<Buffer 68 69>",
        2, "00686900", "04030201", 1027, 0x01020304, -1, True, False]


def test_print_shows_a_buffer_as_its_print_method_does(arango_tasks: FakeArangoTasks, http: Http) -> None:
    run = _one_run(arango_tasks, http, "print(new Buffer('hello')); console.log([new Buffer('hi')])")
    assert run.error is None, run.error
    assert run.output == (("print", "[Buffer, length: 5]"), ("log", "[ [Buffer, length: 2] ]"))


def test_process_is_process_js_s(arango_tasks: FakeArangoTasks, http: Http) -> None:
    """process.js: env is require('internal').env (here an empty object: the fake never shows a
    command the host's environment), argv [], nextTick calls its function at once and with no
    arguments, no pid; stdout.write goes to console.infoLines."""
    run = _one_run(arango_tasks, http, """
        process.nextTick((...args) => print('tick', args.length));
        print('after');
        print(JSON.stringify([process.env, process.env.HOME, process.env === require('internal').env,
                              Object.keys(process.env).length, process.argv, typeof process.pid,
                              process.stdout.isTTY, process.nextTick(() => 1)]));
        process.stdout.write('out\\nput');
        for (const attempt of [() => process.cwd(), () => process.exit(1), () => process.on('exit', () => {})]) {
          try { attempt(); } catch (e) { print(e.errorNum, e.errorMessage); }
        }
    """)
    assert run.error is None, run.error
    assert run.output == (
        ("print", "tick 0"), ("print", "after"),
        ("print", '[{},null,true,0,[],"undefined",false,null]'),
        ("info", "out"), ("info", "put"),
        ("print", "11 not allowed to provide this information"),
        ("print", "9 not supported by fake-arango-tasks: process.exit"),
        ("print", "9 not supported by fake-arango-tasks: process.on"))


def test_a_run_may_change_buffer_but_the_next_run_sees_arangodb_s(arango_tasks: FakeArangoTasks, http: Http) -> None:
    _task(http, """
        Buffer.prototype.toString = function () { return 'tampered'; };
        Buffer.prototype.extra = 1; Buffer.foo = 1; delete Buffer.isBuffer;
        Object.defineProperty(Buffer.prototype, 'slice', {value: () => 'x', enumerable: false});
        new Buffer('a').parent.constructor.prototype.hexSlice = () => 'tampered';
        print(new Buffer('ab').toString(), new Buffer('a').extra, new Buffer('ab').slice(1));
    """, offset=1)
    _task(http, "print(new Buffer('ab').toString(), typeof new Buffer('a').extra, typeof Buffer.foo, "
                "typeof Buffer.isBuffer, new Buffer('ab').slice(1).toString(), new Buffer('ab').toString('hex'))",
          offset=2)
    runs = arango_tasks.advance(2)
    assert [r.error for r in runs] == [None, None]
    assert runs[0].output == (("print", "tampered 1 x"),)  # changeable within a run, as in arangod
    assert runs[1].output == (("print", "ab undefined undefined function b 6162"),)
