// -- db._executeTransaction: the action runs here, in the transaction Python holds -------------------
// arangod/VocBase/Methods/Transactions.cpp executeTransactionJS and v8-vocbase.cpp JS_Transaction:
// the declaration's checks (lockTimeout, waitForSync, collections) and the collections' existence
// are Python's (_documents/_transactions.py parse_options, _host/_transactions.py); what only
// JavaScript can check is the action: a function is called as it is, a string is compiled as
// `return (<action>)(params);` with `params` as the argument name. The action is called with
// `params` and `this` the global object; its result is returned as it is. If it throws, every
// write of the transaction is forgotten and the error propagates unchanged; otherwise the writes
// commit. Nested transactions are 1651 unless the inner one is declared with `embed: true`.
const ACTION_ERROR = "missing/invalid action definition for transaction";
function transactionAction(spec) {
  if (!("action" in spec)) return [null, ACTION_ERROR];
  const action = spec.action;
  if (typeof action === "function") return [action, null];
  if (typeof action === "string") {
    try {
      return [new FunctionCtor("params", "return (" + action + ")(params);"), null];
    } catch (e) {
      const message = "Uncaught " + str(e.name) + ": " + str(e.message);
      return [null, ACTION_ERROR + " - " + message + " - " + str(e.name) + ": " + str(e.message)];
    }
  }
  return [null, ACTION_ERROR];
}
// The declaration as JSON carries it (TRI_V8ToVPack with functions converted to null).
function transactionDeclaration(spec) {
  const out = {};
  for (const key of ["collections", "lockTimeout", "waitForSync", "allowImplicit", "maxTransactionSize",
    "intermediateCommitSize", "intermediateCommitCount", "skipFastLockRound"]) {
    if (key in spec) out[key] = spec[key] === undefined ? null : spec[key];
  }
  return out;
}
function executeTransaction(args) {
  const current = inRun("db._executeTransaction");
  const spec = args[0];
  if (args.length !== 1 || typeof spec !== "object" || spec === null) fail(10, "usage: TRANSACTION(<object>)");
  const [action, actionError] = transactionAction(spec);
  const params = "params" in spec ? spec.params : undefined;
  const begun = host("trx.begin", current.database, transactionDeclaration(spec), !!spec.embed, actionError);
  let result;
  try {
    result = call(action, g, params);
  } catch (e) {
    if (!begun.embedded) host("trx.end", begun.id, false);
    throw e;
  }
  if (!begun.embedded) host("trx.end", begun.id, true);
  return result;
}
