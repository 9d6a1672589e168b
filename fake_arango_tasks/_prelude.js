// The environment a task command sees: installed once per V8 context by _javascript.py.
// It gives what ArangoDB's server-side V8 gives a task (params, console, print, require of
// '@arangodb', 'internal', 'console') with time read from the fake clock, captures output per run,
// and exposes one entry point, __fakeArango, that Python calls with JSON in and JSON out.
(function () {
  "use strict";
  const g = globalThis;
  const RealDate = Date;
  let nowUs = 0;
  let nowMs = 0;
  let output = [];

  // -- Fake time: Date.now() and new Date() read the clock at the run's time ------------------
  function FakeDate(...args) {
    if (!new.target) {
      return new RealDate(nowMs).toString();
    }
    return args.length === 0 ? new RealDate(nowMs) : new RealDate(...args);
  }
  FakeDate.prototype = RealDate.prototype;
  FakeDate.now = function now() { return nowMs; };
  FakeDate.parse = RealDate.parse;
  FakeDate.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, "constructor", { value: FakeDate });
  g.Date = FakeDate;

  // -- Printing as ArangoDB prints values -------------------------------------------------------
  // js/common/bootstrap/modules/internal.js: print() writes top-level strings raw and everything
  // else as printRecursive does without pretty printing ({ "k" : v }, [ 1, 2 ], nested strings
  // JSON-quoted and cut at 256 characters); console.* (modules/console.js) formats its arguments
  // with sprintf after turning objects and arrays into that same text.
  const LIMIT_STRING = 256;
  function inspect(value, seen, limit) {
    switch (typeof value) {
      case "string": {
        const text = limit && value.length > limit ? value.slice(0, limit) + "..." : value;
        return JSON.stringify(text);
      }
      case "number": case "boolean": case "bigint": return String(value);
      case "undefined": return "undefined";
      case "symbol": return value.toString();
      case "function": return "[Function]";
    }
    if (value === null) return "null";
    if (seen.indexOf(value) !== -1) return "[circular]";
    if (value instanceof ArangoError) return "[" + String(value) + "]";
    if (value instanceof RealDate || value instanceof RegExp || value instanceof Error) return String(value);
    seen.push(value);
    let text;
    if (Array.isArray(value)) {
      text = value.length === 0 ? "[ ]" : "[ " + value.map((v) => inspect(v, seen, limit)).join(", ") + " ]";
    } else {
      const keys = Object.keys(value);
      text = keys.length === 0 ? "{ }" :
        "{ " + keys.map((k) => JSON.stringify(k) + " : " + inspect(value[k], seen, limit)).join(", ") + " }";
    }
    seen.pop();
    return text;
  }
  function printText(args) {
    return Array.prototype.map.call(args, (a) => (typeof a === "string" ? a : inspect(a, [], LIMIT_STRING))).join(" ");
  }
  function consoleArg(arg) {
    if (typeof arg !== "object" || arg === null) return arg === null ? "null" : arg;
    if (arg instanceof Error || arg instanceof RealDate || arg instanceof RegExp) return String(arg);
    return inspect(arg, [], 0);
  }
  function sprintf(args) {
    const items = Array.prototype.map.call(args, consoleArg);
    if (items.length === 0) return "";
    let rest = items.slice(1);
    const head = typeof items[0] === "string" ? items[0] : String(items[0]);
    const text = head.replace(/%([%sdifjo])/g, (match, code) => {
      if (code === "%") return "%";
      if (rest.length === 0) return match;
      const arg = rest.shift();
      switch (code) {
        case "d": case "i": return String(parseInt(arg, 10));
        case "f": return String(parseFloat(arg));
        case "j": case "o": return typeof arg === "string" ? arg : JSON.stringify(arg);
        default: return String(arg);
      }
    });
    return [text].concat(rest.map(String)).join(" ");
  }
  function print() { output.push(["print", printText(arguments)]); }
  function logger(level) {
    return function () { output.push([level, sprintf(arguments)]); };
  }
  const console = {
    log: logger("log"), info: logger("info"), warn: logger("warn"), error: logger("error"), debug: logger("debug"),
  };

  // -- Errors as ArangoDB throws them -------------------------------------------------------------
  class ArangoError extends Error {
    constructor(errorNum, errorMessage, code) {
      super(errorMessage);
      this.name = "ArangoError";
      this.errorNum = errorNum;
      this.errorMessage = errorMessage;
      this.code = code || 500;
      this.error = true;
    }
    toString() { return "ArangoError " + this.errorNum + ": " + this.errorMessage; }
  }

  // -- Modules ------------------------------------------------------------------------------------
  const internal = {
    print,
    time() { return nowUs / 1e6; },
    ArangoError,
  };
  const arangodb = { print, time: internal.time, ArangoError };
  const modules = { "@arangodb": arangodb, internal, console };
  function require(name) {
    if (Object.prototype.hasOwnProperty.call(modules, name)) return modules[name];
    throw new ArangoError(3100, "cannot locate module\nFile: " + String(name));
  }

  for (const [key, value] of Object.entries({ print, console, require })) {
    Object.defineProperty(g, key, { value, writable: true, configurable: true, enumerable: false });
  }

  // -- Entry points for Python ---------------------------------------------------------------------
  function describe(error) {
    try {
      if (error instanceof Error) {
        return { message: String(error), stack: String(error.stack || "") };
      }
      return { message: "Uncaught " + inspect(error, [], 0), stack: "" };
    } catch (e) {
      return { message: "Uncaught exception (unprintable)", stack: "" };
    }
  }
  const api = {
    compiles(command) {
      try {
        new Function("params", command);
        return true;
      } catch (e) {
        return false;
      }
    },
    run(jobJson) {
      const job = JSON.parse(jobJson);
      nowUs = job.nowUs;
      nowMs = Math.floor(nowUs / 1000);
      output = [];
      let error = null;
      try {
        const params = job.params === null ? undefined : JSON.parse(job.params);
        new Function("params", job.command).call(g, params);
      } catch (e) {
        error = describe(e);
      }
      const result = JSON.stringify({ output, error });
      output = [];
      return result;
    },
  };
  Object.defineProperty(g, "__fakeArango", { value: Object.freeze(api), enumerable: false });
})();
