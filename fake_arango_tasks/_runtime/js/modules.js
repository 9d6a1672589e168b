// -- modules: require() and the modules ArangoDB's server-side JavaScript has ---------------------
// What a hardened ArangoDB refuses (lib/V8/v8-utils.cpp with --javascript.harden and the default
// allow-lists) throws ArangoError 11 with arangod's messages; a module ArangoDB 3.12 has that the
// fake does not emulate throws ArangoError 9 "not supported by fake-arango-tasks: <module>"; a
// module ArangoDB does not have either is 3100 "cannot locate module" (js/common/bootstrap/modules.js).
// (There is no '@arangodb/errors' in ArangoDB: the errors are require('@arangodb').errors.)
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
// process.env and internal.env (see the process module below)
const processEnv = ObjectFreeze({});
const externalProcesses = refuse("not allowed to execute or modify state of external processes");
const internal = {
  print, printShell: print, output: (...parts) => emit("print", call(ArrayJoin, parts, "")),
  time, sleep, wait, db: dbProxy, ArangoError, errors,
  // the natives @arangodb/crypto wraps (v8-utils.cpp)
  md5: crypto.md5, sha1: crypto.sha1, sha224: crypto.sha224, sha256: crypto.sha256, sha384: crypto.sha384,
  sha512: crypto.sha512, hmac: crypto.hmac, pbkdf2hs1: (salt, password, iterations, keyLength) =>
    crypto.pbkdf2(salt, password, iterations, keyLength), pbkdf2: crypto.pbkdf2, rand: crypto.rand,
  genRandomNumbers: crypto.genRandomNumbers, genRandomAlphaNumbers: crypto.genRandomAlphaNumbers,
  genRandomSalt: crypto.genRandomSalt, createNonce: crypto.createNonce, checkAndMarkNonce: crypto.checkAndMarkNonce,
  registerTask: tasks.register, unregisterTask: tasks.unregister, getTask: tasks.get,
  download: refuse("not allowed to connect to this endpoint"),
  executeExternal: externalProcesses, executeExternalAndWait: externalProcesses, killExternal: externalProcesses,
  statusExternal: externalProcesses, getPid: refuse("not allowed to provide this information"),
  processStatistics: refuse("not allowed to provide this information"),
  logLevel: refuse("not allowed to change logLevel"),
  // VERSION (js/common/bootstrap/modules/internal.js: `exports.version = global.VERSION`)
  env: processEnv, SlowBuffer,
  get version() { return batch !== null ? batch.version : undefined; },
};
const arangodb = { print, db: dbProxy, time, errors, ArangoError, aql, query };  // aql, query: aql.js
// ArangoDB's process module (js/common/bootstrap/modules/process.js, 3.12): an EventEmitter with
// env = require('internal').env, argv [], stdout/stderr whose write goes to console.infoLines /
// errorLines, cwd, nextTick (which calls its function at once, with no arguments) and exit =
// internal.exit. The fake's env is an empty frozen object: arangod's would be the server process's
// environment, and the fake never shows a command the host's. cwd is refused as in a hardened
// server; exit and the EventEmitter methods that would change it (process is frozen: the fake
// keeps no listeners on it between runs) are ArangoError 9; it is an EventEmitter (node.js), so
// listeners(), listenerCount() and getMaxListeners() answer as for an emitter with no listeners.
// There is no process.pid in ArangoDB.
const notEmulated = (what) => ({ [what]() { unsupported("process." + what); } })[what];
const processPrototype = ObjectCreate(EventEmitter.prototype);
for (const name of ["setMaxListeners", "emit", "addListener", "on", "once", "removeListener", "removeAllListeners"]) {
  processPrototype[name] = notEmulated(name);
}
const processModule = ObjectCreate(processPrototype);
processModule.env = processEnv;
processModule.argv = [];
processModule.stdout = { isTTY: false, write(text) { console.infoLines(text); } };
processModule.stderr = { isTTY: false, write(text) { console.errorLines(text); } };
processModule.cwd = refuse("not allowed to provide this information");
processModule.nextTick = function (fn) { fn(); };
processModule.exit = notEmulated("exit");
const modules = new RealMap([
  ["@arangodb", arangodb], ["internal", internal], ["console", console], ["@arangodb/tasks", tasks],
  ["@arangodb/request", request], ["fs", fsModule], ["process", processModule],
  ["@arangodb/crypto", crypto], ["@arangodb/users", users], ["buffer", bufferModule],
  ["path", pathModule], ["querystring", querystringModule], ["util", utilModule], ["events", EventEmitter],
  ["assert", assertModule], ["punycode", punycodeModule], ["url", urlModule],
]);
// loaded on first use (lodash.js)
const LAZY_MODULES = new RealMap([["lodash", loadLodash], ["underscore", loadLodash]]);
// Modules ArangoDB 3.12 bundles for server-side JavaScript (js/common/modules, js/server/modules,
// js/node: its Node.js shims and node_modules) that the fake does not emulate.
const UNSUPPORTED_MODULES = new RealSet([
  "@arangodb/actions", "@arangodb/analyzers", "@arangodb/aql", "@arangodb/aql/cache", "@arangodb/aql/explainer",
  "@arangodb/aql/functions", "@arangodb/aql/queries", "@arangodb/arango-collection", "@arangodb/arango-database",
  "@arangodb/arango-statement", "@arangodb/arango-view", "@arangodb/cluster", "@arangodb/common",
  "@arangodb/configuration", "@arangodb/enterprise-graph", "@arangodb/foxx", "@arangodb/foxx/auth",
  "@arangodb/foxx/graphql", "@arangodb/foxx/manager", "@arangodb/foxx/oauth1", "@arangodb/foxx/oauth2",
  "@arangodb/foxx/queues", "@arangodb/foxx/router", "@arangodb/foxx/sessions", "@arangodb/general-graph",
  "@arangodb/graph-examples/example-graph", "@arangodb/heap", "@arangodb/hotbackup", "@arangodb/is",
  "@arangodb/locals", "@arangodb/mimetypes", "@arangodb/pregel", "@arangodb/replication",
  "@arangodb/satellite-graph", "@arangodb/simple-query", "@arangodb/smart-graph", "@arangodb/util",
  "module", "stream", "string_decoder", "timers", "vm",
  "accepts", "ajv", "chai", "content-disposition", "dedent", "error-stack-parser", "graphql-sync",
  "highlight.js", "http-errors", "iconv-lite", "joi", "js-yaml", "marked", "media-typer", "mime-types",
  "minimatch", "qs", "range-parser", "semver", "sinon", "statuses", "toposort", "type-is", "vary",
]);
function require(name) {
  const key = str(name);
  const module = mapGet(modules, key);
  if (module !== undefined) return module;
  const lazy = mapGet(LAZY_MODULES, key);
  if (lazy !== undefined) return lazy();
  if (setHas(UNSUPPORTED_MODULES, key)) unsupported("require('" + key + "')");
  throw new ArangoError(3100, "cannot locate module\nFile: " + key, 500);
}

