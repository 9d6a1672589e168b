// -- surface: the built-ins of ArangoDB 3.12's V8, not of the newer V8 the fake runs in. ----------
// ArangoDB 3.12 bundles V8 12.1.165 (docs-hugo site/content/3.12/release-notes/version-3.12/
// whats-new-in-3-12.md "V8 and ICU library upgrades": "upgraded from version 7.9.317 to 12.1.165";
// arangod's version string: "V8 12.1.165" in 3.12.2 through 3.12.7). mini-racer 0.14 embeds
// V8 14.4, which ships these later built-ins (the V8 version that first shipped each is from
// v8.dev/features and chromestatus.com, Chrome N = V8 N/10); they are deleted here, before any
// other section captures or guards a built-in and before isolation.js snapshots the baseline it
// restores to, so a command sees undefined (and a TypeError when it calls one), as on 3.12.
// Left alone: syntax (`using`, RegExp modifiers and duplicate named groups, import attributes),
// which no deletion can take away; Symbol.dispose and Symbol.asyncDispose, which are
// non-configurable; Intl.Locale's info methods (getCalendars, ...) and firstDayOfWeek (12.1 had
// the getters calendars, weekInfo, ... instead, which the newer V8 no longer has); Array.fromAsync
// (V8 12.1, Chrome 121: whether the 12.1.165 build had it on is not verified).
const IteratorProto = getPrototypeOf(getPrototypeOf([][Symbol.iterator]()));
const AsyncIteratorProto = getPrototypeOf(getPrototypeOf(getPrototypeOf((async function* () {})())));
const NEWER_THAN_12_1 = [
  // iterator helpers: V8 12.2 (https://v8.dev/features/iterator-helpers)
  [g, ["Iterator"]],
  [IteratorProto, ["map", "filter", "take", "drop", "flatMap", "reduce", "toArray", "forEach", "some", "every", "find",
    "constructor", Symbol.toStringTag]],
  // Set methods: V8 12.2 (Chrome 122)
  [Set.prototype, ["union", "intersection", "difference", "symmetricDifference", "isSubsetOf", "isSupersetOf",
    "isDisjointFrom"]],
  [Promise, ["try"]],                                             // V8 12.8 (Chrome 128)
  [Intl, ["DurationFormat"]],                                     // V8 12.9 (Chrome 129)
  [Atomics, ["pause"]],                                           // V8 13.3 (Chrome 133)
  // explicit resource management: V8 13.4 (Chrome 134); the `using` syntax stays
  [g, ["DisposableStack", "AsyncDisposableStack", "SuppressedError"]],
  [IteratorProto, [Symbol.dispose]],
  [AsyncIteratorProto, [Symbol.asyncDispose]],
  [Error, ["isError"]],                                           // V8 13.4 (Chrome 134)
  // Float16Array: V8 13.5 (Chrome 135)
  [g, ["Float16Array"]],
  [Math, ["f16round"]],
  [DataView.prototype, ["getFloat16", "setFloat16"]],
  [RegExp, ["escape"]],                                           // V8 13.6 (Chrome 136)
  // Uint8Array to and from base64 and hex: V8 14.0 (Chrome 140)
  [Uint8Array, ["fromBase64", "fromHex"]],
  [Uint8Array.prototype, ["toBase64", "toHex", "setFromBase64", "setFromHex"]],
  // Temporal: V8 14.4 (Chrome 144)
  [g, ["Temporal"]],
  [RealDate.prototype, ["toTemporalInstant"]],
];
for (const [holder, keys] of NEWER_THAN_12_1) {
  for (const key of keys) {
    if (call(hasOwn, holder, key)) delete holder[key];  // strict code: a non-configurable one throws
  }
}
