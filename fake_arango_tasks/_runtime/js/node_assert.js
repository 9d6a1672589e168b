// -- assert: js/common/bootstrap/modules/assert.js (CommonJS Unit Testing/1.0, from narwhal.js) ----
// Not Node's assert: AssertionError is a class whose message is the one given (no generated
// "1 == 2" message: toString() gives "AssertionError: 1 == 2" when there is none), deepEqual is
// the old loose one (== on primitives, the same keys, Buffers byte by byte, Dates by time, RegExps
// by source and flags, prototypes not compared but for a `prototype` property), and there is no
// deepStrictEqual, rejects or match. The module is ok itself: assert(value, message).
const assertModule = (() => {
  const ArraySort = Array.prototype.sort;
  const assert = ok;
  assert.AssertionError = class AssertionError extends ErrorCtor {
    constructor(options) {
      super(options.message);
      this.name = "AssertionError";
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
      const stackStartFunction = options.stackStartFunction || fail;
      if (ErrorCtor.captureStackTrace) ErrorCtor.captureStackTrace(this, stackStartFunction);
    }
    toString() {
      if (this.message) return call(ArrayJoin, [this.name + ":", this.message], " ");
      return call(ArrayJoin, [this.name + ":", truncate(JSONstringify(this.actual, replacer), 128), this.operator,
        truncate(JSONstringify(this.expected, replacer), 128)], " ");
    }
  };
  function replacer(key, value) {
    if (value === undefined) return "" + value;
    if (typeof value === "number" && (RealIsNaN(value) || !RealIsFinite(value))) return value.toString();
    if (typeof value === "function" || value instanceof RegExpCtor) return value.toString();
    return value;
  }
  function truncate(s, n) {
    if (typeof s == "string") return s.length < n ? s : call(StringSlice, s, 0, n);
    return s;
  }
  function fail(actual, expected, message, operator, stackStartFunction) {
    throw new assert.AssertionError({ message, actual, expected, operator, stackStartFunction });
  }
  assert.fail = fail;
  function ok(value, message) {
    if (!value) fail(value, true, message, "==", assert.ok);
  }
  assert.ok = ok;
  assert.equal = function equal(actual, expected, message) {
    if (actual != expected) fail(actual, expected, message, "==", assert.equal);
  };
  assert.notEqual = function notEqual(actual, expected, message) {
    if (actual == expected) fail(actual, expected, message, "!=", assert.notEqual);
  };
  assert.deepEqual = function deepEqual(actual, expected, message) {
    if (!_deepEqual(actual, expected)) fail(actual, expected, message, "deepEqual", assert.deepEqual);
  };
  function _deepEqual(actual, expected) {
    if (actual === expected) {
      return true;
    } else if (Buffer.isBuffer(actual) && Buffer.isBuffer(expected)) {
      if (actual.length != expected.length) return false;
      for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return false;
      return true;
    } else if (actual instanceof RealDate && expected instanceof RealDate) {
      return actual.getTime() === expected.getTime();
    } else if (actual instanceof RegExpCtor && expected instanceof RegExpCtor) {
      return actual.source === expected.source && actual.global === expected.global &&
        actual.multiline === expected.multiline && actual.lastIndex === expected.lastIndex &&
        actual.ignoreCase === expected.ignoreCase;
    } else if (typeof actual != "object" && typeof expected != "object") {
      return actual == expected;
    } else {
      return objEquiv(actual, expected);
    }
  }
  const isUndefinedOrNull = (value) => value === null || value === undefined;
  const isArguments = (object) => call(ObjectToString, object) == "[object Arguments]";
  function objEquiv(a, b) {
    if (isUndefinedOrNull(a) || isUndefinedOrNull(b)) return false;
    if (a.prototype !== b.prototype) return false;
    if (isArguments(a)) {
      if (!isArguments(b)) return false;
      return _deepEqual(call(ArraySlice, a), call(ArraySlice, b));
    }
    let ka, kb;
    try {
      ka = ObjectKeys(a);
      kb = ObjectKeys(b);
    } catch (e) {  // one is a string literal and the other is not
      return false;
    }
    if (ka.length != kb.length) return false;
    call(ArraySort, ka);
    call(ArraySort, kb);
    for (let i = ka.length - 1; i >= 0; i--) if (ka[i] != kb[i]) return false;
    for (let i = ka.length - 1; i >= 0; i--) {
      const key = ka[i];
      if (!_deepEqual(a[key], b[key])) return false;
    }
    return true;
  }
  assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
    if (_deepEqual(actual, expected)) fail(actual, expected, message, "notDeepEqual", assert.notDeepEqual);
  };
  assert.strictEqual = function strictEqual(actual, expected, message) {
    if (actual !== expected) fail(actual, expected, message, "===", assert.strictEqual);
  };
  assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    if (actual === expected) fail(actual, expected, message, "!==", assert.notStrictEqual);
  };
  function expectedException(actual, expected) {
    if (!actual || !expected) return false;
    if (call(ObjectToString, expected) === "[object RegExp]") return expected.test(actual);
    else if (actual instanceof expected) return true;
    else if (expected.call({}, actual) === true) return true;
    return false;
  }
  function _throws(shouldThrow, block, expected, message) {
    let actual;
    if (typeof expected === "string") {
      message = expected;
      expected = null;
    }
    try {
      block();
    } catch (e) {
      actual = e;
    }
    message = (expected && expected.name ? " (" + expected.name + ")." : ".") + (message ? " " + message : ".");
    if (shouldThrow && !actual) fail(actual, expected, "Missing expected exception" + message);
    if (!shouldThrow && expectedException(actual, expected)) fail(actual, expected, "Got unwanted exception" + message);
    if ((shouldThrow && actual && expected && !expectedException(actual, expected)) || (!shouldThrow && actual)) {
      throw actual;
    }
  }
  assert.throws = function (/* block, ?error, ?message */) {
    apply(_throws, this, call(ArrayConcat, [true], call(ArraySlice, arguments)));
  };
  assert.doesNotThrow = function (/* block, ?message */) {
    apply(_throws, this, call(ArrayConcat, [false], call(ArraySlice, arguments)));
  };
  assert.ifError = function (err) {
    if (err) throw err;
  };
  return assert;
})();
