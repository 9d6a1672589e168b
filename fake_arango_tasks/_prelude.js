// The environment a task command sees, installed once per V8 context by _javascript.py: what
// ArangoDB's server-side V8 gives a task (params, console, print, require of '@arangodb',
// 'internal', 'console', '@arangodb/tasks', '@arangodb/request', db), with time read from the
// fake clock, output captured per run, and globals restored after every run. Python calls the
// frozen entry points of __fakeArango with JSON text and gets JSON text back; it never holds a JS
// object. What the prelude needs between runs (batch loop, isolation, JSON, error reports) uses
// built-ins captured here, before any command runs, so a command that overwrites JSON,
// Array.prototype.map or Date cannot break it; module functions a command calls during its own
// run may still see what that run (or, for changes hidden from the isolation check, an earlier
// run of the same batch) did to the built-ins.
(function () {
  "use strict";
  const g = globalThis;
  const RealDate = Date;
  const realNowMs = Date.now;
  const JSONparse = JSON.parse;
  const JSONstringify = JSON.stringify;
  const ObjectKeys = Object.keys;
  const ObjectFreeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const getOwnPropertyDescriptors = Object.getOwnPropertyDescriptors;
  const ownKeys = Reflect.ownKeys;
  const same = Object.is;
  const hasOwn = Object.prototype.hasOwnProperty;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const isArray = Array.isArray;
  const ArrayPush = Array.prototype.push;
  const ArrayJoin = Array.prototype.join;
  const ArrayMap = Array.prototype.map;
  const ArraySlice = Array.prototype.slice;
  const ArrayIndexOf = Array.prototype.indexOf;
  const StringReplace = String.prototype.replace;
  const StringSlice = String.prototype.slice;
  const StringSplit = String.prototype.split;
  const StringStartsWith = String.prototype.startsWith;
  const RegExpTest = RegExp.prototype.test;
  const MathFloor = Math.floor;
  const RegExpCtor = RegExp;
  const MathImul = Math.imul;
  const FunctionCtor = Function;
  const ErrorCtor = Error;
  const RealString = String;
  const RealMap = Map;
  const MapGet = Map.prototype.get;
  const MapSet = Map.prototype.set;
  const MapHas = Map.prototype.has;
  const MapDelete = Map.prototype.delete;
  const MapValues = Map.prototype.values;
  const MapClear = Map.prototype.clear;
  const MapKeys = Map.prototype.keys;
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const SetCtor = Set;
  const RegExpExec = RegExp.prototype.exec;
  const StringCharCodeAt = String.prototype.charCodeAt;
  const call = (fn, self, ...args) => apply(fn, self, args);
  const push = (array, item) => call(ArrayPush, array, item);
  const str = (value) => RealString(value);

  // -- The run being executed ----------------------------------------------------------------------
  // startUs: the run's due time (microseconds); sleptUs: fake time consumed by sleep/wait.
  let run = null;
  const nowUs = () => (run === null ? 0 : run.startUs + run.sleptUs);
  const nowMs = () => MathFloor(nowUs() / 1000);

  // -- Fake time: Date.now(), new Date(), internal.time() read the run's clock ---------------------
  function FakeDate(...args) {
    if (!new.target) {
      return str(new RealDate(nowMs()));
    }
    return args.length === 0 ? new RealDate(nowMs()) : construct(RealDate, args);
  }
  FakeDate.prototype = RealDate.prototype;
  FakeDate.now = function now() { return nowMs(); };
  FakeDate.parse = RealDate.parse;
  FakeDate.UTC = RealDate.UTC;
  defineProperty(RealDate.prototype, "constructor", { value: FakeDate, writable: true, configurable: true });
  g.Date = FakeDate;

  // -- Seeded randomness: each run draws from its own stream, a function of (seed, task, run number)
  let rngState = 0;
  function hashString(text) {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) {
      h = MathImul(h ^ call(StringCharCodeAt, text, i), 16777619);
    }
    return h >>> 0;
  }
  Math.random = function random() {  // mulberry32
    rngState = (rngState + 0x6d2b79f5) | 0;
    let t = rngState;
    t = MathImul(t ^ (t >>> 15), t | 1);
    t ^= t + MathImul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  // -- Errors as ArangoDB throws them ----------------------------------------------------------------
  class ArangoError extends ErrorCtor {
    constructor(errorNum, errorMessage, code) {
      if (typeof errorNum === "object" && errorNum !== null) {  // new ArangoError({errorNum, errorMessage})
        code = errorNum.code;
        errorMessage = errorNum.errorMessage;
        errorNum = errorNum.errorNum;
      }
      super(errorMessage);
      this.name = "ArangoError";
      this.errorNum = errorNum;
      this.errorMessage = errorMessage;
      this.code = code || 500;
      this.error = true;
    }
    toString() { return "ArangoError " + this.errorNum + ": " + this.errorMessage; }
  }
  const fail = (errorNum, errorMessage, code) => { throw new ArangoError(errorNum, errorMessage, code); };

  // -- Printing as ArangoDB prints values ------------------------------------------------------------
  // js/common/bootstrap/modules/internal.js: print() writes top-level strings raw and everything
  // else as printRecursive does without pretty printing ({ "k" : v }, [ 1, 2 ], nested strings
  // JSON-quoted and cut at 256 characters); console.* (modules/console.js) formats its arguments
  // with sprintf after turning objects and arrays into that same text.
  const LIMIT_STRING = 256;
  function inspect(value, seen, limit) {
    switch (typeof value) {
      case "string": {
        const text = limit && value.length > limit ? call(StringSlice, value, 0, limit) + "..." : value;
        return JSONstringify(text);
      }
      case "number": case "boolean": case "bigint": return str(value);
      case "undefined": return "undefined";
      case "symbol": return call(Symbol.prototype.toString, value);
      case "function": return "[Function]";
    }
    if (value === null) return "null";
    if (call(ArrayIndexOf, seen, value) !== -1) return "[circular]";
    if (value instanceof ArangoError) return "[" + str(value) + "]";
    if (value instanceof RealDate || value instanceof RegExp || value instanceof ErrorCtor) return str(value);
    push(seen, value);
    let text;
    if (isArray(value)) {
      text = value.length === 0 ? "[ ]" :
        "[ " + call(ArrayJoin, call(ArrayMap, value, (v) => inspect(v, seen, limit)), ", ") + " ]";
    } else {
      const keys = ObjectKeys(value);
      text = keys.length === 0 ? "{ }" :
        "{ " + call(ArrayJoin, call(ArrayMap, keys, (k) => JSONstringify(k) + " : " + inspect(value[k], seen, limit)), ", ") + " }";
    }
    seen.length -= 1;
    return text;
  }
  function printText(args) {
    return call(ArrayJoin, call(ArrayMap, args, (a) => (typeof a === "string" ? a : inspect(a, [], LIMIT_STRING))), " ");
  }
  function consoleArg(arg) {
    if (typeof arg !== "object" || arg === null) return arg === null ? "null" : arg;
    if (arg instanceof ErrorCtor || arg instanceof RealDate || arg instanceof RegExp) return str(arg);
    return inspect(arg, [], 0);
  }
  function sprintf(args) {
    const items = call(ArrayMap, args, consoleArg);
    if (items.length === 0) return "";
    const rest = call(ArraySlice, items, 1);
    const head = typeof items[0] === "string" ? items[0] : str(items[0]);
    let used = 0;
    const text = call(StringReplace, head, /%([%sdifjo])/g, (match, code) => {
      if (code === "%") return "%";
      if (used >= rest.length) return match;
      const arg = rest[used++];
      switch (code) {
        case "d": case "i": return str(parseInt(arg, 10));
        case "f": return str(parseFloat(arg));
        case "j": case "o": return typeof arg === "string" ? arg : JSONstringify(arg);
        default: return str(arg);
      }
    });
    const tail = call(ArraySlice, rest, used);
    return tail.length === 0 ? text : text + " " + call(ArrayJoin, call(ArrayMap, tail, str), " ");
  }
  function emit(level, text) {
    if (run === null) return;
    if (run.outputChars > run.maxOutput) return;
    run.outputChars += text.length;
    push(run.output, run.outputChars > run.maxOutput ? [level, "... (output truncated by fake-arango-tasks)"] : [level, text]);
  }
  function print() { emit("print", printText(arguments)); }
  const logger = (level) => function () { emit(level, sprintf(arguments)); };
  const console = ObjectFreeze({
    log: logger("log"), info: logger("info"), warn: logger("warn"), error: logger("error"), debug: logger("debug"),
  });

  // -- Ticks: task ids and document keys come from one increasing server tick ---------------------
  let tickNext = 0;
  let tickStep = 1;
  let ticksUsed = 0;
  function newTick() {
    const tick = tickNext + ticksUsed * tickStep;
    ticksUsed += 1;
    return tick;
  }

  // -- Time: sleep and wait consume fake time, they never block --------------------------------------
  function sleep(seconds) {
    const s = +seconds;
    if (!(s >= 0)) fail(10, "usage: sleep(<seconds>)");
    if (run !== null) run.sleptUs += MathFloor(s * 1e6);
  }
  function time() { return nowUs() / 1e6; }

  // -- @arangodb/tasks: the same table as the HTTP API --------------------------------------------
  // JS_RegisterTask / JS_UnregisterTask / JS_GetTask (arangod/V8Server/v8-dispatcher.cpp). The
  // table is the snapshot Python passed in; changes are reported back as effects and the batch
  // stops after the run that made them, so Python applies them before anything else runs.
  let taskTable = new RealMap();
  function taskId(arg) {
    return typeof arg === "object" && arg !== null && "id" in arg ? str(arg.id) : str(arg);
  }
  function visibleTask(id) {
    const task = call(MapGet, taskTable, id);
    return task !== undefined && (run === null || run.superuser || task.user === run.user) ? task : undefined;
  }
  function publicTask(task) {
    const out = { id: task.id, name: task.name, created: task.created, type: task.type };
    if (task.type === "periodic") out.period = task.period;
    out.offset = task.offset;
    out.command = task.command;
    out.database = task.database;
    return out;
  }
  function millis(seconds) { const ms = seconds * 1000; return (ms < 0 ? -MathFloor(-ms) : MathFloor(ms)) / 1000; }
  const tasks = ObjectFreeze({
    register(options) {
      if (run === null) fail(4, "tasks can only be registered from a running task");
      if (arguments.length !== 1 || typeof options !== "object" || options === null) fail(10, "usage: register(<task>)");
      const id = "id" in options && options.id !== undefined ? str(options.id) : str(newTick());
      const name = "name" in options && options.name !== undefined ? str(options.name) : "user-defined task";
      const offset = "offset" in options ? +options.offset || 0 : 0;
      const hasPeriod = "period" in options && options.period !== undefined;
      const period = hasPeriod ? +options.period : 0;
      if (hasPeriod && !(period > 0)) fail(10, "task period must be specified and positive");
      if (typeof options.runAsUser === "string" && options.runAsUser !== "" && options.runAsUser !== run.user) fail(11, "forbidden");
      if (!("command" in options) || options.command === undefined) fail(10, "command must be specified");
      const command = typeof options.command === "function" ? "(" + str(options.command) + ")(params)" : str(options.command);
      try { new FunctionCtor("params", command); } catch (e) { fail(10, "cannot compile command"); }
      if (id === "") fail(1850, "invalid task id");
      if (call(MapHas, taskTable, id)) fail(1851, "duplicate task id");
      const task = {
        id, name, created: nowUs() / 1e6, type: hasPeriod ? "periodic" : "timed", period: millis(period),
        offset: millis(offset), command: "(function (params) { " + command + " } )(params);",
        database: run.database, user: run.user,
      };
      call(MapSet, taskTable, id, task);
      const body = { id, name, command, offset };
      if (hasPeriod) body.period = period;
      if ("params" in options && options.params !== undefined) body.params = options.params;
      push(run.effects, { op: "register", body: JSONparse(JSONstringify(body)), nowUs: nowUs() });
      return publicTask(task);
    },
    unregister(arg) {
      if (arguments.length !== 1) fail(10, "usage: unregister(<id>)");
      const id = taskId(arg);
      if (id === "") fail(1850, "invalid task id");
      if (visibleTask(id) === undefined) fail(1852, "task not found");
      call(MapDelete, taskTable, id);
      push(run.effects, { op: "unregister", id });
      return true;
    },
    get(arg) {
      if (arguments.length > 1) fail(10, "usage: get(<id>)");
      if (arguments.length === 0 || arg === undefined) {
        const all = [];
        for (const task of call(MapValues, taskTable)) if (visibleTask(task.id)) push(all, publicTask(task));
        return all;
      }
      const task = visibleTask(taskId(arg));
      if (task === undefined) fail(1852, "task not found");
      return publicTask(task);
    },
  });

  // -- @arangodb/request: answered from the responses the test registered ------------------------
  // js/common/modules/@arangodb/request.js over internal.download (lib/V8/v8-utils.cpp). Every
  // request is recorded on the run. An unregistered URL answers as a refused connection does:
  // status 500 and SimpleHttpClient's message, no body.
  let cannedResponses = [];
  function matchResponse(method, url) {
    for (let i = cannedResponses.length - 1; i >= 0; i--) {
      const r = cannedResponses[i];
      if ((r.method === "*" || r.method === method) && (r.url === url || (r.prefix && call(StringStartsWith, url, r.url)))) {
        return r;
      }
    }
    return null;
  }
  function endpointOf(url) {
    const m = /^(https?):\/\/([^/?#]*)/.exec(url);
    if (m === null) return url;
    const hostPort = m[2];
    const port = /:\d+$/.test(hostPort) ? "" : (m[1] === "https" ? ":443" : ":80");
    return (m[1] === "https" ? "http+ssl://" : "http+tcp://") + hostPort + port;
  }
  class IncomingResponse {
    constructor(res, encoding, json) {
      this.status = this.statusCode = res.code;
      this.message = res.message;
      this.headers = res.headers ? res.headers : {};
      this.body = this.rawBody = res.body;
      if (this.body && encoding !== null && json !== false) {
        try { this.json = JSONparse(this.body); } catch (e) { this.json = undefined; }
      }
    }
    throw(msg) {
      if (this.status >= 400) {
        const error = new ErrorCtor(msg || this.message);
        error.statusCode = this.status;
        error.details = this;
        throw error;
      }
    }
  }
  const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  function base64(text) {  // of the UTF-8 bytes of text (V8 alone has no btoa)
    const bytes = [];
    const utf8 = unescape(encodeURIComponent(text));
    for (let i = 0; i < utf8.length; i++) push(bytes, call(StringCharCodeAt, utf8, i));
    let out = "";
    for (let i = 0; i < bytes.length; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
      out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63] +
        (i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : "=") + (i + 2 < bytes.length ? BASE64[n & 63] : "=");
    }
    return out;
  }
  function querystring(qs) {
    if (typeof qs === "string") return qs;
    return call(ArrayJoin, call(ArrayMap, ObjectKeys(qs), (k) => encodeURIComponent(k) + "=" + encodeURIComponent(str(qs[k]))), "&");
  }
  function request(req) {
    if (typeof req === "string") req = { url: req, method: "GET" };
    if (req === null || typeof req !== "object") fail(10, "usage: request(<options>)");
    let url = req.url || req.uri;
    if (!url) throw new ErrorCtor("Request URL must not be empty.");
    url = str(url);
    if (req.qs) url += (/\?/.test(url) ? "&" : "?") + querystring(req.qs);
    const method = str(req.method || "get").toUpperCase();
    let body = req.body;
    const headers = {};
    if (req.json) { body = JSONstringify(body); headers["content-type"] = "application/json"; }
    else if (typeof body === "string") headers["content-type"] = "text/plain; charset=utf-8";
    else if (!body && req.form) {
      body = typeof req.form === "string" ? req.form : querystring(req.form);
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    if (req.auth) {  // request.js: {username, password} for Basic, {bearer} or {jwt} for a token
      const auth = req.auth;
      if (auth.bearer || auth.jwt) headers.authorization = "Bearer " + str(auth.bearer || auth.jwt);
      else if (auth.username !== undefined) {
        headers.authorization = "Basic " + base64(str(auth.username) + ":" + str(auth.password || ""));
      }
    }
    if (req.headers) for (const name of ObjectKeys(req.headers)) headers[name.toLowerCase()] = str(req.headers[name]);
    if (body !== undefined && body !== null && typeof body !== "string") body = JSONstringify(body);
    if (!/^https?:\/\//.test(url)) {
      const error = new SyntaxError("unsupported URL specified");
      throw error;
    }
    if ((method === "GET" || method === "HEAD") && body) fail(10, "should not provide a body value for this request method");
    push(run.requests, { method, url, headers, body: body === undefined ? null : body });
    const canned = matchResponse(method, url);
    const res = canned === null
      ? { code: 500, message: "Could not connect to '" + endpointOf(url) + "' 'connect() failed with #111 - Connection refused'" }
      : { code: canned.status, message: canned.message, headers: canned.headers, body: canned.body === null ? undefined : canned.body };
    return new IncomingResponse(res, req.encoding, req.json);
  }
  for (const method of ["DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"]) {
    request[method.toLowerCase()] = function (url, options) {
      const opts = typeof url === "object" ? url : { ...(options || {}), url };
      return request({ method, ...opts });
    };
  }
  request.request = request;
  request.Response = IncomingResponse;
  ObjectFreeze(request);

  // -- What a hardened ArangoDB refuses --------------------------------------------------------------
  // lib/V8/v8-utils.cpp with --javascript.harden and the default allow-lists: errorNum 11.
  const refuse = (message) => function () { fail(11, message, 403); };
  const readRefused = (path) => fail(11, "not allowed to read files in this path: " + str(path), 403);
  const writeRefused = (path) => fail(11, "not allowed to modify files in this path: " + str(path), 403);
  const fsModule = {};
  for (const name of ["read", "readBuffer", "readGzip", "read64", "parseFile", "mtime", "load", "exists", "isFile",
    "isDirectory", "list", "listTree", "size", "readFileSync", "readdirSync", "existsSync", "statSync"]) {
    fsModule[name] = (path) => readRefused(path);
  }
  for (const name of ["write", "append", "remove", "move", "copyFile", "copyRecursive", "makeDirectory",
    "makeDirectoryRecursive", "removeDirectory", "removeDirectoryRecursive", "writeFileSync", "mkdirSync",
    "unlinkSync", "chmod", "zipFile", "unzipFile", "linkFile"]) {
    fsModule[name] = (path) => writeRefused(path);
  }
  ObjectFreeze(fsModule);
  const externalProcesses = refuse("not allowed to execute or modify state of external processes");

  // -- Databases and collections (see _documents.js) ---------------------------------------------
  const documents = (/*DOCUMENTS*/)({
    ArangoError, fail, newTick, nowMs, JSONparse, JSONstringify, ObjectKeys, isArray, call, push, RealMap, RealString,
    MapGet, MapSet, MapHas, MapDelete, MapClear, MapKeys, MapValues, RegExpTest,
  });
  const dbProxy = new Proxy({}, {
    get(_, name) { return run === null ? undefined : documents.database(run.database).get(name); },
    has(_, name) { return run !== null && documents.database(run.database).has(name); },
    set() { return false; },
    defineProperty() { return false; },
    deleteProperty() { return false; },
    preventExtensions() { return false; },
    setPrototypeOf() { return false; },
    ownKeys() { return run === null ? [] : documents.database(run.database).keys(); },
    getOwnPropertyDescriptor(_, name) {
      if (run === null) return undefined;
      const value = documents.database(run.database).get(name);
      return value === undefined ? undefined : { value, writable: false, enumerable: true, configurable: true };
    },
  });

  // -- Modules ------------------------------------------------------------------------------------
  const errors = {};
  for (const [name, code, message] of [
    ["ERROR_INTERNAL", 4, "internal error"], ["ERROR_NOT_IMPLEMENTED", 9, "not implemented"],
    ["ERROR_BAD_PARAMETER", 10, "bad parameter"], ["ERROR_FORBIDDEN", 11, "forbidden"],
    ["ERROR_ARANGO_DOCUMENT_NOT_FOUND", 1202, "document not found"],
    ["ERROR_ARANGO_DATA_SOURCE_NOT_FOUND", 1203, "collection or view not found"],
    ["ERROR_ARANGO_DUPLICATE_NAME", 1207, "duplicate name"], ["ERROR_ARANGO_ILLEGAL_NAME", 1208, "illegal name"],
    ["ERROR_ARANGO_UNIQUE_CONSTRAINT_VIOLATED", 1210, "unique constraint violated"],
    ["ERROR_ARANGO_DOCUMENT_KEY_BAD", 1221, "illegal document key"],
    ["ERROR_TASK_INVALID_ID", 1850, "invalid task id"], ["ERROR_TASK_DUPLICATE_ID", 1851, "duplicate task id"],
    ["ERROR_TASK_NOT_FOUND", 1852, "task not found"], ["ERROR_MODULE_NOT_FOUND", 3100, "cannot locate module"],
  ]) {
    errors[name] = ObjectFreeze({ code, message });
  }
  ObjectFreeze(errors);
  const internal = ObjectFreeze({
    print, printShell: print, output: (...parts) => emit("print", call(ArrayJoin, parts, "")),
    time, sleep, wait: (seconds) => sleep(seconds), db: dbProxy, ArangoError, errors,
    registerTask: tasks.register, unregisterTask: tasks.unregister, getTask: tasks.get,
    download: refuse("not allowed to connect to this endpoint"),
    executeExternal: externalProcesses, executeExternalAndWait: externalProcesses, killExternal: externalProcesses,
    statusExternal: externalProcesses, getPid: refuse("not allowed to provide this information"),
    processStatistics: refuse("not allowed to provide this information"),
    logLevel: refuse("not allowed to change logLevel"),
  });
  const arangodb = ObjectFreeze({ print, db: dbProxy, time, errors, ArangoError });
  const modules = new RealMap([
    ["@arangodb", arangodb], ["internal", internal], ["console", console], ["@arangodb/tasks", tasks],
    ["@arangodb/request", request], ["fs", fsModule],
  ]);
  // ArangoDB's process shim (js/common/bootstrap/modules/process.js); what it would reveal of the
  // server process is refused as in a hardened server.
  const processModule = ObjectFreeze({
    env: ObjectFreeze({}), argv: ObjectFreeze([]), stdout: ObjectFreeze({ write: (text) => emit("print", str(text)) }),
    cwd: refuse("not allowed to provide this information"), nextTick: (fn, ...args) => fn(...args),
    get pid() { return fail(11, "not allowed to provide this information", 403); },
  });
  call(MapSet, modules, "process", processModule);
  function require(name) {
    const key = str(name);
    const module = call(MapGet, modules, key);
    if (module !== undefined) return module;
    throw new ArangoError(3100, "cannot locate module\nFile: " + key, 500);
  }

  // What the prelude hands to commands is frozen, functions included, so that no run can leave
  // something on it for the next (ArangoDB's own modules are shared the same way, but a real
  // server gives no isolation at all).
  const frozen = new SetCtor();
  function freezeDeep(value) {
    if ((typeof value !== "object" && typeof value !== "function") || value === null || value === dbProxy) return value;
    if (frozen.has(value)) return value;
    frozen.add(value);
    ObjectFreeze(value);
    const keys = ownKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const descriptor = getOwnPropertyDescriptor(value, keys[i]);
      if (descriptor && "value" in descriptor) freezeDeep(descriptor.value);
    }
    return value;
  }
  for (const module of [print, console, require, internal, arangodb, tasks, request, IncomingResponse, fsModule,
    processModule]) {
    freezeDeep(module);
  }
  for (const [key, value] of [["print", print], ["console", console], ["require", require], ["db", dbProxy]]) {
    defineProperty(g, key, { value, writable: true, configurable: true, enumerable: false });
  }

  // -- Isolation: what one run does to the global object is undone before the next ---------------
  // After every run: globalThis's own properties (added, removed or replaced) are compared with a
  // snapshot, and the number of own properties of the built-in constructors and prototypes.
  // Anything different is restored from the snapshot. A full comparison of every built-in method
  // (catching e.g. Array.prototype.map replaced in place) runs at the end of each batch.
  const getPrototypeOf = Object.getPrototypeOf;
  const isExtensible = Object.isExtensible;
  const ITERATOR = Symbol.iterator;
  const ArrayIteratorPrototype = getPrototypeOf([][ITERATOR]());
  const MapIteratorPrototype = getPrototypeOf(new Map()[ITERATOR]());
  const SetIteratorPrototype = getPrototypeOf(new Set()[ITERATOR]());
  const StringIteratorPrototype = getPrototypeOf(""[ITERATOR]());
  const IteratorPrototype = getPrototypeOf(ArrayIteratorPrototype);
  const GeneratorFunction = getPrototypeOf(function* () {});
  const AsyncFunction = getPrototypeOf(async function () {});
  const AsyncGeneratorFunction = getPrototypeOf(async function* () {});
  const TypedArray = getPrototypeOf(Uint8Array);
  const ROOTS = [g, Object, Object.prototype, Function, Function.prototype, Array, Array.prototype, String,
    String.prototype, Number, Number.prototype, Boolean, Boolean.prototype, Symbol, Symbol.prototype, BigInt,
    BigInt.prototype, RealDate.prototype, RegExp, RegExp.prototype, ErrorCtor, ErrorCtor.prototype, TypeError,
    TypeError.prototype, RangeError, RangeError.prototype, SyntaxError, SyntaxError.prototype, ReferenceError,
    ReferenceError.prototype, EvalError, EvalError.prototype, URIError, URIError.prototype, JSON, Math, Reflect,
    Promise, Promise.prototype, Map, Map.prototype, Set, Set.prototype, WeakMap, WeakMap.prototype, WeakSet,
    WeakSet.prototype, TypedArray, TypedArray.prototype, Uint8Array, Uint8Array.prototype, ArrayBuffer,
    ArrayBuffer.prototype, DataView.prototype, Proxy, FakeDate, ArangoError, ArangoError.prototype,
    ArrayIteratorPrototype, MapIteratorPrototype, SetIteratorPrototype, StringIteratorPrototype, IteratorPrototype,
    GeneratorFunction, GeneratorFunction.prototype, AsyncFunction, AsyncGeneratorFunction,
    AsyncGeneratorFunction.prototype];
  if (typeof Intl === "object") ROOTS.push(Intl);
  // The built-ins checked after every run; the others (rarely touched: URIError.prototype,
  // typed arrays, ...) after every run whose text may change built-ins, and at every batch end.
  const HOT = [g, Object, Object.prototype, Function.prototype, Array, Array.prototype, String.prototype,
    Number.prototype, RealDate.prototype, JSON, Math, Promise.prototype, Map.prototype, Set.prototype,
    ArrayIteratorPrototype, FakeDate];
  const hot = call(ArrayMap, HOT, (o) => call(ArrayIndexOf, ROOTS, o));
  // Methods the prelude and the commonest commands rely on between runs: compared by identity
  // after every run (cheap), so replacing one in place is undone before the next run.
  const CRITICAL = [
    [ArrayIteratorPrototype, "next"], [MapIteratorPrototype, "next"], [SetIteratorPrototype, "next"],
    [Array.prototype, ITERATOR], [Map.prototype, ITERATOR], [Set.prototype, ITERATOR], [String.prototype, ITERATOR],
    [Array.prototype, "map"], [Array.prototype, "forEach"], [Array.prototype, "push"], [Object.prototype, "toString"],
    [Object.prototype, "hasOwnProperty"], [Function.prototype, "call"], [Function.prototype, "apply"],
    [Promise.prototype, "then"], [JSON, "stringify"], [JSON, "parse"], [Math, "floor"], [FakeDate, "now"],
  ];
  const criticalValues = call(ArrayMap, CRITICAL, (pair) => pair[0][pair[1]]);
  // A run may make a change that cannot be undone (a frozen or non-extensible built-in, a replaced
  // prototype): the context is then "poisoned" and Python replaces it after the batch.
  let poisoned = false;
  let rootPrototypes = null;
  let allRoots = null;
  let rootExtensible = null;
  let snapshot = null;
  let globalNames = null;
  let globalValues = null;
  function takeSnapshot() {
    snapshot = call(ArrayMap, ROOTS, (o) => {
      const descriptors = getOwnPropertyDescriptors(o);
      return { o, descriptors, keys: ownKeys(descriptors) };
    });
    globalNames = snapshot[0].keys;
    globalValues = call(ArrayMap, globalNames, (k) => snapshot[0].descriptors[k].value);
    rootPrototypes = call(ArrayMap, ROOTS, (o) => getPrototypeOf(o));
    rootExtensible = call(ArrayMap, ROOTS, (o) => isExtensible(o));
    allRoots = call(ArrayMap, ROOTS, (o, i) => i);
  }
  function checkIrreparable(indices) {
    for (let n = 0; n < indices.length; n++) {
      const i = indices[n];
      if (isExtensible(ROOTS[i]) !== rootExtensible[i] || getPrototypeOf(ROOTS[i]) !== rootPrototypes[i]) poisoned = true;
    }
  }
  function restoreRoot(entry) {
    const o = entry.o;
    const keys = ownKeys(o);
    for (let i = 0; i < keys.length; i++) {
      if (!call(hasOwn, entry.descriptors, keys[i])) {
        try { delete o[keys[i]]; } catch (e) { /* non-configurable: left as it is */ }
      }
    }
    for (let i = 0; i < entry.keys.length; i++) {
      try { defineProperty(o, entry.keys[i], entry.descriptors[entry.keys[i]]); } catch (e) { /* non-configurable */ }
    }
  }
  function quickRestore() {
    let dirty = ownKeys(g).length !== globalNames.length;
    for (let i = 0; !dirty && i < globalNames.length; i++) dirty = !same(g[globalNames[i]], globalValues[i]);
    if (dirty) restoreRoot(snapshot[0]);
    for (let n = 1; n < hot.length; n++) {
      const entry = snapshot[hot[n]];
      if (ownKeys(entry.o).length !== entry.keys.length) restoreRoot(entry);
    }
    for (let i = 0; i < CRITICAL.length; i++) {
      if (CRITICAL[i][0][CRITICAL[i][1]] !== criticalValues[i]) {
        fullRestore();
        break;
      }
    }
    checkIrreparable(hot);
  }
  // Whether a command may change built-ins in place (Date.now = ..., Array.prototype.x = ...,
  // Object.defineProperty(...), this.x = ...): those runs get the full comparison at once. Others
  // get the quick one; an in-place change hidden from this test (computed property names) is
  // undone at the end of the batch at the latest.
  const TAMPERING = new RegExpCtor(
    "\\b(?:globalThis|global|window|self|this|eval|Function|Reflect|prototype|constructor|__proto__|" +
    "__define[GS]etter__|defineProperty|defineProperties|setPrototypeOf|assign|delete|with)\\b|" +
    "\\b(?:Object|Array|String|Number|Boolean|Symbol|BigInt|Date|RegExp|Error|JSON|Math|Promise|Map|Set|WeakMap|" +
    "WeakSet|Proxy|ArrayBuffer|Intl)\\s*(?:\\.\\s*[\\w$]+|\\[[^\\]]*\\])+\\s*(?:\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?|[-+*/%&|^])?=(?!=)");
  const tampering = new RealMap();
  function mayTamper(task) {
    let answer = call(MapGet, tampering, task.command);
    if (answer === undefined) {
      answer = call(RegExpTest, TAMPERING, task.command);
      call(MapSet, tampering, task.command, answer);
    }
    return answer;
  }
  // Whether a command may leave promise continuations (async/await, then): such a run ends its
  // batch, and its continuations, which V8 runs when the call from Python returns, still count
  // as part of the run (finishAsync collects what they printed).
  const AWAITING = /\b(?:async|await|Promise|then)\b/;
  function mayAwait(task) { return call(RegExpTest, AWAITING, task.command); }
  let asyncRun = null;
  let ticksAtBatchEnd = 0;
  function fullRestore() {
    checkIrreparable(allRoots);
    for (let n = 0; n < snapshot.length; n++) {
      const entry = snapshot[n];
      const o = entry.o;
      let dirty = ownKeys(o).length !== entry.keys.length;
      for (let i = 0; !dirty && i < entry.keys.length; i++) {
        const key = entry.keys[i];
        const want = entry.descriptors[key];
        const have = getOwnPropertyDescriptor(o, key);
        dirty = have === undefined || !same(have.value, want.value) || have.get !== want.get || have.set !== want.set;
      }
      if (dirty) restoreRoot(entry);
    }
  }

  // -- Errors as a run reports them --------------------------------------------------------------
  // A command is compiled by new Function("params", wrapped) with a sourceURL naming the task; V8
  // puts the wrapped command on line 3 of that source, after 21 characters of the wrapper on its
  // first line. Stack frames are rewritten to the user's own line and column, and frames of the
  // fake's own code are dropped.
  const WRAP_PREFIX = "(function (params) { ".length;
  const WRAP_SUFFIX = " } )(params);".length;
  function userStack(stack, file, wrapped) {
    // the user's command: the wrapped command without the wrapper; its last line's length tells
    // the wrapper's own call (after the user's code on that line) from the user's frames
    const userLines = call(StringSplit, call(StringSlice, wrapped, WRAP_PREFIX, wrapped.length - WRAP_SUFFIX), "\n");
    const lastLength = userLines[userLines.length - 1].length;
    const lines = call(StringSplit, str(stack), "\n");
    const out = [lines[0]];
    const pattern = new RegExpCtor("\\(?" + call(StringReplace, file, /[.*+?^${}()|[\]\\]/g, "\\$&") + ":(\\d+):(\\d+)\\)?");
    for (let i = 1; i < lines.length; i++) {
      const m = call(RegExpExec, pattern, lines[i]);
      if (m === null) continue;
      const line = +m[1] - 2;
      const column = line === 1 ? +m[2] - WRAP_PREFIX : +m[2];
      if (line < 1 || column < 1) continue;
      if (line === userLines.length && column > lastLength) continue;  // the wrapper calling the command
      let frame = call(StringReplace, lines[i], pattern, (whole) =>
        (whole[0] === "(" ? "(" : "") + file + ":" + line + ":" + column + (whole[whole.length - 1] === ")" ? ")" : ""));
      frame = call(StringReplace, frame, /at eval \((.*)\)$/, "at $1");  // V8's form for an anonymous frame
      push(out, frame);
    }
    return call(ArrayJoin, out, "\n");
  }
  function describe(error, file, wrapped) {
    // each part on its own: a hostile getter on one (stack, say) must not lose the others
    const attempt = (read, fallback) => { try { return read(); } catch (e) { return fallback; } };
    if (attempt(() => error instanceof ErrorCtor, false)) {
      const out = {
        type: attempt(() => str(error.name || "Error"), "Error"),
        message: attempt(() => str(error.message), "(unprintable message)"),
        stack: attempt(() => userStack(error.stack || "", file, wrapped), ""),
      };
      if (attempt(() => error instanceof ArangoError, false)) out.errorNum = attempt(() => +error.errorNum, null);
      return out;
    }
    return { type: "", message: attempt(() => "Uncaught " + inspect(error, [], 0), "Uncaught exception (unprintable)"), stack: "" };
  }

  // -- Entry points for Python ---------------------------------------------------------------------
  // The task table reaches V8 only when it changed (setTasks); a batch names runs by task id, the
  // task's registration number (so a task replaced under the same id is not run in its place), due
  // time and run number.
  let registry = new RealMap();
  const compiled = new RealMap();
  // The name stack frames give a task's command: "task:<id>", the id percent-encoded where it
  // holds characters that would end the sourceURL comment or confuse the frame's syntax.
  const taskFile = (id) => "task:" + call(StringReplace, str(id), /[\s%():]/g, (c) => encodeURIComponent(c));
  function compile(task) {
    const key = task.id + "\n" + task.command;
    let fn = call(MapGet, compiled, key);
    if (fn === undefined) {
      if (compiled.size > 10000) call(MapClear, compiled);
      fn = ObjectFreeze(new FunctionCtor("params", task.command + "\n//# sourceURL=" + taskFile(task.id)));
      call(MapSet, compiled, key, fn);
    }
    return fn;
  }
  const api = {
    updateTasks(updateJson) {
      const update = JSONparse(updateJson);
      for (let i = 0; i < update.remove.length; i++) call(MapDelete, registry, update.remove[i]);
      for (let i = 0; i < update.set.length; i++) call(MapSet, registry, update.set[i].id, update.set[i]);
      return true;
    },
    setResponses(responsesJson) {
      cannedResponses = JSONparse(responsesJson);
      return true;
    },
    // Runs the jobs of a batch in order. Stops after a run that changes the schedule (slept,
    // registered or unregistered tasks) or when the batch has used budgetMs of real time.
    batch(batchJson) {
      const batch = JSONparse(batchJson);
      tickNext = batch.tickNext;
      tickStep = batch.tickStep;
      ticksUsed = 0;
      taskTable = new RealMap(registry);
      run = null;
      asyncRun = null;
      fullRestore();  // what promise callbacks of the last batch did after it ended
      const started = realNowMs();
      const results = [];
      const jobs = batch.jobs;
      for (let j = 0; j < jobs.length; j++) {
        const job = jobs[j];
        const id = job[0], seq = job[1], dueUs = job[2], n = job[3];
        const task = call(MapGet, registry, id);
        if (task === undefined || task.seq !== seq) {
          push(results, null);  // replaced or removed since Python planned the batch
          continue;
        }
        run = {
          startUs: dueUs, sleptUs: 0, output: [], outputChars: 0, maxOutput: batch.maxOutput,
          requests: [], effects: [], database: task.database, user: task.user, superuser: task.user === "",
        };
        rngState = hashString(batch.seed + ":" + id + ":" + n);
        let thrown = null;
        let failed = false;
        try {
          const params = task.params === null ? undefined : JSONparse(task.params);
          call(compile(task), g, params);
        } catch (e) {
          thrown = e;
          failed = true;
        }
        const current = run;
        run = null;
        if (mayTamper(task)) fullRestore(); else quickRestore();
        push(results, {
          output: current.output, error: failed ? describe(thrown, taskFile(id), task.command) : null, sleptUs: current.sleptUs,
          requests: current.requests, effects: current.effects,
        });
        if (mayAwait(task)) {
          asyncRun = current;
          break;
        }
        if (poisoned || current.sleptUs > 0 || current.effects.length > 0 || realNowMs() - started > batch.budgetMs) break;
      }
      fullRestore();
      const answer = JSONstringify({ results, ticksUsed, ops: documents.drainOps(), poisoned, async: asyncRun !== null });
      ticksAtBatchEnd = ticksUsed;
      run = asyncRun;  // the continuations V8 runs after this call belong to that run
      return answer;
    },
    // After a batch that ended with a run that may have left continuations: what they did.
    finishAsync() {
      const current = run;
      run = null;
      asyncRun = null;
      fullRestore();
      const result = current === null ? null : {
        output: current.output, sleptUs: current.sleptUs, requests: current.requests, effects: current.effects,
      };
      return JSONstringify({ result, ticksUsed: ticksUsed - ticksAtBatchEnd, ops: documents.drainOps(), poisoned });
    },
    // Document operations for the HTTP API, with ArangoDB's semantics (see _documents.js).
    documents(requestJson) {
      const req = JSONparse(requestJson);
      tickNext = req.tickNext;
      tickStep = req.tickStep;
      ticksUsed = 0;
      run = { startUs: req.nowUs, sleptUs: 0 };
      let result = null;
      let error = null;
      try {
        result = documents.http(req.op, req.args);
      } catch (e) {
        if (!(e instanceof ArangoError)) throw e;
        error = { errorNum: e.errorNum, errorMessage: e.errorMessage, code: e.code };
      } finally {
        run = null;
      }
      return JSONstringify({ result, error, ticksUsed, ops: documents.drainOps() });
    },
    // Loads the documents Python holds (after a context was replaced).
    load(stateJson) {
      documents.load(JSONparse(stateJson));
      return true;
    },
  };
  defineProperty(g, "__fakeArango", { value: ObjectFreeze(api), enumerable: false, writable: false, configurable: false });
  takeSnapshot();
})();