// What the prelude hands to commands is frozen, functions included, so that no run can leave
// something on it for the next (ArangoDB's own modules are shared the same way, but a real server
// gives no isolation at all).
const frozen = new RealSet();
setAdd(frozen, Buffer);  // (checked, not frozen: below)
setAdd(frozen, SlowBuffer);
setAdd(frozen, EventEmitter);  // (the same: node.js)
setAdd(frozen, EventEmitter.prototype);
function freezeDeep(value) {
  if ((typeof value !== "object" && typeof value !== "function") || value === null || value === dbProxy) return value;
  if (setHas(frozen, value)) return value;
  setAdd(frozen, value);
  ObjectFreeze(value);
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const descriptor = getOwnPropertyDescriptor(value, keys[i]);
    if (descriptor && "value" in descriptor) freezeDeep(descriptor.value);
  }
  return value;
}
for (const module of [print, console, require, internal, arangodb, tasks, request, IncomingResponse, fsModule,
  processModule, processPrototype, errors, dbMethods, crypto, users, pathModule, querystringModule, utilModule,
  assertModule, punycodeModule, urlModule]) {
  freezeDeep(module);
}
// Buffer, SlowBuffer and their prototypes stay changeable within a run, as in arangod (isolation.js
// checks and restores them after each run); their functions and the module object are frozen.
// So do EventEmitter (require('events')) and its prototype (node.js).
for (const holder of [Buffer, Buffer.prototype, SlowBuffer, SlowBuffer.prototype, EventEmitter,
  EventEmitter.prototype]) {
  const keys = ownKeys(holder);
  for (let i = 0; i < keys.length; i++) {
    const d = getOwnPropertyDescriptor(holder, keys[i]);
    if (d && typeof d.value === "function" && d.value !== Buffer && d.value !== SlowBuffer &&
        d.value !== EventEmitter) {
      freezeDeep(d.value);
    }
  }
}
ObjectFreeze(bufferModule);
// ArangoDB's globals: print, console, require, db, `global` beside globalThis, and aqlQuery (the
// aql tag: js/server/initialize.js `global.aqlQuery = require('@arangodb').aql`; a bare `aql` is
// arangosh's, not the server's).
for (const [key, value] of [["print", print], ["console", console], ["require", require], ["db", dbProxy], ["global", g],
  ["aqlQuery", aql]]) {
  defineProperty(g, key, { value, writable: true, configurable: true, enumerable: false });
}
// js/server/initialize.js ("common globals"): global.Buffer = require('buffer').Buffer;
// global.process = require('process'); (assignments: writable, enumerable, configurable)
g.Buffer = Buffer;
g.process = processModule;
