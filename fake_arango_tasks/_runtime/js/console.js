// -- console in full: ArangoDB's console module (js/common/bootstrap/modules/console.js) ----------
// printing.js made log/info/warn/error/debug; here the rest, and the group indentation every
// console method applies: assert, debugLines/errorLines/infoLines/logLines/warnLines (one entry
// per line), dir, group/groupCollapsed/groupEnd, time/timeEnd (on the run's fake clock: a sleep
// counts), trace. Timers and the group level belong to the run (ArangoDB keeps them in the
// context, for whichever request uses it next).
const consoleState = () => {
  const current = run;
  if (current === null) return { timers: new RealMap(), group: "" };
  if (!current.console) current.console = { timers: new RealMap(), group: "" };
  return current.console;
};
const grouped = (level, text) => emit(level, consoleState().group + text);
const lines = (level) => function () {
  const parts = call(StringSplit, sprintf(arguments), "\n");
  for (let i = 0; i < parts.length; i++) grouped(level, parts[i]);
};
for (const level of ["log", "info", "warn", "error", "debug"]) {
  console[level] = function () { grouped(level, sprintf(arguments)); };
  console[level + "Lines"] = lines(level);
}
console.assert = function (condition, ...rest) {
  if (condition) return;
  const message = sprintf(rest);
  grouped("error", message);
  const error = new ErrorCtor(message);
  error.name = "AssertionError";  // require('assert').ok(condition, message)
  error.actual = condition;
  error.expected = true;
  error.operator = "==";
  throw error;
};
console.dir = function (object) { grouped("info", inspect(object, [], 0)); };
console.group = function () {
  const state = consoleState();
  state.group += "  ";
  grouped("info", sprintf(arguments));
};
console.groupCollapsed = function () {
  const state = consoleState();
  grouped("info", sprintf(arguments));
  state.group += "  ";
};
console.groupEnd = function () {
  const state = consoleState();
  state.group = call(StringSlice, state.group, 2);
};
console.time = function (label) {
  if (typeof label !== "string") throw new ErrorCtor("label must be a string");
  mapSet(consoleState().timers, label, nowMs());
};
console.timeEnd = function (label) {
  const timers = consoleState().timers;
  const key = str(label);
  const started = mapGet(timers, key);
  if (!started && started !== 0) throw new ErrorCtor("No such label: " + key);
  mapDelete(timers, key);
  grouped("info", sprintf([key + ": %dms", nowMs() - started]));
};
// The stack as run errors show it (driver.js userStack): the command's own frames and lines.
function commandStack(stack) {
  const current = run;
  if (current === null) return stack;
  const file = taskFile(current.taskId);
  for (const entry of call(MapEntries, definitions)) {
    if (entry[1].file === file) return userStack(stack, file, entry[1].command);
  }
  return stack;
}
const MapEntries = Map.prototype.entries;
console.trace = function () {
  const holder = { name: "Trace", message: sprintf(arguments) };
  ErrorCtor.captureStackTrace(holder, console.trace);
  const parts = call(StringSplit, commandStack(str(holder.stack)), "\n");
  while (parts.length && !parts[parts.length - 1]) parts.length -= 1;
  for (let i = 0; i < parts.length; i++) grouped("info", parts[i]);
};
