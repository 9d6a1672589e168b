// -- printing: print, console.*, internal.output, as ArangoDB formats values -----------------------
// js/common/bootstrap/modules/internal.js: print() writes top-level strings raw and everything
// else as printRecursive does without pretty printing ({ "k" : v }, [ 1, 2 ], nested strings
// JSON-quoted and cut at 256 characters); console.* (js/common/modules/console.js) formats its
// arguments with sprintf after turning objects and arrays into that same text. What a run prints
// is collected on the run (emit); past maxOutput characters the rest is cut.
const LIMIT_STRING = 256;
function inspect(value, seen, limit) {
  switch (typeof value) {
    case "string": {
      const text = limit && value.length > limit ? call(StringSlice, value, 0, limit) + "..." : value;
      return JSONstringify(text);
    }
    case "number": case "boolean": case "bigint": return str(value);
    case "undefined": return "undefined";
    case "symbol": return call(Symbol.prototype.toString, value);
    case "function": return "[Function]";
  }
  if (value === null) return "null";
  if (call(ArrayIndexOf, seen, value) !== -1) return "[circular]";
  if (value instanceof ArangoError) return "[" + str(value) + "]";
  if (value instanceof RealDate || value instanceof RegExpCtor || value instanceof ErrorCtor) return str(value);
  // printRecursive (js/common/bootstrap/modules/internal.js) lets an object with a _PRINT method
  // print itself (customInspect): a Buffer is "[Buffer, length: 2]" (buffer.js)
  if (typeof value._PRINT === "function") {
    const context = { output: "" };
    value._PRINT(context);
    return str(context.output);
  }
  push(seen, value);
  let text;
  if (isArray(value)) {
    text = value.length === 0 ? "[ ]" :
      "[ " + call(ArrayJoin, call(ArrayMap, value, (v) => inspect(v, seen, limit)), ", ") + " ]";
  } else {
    const keys = ObjectKeys(value);
    text = keys.length === 0 ? "{ }" :
      "{ " + call(ArrayJoin, call(ArrayMap, keys, (k) => JSONstringify(k) + " : " + inspect(value[k], seen, limit)), ", ") + " }";
  }
  seen.length -= 1;
  return text;
}
function printText(args) {
  return call(ArrayJoin, call(ArrayMap, args, (a) => (typeof a === "string" ? a : inspect(a, [], LIMIT_STRING))), " ");
}
function consoleArg(arg) {
  if (typeof arg !== "object" || arg === null) return arg === null ? "null" : arg;
  if (arg instanceof ErrorCtor || arg instanceof RealDate || arg instanceof RegExpCtor) return str(arg);
  return inspect(arg, [], 0);
}
function sprintf(args) {
  const items = call(ArrayMap, args, consoleArg);
  if (items.length === 0) return "";
  const rest = call(ArraySlice, items, 1);
  const head = typeof items[0] === "string" ? items[0] : str(items[0]);
  let used = 0;
  const text = call(StringReplace, head, /%([%sdifjo])/g, (match, code) => {
    if (code === "%") return "%";
    if (used >= rest.length) return match;
    const arg = rest[used++];
    switch (code) {
      case "d": case "i": return str(parseInt(arg, 10));
      case "f": return str(parseFloat(arg));
      case "j": case "o": return typeof arg === "string" ? arg : JSONstringify(arg);
      default: return str(arg);
    }
  });
  const tail = call(ArraySlice, rest, used);
  return tail.length === 0 ? text : text + " " + call(ArrayJoin, call(ArrayMap, tail, str), " ");
}
// Past the limit a run keeps what fitted, the line that crossed it cut at the limit, and a marker.
// A line counts its characters, an empty one _journal.EMPTY_LINE_CHARS (generated).
const EMPTY_LINE_CHARS = /*EMPTY_LINE_CHARS*/;
function emit(level, text) {
  if (run === null || run.outputChars > run.maxOutput) return;
  const room = run.maxOutput - run.outputChars;
  const cost = text.length || EMPTY_LINE_CHARS;
  run.outputChars += cost;
  if (cost <= room) {
    push(run.output, [level, text]);
    return;
  }
  run.outputChars = run.maxOutput + 1;
  if (room > 0) push(run.output, [level, call(StringSlice, text, 0, room)]);
  push(run.output, [level, "... (output truncated by fake-arango-tasks)"]);
}
function print() { emit("print", printText(arguments)); }
const logger = (level) => function () { emit(level, sprintf(arguments)); };
const console = {
  log: logger("log"), info: logger("info"), warn: logger("warn"), error: logger("error"), debug: logger("debug"),
};
