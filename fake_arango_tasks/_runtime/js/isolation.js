// -- isolation: what one run does to the built-ins is undone before the next -----------------------
// ArangoDB gives a task no isolation at all (a changed built-in stays in that V8 context for
// whichever task uses it next); the fake promises every run a fresh environment, so that runs do
// not depend on each other.
//
// After the prelude is installed, every built-in reachable from the global object (constructors,
// prototypes, namespaces, iterator and generator prototypes: the "roots") is either
// - checked: the global object and the built-ins code does change (the CHECKED list: Object,
//   Array, String, Date, JSON, Math, Promise, Map, Set, RegExp, the Error family, ... and their
//   prototypes). A snapshot records their own properties, prototype and extensibility; after every
//   run a generated check compares the values (about 15 ns a property: literal property names,
//   monomorphic loads) and the number of enumerable properties, and restores a root found changed;
// - or frozen: every other built-in (Intl, Atomics, Reflect, typed arrays, WeakRef, ...), which a
//   task command has no reason to change. Freezing them costs nothing per run (checking them all
//   cost about 40 us a run); a command that tries to change one fails as it would on any frozen
//   object (silently in sloppy code, a TypeError in strict code).
// What the quick check cannot see (a new non-enumerable property, an attribute changed with the
// value kept) can only be made by the property definers (Object.defineProperty and
// defineProperties, Reflect.defineProperty, Error.captureStackTrace); they are wrapped (looking
// native: same name, length and toString) to note which checked root they touched, and the deep
// check (every key, every descriptor's attributes) runs on those roots after the run, and on all
// of them at every 16th batch's end. A change that cannot be undone (a new non-configurable
// property, a frozen or re-parented built-in) "poisons" the context: the driver ends the batch after that run and Python
// replaces the context before the next run. (A command cannot create global lexical bindings: an
// indirect eval's let/const/class stay in the eval's own scope, and only the embedder runs scripts.)
const ITERATOR = Symbol.iterator;
const ArrayIteratorPrototype = getPrototypeOf([][ITERATOR]());
const IteratorPrototype = getPrototypeOf(ArrayIteratorPrototype);
const CHECKED = [g, Object, Object.prototype, Function, Function.prototype, Array, Array.prototype, String,
  String.prototype, Number, Number.prototype, Boolean, Boolean.prototype, RealDate.prototype, FakeDate, JSON, Math,
  Promise, Promise.prototype, Map, Map.prototype, Set, Set.prototype, WeakMap.prototype, WeakSet.prototype, RegExpCtor,
  RegExpCtor.prototype, Symbol, Symbol.prototype, ArrayIteratorPrototype, IteratorPrototype, getPrototypeOf(function* () {}),
  ErrorCtor, ErrorCtor.prototype, TypeErrorCtor, TypeErrorCtor.prototype, RangeErrorCtor, RangeErrorCtor.prototype,
  SyntaxErrorCtor, SyntaxErrorCtor.prototype, ReferenceError, ReferenceError.prototype, EvalError, EvalError.prototype,
  URIError, URIError.prototype, AggregateError, AggregateError.prototype, ArangoError, ArangoError.prototype,
  Buffer, Buffer.prototype, SlowBuffer, SlowBuffer.prototype,  // buffer.js: changeable in a run, as in arangod
  EventEmitter, EventEmitter.prototype];  // node.js: the same
