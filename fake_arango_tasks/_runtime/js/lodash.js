// -- lodash: ArangoDB bundles it (js/node/node_modules/lodash); here from the XStatic-Lodash
// package, evaluated on the first require('lodash') in a context (compiling it costs about 35 ms,
// measured in bench/bench_envjs.py; most contexts never need it) and frozen, like every module.
// require('underscore') is the same module, as 3.12 aliases it. What lodash captures when it
// loads (Date, Math.random, Array.prototype methods, setTimeout) then stays with it: if the run
// that loads it has already changed a built-in, the context is poisoned, so that the next run
// gets a fresh context instead of a lodash holding that run's changes.
let lodashModule = null;
function environmentTampered() {  // the checked roots (isolation.js): every other built-in is frozen
  if (roots === null) return false;
  for (let i = 0; i < roots.length; i++) if (deepDirty(roots[i])) return true;
  return false;
}
function loadLodash() {
  if (lodashModule !== null) return lodashModule;
  const tampered = environmentTampered();
  const source = host("module.source", "lodash");
  const module = { exports: {} };
  new FunctionCtor("module", "exports", "define", source)(module, module.exports, undefined);
  lodashModule = freezeDeep(module.exports);
  if (tampered) poisoned = true;
  return lodashModule;
}
