// -- kernel: the built-ins the prelude relies on, captured before any command runs; ArangoError;
// the bridge to Python. ---------------------------------------------------------------------
// The prelude is one closure (assembled by _runtime/_prelude.py from the files of this folder, in
// order); nothing of it is reachable from a command but what the modules hand out. Code here uses
// only the captured built-ins below, so a command that overwrites JSON, Array.prototype.map or Date
// cannot break the fake's own work between runs.
const g = globalThis;
const RealDate = Date;
const realNowMs = Date.now;
const JSONparse = JSON.parse;
const JSONstringify = JSON.stringify;
const ObjectKeys = Object.keys;
const ObjectFreeze = Object.freeze;
const ObjectCreate = Object.create;
const ObjectIsFrozen = Object.isFrozen;
const defineProperty = Object.defineProperty;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const getOwnPropertyDescriptors = Object.getOwnPropertyDescriptors;
const getOwnPropertySymbols = Object.getOwnPropertySymbols;
const getPrototypeOf = Object.getPrototypeOf;
const setPrototypeOf = Object.setPrototypeOf;
const isExtensible = Object.isExtensible;
const ownKeys = Reflect.ownKeys;
const apply = Reflect.apply;
const construct = Reflect.construct;
const same = Object.is;
const hasOwn = Object.prototype.hasOwnProperty;
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
const StringCharCodeAt = String.prototype.charCodeAt;
const StringToLowerCase = String.prototype.toLowerCase;
const StringToUpperCase = String.prototype.toUpperCase;
const StringFromCharCode = String.fromCharCode;
const RegExpTest = RegExp.prototype.test;
const RegExpExec = RegExp.prototype.exec;
const RegExpCtor = RegExp;
const MathFloor = Math.floor;
const MathImul = Math.imul;
const MathMin = Math.min;
const NumberIsFinite = Number.isFinite;
const FunctionCtor = Function;
const FunctionToString = Function.prototype.toString;
const ErrorCtor = Error;
const SyntaxErrorCtor = SyntaxError;
const TypeErrorCtor = TypeError;
const RangeErrorCtor = RangeError;
const RealString = String;
const RealMap = Map;
const RealSet = Set;
const MapGet = Map.prototype.get;
const MapSet = Map.prototype.set;
const MapHas = Map.prototype.has;
const MapDelete = Map.prototype.delete;
const MapClear = Map.prototype.clear;
const MapSize = getOwnPropertyDescriptor(Map.prototype, "size").get;
const SetAdd = Set.prototype.add;
const SetHas = Set.prototype.has;
const SetClear = Set.prototype.clear;
const RealSharedArrayBuffer = SharedArrayBuffer;
const RealArrayBuffer = ArrayBuffer;
const RealInt32Array = Int32Array;
const RealUint16Array = Uint16Array;
const SabGrow = SharedArrayBuffer.prototype.grow;
const SabByteLength = getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get;
const TypedArraySubarray = getPrototypeOf(Uint16Array.prototype).subarray;
const RealEncodeURIComponent = encodeURIComponent;
const RealUnescape = unescape;
const call = (fn, self, ...args) => apply(fn, self, args);
const push = (array, item) => call(ArrayPush, array, item);
const str = (value) => RealString(value);
const mapGet = (map, key) => call(MapGet, map, key);
const mapSet = (map, key, value) => call(MapSet, map, key, value);
const mapHas = (map, key) => call(MapHas, map, key);
const mapDelete = (map, key) => call(MapDelete, map, key);
const setAdd = (set, value) => call(SetAdd, set, value);
const setHas = (set, value) => call(SetHas, set, value);