function discoverRoots() {
  const roots = [];
  const seen = new RealSet();
  const add = (o) => {
    if ((typeof o !== "object" && typeof o !== "function") || o === null || setHas(seen, o)) return;
    setAdd(seen, o);
    if (o === dbProxy || ObjectIsFrozen(o)) return;  // the prelude's frozen modules cannot change
    push(roots, o);
  };
  const addChain = (o) => { for (let p = o; p !== null; p = getPrototypeOf(p)) add(p); };
  for (const root of CHECKED) add(root);
  const names = ownKeys(g);
  for (let i = 0; i < names.length; i++) {
    const d = getOwnPropertyDescriptor(g, names[i]);
    if (!d || !("value" in d)) continue;
    const v = d.value;
    if ((typeof v === "object" || typeof v === "function") && v !== null) {
      add(v);
      const p = getOwnPropertyDescriptor(v, "prototype");
      if (p && "value" in p) addChain(p.value);
      addChain(getPrototypeOf(v));
      if (typeof v === "object" && !ObjectIsFrozen(v)) {  // namespaces (Intl, Atomics, ...) and their classes
        const inner = ownKeys(v);
        for (let j = 0; j < inner.length; j++) {
          const e = getOwnPropertyDescriptor(v, inner[j]);
          if (e && (typeof e.value === "function" || (typeof e.value === "object" && e.value !== null))) {
            add(e.value);
            const q = getOwnPropertyDescriptor(e.value, "prototype");
            if (q && "value" in q) add(q.value);
          }
        }
      }
    }
  }
  for (const sample of [[][ITERATOR](), new RealMap()[ITERATOR](), new RealSet()[ITERATOR](), ""[ITERATOR](),
    (function* () {})(), (async function () {}), (async function* () {})(), /x/[Symbol.matchAll]("x")]) {
    addChain(sample);
  }
  addChain(getPrototypeOf(function* () {}));
  addChain(getPrototypeOf(async function* () {}));
  const segments = new Intl.Segmenter().segment("ab");  // intrinsics no global name reaches
  addChain(segments);
  addChain(segments[ITERATOR]());
  // What the roots hold: the built-ins' methods and accessors (Array.prototype.slice, the getter of
  // Map.prototype.size) and objects (Array.prototype[Symbol.unscopables]), and what those hold in
  // turn. None is checked, so each is frozen: a trial's `Array.prototype.slice.call = f` reached
  // every later run of every task. (The global's own values are roots already.)
  for (let i = 0; i < roots.length; i++) {
    const o = roots[i];
    if (o === g) continue;
    const keys = ownKeys(o);
    for (let j = 0; j < keys.length; j++) {
      const d = getOwnPropertyDescriptor(o, keys[j]);
      if (d === undefined) continue;
      if ("value" in d) { add(d.value); } else { add(d.get); add(d.set); }
    }
  }
  return roots;
}
// A checked root's snapshot and its generated check.
function snapshotRoot(o) {
  const descriptors = getOwnPropertyDescriptors(o);
  const keys = ownKeys(descriptors);
  const values = [];
  const symbols = [];
  const lines = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const d = descriptors[key];
    if (!("value" in d)) {  // an accessor: still there (replacing it needs a definer, which is noted)
      push(values, key);
      push(lines, "!h(o, v[" + (values.length - 1) + "])");
      continue;
    }
    push(values, d.value);
    const slot = values.length - 1;
    let access;
    if (typeof key === "string") {
      access = "o[" + JSONstringify(key) + "]";
    } else {
      push(symbols, key);
      access = "o[s[" + (symbols.length - 1) + "]]";
    }
    // NaN is the one value not identical to itself: changed when it is no longer NaN
    push(lines, d.value !== d.value ? access + " === " + access : access + " !== v[" + slot + "]");
  }
  const changed = new FunctionCtor("v", "s", "h", "return function (o) { return " +
    (lines.length ? call(ArrayJoin, lines, " ||\n ") : "false") + "; };")(values, symbols, (o, k) => call(hasOwn, o, k));
  return {
    o, descriptors, keys, changed, keyCount: keys.length, enumerableCount: ObjectKeys(o).length,
    prototype: getPrototypeOf(o), extensible: isExtensible(o),
  };
}
let roots = null;        // the checked roots' snapshots
let poisoned = false;
let batchesSinceDeep = 0;
function takeSnapshot() {
  const checked = new RealSet();
  for (const o of CHECKED) setAdd(checked, o);
  const found = discoverRoots();
  roots = [];
  entryOf = new RealMap();
  for (let i = 0; i < found.length; i++) {
    if (setHas(checked, found[i])) {
      const entry = snapshotRoot(found[i]);
      push(roots, entry);
      mapSet(entryOf, found[i], entry);
    } else {
      ObjectFreeze(found[i]);
    }
  }
}
function restoreRoot(entry) {
  const o = entry.o;
  const keys = ownKeys(o);
  for (let i = 0; i < keys.length; i++) {
    if (!call(hasOwn, entry.descriptors, keys[i])) {
      try { if (!delete o[keys[i]]) poisoned = true; } catch (e) { poisoned = true; }
    }
  }
  for (let i = 0; i < entry.keys.length; i++) {
    const key = entry.keys[i];
    try { defineProperty(o, key, entry.descriptors[key]); } catch (e) { poisoned = true; }
  }
  if (getPrototypeOf(o) !== entry.prototype) {
    try { setPrototypeOf(o, entry.prototype); } catch (e) { poisoned = true; }
  }
  if (isExtensible(o) !== entry.extensible) poisoned = true;
}
function quickDirty(entry) {
  const o = entry.o;
  return entry.changed(o) || ObjectKeys(o).length !== entry.enumerableCount || getPrototypeOf(o) !== entry.prototype ||
    isExtensible(o) !== entry.extensible;
}
function deepDirty(entry) {
  const o = entry.o;
  if (quickDirty(entry) || ownKeys(o).length !== entry.keyCount || isExtensible(o) !== entry.extensible) return true;
  const keys = entry.keys;
  for (let i = 0; i < keys.length; i++) {
    const want = entry.descriptors[keys[i]];
    const have = getOwnPropertyDescriptor(o, keys[i]);
    if (have === undefined || have.get !== want.get || have.set !== want.set || have.enumerable !== want.enumerable ||
        have.writable !== want.writable || have.configurable !== want.configurable) return true;
  }
  return false;
}
function checkRoots(dirty) {
  for (let i = 0; i < roots.length; i++) {
    if (dirty(roots[i])) {
      restoreRoot(roots[i]);
      if (deepDirty(roots[i])) poisoned = true;
    }
  }
}
// The definers, wrapped to note the checked roots they touch.
let entryOf = null;            // checked root -> its snapshot entry
const touched = new RealSet();
function noteDefined(target) {
  if (entryOf !== null && (typeof target === "object" || typeof target === "function") && target !== null &&
      mapHas(entryOf, target)) setAdd(touched, target);
}
function wrapDefiner(holder, name, wrapper) {
  const original = holder[name];
  mapSet(nativeSource, wrapper, call(FunctionToString, original));
  defineProperty(holder, name, { value: wrapper, writable: true, enumerable: false, configurable: true });
}
const realDefineProperties = Object.defineProperties;
const realReflectDefine = Reflect.defineProperty;
const realCaptureStackTrace = ErrorCtor.captureStackTrace;
wrapDefiner(Object, "defineProperty", {
  defineProperty(o, key, descriptor) { noteDefined(o); return defineProperty(o, key, descriptor); },
}.defineProperty);
wrapDefiner(Object, "defineProperties", {
  defineProperties(o, descriptors) { noteDefined(o); return call(realDefineProperties, Object, o, descriptors); },
}.defineProperties);
wrapDefiner(Reflect, "defineProperty", {
  defineProperty(o, key, descriptor) { noteDefined(o); return call(realReflectDefine, Reflect, o, key, descriptor); },
}.defineProperty);
if (typeof realCaptureStackTrace === "function") {
  wrapDefiner(ErrorCtor, "captureStackTrace", {
    captureStackTrace(o, constructorOpt) { noteDefined(o); return call(realCaptureStackTrace, ErrorCtor, o, constructorOpt); },
  }.captureStackTrace);
}
wrapDefiner(Function.prototype, "toString", {
  toString() { const source = mapGet(nativeSource, this); return source !== undefined ? source : call(FunctionToString, this); },
}.toString);
function checkTouched() {
  for (const o of touched) {
    const entry = mapGet(entryOf, o);
    if (deepDirty(entry)) {
      restoreRoot(entry);
      if (deepDirty(entry)) poisoned = true;
    }
  }
  call(SetClear, touched);
}
// After every run.
function isolateRun() {
  checkRoots(quickDirty);
  if (touched.size) checkTouched();
}
// At a batch's start (what earlier calls left) and end; the deep check on every 16th batch's end.
function isolateAll(end) {
  if (end && ++batchesSinceDeep >= 16) {
    batchesSinceDeep = 0;
    checkRoots(deepDirty);
  } else {
    checkRoots(quickDirty);
  }
  if (touched.size) checkTouched();
}
