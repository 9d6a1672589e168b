// -- sandbox: what the embedding would let run outside a run is taken away, and memory outside
// the V8 heap is counted against the run's limit. ---------------------------------------------
// The timers are js/server/initialize.js's (ArangoDB 3.12, "common globals"):
//   global.setInterval = function () {};   global.clearInterval = function () {};
//   global.setTimeout = function () {};    global.clearTimeout = function () {};
// four distinct anonymous strict functions (name "", length 0, source "function () {}") that do
// nothing and return undefined: arangod's V8 contexts have no event loop, so a callback never runs
// (arangodb#9609). setImmediate and clearImmediate are not defined there, so they are not here.
// Atomics.waitAsync and FinalizationRegistry callbacks never fire here either: they would
// otherwise fire at a random wall-clock moment, outside any run. WebAssembly is not emulated.
const arangodTimer = () => [function () {}][0];  // an array element gets no name (no NamedEvaluation)
for (const name of ["__timer_manager", "queueMicrotask", "setImmediate", "clearImmediate", "setTimeout", "clearTimeout"]) {
  if (call(hasOwn, g, name)) delete g[name];  // the embedding's (mini-racer's), and what arangod lacks
}
for (const name of ["setInterval", "clearInterval", "setTimeout", "clearTimeout"]) {
  g[name] = arangodTimer();  // a new property by assignment, as there: writable, enumerable, configurable
}
const neverSettles = () => new Promise(() => {});
defineProperty(Atomics, "waitAsync", {
  value: function waitAsync() { return { async: true, value: neverSettles() }; }, writable: true, configurable: true,
});
class FinalizationRegistry {  // the same interface; cleanup callbacks never run
  constructor(callback) { if (typeof callback !== "function") throw new TypeErrorCtor("FinalizationRegistry: cleanup must be callable"); }
  register() {}
  unregister() { return false; }
}
defineProperty(g, "FinalizationRegistry", { value: FinalizationRegistry, writable: true, configurable: true, enumerable: false });
if (call(hasOwn, g, "WebAssembly")) delete g.WebAssembly;

// Loops V8 cannot stop. Array.prototype's generic methods walk every index up to `length` inside
// the builtin, where V8 never checks for termination: indexOf on {length: 2**40} ran for hours
// past its time limit, sort on it ended the process (a fatal "invalid array length"). arangod's
// V8 thread would hang or die the same way. Past a length no dense array of the run's memory
// could have, such a call throws a RangeError naming the guard instead (typed arrays are dense,
// and bounded by the ArrayBuffer memory counted below); a string, whose indexes V8 walks a
// character object at a time, has a lower bound. Within the bounds a call ends within seconds
// (join over 2**26 elements of an array-like: 3 s). The wrappers look native (name, length,
// source) and are not constructors.
const GENERIC_LOOPS = ["indexOf", "lastIndexOf", "includes", "reverse", "forEach", "some", "every", "filter", "map",
  "reduce", "reduceRight", "copyWithin", "slice", "splice", "flat", "flatMap", "unshift", "shift", "sort", "fill",
  "find", "findIndex", "findLast", "findLastIndex", "join", "toLocaleString"];
const DENSE_BYTES = 4;            // the least an element of a dense array takes (a small integer)
const STRING_LOOP_LIMIT = 2 ** 22;
const isView = ArrayBuffer.isView;
const SymbolIterator = Symbol.iterator;
const MathMax = Math.max;
function loopLimit(receiver) {
  if (typeof receiver === "string" || receiver instanceof RealString) return STRING_LOOP_LIMIT;
  return MathMax(2 ** 26, (run === null ? 0 : run.maxMemory) / DENSE_BYTES);
}
function refuseLoop(what, length, unit) {
  throw new RangeErrorCtor(what + " over " + length + " " + unit + " is not run by fake-arango-tasks: " +
    "V8 cannot stop that loop at the run's time limit");
}
// holder[name] replaced by a wrapper that looks native; `tooLong(thisValue, args)` gives the
// length that is too long (then the call is refused) or 0.
function guard(holder, name, what, tooLong, unit = "elements") {
  const native = holder[name];
  if (typeof native !== "function") return;
  const guarded = {
    [name](...args) {
      const length = tooLong(this, args);
      if (length) refuseLoop(what, length, unit);
      return apply(native, this, args);
    },
  }[name];
  defineProperty(guarded, "length", { value: native.length, configurable: true });
  mapSet(nativeSource, guarded, call(FunctionToString, native));
  defineProperty(holder, name, { value: guarded, writable: true, enumerable: false, configurable: true });
}
const overLimit = (o) => {
  if (o === null || o === undefined || isView(o)) return 0;
  const length = +o.length;
  return length > loopLimit(o) ? length : 0;
};
for (const name of GENERIC_LOOPS) guard(Array.prototype, name, "Array.prototype." + name, (self) => overLimit(self));
// Array.from over an array-like (no iterator) walks its length; String.prototype.split of a
// string too long makes an array V8 cannot allocate (a fatal error that ends the process).
guard(Array, "from", "Array.from", (self, args) => {
  const items = args[0];
  return (typeof items === "object" || typeof items === "function") && items !== null &&
    typeof items[SymbolIterator] !== "function" ? overLimit(items) : 0;
});
guard(String.prototype, "split", "String.prototype.split", (self) =>
  (typeof self === "string" || self instanceof RealString) && self.length > 2 ** 26 ? self.length : 0, "characters");

