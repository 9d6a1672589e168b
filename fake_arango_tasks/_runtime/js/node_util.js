// -- util: js/node/util.js (ArangoDB's, "based on Node.js 4.1.0 /lib/util.js") -----------------
// format (%s %d %j %%; an object with a _PRINT, a Buffer, shows as ArangoDB prints it), inspect
// (Node 4.1's: strings single-quoted, constructor names, Map and Set, depth 2, 60-column lines,
// showHidden, customInspect, colors; ArangoDB's simpleJoi), deprecate (warns once, through
// console.warnLines), debuglog (a function that does nothing), log (console.log with a
// "2 Dec 06:48:23" local-time stamp, on the fake clock), inherits, _extend, the is* predicates
// and the deprecated p, print, puts, debug, error, pump; exec needs require('child_process'),
// which ArangoDB does not have (ArangoError 3100, as there). util.js is strict code.
const utilModule = (() => {
  const exports = {};
  const ArrayUnshift = Array.prototype.unshift;
  const SetForEach = Set.prototype.forEach;
  const MapForEach = Map.prototype.forEach;
  const SetSizeGet = getOwnPropertyDescriptor(Set.prototype, "size").get;
  const hasOwnProperty = (obj, prop) => call(hasOwn, obj, prop);
  const objectToString = (o) => call(ObjectToString, o);
  function deprecate(fn, msg) {
    let warned = false;
    return function () {
      if (!warned) {
        warned = true;
        console.warnLines(msg);
      }
      return apply(fn, this, arguments);
    };
  }
  function arangoPrint(obj) {
    const ctx = { output: "" };
    obj._PRINT(ctx);
    return ctx.output;
  }
  const formatRegExp = /%[sdj%]/g;
  exports.format = function (f) {
    if (typeof f !== "string") {
      const objects = [];
      for (let i = 0; i < arguments.length; i++) {
        if (arguments[i] && typeof arguments[i]._PRINT === "function") push(objects, arangoPrint(arguments[i]));
        else push(objects, inspect(arguments[i]));
      }
      return call(ArrayJoin, objects, " ");
    }
    if (arguments.length === 1) return f;
    let i = 1;
    const args = arguments;
    const len = args.length;
    let text = call(StringReplace, str(f), formatRegExp, function (x) {
      if (x === "%%") return "%";
      if (i >= len) return x;
      switch (x) {
        case "%s": return str(args[i++]);
        case "%d": return RealNumber(args[i++]);
        case "%j":
          try {
            return JSONstringify(args[i++]);
          } catch (_) {
            return "[Circular]";
          }
        default:
          return x;
      }
    });
    for (let x = args[i]; i < len; x = args[++i]) {
      if (x === null || (typeof x !== "object" && typeof x !== "symbol")) text += " " + x;
      else if (x && typeof x._PRINT === "function") text += " " + arangoPrint(x);
      else text += " " + inspect(x);
    }
    return text;
  };
  exports.deprecate = deprecate;
  exports.debuglog = function () { return function () {}; };

  function inspect(obj, opts) {
    const ctx = { seen: [], stylize: stylizeNoColor };
    if (arguments.length >= 3) ctx.depth = arguments[2];
    if (arguments.length >= 4) ctx.colors = arguments[3];
    if (typeof opts === "boolean") ctx.showHidden = opts;
    else if (opts) exports._extend(ctx, opts);
    if (ctx.showHidden === undefined) ctx.showHidden = false;
    if (ctx.depth === undefined) ctx.depth = 2;
    if (ctx.colors === undefined) ctx.colors = false;
    if (ctx.customInspect === undefined) ctx.customInspect = true;
    if (ctx.colors) ctx.stylize = stylizeWithColor;
    return formatValue(ctx, obj, ctx.depth);
  }
  exports.inspect = inspect;
  inspect.colors = {
    bold: [1, 22], italic: [3, 23], underline: [4, 24], inverse: [7, 27], white: [37, 39], grey: [90, 39],
    black: [30, 39], blue: [34, 39], cyan: [36, 39], green: [32, 39], magenta: [35, 39], red: [31, 39],
    yellow: [33, 39],
  };
  inspect.styles = {
    special: "cyan", number: "yellow", boolean: "yellow", undefined: "grey", null: "bold", string: "green",
    symbol: "green", date: "magenta", regexp: "red",
  };
  function stylizeWithColor(text, styleType) {
    const style = inspect.styles[styleType];
    if (style) return "\u001b[" + inspect.colors[style][0] + "m" + text + "\u001b[" + inspect.colors[style][1] + "m";
    return text;
  }
  function stylizeNoColor(text, styleType) { return text; }
  function arrayToHash(array) {
    const hash = {};
    call(ArrayForEach, array, function (val, idx) { hash[val] = true; });
    return hash;
  }
  function getConstructorOf(obj) {
    while (obj) {
      const descriptor = getOwnPropertyDescriptor(obj, "constructor");
      if (descriptor !== undefined && typeof descriptor.value === "function" && descriptor.value.name !== "") {
        return descriptor.value;
      }
      obj = getPrototypeOf(obj);
    }
    return null;
  }
  function formatValue(ctx, value, recurseTimes) {
    // a user-specified inspect function (not util's own, not on a prototype object)
    if (ctx.customInspect && value && typeof value.inspect === "function" && value.inspect !== exports.inspect &&
        !(value.constructor && value.constructor.prototype === value)) {
      let ret = value.inspect(recurseTimes, ctx);
      if (typeof ret !== "string") ret = formatValue(ctx, ret, recurseTimes);
      return ret;
    }
    const primitive = formatPrimitive(ctx, value);
    if (primitive) return primitive;
    let keys = ObjectKeys(value);
    const visibleKeys = arrayToHash(keys);
    if (ctx.showHidden) {
      keys = getOwnPropertyNames(value);
      keys = call(ArrayConcat, keys, getOwnPropertySymbols(value));
    }
    let formatted;
    let raw = value;
    try {
      if (!isDate(value)) raw = value.valueOf();
    } catch (e) {
      // ignore
    }
    if (typeof raw === "string") {
      keys = call(ArrayFilter, keys, function (key) { return !(key >= 0 && key < raw.length); });
    }
    if (keys.length === 0) {
      if (typeof value === "function") {
        const name = value.name ? ": " + value.name : "";
        return ctx.stylize("[Function" + name + "]", "special");
      }
      if (isRegExp(value)) return ctx.stylize(call(RegExpToString, value), "regexp");
      if (isDate(value)) return ctx.stylize(call(DateToString, value), "date");
      if (isError(value)) return formatError(value);
      if (typeof raw === "string") {
        formatted = formatPrimitiveNoColor(ctx, raw);
        return ctx.stylize("[String: " + formatted + "]", "string");
      }
      if (typeof raw === "number") {
        formatted = formatPrimitiveNoColor(ctx, raw);
        return ctx.stylize("[Number: " + formatted + "]", "number");
      }
      if (typeof raw === "boolean") {
        formatted = formatPrimitiveNoColor(ctx, raw);
        return ctx.stylize("[Boolean: " + formatted + "]", "boolean");
      }
    }
    let constructor = getConstructorOf(value);
    let base = "";
    let empty = false;
    let braces, formatter;
    if (isArray(value)) {
      if (constructor === RealArray) constructor = null;
      braces = ["[", "]"];
      empty = value.length === 0;
      formatter = formatArray;
    } else if (value instanceof RealSet) {
      braces = ["{", "}"];
      if (ctx.showHidden) call(ArrayUnshift, keys, "size");  // as `length` for arrays
      empty = value.size === 0;
      formatter = formatSet;
    } else if (value instanceof RealMap) {
      braces = ["{", "}"];
      if (ctx.showHidden) call(ArrayUnshift, keys, "size");
      empty = value.size === 0;
      formatter = formatMap;
    } else {
      if (constructor === Object) constructor = null;
      braces = ["{", "}"];
      empty = true;  // no other data than keys
      formatter = formatObject;
    }
    empty = empty === true && keys.length === 0;
    if (typeof value === "function") base = " [Function" + (value.name ? ": " + value.name : "") + "]";
    if (isRegExp(value)) base = " " + call(RegExpToString, value);
    if (isDate(value)) base = " " + call(DateToUTCString, value);
    if (isError(value)) base = " " + formatError(value);
    if (typeof raw === "string") base = " [String: " + formatPrimitiveNoColor(ctx, raw) + "]";
    if (typeof raw === "number") base = " [Number: " + formatPrimitiveNoColor(ctx, raw) + "]";
    if (typeof raw === "boolean") base = " [Boolean: " + formatPrimitiveNoColor(ctx, raw) + "]";
    if (ctx.simpleJoi && value && value.isJoi) return "[Schema: " + value._type + "]";
    if (!base && typeof value._PRINT === "function") base = " " + arangoPrint(value);
    if (base === "" && constructor) braces[0] = constructor.name + " " + braces[0];
    if (empty === true) return braces[0] + base + braces[1];
    if (recurseTimes < 0) {
      if (isRegExp(value)) return ctx.stylize(call(RegExpToString, value), "regexp");
      return ctx.stylize("[Object]", "special");
    }
    push(ctx.seen, value);
    const output = formatter(ctx, value, recurseTimes, visibleKeys, keys);
    call(ArrayPop, ctx.seen);
    return reduceToSingleString(output, base, braces);
  }
  function formatPrimitive(ctx, value) {
    if (value === undefined) return ctx.stylize("undefined", "undefined");
    if (value === null) return ctx.stylize("null", "null");
    const type = typeof value;
    if (type === "string") {
      let simple = call(StringReplace, JSONstringify(value), /^"|"$/g, "");
      simple = call(StringReplace, simple, /'/g, "\\'");
      simple = "'" + call(StringReplace, simple, /\\"/g, "\"") + "'";
      return ctx.stylize(simple, "string");
    }
    if (type === "number") {
      if (value === 0 && 1 / value < 0) return ctx.stylize("-0", "number");
      return ctx.stylize("" + value, "number");
    }
    if (type === "boolean") return ctx.stylize("" + value, "boolean");
    if (type === "symbol") return ctx.stylize(call(SymbolToString, value), "symbol");
  }
  function formatPrimitiveNoColor(ctx, value) {
    const stylize = ctx.stylize;
    ctx.stylize = stylizeNoColor;
    const text = formatPrimitive(ctx, value);
    ctx.stylize = stylize;
    return text;
  }
  function formatError(value) { return "[" + call(ErrorToString, value) + "]"; }
  function formatObject(ctx, value, recurseTimes, visibleKeys, keys) {
    return call(ArrayMap, keys, function (key) {
      return formatProperty(ctx, value, recurseTimes, visibleKeys, key, false);
    });
  }
  function formatArray(ctx, value, recurseTimes, visibleKeys, keys) {
    const output = [];
    for (let i = 0, l = value.length; i < l; ++i) {
      if (hasOwnProperty(value, str(i))) push(output, formatProperty(ctx, value, recurseTimes, visibleKeys, str(i), true));
      else push(output, "");
    }
    call(ArrayForEach, keys, function (key) {
      if (typeof key === "symbol" || !call(StringMatch, key, /^\d+$/)) {
        push(output, formatProperty(ctx, value, recurseTimes, visibleKeys, key, true));
      }
    });
    return output;
  }
  function formatSet(ctx, value, recurseTimes, visibleKeys, keys) {
    const output = [];
    call(SetForEach, value, function (v) {
      push(output, formatValue(ctx, v, recurseTimes === null ? null : recurseTimes - 1));
    });
    call(ArrayForEach, keys, function (key) {
      push(output, formatProperty(ctx, value, recurseTimes, visibleKeys, key, false));
    });
    return output;
  }
  function formatMap(ctx, value, recurseTimes, visibleKeys, keys) {
    const output = [];
    call(MapForEach, value, function (v, k) {
      const nextRecurseTimes = recurseTimes === null ? null : recurseTimes - 1;
      push(output, formatValue(ctx, k, nextRecurseTimes) + " => " + formatValue(ctx, v, nextRecurseTimes));
    });
    call(ArrayForEach, keys, function (key) {
      push(output, formatProperty(ctx, value, recurseTimes, visibleKeys, key, false));
    });
    return output;
  }
  const indent = (text, by) => call(ArrayJoin, call(ArrayMap, call(StringSplit, text, "\n"),
    function (line) { return by + line; }), "\n");
  function formatProperty(ctx, value, recurseTimes, visibleKeys, key, array) {
    let name, text;
    const desc = getOwnPropertyDescriptor(value, key) || { value: value[key] };
    if (desc.get) text = ctx.stylize(desc.set ? "[Getter/Setter]" : "[Getter]", "special");
    else if (desc.set) text = ctx.stylize("[Setter]", "special");
    if (!hasOwnProperty(visibleKeys, key)) {
      if (typeof key === "symbol") name = "[" + ctx.stylize(call(SymbolToString, key), "symbol") + "]";
      else name = "[" + key + "]";
    }
    if (!text) {
      if (call(ArrayIndexOf, ctx.seen, desc.value) < 0) {
        if (recurseTimes === null) text = formatValue(ctx, desc.value, null);
        else text = formatValue(ctx, desc.value, recurseTimes - 1);
        if (call(StringIndexOf, text, "\n") > -1) {
          if (array) text = call(StringSubstr, indent(text, "  "), 2);
          else text = "\n" + indent(text, "   ");
        }
      } else {
        text = ctx.stylize("[Circular]", "special");
      }
    }
    if (name === undefined) {
      if (array && call(StringMatch, key, /^\d+$/)) return text;
      name = JSONstringify("" + key);
      if (call(StringMatch, name, /^"([a-zA-Z_][a-zA-Z_0-9]*)"$/)) {
        name = ctx.stylize(call(StringSubstr, name, 1, name.length - 2), "name");
      } else {
        name = call(StringReplace, name, /'/g, "\\'");
        name = call(StringReplace, name, /\\"/g, "\"");
        name = call(StringReplace, name, /(^"|"$)/g, "'");
        name = call(StringReplace, name, /\\\\/g, "\\");
        name = ctx.stylize(name, "string");
      }
    }
    return name + ": " + text;
  }
  function reduceToSingleString(output, base, braces) {
    const length = call(ArrayReduce, output, function (prev, cur) {
      return prev + call(StringReplace, cur, /\u001b\[\d\d?m/g, "").length + 1;
    }, 0);
    if (length > 60) {
      // a long opening "brace" ("Set {") puts the first item on the next line
      return braces[0] + (base === "" && braces[0].length === 1 ? "" : base + "\n ") + " " +
        call(ArrayJoin, output, ",\n  ") + " " + braces[1];
    }
    return braces[0] + base + " " + call(ArrayJoin, output, ", ") + " " + braces[1];
  }
  const isBoolean = (arg) => typeof arg === "boolean";
  const isNull = (arg) => arg === null;
  const isNullOrUndefined = (arg) => arg === null || arg === undefined;
  const isNumber = (arg) => typeof arg === "number";
  const isString = (arg) => typeof arg === "string";
  const isSymbol = (arg) => typeof arg === "symbol";
  const isUndefined = (arg) => arg === undefined;
  const isRegExp = (re) => objectToString(re) === "[object RegExp]";
  const isObject = (arg) => arg !== null && typeof arg === "object";
  const isDate = (d) => objectToString(d) === "[object Date]";
  const isError = (e) => objectToString(e) === "[object Error]" || e instanceof ErrorCtor;
  const isFunction = (arg) => typeof arg === "function";
  const isPrimitive = (arg) => arg === null || typeof arg !== "object" && typeof arg !== "function";
  Object.assign(exports, { isBoolean, isNull, isNullOrUndefined, isNumber, isString, isSymbol, isUndefined, isRegExp,
    isObject, isDate, isError, isFunction, isPrimitive });
  exports.isArray = isArray;
  exports.isBuffer = Buffer.isBuffer;
  const pad = (n) => (n < 10 ? "0" + call(NumberToString, n, 10) : call(NumberToString, n, 10));
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function timestamp() {  // 26 Feb 16:19:34 (on the fake clock)
    const d = new FakeDate();
    const t = call(ArrayJoin, [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())], ":");
    return call(ArrayJoin, [d.getDate(), months[d.getMonth()], t], " ");
  }
  exports.log = function () {
    console.log("%s - %s", timestamp(), apply(exports.format, exports, arguments));
  };
  exports.inherits = function (ctor, superCtor) {
    if (ctor === undefined || ctor === null) {
      throw new TypeErrorCtor("The constructor to `inherits` must not be null or undefined.");
    }
    if (superCtor === undefined || superCtor === null) {
      throw new TypeErrorCtor("The super constructor to `inherits` must not be null or undefined.");
    }
    if (superCtor.prototype === undefined) {
      throw new TypeErrorCtor("The super constructor to `inherits` must have a prototype.");
    }
    ctor.super_ = superCtor;
    ctor.prototype = ObjectCreate(superCtor.prototype, {
      constructor: { value: ctor, enumerable: false, writable: true, configurable: true },
    });
  };
  exports._extend = function (origin, add) {
    if (add === null || typeof add !== "object") return origin;
    const keys = ObjectKeys(add);
    let i = keys.length;
    while (i--) origin[keys[i]] = add[keys[i]];
    return origin;
  };
  // Deprecated old stuff.
  exports.p = deprecate(function () {
    for (let i = 0, len = arguments.length; i < len; ++i) console.error(exports.inspect(arguments[i]));
  }, "util.p is deprecated. Use console.error instead.");
  exports.exec = deprecate(function () {
    return apply(require("child_process").exec, this, arguments);
  }, "util.exec is deprecated. Use child_process.exec instead.");
  exports.print = deprecate(function () {
    for (let i = 0, len = arguments.length; i < len; ++i) g.process.stdout.write(str(arguments[i]));
  }, "util.print is deprecated. Use console.log instead.");
  exports.puts = deprecate(function () {
    for (let i = 0, len = arguments.length; i < len; ++i) g.process.stdout.write(arguments[i] + "\n");
  }, "util.puts is deprecated. Use console.log instead.");
  exports.debug = deprecate(function (x) {
    g.process.stderr.write("DEBUG: " + x + "\n");
  }, "util.debug is deprecated. Use console.error instead.");
  exports.error = deprecate(function (x) {
    for (let i = 0, len = arguments.length; i < len; ++i) g.process.stderr.write(arguments[i] + "\n");
  }, "util.error is deprecated. Use console.error instead.");
  exports.pump = deprecate(function (readStream, writeStream, cb) {
    let callbackCalled = false;
    function done(a, b, c) {
      if (cb && !callbackCalled) {
        cb(a, b, c);
        callbackCalled = true;
      }
    }
    readStream.addListener("data", function (chunk) {
      if (writeStream.write(chunk) === false) readStream.pause();
    });
    writeStream.addListener("drain", function () { readStream.resume(); });
    readStream.addListener("end", function () { writeStream.end(); });
    readStream.addListener("close", function () { done(); });
    readStream.addListener("error", function (err) {
      writeStream.end();
      done(err);
    });
    writeStream.addListener("error", function (err) {
      readStream.destroy();
      done(err);
    });
  }, "util.pump is deprecated. Use readableStream.pipe instead.");
  return exports;
})();
