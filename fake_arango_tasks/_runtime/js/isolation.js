// -- isolation: what one run does to the built-ins is undone before the next -----------------------
// ArangoDB gives a task no isolation at all (a changed built-in stays in that V8 context for
// whichever task uses it next); the fake promises every run a fresh environment, so that runs do
// not depend on each other. After the prelude is installed, a snapshot records every built-in
// reachable from the global object (the "roots": constructors, prototypes, namespaces, iterator
// and generator prototypes): its own properties, prototype and extensibility. Checks compare with
// it; a root found changed is restored from it. A change that cannot be undone (a new
// non-configurable property, a frozen built-in, a global lexical binding shadowing a built-in)
// "poisons" the context: the driver ends the batch after that run and Python replaces the context
// before the next run.
//
// Speed: each root gets a generated check function with literal property names (monomorphic loads,
// about 15 ns a property) instead of a generic loop (about 45 ns). The quick check after every run
// covers the global object, the hot roots (the built-ins most code touches) and the names the
// prelude's own globals depend on; the full check (every root, every descriptor) runs after a run
// whose command may change built-ins in place (Python classifies commands by their text) and at
// every batch start and end. The measured costs are in bench/bench_runs.py.
const ITERATOR = Symbol.iterator;
const ArrayIteratorPrototype = getPrototypeOf([][ITERATOR]());
const IteratorPrototype = getPrototypeOf(ArrayIteratorPrototype);
const HOT_ROOTS = [g, Object, Object.prototype, Function.prototype, Array, Array.prototype, String.prototype,
  Number.prototype, Boolean.prototype, RealDate.prototype, FakeDate, JSON, Math, Promise, Promise.prototype,
  Map.prototype, Set.prototype, RegExpCtor.prototype, ErrorCtor.prototype, ArrayIteratorPrototype, IteratorPrototype];
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
  for (const root of HOT_ROOTS) add(root);
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
          if (e && typeof e.value === "function") {
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
  return roots;
}
// A root's snapshot and its generated checks.
function snapshotRoot(o) {
  const descriptors = getOwnPropertyDescriptors(o);
  const keys = ownKeys(descriptors);
  const values = [];
  const symbols = [];
  const lines = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const d = descriptors[key];
    if (!("value" in d)) continue;
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
  const changed = new FunctionCtor("v", "s", "return function (o) { return " +
    (lines.length ? call(ArrayJoin, lines, " ||\n ") : "false") + "; };")(values, symbols);
  return {
    o, descriptors, keys, changed, keyCount: keys.length, enumerableCount: ObjectKeys(o).length,
    prototype: getPrototypeOf(o), extensible: isExtensible(o),
  };
}
let roots = null;      // every root's snapshot
let hotRoots = null;   // the ones the quick check covers
let shadowCheck = null;
let shadowValues = null;
let poisoned = false;
// Names whose global lexical shadowing (a `let print` through an indirect eval, which no property
// check can see) would change every later run: compared by identity as seen from global code.
const SHADOWABLE = ["print", "console", "require", "db", "global", "globalThis", "Object", "Array", "String", "Number",
  "Boolean", "Symbol", "Date", "Math", "JSON", "Promise", "Error", "TypeError", "RangeError", "Map", "Set",
  "RegExp", "Function", "Reflect", "Proxy", "parseInt", "parseFloat", "isNaN", "undefined", "setTimeout"];
function takeSnapshot() {
  roots = call(ArrayMap, discoverRoots(), snapshotRoot);
  const hot = new RealSet();
  for (const o of HOT_ROOTS) setAdd(hot, o);
  hotRoots = [];
  for (let i = 0; i < roots.length; i++) if (setHas(hot, roots[i].o)) push(hotRoots, roots[i]);
  shadowCheck = new FunctionCtor("return [" + call(ArrayJoin, SHADOWABLE, ", ") + "];");
  shadowValues = shadowCheck();
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
  return entry.changed(o) || ObjectKeys(o).length !== entry.enumerableCount || getPrototypeOf(o) !== entry.prototype;
}
function fullDirty(entry) {
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
function checkShadowing() {
  const now = shadowCheck();
  for (let i = 0; i < now.length; i++) if (!same(now[i], shadowValues[i])) { poisoned = true; return; }
}
function checkRoots(entries, dirty) {
  for (let i = 0; i < entries.length; i++) {
    if (dirty(entries[i])) {
      restoreRoot(entries[i]);
      if (fullDirty(entries[i])) poisoned = true;
    }
  }
}
// After a run: quick, or full when the command may change built-ins in place.
function isolateRun(full) {
  if (full) checkRoots(roots, fullDirty); else checkRoots(hotRoots, quickDirty);
  checkShadowing();
}
// At batch start and end: what promise callbacks or hidden changes of earlier runs left.
function isolateAll() {
  checkRoots(roots, fullDirty);
  checkShadowing();
}