// Memory outside the V8 heap: ArrayBuffer and SharedArrayBuffer backing stores do not count
// towards V8's heap limit, so every allocation path is counted here against the run's limit; past
// it, the allocation throws V8's own RangeError and the run is stopped for its memory limit.
function account(bytes) {
  if (run === null || !(bytes > 0)) return;
  run.allocated += bytes;
  if (run.allocated > run.maxMemory) {
    stopRun("memory", "run exceeded the memory limit of " + run.maxMemory + " bytes (ArrayBuffer memory) and was stopped");
    throw new RangeErrorCtor("Array buffer allocation failed");
  }
}
const BYTES_PER = (ctor) => ctor.BYTES_PER_ELEMENT || 1;
function lengthOf(source) {
  if (source === null || source === undefined) return 0;
  if (typeof source !== "object") return +source || 0;
  if (typeof source.length === "number") return source.length;
  if (typeof source.byteLength === "number") return 0;  // a view over an existing buffer
  return 0;  // an iterable: counted by the backing store V8 creates below (rare)
}
function guardConstructor(name, bytesOf) {
  const Real = g[name];
  const guarded = new Proxy(Real, {
    construct(target, args, newTarget) {
      account(bytesOf(target, args));
      return construct(target, args, newTarget === guarded ? target : newTarget);
    },
  });
  defineProperty(Real.prototype, "constructor", { value: guarded, writable: true, configurable: true });
  defineProperty(g, name, { value: guarded, writable: true, configurable: true, enumerable: false });
}
// (a resizable buffer's maxByteLength is only reserved address space: resize and grow count)
guardConstructor("ArrayBuffer", (t, args) => +args[0] || 0);
guardConstructor("SharedArrayBuffer", (t, args) => +args[0] || 0);
for (const name of ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
  "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"]) {  // (no Float16Array: surface.js)
  if (typeof g[name] !== "function") continue;
  guardConstructor(name, (t, args) => {
    const first = args[0];
    if (first !== null && typeof first === "object" && (first instanceof RealArrayBuffer || first instanceof RealSharedArrayBuffer)) {
      return 0;  // a view over an existing buffer
    }
    return lengthOf(first) * BYTES_PER(t);
  });
}
const TypedArrayPrototype = getPrototypeOf(RealUint16Array.prototype);
for (const [holder, name, bytesOf] of [
  [RealArrayBuffer.prototype, "resize", (self, args) => (+args[0] || 0) - self.byteLength],
  [RealArrayBuffer.prototype, "transfer", (self, args) => (args.length ? +args[0] || 0 : self.byteLength)],
  [RealArrayBuffer.prototype, "transferToFixedLength", (self, args) => (args.length ? +args[0] || 0 : self.byteLength)],
  [RealSharedArrayBuffer.prototype, "grow", (self, args) => (+args[0] || 0) - self.byteLength],
  // slice (of buffers and typed arrays), map, filter and subarray make their result through the
  // (guarded) species constructor, which counts it
  [TypedArrayPrototype, "toReversed", (self) => self.byteLength],
  [TypedArrayPrototype, "toSorted", (self) => self.byteLength],
  [TypedArrayPrototype, "with", (self) => self.byteLength],
]) {
  const real = holder[name];
  if (typeof real !== "function") continue;
  const counted = {
    [name](...args) { account(bytesOf(this, args)); return apply(real, this, args); },
  }[name];
  defineProperty(holder, name, { value: counted, writable: true, configurable: true, enumerable: false });
}
