// -- lodash: ArangoDB bundles it (js/node/node_modules/lodash); here from the XStatic-Lodash
// package, evaluated once per context, before the isolation snapshot, so that what it captures
// (Date, Math.random, setTimeout) is the fake's own; require('underscore') is the same module, as
// 3.12 aliases it. The source is inserted by _runtime/_prelude.py.
const lodash = (function () {
  const module = { exports: {} };
  new FunctionCtor("module", "exports", "define", /*LODASH*/)(module, module.exports, undefined);
  return module.exports;
})();