// -- Errors as ArangoDB throws them ----------------------------------------------------------------
// js/common/bootstrap/errors.js: ArangoError carries errorNum, errorMessage and code (the HTTP
// status); its text is "ArangoError <num>: <message>".
class ArangoError extends ErrorCtor {
  constructor(errorNum, errorMessage, code) {
    if (typeof errorNum === "object" && errorNum !== null) {  // new ArangoError({errorNum, errorMessage, code})
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
// The errors module (require('@arangodb').errors), generated from _errors.py's table, and each
// number's HTTP status (GeneralResponse::responseCode).
const ERROR_TABLE = /*ERRORS*/;
const errors = {};
const ERROR_STATUS = new RealMap();
for (const name of ObjectKeys(ERROR_TABLE)) {
  const [num, message, status] = ERROR_TABLE[name];
  errors[name] = ObjectFreeze({ code: num, message });
  call(MapSet, ERROR_STATUS, num, status);
}
ObjectFreeze(errors);
// Throws what arangod's TRI_CreateErrorObject makes: `code` is the number's HTTP status unless given.
const fail = (errorNum, errorMessage, code) => {
  throw new ArangoError(errorNum, errorMessage, code || call(MapGet, ERROR_STATUS, errorNum));
};
// TRI_V8_THROW_EXCEPTION_USAGE: 10 "usage: <how to call it>".
const usage = (text) => fail(10, "usage: " + text);
// "not supported by fake-arango-tasks: <what>": ArangoDB has it, the fake does not emulate it.
const unsupported = (what) => fail(9, "not supported by fake-arango-tasks: " + what, 501);

// -- The run being executed --------------------------------------------------------------------
// Set by the driver (driver.js) for the duration of one run (and of its promise continuations);
// null between runs: module functions that need a run refuse to work then.
// Fields: index (in its batch), batchId, startUs (due time), sleptUs, output, outputChars,
// maxOutput, database, user, allocated (ArrayBuffer bytes), limit (why it was stopped, or null).
let run = null;
const nowUs = () => (run === null ? 0 : run.startUs + run.sleptUs);
const nowMs = () => MathFloor(nowUs() / 1000);
const inRun = (what) => { if (run === null) fail(4, what + " can only be used while a task runs"); return run; };

// -- The bridge: synchronous calls into Python -----------------------------------------------------
// A growable SharedArrayBuffer that Python reads and writes: a header of 16 Int32 slots, then a
// message as UTF-16 code units. JS writes a request, calls `bridge` (Python runs on this thread
// while JS waits) and reads Python's answer from the same place (see _runtime/_bridge.py).
const H_LENGTH = 0, H_STATUS = 1, H_RUN_SEQ = 2, H_RUN_INDEX = 3, H_GENERATION = 4, H_BYTES = 5, H_PHASE = 6;
const HEADER_BYTES = 64;
const sab = new RealSharedArrayBuffer(1 << 20, { maxByteLength: 1 << 30 });
const header = new RealInt32Array(sab, 0, 16);
const units = new RealUint16Array(sab, HEADER_BYTES);  // length-tracking: follows the buffer's growth
header[H_BYTES] = call(SabByteLength, sab);
function ensureUnits(count) {
  const bytes = HEADER_BYTES + 2 * count;
  if (bytes > call(SabByteLength, sab)) {
    if (bytes > (1 << 30)) fail(32, "resource limit exceeded: a message of " + count + " characters is too large", 500);
    call(SabGrow, sab, bytes);
    header[H_BYTES] = call(SabByteLength, sab);
  }
}
function writeText(text) {
  const n = text.length;
  ensureUnits(n);
  for (let i = 0; i < n; i++) units[i] = call(StringCharCodeAt, text, i);
  header[H_LENGTH] = n;
}
function readText() {
  const n = header[H_LENGTH];
  let out = "";
  for (let i = 0; i < n; i += 8192) out += apply(StringFromCharCode, null, call(TypedArraySubarray, units, i, MathMin(n, i + 8192)));
  return out;
}
// A value as JSON text ("null" where JSON.stringify gives none). A command's toJSON (on
// Array.prototype, Object.prototype, its own objects) is honoured, as TRI_V8ToVPack honours it,
// but only inside one value: the texts the prelude sends are put together from such values by
// concatenation (requestText, the driver's answers), so that a toJSON can change what a command
// gave, never which request it is, for which batch and run, nor what is reported of other runs.
function jsonOf(value) {
  const text = JSONstringify(value);
  return typeof text === "string" ? text : "null";
}
function requestText(request) {
  let text = "[";
  for (let i = 0; i < request.length; i++) text += (i > 0 ? "," : "") + jsonOf(request[i]);
  return text + "]";
}
// The prelude's wrappers of built-ins (the definers, the length guards) -> the source text their
// native originals show: Function.prototype.toString answers it for them (isolation.js).
const nativeSource = new RealMap();
// ask(request) -> Python's answer (a parsed JSON value); Python's ArangoErrors are thrown here.
// askText(text): the same with the request's text already made (the driver's yield).
function ask(request) { return askText(requestText(request)); }
function askText(text) {
  writeText(text);
  header[H_STATUS] = 0;
  bridge();
  if (header[H_STATUS] === 2) {  // the answer did not fit: make room, then fetch it
    ensureUnits(header[H_LENGTH]);
    header[H_LENGTH] = -1;
    bridge();
  }
  const answer = JSONparse(readText());
  if (header[H_STATUS] === 1) throw new ArangoError(answer.errorNum, answer.errorMessage, answer.code);
  return answer;
}
