// -- @arangodb/tasks: register, unregister, get on the server's one task table ----------------------
// arangod/V8Server/v8-dispatcher.cpp JS_RegisterTask / JS_UnregisterTask / JS_GetTask. What only
// JavaScript can do happens here: the arity checks and the conversions of JS values as arangod's
// TRI_ObjectToString / TRI_ObjectToDouble / TRI_ObjectToBoolean do them (a function command
// becomes "(" + its source + ")(params)"). Every decision (permissions, the period and runAsUser
// checks, the compile check, ids, the table's rules) is Python's, the same code that serves
// POST /_api/tasks (_tasks.py), reached through the bridge.
const has = (object, key) => key in object;  // TRI_HasProperty: own or inherited
function objectToString(value) { return str(value); }
function objectToDouble(value) {
  if (typeof value === "number") return value;
  if (value instanceof Number) return +value;
  return 0;
}
const taskId = (arg) => objectToString(typeof arg === "object" && arg !== null && has(arg, "id") ? arg.id : arg);
const tasks = {
  register(options) {
    const current = inRun("tasks.register");
    if (arguments.length !== 1 || (typeof options !== "object" && typeof options !== "function") || options === null) {
      fail(10, "usage: register(<task>)");
    }
    const spec = {};
    if (has(options, "id")) spec.id = objectToString(options.id);
    if (has(options, "name")) spec.name = objectToString(options.name);
    if (has(options, "isSystem")) spec.isSystem = !!options.isSystem;
    if (has(options, "offset")) spec.offset = objectToDouble(options.offset);
    if (has(options, "period")) spec.period = objectToDouble(options.period);
    if (has(options, "runAsUser")) spec.runAsUser = objectToString(options.runAsUser);
    if (has(options, "command")) {
      const command = options.command;
      spec.command = typeof command === "function" ? "(" + call(FunctionToString, command) + ")(params)" : objectToString(command);
    }
    if (has(options, "params")) {  // TRI_V8ToVPack: what JSON cannot hold (undefined, functions) is dropped
      spec.hasParams = true;
      spec.params = options.params === undefined ? null : options.params;
    }
    const answer = ask(["register", current.batchId, current.index, nowUs(), spec]);
    noteRegistered(answer.dueUs);
    return answer.task;
  },
  unregister(arg) {
    const current = inRun("tasks.unregister");
    if (arguments.length !== 1) fail(10, "usage: unregister(<id>)");
    const id = taskId(arg);
    ask(["unregister", current.batchId, current.index, id]);
    noteUnregistered(id);
    return true;
  },
  get(arg) {
    const current = inRun("tasks.get");
    if (arguments.length > 1) fail(10, "usage: get(<id>)");
    return ask(["getTask", current.batchId, current.index, arguments.length === 1 ? taskId(arg) : null]);
  },
};
